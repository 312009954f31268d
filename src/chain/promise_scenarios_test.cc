// Promise scenarios on the rt_test contract (src/runtime/testdata/contracts):
// a cross-contract call whose callback reads the promise result, yield then
// resume in a later block, yield then timeout after
// yield_timeout_length_in_blocks (mainnet 200, test config 10), the
// *_with_id forms, late resumes returning false, and a self-recursive
// promise chain that runs until its gas is used up. Each checks balances to
// the yoctoNEAR and the total supply.
#include <gtest/gtest.h>

#include "chain/scenario_env.h"
#include "store/trie_key.h"

namespace nearrt::chain {
namespace {

using namespace scenario;  // NOLINT: test harness

const char kRt[] = "rt.near";
const char kCallee[] = "callee.near";

Env MakeEnv(const char* config = "mainnet") {
  Bytes code = TestContract("rt_test");
  EXPECT_FALSE(code.empty()) << "rt_test.wasm was not built";
  return Env(config, {Account(kRt, kNear * 100, code), Account(kCallee, kNear * 100, code)});
}

Bytes Byte(uint8_t b) { return Bytes{b}; }

// The outcome of the callback of the yield created by transaction `tx`: the
// yield receipt is the first receipt of the function call and its outcome
// id is the yield receipt's id (runtime.md §5.3).
const ExecutionOutcomeWithId* YieldCallback(const Env& env, const SignedTransaction& tx) {
  const ExecutionOutcomeWithId* t = env.Outcome(tx.hash);
  if (!t) return nullptr;
  const ExecutionOutcomeWithId* call = env.Outcome(t->outcome.receipt_ids[0]);
  if (!call || call->outcome.receipt_ids.empty()) return nullptr;
  return env.Outcome(call->outcome.receipt_ids[0]);
}
std::string CallbackValue(const Env& env, const SignedTransaction& tx) {
  const ExecutionOutcomeWithId* o = YieldCallback(env, tx);
  EXPECT_NE(o, nullptr) << "the yield callback did not run";
  if (!o) return "<none>";
  EXPECT_FALSE(o->outcome.status.is_failure()) << o->outcome.status.failure.ToJson();
  return Str(o->outcome.status.value);
}

// No PromiseYieldStatus / yield receipts / yield-id mappings left for `id`.
void ExpectNoYieldState(Env& env, const char* id) {
  store::TrieUpdate u = env.chain->store().NewUpdate(env.chain->state_root());
  for (uint8_t col : {store::col::kPromiseYieldStatus, store::col::kPromiseYieldReceipt,
                      store::col::kYieldIdToDataId, store::col::kDataIdToYieldId}) {
    Bytes prefix{col};
    std::string acc(id);
    prefix.insert(prefix.end(), acc.begin(), acc.end());
    auto it = u.Iter(prefix);
    ASSERT_TRUE(it.ok());
    auto k = it->Next();
    ASSERT_TRUE(k.ok());
    EXPECT_FALSE(k->has_value()) << "yield state left in column " << int(col);
  }
}

TEST(PromiseScenarios, CrossContractCallbackReadsPromiseResult) {
  Env env = MakeEnv();
  Snapshot before(env, {"alice.near", kRt, kCallee});
  auto ok = env.Call("alice.near", kRt, "call_echo", ToBytes(kCallee));
  env.Block({ok});
  env.Idle();
  EXPECT_EQ(env.FinalValue(ok.hash), "ok:hi");
  EXPECT_EQ(Str(*env.Data(kRt, "last")), "ok:hi");
  auto bad = env.Call("alice.near", kRt, "call_fail", ToBytes(kCallee));
  env.Block({bad});
  env.Idle();
  EXPECT_EQ(env.FinalValue(bad.hash), "failed");  // the callback saw PromiseResult::Failed
  EXPECT_EQ(Str(*env.Data(kRt, "last")), "failed");
  // The callee's failure is in its own outcome.
  const ExecutionOutcomeWithId* first = env.Outcome(env.Outcome(bad.hash)->outcome.receipt_ids[0]);
  ASSERT_NE(first, nullptr);
  ASSERT_EQ(first->outcome.receipt_ids.size(), 3u);  // callee call, callback, gas refund
  const ExecutionOutcomeWithId* callee = env.Outcome(first->outcome.receipt_ids[0]);
  ASSERT_NE(callee, nullptr);
  EXPECT_TRUE(callee->outcome.status.is_failure());
  EXPECT_NE(callee->outcome.status.failure.ToJson().find("Smart contract panicked: fail"), std::string::npos)
      << callee->outcome.status.failure.ToJson();
  ExpectLedger(env, before, "alice.near", 0, {{kRt, 0}, {kCallee, 0}});
}

TEST(PromiseScenarios, YieldThenResumeInALaterBlock) {
  Env env = MakeEnv();
  Snapshot before(env, {"alice.near", kRt});
  auto y = env.Call("alice.near", kRt, "yield", {});
  env.Block({y});
  const BlockResult& b2 = env.Block({});  // the function call runs; its yield receipt is instant
  const ExecutionOutcomeWithId* call = env.Outcome(env.Outcome(y.hash)->outcome.receipt_ids[0]);
  ASSERT_NE(call, nullptr);
  ASSERT_EQ(call->outcome.status.kind, ExecutionStatus::Kind::kSuccessValue);
  Bytes data_id = call->outcome.status.value;
  ASSERT_EQ(data_id.size(), 32u);
  // The yield receipt is listed in receipt_ids but produces no outcome.
  EXPECT_EQ(env.Outcome(call->outcome.receipt_ids[0]), nullptr);
  EXPECT_EQ(b2.apply.outgoing_receipts.size(), 1u);  // only the gas refund goes out
  env.Block({});
  env.Block({});
  EXPECT_FALSE(env.Data(kRt, "resumed").has_value());

  auto r = env.Call("alice.near", kRt, "resume", Concat(data_id, ToBytes("payload")));
  env.Block({r});
  env.Idle();
  EXPECT_EQ(env.FinalValue(r.hash), Str(Byte(1)));
  // The callback ran in a later block and saw PromiseResult::Successful(payload).
  EXPECT_EQ(Str(*env.Data(kRt, "resumed")), Str(Concat(Byte(1), ToBytes("payload"))));
  EXPECT_EQ(env.FinalValue(y.hash), Str(data_id));  // yield() returned the data id
  EXPECT_EQ(CallbackValue(env, y), Str(Concat(Byte(1), ToBytes("payload"))));
  ExpectNoYieldState(env, kRt);

  // A late resume returns false and changes nothing.
  auto late = env.Call("alice.near", kRt, "resume", Concat(data_id, ToBytes("again")));
  env.Block({late});
  env.Idle();
  EXPECT_EQ(env.FinalValue(late.hash), Str(Byte(0)));
  EXPECT_EQ(Str(*env.Data(kRt, "resumed")), Str(Concat(Byte(1), ToBytes("payload"))));
  ExpectLedger(env, before, "alice.near", 0, {{kRt, 0}});
}

// yield_timeouts.rs shape: the timeout fires at create_h + timeout (one
// PromiseResume(None) in that block's outgoing receipts), the callback runs
// at create_h + timeout + 1 and sees PromiseResult::Failed.
void YieldTimeout(const char* config, uint64_t timeout) {
  Env env = MakeEnv(config);
  EXPECT_EQ(env.chain->config().limits().yield_timeout_length_in_blocks, timeout);
  Snapshot before(env, {"alice.near", kRt});
  auto y = env.Call("alice.near", kRt, "yield", {});
  env.Block({y});
  env.Block({});
  const CryptoHash call_id = env.Outcome(y.hash)->outcome.receipt_ids[0];
  const uint64_t create_h = env.HeightOf(call_id);
  ASSERT_GT(create_h, 0u);
  Bytes data_id = env.Outcome(call_id)->outcome.status.value;
  ASSERT_EQ(data_id.size(), 32u);
  while (env.chain->height() < create_h + timeout - 1) {
    const BlockResult& b = env.Block({});
    for (const auto& r : b.apply.outgoing_receipts) EXPECT_NE(r.kind, ReceiptKind::kPromiseResume);
  }
  EXPECT_FALSE(env.Data(kRt, "resumed").has_value());
  const BlockResult& fire = env.Block({});
  EXPECT_EQ(fire.height, create_h + timeout);
  EXPECT_EQ(fire.apply.processed_yield_timeouts, 1u);
  ASSERT_EQ(fire.apply.outgoing_receipts.size(), 1u);
  const Receipt& resume = fire.apply.outgoing_receipts[0];
  EXPECT_EQ(resume.kind, ReceiptKind::kPromiseResume);
  EXPECT_EQ(Bytes(resume.data.data_id.bytes.begin(), resume.data.data_id.bytes.end()), data_id);
  EXPECT_FALSE(resume.data.data.has_value());
  // runtime.md §3.2: the timeout's resume id = create_hash_index(data_id, h, 0).
  const BlockResult& cb = env.Block({});
  ASSERT_FALSE(cb.apply.outcomes.empty());
  EXPECT_EQ(env.HeightOf(YieldCallback(env, y)->id), create_h + timeout + 1);
  EXPECT_EQ(CallbackValue(env, y), Str(Byte(2)));  // PromiseResult::Failed
  EXPECT_EQ(Str(*env.Data(kRt, "resumed")), Str(Byte(2)));
  env.Idle();
  ExpectNoYieldState(env, kRt);
  // Resuming after the timeout returns false.
  auto late = env.Call("alice.near", kRt, "resume", Concat(data_id, ToBytes("late")));
  env.Block({late});
  env.Idle();
  EXPECT_EQ(env.FinalValue(late.hash), Str(Byte(0)));
  ExpectLedger(env, before, "alice.near", 0, {{kRt, 0}});
}

TEST(PromiseScenarios, YieldTimeoutMainnet200Blocks) { YieldTimeout("mainnet", 200); }
TEST(PromiseScenarios, YieldTimeoutTestConfig10Blocks) { YieldTimeout("test", 10); }

// A resume in the very block where the timeout fires: both PromiseResume
// receipts go out (resume first), the callback gets the payload.
TEST(PromiseScenarios, ResumeInTheTimeoutBlockWins) {
  Env env = MakeEnv("test");
  auto y = env.Call("alice.near", kRt, "yield", {});
  env.Block({y});
  env.Block({});
  const CryptoHash call_id = env.Outcome(y.hash)->outcome.receipt_ids[0];
  const uint64_t create_h = env.HeightOf(call_id);
  Bytes data_id = env.Outcome(call_id)->outcome.status.value;
  while (env.chain->height() < create_h + 10 - 2) env.Block({});
  auto r = env.Call("alice.near", kRt, "resume", Concat(data_id, ToBytes("0123456789abcdef")));
  env.Block({r});  // tx at create_h + 9; its receipt runs at create_h + 10
  const BlockResult& last = env.Block({});
  ASSERT_EQ(last.height, create_h + 10);
  std::vector<CryptoHash> resumes;
  for (const auto& rc : last.apply.outgoing_receipts) {
    if (rc.kind == ReceiptKind::kPromiseResume) resumes.push_back(rc.data.data_id);
  }
  ASSERT_EQ(resumes.size(), 2u);
  EXPECT_EQ(resumes[0], resumes[1]);
  EXPECT_TRUE(last.apply.outgoing_receipts[0].kind == ReceiptKind::kPromiseResume ||
              last.apply.outgoing_receipts[0].kind == ReceiptKind::kAction);
  env.Idle();
  EXPECT_EQ(CallbackValue(env, y), Str(Concat(Byte(1), ToBytes("0123456789abcdef"))));
  ExpectNoYieldState(env, kRt);
  env.ExpectSupplyConserved();
}

TEST(PromiseScenarios, YieldWithIdResumeAndDuplicates) {
  Env env = MakeEnv();
  Snapshot before(env, {"alice.near", kRt});
  Bytes yid(32, 7);
  auto y1 = env.Call("alice.near", kRt, "yield_id", yid);
  env.Block({y1});
  env.Block({});
  const ExecutionOutcomeWithId* c1 = env.Outcome(env.Outcome(y1.hash)->outcome.receipt_ids[0]);
  ASSERT_NE(c1, nullptr);
  EXPECT_EQ(Str(c1->outcome.status.value), Str(Byte(1)));
  // The same id while the first is pending: the sentinel, no new yield.
  auto dup = env.Call("alice.near", kRt, "yield_id", yid);
  env.Block({dup});
  env.Idle();
  EXPECT_EQ(env.FinalValue(dup.hash), Str(Byte(0)));
  // Unknown yield id / a data id given to the yield-id API: false.
  auto unknown = env.Call("alice.near", kRt, "resume_id", Concat(Bytes(32, 8), ToBytes("x")));
  env.Block({unknown});
  env.Idle();
  EXPECT_EQ(env.FinalValue(unknown.hash), Str(Byte(0)));

  auto r = env.Call("alice.near", kRt, "resume_id", Concat(yid, ToBytes("by-id")));
  env.Block({r});
  env.Idle();
  EXPECT_EQ(env.FinalValue(r.hash), Str(Byte(1)));
  EXPECT_EQ(CallbackValue(env, y1), Str(Concat(Byte(1), ToBytes("by-id"))));
  ExpectNoYieldState(env, kRt);
  // Late resume by id: false. The id is free again afterwards.
  auto late = env.Call("alice.near", kRt, "resume_id", Concat(yid, ToBytes("late")));
  env.Block({late});
  env.Idle();
  EXPECT_EQ(env.FinalValue(late.hash), Str(Byte(0)));
  auto again = env.Call("alice.near", kRt, "yield_id", yid);
  env.Block({again});
  env.Block({});
  const ExecutionOutcomeWithId* c2 = env.Outcome(env.Outcome(again.hash)->outcome.receipt_ids[0]);
  ASSERT_NE(c2, nullptr);
  EXPECT_EQ(Str(c2->outcome.status.value), Str(Byte(1)));
  // Until it resolves, the pending yield holds its prepaid gas (not in any balance).
  env.Idle();
  auto total = env.chain->ComputeTotalBalances();
  ASSERT_TRUE(total.ok());
  EXPECT_LT(*total + env.chain->total_burnt(), env.chain->genesis_supply());
  auto r2 = env.Call("alice.near", kRt, "resume_id", Concat(yid, ToBytes("second")));
  env.Block({r2});
  env.Idle();
  EXPECT_EQ(CallbackValue(env, again), Str(Concat(Byte(1), ToBytes("second"))));
  ExpectNoYieldState(env, kRt);
  ExpectLedger(env, before, "alice.near", 0, {{kRt, 0}});
}

// chain(d) calls chain(d+1) on itself with all remaining gas (weight 1) until
// a call cannot pay for the next one.
TEST(PromiseScenarios, DeepPromiseChainHitsTheGasLimit) {
  Env env = MakeEnv();
  Snapshot before(env, {"alice.near", kRt});
  auto tx = env.Call("alice.near", kRt, "chain", U64Le(0), 0, 300 * kTgas);
  env.Block({tx});
  env.Idle(1000);
  auto depth_raw = env.Data(kRt, "depth");
  ASSERT_TRUE(depth_raw.has_value());
  uint64_t depth = 0;
  for (int i = 7; i >= 0; --i) depth = (depth << 8) | (*depth_raw)[i];
  EXPECT_GT(depth, 20u);
  // Every link ran in its own block, the last one failed on gas.
  size_t calls = 0, failures = 0;
  std::string last_error;
  for (size_t i = before.block_index; i < env.blocks.size(); ++i) {
    for (const auto& o : env.blocks[i].apply.outcomes) {
      if (o.outcome.executor_id != Id(kRt)) continue;
      ++calls;
      if (o.outcome.status.is_failure()) {
        ++failures;
        last_error = o.outcome.status.failure.ToJson();
      }
    }
  }
  EXPECT_EQ(calls, depth + 2);  // depth+1 successful links, one that ran out of gas
  EXPECT_EQ(failures, 1u);
  EXPECT_NE(last_error.find("Exceeded the prepaid gas"), std::string::npos) << last_error;
  ExpectLedger(env, before, "alice.near", 0, {{kRt, 0}});
}

}  // namespace
}  // namespace nearrt::chain
