// The PV85 actions end to end: global contracts (DeployGlobalContract by code
// hash and by account id, the distribution receipt, UseGlobalContract,
// redeploys), DeterministicStateInit (NEP-616), gas keys (AddKey, nonce rows,
// TransferToGasKey, gas-key transactions incl. the deposit-failure outcome,
// refunds to the key, WithdrawFromGasKey, DeleteKey burning the balance) and
// DelegateV2 with gas-key nonces. Storage usage follows runtime.md §6.3,
// balances are checked to the yoctoNEAR and the supply is conserved
// (gas-key balances included).
#include <gtest/gtest.h>

#include "chain/scenario_env.h"
#include "primitives/hash_ids.h"
#include "runtime/state.h"

namespace nearrt::chain {
namespace {

using namespace scenario;  // NOLINT: test harness

const Balance kGlobalPerByte = B("100000000000000000000");  // 0.0001 N (global_contract_storage_amount_per_byte)
const Balance kStoragePerByte = B("10000000000000000000");  // 1e19 yN

uint64_t Storage(Env& env, const char* id) {
  auto a = env.chain->GetAccount(Id(id));
  return a.ok() && *a ? (*a)->storage_usage() : 0;
}

const ExecutionOutcomeWithId* ReceiptOutcome(Env& env, const SignedTransaction& tx) {
  const ExecutionOutcomeWithId* t = env.Outcome(tx.hash);
  if (!t || t->outcome.receipt_ids.empty()) return nullptr;
  return env.Outcome(t->outcome.receipt_ids[0]);
}

std::string FailureJson(Env& env, const SignedTransaction& tx) {
  const ExecutionStatus* s = env.FinalStatus(tx.hash);
  return s && s->is_failure() ? s->failure.ToJson() : "<no failure>";
}

// ---- global contracts ----

TEST(ActionScenarios, GlobalContractByHashAndByAccount) {
  Bytes rt = TestContract("rt_test");
  ASSERT_FALSE(rt.empty());
  auto status = ReadFile(SharedContract("runtime__runtime-params-estimator__res__status_message.wasm"));
  ASSERT_TRUE(status.ok());
  Env env("mainnet", {Account("poor.near", kNear / 100)});
  Snapshot before(env, {"alice.near"});

  // By code hash: the deployer pays 0.0001 N per byte, burnt.
  auto deploy = env.Tx("alice.near", "alice.near", {DeployGlobalContractAction{rt, 0}});
  const BlockResult& b1 = env.Block({deploy});
  const ExecutionOutcomeWithId* r = ReceiptOutcome(env, deploy);
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->outcome.status.is_failure()) << r->outcome.status.failure.ToJson();
  EXPECT_EQ(r->outcome.tokens_burnt, static_cast<Balance>(r->outcome.gas_burnt) * b1.gas_price +
                                         kGlobalPerByte * rt.size());
  // The distribution receipt goes out to "system" and is not listed in receipt_ids.
  const Receipt* dist = nullptr;
  for (const auto& o : b1.apply.outgoing_receipts) {
    if (o.kind == ReceiptKind::kGlobalContractDistribution) dist = &o;
  }
  ASSERT_NE(dist, nullptr);
  EXPECT_EQ(dist->receiver_id.str(), "system");
  EXPECT_EQ(dist->predecessor_id.str(), "alice.near");
  EXPECT_EQ(dist->global.nonce, 1u);
  EXPECT_EQ(dist->global.id.code_hash, CryptoHash::Of(rt));
  for (const auto& id : r->outcome.receipt_ids) EXPECT_NE(id, dist->receipt_id);
  const BlockResult& b2 = env.Block({});
  for (const auto& o : b2.apply.outcomes) EXPECT_NE(o.id, dist->receipt_id);  // no outcome
  env.Idle();

