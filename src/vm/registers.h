// Registers: host-side byte buffers the guest addresses by u64 id
// (nearcore logic/vmstate.rs Registers).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "util/bytes.h"
#include "vm/config.h"
#include "vm/errors.h"
#include "vm/gas_counter.h"

namespace nearrt::vm {

class Registers {
 public:
  // The register's content; charges read_register_base + _byte * len.
  // InvalidRegisterId (nothing charged) if unset. `keep` (optional) receives
  // a reference that keeps the data alive across later register writes.
  VMResult<ByteView> Get(GasCounter& gas, uint64_t register_id,
                         std::shared_ptr<const Bytes>* keep = nullptr) const;
  std::optional<uint64_t> GetLen(uint64_t register_id) const;
  // For tests and tools: no gas.
  const Bytes* GetForFree(uint64_t register_id) const;

  // Copies `data` in; charges write_register_base + _byte * len, then the
  // limits (each violation is MemoryAccessViolation, gas kept):
  // len > max_register_size; number of registers >= max_number_registers
  // (even when overwriting: a protocol bug kept on purpose);
  // sum(len + 8) > registers_memory_limit.
  VMStatus Set(GasCounter& gas, const LimitConfig& limits, uint64_t register_id, ByteView data);
  // Shares `data` (input, promise results); charges write_register_base only.
  VMStatus SetShared(GasCounter& gas, const LimitConfig& limits, uint64_t register_id,
                     std::shared_ptr<const Bytes> data);

  size_t count() const { return registers_.size(); }
  uint64_t total_memory_usage() const { return total_memory_usage_; }

 private:
  VMStatus CheckAndStore(const LimitConfig& limits, uint64_t register_id,
                         std::shared_ptr<const Bytes> data);

  std::map<uint64_t, std::shared_ptr<const Bytes>> registers_;
  uint64_t total_memory_usage_ = 0;
};

}  // namespace nearrt::vm
