// Test harness for host functions, after nearcore's VMLogicBuilder
// (runtime/near-vm-runner/src/logic/tests/vm_logic_builder.rs): the mainnet
// wasm config at PV86, RuntimeFeesConfig::test() fees, nearcore's test
// context, MemoryExternal, and 64 KiB of plain guest memory.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "util/bytes.h"
#include "vm/config.h"
#include "vm/context.h"
#include "vm/logic.h"
#include "vm/memory_external.h"

namespace nearrt::vm::testing {

// nearcore RuntimeFeesConfig::test() at PROTOCOL_VERSION 86 (core/parameters/
// src/cost.rs test_with_undercharging_factor(1)).
RuntimeFeesConfig TestFees();
// nearcore ExtCostsConfig::test() (cost.rs test_with_undercharging_factor(1)).
ExtCostsConfig TestExtCosts();
// The PV86 mainnet config from the embedded data (asserts it loads).
RuntimeConfig Mainnet();

struct MemSlice {
  uint64_t ptr;
  uint64_t len;
};

class TestVM {
 public:
  static constexpr uint64_t kMemorySize = 64 * 1024;

  // Default: mainnet PV86 wasm config, test fees, nearcore's test context
  // (alice.near / bob.near / carol.near / david.near, balance 100, deposit
  // 10, locked 50, prepaid 100 Tgas, input [0..4], ...).
  TestVM();
  static std::unique_ptr<TestVM> Default() { return std::make_unique<TestVM>(); }
  // A view call (view_config.max_gas_burnt = limit_config.max_gas_burnt).
  static std::unique_ptr<TestVM> View();
  // All costs zero (nearcore VMLogicBuilder::free).
  static std::unique_ptr<TestVM> Free();

  VMConfig config;
  RuntimeFeesConfig fees;
  VMContext context;
  MemoryExternal ext;
  Bytes memory = Bytes(kMemorySize, 0);

  // Creates the VMLogic from the current config/context (once).
  VMLogic& Build();
  VMLogic& logic() { return *logic_; }
  VMLogic* operator->() { return logic_.get(); }

  // Writes `data` at the next free offset (for free) and returns its slice.
  MemSlice Write(ByteView data);
  MemSlice Write(std::string_view s) { return Write(AsBytes(s)); }
  MemSlice WriteAt(uint64_t ptr, ByteView data);
  Bytes Read(uint64_t ptr, uint64_t len) const;
  // read_register (charged) to the end of memory, then compares.
  void AssertReadRegister(ByteView want, uint64_t register_id);
  // Writes a register for free of checks but with its normal gas
  // (nearcore wrapped_internal_write_register).
  VMStatus WriteRegisterInternal(uint64_t register_id, ByteView data);
  // The charge counts since the last call, then resets them.
  std::map<ExtCost, uint64_t> TakeCosts();
  VMOutcome Outcome() const { return logic_->ComputeOutcome(); }

 private:
  std::unique_ptr<VMLogic> logic_;
  uint64_t write_offset_ = 0;
};

// helpers.rs
VMResult<uint64_t> PromiseCreate(TestVM& vm, std::string_view account_id, Balance amount,
                                 Gas gas);
VMResult<uint64_t> PromiseBatchCreate(TestVM& vm, std::string_view account_id);
VMStatus PromiseBatchActionFunctionCallExt(TestVM& vm, uint64_t promise_index,
                                           std::string_view method, std::string_view args,
                                           Balance amount, Gas gas);
VMStatus PromiseBatchActionFunctionCall(TestVM& vm, uint64_t promise_index, Balance amount,
                                        Gas gas);
VMStatus PromiseBatchActionFunctionCallWeightExt(TestVM& vm, uint64_t promise_index,
                                                 std::string_view method, std::string_view args,
                                                 Balance amount, Gas gas, uint64_t weight);
VMStatus PromiseBatchActionFunctionCallWeight(TestVM& vm, uint64_t promise_index, Balance amount,
                                              Gas gas, uint64_t weight);
VMStatus PromiseBatchActionAddKeyWithFunctionCall(TestVM& vm, uint64_t promise_index,
                                                  ByteView public_key, uint64_t nonce,
                                                  Balance allowance, std::string_view receiver_id,
                                                  std::string_view method_names);
VMStatus PromiseBatchActionAddKeyWithFullAccess(TestVM& vm, uint64_t promise_index,
                                                ByteView public_key, uint64_t nonce);
Bytes U128Le(Balance v);
Bytes U64Le(uint64_t v);

// Borsh of "ed25519:<base58>" keys used by nearcore's tests.
Bytes TestPkBorsh(std::string_view base58_key);

std::string CostsToString(const std::map<ExtCost, uint64_t>& costs);

#define NEARRT_EXPECT_COSTS(test_vm, ...)                                   \
  EXPECT_EQ(::nearrt::vm::testing::CostsToString((test_vm).TakeCosts()),    \
            ::nearrt::vm::testing::CostsToString(std::map<ExtCost, uint64_t>{__VA_ARGS__}))

// Host-error matchers.
inline bool IsHost(const VMLogicError& e, HostErrorKind k) {
  return e.kind == VMLogicError::Kind::kHost && e.host.kind == k;
}

}  // namespace nearrt::vm::testing