  // bob uses it by hash: storage +32, the account becomes V2 with Global(hash).
  uint64_t bob_storage = Storage(env, "bob.near");
  GlobalContractId by_hash;
  by_hash.code_hash = CryptoHash::Of(rt);
  auto use = env.Tx("bob.near", "bob.near", {UseGlobalContractAction{by_hash}});
  env.Block({use});
  env.Idle();
  EXPECT_EQ(env.FinalValue(use.hash), "");
  EXPECT_EQ(Storage(env, "bob.near"), bob_storage + 32);
  auto bob = env.chain->GetAccount(Id("bob.near"));
  ASSERT_TRUE(bob.ok() && bob->has_value());
  EXPECT_TRUE((*bob)->is_v2());
  EXPECT_EQ((*bob)->contract().kind, AccountContract::Kind::kGlobal);
  auto call = env.Call("alice.near", "bob.near", "echo", ToBytes("via global"));
  env.Block({call});
  env.Idle();
  EXPECT_EQ(env.FinalValue(call.hash), "via global");

  // By account id: "near" follows alice.near's contract; a redeploy switches it.
  auto deploy_acc = env.Tx("alice.near", "alice.near", {DeployGlobalContractAction{rt, 1}});
  env.Block({deploy_acc});
  env.Idle();
  GlobalContractId by_acc;
  by_acc.kind = GlobalContractId::Kind::kAccountId;
  by_acc.account_id = Id("alice.near");
  uint64_t near_storage = Storage(env, "near");
  auto use2 = env.Tx("near", "near", {UseGlobalContractAction{by_acc}});
  env.Block({use2});
  env.Idle();
  EXPECT_EQ(Storage(env, "near"), near_storage + std::string("alice.near").size());
  auto c1 = env.Call("bob.near", "near", "echo", ToBytes("v1"));
  env.Block({c1});
  env.Idle();
  EXPECT_EQ(env.FinalValue(c1.hash), "v1");
  auto redeploy = env.Tx("alice.near", "alice.near", {DeployGlobalContractAction{*status, 1}});
  const BlockResult& rb = env.Block({redeploy});
  for (const auto& o : rb.apply.outgoing_receipts) {
    if (o.kind == ReceiptKind::kGlobalContractDistribution) {
      EXPECT_EQ(o.global.nonce, 2u);
    }
  }
  env.Idle();
  auto c2 = env.Call("bob.near", "near", "set_status", ToBytes(R"({"message":"global"})"));
  env.Block({c2});
  env.Idle();
  EXPECT_EQ(env.FinalValue(c2.hash), "");
  EXPECT_EQ(env.View("near", "get_status", R"({"account_id":"bob.near"})"), "\"global\"");

  // Errors: an unknown identifier; a deployer that cannot pay the burn.
  GlobalContractId missing;
  missing.code_hash = CryptoHash::Of(ToBytes("nothing"));
  auto bad_use = env.Tx("bob.near", "bob.near", {UseGlobalContractAction{missing}});
  env.Block({bad_use});
  env.Idle();
  EXPECT_EQ(FailureJson(env, bad_use),
            R"({"ActionError":{"index":0,"kind":{"GlobalContractDoesNotExist":{"identifier":{"CodeHash":")" +
                missing.code_hash.ToBase58() + R"("}}}}})");
  auto poor = env.Tx("poor.near", "poor.near", {DeployGlobalContractAction{rt, 0}});
  env.Block({poor});
  env.Idle();
  EXPECT_EQ(FailureJson(env, poor),
            R"({"ActionError":{"index":0,"kind":{"LackBalanceForState":{"account_id":"poor.near","amount":")" +
                vm::BalanceToString(kGlobalPerByte * rt.size()) + R"("}}}})");
  env.ExpectSupplyConserved();
}

// ---- DeterministicStateInit ----

DeterministicStateInitAction StateInit(std::map<Bytes, Bytes> data, Balance deposit) {
  DeterministicStateInitAction a;
  a.code.kind = GlobalContractId::Kind::kAccountId;
  a.code.account_id = Id("alice.near");
  a.data = std::move(data);
  a.deposit = deposit;
  return a;
}

