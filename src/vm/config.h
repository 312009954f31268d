// The runtime configuration: host-function costs (ExtCosts), wasm execution
// costs, VM limits and feature flags (nearcore near_parameters::vm::Config),
// and the action fees (RuntimeFeesConfig). The values come from the data file
// loaded by config_store.h; nothing here hard-codes a protocol version.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "vm/costs.h"
#include "vm/types.h"

namespace nearrt::vm {

// A cost in gas and in compute (compute differs from gas only for a few
// storage costs; it feeds compute_usage, never the gas fields).
struct ParameterCost {
  Gas gas = 0;
  Compute compute = 0;
  bool operator==(const ParameterCost&) const = default;
};

// An action fee: burnt when sending (sir = sender is receiver), plus the fee
// for executing it. core/parameters/src/cost.rs::Fee.
struct Fee {
  ParameterCost send_sir;
  ParameterCost send_not_sir;
  ParameterCost execution;

  const ParameterCost& SendFee(bool sir) const { return sir ? send_sir : send_not_sir; }
  const ParameterCost& ExecFee() const { return execution; }
  bool operator==(const Fee&) const = default;
};

enum class VMKind : uint8_t { kWasmer0, kWasmtime, kWasmer2, kNearVm };
enum class StorageGetMode : uint8_t { kFlatStorage, kTrie };

struct ExtCostsConfig {
  std::array<ParameterCost, kNumExtCosts> costs{};

  Gas gas(ExtCost c) const { return costs[Index(c)].gas; }
  Compute compute(ExtCost c) const { return costs[Index(c)].compute; }
};

// nearcore near_parameters::vm::LimitConfig. Optional fields are limits that
// older protocol versions did not have.
struct LimitConfig {
  Gas max_gas_burnt = 0;
  uint32_t max_stack_height = 0;
  uint32_t initial_memory_pages = 0;
  uint32_t max_memory_pages = 0;
  uint64_t registers_memory_limit = 0;
  uint64_t max_register_size = 0;
  uint64_t max_number_registers = 0;
  uint64_t max_number_logs = 0;
  uint64_t max_total_log_length = 0;
  Gas max_total_prepaid_gas = 0;
  uint64_t max_actions_per_receipt = 0;
  uint64_t max_deploy_actions_per_receipt = 0;
  uint64_t max_number_bytes_method_names = 0;
  uint64_t max_length_method_name = 0;
  uint64_t max_arguments_length = 0;
  uint64_t max_length_returned_data = 0;
  uint64_t max_contract_size = 0;
  uint64_t max_transaction_size = 0;
  uint64_t max_receipt_size = 0;
  uint64_t max_length_storage_key = 0;
  uint64_t max_length_storage_value = 0;
  uint64_t max_promises_per_function_call_action = 0;
  uint64_t max_number_input_data_dependencies = 0;
  std::optional<uint64_t> max_functions_number_per_contract;
  std::optional<uint64_t> max_locals_per_contract;
  std::optional<uint64_t> max_params_per_contract;
  std::optional<uint64_t> max_params_per_function;
  std::optional<uint64_t> max_operand_stack_bytes_per_function;
  std::optional<uint32_t> max_tables_per_contract;
  std::optional<uint64_t> max_elements_per_contract_table;
  std::optional<uint64_t> max_function_body_size;
  std::optional<uint64_t> max_instrumented_code_size;
  std::optional<uint64_t> max_blocks_per_function;
  std::optional<uint64_t> max_blocks_per_contract;
  std::optional<uint64_t> max_types_per_contract;
  // 0, 1 or 2; from 2 on, account ids read by host functions are validated.
  uint8_t account_id_validity_rules_version = 0;
  uint64_t yield_timeout_length_in_blocks = 0;
  uint64_t max_yield_payload_size = 0;
  uint64_t per_receipt_storage_proof_size_limit = 0;
};

// nearcore near_parameters::vm::Config ("wasm_config").
struct VMConfig {
  ExtCostsConfig ext_costs;
  uint32_t grow_mem_cost = 0;
  uint32_t regular_op_cost = 0;
  uint64_t linear_op_base_cost = 0;
  uint64_t linear_op_unit_cost = 0;
  VMKind vm_kind = VMKind::kWasmtime;
  StorageGetMode storage_get_mode = StorageGetMode::kFlatStorage;
  bool fix_contract_loading_cost = false;
  bool fix_contract_loading_error = false;
  bool eth_implicit_accounts = false;
  bool discard_custom_sections = false;
  bool global_contract_host_fns = false;
  bool reftypes_bulk_memory = false;
  bool gas_key_host_fns = false;
  bool one_yocto_on_promise = false;
  bool p256_verify_host_fn = false;
  bool yield_with_id_host_fns = false;
  bool chain_id_host_fn = false;
  bool bls12381_not_in_group_fix = false;
  LimitConfig limit_config;

  // Zero every cost and lift max_gas_burnt (nearcore Config::make_free).
  void MakeFree();
};

struct StorageUsageConfig {
  Balance storage_amount_per_byte = 0;
  uint64_t num_bytes_account = 0;
  uint64_t num_extra_bytes_record = 0;
};

struct Ratio {
  int32_t numer = 0;
  int32_t denom = 1;
  bool operator==(const Ratio&) const = default;
};

// nearcore RuntimeFeesConfig (the parts the VM and runtime read).
struct RuntimeFeesConfig {
  std::array<Fee, kNumActionCosts> action_fees{};
  StorageUsageConfig storage_usage_config;
  Ratio burnt_gas_reward;
  Ratio pessimistic_gas_price_inflation_ratio;
  // Execution compute of deploying a global contract (gas stays the fee's).
  Compute deploy_global_contract_execution_base = 0;
  Compute deploy_global_contract_execution_per_byte = 0;
  // Extra cost of verifying an ML-DSA-65 transaction signature.
  ParameterCost ml_dsa_65_verification_cost;

  const Fee& fee(ActionCost c) const { return action_fees[Index(c)]; }
  Fee& fee(ActionCost c) { return action_fees[Index(c)]; }
};

// Everything one protocol version fixes.
struct RuntimeConfig {
  uint32_t protocol_version = 0;
  VMConfig wasm_config;
  RuntimeFeesConfig fees;
  // Used as ViewConfig::max_gas_burnt for view calls.
  Gas max_gas_burnt_view = 0;
  Balance min_gas_purchase_price = 0;
  Balance account_creation_charge = 0;
};

}  // namespace nearrt::vm
