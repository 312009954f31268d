// VMLogic: the state of one function call and every host function of the
// `env` module (nearcore runtime/near-vm-runner/src/wasmtime_runner/logic.rs,
// the PV84+ implementation; logic/logic.rs has the same semantics).
//
// Every host function charges its costs in nearcore's order BEFORE validating
// its inputs, so a failing call keeps the gas charged so far. Guest memory is
// reached only through the MemoryView set by the binding.
//
// Naming: methods are nearcore's host function names in CamelCase; the import
// table (imports.h) maps the wasm names to them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "util/bytes.h"
#include "vm/config.h"
#include "vm/context.h"
#include "vm/errors.h"
#include "vm/external.h"
#include "vm/memory.h"
#include "vm/outcome.h"
#include "vm/registers.h"

namespace nearrt::vm {

class VMLogic {
 public:
  // `context`, `config`, `fees` and `ext` must outlive the VMLogic;
  // `result_state` comes from ExecutionResultState::Create (its gas counter
  // may already carry the contract-loading fee).
  VMLogic(External& ext, const VMContext& context, const VMConfig& config,
          const RuntimeFeesConfig& fees, ExecutionResultState result_state);

  void set_memory(MemoryView memory) { memory_ = memory; }
  MemoryView memory() const { return memory_; }

  ExecutionResultState& result_state() { return result_state_; }
  const ExecutionResultState& result_state() const { return result_state_; }
  GasCounter& gas_counter() { return result_state_.gas_counter; }
  Registers& registers() { return registers_; }
  const VMConfig& config() const { return config_; }
  const VMContext& context() const { return context_; }

  VMOutcome ComputeOutcome() const { return VMOutcome::Ok(result_state_); }

  // ---- finite-wasm internals (module "internal") ----
  VMStatus FiniteWasmGas(uint64_t gas);
  VMResult<uint32_t> FiniteWasmLinear(uint32_t count, uint64_t linear, uint64_t constant);
  // Consumes operand_size + frame_size of the 262,144-byte stack budget
  // (MemoryAccessViolation when exhausted, nothing charged), then charges
  // ceil(frame_size / 8) * regular_op_cost.
  VMStatus FiniteWasmStack(uint64_t operand_size, uint64_t frame_size);
  VMStatus FiniteWasmUnstack(uint64_t operand_size, uint64_t frame_size);
  VMStatus FiniteWasmGasExhausted();
  VMStatus FiniteWasmStackExhausted();
  uint64_t remaining_stack() const { return remaining_stack_; }

  // ---- Registers ----
  VMStatus ReadRegister(uint64_t register_id, uint64_t ptr);
  VMResult<uint64_t> RegisterLen(uint64_t register_id);
  VMStatus WriteRegister(uint64_t register_id, uint64_t data_len, uint64_t data_ptr);

  // ---- Context ----
  VMStatus CurrentAccountId(uint64_t register_id);
  VMStatus ChainId(uint64_t register_id);
  VMStatus SignerAccountId(uint64_t register_id);
  VMStatus SignerAccountPk(uint64_t register_id);
  VMStatus PredecessorAccountId(uint64_t register_id);
  VMStatus RefundToAccountId(uint64_t register_id);
  VMStatus Input(uint64_t register_id);
  VMResult<uint64_t> BlockIndex();
  VMResult<uint64_t> BlockTimestamp();
  VMResult<uint64_t> EpochHeight();
  VMResult<uint64_t> StorageUsage();
  VMResult<uint64_t> CurrentContractCode(uint64_t register_id);

  // ---- Economics ----
  VMStatus AccountBalance(uint64_t balance_ptr);
  VMStatus AccountLockedBalance(uint64_t balance_ptr);
  VMStatus AttachedDeposit(uint64_t balance_ptr);
  VMResult<uint64_t> PrepaidGas();
  VMResult<uint64_t> UsedGas();