TEST(ActionScenarios, DeterministicStateInit) {
  Bytes rt = TestContract("rt_test");
  ASSERT_FALSE(rt.empty());
  Env env;
  env.Block({env.Tx("alice.near", "alice.near", {DeployGlobalContractAction{rt, 1}})});
  env.Idle();

  // A small state: a zero-balance account (storage <= 770), the whole deposit comes back.
  DeterministicStateInitAction small = StateInit({{ToBytes("k"), ToBytes("v")}}, kNear);
  std::string small_id = DeriveNearDeterministicAccountId(small.StateInitBorsh());
  ASSERT_EQ(small_id.substr(0, 2), "0s");
  {
    Snapshot before(env, {"bob.near"});
    auto tx = env.Tx("bob.near", small_id.c_str(), {small});
    env.Block({tx});
    env.Idle();
    EXPECT_EQ(env.FinalValue(tx.hash), "");
    EXPECT_EQ(Storage(env, small_id.c_str()), 100u + 10 + (1 + 1 + 40));
    EXPECT_EQ(env.Amount(small_id.c_str()), 0u);
    EXPECT_EQ(Str(*env.Data(small_id.c_str(), "k")), "v");
    ExpectLedger(env, before, "bob.near", 0, {});
  }
  // The account runs the global contract.
  auto call = env.Call("bob.near", small_id.c_str(), "echo", ToBytes("det"));
  env.Block({call});
  env.Idle();
  EXPECT_EQ(env.FinalValue(call.hash), "det");

  // A large state: the deposit tops the balance up to exactly the storage stake.
  DeterministicStateInitAction big = StateInit({{ToBytes("big"), Bytes(1000, 'x')}}, kNear);
  std::string big_id = DeriveNearDeterministicAccountId(big.StateInitBorsh());
  uint64_t big_storage = 100 + 10 + (3 + 1000 + 40);
  Balance stake = kStoragePerByte * big_storage;
  {
    Snapshot before(env, {"bob.near"});
    auto tx = env.Tx("bob.near", big_id.c_str(), {big});
    env.Block({tx});
    env.Idle();
    EXPECT_EQ(env.FinalValue(tx.hash), "");
    EXPECT_EQ(Storage(env, big_id.c_str()), big_storage);
    EXPECT_EQ(env.Amount(big_id.c_str()), stake);
    ExpectLedger(env, before, "bob.near", stake, {});
  }
  // Again on the existing account: nothing changes, the deposit is refunded.
  {
    Snapshot before(env, {"bob.near"});
    auto tx = env.Tx("bob.near", big_id.c_str(), {big});
    env.Block({tx});
    env.Idle();
    EXPECT_EQ(env.FinalValue(tx.hash), "");
    EXPECT_EQ(env.Amount(big_id.c_str()), stake);
    ExpectLedger(env, before, "bob.near", 0, {});
  }
  // The actor stays the predecessor: a following DeployContract is refused.
  DeterministicStateInitAction third = StateInit({{ToBytes("n"), ToBytes("3")}}, 0);
  std::string third_id = DeriveNearDeterministicAccountId(third.StateInitBorsh());
  auto hijack = env.Tx("bob.near", third_id.c_str(), {third, DeployContractAction{rt}});
  env.Block({hijack});
  env.Idle();
  EXPECT_EQ(FailureJson(env, hijack),
            R"({"ActionError":{"index":1,"kind":{"ActorNoPermission":{"account_id":")" + third_id +
                R"(","actor_id":"bob.near"}}}})");
  EXPECT_FALSE(env.chain->GetAccount(Id(third_id.c_str()))->has_value());  // rolled back
  // A receiver that is not the derived id is an invalid transaction.
  auto wrong = env.Tx("bob.near", big_id.c_str(), {small});
  const BlockResult& wb = env.Block({wrong});
  ASSERT_FALSE(wb.apply.outcomes.empty());
  EXPECT_EQ(wb.apply.outcomes[0].outcome.status.failure.ToJson(),
            R"({"InvalidTxError":{"ActionsValidation":{"InvalidDeterministicStateInitReceiver":{"receiver_id":")" +
                big_id + R"(","derived_id":")" + small_id + R"("}}}})");
  env.ExpectSupplyConserved();
}

// ---- gas keys ----

AccessKey GasKey(uint16_t num_nonces) {
  AccessKey ak;
  ak.permission.kind = AccessKeyPermission::Kind::kGasKeyFullAccess;
  ak.permission.gas_key.num_nonces = num_nonces;
  return ak;
}

