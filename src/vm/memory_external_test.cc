// MemoryExternal: receipts as nearcore's ReceiptManager records them, and its
// distribute_gas (runtime/runtime/src/receipt_manager.rs tests ported).
#include "vm/memory_external.h"

#include "gtest/gtest.h"

namespace nearrt::vm {
namespace {

AccountId Id(std::string_view s) { return AccountId::Unchecked(s); }

struct Call {
  Gas static_gas;
  uint64_t weight;
  Gas expected;
};

// receipt_manager.rs function_call_weight_verify: one receipt per call, then
// distribute 10 Ggas minus the static gas.
void Verify(const std::vector<Call>& calls, bool after_distribute) {
  MemoryExternal ext;
  Gas limit = 10'000'000'000;
  for (const Call& c : calls) {
    ReceiptIndex r = *ext.CreateActionReceipt({}, Id("rick.test"));
    limit = limit > c.static_gas ? limit - c.static_gas : 0;
    ASSERT_TRUE(ext.AppendActionFunctionCallWeight(r, {}, {}, 0, c.static_gas, c.weight).ok());
  }
  if (after_distribute) ASSERT_TRUE(ext.DistributeGas(limit).ok());
  Gas total = 0;
  size_t i = 0;
  for (const RecordedReceipt& r : ext.receipts()) {
    for (const RecordedAction& a : r.actions) {
      Gas want = after_distribute ? calls[i].expected : calls[i].static_gas;
      EXPECT_EQ(a.gas, want) << i;
      total += a.gas;
      ++i;
    }
  }
  if (after_distribute) EXPECT_EQ(total, 10'000'000'000u);
}

void Check(const std::vector<Call>& calls) {
  Verify(calls, false);
  Verify(calls, true);
}

TEST(MemoryExternalTest, FunctionCallWeightBasicCases) {
  const Gas G = 1'000'000'000;
  Check({{0, 1, 10 * G}});
  Check({{888, 1, 10 * G}});
  Check({{0, 88888, 10 * G}});
  Check({{0, 14641ULL * 14641 * 14641 * 4, 10 * G}});  // a weight larger than the gas
  Check({{0, 3, 6 * G}, {0, 2, 4 * G}});
  Check({{1'000'000, 3, 5'998'600'000}, {3'000'000, 2, 4'001'400'000}});
  Check({{1'000'000, 3, 2'699'800'000},
         {3'000'000, 2, 1'802'200'000},
         {0, 1, 899'600'000},
         {G, 0, G},
         {0, 4, 3'598'400'000}});
  Check({{0, UINT64_MAX, 9'999'999'999}, {0, 1000, 1}});
  Check({{0, 10'000'000'000, 4'999'999'999}, {0, 1, 0}, {0, 10'000'000'000, 5'000'000'001}});
  Check({{0, 0, 0}, {0, 1, 10 * G}});
}

TEST(MemoryExternalTest, NoWeightsDistributesNothing) {
  MemoryExternal ext;
  ReceiptIndex r = *ext.CreateActionReceipt({}, Id("a.near"));
  ASSERT_TRUE(ext.AppendActionFunctionCallWeight(r, ToBytes("m"), {}, 0, 5, 0).ok());
  EXPECT_EQ(*ext.DistributeGas(100), 0u);
  EXPECT_EQ(ext.receipts()[0].actions[0].gas, 5u);
  EXPECT_EQ(*ext.DistributeGas(0), 0u);
}

TEST(MemoryExternalTest, ReceiptsAndDependencies) {
  MemoryExternal ext;
  EXPECT_EQ(*ext.CreateActionReceipt({}, Id("a.near")), 0u);
  EXPECT_EQ(*ext.CreateActionReceipt({0}, Id("b.near")), 1u);
  VMResult<ReceiptIndex> bad = ext.CreateActionReceipt({5}, Id("c.near"));
  EXPECT_EQ(bad.error(), VMLogicError(HostError(HostErrorKind::InvalidReceiptIndex, 5)));
  EXPECT_EQ(ext.receipts().size(), 2u);
  EXPECT_EQ(ext.receipts()[1].input_data_ids.size(), 1u);
  EXPECT_EQ(ext.GetReceiptReceiver(1)->str(), "b.near");
  EXPECT_EQ(ext.GetReceiptReceiver(2), nullptr);
  EXPECT_EQ(ext.AppendActionFunctionCallWeight(0, Bytes{0xc3, 0x28}, {}, 0, 0, 0).error(),
            VMLogicError(HostErrorKind::InvalidMethodName));
}

TEST(MemoryExternalTest, DataIdsAreMockedExternalOnes) {
  MemoryExternal ext;
  uint8_t zero[8] = {0}, one[8] = {1};
  EXPECT_EQ(ext.GenerateDataId(), CryptoHash::Of(ByteView(zero, 8)));
  EXPECT_EQ(ext.GenerateDataId(), CryptoHash::Of(ByteView(one, 8)));
}

TEST(MemoryExternalTest, YieldsAndResumes) {
  MemoryExternal ext;
  CryptoHash pending = CryptoHash::Of(AsBytes("old yield"));
  YieldId pending_yid = CryptoHash::Of(AsBytes("yid"));
  ext.AddPendingYield(pending, pending_yid);
  EXPECT_TRUE(*ext.SubmitPromiseResumeData(pending, ToBytes("x")));
  EXPECT_TRUE(*ext.SubmitPromiseResumeDataWithYieldId(pending_yid, ToBytes("y")));
  EXPECT_FALSE(*ext.SubmitPromiseResumeData(CryptoHash::Of(AsBytes("?")), {}));
  // A yield id in use: nullopt.
  EXPECT_FALSE(ext.CreatePromiseYieldReceiptWithId(Id("a.near"), pending_yid)->has_value());
  YieldId fresh = CryptoHash::Of(AsBytes("fresh"));
  auto created = *ext.CreatePromiseYieldReceiptWithId(Id("a.near"), fresh);
  ASSERT_TRUE(created.has_value());
  EXPECT_TRUE(ext.receipts()[created->first].is_promise_yield);
  EXPECT_FALSE(ext.CreatePromiseYieldReceiptWithId(Id("a.near"), fresh)->has_value());
  EXPECT_TRUE(*ext.SubmitPromiseResumeDataWithYieldId(fresh, ToBytes("z")));
  ASSERT_EQ(ext.resumes().size(), 3u);
  EXPECT_EQ(ext.resumes()[2].first, created->second);
}

TEST(MemoryExternalTest, StorageAndValidators) {
  MemoryExternal ext;
  FreeStorageAccessTracker t;
  EXPECT_FALSE(ext.StorageSet(t, AsBytes("k"), AsBytes("v1"))->has_value());
  EXPECT_EQ(**ext.StorageSet(t, AsBytes("k"), AsBytes("v2")), ToBytes("v1"));
  std::unique_ptr<ValuePtr> p = *ext.StorageGet(t, AsBytes("k"));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->len(), 2u);
  EXPECT_EQ(*p->Deref(t), ToBytes("v2"));
  EXPECT_TRUE(*ext.StorageHasKey(t, AsBytes("k")));
  EXPECT_EQ(**ext.StorageRemove(t, AsBytes("k")), ToBytes("v2"));
  EXPECT_EQ(*ext.StorageGet(t, AsBytes("k")), nullptr);
  ext.validators()[Id("v.near")] = 7;
  EXPECT_TRUE(**ext.ValidatorStake(Id("v.near")) == 7);
  EXPECT_FALSE(ext.ValidatorStake(Id("x.near"))->has_value());
  EXPECT_TRUE(*ext.ValidatorTotalStake() == 7);
}

}  // namespace
}  // namespace nearrt::vm
