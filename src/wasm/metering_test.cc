// Gas and stack metering: charging chains must equal charging every
// instruction just before it runs, and out-of-gas must report the charge
// finite-wasm's merged instrumentation points would have attempted.
#include <gtest/gtest.h>

#include "wasm/test_util.h"

namespace nearrt::wasm {
namespace {

using testing::Harness;
using testing::LoadWat;
using testing::Metered;

uint64_t Used(uint64_t limit, const ExecResult& r) { return limit - r.gas_left; }

TEST(Metering, LoopChargesEveryIteration) {
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("loop_count", Metered())));
  for (uint32_t n : {0u, 1u, 2u, 10u, 1000u}) {
    uint32_t iterations = n == 0 ? 1 : n;
    std::vector<uint64_t> r;
    ExecResult e = h.Call("count", {n}, &r, 1000000);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(Used(1000000, e), 8u * iterations + 1) << "n=" << n;
  }
}

FunctionCosts EntryFive(const Module&, uint32_t, void*) { return FunctionCosts{5, 0}; }

TEST(Metering, FunctionEntryCost) {
  ModuleConfig c = Metered();
  c.metering.function_costs = EntryFive;
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("loop_count", c)));
  ExecResult e = h.Call("count", {10}, nullptr, 1000);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(Used(1000, e), 5u + 81u);
  // Entry cost alone cannot be paid: nothing runs, the attempted charge is
  // the entry cost (nearcore's prologue check comes first).
  e = h.Call("count", {10}, nullptr, 4);
  EXPECT_EQ(e.trap, TrapCode::OutOfGas);
  EXPECT_EQ(e.gas_left, 4u);
  EXPECT_EQ(e.oog_attempted, 5u);
}

TEST(Metering, TrapChargesUpToTheTrappingInstruction) {
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("two_loads", Metered())));
  ExecResult e = h.Call("two_loads", {0}, nullptr, 100);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(Used(100, e), 6u);
  // Out of bounds: local.get + the trapping load are charged, nothing after.
  e = h.Call("two_loads", {65536}, nullptr, 100);
  EXPECT_EQ(e.trap, TrapCode::MemoryOutOfBounds);
  EXPECT_EQ(Used(100, e), 2u);
  // Exactly enough for the trapping prefix: the trap wins over out-of-gas.
  e = h.Call("two_loads", {65536}, nullptr, 2);
  EXPECT_EQ(e.trap, TrapCode::MemoryOutOfBounds);
  EXPECT_EQ(e.gas_left, 0u);
  // One less: out of gas before the load.
  e = h.Call("two_loads", {65536}, nullptr, 1);
  EXPECT_EQ(e.trap, TrapCode::OutOfGas);
}

TEST(Metering, OutOfGasReportsFiniteWasmPoints) {
  // Points of two_loads: [get load] = 2, [drop get load] = 3, [drop end] = 1.
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("two_loads", Metered())));
  struct Case {
    uint64_t gas, left, attempted;
  } cases[] = {{0, 0, 2}, {1, 1, 2}, {2, 0, 3}, {3, 1, 3}, {4, 2, 3}, {5, 0, 1}};
  for (const Case& c : cases) {
    ExecResult e = h.Call("two_loads", {0}, nullptr, c.gas);
    EXPECT_EQ(e.trap, TrapCode::OutOfGas) << "gas " << c.gas;
    EXPECT_EQ(e.gas_left, c.left) << "gas " << c.gas;
    EXPECT_EQ(e.oog_attempted, c.attempted) << "gas " << c.gas;
  }
  // And the code is left unpatched: a full run still works.
  EXPECT_TRUE(h.Call("two_loads", {0}, nullptr, 6).ok());
}

FunctionCosts NearFrame(const Module&, uint32_t, void*) {
  // (func $f (call $f)): frame 64 bytes, operand stack 0 -> ceil(64/8) ops.
  return FunctionCosts{8 * 822756, 64};
}

TEST(Metering, StackBudgetAsNearcoreVector13) {
  ModuleConfig c = Metered(822756);
  c.metering.function_costs = NearFrame;
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("recurse", c)));
  h.thread.set_stack_budget(262144);
  const uint64_t limit = 300000000000000ull;
  ExecResult e = h.Call("main", {}, nullptr, limit);
  EXPECT_EQ(e.trap, TrapCode::StackBudgetExhausted);
  // 4096 frames, each paying its entry (8 ops) and its call (1 op); vm.md
  // vector 13 adds the loading fee to get 30,418,898,602.
  EXPECT_EQ(Used(limit, e), 4096ull * 9 * 822756);
}

struct Probe {
  uint64_t seen_gas = 0;
  uint64_t charge = 0;
  bool fail = false;
};

TrapCode ProbeFn(HostCall& call, uint64_t* slots) {
  auto* p = static_cast<Probe*>(call.env);
  p->seen_gas = call.gas_left;
  EXPECT_EQ(slots[0], 7u);
  call.gas_left -= p->charge;
  return p->fail ? TrapCode::HostError : TrapCode::None;
}

TEST(Metering, HostCallsSeeGasUpToTheCall) {
  Harness h;
  Probe probe;
  probe.charge = 10;
  ExternVal v;
  v.kind = ExternKind::Func;
  v.func = h.store.AddHostFunction(FuncType{{ValType::I32}, {}}, ProbeFn, &probe);
  ASSERT_TRUE(h.Instantiate(LoadWat("host_gas", Metered()), {v}));
  std::vector<uint64_t> r;
  ExecResult e = h.Call("run", {}, &r, 1000);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(r[0], 3u);
  EXPECT_EQ(probe.seen_gas, 1000u - 2);         // i32.const + call
  EXPECT_EQ(Used(1000, e), 2u + 10u + 3u);      // + host charge + const const add
  probe.fail = true;
  e = h.Call("run", {}, &r, 1000);
  EXPECT_EQ(e.trap, TrapCode::HostError);
  EXPECT_EQ(Used(1000, e), 12u);
}

TEST(Metering, LinearCostOfMemoryGrow) {
  ModuleConfig c = Metered();
  c.metering.linear_base = 100;
  c.metering.linear_unit = 10;
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("grow", c)));
  std::vector<uint64_t> r;
  ExecResult e = h.Call("grow", {2}, &r, 1000);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(r[0], 1u);
  EXPECT_EQ(Used(1000, e), 1u + 120u);
  // Failing growth still pays (charged before running).
  e = h.Call("grow", {100}, &r, 5000);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(r[0], 0xFFFFFFFFu);
  EXPECT_EQ(Used(5000, e), 1u + 1100u);
  e = h.Call("grow", {2}, &r, 50);
  EXPECT_EQ(e.trap, TrapCode::OutOfGas);
  EXPECT_EQ(e.gas_left, 49u);
  EXPECT_EQ(e.oog_attempted, 120u);
}

}  // namespace
}  // namespace nearrt::wasm
