// End-to-end scenarios on the local chain: transfer, create + deploy + call,
// account deletion, Delegate, allowance exhaustion, stateless replay.
// Balances to the yoctoNEAR and total supply conserved once idle.
#include <gtest/gtest.h>

#include "chain/scenario_env.h"
#include "primitives/hash_ids.h"
#include "store/partial_storage.h"

namespace nearrt::chain {
namespace {

using namespace scenario;  // NOLINT: test harness

// Transfer alice -> bob at mainnet gas price 1e8: runtime.md §8.2 #17.
TEST(Scenarios, TransferBalancesToTheYocto) {
  Env env;
  Balance alice0 = env.Amount("alice.near"), bob0 = env.Amount("bob.near");
  auto tx = env.Tx("alice.near", "bob.near", {TransferAction{kNear}});
  BlockResult b1 = env.Block({tx});
  ASSERT_EQ(b1.apply.outcomes.size(), 1u);
  EXPECT_EQ(b1.apply.outcomes[0].outcome.gas_burnt, 223'182'562'500u);
  EXPECT_EQ(env.Amount("alice.near"), alice0 - kNear - B("245500818750000000000"));
  BlockResult b2 = env.Block({});
  ASSERT_GE(b2.apply.outcomes.size(), 1u);
  const auto& r = b2.apply.outcomes[0].outcome;
  EXPECT_EQ(r.gas_burnt, 223'182'562'500u);
  EXPECT_EQ(r.tokens_burnt, B("22318256250000000000"));
  ASSERT_EQ(r.receipt_ids.size(), 1u);  // the gas refund (trap: bought at 1e9)
  EXPECT_EQ(env.Amount("bob.near"), bob0 + kNear);
  env.Idle();
  // Net fee 2 * 22_318_256_250_000_000_000 (runtime.md #17).
  EXPECT_EQ(env.Amount("alice.near"), alice0 - kNear - B("44636512500000000000"));
  env.ExpectSupplyConserved();
}

// Create account + deploy + call on a real contract (status_message).
TEST(Scenarios, CreateDeployCall) {
  Env env;
  auto code = ReadFile(SharedContract("runtime__runtime-params-estimator__res__status_message.wasm"));
  ASSERT_TRUE(code.ok());
  PublicKey pk = Signer::FromSeed(KeyType::kEd25519, "status.alice.near").public_key();
  auto tx = env.Tx("alice.near", "status.alice.near",
                   {CreateAccountAction{}, TransferAction{kNear * 10}, AddKeyAction{pk, AccessKey::FullAccess()},
                    DeployContractAction{*code}});
  env.Block({tx});
  BlockResult b2 = env.Block({});
  ASSERT_FALSE(b2.apply.outcomes.empty());
  EXPECT_FALSE(b2.apply.outcomes[0].outcome.status.is_failure())
      << b2.apply.outcomes[0].outcome.status.failure.ToJson();
  env.Idle();
  auto call = env.Tx("bob.near", "status.alice.near",
                     {FunctionCallAction{"set_status", ToBytes(R"({"message":"hello"})"), 30'000'000'000'000, 0}});
  env.Block({call});
  BlockResult b = env.Block({});
  ASSERT_FALSE(b.apply.outcomes.empty());
  EXPECT_FALSE(b.apply.outcomes[0].outcome.status.is_failure()) << b.apply.outcomes[0].outcome.status.failure.ToJson();
  // Contract-created receipts are ActionV2; the refund is a plain Action.
  for (const auto& r : b.apply.outgoing_receipts) EXPECT_EQ(r.kind, ReceiptKind::kAction);
  env.Idle();
  auto view = env.chain->ViewCall(Id("status.alice.near"), "get_status", ToBytes(R"({"account_id":"bob.near"})"));
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(std::string(view->return_data.value.begin(), view->return_data.value.end()), "\"hello\"");
  // Account creation burns the account-creation charge.
  env.ExpectSupplyConserved();
}

// Account deletion with a beneficiary.
TEST(Scenarios, DeleteAccountWithBeneficiary) {
  Env env;
  Balance bob0 = env.Amount("bob.near");
  PublicKey pk = Signer::FromSeed(KeyType::kEd25519, "tmp.alice.near").public_key();
  env.Block({env.Tx("alice.near", "tmp.alice.near",
                    {CreateAccountAction{}, TransferAction{kNear}, AddKeyAction{pk, AccessKey::FullAccess()}})});
  env.Idle();
  Balance tmp = env.Amount("tmp.alice.near");
  ASSERT_EQ(tmp, kNear);
  BlockResult b = env.Block({env.Tx("tmp.alice.near", "tmp.alice.near", {DeleteAccountAction{Id("bob.near")}})});
  env.Idle();
  auto acc = env.chain->GetAccount(Id("tmp.alice.near"));
  ASSERT_TRUE(acc.ok());
  EXPECT_FALSE(acc->has_value());
  // bob gets the balance left after the tx cost.
  EXPECT_GT(env.Amount("bob.near"), bob0);
  EXPECT_LT(env.Amount("bob.near"), bob0 + kNear);
  env.ExpectSupplyConserved();
}

// Meta transaction: relayer bob submits alice's signed Delegate.
TEST(Scenarios, MetaTransactionDelegate) {
  Env env;
  Balance alice0 = env.Amount("alice.near"), near0 = env.Amount("near");
  Signer alice = Signer::FromSeed(KeyType::kEd25519, "alice.near");
  auto sda = std::make_shared<SignedDelegateAction>();
  sda->delegate_action.sender_id = Id("alice.near");
  sda->delegate_action.receiver_id = Id("near");
  sda->delegate_action.actions.push_back(TransferAction{kNear});
  sda->delegate_action.nonce.nonce = 5;
  sda->delegate_action.max_block_height = 100;
  sda->delegate_action.public_key = alice.public_key();
  sda->signature = alice.Sign(sda->delegate_action.SigningHash().view());
  env.Block({env.Tx("bob.near", "alice.near", {Action{std::shared_ptr<const SignedDelegateAction>(sda)}})});
  BlockResult b2 = env.Block({});
  ASSERT_FALSE(b2.apply.outcomes.empty());
  EXPECT_FALSE(b2.apply.outcomes[0].outcome.status.is_failure()) << b2.apply.outcomes[0].outcome.status.failure.ToJson();
  env.Idle();
  EXPECT_EQ(env.Amount("near"), near0 + kNear);
  EXPECT_EQ(env.Amount("alice.near"), alice0);  // the relayer pays gas and the inner deposit
  auto ak = env.chain->GetAccessKey(Id("alice.near"), alice.public_key());
  EXPECT_EQ((*ak)->nonce, 5u);
  env.ExpectSupplyConserved();
}

// A function-call key's allowance runs out: NotEnoughAllowance.
TEST(Scenarios, FunctionCallKeyAllowanceExhaustion) {
  Env env;
  PublicKey fk = Signer::FromSeed(KeyType::kEd25519, "fckey").public_key();
  AccessKey ak;
  ak.permission.kind = AccessKeyPermission::Kind::kFunctionCall;
  ak.permission.function_call = {B("3000000000000000000000"), "bob.near", {}};  // 0.003 N
  env.Block({env.Tx("alice.near", "alice.near", {AddKeyAction{fk, ak}})});
  env.Idle();
  std::vector<TxExecutionError> errors;
  int ok = 0;
  for (int i = 0; i < 12; ++i) {
    auto tx = env.Tx("alice.near", "bob.near", {FunctionCallAction{"f", {}, 2'000'000'000'000, 0}}, "fckey");
    BlockResult b = env.Block({tx});
    const auto& st = b.apply.outcomes[0].outcome.status;
    if (st.is_failure()) {
      errors.push_back(st.failure);
    } else {
      ++ok;
    }
  }
  EXPECT_GT(ok, 0);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].kind, "NotEnoughAllowance") << errors[0].ToJson();
  env.Idle();
  env.ExpectSupplyConserved();
}

// Stateless replay: apply with recording, then again from the pre-state root
// and the witness only.
TEST(Scenarios, StatelessReplay) {
  Env env;
  auto code = ReadFile(SharedContract("runtime__runtime-params-estimator__res__status_message.wasm"));
  ASSERT_TRUE(code.ok());
  env.Block({env.Tx("alice.near", "alice.near", {DeployContractAction{*code}})});
  env.Idle();
  std::vector<SignedTransaction> txs{
      env.Tx("bob.near", "alice.near", {FunctionCallAction{"set_status", ToBytes(R"({"message":"x"})"), 30'000'000'000'000, 0}}),
      env.Tx("alice.near", "bob.near", {TransferAction{kNear}})};
  env.Block(txs);
  // Next block applies the receipts; record it.
  runtime::ApplyState st = env.chain->apply_template();
  CryptoHash pre = env.chain->state_root();
  std::vector<Receipt> incoming = env.chain->pending_receipts();
  st.block_height = env.chain->height() + 1;
  st.gas_price = env.chain->gas_price();
  store::TrieRecorder rec;
  store::Trie trie = env.chain->store().GetTrie(pre);
  trie.set_recorder(&rec);
  auto full = runtime::Apply(trie, st, incoming, {});
  ASSERT_TRUE(full.ok()) << full.error().message;
  ASSERT_TRUE(full->proof.has_value());
  store::PartialStorage partial(*full->proof);
  runtime::ApplyState st2 = st;
  st2.code_by_hash = &full->contract_codes;
  auto replay = runtime::Apply(store::Trie::FromRootHash(pre, &partial), st2, incoming, {});
  ASSERT_TRUE(replay.ok()) << replay.error().message;
  EXPECT_EQ(replay->state_root, full->state_root);
  EXPECT_EQ(replay->OutcomeRoot(), full->OutcomeRoot());
  EXPECT_EQ(replay->outcomes.size(), full->outcomes.size());
}

// Stake, then unstake: the locked balance comes back at an epoch start once
// no stake of the last three epochs (or last proposal) holds it (the
// simplified epoch model of local_chain.h over update_validator_accounts).
TEST(Scenarios, UnstakedBalanceReturnsAtAnEpochStart) {
  Genesis g;
  g.epoch_length = 5;
  for (const char* name : {"alice.near", "bob.near"}) g.accounts.push_back(Account(name, kNear * 1000));
  auto c = LocalChain::Create(g);
  ASSERT_TRUE(c.ok());
  Env env;
  env.chain = std::move(*c);
  PublicKey pk = Signer::FromSeed(KeyType::kEd25519, "alice.near").public_key();
  auto locked = [&] { return (*env.chain->GetAccount(Id("alice.near")))->locked(); };
  env.Block({env.Tx("alice.near", "alice.near", {StakeAction{kNear * 100, pk}})});  // epoch 0
  env.Idle();
  EXPECT_EQ(locked(), kNear * 100);
  Balance amount = env.Amount("alice.near");
  while (env.chain->height() < 11) env.Block({});  // into epoch 2
  EXPECT_EQ(locked(), kNear * 100);
  env.Block({env.Tx("alice.near", "alice.near", {StakeAction{0, pk}})});  // unstake in epoch 2
  env.Idle();
  Balance after_unstake = env.Amount("alice.near");
  EXPECT_LT(after_unstake, amount);  // only gas was paid
  EXPECT_EQ(locked(), kNear * 100);
  // Epochs 3, 4 and 5 (heights 16-30) still see the stake: a proposal takes
  // effect two epochs later and the maximum spans three epochs.
  while (env.chain->height() < 30) {
    env.Block({});
    EXPECT_EQ(locked(), kNear * 100) << "height " << env.chain->height();
  }
  env.Block({});  // height 31: first block of epoch 6
  EXPECT_EQ(locked(), 0u);
  EXPECT_EQ(env.Amount("alice.near"), after_unstake + kNear * 100);
  env.ExpectSupplyConserved();
}

// sanity_checks.rs::test_cost_sanity_nondeterministic (vectors #15, #16):
// PV86 mainnet, alice calls `main` on (module (func (export "main")
// (i32.const 92) (drop))) with 300 Tgas. Pinned by nearcore's snapshot
// receipts_gas_profile_nondeterministic.snap: the receipt's profile is
// CONTRACT_LOADING_BASE 35_445_963, CONTRACT_LOADING_BYTES 41_393_210,
// WASM_INSTRUCTION 8_227_560; the refund receipt has an empty profile; both
// succeed with "". #16: tx gas 308_250_234_860, receipt gas 888_153_510_469.
TEST(Scenarios, CostSanityNondeterministicVectors15And16) {
  // wat2wasm of the module: 38 bytes, as the `wat` crate produces (no names).
  auto code = HexDecode("0061736d01000000010401600000030201000708010" "46d61696e00000a080106004" "1dc001a0b");
  ASSERT_TRUE(code.ok());
  ASSERT_EQ(code->size(), 38u);
  Env env("mainnet", {Account("test-contract.alice.near", kNear * 100, *code)});
  Balance contract0 = env.Amount("test-contract.alice.near");
  auto tx = env.Call("alice.near", "test-contract.alice.near", "main", {}, 0, 300 * kTgas);
  env.Block({tx});
  env.Idle();
  const ExecutionOutcomeWithId* t = env.Outcome(tx.hash);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->outcome.gas_burnt, 308'250'234'860u);
  EXPECT_TRUE(t->outcome.profile.empty());
  const ExecutionOutcomeWithId* r = env.Outcome(t->outcome.receipt_ids[0]);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->outcome.status.kind, ExecutionStatus::Kind::kSuccessValue);
  EXPECT_TRUE(r->outcome.status.value.empty());
  EXPECT_EQ(r->outcome.gas_burnt, 888'153'510'469u);
  std::vector<std::pair<std::string, Gas>> want{
      {"CONTRACT_LOADING_BASE", 35'445'963}, {"CONTRACT_LOADING_BYTES", 41'393'210}, {"WASM_INSTRUCTION", 8'227'560}};
  EXPECT_EQ(r->outcome.profile, want);
  ASSERT_EQ(r->outcome.receipt_ids.size(), 1u);  // extra_refund_outcomes() = 1 at PV86
  const ExecutionOutcomeWithId* refund = env.Outcome(r->outcome.receipt_ids[0]);
  ASSERT_NE(refund, nullptr);
  EXPECT_EQ(refund->outcome.status.kind, ExecutionStatus::Kind::kSuccessValue);
  EXPECT_TRUE(refund->outcome.profile.empty());
  // Receiver reward: floor(85_066_733 * 3 / 10) at the burn price.
  EXPECT_EQ(env.Amount("test-contract.alice.near"),
            contract0 + static_cast<Balance>(85'066'733ull * 3 / 10) * env.GasPriceOf(r->id));
  env.ExpectSupplyConserved();
}

}  // namespace
}  // namespace nearrt::chain
