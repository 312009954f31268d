// VMLogic: construction, memory and register helpers, the context, economics,
// gas and finite-wasm host functions. Citations are to nearcore
// runtime/near-vm-runner/src/wasmtime_runner/logic.rs unless noted.
#include "vm/logic.h"

#include <cstring>

#include "crypto/sha256.h"

namespace nearrt::vm {

VMLogic::VMLogic(External& ext, const VMContext& context, const VMConfig& config,
                 const RuntimeFeesConfig& fees, ExecutionResultState result_state)
    : ext_(ext),
      context_(context),
      config_(config),
      fees_(fees),
      current_account_locked_balance_(context.account_locked_balance),
      remaining_stack_(config.limit_config.max_stack_height),
      recorded_storage_initial_(ext.GetRecordedStorageSize()),
      result_state_(std::move(result_state)) {}

// ---------------------------------------------------------------------------
// Memory and register helpers
// ---------------------------------------------------------------------------

VMResult<ByteView> VMLogic::ReadMemory(uint64_t ptr, uint64_t len) {
  GasCounter& gas = gas_counter();
  NEARRT_TRY(gas.PayBase(ExtCost::read_memory_base));
  NEARRT_TRY(gas.PayPer(ExtCost::read_memory_byte, len));
  if (!memory_.Fits(ptr, len)) return Err(HostErrorKind::MemoryAccessViolation);
  return ByteView(memory_.data + ptr, static_cast<size_t>(len));
}

VMStatus VMLogic::WriteMemory(uint64_t ptr, ByteView data) {
  GasCounter& gas = gas_counter();
  NEARRT_TRY(gas.PayBase(ExtCost::write_memory_base));
  NEARRT_TRY(gas.PayPer(ExtCost::write_memory_byte, data.size()));
  if (!memory_.Fits(ptr, data.size())) return Err(HostErrorKind::MemoryAccessViolation);
  if (!data.empty()) {
    std::memmove(memory_.data + ptr, data.data(), data.size());
    memory_.MarkWritten(ptr, data.size());
  }
  return {};
}

VMResult<VMLogic::Operand> VMLogic::GetMemoryOrRegister(uint64_t ptr, uint64_t len) {
  Operand op;
  if (len == UINT64_MAX) {
    NEARRT_ASSIGN_OR_RETURN(op.view, registers_.Get(gas_counter(), ptr, &op.keep));
  } else {
    NEARRT_ASSIGN_OR_RETURN(op.view, ReadMemory(ptr, len));
  }
  return op;
}

VMResult<uint8_t> VMLogic::GetU8(uint64_t ptr) {
  NEARRT_ASSIGN_OR_RETURN(ByteView b, ReadMemory(ptr, 1));
  return b[0];
}

VMResult<uint16_t> VMLogic::GetU16(uint64_t ptr) {
  NEARRT_ASSIGN_OR_RETURN(ByteView b, ReadMemory(ptr, 2));
  return static_cast<uint16_t>(b[0] | (b[1] << 8));
}

VMResult<uint32_t> VMLogic::GetU32(uint64_t ptr) {
  NEARRT_ASSIGN_OR_RETURN(ByteView b, ReadMemory(ptr, 4));
  return static_cast<uint32_t>(b[0]) | (static_cast<uint32_t>(b[1]) << 8) |
         (static_cast<uint32_t>(b[2]) << 16) | (static_cast<uint32_t>(b[3]) << 24);
}

VMResult<Balance> VMLogic::GetU128(uint64_t ptr) {
  NEARRT_ASSIGN_OR_RETURN(ByteView b, ReadMemory(ptr, 16));
  return LoadU128LE(b.data());
}

VMStatus VMLogic::SetU128(uint64_t ptr, Balance value) {
  uint8_t buf[16];
  StoreU128LE(value, buf);
  return WriteMemory(ptr, ByteView(buf, 16));
}

VMStatus VMLogic::SetRegister(uint64_t register_id, ByteView data) {
  return registers_.Set(gas_counter(), config_.limit_config, register_id, data);
}

VMStatus VMLogic::ProhibitedInView(const char* method_name) const {
  if (context_.is_view()) return Err(HostError(HostErrorKind::ProhibitedInView, method_name));
  return {};
}

// ---------------------------------------------------------------------------
// finite-wasm internals
// ---------------------------------------------------------------------------

VMStatus VMLogic::FiniteWasmGas(uint64_t gas) { return gas_counter().ChargeWasmGas(gas); }

VMResult<uint32_t> VMLogic::FiniteWasmLinear(uint32_t count, uint64_t linear, uint64_t constant) {
  NEARRT_TRY(gas_counter().ChargeWasmLinear(count, linear, constant));
  return count;
}

VMStatus VMLogic::FiniteWasmStack(uint64_t operand_size, uint64_t frame_size) {
  uint64_t need = SaturatingAdd(operand_size, frame_size);
  if (need > remaining_stack_) return Err(HostErrorKind::MemoryAccessViolation);
  remaining_stack_ -= need;
  // nearcore: ((frame_size + 7) / 8) * regular_op_cost, unchecked u64 math.
  uint64_t gas = ((frame_size + 7) / 8) * static_cast<uint64_t>(config_.regular_op_cost);
  return gas_counter().ChargeWasmGas(gas);
}

VMStatus VMLogic::FiniteWasmUnstack(uint64_t operand_size, uint64_t frame_size) {
  uint64_t add = SaturatingAdd(operand_size, frame_size);
  uint64_t out;
  // nearcore panics on overflow ("remaining stack integer overflow").
  if (!CheckedAdd(remaining_stack_, add, &out)) return Err(VMLogicError::InconsistentState());
  remaining_stack_ = out;
  return {};
}

VMStatus VMLogic::FiniteWasmGasExhausted() { return gas_counter().WasmGasExhausted(); }

VMStatus VMLogic::FiniteWasmStackExhausted() { return Err(HostErrorKind::MemoryAccessViolation); }

// ---------------------------------------------------------------------------
// Registers API
// ---------------------------------------------------------------------------

VMStatus VMLogic::ReadRegister(uint64_t register_id, uint64_t ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  std::shared_ptr<const Bytes> keep;
  NEARRT_ASSIGN_OR_RETURN(ByteView data, registers_.Get(gas_counter(), register_id, &keep));
  return WriteMemory(ptr, data);
}

VMResult<uint64_t> VMLogic::RegisterLen(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return registers_.GetLen(register_id).value_or(UINT64_MAX);
}

VMStatus VMLogic::WriteRegister(uint64_t register_id, uint64_t data_len, uint64_t data_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_ASSIGN_OR_RETURN(ByteView data, ReadMemory(data_ptr, data_len));
  return SetRegister(register_id, data);
}

// ---------------------------------------------------------------------------
// Context API
// ---------------------------------------------------------------------------

VMStatus VMLogic::CurrentAccountId(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return SetRegister(register_id, AsBytes(context_.current_account_id.str()));
}

VMStatus VMLogic::ChainId(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  std::string chain_id = ext_.ChainId();
  return SetRegister(register_id, AsBytes(chain_id));
}

VMStatus VMLogic::SignerAccountId(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("signer_account_id"));
  return SetRegister(register_id, AsBytes(context_.signer_account_id.str()));
}