SignedTransaction GasKeyTx(Env& env, const char* signer, const char* receiver, const char* key_seed,
                           Nonce nonce, uint16_t index, std::vector<Action> actions) {
  Signer s = Signer::FromSeed(KeyType::kEd25519, key_seed);
  Transaction tx;
  tx.v1 = true;
  tx.signer_id = Id(signer);
  tx.receiver_id = Id(receiver);
  tx.public_key = s.public_key();
  tx.nonce.nonce = nonce;
  tx.nonce.nonce_index = index;
  tx.block_hash = env.chain->last_block_hash();
  tx.actions = std::move(actions);
  return SignedTransaction::Sign(tx, s);
}

Balance KeyBalance(Env& env, const char* id, const PublicKey& pk) {
  auto ak = env.chain->GetAccessKey(Id(id), pk);
  return ak.ok() && *ak ? (*ak)->permission.gas_key.balance : 0;
}

std::optional<Nonce> NonceRow(Env& env, const char* id, const PublicKey& pk, uint16_t index) {
  store::TrieUpdate u = env.chain->store().NewUpdate(env.chain->state_root());
  auto n = runtime::GetGasKeyNonce(u, Id(id), pk, index);
  return n.ok() ? *n : std::nullopt;
}

TEST(ActionScenarios, GasKeys) {
  Env env;
  PublicKey gk = Signer::FromSeed(KeyType::kEd25519, "gas_key").public_key();
  uint64_t storage0 = Storage(env, "alice.near");
  auto add = env.Tx("alice.near", "alice.near", {AddKeyAction{gk, GasKey(3)}});
  env.Block({add});
  env.Idle();
  const uint64_t add_height = env.HeightOf(ReceiptOutcome(env, add)->id);
  // 33 + borsh(AccessKey{nonce, GasKeyFullAccess{balance, num_nonces}}) 27 + 40,
  // plus 3 nonce rows of 33 + 2 + 8 + 40.
  EXPECT_EQ(Storage(env, "alice.near"), storage0 + (33 + 27 + 40) + 3 * (33 + 2 + 8 + 40));
  EXPECT_EQ((*env.chain->GetAccessKey(Id("alice.near"), gk))->nonce, 0u);
  for (uint16_t i = 0; i < 3; ++i) EXPECT_EQ(NonceRow(env, "alice.near", gk, i), (add_height - 1) * 1'000'000);
  EXPECT_FALSE(NonceRow(env, "alice.near", gk, 3).has_value());

  // Fund the key from the account.
  auto fund = env.Tx("alice.near", "alice.near", {TransferToGasKeyAction{gk, kNear}});
  env.Block({fund});
  env.Idle();
  EXPECT_EQ(KeyBalance(env, "alice.near", gk), kNear);
  env.ExpectSupplyConserved();

  // A gas-key transaction: gas from the key (refunds come back to it), the deposit from the account.
  Balance alice0 = env.Amount("alice.near"), bob0 = env.Amount("bob.near");
  size_t from = env.blocks.size();
  Nonce n = (add_height - 1) * 1'000'000 + 1;
  auto t = GasKeyTx(env, "alice.near", "bob.near", "gas_key", n, 1, {TransferAction{123}});
  env.Block({t});
  env.Idle();
  EXPECT_EQ(env.FinalValue(t.hash), "");
  EXPECT_EQ(env.Amount("alice.near"), alice0 - 123);
  EXPECT_EQ(env.Amount("bob.near"), bob0 + 123);
  EXPECT_EQ(KeyBalance(env, "alice.near", gk), kNear - env.TokensBurnt(from));
  EXPECT_EQ(NonceRow(env, "alice.near", gk, 1), n);
  EXPECT_EQ(NonceRow(env, "alice.near", gk, 0), (add_height - 1) * 1'000'000);
  env.ExpectSupplyConserved();

  // Invalid: nonce index out of range, no nonce index, a reused nonce.
  auto bad_index = GasKeyTx(env, "alice.near", "bob.near", "gas_key", n + 1, 5, {TransferAction{1}});
  auto v0 = env.Tx("alice.near", "bob.near", {TransferAction{1}}, "gas_key");
  auto reused = GasKeyTx(env, "alice.near", "bob.near", "gas_key", n, 1, {TransferAction{2}});
  const BlockResult& bad = env.Block({bad_index, v0, reused});
  ASSERT_EQ(bad.apply.outcomes.size(), 3u);
  EXPECT_EQ(bad.apply.outcomes[0].outcome.status.failure.ToJson(),
            R"({"InvalidTxError":{"InvalidNonceIndex":{"tx_nonce_index":5,"num_nonces":3}}})");
  EXPECT_EQ(bad.apply.outcomes[1].outcome.status.failure.ToJson(),
            R"({"InvalidTxError":{"InvalidNonceIndex":{"tx_nonce_index":null,"num_nonces":3}}})");
  EXPECT_EQ(bad.apply.outcomes[2].outcome.status.failure.kind, "InvalidNonce");
  for (const auto& o : bad.apply.outcomes) EXPECT_EQ(o.outcome.gas_burnt, 0u);

  // The account cannot pay the deposit: the conversion gas is still taken
  // from the key, the nonce advances, no receipt is created.
  Balance key0 = KeyBalance(env, "alice.near", gk);
  alice0 = env.Amount("alice.near");
  auto too_much = GasKeyTx(env, "alice.near", "bob.near", "gas_key", n + 1, 1, {TransferAction{alice0 + 1}});
  const BlockResult& df = env.Block({too_much});
  ASSERT_EQ(df.apply.outcomes.size(), 1u);
  const ExecutionOutcome& fo = df.apply.outcomes[0].outcome;
  EXPECT_EQ(fo.status.failure.kind, "NotEnoughBalanceForDeposit");
  EXPECT_NE(fo.status.failure.ToJson().find(R"("reason":"NotEnoughBalance")"), std::string::npos);
  EXPECT_GT(fo.gas_burnt, 0u);
  EXPECT_EQ(fo.tokens_burnt, static_cast<Balance>(fo.gas_burnt) * df.gas_price);
  EXPECT_TRUE(fo.receipt_ids.empty());
  EXPECT_TRUE(df.apply.outgoing_receipts.empty());
  EXPECT_EQ(KeyBalance(env, "alice.near", gk), key0 - fo.tokens_burnt);
  EXPECT_EQ(env.Amount("alice.near"), alice0);
  EXPECT_EQ(NonceRow(env, "alice.near", gk, 1), n + 1);
  env.ExpectSupplyConserved();

  // Withdraw half of what is left, then delete the key: its balance (<= 1 N) is burnt.
  Balance left = KeyBalance(env, "alice.near", gk);
  alice0 = env.Amount("alice.near");
  from = env.blocks.size();
  auto withdraw = env.Tx("alice.near", "alice.near", {WithdrawFromGasKeyAction{gk, left / 2}});
  env.Block({withdraw});
  env.Idle();
  EXPECT_EQ(KeyBalance(env, "alice.near", gk), left - left / 2);
  EXPECT_EQ(env.Amount("alice.near"), alice0 + left / 2 - env.TokensBurnt(from));
  auto overdraw = env.Tx("alice.near", "alice.near", {WithdrawFromGasKeyAction{gk, kNear}});
  env.Block({overdraw});
  env.Idle();
  EXPECT_EQ(ReceiptOutcome(env, overdraw)->outcome.status.failure.kind, "InsufficientGasKeyBalance");
  Balance burnt_before = env.chain->total_burnt();
  auto del = env.Tx("alice.near", "alice.near", {DeleteKeyAction{gk}});
  env.Block({del});
  env.Idle();
  EXPECT_EQ(env.FinalValue(del.hash), "");
  const ExecutionOutcomeWithId* dr = ReceiptOutcome(env, del);
  EXPECT_EQ(dr->outcome.tokens_burnt,
            static_cast<Balance>(dr->outcome.gas_burnt) * env.GasPriceOf(dr->id) +
                (left - left / 2));
  EXPECT_GT(env.chain->total_burnt() - burnt_before, left - left / 2);
  EXPECT_FALSE(env.chain->GetAccessKey(Id("alice.near"), gk)->has_value());
  for (uint16_t i = 0; i < 3; ++i) EXPECT_FALSE(NonceRow(env, "alice.near", gk, i).has_value());
  EXPECT_EQ(Storage(env, "alice.near"), storage0);
  env.ExpectSupplyConserved();
}

