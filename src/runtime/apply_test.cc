// Runtime::apply traps (runtime.md §10) and nearcore apply.rs vectors.
#include <gtest/gtest.h>

#include "primitives/hash_ids.h"
#include "runtime/runtime.h"
#include "runtime/state.h"
#include "store/state_store.h"

namespace nearrt::runtime {
namespace {

AccountId Id(const char* s) { return *AccountId::Parse(s); }
Balance B(const char* s) { return *vm::ParseBalance(s); }
const Balance kNear = B("1000000000000000000000000");

// setup_runtime: accounts with a full-access test_signer key, storage 182.
struct Harness {
  store::StateStore store;
  RuntimeParams cfg;
  ApplyState st;
  explicit Harness(RuntimeParams p, Balance gas_price = 5000) : cfg(std::move(p)) {
    TrieUpdate u = store.NewUpdate(store.head());
    for (const char* name : {"alice.near", "bob.near"}) {
      SetAccessKey(u, Id(name), Signer::FromSeed(KeyType::kEd25519, name).public_key(), AccessKey::FullAccess());
      SetAccount(u, Id(name), Account(kNear * 1'000'000, 0, AccountContract(), 182));
    }
    u.Commit(store::StateChangeCause{store::StateChangeCause::kInitialState, {}});
    auto fin = u.Finalize();
    EXPECT_TRUE(store.Commit(fin->trie).ok());
    st.config = &cfg;
    st.block_height = 1;
    st.block_timestamp = 100;
    st.gas_price = gas_price;
  }
  Result<ApplyResult> Apply(const std::vector<Receipt>& in, const std::vector<SignedTransaction>& txs) {
    auto r = runtime::Apply(store.GetTrie(store.head()), st, in, txs);
    if (r.ok()) EXPECT_TRUE(store.Commit(r->trie).ok());
    st.block_height++;
    return r;
  }
  SignedTransaction Tx(const char* signer, const char* receiver, Nonce nonce, std::vector<Action> a) {
    Transaction tx;
    tx.signer_id = Id(signer);
    tx.receiver_id = Id(receiver);
    tx.public_key = Signer::FromSeed(KeyType::kEd25519, signer).public_key();
    tx.nonce.nonce = nonce;
    tx.actions = std::move(a);
    return SignedTransaction::Sign(tx, Signer::FromSeed(KeyType::kEd25519, signer));
  }
};

// Trap: invalid transactions produce Failure outcomes that count in the
// outcome root; a duplicate transaction is skipped entirely.
TEST(ApplyTraps, InvalidTxOutcomesAndDuplicates) {
  Harness s(*RuntimeParams::Mainnet());
  auto good = s.Tx("alice.near", "bob.near", 1, {TransferAction{1}});
  auto bad_nonce = s.Tx("alice.near", "bob.near", 1, {TransferAction{2}});  // same nonce as good
  auto unknown = s.Tx("carol.near", "bob.near", 1, {TransferAction{1}});
  SignedTransaction bad_sig = good;
  bad_sig.transaction.nonce.nonce = 7;
  bad_sig.Finalize();
  auto r = s.Apply({}, {good, good, bad_nonce, unknown, bad_sig});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->outcomes.size(), 4u);  // the duplicate is skipped
  EXPECT_FALSE(r->outcomes[0].outcome.status.is_failure());
  EXPECT_EQ(r->outcomes[1].outcome.status.failure.kind, "InvalidNonce");
  EXPECT_EQ(r->outcomes[2].outcome.status.failure.kind, "InvalidSignerId");
  EXPECT_EQ(r->outcomes[3].outcome.status.failure.kind, "InvalidSignature");
  EXPECT_EQ(r->outcomes[1].outcome.gas_burnt, 0u);
  EXPECT_EQ(r->outcomes[1].outcome.executor_id, Id("alice.near"));
  // The failures are part of the outcome root.
  std::vector<ExecutionOutcomeWithId> only_good;
  only_good.push_back(r->outcomes[0]);
  EXPECT_NE(r->OutcomeRoot(), ComputeOutcomeRoot(only_good));
  EXPECT_EQ(r->outcomes[1].outcome.status.failure.ToJson(),
            R"({"InvalidTxError":{"InvalidNonce":{"tx_nonce":1,"ak_nonce":1}}})");
}

// Trap: receipt gas is bought at max(price, 1e9) and burnt at the current
// price, so a plain transfer emits a gas-refund receipt.
// apply.rs::test_apply_surplus_gas_for_transfer (#23): receipt gas price 10x.
TEST(ApplyTraps, SurplusGasRefundVector23) {
  Harness s(*RuntimeParams::Test());
  Receipt r;
  r.predecessor_id = Id("alice.near");
  r.receiver_id = Id("bob.near");
  r.receipt_id = CryptoHash::Of(AsBytes("r"));
  r.action.signer_id = Id("alice.near");
  r.action.signer_public_key = Signer::FromSeed(KeyType::kEd25519, "alice.near").public_key();
  r.action.gas_price = 50000;
  r.action.actions = {TransferAction{kNear}};
  auto res = s.Apply({r}, {});
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_EQ(res->stats.tx_burnt_amount, static_cast<Balance>(5000) * (108059500000ull + 115123062500ull));
  ASSERT_EQ(res->outgoing_receipts.size(), 1u);
  EXPECT_EQ(res->outgoing_receipts[0].receiver_id, Id("alice.near"));
  EXPECT_TRUE(res->outgoing_receipts[0].predecessor_id.IsSystem());
}

// apply.rs::test_apply_refund_receipts (#21): balance refunds, one per chunk.
TEST(ApplyTraps, RefundReceiptsOnePerChunkVector21) {
  Harness s(*RuntimeParams::Test());
  {
    TrieUpdate u = s.store.NewUpdate(s.store.head());
    Account a(kNear * 1'000'000, kNear * 500'000, AccountContract(), 182);
    SetAccount(u, Id("alice.near"), a);
    u.Commit(store::StateChangeCause{store::StateChangeCause::kInitialState, {}});
    auto fin = u.Finalize();
    ASSERT_TRUE(s.store.Commit(fin->trie).ok());
  }
  s.st.gas_limit = 1;
  std::vector<Receipt> refunds;
  for (int i = 0; i < 10; ++i) {
    Receipt r = Receipt::NewBalanceRefund(Id("alice.near"), kNear * 10'000 + i);
    r.receipt_id = CryptoHash::Of(AsBytes(std::to_string(i)));
    refunds.push_back(r);
  }
  for (int i = 1; i <= 12; ++i) {
    auto res = s.Apply(i == 1 ? refunds : std::vector<Receipt>{}, {});
    ASSERT_TRUE(res.ok()) << res.error().message;
    TrieUpdate u = s.store.NewUpdate(s.store.head());
    auto a = GetAccount(u, Id("alice.near"));
    Balance c = std::min(i, 10);
    EXPECT_EQ((*a)->amount(), kNear * 1'000'000 + kNear * 10'000 * c + c * (c - 1) / 2) << "chunk " << i;
  }
}

// Trap: creating any account burns the account-creation charge (#18).
TEST(ApplyTraps, AccountCreationChargeVector18) {
  Harness s(*RuntimeParams::Mainnet(), 100'000'000);
  PublicKey pk = Signer::FromSeed(KeyType::kEd25519, "new.alice.near").public_key();
  auto tx = s.Tx("alice.near", "new.alice.near", 1,
                 {CreateAccountAction{}, TransferAction{kNear}, AddKeyAction{pk, AccessKey::FullAccess()}});
  auto r1 = s.Apply({}, {tx});
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->outcomes[0].outcome.gas_burnt, 824'947'687'500u);
  auto r2 = s.Apply(r1->outgoing_receipts, {});
  ASSERT_TRUE(r2.ok()) << r2.error().message;
  ASSERT_EQ(r2->outcomes.size(), 1u);
  const auto& o = r2->outcomes[0].outcome;
  EXPECT_FALSE(o.status.is_failure()) << o.status.failure.ToJson();
  EXPECT_EQ(o.gas_burnt, 7'524'947'687'500u);
  // tokens burnt = burn price * gas + 6.28e21 creation charge.
  EXPECT_EQ(o.tokens_burnt, static_cast<Balance>(100'000'000) * 7'524'947'687'500ull + B("6280000000000000000000"));
  ASSERT_EQ(r2->outgoing_receipts.size(), 1u);
  auto& refund = r2->outgoing_receipts[0];
  EXPECT_EQ(refund.action.actions[0].get<TransferAction>()->deposit, B("492452918750000000000"));
}

// Trap: the bandwidth-scheduler state (trie key 15) is rewritten every chunk.
TEST(ApplyTraps, BandwidthSchedulerStateEveryChunk) {
  Harness s(*RuntimeParams::Mainnet());
  CryptoHash r0 = s.store.head();
  auto a = s.Apply({}, {});
  ASSERT_TRUE(a.ok());
  auto b = s.Apply({}, {});
  ASSERT_TRUE(b.ok());
  EXPECT_NE(a->state_root, r0);
  EXPECT_NE(b->state_root, a->state_root);
  TrieUpdate u = s.store.NewUpdate(s.store.head());
  auto raw = GetRaw(u, TrieKey::BandwidthSchedulerState());
  ASSERT_TRUE(raw.ok() && raw->has_value());
  ASSERT_EQ((*raw)->size(), 1u + 4 + 24 + 32);
  BorshReader rd(**raw);
  (void)rd.Fixed(1 + 4 + 16);
  EXPECT_EQ(*rd.U64(), 4'400'000u);  // runtime.md §7.5
  // Missing chunks rewrite it too.
  s.st.is_new_chunk = false;
  auto c = s.Apply({}, {});
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->state_root, b->state_root);
  EXPECT_TRUE(c->outcomes.empty());
}

// apply.rs::test_apply_delayed_receipts_local_tx (#22): order local ->
// delayed -> incoming, over-limit receipts delayed FIFO.
TEST(ApplyTraps, DelayedReceiptOrderVector22) {
  RuntimeParams p = *RuntimeParams::Free();
  p.vm.fees.fee(vm::ActionCost::new_action_receipt).execution = {1000, 1000};
  Harness s(std::move(p), 1'000'000'000);
  s.st.gas_limit = 3000;
  std::vector<SignedTransaction> txs;
  for (int i = 0; i < 5; ++i) txs.push_back(s.Tx("alice.near", "alice.near", i + 1, {TransferAction{1}}));
  auto r1 = s.Apply({}, {txs[0], txs[1], txs[2], txs[3]});
  ASSERT_TRUE(r1.ok()) << r1.error().message;
  auto rid = [&](int i) { return ReceiptIdFromTransaction(txs[i].hash, i == 4 ? 2 : 1); };
  std::vector<CryptoHash> want1{txs[0].hash, txs[1].hash, txs[2].hash, txs[3].hash, rid(0), rid(1), rid(2)};
  ASSERT_EQ(r1->outcomes.size(), want1.size());
  for (size_t i = 0; i < want1.size(); ++i) EXPECT_EQ(r1->outcomes[i].id, want1[i]) << i;
  EXPECT_EQ(r1->delayed_receipts_count, 1u);
  Receipt incoming = Receipt::NewBalanceRefund(Id("bob.near"), 1);
  incoming.receipt_id = CryptoHash::Of(AsBytes("R0"));
  auto r2 = s.Apply({incoming}, {txs[4]});
  ASSERT_TRUE(r2.ok()) << r2.error().message;
  ASSERT_GE(r2->outcomes.size(), 4u);
  EXPECT_EQ(r2->outcomes[0].id, txs[4].hash);
  EXPECT_EQ(r2->outcomes[1].id, rid(4));
  EXPECT_EQ(r2->outcomes[2].id, rid(3));
  EXPECT_EQ(r2->outcomes[3].id, incoming.receipt_id);
}

// Trap: transaction-derived receipts are ReceiptEnum::Action (tag 0).
TEST(ApplyTraps, TransactionReceiptsAreActionV1) {
  Harness s(*RuntimeParams::Mainnet());
  auto r = s.Apply({}, {s.Tx("alice.near", "bob.near", 1, {TransferAction{1}})});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->outgoing_receipts.size(), 1u);
  EXPECT_EQ(r->outgoing_receipts[0].kind, ReceiptKind::kAction);
  EXPECT_EQ(r->outgoing_receipts[0].receipt_id,
            ReceiptIdFromTransaction(r->outcomes[0].id, 1));
}

// apply.rs::test_apply_check_balance_validation_rewards: alice (1e6 N,
// locked 5e5 N) gets a 1e7 N reward with max-of-stakes 5e5 N, so
// update_validator_accounts returns locked - max(5e5 N, no proposal) = 1e7 N
// to her balance; a 500 N balance refund arrives in the same chunk.
TEST(ApplyTraps, ValidatorAccountsUpdateRewardsAndReturn) {
  Harness s(*RuntimeParams::Test());
  {
    TrieUpdate u = s.store.NewUpdate(s.store.head());
    SetAccount(u, Id("alice.near"), Account(kNear * 1'000'000, kNear * 500'000, AccountContract(), 182));
    u.Commit(store::StateChangeCause{store::StateChangeCause::kInitialState, {}});
    auto fin = u.Finalize();
    ASSERT_TRUE(s.store.Commit(fin->trie).ok());
  }
  ValidatorAccountsUpdate v;
  v.stake_info[Id("alice.near")] = kNear * 500'000;
  v.validator_rewards[Id("alice.near")] = kNear * 10'000'000;
  Receipt refund = Receipt::NewBalanceRefund(Id("alice.near"), kNear * 500);
  refund.receipt_id = CryptoHash::Of(AsBytes("refund"));
  auto r = runtime::Apply(s.store.GetTrie(s.store.head()), s.st, {refund}, {}, {}, &v);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(s.store.Commit(r->trie).ok());
  TrieUpdate u = s.store.NewUpdate(s.store.head());
  auto a = GetAccount(u, Id("alice.near"));
  EXPECT_EQ((*a)->locked(), kNear * 500'000);
  EXPECT_EQ((*a)->amount(), kNear * (1'000'000 + 10'000'000 + 500));
  // The change is committed with cause ValidatorAccountsUpdate.
  bool found = false;
  for (const auto& c : r->state_changes) {
    for (const auto& ch : c.changes) found = found || ch.cause.kind == store::StateChangeCause::kValidatorAccountsUpdate;
  }
  EXPECT_TRUE(found);
}

// A last proposal keeps the stake locked; the treasury gets its reward as balance;
// the staking invariant (locked >= max of stakes) is a hard error.
TEST(ApplyTraps, ValidatorAccountsUpdateProposalsAndTreasury) {
  Harness s(*RuntimeParams::Mainnet());
  {
    TrieUpdate u = s.store.NewUpdate(s.store.head());
    SetAccount(u, Id("alice.near"), Account(kNear, kNear * 100, AccountContract(), 182));
    u.Commit(store::StateChangeCause{store::StateChangeCause::kInitialState, {}});
    ASSERT_TRUE(s.store.Commit(u.Finalize()->trie).ok());
  }
  ValidatorAccountsUpdate v;
  v.stake_info[Id("alice.near")] = kNear * 40;
  v.last_proposals[Id("alice.near")] = kNear * 60;
  v.protocol_treasury_account_id = Id("bob.near");
  v.validator_rewards[Id("bob.near")] = 7;
  auto r = runtime::Apply(s.store.GetTrie(s.store.head()), s.st, {}, {}, {}, &v);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(s.store.Commit(r->trie).ok());
  TrieUpdate u = s.store.NewUpdate(s.store.head());
  EXPECT_EQ((*GetAccount(u, Id("alice.near")))->locked(), kNear * 60);
  EXPECT_EQ((*GetAccount(u, Id("alice.near")))->amount(), kNear * 41);
  EXPECT_EQ((*GetAccount(u, Id("bob.near")))->amount(), kNear * 1'000'000 + 7);
  ValidatorAccountsUpdate bad;
  bad.stake_info[Id("alice.near")] = kNear * 1000;
  EXPECT_FALSE(runtime::Apply(s.store.GetTrie(s.store.head()), s.st, {}, {}, {}, &bad).ok());
}

// Trap: a lone DeleteAccount receipt is instant (processed in the same chunk
// as its parent, never sent out).
TEST(ApplyTraps, LoneDeleteAccountIsInstant) {
  Receipt d = Receipt::NewBalanceRefund(Id("bob.near"), 0);
  d.action.actions = {DeleteAccountAction{Id("alice.near")}};
  EXPECT_TRUE(d.IsInstant());
  d.action.actions.push_back(TransferAction{1});
  EXPECT_FALSE(d.IsInstant());
}

}  // namespace
}  // namespace nearrt::runtime