VMStatus VMLogic::SignerAccountPk(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("signer_account_pk"));
  return SetRegister(register_id, context_.signer_account_pk);
}

VMStatus VMLogic::PredecessorAccountId(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("predecessor_account_id"));
  return SetRegister(register_id, AsBytes(context_.predecessor_account_id.str()));
}

VMStatus VMLogic::RefundToAccountId(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("refund_to_account_id"));
  return SetRegister(register_id, AsBytes(context_.refund_to_account_id.str()));
}

VMStatus VMLogic::Input(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  // Only write_register_base: no per-byte charge since DeterministicAccountIds (PV82).
  return registers_.SetShared(gas_counter(), config_.limit_config, register_id, context_.input);
}

VMResult<uint64_t> VMLogic::BlockIndex() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return context_.block_height;
}

VMResult<uint64_t> VMLogic::BlockTimestamp() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return context_.block_timestamp;
}

VMResult<uint64_t> VMLogic::EpochHeight() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return context_.epoch_height;
}

VMResult<uint64_t> VMLogic::StorageUsage() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return result_state_.current_storage_usage;
}

VMResult<uint64_t> VMLogic::CurrentContractCode(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  const AccountContract& c = context_.account_contract;
  switch (c.kind) {
    case AccountContract::Kind::kNone:
      return 0;
    case AccountContract::Kind::kLocal:
      NEARRT_TRY(SetRegister(register_id, c.hash.view()));
      return 1;
    case AccountContract::Kind::kGlobal:
      NEARRT_TRY(SetRegister(register_id, c.hash.view()));
      return 2;
    case AccountContract::Kind::kGlobalByAccount:
      NEARRT_TRY(SetRegister(register_id, AsBytes(c.account_id.str())));
      return 3;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Economics API
// ---------------------------------------------------------------------------

VMStatus VMLogic::AccountBalance(uint64_t balance_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return SetU128(balance_ptr, result_state_.current_account_balance);
}

VMStatus VMLogic::AccountLockedBalance(uint64_t balance_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return SetU128(balance_ptr, current_account_locked_balance_);
}

VMStatus VMLogic::AttachedDeposit(uint64_t balance_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return SetU128(balance_ptr, context_.attached_deposit);
}

VMResult<uint64_t> VMLogic::PrepaidGas() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("prepaid_gas"));
  return context_.prepaid_gas;
}

VMResult<uint64_t> VMLogic::UsedGas() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("used_gas"));
  return gas_counter().used_gas();
}

// ---------------------------------------------------------------------------
// Math API (hashes needing only sha256; the rest is in logic_crypto.cc)
// ---------------------------------------------------------------------------

VMStatus VMLogic::RandomSeed(uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  return SetRegister(register_id, context_.random_seed);
}

VMStatus VMLogic::Sha256(uint64_t value_len, uint64_t value_ptr, uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::sha256_base));
  NEARRT_ASSIGN_OR_RETURN(Operand value, GetMemoryOrRegister(value_ptr, value_len));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::sha256_byte, value.view.size()));
  crypto::Digest32 hash = crypto::Sha256Hash(value.view);
  return SetRegister(register_id, ByteView(hash.data(), hash.size()));
}

// ---------------------------------------------------------------------------
// Gas
// ---------------------------------------------------------------------------

VMStatus VMLogic::GasSeenFromWasm(uint32_t opcodes) {
  return gas_counter().ChargeOpcodes(opcodes);
}

}  // namespace nearrt::vm