TEST(ActionScenarios, GasKeyLimits) {
  Env env;
  PublicKey gk = Signer::FromSeed(KeyType::kEd25519, "rich_key").public_key();
  env.Block({env.Tx("alice.near", "alice.near", {AddKeyAction{gk, GasKey(1)}})});
  env.Idle();
  // An empty key cannot pay gas.
  auto broke = GasKeyTx(env, "alice.near", "bob.near", "rich_key", env.chain->height() * 1'000'000, 0,
                        {TransferAction{1}});
  const BlockResult& b = env.Block({broke});
  EXPECT_EQ(b.apply.outcomes[0].outcome.status.failure.kind, "NotEnoughGasKeyBalance");
  // More than 1 NEAR on a key: DeleteKey and DeleteAccount refuse to burn it.
  env.Block({env.Tx("alice.near", "alice.near", {TransferToGasKeyAction{gk, kNear * 2}})});
  env.Idle();
  auto del = env.Tx("alice.near", "alice.near", {DeleteKeyAction{gk}});
  env.Block({del});
  env.Idle();
  EXPECT_EQ(FailureJson(env, del),
            R"({"ActionError":{"index":0,"kind":{"GasKeyBalanceTooHigh":{"account_id":"alice.near","public_key":")" +
                gk.ToString() + R"(","balance":")" + vm::BalanceToString(kNear * 2) + R"("}}}})");
  auto del_acc = env.Tx("alice.near", "alice.near", {DeleteAccountAction{Id("bob.near")}});
  env.Block({del_acc});
  env.Idle();
  EXPECT_EQ(FailureJson(env, del_acc),
            R"({"ActionError":{"index":0,"kind":{"GasKeyBalanceTooHigh":{"account_id":"alice.near","public_key":null,"balance":")" +
                vm::BalanceToString(kNear * 2) + R"("}}}})");
  // Invalid AddKey: a gas key with a balance, too many nonces.
  AccessKey funded = GasKey(1);
  funded.permission.gas_key.balance = 1;
  PublicKey k2 = Signer::FromSeed(KeyType::kEd25519, "k2").public_key();
  const BlockResult& v = env.Block({env.Tx("alice.near", "alice.near", {AddKeyAction{k2, funded}}),
                                    env.Tx("alice.near", "alice.near", {AddKeyAction{k2, GasKey(1025)}})});
  ASSERT_EQ(v.apply.outcomes.size(), 2u);
  EXPECT_EQ(v.apply.outcomes[0].outcome.status.failure.ToJson(),
            R"({"InvalidTxError":{"ActionsValidation":{"AddGasKeyWithNonZeroBalance":{"balance":"1"}}}})");
  EXPECT_EQ(v.apply.outcomes[1].outcome.status.failure.ToJson(),
            R"({"InvalidTxError":{"ActionsValidation":{"GasKeyInvalidNumNonces":{"requested_nonces":1025,"limit":1024}}}})");
  env.Idle();
  env.ExpectSupplyConserved();
}

