#include "vm/gas_counter.h"

#include <algorithm>

namespace nearrt::vm {

GasCounter::GasCounter(const ExtCostsConfig& ext_costs, Gas max_gas_burnt,
                       uint32_t regular_op_cost, Gas prepaid_gas, bool is_view)
    : ext_costs_(ext_costs),
      regular_op_cost_(regular_op_cost),
      max_gas_burnt_(max_gas_burnt),
      prepaid_gas_(is_view ? UINT64_MAX : prepaid_gas),
      is_view_(is_view) {
  gas_limit_ = std::min(max_gas_burnt_, prepaid_gas_);
}

VMStatus GasCounter::DeductGas(Gas gas_burnt, Gas gas_used) {
  // REQUIRES gas_burnt <= gas_used (nearcore asserts; callers guarantee it).
  Gas promises_gas = gas_used - gas_burnt;
  Gas new_promises_gas, new_burnt_gas, new_used_gas;
  if (!CheckedAdd(promises_gas_, promises_gas, &new_promises_gas) ||
      !CheckedAdd(burnt_gas_, gas_burnt, &new_burnt_gas) ||
      !CheckedAdd(new_burnt_gas, new_promises_gas, &new_used_gas)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  if (new_burnt_gas <= max_gas_burnt_ && new_used_gas <= prepaid_gas_) {
    if (promises_gas != 0 && !is_view_) {
      gas_limit_ = std::min(max_gas_burnt_, prepaid_gas_ - new_promises_gas);
    }
    burnt_gas_ = new_burnt_gas;
    promises_gas_ = new_promises_gas;
    return {};
  }
  return Err(ProcessGasLimit(new_burnt_gas, new_used_gas));
}

VMStatus GasCounter::BurnGas(Gas gas) {
  Gas new_burnt_gas;
  if (!CheckedAdd(burnt_gas_, gas, &new_burnt_gas)) return Err(HostErrorKind::IntegerOverflow);
  if (new_burnt_gas <= gas_limit_) {
    burnt_gas_ = new_burnt_gas;
    return {};
  }
  // nearcore computes new_used_gas with a wrapping add here.
  Gas new_used_gas = new_burnt_gas + promises_gas_;
  return Err(ProcessGasLimit(new_burnt_gas, new_used_gas));
}

HostError GasCounter::ProcessGasLimit(Gas new_burnt_gas, Gas new_used_gas) {
  Gas hard_burnt_limit = std::min(prepaid_gas_, max_gas_burnt_);
  burnt_gas_ = std::min(new_burnt_gas, hard_burnt_limit);
  Gas used_gas_limit = std::min(prepaid_gas_, new_used_gas);
  promises_gas_ = SaturatingSub(used_gas_limit, burnt_gas_);
  // Crossing both limits reports GasLimitExceeded.
  return new_burnt_gas > max_gas_burnt_ ? HostErrorKind::GasLimitExceeded
                                        : HostErrorKind::GasExceeded;
}

void GasCounter::CountCost(ExtCost c, uint64_t n) {
  counts_[Index(c)] += n;
  touched_.set(Index(c));
}

VMStatus GasCounter::PayPer(ExtCost c, uint64_t n) {
  Gas use_gas;
  if (!CheckedMul(ext_costs_.gas(c), n, &use_gas)) return Err(HostErrorKind::IntegerOverflow);
  CountCost(c, n);
  Gas old_burnt = burnt_gas_;
  VMStatus r = BurnGas(use_gas);
  profile_.AddExtCost(c, SaturatingSub(burnt_gas_, old_burnt));
  return r;
}

VMStatus GasCounter::PayBase(ExtCost c) {
  CountCost(c, 1);
  Gas old_burnt = burnt_gas_;
  VMStatus r = BurnGas(ext_costs_.gas(c));
  profile_.AddExtCost(c, SaturatingSub(burnt_gas_, old_burnt));
  return r;
}

VMStatus GasCounter::PayActionAccumulated(const ParameterCost& burn_cost, Gas use_gas,
                                          ActionCost action) {
  Gas old_burnt = burnt_gas_;
  VMStatus r = DeductGas(burn_cost.gas, use_gas);
  Gas burnt = SaturatingSub(burnt_gas_, old_burnt);
  profile_.AddActionCost(action, burnt);
  // On success the real send compute is counted; when out of gas, compute
  // equal to the gas burnt by this last step (kept for compatibility).
  Compute add = r.ok() ? burn_cost.compute : burnt;
  if (!CheckedAdd(send_action_compute_usage_, add, &send_action_compute_usage_)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  return r;
}

VMStatus GasCounter::PayGasKeyAddKeyFees(const ParameterCost& send_fee, const SplitFee& exec_fee) {
  NEARRT_TRY(PayActionAccumulated(ParameterCost{}, exec_fee.base.gas,
                                  ActionCost::gas_key_nonce_write_base));
  Gas use_gas;
  if (!CheckedAdd(send_fee.gas, exec_fee.per_byte.gas, &use_gas)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  return PayActionAccumulated(send_fee, use_gas, ActionCost::gas_key_byte);
}

VMStatus GasCounter::PrepayGas(Gas gas) { return DeductGas(0, gas); }

VMStatus GasCounter::SyncFromWasm(uint64_t wasm_gas) {
  Gas burned = SaturatingSub(remaining_gas(), wasm_gas);
  if (burned > 0) return BurnGas(burned);
  return {};
}

VMStatus GasCounter::ChargeWasmLinear(uint32_t count, uint64_t linear, uint64_t constant) {
  uint64_t l, gas;
  if (!CheckedMul(count, linear, &l) || !CheckedAdd(constant, l, &gas)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  return BurnGas(gas);
}

VMStatus GasCounter::ChargeOpcodes(uint32_t opcodes) {
  return BurnGas(static_cast<uint64_t>(opcodes) * regular_op_cost_);
}

VMStatus GasCounter::WasmGasExhausted() {
  NEARRT_TRY(BurnGas(remaining_gas()));
  return Err(HostErrorKind::IntegerOverflow);
}

VMStatus GasCounter::AddContractLoadingFee(uint64_t code_len) {
  NEARRT_TRY(PayPer(ExtCost::contract_loading_bytes, code_len));
  return PayBase(ExtCost::contract_loading_base);
}

std::optional<FunctionCallError> GasCounter::BeforeLoadingExecutable(const VMConfig& config,
                                                                     std::string_view method_name,
                                                                     uint64_t code_len) {
  if (method_name.empty()) {
    return FunctionCallError::MethodResolve(MethodResolveError::MethodEmptyName);
  }
  if (config.fix_contract_loading_cost && !AddContractLoadingFee(code_len).ok()) {
    return FunctionCallError::Host(HostErrorKind::GasExceeded);
  }
  return std::nullopt;
}

std::optional<FunctionCallError> GasCounter::AfterLoadingExecutable(const VMConfig& config,
                                                                    uint64_t code_len) {
  if (!config.fix_contract_loading_cost && !AddContractLoadingFee(code_len).ok()) {
    return FunctionCallError::Host(HostErrorKind::GasExceeded);
  }
  return std::nullopt;
}

VMStatus GasCounter::TrieNodeTouched(uint64_t count) {
  return PayPer(ExtCost::touching_trie_node, count);
}
VMStatus GasCounter::CachedTrieNodeAccess(uint64_t count) {
  return PayPer(ExtCost::read_cached_trie_node, count);
}
VMStatus GasCounter::DerefWriteEvictedValueBytes(uint64_t bytes) {
  return PayPer(ExtCost::storage_write_evicted_byte, bytes);
}
VMStatus GasCounter::DerefRemovedValueBytes(uint64_t bytes) {
  return PayPer(ExtCost::storage_remove_ret_value_byte, bytes);
}

std::map<ExtCost, uint64_t> GasCounter::CostCounts() const {
  std::map<ExtCost, uint64_t> out;
  for (size_t i = 0; i < kNumExtCosts; ++i) {
    if (touched_.test(i)) out[static_cast<ExtCost>(i)] = counts_[i];
  }
  return out;
}

void GasCounter::ResetCostCounts() {
  counts_.fill(0);
  touched_.reset();
}

}  // namespace nearrt::vm
