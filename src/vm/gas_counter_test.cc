// GasCounter: nearcore runtime/near-vm-runner/src/logic/gas_counter.rs unit
// tests (ported with ExtCostsConfig::test(), opcode cost 1), the out-of-gas
// rules of shared/near/vm.md section 2.3, view limits, the profile, and the
// engine hooks (vm.md 3.3, 2.4).
#include "vm/gas_counter.h"

#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::TestExtCosts;

constexpr Gas kMaxGas = 300'000'000'000'000;  // gas_counter.rs MAX_GAS
constexpr Gas kGiga = 1'000'000'000;

GasCounter MakeTestCounter(Gas max_burnt, Gas prepaid, bool is_view) {
  return GasCounter(TestExtCosts(), max_burnt, 1, prepaid, is_view);
}

bool IsErr(const VMStatus& s, HostErrorKind k) {
  return !s.ok() && testing::IsHost(s.error(), k);
}

TEST(GasCounterTest, DeductGas) {
  GasCounter c = MakeTestCounter(10, 10, false);
  ASSERT_TRUE(c.PayActionAccumulated({5, 5}, 10, ActionCost::transfer).ok());
  EXPECT_EQ(c.burnt_gas(), 5u);
  EXPECT_EQ(c.used_gas(), 10u);
}

TEST(GasCounterTest, BurnTooMuch) {
  struct Case {
    Gas burn, prepaid;
    bool view;
  };
  for (Case t : {Case{5, 7, false}, Case{5, 7, true}, Case{5, 5, false}, Case{5, 5, true},
                 Case{7, 5, false}, Case{7, 5, true}}) {
    GasCounter c = MakeTestCounter(t.burn, t.prepaid, t.view);
    ASSERT_TRUE(c.BurnGas(5).ok());
    EXPECT_TRUE(IsErr(c.BurnGas(3), HostErrorKind::GasLimitExceeded))
        << t.burn << " " << t.prepaid << " " << t.view;
  }
}

TEST(GasCounterTest, DeductTooMuch) {
  struct Case {
    Gas burn, prepaid;
    bool view;
    std::optional<HostErrorKind> want;
  };
  const std::optional<HostErrorKind> kLimit = HostErrorKind::GasLimitExceeded;
  for (Case t : {Case{5, 7, false, kLimit}, Case{5, 7, true, kLimit}, Case{5, 5, false, kLimit},
                 Case{5, 5, true, kLimit}, Case{7, 5, false, kLimit}, Case{7, 5, true, kLimit},
                 Case{5, 8, false, kLimit}, Case{5, 8, true, kLimit},
                 Case{8, 5, false, HostErrorKind::GasExceeded}, Case{8, 5, true, std::nullopt}}) {
    GasCounter c = MakeTestCounter(t.burn, t.prepaid, t.view);
    ASSERT_TRUE(c.PayActionAccumulated({5, 5}, 5, ActionCost::transfer).ok());
    VMStatus r = c.PayActionAccumulated({3, 3}, 3, ActionCost::transfer);
    if (t.want) {
      EXPECT_TRUE(IsErr(r, *t.want)) << t.burn << " " << t.prepaid << " " << t.view;
    } else {
      EXPECT_TRUE(r.ok()) << t.burn << " " << t.prepaid << " " << t.view;
    }
  }
}

Compute ComputeUsage(const GasCounter& c) {
  ProfileData p = c.profile();
  p.ComputeWasmInstructionCost(c.burnt_gas());
  return p.TotalComputeUsage(TestExtCosts(), c.send_action_compute_usage());
}

TEST(GasCounterTest, ProfileComputeCostIsAccurate) {
  GasCounter c = MakeTestCounter(kMaxGas, kMaxGas, false);
  ASSERT_TRUE(c.PayBase(ExtCost::storage_write_base).ok());
  ASSERT_TRUE(c.PayPer(ExtCost::storage_write_value_byte, 10).ok());
  ASSERT_TRUE(c.PayActionAccumulated({100, 100}, 100, ActionCost::new_data_receipt_byte).ok());
  EXPECT_EQ(ComputeUsage(c), c.burnt_gas());
}

