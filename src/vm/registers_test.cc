// Registers: nearcore runtime/near-vm-runner/src/logic/vmstate.rs tests
// (ExtCostsConfig::test(), unlimited gas) with their exact gas totals.
#include "vm/registers.h"

#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

struct RegistersTestContext {
  GasCounter gas{testing::TestExtCosts(), UINT64_MAX, 0, UINT64_MAX, false};
  LimitConfig cfg = testing::Mainnet().wasm_config.limit_config;
  Registers regs;

  void AssertSetSuccess(uint64_t id, std::string_view value) {
    ASSERT_TRUE(regs.Set(gas, cfg, id, AsBytes(value)).ok());
    AssertRead(id, value);
  }
  void AssertSetFailure(uint64_t id, std::string_view value) {
    VMStatus s = regs.Set(gas, cfg, id, AsBytes(value));
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(testing::IsHost(s.error(), HostErrorKind::MemoryAccessViolation));
  }
  void AssertRead(uint64_t id, std::optional<std::string_view> value) {
    VMResult<ByteView> got = regs.Get(gas, id);
    if (value) {
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(AsString(*got), *value);
      EXPECT_EQ(regs.GetLen(id), value->size());
    } else {
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(got.error(), VMLogicError(HostError(HostErrorKind::InvalidRegisterId, id)));
      EXPECT_EQ(regs.GetLen(id), std::nullopt);
    }
  }
  void AssertUsedGas(Gas g) {
    EXPECT_EQ(gas.burnt_gas(), g);
    EXPECT_EQ(gas.used_gas(), g);
  }
};

TEST(RegistersTest, Set) {
  RegistersTestContext ctx;
  ctx.AssertRead(42, std::nullopt);
  ctx.AssertRead(24, std::nullopt);
  ctx.AssertSetSuccess(42, "foo");
  ctx.AssertRead(24, std::nullopt);
  ctx.AssertUsedGas(5394388050);
}

TEST(RegistersTest, MaxNumberLimit) {
  RegistersTestContext ctx;
  ctx.cfg.max_number_registers = 2;
  ctx.AssertSetSuccess(42, "foo");
  ctx.AssertSetSuccess(24, "bar");
  ctx.AssertSetFailure(12, "baz");
  // Historical bug kept in the protocol: overwriting fails at the limit too.
  ctx.AssertSetFailure(42, "O_o");
  ctx.AssertSetFailure(24, "O_o");
  ctx.AssertUsedGas(19419557634);
}

TEST(RegistersTest, RegisterSizeLimit) {
  RegistersTestContext ctx;
  ctx.cfg.max_register_size = 3;
  ctx.AssertSetSuccess(42, "foo");
  ctx.AssertSetFailure(24, "quux");
  ctx.AssertUsedGas(8275116792);
}

TEST(RegistersTest, UsageLimit) {
  RegistersTestContext ctx;
  ctx.cfg.registers_memory_limit = 11;
  ctx.AssertSetSuccess(42, "foo");
  ctx.AssertSetSuccess(42, "bar");  // replacing is fine
  ctx.AssertSetSuccess(42, "");
  ctx.AssertSetSuccess(42, "baz");
  ctx.AssertSetFailure(42, "quux");  // usage = 8 + len
  ctx.AssertUsedGas(24446580564);
}

TEST(RegistersTest, SharedDataChargesOnlyBase) {
  RegistersTestContext ctx;
  auto data = std::make_shared<const Bytes>(Bytes(100, 7));
  ASSERT_TRUE(ctx.regs.SetShared(ctx.gas, ctx.cfg, 1, data).ok());
  std::map<ExtCost, uint64_t> want = {{ExtCost::write_register_base, 1}};
  EXPECT_EQ(ctx.gas.CostCounts(), want);
  EXPECT_EQ(ctx.regs.total_memory_usage(), 108u);
}

}  // namespace
}  // namespace nearrt::vm
