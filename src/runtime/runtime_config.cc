#include "runtime/runtime_config.h"

#include "vm/config_store.h"

namespace nearrt::runtime {

Result<RuntimeParams> RuntimeParams::Mainnet(uint32_t protocol_version) {
  RuntimeParams p;
  NEARRT_ASSIGN_OR_RETURN(p.vm, vm::MainnetConfig(protocol_version));
  return p;
}

Result<RuntimeParams> RuntimeParams::Test() {
  NEARRT_ASSIGN_OR_RETURN(RuntimeParams p, Mainnet());
  p.vm.wasm_config.limit_config.yield_timeout_length_in_blocks = 10;
  auto& fees = p.vm.fees;
  // core/parameters/src/cost.rs RuntimeFeesConfig::test_with_undercharging_factor(1).
  auto all = [](uint64_t g) {
    vm::Fee f;
    f.send_sir = {g, g};
    f.send_not_sir = {g, g};
    f.execution = {g, g};
    return f;
  };
  auto three = [](uint64_t sir, uint64_t not_sir, uint64_t exec) {
    vm::Fee f;
    f.send_sir = {sir, sir};
    f.send_not_sir = {not_sir, not_sir};
    f.execution = {exec, exec};
    return f;
  };
  using vm::ActionCost;
  fees.fee(ActionCost::create_account) = three(500'000'000'000, 500'000'000'000, 7'200'000'000'000);
  fees.fee(ActionCost::delete_account) = all(147489000000);
  fees.fee(ActionCost::deploy_contract_base) = all(184765750000);
  fees.fee(ActionCost::deploy_contract_byte) = all(6812999);
  fees.fee(ActionCost::function_call_base) = all(2319861500000);
  fees.fee(ActionCost::function_call_byte) = all(2235934);
  fees.fee(ActionCost::transfer) = all(115123062500);
  fees.fee(ActionCost::stake) = three(141715687500, 141715687500, 102217625000);
  fees.fee(ActionCost::add_full_access_key) = all(101765125000);
  fees.fee(ActionCost::add_function_call_key_base) = all(102217625000);
  fees.fee(ActionCost::add_function_call_key_byte) = all(1925331);
  fees.fee(ActionCost::delete_key) = all(94946625000);
  fees.fee(ActionCost::new_action_receipt) = all(108059500000);
  fees.fee(ActionCost::new_data_receipt_base) = all(4697339419375);
  fees.fee(ActionCost::new_data_receipt_byte) = all(59357464);
  fees.fee(ActionCost::delegate) = all(200'000'000'000);
  fees.fee(ActionCost::deploy_global_contract_base) = all(184'765'750'000);
  fees.fee(ActionCost::deploy_global_contract_byte) = three(6'812'999, 6'812'999, 70'000'000);
  fees.fee(ActionCost::use_global_contract_base) = all(184'765'750'000);
  fees.fee(ActionCost::use_global_contract_byte) = three(6'812'999, 47'683'715, 64'572'944);
  fees.fee(ActionCost::deterministic_state_init_base) =
      three(3'850'000'000'000, 3'850'000'000'000, 4'080'000'000'000);
  fees.fee(ActionCost::deterministic_state_init_byte) = three(72'000'000, 72'000'000, 70'000'000);
  fees.fee(ActionCost::deterministic_state_init_entry) = three(0, 0, 200'000'000'000);
  fees.fee(ActionCost::gas_key_transfer_base) =
      three(115'123'062'500, 115'123'062'500, 235'676'644'250);
  fees.fee(ActionCost::gas_key_byte) = three(59'357'464, 59'357'464, 101'435'400);
  fees.fee(ActionCost::gas_key_nonce_write_base) = three(0, 0, 64'196'736'000);
  fees.storage_usage_config.num_bytes_account = 100;
  fees.storage_usage_config.num_extra_bytes_record = 40;
  fees.storage_usage_config.storage_amount_per_byte = static_cast<vm::Balance>(909) * 100'000'000'000'000'000ull;
  fees.burnt_gas_reward = {3, 10};
  fees.pessimistic_gas_price_inflation_ratio = {103, 100};
  fees.deploy_global_contract_execution_base = 0;
  fees.deploy_global_contract_execution_per_byte = 0;
  fees.ml_dsa_65_verification_cost = {0, 0};
  p.gas_refund_penalty = {5, 100};
  p.min_gas_refund_penalty = 1'000'000'000'000;
  p.min_allowed_top_level_account_length = 0;
  return p;
}

Result<RuntimeParams> RuntimeParams::Free() {
  NEARRT_ASSIGN_OR_RETURN(RuntimeParams p, Mainnet());
  p.vm.wasm_config.MakeFree();
  for (auto& f : p.vm.fees.action_fees) f = vm::Fee{};
  p.vm.fees.storage_usage_config = {};
  p.vm.fees.burnt_gas_reward = {0, 1};
  p.vm.fees.pessimistic_gas_price_inflation_ratio = {0, 1};
  p.vm.fees.ml_dsa_65_verification_cost = {0, 0};
  p.global_contract_storage_amount_per_byte = 0;
  return p;
}

vm::Gas RuntimeParams::GasPenaltyForGasRefund(vm::Gas gas_refund) const {
  vm::Gas relative = static_cast<vm::Gas>(static_cast<unsigned __int128>(gas_refund) *
                                          static_cast<uint32_t>(gas_refund_penalty.numer) /
                                          static_cast<uint32_t>(gas_refund_penalty.denom));
  vm::Gas penalty = std::max(relative, min_gas_refund_penalty);
  return std::min(penalty, gas_refund);
}

}  // namespace nearrt::runtime