TEST(GasCounterTest, ProfileComputeCostExtOverLimit) {
  struct Case {
    Gas burn, prepaid;
    HostErrorKind want;
  };
  for (Case t : {Case{kMaxGas, kGiga, HostErrorKind::GasExceeded},
                 Case{kGiga, kMaxGas, HostErrorKind::GasLimitExceeded},
                 Case{kGiga, kGiga, HostErrorKind::GasLimitExceeded}}) {
    GasCounter c = MakeTestCounter(t.burn, t.prepaid, false);
    EXPECT_TRUE(IsErr(c.PayPer(ExtCost::storage_write_value_byte, 100), t.want));
    EXPECT_EQ(ComputeUsage(c), c.burnt_gas());
  }
}

TEST(GasCounterTest, ProfileComputeCostActionOverLimit) {
  struct Case {
    Gas burn, prepaid;
    HostErrorKind want;
  };
  const Gas above = 10 * kGiga;
  for (Case t : {Case{kMaxGas, kGiga, HostErrorKind::GasExceeded},
                 Case{kGiga, kMaxGas, HostErrorKind::GasLimitExceeded},
                 Case{kGiga, kGiga, HostErrorKind::GasLimitExceeded}}) {
    GasCounter c = MakeTestCounter(t.burn, t.prepaid, false);
    EXPECT_TRUE(IsErr(c.PayActionAccumulated({above, above}, above,
                                             ActionCost::new_data_receipt_byte),
                      t.want));
    EXPECT_EQ(ComputeUsage(c), c.burnt_gas());
  }
}

// gas_counter.rs process_gas_limit: burnt = min(attempted, prepaid,
// max_gas_burnt), promises gas = min(prepaid, attempted + promises) - burnt;
// GasLimitExceeded iff the attempted burnt exceeds max_gas_burnt.
TEST(GasCounterTest, OutOfGasClampsToPrepaidOrLimit) {
  GasCounter z = MakeTestCounter(1000, 100, false);
  EXPECT_TRUE(IsErr(z.BurnGas(150), HostErrorKind::GasExceeded));
  EXPECT_EQ(z.burnt_gas(), 100u);  // no promises: burnt = used = prepaid
  EXPECT_EQ(z.used_gas(), 100u);

  GasCounter a = MakeTestCounter(1000, 100, false);
  ASSERT_TRUE(a.PrepayGas(30).ok());  // promises gas; the burn limit is now 70
  EXPECT_TRUE(IsErr(a.BurnGas(80), HostErrorKind::GasExceeded));
  EXPECT_EQ(a.burnt_gas(), 80u);
  EXPECT_EQ(a.used_gas(), 100u);
  EXPECT_EQ(a.promises_gas(), 20u);

  GasCounter b = MakeTestCounter(100, 1000, false);
  ASSERT_TRUE(b.PrepayGas(30).ok());
  EXPECT_TRUE(IsErr(b.BurnGas(150), HostErrorKind::GasLimitExceeded));
  EXPECT_EQ(b.burnt_gas(), 100u);
  EXPECT_EQ(b.used_gas(), 180u);  // attempted 150 + 30 promises, within prepaid

  // Overflow of burnt + gas is IntegerOverflow and changes nothing.
  GasCounter c = MakeTestCounter(UINT64_MAX, UINT64_MAX, false);
  ASSERT_TRUE(c.BurnGas(10).ok());
  EXPECT_TRUE(IsErr(c.BurnGas(UINT64_MAX), HostErrorKind::IntegerOverflow));
  EXPECT_EQ(c.burnt_gas(), 10u);
  // pay_per overflow: nothing counted.
  EXPECT_TRUE(IsErr(c.PayPer(ExtCost::base, UINT64_MAX), HostErrorKind::IntegerOverflow));
  EXPECT_TRUE(c.CostCounts().empty());
}

TEST(GasCounterTest, PromiseGasLowersTheBurnLimit) {
  GasCounter c = MakeTestCounter(1000, 100, false);
  ASSERT_TRUE(c.PrepayGas(60).ok());
  EXPECT_EQ(c.gas_limit(), 40u);
  EXPECT_TRUE(c.BurnGas(40).ok());
  EXPECT_TRUE(IsErr(c.BurnGas(1), HostErrorKind::GasExceeded));
  EXPECT_EQ(c.burnt_gas(), 41u);  // below min(prepaid, max): kept as attempted
  EXPECT_EQ(c.used_gas(), 100u);
}

