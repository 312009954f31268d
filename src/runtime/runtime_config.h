// The runtime's configuration: the VM layer's RuntimeConfig (fees, limits,
// VM config) plus the runtime-only parameters nearcore keeps beside it
// (core/parameters/src/config.rs RuntimeConfig: account_creation_config,
// bandwidth_scheduler_config; cost.rs: gas_refund_penalty).
//
// Two flavours matter for nearcore-pinned vectors (runtime.md §8):
//   Mainnet(86) = RuntimeConfigStore::new(None).get_config(86);
//   Test()      = RuntimeConfig::test(): RuntimeFeesConfig::test() fees,
//                 5%/1 Tgas refund penalty, storage 9.09e19 yN/byte, yield
//                 timeout 10 blocks, no top-level-account length rule.
#pragma once

#include <string>

#include "primitives/account_id.h"
#include "util/result.h"
#include "vm/config.h"

namespace nearrt::runtime {

struct RuntimeParams {
  vm::RuntimeConfig vm;
  // NEP-536 refund penalty (mainnet PV86: 0 and 0).
  vm::Ratio gas_refund_penalty{0, 100};
  vm::Gas min_gas_refund_penalty = 0;
  // AccountCreationConfig.
  uint64_t min_allowed_top_level_account_length = 65;
  AccountId registrar_account_id = AccountId::Unchecked("registrar");
  // BandwidthSchedulerConfig (PV86).
  uint64_t max_shard_bandwidth = 4'500'000;
  uint64_t max_single_grant = 4'194'304;
  uint64_t max_allowance = 4'500'000;
  uint64_t max_base_bandwidth = 100'000;
  // StorageUsageConfig::global_contract_storage_amount_per_byte: burnt per
  // byte of a deployed global contract (0.0001 N since PV77; the same in
  // RuntimeConfig::test()).
  vm::Balance global_contract_storage_amount_per_byte =
      static_cast<vm::Balance>(100'000'000'000ull) * 1'000'000'000ull;
  // nearcore use_state_stored_receipt (true at PV86).
  bool use_state_stored_receipt = true;

  const vm::RuntimeFeesConfig& fees() const { return vm.fees; }
  const vm::LimitConfig& limits() const { return vm.wasm_config.limit_config; }

  static Result<RuntimeParams> Mainnet(uint32_t protocol_version = 86);
  // nearcore RuntimeConfig::test() (PV86 base).
  static Result<RuntimeParams> Test();
  // RuntimeConfig::free(): zero fees, free VM, no storage staking.
  static Result<RuntimeParams> Free();

  // RuntimeFeesConfig::gas_penalty_for_gas_refund.
  vm::Gas GasPenaltyForGasRefund(vm::Gas gas_refund) const;
};

}  // namespace nearrt::runtime
