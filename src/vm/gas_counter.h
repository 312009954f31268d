// Gas accounting of one function call (nearcore runtime/near-vm-runner/src/
// logic/gas_counter.rs): burnt gas, gas prepaid to promises, the limits, the
// out-of-gas rules, the per-cost profile, and the hooks the wasm engine uses.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

#include "vm/config.h"
#include "vm/errors.h"
#include "vm/external.h"
#include "vm/profile.h"

namespace nearrt::vm {

// nearcore GasKeyAddFee / GasKeyTransferFee: a fee split in two parts.
struct SplitFee {
  ParameterCost base;
  ParameterCost per_byte;
};

class GasCounter final : public StorageAccessTracker {
 public:
  // For a view call, prepaid_gas is ignored (u64::MAX) and max_gas_burnt is
  // the view limit. gas_limit = min(max_gas_burnt, prepaid).
  GasCounter(const ExtCostsConfig& ext_costs, Gas max_gas_burnt, uint32_t regular_op_cost,
             Gas prepaid_gas, bool is_view);

  // Burns `gas` (no promises involved). On crossing the limit: burnt is
  // clamped to min(prepaid, max_gas_burnt), promises gas to what fits in
  // prepaid, and the error is GasLimitExceeded iff burnt + gas > max_gas_burnt,
  // else GasExceeded. Overflow of burnt + gas is IntegerOverflow.
  VMStatus BurnGas(Gas gas);
  // cost(c); profiled under c.
  VMStatus PayBase(ExtCost c);
  // cost(c) * n (IntegerOverflow if that overflows); profiled under c.
  VMStatus PayPer(ExtCost c, uint64_t n);
  // Burns burn_cost.gas and reserves use_gas - burn_cost.gas for promises;
  // the burnt part goes to the profile under `action`.
  // REQUIRES: burn_cost.gas <= use_gas.
  VMStatus PayActionAccumulated(const ParameterCost& burn_cost, Gas use_gas, ActionCost action);
  // Gas-key add-key fees: exec base under gas_key_nonce_write_base (nothing
  // burnt), then send + exec per-byte under gas_key_byte.
  VMStatus PayGasKeyAddKeyFees(const ParameterCost& send_fee, const SplitFee& exec_fee);
  // Reserves `gas` for a promise (deduct(0, gas)).
  VMStatus PrepayGas(Gas gas);
  // nearcore process_gas_limit: applies the clamping and returns the error.
  HostError ProcessGasLimit(Gas new_burnt_gas, Gas new_used_gas);

  Gas burnt_gas() const { return burnt_gas_; }
  // burnt + promises gas.
  Gas used_gas() const { return burnt_gas_ + promises_gas_; }
  // prepaid - used, saturating.
  Gas remaining_gas() const { return SaturatingSub(prepaid_gas_, used_gas()); }
  Gas prepaid_gas() const { return prepaid_gas_; }
  Gas promises_gas() const { return promises_gas_; }
  Gas gas_limit() const { return gas_limit_; }
  Gas max_gas_burnt() const { return max_gas_burnt_; }
  bool is_view() const { return is_view_; }
  uint32_t regular_op_cost() const { return regular_op_cost_; }
  const ExtCostsConfig& ext_costs() const { return ext_costs_; }

  const ProfileData& profile() const { return profile_; }
  Compute send_action_compute_usage() const { return send_action_compute_usage_; }

  // ---- Hooks for the wasm engine (nearcore wasmtime_runner/mod.rs) ----
  //
  // The engine keeps its own remaining-gas counter `wasm_gas` for
  // instructions. Before every host call (and when wasm returns) call
  // SyncFromWasm(wasm_gas): it burns (prepaid - used) - wasm_gas if positive
  // (nearcore's CallHook::CallingHost / ReturningFromWasm). After the host
  // call (and before entering wasm) set wasm_gas = WasmGasBudget()
  // (CallHook::ReturningFromHost / CallingWasm). Treat wasm_gas as u64: for
  // view calls the budget is ~u64::MAX and only the next sync enforces the
  // view limit, exactly like nearcore.
  VMStatus SyncFromWasm(uint64_t wasm_gas);
  uint64_t WasmGasBudget() const { return remaining_gas(); }
  // The engine's out-of-gas (finite_wasm_gas): after SyncFromWasm, burn the
  // amount the instruction(s) needed. Always fails when it exceeds the budget,
  // with GasExceeded or GasLimitExceeded and burnt clamped as in BurnGas.
  VMStatus ChargeWasmGas(uint64_t gas) { return BurnGas(gas); }
  // finite_wasm_{memory,table}_* : constant + count * linear, overflow →
  // IntegerOverflow (nothing burnt).
  VMStatus ChargeWasmLinear(uint32_t count, uint64_t linear, uint64_t constant);
  // The legacy `gas(i32)` import: opcodes * regular_op_cost.
  VMStatus ChargeOpcodes(uint32_t opcodes);
  // finite_wasm_gas_exhausted: burns all remaining gas, then IntegerOverflow
  // (or the out-of-gas error if that burn fails).
  VMStatus WasmGasExhausted();

  // Contract loading fee: contract_loading_bytes * code_len, then
  // contract_loading_base (gas_counter.rs add_contract_loading_fee).
  VMStatus AddContractLoadingFee(uint64_t code_len);
  // nearcore before_loading_executable / after_loading_executable: the
  // MethodEmptyName check and the loading fee at the point the protocol
  // version charges it; any fee failure becomes HostError GasExceeded.
  std::optional<FunctionCallError> BeforeLoadingExecutable(const VMConfig& config,
                                                           std::string_view method_name,
                                                           uint64_t code_len);
  std::optional<FunctionCallError> AfterLoadingExecutable(const VMConfig& config,
                                                          uint64_t code_len);

  // ---- StorageAccessTracker ----
  VMStatus TrieNodeTouched(uint64_t count) override;
  VMStatus CachedTrieNodeAccess(uint64_t count) override;
  VMStatus DerefWriteEvictedValueBytes(uint64_t bytes) override;
  VMStatus DerefRemovedValueBytes(uint64_t bytes) override;

  // ---- Charge counts (what nearcore's tests assert with assert_costs) ----
  // How often / how many units of each cost were charged (attempts included),
  // with an entry for every cost touched, even by a zero count.
  std::map<ExtCost, uint64_t> CostCounts() const;
  void ResetCostCounts();

 private:
  VMStatus DeductGas(Gas gas_burnt, Gas gas_used);
  void CountCost(ExtCost c, uint64_t n);

  ExtCostsConfig ext_costs_;
  Gas burnt_gas_ = 0;
  Gas gas_limit_ = 0;
  uint32_t regular_op_cost_ = 0;
  Gas promises_gas_ = 0;
  Gas max_gas_burnt_ = 0;
  Gas prepaid_gas_ = 0;
  bool is_view_ = false;
  ProfileData profile_;
  Compute send_action_compute_usage_ = 0;
  std::array<uint64_t, kNumExtCosts> counts_{};
  std::bitset<kNumExtCosts> touched_;
};

}  // namespace nearrt::vm
