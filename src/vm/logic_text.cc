// Strings from guest memory, logs, value_return, panics and abort
// (nearcore wasmtime_runner/logic.rs).
#include "vm/logic.h"
#include "vm/utf.h"

namespace nearrt::vm {

// If len == u64::MAX the string is NUL-terminated and read byte by byte
// (read_memory_base + read_memory_byte per byte, NUL included).
VMResult<std::string> VMLogic::GetUtf8String(uint64_t len, uint64_t ptr) {
  ExecutionResultState& rs = result_state_;
  NEARRT_TRY(rs.gas_counter.PayBase(ExtCost::utf8_decoding_base));
  uint64_t max_len = SaturatingSub(config_.limit_config.max_total_log_length, rs.total_log_length);
  std::string buf;
  if (len != UINT64_MAX) {
    if (len > max_len) return Err(rs.TotalLogLengthExceeded(len));
    NEARRT_ASSIGN_OR_RETURN(ByteView mem, ReadMemory(ptr, len));
    buf.assign(reinterpret_cast<const char*>(mem.data()), mem.size());
  } else {
    for (uint64_t i = 0;; ++i) {
      uint64_t p;
      if (!CheckedAdd(ptr, i, &p)) return Err(HostErrorKind::MemoryAccessViolation);
      NEARRT_ASSIGN_OR_RETURN(uint8_t el, GetU8(p));
      if (el == 0) break;
      if (i == max_len) return Err(rs.TotalLogLengthExceeded(SaturatingAdd(max_len, 1)));
      buf.push_back(static_cast<char>(el));
    }
  }
  NEARRT_TRY(rs.gas_counter.PayPer(ExtCost::utf8_decoding_byte, buf.size()));
  if (!IsValidUtf8(AsBytes(buf))) return Err(HostErrorKind::BadUTF8);
  return buf;
}

// Counts the bytes up to the first NUL u16, reading (and charging) each u16.
VMResult<uint64_t> VMLogic::GetNulTerminatedUtf16Len(uint64_t ptr, uint64_t max_len) {
  uint64_t len = 0;
  for (;;) {
    uint64_t p;
    if (!CheckedAdd(ptr, len, &p)) return Err(HostErrorKind::MemoryAccessViolation);
    NEARRT_ASSIGN_OR_RETURN(uint16_t unit, GetU16(p));
    if (unit == 0) return len;
    uint64_t next;
    if (!CheckedAdd(len, 2, &next)) return Err(result_state_.TotalLogLengthExceeded(UINT64_MAX));
    if (next > max_len) return Err(result_state_.TotalLogLengthExceeded(next));
    len = next;
  }
}

VMResult<std::string> VMLogic::GetUtf16String(uint64_t len, uint64_t ptr) {
  ExecutionResultState& rs = result_state_;
  NEARRT_TRY(rs.gas_counter.PayBase(ExtCost::utf16_decoding_base));
  uint64_t max_len = SaturatingSub(config_.limit_config.max_total_log_length, rs.total_log_length);
  ByteView mem;
  if (len == UINT64_MAX) {
    NEARRT_ASSIGN_OR_RETURN(len, GetNulTerminatedUtf16Len(ptr, max_len));
    // Already read (and paid for) unit by unit.
    if (!memory_.Fits(ptr, len)) return Err(HostErrorKind::MemoryAccessViolation);
    mem = ByteView(memory_.data + ptr, static_cast<size_t>(len));
  } else {
    NEARRT_ASSIGN_OR_RETURN(mem, ReadMemory(ptr, len));
  }
  if (mem.size() % 2 != 0) return Err(HostErrorKind::BadUTF16);
  if (len > max_len) return Err(rs.TotalLogLengthExceeded(len));
  NEARRT_TRY(rs.gas_counter.PayPer(ExtCost::utf16_decoding_byte, len));
  std::optional<std::string> s = DecodeUtf16Le(mem);
  if (!s) return Err(HostErrorKind::BadUTF16);
  return std::move(*s);
}

VMStatus VMLogic::ValueReturn(uint64_t value_len, uint64_t value_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_ASSIGN_OR_RETURN(Operand value, GetMemoryOrRegister(value_ptr, value_len));
  uint64_t num_bytes = value.view.size();
  uint64_t limit = config_.limit_config.max_length_returned_data;
  if (num_bytes > limit) {
    return Err(HostError(HostErrorKind::ReturnedValueLengthExceeded, num_bytes, limit));
  }
  // Data receipts for every receiver: send + exec per byte, all burnt upfront.
  ParameterCost burn;
  const Fee& fee = fees_.fee(ActionCost::new_data_receipt_byte);
  for (const AccountId& receiver : context_.output_data_receivers) {
    bool sir = receiver == context_.current_account_id;
    const ParameterCost& send = fee.SendFee(sir);
    const ParameterCost& exec = fee.ExecFee();
    ParameterCost per;
    if (!CheckedAdd(send.gas, exec.gas, &per.gas) ||
        !CheckedAdd(send.compute, exec.compute, &per.compute) ||
        !CheckedMul(per.gas, num_bytes, &per.gas) ||
        !CheckedMul(per.compute, num_bytes, &per.compute) ||
        !CheckedAdd(burn.gas, per.gas, &burn.gas) ||
        !CheckedAdd(burn.compute, per.compute, &burn.compute)) {
      return Err(HostErrorKind::IntegerOverflow);
    }
  }
  NEARRT_TRY(
      gas_counter().PayActionAccumulated(burn, burn.gas, ActionCost::new_data_receipt_byte));
  result_state_.return_data.kind = ReturnData::Kind::kValue;
  result_state_.return_data.value.assign(value.view.begin(), value.view.end());
  return {};
}

VMStatus VMLogic::Panic() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return Err(HostError(HostErrorKind::GuestPanic, "explicit guest panic"));
}

