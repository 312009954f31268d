// Writes the seed inputs of borsh_fuzz and trie_node_fuzz (valid encodings
// of every type each target decodes, in the target's input layout):
//   fuzz_seed_gen OUT_DIR   -> OUT_DIR/borsh_fuzz/*, OUT_DIR/trie_node_fuzz/*
// The seeds are checked in under fuzz/seeds/; they only start the fuzzer
// off (their round trips are the targets' own properties, not expectations).
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "primitives/account.h"
#include "primitives/base58.h"
#include "primitives/receipt.h"
#include "primitives/transaction.h"
#include "store/merkle.h"
#include "store/proof.h"
#include "store/recorder.h"
#include "store/trie_key.h"
#include "trie_fixture.h"

using namespace nearrt;
using namespace nearrt::store;

namespace {

std::string g_out;
int g_count = 0;

void Write(const std::string& target, const std::string& name, uint8_t selector, ByteView body) {
  std::string dir = g_out + "/" + target;
  mkdir(g_out.c_str(), 0755);
  mkdir(dir.c_str(), 0755);
  std::string path = dir + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::fputc(selector, f);
  std::fwrite(body.data(), 1, body.size(), f);
  std::fclose(f);
  ++g_count;
}

AccountId Id(const char* s) { return *AccountId::Parse(s); }

PublicKey Ed(const char* seed) { return Signer::FromSeed(KeyType::kEd25519, seed).public_key(); }
PublicKey Secp(const char* seed) { return Signer::FromSeed(KeyType::kSecp256k1, seed).public_key(); }
PublicKey MlDsa() {
  PublicKey pk;
  pk.type = KeyType::kMlDsa65;
  pk.data.assign(PublicKeyDataLen(KeyType::kMlDsa65), 0x5a);
  return pk;
}

AccessKey FunctionCallKey(bool gas_key) {
  AccessKey k;
  k.nonce = 7;
  k.permission.kind = gas_key ? AccessKeyPermission::Kind::kGasKeyFunctionCall
                              : AccessKeyPermission::Kind::kFunctionCall;
  k.permission.function_call = {Balance(10) * 1000000000000000000ull, "app.near", {"a", "b_c"}};
  if (gas_key) k.permission.gas_key = {Balance(5), 16};
  return k;
}

std::vector<Action> AllActions(bool with_delegate) {
  std::vector<Action> a;
  a.push_back(CreateAccountAction{});
  a.push_back(DeployContractAction{{0, 'a', 's', 'm', 1, 0, 0, 0}});
  a.push_back(FunctionCallAction{"ft_transfer", ToBytes("{\"receiver_id\":\"bob.near\"}"), 30000000000000ull, 1});
  a.push_back(TransferAction{Balance(1000000000000000000ull) * 1000000});
  a.push_back(StakeAction{Balance(1) << 100, Ed("validator")});
  a.push_back(AddKeyAction{Secp("k"), AccessKey::FullAccess(3)});
  a.push_back(AddKeyAction{Ed("fc"), FunctionCallKey(false)});
  AccessKey gas_full;
  gas_full.permission.kind = AccessKeyPermission::Kind::kGasKeyFullAccess;
  gas_full.permission.gas_key = {Balance(0), 4};
  a.push_back(AddKeyAction{Ed("gas"), gas_full});
  a.push_back(AddKeyAction{Ed("gasfc"), FunctionCallKey(true)});
  a.push_back(DeleteKeyAction{Ed("old")});
  a.push_back(DeleteAccountAction{Id("bob.near")});
  a.push_back(DeployGlobalContractAction{{0, 'a', 's', 'm'}, 0});
  a.push_back(DeployGlobalContractAction{{1, 2, 3}, 1});
  GlobalContractId by_hash;
  by_hash.code_hash = CryptoHash::Of(AsBytes("code"));
  GlobalContractId by_account;
  by_account.kind = GlobalContractId::Kind::kAccountId;
  by_account.account_id = Id("global.near");
  a.push_back(UseGlobalContractAction{by_hash});
  a.push_back(UseGlobalContractAction{by_account});
  DeterministicStateInitAction init;
  init.code = by_account;
  init.data = {{ToBytes("a"), ToBytes("1")}, {ToBytes("key"), ToBytes("value")}};
  init.deposit = 42;
  a.push_back(init);
  a.push_back(TransferToGasKeyAction{Ed("gas"), 99});
  a.push_back(WithdrawFromGasKeyAction{Ed("gas"), 98});
  if (with_delegate) {
    for (bool v2 : {false, true}) {
      auto d = std::make_shared<SignedDelegateAction>();
      d->delegate_action.v2 = v2;
      d->delegate_action.sender_id = Id("alice.near");
      d->delegate_action.receiver_id = Id("bob.near");
      d->delegate_action.actions = AllActions(false);
      d->delegate_action.nonce.nonce = 5;
      if (v2) d->delegate_action.nonce.nonce_index = 3;
      d->delegate_action.max_block_height = 1000;
      d->delegate_action.public_key = Ed("alice.near");
      d->signature = Signer::FromSeed(KeyType::kEd25519, "alice.near").Sign(d->delegate_action.SigningHash().view());
      a.push_back(std::shared_ptr<const SignedDelegateAction>(d));
    }
  }
  return a;
}

template <class T>
Bytes Borsh(const T& v) {
  BorshWriter w;
  v.Write(w);
  return w.Take();
}

void BorshSeeds() {
  const std::string t = "borsh_fuzz";
  Signer alice = Signer::FromSeed(KeyType::kEd25519, "alice.near");
  Signer secp = Signer::FromSeed(KeyType::kSecp256k1, "alice.near");
  // Transactions.
  Transaction transfer;
  transfer.signer_id = Id("alice.near");
  transfer.public_key = alice.public_key();
  transfer.nonce.nonce = 1;
  transfer.receiver_id = Id("bob.near");
  transfer.actions.push_back(TransferAction{Balance(1000000000000000000ull) * 1000000});
  Transaction all = transfer;
  all.actions = AllActions(true);
  Transaction v1 = transfer;
  v1.v1 = true;
  v1.nonce.nonce_index = 7;
  v1.nonce_mode = NonceMode::kStrict;
  Transaction v1_secp = all;
  v1_secp.v1 = true;
  v1_secp.public_key = secp.public_key();
  int i = 0;
  for (const Transaction* tx : {&transfer, &all, &v1, &v1_secp}) {
    std::string n = std::to_string(i++);
    SignedTransaction st = SignedTransaction::Sign(*tx, tx == &v1_secp ? secp : alice);
    Write(t, "signed_tx_" + n, 0, st.ToBorsh());
    Write(t, "tx_" + n, 1, tx->ToBorsh());
  }
  SignedTransaction mldsa = SignedTransaction::Sign(transfer, alice);
  mldsa.transaction.public_key = MlDsa();
  mldsa.signature.type = KeyType::kMlDsa65;
  mldsa.signature.data.assign(SignatureDataLen(KeyType::kMlDsa65), 1);
  Write(t, "signed_tx_mldsa", 0, mldsa.ToBorsh());

  // Receipts of every kind.
  Receipt action = Receipt::NewGasRefund(Id("alice.near"), 77, alice.public_key());
  action.receipt_id = CryptoHash::Of(AsBytes("id"));
  action.action.actions = AllActions(true);
  action.action.output_data_receivers.push_back({CryptoHash::Of(AsBytes("d")), Id("carol.near")});
  action.action.input_data_ids.push_back(CryptoHash::Of(AsBytes("in")));
  std::vector<Receipt> receipts{action};
  Receipt v2 = action;
  v2.kind = ReceiptKind::kActionV2;
  v2.action.v2 = true;
  v2.action.refund_to = Id("refund.near");
  receipts.push_back(v2);
  Receipt yield = action;
  yield.kind = ReceiptKind::kPromiseYield;
  receipts.push_back(yield);
  Receipt yield2 = v2;
  yield2.kind = ReceiptKind::kPromiseYieldV2;
  yield2.action.refund_to.reset();
  receipts.push_back(yield2);
  Receipt data = action;
  data.kind = ReceiptKind::kData;
  data.data.data_id = CryptoHash::Of(AsBytes("data"));
  data.data.data = ToBytes("result");
  receipts.push_back(data);
  Receipt resume = data;
  resume.kind = ReceiptKind::kPromiseResume;
  resume.data.data.reset();
  receipts.push_back(resume);
  for (uint8_t version : {0, 1}) {
    Receipt g = action;
    g.kind = ReceiptKind::kGlobalContractDistribution;
    g.global.version = version;
    g.global.id.kind = GlobalContractId::Kind::kAccountId;
    g.global.id.account_id = Id("global.near");
    g.global.target_shard = 3;
    g.global.already_delivered_shards = {0, 1, 2};
    g.global.code = {0, 'a', 's', 'm'};
    g.global.nonce = version ? 9 : 0;
    receipts.push_back(g);
  }
  i = 0;
  for (const Receipt& r : receipts) {
    std::string n = std::to_string(i++);
    Write(t, "receipt_" + n, 2, r.ToBorsh());
  }
  StateStoredReceipt s1{action, 10, 20};
  Write(t, "state_stored_v1", 10, s1.ToBorsh());
  StateStoredReceipt s0{data, 1, 2, StateStoredReceipt::Format::kV0};
  Write(t, "state_stored_v0", 10, s0.ToBorsh());
  Write(t, "state_stored_plain", 10, yield.ToBorsh());

  // Each action alone, with and without delegates allowed, and as a list.
  std::vector<Action> actions = AllActions(true);
  for (size_t k = 0; k < actions.size(); ++k) {
    std::string n = std::to_string(k);
    Write(t, "action_" + n, 3, Borsh(actions[k]));
    if (!actions[k].delegate()) Write(t, "nondelegate_action_" + n, 4, Borsh(actions[k]));
  }
  BorshWriter list;
  WriteActions(list, actions);
  Write(t, "actions", 5, list.data());

  // Accounts.
  Account plain(Balance(1) << 80, 0, AccountContract(), 182);
  Account local(5, 6, AccountContract::FromLocalCodeHash(CryptoHash::Of(AsBytes("c"))), 1000);
  AccountContract global;
  global.kind = AccountContract::Kind::kGlobal;
  global.hash = CryptoHash::Of(AsBytes("g"));
  Account by_hash(7, 0, global, 100);
  AccountContract global_acc;
  global_acc.kind = AccountContract::Kind::kGlobalByAccount;
  global_acc.account_id = Id("global.near");
  Account by_acc(8, 1, global_acc, 100);
  i = 0;
  for (const Account* a : {&plain, &local, &by_hash, &by_acc}) Write(t, "account_" + std::to_string(i++), 6, a->ToBorsh());
  for (const AccountContract& c : {AccountContract(), local.contract(), global, global_acc}) {
    Write(t, "account_contract_" + std::to_string(i++), 13, Borsh(c));
  }

  // Access keys, keys, signatures.
  AccessKey gas_full;
  gas_full.permission.kind = AccessKeyPermission::Kind::kGasKeyFullAccess;
  gas_full.permission.gas_key = {Balance(3), 1024};
  i = 0;
  for (const AccessKey& k : {AccessKey::FullAccess(1), FunctionCallKey(false), gas_full, FunctionCallKey(true)}) {
    Write(t, "access_key_" + std::to_string(i++), 7, k.ToBorsh());
  }
  Write(t, "public_key_ed25519", 8, alice.public_key().ToBorsh());
  Write(t, "public_key_secp256k1", 8, secp.public_key().ToBorsh());
  Write(t, "public_key_mldsa", 8, MlDsa().ToBorsh());
  Write(t, "signature_ed25519", 9, Borsh(alice.Sign(AsBytes("m"))));
  Write(t, "signature_secp256k1", 9, Borsh(secp.Sign(CryptoHash::Of(AsBytes("m")).view())));
  Write(t, "signature_mldsa", 9, Borsh(mldsa.signature));
  Write(t, "received_data_some", 11, ReceivedData{ToBytes("x")}.ToBorsh());
  Write(t, "received_data_none", 11, ReceivedData{}.ToBorsh());
  Write(t, "global_id_hash", 12, Borsh(actions[13].get<UseGlobalContractAction>()->contract_identifier));
  Write(t, "global_id_account", 12, Borsh(actions[14].get<UseGlobalContractAction>()->contract_identifier));
  TransactionNonce n1{5, std::nullopt}, n2{6, uint16_t(2)};
  Write(t, "nonce_plain", 14, Borsh(n1));
  Write(t, "nonce_gas_key", 14, Borsh(n2));

  // Text forms: selector 15, then which parser.
  auto text = [&](const std::string& name, uint8_t which, const std::string& s) {
    Bytes body{which};
    body.insert(body.end(), s.begin(), s.end());
    Write(t, name, 15, body);
  };
  text("text_account_id", 0, "app.alice.near");
  text("text_account_id_eth", 0, "0x1234567890abcdef1234567890abcdef12345678");
  text("text_public_key", 1, alice.public_key().ToString());
  text("text_public_key_secp", 1, "SECP256K1:" + secp.public_key().ToString().substr(10));
  text("text_signature", 2, alice.Sign(AsBytes("m")).ToString());
  text("text_hash", 3, CryptoHash::Of(AsBytes("h")).ToBase58());
  text("text_base58", 4, "111zzz");
  std::string secret = "alice.near";
  secret.resize(32, ' ');
  text("text_secret_key", 5, "ed25519:" + Base58Encode(AsBytes(secret)));
}

void TrieSeeds() {
  const std::string t = "trie_node_fuzz";
  const Trie& trie = nearrt::fuzz::FixtureTrie();
  // Mode 0: every node of the fixture (its view_state proof visits them all).
  auto all = ViewState(trie, {}, true);
  int i = 0;
  for (const Bytes& node : all->proof) Write(t, "node_" + std::to_string(i++), 0, node);

  // Mode 1: TrieChanges of an update (insertions and deletions).
  std::vector<KeyChange> changes{{ToBytes("abc"), std::nullopt}, {ToBytes("abz"), ToBytes("new")},
                                 {ToBytes("b"), ToBytes("changed")}};
  auto upd = trie.Update(changes, UpdateOptions{true});
  Write(t, "trie_changes", 1, upd->changes.ToBorsh());

  // Mode 2: PartialState, merkle path and tree, trie keys.
  TrieRecorder recorder;
  Trie recorded = trie;
  recorded.set_recorder(&recorder);
  for (const char* k : {"abd", "bob.near", "nope"}) (void)recorded.Get(ToBytes(k));
  PartialState witness = recorder.ToPartialState();
  Bytes w{0};
  Bytes ws = witness.ToBorsh();
  w.insert(w.end(), ws.begin(), ws.end());
  Write(t, "partial_state", 2, w);
  auto [root, paths] = Merklize({ToBytes("a"), ToBytes("b"), ToBytes("c")});
  Bytes mp{1};
  Bytes mps = MerklePathToBorsh(paths[2]);
  mp.insert(mp.end(), mps.begin(), mps.end());
  Write(t, "merkle_path", 2, mp);
  PartialMerkleTree tree;
  for (int k = 0; k < 5; ++k) tree.Insert(CryptoHash::Of(Bytes{uint8_t(k)}));
  Bytes pt{2};
  Bytes pts = tree.ToBorsh();
  pt.insert(pt.end(), pts.begin(), pts.end());
  Write(t, "partial_merkle_tree", 2, pt);
  PublicKeyHandle ed = *PublicKeyHandle::Make(PublicKeyHandle::kEd25519, Ed("k").data);
  GlobalContractCodeIdentifier gid;
  gid.kind = GlobalContractCodeIdentifier::kAccountId;
  gid.account_id = Id("global.near");
  const CryptoHash h = CryptoHash::Of(AsBytes("x"));
  std::vector<TrieKey> keys{TrieKey::Account(Id("alice.near")), TrieKey::ContractCode(Id("alice.near")),
                            TrieKey::AccessKey(Id("alice.near"), ed), TrieKey::GasKeyNonce(Id("alice.near"), ed, 3),
                            TrieKey::ReceivedData(Id("bob.near"), h), TrieKey::PostponedReceiptId(Id("bob.near"), h),
                            TrieKey::PendingDataCount(Id("bob.near"), h), TrieKey::PostponedReceipt(Id("bob.near"), h),
                            TrieKey::DelayedReceiptIndices(), TrieKey::DelayedReceipt(5),
                            TrieKey::ContractData(Id("alice.near"), AsBytes("STATE")),
                            TrieKey::PromiseYieldIndices(), TrieKey::PromiseYieldTimeout(2),
                            TrieKey::PromiseYieldReceipt(Id("bob.near"), h), TrieKey::BufferedReceiptIndices(),
                            TrieKey::BufferedReceipt(1, 2), TrieKey::BandwidthSchedulerState(),
                            TrieKey::BufferedReceiptGroupsQueueData(1), TrieKey::BufferedReceiptGroupsQueueItem(1, 2),
                            TrieKey::GlobalContractCode(gid), TrieKey::GlobalContractNonce(gid),
                            TrieKey::PromiseYieldStatus(Id("bob.near"), h), TrieKey::YieldIdToDataId(Id("bob.near"), h),
                            TrieKey::DataIdToYieldId(Id("bob.near"), h)};
  i = 0;
  for (const TrieKey& k : keys) {
    Bytes b{3};
    Bytes raw = k.ToBytes();
    b.insert(b.end(), raw.begin(), raw.end());
    Write(t, "trie_key_" + std::to_string(i++), 2, b);
  }

  // Mode 3: the witness as a node source (root index, ops, state).
  size_t root_index = 0;
  for (size_t k = 0; k < witness.values.size(); ++k) {
    if (CryptoHash::Of(witness.values[k]) == trie.root_hash()) root_index = k;
  }
  Bytes ops{uint8_t(root_index), 4};
  auto op = [&](uint8_t code, const std::string& key, const std::string* value) {
    ops.push_back(value ? uint8_t(code | 0x80) : code);
    ops.push_back(uint8_t(key.size()));
    ops.insert(ops.end(), key.begin(), key.end());
    if (value) {
      ops.push_back(uint8_t(value->size()));
      ops.push_back(uint8_t(value->size() >> 8));
      ops.insert(ops.end(), value->begin(), value->end());
    }
  };
  std::string nv = "new value";
  op(0, "abd", nullptr);
  op(2, "a", nullptr);
  op(3, "abd", &nv);
  op(3, "bob.near", nullptr);
  ops.insert(ops.end(), ws.begin(), ws.end());
  Write(t, "witness_ops", 3, ops);

  // Mode 4: proofs of present and absent keys.
  i = 0;
  for (const char* k : {"abc", "a", "bob.near", "nope", "zzzzzzzzzzzzzzzzzzzz", "ab"}) {
    auto proof = ProveKey(trie, ToBytes(k));
    Bytes b{uint8_t(std::string(k).size())};
    b.insert(b.end(), k, k + std::string(k).size());
    b.push_back(proof->value ? 1 : 0);
    if (proof->value) {
      b.push_back(uint8_t(proof->value->size()));
      b.push_back(uint8_t(proof->value->size() >> 8));
      b.insert(b.end(), proof->value->begin(), proof->value->end());
    }
    for (const Bytes& node : proof->nodes) {
      b.push_back(uint8_t(node.size()));
      b.push_back(uint8_t(node.size() >> 8));
      b.insert(b.end(), node.begin(), node.end());
    }
    Write(t, "proof_" + std::to_string(i++), 4, b);
  }

  // Mode 5: a store holding the fixture's nodes, its root as head, and
  // the update's deletions.
  Bytes db{uint8_t(std::min<size_t>(all->proof.size(), 7))};
  for (size_t k = 0; k < all->proof.size() && k < 7; ++k) {
    db.push_back(1);  // stored under its hash
    db.push_back(uint8_t(all->proof[k].size()));
    db.push_back(uint8_t(all->proof[k].size() >> 8));
    db.insert(db.end(), all->proof[k].begin(), all->proof[k].end());
  }
  db.push_back(1);  // head: seq, root = node 0
  for (int k = 0; k < 8; ++k) db.push_back(k == 0 ? 3 : 0);
  db.push_back(0);
  db.push_back(1);  // gc_tail
  db.push_back(8);
  for (int k = 0; k < 8; ++k) db.push_back(k == 0 ? 1 : 0);
  db.push_back(1);  // one deletions record for commit 2
  db.push_back(2);
  Bytes del = upd->changes.ToBorsh();
  db.push_back(uint8_t(del.size()));
  db.push_back(uint8_t(del.size() >> 8));
  db.insert(db.end(), del.begin(), del.end());
  for (const char* k : {"a", "abc", "zz"}) {
    db.push_back(uint8_t(std::string(k).size()));
    db.insert(db.end(), k, k + std::string(k).size());
  }
  Write(t, "state_store", 5, db);

  // Mode 6: refcounted values.
  Bytes rc{1, 11, 'n', 'o', 'd', 'e', 1, 0, 0, 0, 0, 0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  Write(t, "refcounts", 6, rc);

  // Mode 7: prefixes.
  Write(t, "prefix_ab", 7, Bytes{2, 'a', 'b', 1});
  Write(t, "prefix_empty", 7, Bytes{0, 0});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seed_gen OUT_DIR\n");
    return 2;
  }
  g_out = argv[1];
  BorshSeeds();
  TrieSeeds();
  std::printf("wrote %d seeds under %s\n", g_count, g_out.c_str());
  return 0;
}