// apply.rs::test_gas_key_burn_not_reported_on_failed_receipt: a DeleteKey of
// a funded gas key followed by a failing action rolls back; the key keeps its
// balance and the outcome burns gas only.
TEST(ActionScenarios, GasKeyBurnRolledBackWithTheReceipt) {
  Env env;
  PublicKey gk = Signer::FromSeed(KeyType::kEd25519, "gas_key").public_key();
  PublicKey none = Signer::FromSeed(KeyType::kEd25519, "nonexistent").public_key();
  env.Block({env.Tx("alice.near", "alice.near", {AddKeyAction{gk, GasKey(2)}, TransferToGasKeyAction{gk, kNear}})});
  env.Idle();
  ASSERT_EQ(KeyBalance(env, "alice.near", gk), kNear);
  auto tx = env.Tx("alice.near", "alice.near", {DeleteKeyAction{gk}, DeleteKeyAction{none}});
  env.Block({tx});
  env.Idle();
  const ExecutionOutcomeWithId* r = ReceiptOutcome(env, tx);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->outcome.status.failure.kind, "DeleteKeyDoesNotExist");
  EXPECT_EQ(r->outcome.tokens_burnt, static_cast<Balance>(r->outcome.gas_burnt) * env.GasPriceOf(r->id));
  EXPECT_EQ(KeyBalance(env, "alice.near", gk), kNear);
  EXPECT_TRUE(NonceRow(env, "alice.near", gk, 1).has_value());
  env.ExpectSupplyConserved();
}