VMStatus VMLogic::PanicUtf8(uint64_t len, uint64_t ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_ASSIGN_OR_RETURN(std::string msg, GetUtf8String(len, ptr));
  return Err(HostError(HostErrorKind::GuestPanic, std::move(msg)));
}

VMStatus VMLogic::LogUtf8(uint64_t len, uint64_t ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(result_state_.CheckCanAddLogMessage());
  NEARRT_ASSIGN_OR_RETURN(std::string message, GetUtf8String(len, ptr));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::log_base));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::log_byte, message.size()));
  return result_state_.CheckedPushLog(std::move(message));
}

VMStatus VMLogic::LogUtf16(uint64_t len, uint64_t ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(result_state_.CheckCanAddLogMessage());
  NEARRT_ASSIGN_OR_RETURN(std::string message, GetUtf16String(len, ptr));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::log_base));
  // log_byte is charged per UTF-8 byte of the decoded message.
  NEARRT_TRY(gas_counter().PayPer(ExtCost::log_byte, message.size()));
  return result_state_.CheckedPushLog(std::move(message));
}

// AssemblyScript's abort: msg and filename are UTF-16 strings preceded by
// their u32 byte length.
VMStatus VMLogic::Abort(uint32_t msg_ptr, uint32_t filename_ptr, uint32_t line, uint32_t col) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  if (msg_ptr < 4 || filename_ptr < 4) return Err(HostErrorKind::BadUTF16);
  NEARRT_TRY(result_state_.CheckCanAddLogMessage());
  NEARRT_ASSIGN_OR_RETURN(uint32_t msg_len, GetU32(msg_ptr - 4));
  NEARRT_ASSIGN_OR_RETURN(uint32_t filename_len, GetU32(filename_ptr - 4));
  NEARRT_ASSIGN_OR_RETURN(std::string msg, GetUtf16String(msg_len, msg_ptr));
  NEARRT_ASSIGN_OR_RETURN(std::string filename, GetUtf16String(filename_len, filename_ptr));
  std::string message = msg + ", filename: \"" + filename + "\" line: " + std::to_string(line) +
                        " col: " + std::to_string(col);
  NEARRT_TRY(gas_counter().PayBase(ExtCost::log_base));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::log_byte, message.size()));
  NEARRT_TRY(result_state_.CheckedPushLog("ABORT: " + message));
  return Err(HostError(HostErrorKind::GuestPanic, std::move(message)));
}

}  // namespace nearrt::vm
