#include "vm/registers.h"

namespace nearrt::vm {

VMResult<ByteView> Registers::Get(GasCounter& gas, uint64_t register_id,
                                  std::shared_ptr<const Bytes>* keep) const {
  auto it = registers_.find(register_id);
  if (it == registers_.end()) {
    return Err(HostError(HostErrorKind::InvalidRegisterId, register_id));
  }
  NEARRT_TRY(gas.PayBase(ExtCost::read_register_base));
  NEARRT_TRY(gas.PayPer(ExtCost::read_register_byte, it->second->size()));
  if (keep != nullptr) *keep = it->second;
  return ByteView(*it->second);
}

std::optional<uint64_t> Registers::GetLen(uint64_t register_id) const {
  auto it = registers_.find(register_id);
  if (it == registers_.end()) return std::nullopt;
  return it->second->size();
}

const Bytes* Registers::GetForFree(uint64_t register_id) const {
  auto it = registers_.find(register_id);
  return it == registers_.end() ? nullptr : it->second.get();
}

VMStatus Registers::Set(GasCounter& gas, const LimitConfig& limits, uint64_t register_id,
                        ByteView data) {
  NEARRT_TRY(gas.PayBase(ExtCost::write_register_base));
  NEARRT_TRY(gas.PayPer(ExtCost::write_register_byte, data.size()));
  // Check before copying: a rejected write must not allocate its data.
  if (data.size() > limits.max_register_size) return Err(HostErrorKind::MemoryAccessViolation);
  return CheckAndStore(limits, register_id, std::make_shared<const Bytes>(data.begin(), data.end()));
}

VMStatus Registers::SetShared(GasCounter& gas, const LimitConfig& limits, uint64_t register_id,
                              std::shared_ptr<const Bytes> data) {
  NEARRT_TRY(gas.PayBase(ExtCost::write_register_base));
  return CheckAndStore(limits, register_id, std::move(data));
}

VMStatus Registers::CheckAndStore(const LimitConfig& limits, uint64_t register_id,
                                  std::shared_ptr<const Bytes> data) {
  uint64_t len = data->size();
  if (len > limits.max_register_size) return Err(HostErrorKind::MemoryAccessViolation);
  if (registers_.size() >= limits.max_number_registers) {
    return Err(HostErrorKind::MemoryAccessViolation);
  }
  auto it = registers_.find(register_id);
  uint64_t old_usage = it == registers_.end() ? 0 : it->second->size() + 8;
  uint64_t usage;
  if (!CheckedAdd(total_memory_usage_ - old_usage, len + 8, &usage) ||
      usage > limits.registers_memory_limit) {
    return Err(HostErrorKind::MemoryAccessViolation);
  }
  total_memory_usage_ = usage;
  registers_[register_id] = std::move(data);
  return {};
}

}  // namespace nearrt::vm