// ---- DelegateV2 with gas-key nonces ----

std::shared_ptr<const SignedDelegateAction> DelegateV2(const char* sender, const char* receiver,
                                                       const char* key_seed, TransactionNonce nonce,
                                                       std::vector<Action> actions) {
  Signer s = Signer::FromSeed(KeyType::kEd25519, key_seed);
  auto sda = std::make_shared<SignedDelegateAction>();
  sda->delegate_action.v2 = true;
  sda->delegate_action.sender_id = Id(sender);
  sda->delegate_action.receiver_id = Id(receiver);
  sda->delegate_action.actions = std::move(actions);
  sda->delegate_action.nonce = nonce;
  sda->delegate_action.max_block_height = 1000;
  sda->delegate_action.public_key = s.public_key();
  sda->signature = s.Sign(sda->delegate_action.SigningHash().view());
  return sda;
}

TEST(ActionScenarios, DelegateV2WithGasKeyNonce) {
  Env env;
  PublicKey gk = Signer::FromSeed(KeyType::kEd25519, "relay_key").public_key();
  env.Block({env.Tx("alice.near", "alice.near", {AddKeyAction{gk, GasKey(2)}})});
  env.Idle();
  Nonce base = *NonceRow(env, "alice.near", gk, 0);
  Balance alice0 = env.Amount("alice.near"), near0 = env.Amount("near");
  // The relayer bob pays; alice's inner transfer is authorised by nonce row 1.
  auto ok = env.Tx("bob.near", "alice.near",
                   {Action{DelegateV2("alice.near", "near", "relay_key", {base + 7, uint16_t{1}}, {TransferAction{kNear}})}});
  env.Block({ok});
  env.Idle();
  const ExecutionOutcomeWithId* r = ReceiptOutcome(env, ok);
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->outcome.status.is_failure()) << r->outcome.status.failure.ToJson();
  EXPECT_EQ(env.Amount("near"), near0 + kNear);
  EXPECT_EQ(env.Amount("alice.near"), alice0);  // the relayer prepaid the inner deposit
  EXPECT_EQ(NonceRow(env, "alice.near", gk, 1), base + 7);
  EXPECT_EQ(NonceRow(env, "alice.near", gk, 0), base);
  // Replaying the same nonce, a plain nonce on a gas key, a gas nonce on a
  // regular key, an index out of range.
  auto replay = env.Tx("bob.near", "alice.near",
                       {Action{DelegateV2("alice.near", "near", "relay_key", {base + 7, uint16_t{1}}, {TransferAction{1}})}});
  auto plain = env.Tx("bob.near", "alice.near",
                      {Action{DelegateV2("alice.near", "near", "relay_key", {base + 8, std::nullopt}, {TransferAction{1}})}});
  auto regular = env.Tx("bob.near", "alice.near",
                        {Action{DelegateV2("alice.near", "near", "alice.near", {base + 9, uint16_t{0}}, {TransferAction{1}})}});
  auto range = env.Tx("bob.near", "alice.near",
                      {Action{DelegateV2("alice.near", "near", "relay_key", {base + 10, uint16_t{2}}, {TransferAction{1}})}});
  env.Block({replay, plain, regular, range});
  env.Idle();
  EXPECT_EQ(FailureJson(env, replay), R"({"ActionError":{"index":0,"kind":{"DelegateActionInvalidNonce":{"delegate_nonce":)" +
                                          std::to_string(base + 7) + R"(,"ak_nonce":)" + std::to_string(base + 7) + "}}}}");
  EXPECT_EQ(FailureJson(env, plain),
            R"({"ActionError":{"index":0,"kind":{"DelegateActionAccessKeyError":"DelegateActionRequiresNonGasKey"}}})");
  EXPECT_EQ(FailureJson(env, regular),
            R"({"ActionError":{"index":0,"kind":{"DelegateActionAccessKeyError":"DelegateActionRequiresGasKey"}}})");
  EXPECT_EQ(FailureJson(env, range),
            R"({"ActionError":{"index":0,"kind":{"DelegateActionInvalidNonceIndex":{"nonce_index":2,"num_nonces":2}}}})");
  env.ExpectSupplyConserved();
}

}  // namespace
}  // namespace nearrt::chain