  // ---- Math ----
  VMStatus RandomSeed(uint64_t register_id);
  VMStatus Sha256(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMStatus Keccak256(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMStatus Keccak512(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMStatus Ripemd160(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMResult<uint64_t> Ecrecover(uint64_t hash_len, uint64_t hash_ptr, uint64_t sig_len,
                               uint64_t sig_ptr, uint64_t v, uint64_t malleability_flag,
                               uint64_t register_id);
  VMResult<uint64_t> Ed25519Verify(uint64_t sig_len, uint64_t sig_ptr, uint64_t msg_len,
                                   uint64_t msg_ptr, uint64_t pub_key_len, uint64_t pub_key_ptr);
  VMResult<uint64_t> P256Verify(uint64_t sig_len, uint64_t sig_ptr, uint64_t msg_len,
                                uint64_t msg_ptr, uint64_t pub_key_len, uint64_t pub_key_ptr);

  // ---- Elliptic curves (logic_curves.cc; primitives in src/crypto) ----
  VMStatus AltBn128G1Multiexp(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMStatus AltBn128G1Sum(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMResult<uint64_t> AltBn128PairingCheck(uint64_t value_len, uint64_t value_ptr);
  VMResult<uint64_t> Bls12381P1Sum(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMResult<uint64_t> Bls12381P2Sum(uint64_t value_len, uint64_t value_ptr, uint64_t register_id);
  VMResult<uint64_t> Bls12381G1Multiexp(uint64_t value_len, uint64_t value_ptr,
                                        uint64_t register_id);
  VMResult<uint64_t> Bls12381G2Multiexp(uint64_t value_len, uint64_t value_ptr,
                                        uint64_t register_id);
  VMResult<uint64_t> Bls12381MapFpToG1(uint64_t value_len, uint64_t value_ptr,
                                       uint64_t register_id);
  VMResult<uint64_t> Bls12381MapFp2ToG2(uint64_t value_len, uint64_t value_ptr,
                                        uint64_t register_id);
  VMResult<uint64_t> Bls12381PairingCheck(uint64_t value_len, uint64_t value_ptr);
  VMResult<uint64_t> Bls12381P1Decompress(uint64_t value_len, uint64_t value_ptr,
                                          uint64_t register_id);
  VMResult<uint64_t> Bls12381P2Decompress(uint64_t value_len, uint64_t value_ptr,
                                          uint64_t register_id);

  // ---- Gas ----
  // The legacy `gas(i32)` import: burns opcodes * regular_op_cost.
  VMStatus GasSeenFromWasm(uint32_t opcodes);

  // ---- Miscellaneous ----
  VMStatus ValueReturn(uint64_t value_len, uint64_t value_ptr);
  VMStatus Panic();
  VMStatus PanicUtf8(uint64_t len, uint64_t ptr);
  VMStatus LogUtf8(uint64_t len, uint64_t ptr);
  VMStatus LogUtf16(uint64_t len, uint64_t ptr);
  VMStatus Abort(uint32_t msg_ptr, uint32_t filename_ptr, uint32_t line, uint32_t col);

  // ---- Promises ----
  VMResult<uint64_t> PromiseCreate(uint64_t account_id_len, uint64_t account_id_ptr,
                                   uint64_t method_name_len, uint64_t method_name_ptr,
                                   uint64_t arguments_len, uint64_t arguments_ptr,
                                   uint64_t amount_ptr, uint64_t gas);
  VMResult<uint64_t> PromiseThen(uint64_t promise_idx, uint64_t account_id_len,
                                 uint64_t account_id_ptr, uint64_t method_name_len,
                                 uint64_t method_name_ptr, uint64_t arguments_len,
                                 uint64_t arguments_ptr, uint64_t amount_ptr, uint64_t gas);
  VMResult<uint64_t> PromiseAnd(uint64_t promise_idx_ptr, uint64_t promise_idx_count);
  VMResult<uint64_t> PromiseBatchCreate(uint64_t account_id_len, uint64_t account_id_ptr);
  VMResult<uint64_t> PromiseBatchThen(uint64_t promise_idx, uint64_t account_id_len,
                                      uint64_t account_id_ptr);
  VMStatus PromiseSetRefundTo(uint64_t promise_idx, uint64_t account_id_len,
                              uint64_t account_id_ptr);

  // ---- Promise actions ----
  VMStatus PromiseBatchActionCreateAccount(uint64_t promise_idx);
  VMStatus PromiseBatchActionDeployContract(uint64_t promise_idx, uint64_t code_len,
                                            uint64_t code_ptr);
  VMStatus PromiseBatchActionDeployGlobalContract(uint64_t promise_idx, uint64_t code_len,
                                                  uint64_t code_ptr);
  VMStatus PromiseBatchActionDeployGlobalContractByAccountId(uint64_t promise_idx,
                                                             uint64_t code_len,
                                                             uint64_t code_ptr);
  VMStatus PromiseBatchActionUseGlobalContract(uint64_t promise_idx, uint64_t code_hash_len,
                                               uint64_t code_hash_ptr);
  VMStatus PromiseBatchActionUseGlobalContractByAccountId(uint64_t promise_idx,
                                                          uint64_t account_id_len,
                                                          uint64_t account_id_ptr);
  VMResult<uint64_t> PromiseBatchActionStateInit(uint64_t promise_idx, uint64_t code_hash_len,
                                                 uint64_t code_hash_ptr, uint64_t amount_ptr);
  VMResult<uint64_t> PromiseBatchActionStateInitByAccountId(uint64_t promise_idx,
                                                            uint64_t account_id_len,
                                                            uint64_t account_id_ptr,
                                                            uint64_t amount_ptr);
  VMStatus SetStateInitDataEntry(uint64_t promise_idx, uint64_t action_index, uint64_t key_len,
                                 uint64_t key_ptr, uint64_t value_len, uint64_t value_ptr);
  VMStatus PromiseBatchActionFunctionCall(uint64_t promise_idx, uint64_t method_name_len,
                                          uint64_t method_name_ptr, uint64_t arguments_len,
                                          uint64_t arguments_ptr, uint64_t amount_ptr,
                                          uint64_t gas);
  VMStatus PromiseBatchActionFunctionCallWeight(uint64_t promise_idx, uint64_t method_name_len,
                                                uint64_t method_name_ptr,
                                                uint64_t arguments_len, uint64_t arguments_ptr,
                                                uint64_t amount_ptr, uint64_t gas,
                                                uint64_t gas_weight);
  VMStatus PromiseBatchActionTransfer(uint64_t promise_idx, uint64_t amount_ptr);
  VMStatus PromiseBatchActionTransferToGasKey(uint64_t promise_idx, uint64_t public_key_len,
                                              uint64_t public_key_ptr, uint64_t amount_ptr);
  VMStatus PromiseBatchActionAddGasKeyWithFullAccess(uint64_t promise_idx,
                                                     uint64_t public_key_len,
                                                     uint64_t public_key_ptr,
                                                     uint64_t num_nonces);
  VMStatus PromiseBatchActionAddGasKeyWithFunctionCall(
      uint64_t promise_idx, uint64_t public_key_len, uint64_t public_key_ptr,
      uint64_t num_nonces, uint64_t allowance_ptr, uint64_t receiver_id_len,
      uint64_t receiver_id_ptr, uint64_t method_names_len, uint64_t method_names_ptr);
  VMStatus PromiseBatchActionStake(uint64_t promise_idx, uint64_t amount_ptr,
                                   uint64_t public_key_len, uint64_t public_key_ptr);
  VMStatus PromiseBatchActionAddKeyWithFullAccess(uint64_t promise_idx, uint64_t public_key_len,
                                                  uint64_t public_key_ptr, uint64_t nonce);
  VMStatus PromiseBatchActionAddKeyWithFunctionCall(
      uint64_t promise_idx, uint64_t public_key_len, uint64_t public_key_ptr, uint64_t nonce,
      uint64_t allowance_ptr, uint64_t receiver_id_len, uint64_t receiver_id_ptr,
      uint64_t method_names_len, uint64_t method_names_ptr);
  VMStatus PromiseBatchActionDeleteKey(uint64_t promise_idx, uint64_t public_key_len,
                                       uint64_t public_key_ptr);
  VMStatus PromiseBatchActionDeleteAccount(uint64_t promise_idx, uint64_t beneficiary_id_len,
                                           uint64_t beneficiary_id_ptr);

  // ---- Yield / resume ----
  VMResult<uint64_t> PromiseYieldCreate(uint64_t method_name_len, uint64_t method_name_ptr,
                                        uint64_t arguments_len, uint64_t arguments_ptr,
                                        uint64_t gas, uint64_t gas_weight, uint64_t register_id);
  VMResult<uint64_t> PromiseYieldCreateWithId(uint64_t method_name_len,
                                              uint64_t method_name_ptr, uint64_t arguments_len,
                                              uint64_t arguments_ptr, uint64_t amount_ptr,
                                              uint64_t gas, uint64_t gas_weight,
                                              uint64_t yield_id_len, uint64_t yield_id_ptr);
  VMResult<uint32_t> PromiseYieldResume(uint64_t data_id_len, uint64_t data_id_ptr,
                                        uint64_t payload_len, uint64_t payload_ptr);
  VMResult<uint32_t> PromiseYieldResumeWithYieldId(uint64_t yield_id_len, uint64_t yield_id_ptr,
                                                   uint64_t payload_len, uint64_t payload_ptr);

  // ---- Promise results ----
  VMResult<uint64_t> PromiseResultsCount();
  VMResult<uint64_t> PromiseResult(uint64_t result_idx, uint64_t register_id);
  VMStatus PromiseReturn(uint64_t promise_idx);

  // ---- Storage ----
  VMResult<uint64_t> StorageWrite(uint64_t key_len, uint64_t key_ptr, uint64_t value_len,
                                  uint64_t value_ptr, uint64_t register_id);
  VMResult<uint64_t> StorageRead(uint64_t key_len, uint64_t key_ptr, uint64_t register_id);
  VMResult<uint64_t> StorageRemove(uint64_t key_len, uint64_t key_ptr, uint64_t register_id);
  VMResult<uint64_t> StorageHasKey(uint64_t key_len, uint64_t key_ptr);
  // Deprecated: Deprecated{method_name}, nothing charged.
  VMResult<uint64_t> StorageIterPrefix(uint64_t prefix_len, uint64_t prefix_ptr);
  VMResult<uint64_t> StorageIterRange(uint64_t start_len, uint64_t start_ptr, uint64_t end_len,
                                      uint64_t end_ptr);
  VMResult<uint64_t> StorageIterNext(uint64_t iterator_id, uint64_t key_register_id,
                                     uint64_t value_register_id);

  // ---- Validator ----
  VMStatus ValidatorStake(uint64_t account_id_len, uint64_t account_id_ptr, uint64_t stake_ptr);
  VMStatus ValidatorTotalStake(uint64_t stake_ptr);

  // ---- Shared helpers (public for the curve-function files and tests) ----

  // A guest operand read from memory or, when len == u64::MAX, from register
  // `ptr` (vmstate.rs get_memory_or_register). The view stays valid until the
  // next memory write by the host; `keep` pins register data.
  struct Operand {
    ByteView view;
    std::shared_ptr<const Bytes> keep;
  };
  VMResult<Operand> GetMemoryOrRegister(uint64_t ptr, uint64_t len);
  // read_memory_base + read_memory_byte * len, then the bounds check.
  VMResult<ByteView> ReadMemory(uint64_t ptr, uint64_t len);
  // write_memory_base + write_memory_byte * len, then the bounds check.
  VMStatus WriteMemory(uint64_t ptr, ByteView data);
  VMResult<Balance> GetU128(uint64_t ptr);
  VMStatus SetU128(uint64_t ptr, Balance value);
  VMStatus SetRegister(uint64_t register_id, ByteView data);

 private:
  enum class PromiseKind : uint8_t { kReceipt, kNotReceipt };
  struct Promise {
    PromiseKind kind;
    ReceiptIndex receipt_index = 0;             // kReceipt
    std::vector<ReceiptIndex> receipt_indices;  // kNotReceipt
  };

  VMStatus ProhibitedInView(const char* method_name) const;
  VMResult<uint8_t> GetU8(uint64_t ptr);
  VMResult<uint16_t> GetU16(uint64_t ptr);
  VMResult<uint32_t> GetU32(uint64_t ptr);
  VMResult<std::string> GetUtf8String(uint64_t len, uint64_t ptr);
  VMResult<std::string> GetUtf16String(uint64_t len, uint64_t ptr);
  VMResult<uint64_t> GetNulTerminatedUtf16Len(uint64_t ptr, uint64_t max_len);
  VMResult<AccountId> ReadAndParseAccountId(uint64_t ptr, uint64_t len);
  VMResult<std::optional<PublicKey>> GetPublicKey(uint64_t ptr, uint64_t len);
  VMResult<PromiseIndex> CheckedPushPromise(Promise promise);
  // The receipt of a non-joint promise, and whether it goes to this account.
  VMResult<std::pair<ReceiptIndex, bool>> PromiseIdxToReceiptIdxWithSir(uint64_t promise_idx);
  // The bls12381 sum/multiexp/map/decompress pattern (bls12381_impl! macro).
  template <class F>
  VMResult<uint64_t> Bls12381Impl(ExtCost base, ExtCost element, size_t item_size,
                                  uint64_t value_len, uint64_t value_ptr, uint64_t register_id,
                                  F compute);
  VMResult<const AccountId*> ReceiptReceiver(ReceiptIndex receipt_index) const;
  VMStatus PayGasForNewReceipt(bool sir, const std::vector<bool>& data_dependencies);
  VMStatus PayActionBase(ActionCost action, bool sir);
  VMStatus PayActionPerByte(ActionCost action, uint64_t num_bytes, bool sir);
  VMResult<GlobalContractIdentifier> ReadContractId(bool by_account_id, uint64_t len,
                                                    uint64_t ptr);
  VMStatus DeployGlobalContractImpl(uint64_t promise_idx, uint64_t code_len, uint64_t code_ptr,
                                    GlobalContractDeployMode mode, const char* method_name);
  VMStatus UseGlobalContractImpl(uint64_t promise_idx, bool by_account_id, uint64_t len,
                                 uint64_t ptr, const char* method_name);
  VMResult<uint64_t> StateInitImpl(uint64_t promise_idx, bool by_account_id, uint64_t len,
                                   uint64_t ptr, uint64_t amount_ptr, const char* method_name);
  // Deducts `amount` unless it is the subsidised 1 yoctoNEAR (one_yocto_on_promise).
  VMStatus DeductOrSubsidize(Balance amount);
  VMStatus ObserveRecordedStorage();

  External& ext_;
  const VMContext& context_;
  const VMConfig& config_;
  const RuntimeFeesConfig& fees_;
  MemoryView memory_;
  Balance current_account_locked_balance_;
  Registers registers_;
  std::vector<Promise> promises_;
  uint64_t remaining_stack_;
  uint64_t recorded_storage_initial_;
  ExecutionResultState result_state_;
};

}  // namespace nearrt::vm
