// Storage and validator host functions (nearcore wasmtime_runner/logic.rs,
// "Storage API", "Validator API").
#include "vm/logic.h"

namespace nearrt::vm {
namespace {

// Values longer than this are stored out of line; reading them costs extra
// (near_primitives_core::config::INLINE_DISK_VALUE_THRESHOLD).
constexpr uint64_t kInlineDiskValueThreshold = 4000;

}  // namespace

VMStatus VMLogic::ObserveRecordedStorage() {
  uint64_t now = ext_.GetRecordedStorageSize();
  if (now < recorded_storage_initial_) return Err(VMLogicError::InconsistentState());
  uint64_t limit = config_.limit_config.per_receipt_storage_proof_size_limit;
  if (now - recorded_storage_initial_ > limit) {
    return Err(HostError(HostErrorKind::RecordedStorageExceeded, limit));
  }
  return {};
}

VMResult<uint64_t> VMLogic::StorageWrite(uint64_t key_len, uint64_t key_ptr, uint64_t value_len,
                                         uint64_t value_ptr, uint64_t register_id) {
  GasCounter& gas = gas_counter();
  NEARRT_TRY(gas.PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("storage_write"));
  NEARRT_TRY(gas.PayBase(ExtCost::storage_write_base));
  const LimitConfig& limits = config_.limit_config;
  NEARRT_ASSIGN_OR_RETURN(Operand key, GetMemoryOrRegister(key_ptr, key_len));
  if (key.view.size() > limits.max_length_storage_key) {
    return Err(HostError(HostErrorKind::KeyLengthExceeded, key.view.size(),
                         limits.max_length_storage_key));
  }
  NEARRT_ASSIGN_OR_RETURN(Operand value, GetMemoryOrRegister(value_ptr, value_len));
  if (value.view.size() > limits.max_length_storage_value) {
    return Err(HostError(HostErrorKind::ValueLengthExceeded, value.view.size(),
                         limits.max_length_storage_value));
  }
  NEARRT_TRY(gas.PayPer(ExtCost::storage_write_key_byte, key.view.size()));
  NEARRT_TRY(gas.PayPer(ExtCost::storage_write_value_byte, value.view.size()));
  NEARRT_ASSIGN_OR_RETURN(std::optional<Bytes> evicted,
                          ext_.StorageSet(gas, key.view, value.view));
  NEARRT_TRY(ObserveRecordedStorage());
  uint64_t& usage = result_state_.current_storage_usage;
  if (evicted) {
    if (usage < evicted->size()) return Err(VMLogicError::InconsistentState());
    uint64_t u = usage - evicted->size();
    if (!CheckedAdd(u, value.view.size(), &u)) return Err(VMLogicError::InconsistentState());
    usage = u;
    NEARRT_TRY(SetRegister(register_id, *evicted));
    return 1;
  }
  uint64_t record = value.view.size() + key.view.size() +
                    fees_.storage_usage_config.num_extra_bytes_record;
  if (!CheckedAdd(usage, record, &usage)) return Err(VMLogicError::InconsistentState());
  return 0;
}

VMResult<uint64_t> VMLogic::StorageRead(uint64_t key_len, uint64_t key_ptr,
                                        uint64_t register_id) {
  GasCounter& gas = gas_counter();
  NEARRT_TRY(gas.PayBase(ExtCost::base));
  NEARRT_TRY(gas.PayBase(ExtCost::storage_read_base));
  const LimitConfig& limits = config_.limit_config;
  NEARRT_ASSIGN_OR_RETURN(Operand key, GetMemoryOrRegister(key_ptr, key_len));
  if (key.view.size() > limits.max_length_storage_key) {
    return Err(HostError(HostErrorKind::KeyLengthExceeded, key.view.size(),
                         limits.max_length_storage_key));
  }
  NEARRT_TRY(gas.PayPer(ExtCost::storage_read_key_byte, key.view.size()));
  VMResult<std::unique_ptr<ValuePtr>> read = ext_.StorageGet(gas, key.view);
  std::optional<Bytes> value;
  if (read.ok() && read.value() != nullptr) {
    uint64_t len = read.value()->len();
    NEARRT_TRY(gas.PayPer(ExtCost::storage_read_value_byte, len));
    if (len > kInlineDiskValueThreshold) {
      NEARRT_TRY(gas.PayBase(ExtCost::storage_large_read_overhead_base));
      NEARRT_TRY(gas.PayPer(ExtCost::storage_large_read_overhead_byte, len));
    }
    FreeStorageAccessTracker free;
    NEARRT_ASSIGN_OR_RETURN(value, read.value()->Deref(free));
  } else if (!read.ok()) {
    return Err(std::move(read).error());
  }
  NEARRT_TRY(ObserveRecordedStorage());
  if (!value) return 0;
  NEARRT_TRY(SetRegister(register_id, *value));
  return 1;
}

VMResult<uint64_t> VMLogic::StorageRemove(uint64_t key_len, uint64_t key_ptr,
                                          uint64_t register_id) {
  GasCounter& gas = gas_counter();
  NEARRT_TRY(gas.PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("storage_remove"));
  NEARRT_TRY(gas.PayBase(ExtCost::storage_remove_base));
  const LimitConfig& limits = config_.limit_config;
  NEARRT_ASSIGN_OR_RETURN(Operand key, GetMemoryOrRegister(key_ptr, key_len));
  if (key.view.size() > limits.max_length_storage_key) {
    return Err(HostError(HostErrorKind::KeyLengthExceeded, key.view.size(),
                         limits.max_length_storage_key));
  }
  NEARRT_TRY(gas.PayPer(ExtCost::storage_remove_key_byte, key.view.size()));
  NEARRT_ASSIGN_OR_RETURN(std::optional<Bytes> removed, ext_.StorageRemove(gas, key.view));
  NEARRT_TRY(ObserveRecordedStorage());
  if (!removed) return 0;
  uint64_t& usage = result_state_.current_storage_usage;
  uint64_t record = removed->size() + key.view.size() +
                    fees_.storage_usage_config.num_extra_bytes_record;
  if (usage < record) return Err(VMLogicError::InconsistentState());
  usage -= record;
  NEARRT_TRY(SetRegister(register_id, *removed));
  return 1;
}

VMResult<uint64_t> VMLogic::StorageHasKey(uint64_t key_len, uint64_t key_ptr) {
  GasCounter& gas = gas_counter();
  NEARRT_TRY(gas.PayBase(ExtCost::base));
  NEARRT_TRY(gas.PayBase(ExtCost::storage_has_key_base));
  const LimitConfig& limits = config_.limit_config;
  NEARRT_ASSIGN_OR_RETURN(Operand key, GetMemoryOrRegister(key_ptr, key_len));
  if (key.view.size() > limits.max_length_storage_key) {
    return Err(HostError(HostErrorKind::KeyLengthExceeded, key.view.size(),
                         limits.max_length_storage_key));
  }
  NEARRT_TRY(gas.PayPer(ExtCost::storage_has_key_byte, key.view.size()));
  VMResult<bool> res = ext_.StorageHasKey(gas, key.view);
  // The proof size is checked even when the lookup failed.
  NEARRT_TRY(ObserveRecordedStorage());
  NEARRT_ASSIGN_OR_RETURN(bool found, std::move(res));
  return found ? 1 : 0;
}

VMResult<uint64_t> VMLogic::StorageIterPrefix(uint64_t, uint64_t) {
  return Err(HostError(HostErrorKind::Deprecated, "storage_iter_prefix"));
}

VMResult<uint64_t> VMLogic::StorageIterRange(uint64_t, uint64_t, uint64_t, uint64_t) {
  return Err(HostError(HostErrorKind::Deprecated, "storage_iter_range"));
}

VMResult<uint64_t> VMLogic::StorageIterNext(uint64_t, uint64_t, uint64_t) {
  return Err(HostError(HostErrorKind::Deprecated, "storage_iter_next"));
}

VMStatus VMLogic::ValidatorStake(uint64_t account_id_len, uint64_t account_id_ptr,
                                 uint64_t stake_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_ASSIGN_OR_RETURN(AccountId account_id,
                          ReadAndParseAccountId(account_id_ptr, account_id_len));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::validator_stake_base));
  NEARRT_ASSIGN_OR_RETURN(std::optional<Balance> stake, ext_.ValidatorStake(account_id));
  return SetU128(stake_ptr, stake.value_or(0));
}

VMStatus VMLogic::ValidatorTotalStake(uint64_t stake_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::validator_total_stake_base));
  NEARRT_ASSIGN_OR_RETURN(Balance total, ext_.ValidatorTotalStake());
  return SetU128(stake_ptr, total);
}

}  // namespace nearrt::vm