TEST(GasCounterTest, ViewCallsIgnorePrepaid) {
  GasCounter v = MakeTestCounter(500, 7, true);
  EXPECT_EQ(v.prepaid_gas(), UINT64_MAX);
  EXPECT_EQ(v.gas_limit(), 500u);
  EXPECT_TRUE(v.BurnGas(100).ok());  // more than the 7 "prepaid"
  // Promises gas does not lower the limit of a view call.
  EXPECT_TRUE(v.PrepayGas(50).ok());
  EXPECT_EQ(v.gas_limit(), 500u);
  EXPECT_TRUE(IsErr(v.BurnGas(401), HostErrorKind::GasLimitExceeded));
  EXPECT_EQ(v.burnt_gas(), 500u);
}

TEST(GasCounterTest, ProfileRecordsWhatWasBurnt) {
  GasCounter c = MakeTestCounter(kMaxGas, 1000, false);
  const ExtCostsConfig costs = TestExtCosts();
  GasCounter big = MakeTestCounter(kMaxGas, kMaxGas, false);
  ASSERT_TRUE(big.PayPer(ExtCost::log_byte, 3).ok());
  EXPECT_EQ(big.profile().ext_cost(ExtCost::log_byte), 3 * costs.gas(ExtCost::log_byte));
  // A failing charge profiles only what was actually burnt.
  EXPECT_FALSE(c.PayBase(ExtCost::base).ok());
  EXPECT_EQ(c.profile().ext_cost(ExtCost::base), 1000u);
  EXPECT_FALSE(c.PayActionAccumulated({5, 5}, 5, ActionCost::transfer).ok());
  EXPECT_EQ(c.profile().action_cost(ActionCost::transfer), 0u);
  // The profile's wasm remainder.
  ProfileData p = c.profile();
  p.ComputeWasmInstructionCost(c.burnt_gas() + 77);
  EXPECT_EQ(p.wasm_gas, 77u);
}

TEST(GasCounterTest, CostCountsIncludeFailedAndZeroCharges) {
  GasCounter c = MakeTestCounter(kMaxGas, 10, false);
  ASSERT_TRUE(c.PayPer(ExtCost::read_memory_byte, 0).ok());
  EXPECT_FALSE(c.PayBase(ExtCost::base).ok());
  std::map<ExtCost, uint64_t> want = {{ExtCost::read_memory_byte, 0}, {ExtCost::base, 1}};
  EXPECT_EQ(c.CostCounts(), want);
  c.ResetCostCounts();
  EXPECT_TRUE(c.CostCounts().empty());
}

// ---- Engine hooks ----

const ExtCostsConfig& MainnetCosts() {
  static const ExtCostsConfig costs = testing::Mainnet().wasm_config.ext_costs;
  return costs;
}

constexpr uint32_t kOp = 822756;  // regular_op_cost at PV86

GasCounter MainnetCounter(Gas prepaid) {
  return GasCounter(MainnetCosts(), 1'000'000'000'000'000, kOp, prepaid, false);
}

// vm.md 5.2 vector 1 (runtime_errors::test_simple_contract): wasm length 34,
// 8 regular ops -> 79,064,041.
TEST(GasCounterTest, SimpleContractGas) {
  GasCounter c = MainnetCounter(100'000'000'000'000);
  ASSERT_TRUE(c.AddContractLoadingFee(34).ok());
  uint64_t wasm_gas = c.WasmGasBudget();
  wasm_gas -= 8 * kOp;  // what the engine charges for the instructions
  ASSERT_TRUE(c.SyncFromWasm(wasm_gas).ok());  // ReturningFromWasm
  EXPECT_EQ(c.burnt_gas(), 79'064'041u);
  EXPECT_EQ(c.used_gas(), 79'064'041u);
  ProfileData p = c.profile();
  p.ComputeWasmInstructionCost(c.burnt_gas());
  EXPECT_EQ(p.ext_cost(ExtCost::contract_loading_base), 35'445'963u);
  EXPECT_EQ(p.ext_cost(ExtCost::contract_loading_bytes), 34ULL * 1'089'295);
  EXPECT_EQ(p.wasm_gas, 8ULL * kOp);
}

// vm.md 5.2 vectors 23 and 27: the loading fee itself runs out of gas.
TEST(GasCounterTest, LoadingFeeOutOfGas) {
  for (Gas prepaid : {Gas{1}, Gas{100}}) {
    GasCounter c = MainnetCounter(prepaid);
    VMConfig config;  // fix_contract_loading_cost = false (PV86)
    std::optional<FunctionCallError> e = c.AfterLoadingExecutable(config, 85);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->Message(), "Exceeded the prepaid gas.");
    EXPECT_EQ(c.burnt_gas(), prepaid);
    EXPECT_EQ(c.used_gas(), prepaid);
  }
  // PV86 charges after loading, not before.
  GasCounter c = MainnetCounter(100'000'000'000'000);
  VMConfig config;
  EXPECT_FALSE(c.BeforeLoadingExecutable(config, "main", 34).has_value());
  EXPECT_EQ(c.burnt_gas(), 0u);
  std::optional<FunctionCallError> empty = c.BeforeLoadingExecutable(config, "", 34);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->Message(), "MethodEmptyName");
  config.fix_contract_loading_cost = true;
  EXPECT_FALSE(c.BeforeLoadingExecutable(config, "main", 34).has_value());
  EXPECT_EQ(c.burnt_gas(), 72'481'993u);
  EXPECT_FALSE(c.AfterLoadingExecutable(config, 34).has_value());
  EXPECT_EQ(c.burnt_gas(), 72'481'993u);
}

// vm.md 5.2 vector 28 (gas_overflow_direct_call): gas(0xffffffff) with
// prepaid 1e14 -> GasLimitExceeded, burnt = used = 1e14.
TEST(GasCounterTest, LegacyGasImportOverflowsTheLimit) {
  GasCounter c = MainnetCounter(100'000'000'000'000);
  VMStatus r = c.ChargeOpcodes(0xffffffffu);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().Message(),
            "Exceeded the maximum amount of gas allowed to burn per contract.");
  EXPECT_EQ(c.burnt_gas(), 100'000'000'000'000u);
  EXPECT_EQ(c.used_gas(), 100'000'000'000'000u);
}

// vm.md 3.3: the engine's own out-of-gas: sync, then burn the amount needed.
TEST(GasCounterTest, WasmOutOfGasAfterSync) {
  GasCounter c = MainnetCounter(10'000'000'000);  // vector 19/20: 10 Ggas
  uint64_t wasm_gas = c.WasmGasBudget();
  wasm_gas -= 5 * kOp;
  // An instruction needs more than what is left: finite_wasm_gas(cost).
  ASSERT_TRUE(c.SyncFromWasm(wasm_gas).ok());
  EXPECT_TRUE(IsErr(c.ChargeWasmGas(wasm_gas + 1), HostErrorKind::GasExceeded));
  EXPECT_EQ(c.burnt_gas(), 10'000'000'000u);
  EXPECT_EQ(c.used_gas(), 10'000'000'000u);

  // Budget = prepaid - used: promises gas is not available to wasm.
  GasCounter d = MainnetCounter(10'000'000'000);
  ASSERT_TRUE(d.PrepayGas(4'000'000'000).ok());
  EXPECT_EQ(d.WasmGasBudget(), 6'000'000'000u);
  EXPECT_TRUE(d.SyncFromWasm(d.WasmGasBudget()).ok());  // nothing burnt
  EXPECT_EQ(d.burnt_gas(), 0u);

  // Linear instructions: overflow is IntegerOverflow, nothing burnt.
  GasCounter e = MainnetCounter(10'000'000'000);
  EXPECT_TRUE(IsErr(e.ChargeWasmLinear(UINT32_MAX, UINT64_MAX, 1),
                    HostErrorKind::IntegerOverflow));
  EXPECT_EQ(e.burnt_gas(), 0u);
  EXPECT_TRUE(e.ChargeWasmLinear(1, kOp, 26'328'192).ok());
  EXPECT_EQ(e.burnt_gas(), 26'328'192u + kOp);  // memory.grow(1), vector 15
  // finite_wasm_gas_exhausted: burns everything, then IntegerOverflow.
  EXPECT_TRUE(IsErr(e.WasmGasExhausted(), HostErrorKind::IntegerOverflow));
  EXPECT_EQ(e.burnt_gas(), 10'000'000'000u);
}

// A view's wasm budget is ~u64::MAX: only the next sync enforces the limit.
TEST(GasCounterTest, ViewLimitEnforcedAtSync) {
  GasCounter c(MainnetCosts(), 1'000'000, kOp, 0, /*is_view=*/true);
  uint64_t wasm_gas = c.WasmGasBudget();
  EXPECT_EQ(wasm_gas, UINT64_MAX);
  wasm_gas -= 2'000'000;  // wasm ran past the view limit without noticing
  EXPECT_TRUE(IsErr(c.SyncFromWasm(wasm_gas), HostErrorKind::GasLimitExceeded));
  EXPECT_EQ(c.burnt_gas(), 1'000'000u);
}

}  // namespace
}  // namespace nearrt::vm
