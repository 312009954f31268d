// Promise batch actions and yield/resume (nearcore wasmtime_runner/logic.rs,
// "Promise API actions" and "Promise API yield/resume").
#include "vm/action_fees.h"
#include "vm/logic.h"

namespace nearrt::vm {
namespace {

// utils.rs split_method_names: comma-separated, an empty name is an error.
VMResult<std::vector<Bytes>> SplitMethodNames(ByteView raw) {
  std::vector<Bytes> out;
  if (raw.empty()) return out;
  size_t start = 0;
  for (size_t i = 0; i <= raw.size(); ++i) {
    if (i == raw.size() || raw[i] == ',') {
      if (i == start) return Err(HostErrorKind::EmptyMethodName);
      out.emplace_back(raw.begin() + start, raw.begin() + i);
      start = i + 1;
    }
  }
  return out;
}

// utils.rs null_terminated_method_names_len: sum of (len + 1).
uint64_t NullTerminatedMethodNamesLen(const std::vector<Bytes>& names) {
  uint64_t n = 0;
  for (const Bytes& b : names) n += b.size() + 1;
  return n;
}

VMStatus InvalidPublicKeyUnless(const std::optional<PublicKey>& pk) {
  if (!pk) return Err(HostErrorKind::InvalidPublicKey);
  return {};
}

// nearcore panics where its unchecked gas-key fee arithmetic overflows (only
// reachable with a key passed through a register: the length argument is then
// u64::MAX). No outcome exists there, so this is a node-level error here.
VMLogicError GasKeyFeeOverflow() { return VMLogicError::InconsistentState(); }

}  // namespace

VMStatus VMLogic::PromiseBatchActionCreateAccount(uint64_t promise_idx) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_create_account"));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::create_account, r.second));
  ext_.AppendActionCreateAccount(r.first);
  return {};
}

VMStatus VMLogic::PromiseBatchActionDeployContract(uint64_t promise_idx, uint64_t code_len,
                                                   uint64_t code_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_deploy_contract"));
  NEARRT_ASSIGN_OR_RETURN(Operand code, GetMemoryOrRegister(code_ptr, code_len));
  uint64_t len = code.view.size();
  uint64_t limit = config_.limit_config.max_contract_size;
  if (len > limit) return Err(HostError(HostErrorKind::ContractSizeExceeded, len, limit));
  Bytes code_bytes(code.view.begin(), code.view.end());
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::deploy_contract_base, r.second));
  NEARRT_TRY(PayActionPerByte(ActionCost::deploy_contract_byte, len, r.second));
  ext_.AppendActionDeployContract(r.first, std::move(code_bytes));
  return {};
}

VMStatus VMLogic::DeployGlobalContractImpl(uint64_t promise_idx, uint64_t code_len,
                                           uint64_t code_ptr, GlobalContractDeployMode mode,
                                           const char* method_name) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView(method_name));
  NEARRT_ASSIGN_OR_RETURN(Operand code, GetMemoryOrRegister(code_ptr, code_len));
  uint64_t len = code.view.size();
  uint64_t limit = config_.limit_config.max_contract_size;
  if (len > limit) return Err(HostError(HostErrorKind::ContractSizeExceeded, len, limit));
  Bytes code_bytes(code.view.begin(), code.view.end());
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::deploy_global_contract_base, r.second));
  NEARRT_TRY(PayActionPerByte(ActionCost::deploy_global_contract_byte, len, r.second));
  ext_.AppendActionDeployGlobalContract(r.first, std::move(code_bytes), mode);
  return {};
}

VMStatus VMLogic::PromiseBatchActionDeployGlobalContract(uint64_t promise_idx, uint64_t code_len,
                                                         uint64_t code_ptr) {
  return DeployGlobalContractImpl(promise_idx, code_len, code_ptr,
                                  GlobalContractDeployMode::kCodeHash,
                                  "promise_batch_action_deploy_global_contract");
}

VMStatus VMLogic::PromiseBatchActionDeployGlobalContractByAccountId(uint64_t promise_idx,
                                                                    uint64_t code_len,
                                                                    uint64_t code_ptr) {
  return DeployGlobalContractImpl(promise_idx, code_len, code_ptr,
                                  GlobalContractDeployMode::kAccountId,
                                  "promise_batch_action_deploy_global_contract_by_account_id");
}

VMResult<GlobalContractIdentifier> VMLogic::ReadContractId(bool by_account_id, uint64_t len,
                                                           uint64_t ptr) {
  GlobalContractIdentifier id;
  if (by_account_id) {
    id.kind = GlobalContractIdentifier::Kind::kAccountId;
    NEARRT_ASSIGN_OR_RETURN(id.account_id, ReadAndParseAccountId(ptr, len));
    return id;
  }
  NEARRT_ASSIGN_OR_RETURN(Operand hash, GetMemoryOrRegister(ptr, len));
  if (hash.view.size() != CryptoHash::kLength) return Err(HostErrorKind::ContractCodeHashMalformed);
  id.kind = GlobalContractIdentifier::Kind::kCodeHash;
  std::copy(hash.view.begin(), hash.view.end(), id.code_hash.bytes.begin());
  return id;
}

VMStatus VMLogic::UseGlobalContractImpl(uint64_t promise_idx, bool by_account_id, uint64_t len,
                                        uint64_t ptr, const char* method_name) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView(method_name));
  NEARRT_ASSIGN_OR_RETURN(GlobalContractIdentifier id, ReadContractId(by_account_id, len, ptr));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::use_global_contract_base, r.second));
  NEARRT_TRY(PayActionPerByte(ActionCost::use_global_contract_byte, id.len(), r.second));
  ext_.AppendActionUseGlobalContract(r.first, std::move(id));
  return {};
}

VMStatus VMLogic::PromiseBatchActionUseGlobalContract(uint64_t promise_idx,
                                                      uint64_t code_hash_len,
                                                      uint64_t code_hash_ptr) {
  return UseGlobalContractImpl(promise_idx, false, code_hash_len, code_hash_ptr,
                               "promise_batch_action_use_global_contract");
}

VMStatus VMLogic::PromiseBatchActionUseGlobalContractByAccountId(uint64_t promise_idx,
                                                                 uint64_t account_id_len,
                                                                 uint64_t account_id_ptr) {
  return UseGlobalContractImpl(promise_idx, true, account_id_len, account_id_ptr,
                               "promise_batch_action_use_global_contract_by_account_id");
}

VMResult<uint64_t> VMLogic::StateInitImpl(uint64_t promise_idx, bool by_account_id, uint64_t len,
                                          uint64_t ptr, uint64_t amount_ptr,
                                          const char* method_name) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView(method_name));
  NEARRT_ASSIGN_OR_RETURN(GlobalContractIdentifier id, ReadContractId(by_account_id, len, ptr));
  NEARRT_ASSIGN_OR_RETURN(Balance amount, GetU128(amount_ptr));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::deterministic_state_init_base, r.second));
  NEARRT_TRY(result_state_.DeductBalance(amount));
  return ext_.AppendActionDeterministicStateInit(r.first, std::move(id), amount);
}

VMResult<uint64_t> VMLogic::PromiseBatchActionStateInit(uint64_t promise_idx,
                                                        uint64_t code_hash_len,
                                                        uint64_t code_hash_ptr,
                                                        uint64_t amount_ptr) {
  return StateInitImpl(promise_idx, false, code_hash_len, code_hash_ptr, amount_ptr,
                       "promise_batch_action_state_init");
}

VMResult<uint64_t> VMLogic::PromiseBatchActionStateInitByAccountId(uint64_t promise_idx,
                                                                   uint64_t account_id_len,
                                                                   uint64_t account_id_ptr,
                                                                   uint64_t amount_ptr) {
  return StateInitImpl(promise_idx, true, account_id_len, account_id_ptr, amount_ptr,
                       "promise_batch_action_state_init_by_account_id");
}

VMStatus VMLogic::SetStateInitDataEntry(uint64_t promise_idx, uint64_t action_index,
                                        uint64_t key_len, uint64_t key_ptr, uint64_t value_len,
                                        uint64_t value_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("set_state_init_data_entry"));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_ASSIGN_OR_RETURN(Operand key, GetMemoryOrRegister(key_ptr, key_len));
  Bytes key_bytes(key.view.begin(), key.view.end());
  NEARRT_ASSIGN_OR_RETURN(Operand value, GetMemoryOrRegister(value_ptr, value_len));
  Bytes value_bytes(value.view.begin(), value.view.end());
  NEARRT_TRY(PayActionBase(ActionCost::deterministic_state_init_entry, r.second));
  uint64_t bytes;
  if (!CheckedAdd(key_bytes.size(), value_bytes.size(), &bytes)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  NEARRT_TRY(PayActionPerByte(ActionCost::deterministic_state_init_byte, bytes, r.second));
  return ext_.SetDeterministicStateInitDataEntry(r.first, action_index, std::move(key_bytes),
                                                 std::move(value_bytes));
}

VMStatus VMLogic::PromiseBatchActionFunctionCall(uint64_t promise_idx, uint64_t method_name_len,
                                                 uint64_t method_name_ptr,
                                                 uint64_t arguments_len, uint64_t arguments_ptr,
                                                 uint64_t amount_ptr, uint64_t gas) {
  return PromiseBatchActionFunctionCallWeight(promise_idx, method_name_len, method_name_ptr,
                                              arguments_len, arguments_ptr, amount_ptr, gas, 0);
}

VMStatus VMLogic::PromiseBatchActionFunctionCallWeight(
    uint64_t promise_idx, uint64_t method_name_len, uint64_t method_name_ptr,
    uint64_t arguments_len, uint64_t arguments_ptr, uint64_t amount_ptr, uint64_t gas,
    uint64_t gas_weight) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  // Both variants report the name of the unweighted one.
  NEARRT_TRY(ProhibitedInView("promise_batch_action_function_call"));
  NEARRT_ASSIGN_OR_RETURN(Balance amount, GetU128(amount_ptr));
  NEARRT_ASSIGN_OR_RETURN(Operand method, GetMemoryOrRegister(method_name_ptr, method_name_len));
  if (method.view.empty()) return Err(HostErrorKind::EmptyMethodName);
  Bytes method_name(method.view.begin(), method.view.end());
  NEARRT_ASSIGN_OR_RETURN(Operand args, GetMemoryOrRegister(arguments_ptr, arguments_len));
  Bytes arguments(args.view.begin(), args.view.end());
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  uint64_t num_bytes = method_name.size() + arguments.size();
  NEARRT_TRY(PayActionBase(ActionCost::function_call_base, r.second));
  NEARRT_TRY(PayActionPerByte(ActionCost::function_call_byte, num_bytes, r.second));
  NEARRT_TRY(gas_counter().PrepayGas(gas));
  NEARRT_TRY(DeductOrSubsidize(amount));
  return ext_.AppendActionFunctionCallWeight(r.first, std::move(method_name),
                                             std::move(arguments), amount, gas, gas_weight);
}

VMStatus VMLogic::PromiseBatchActionTransfer(uint64_t promise_idx, uint64_t amount_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_transfer"));
  NEARRT_ASSIGN_OR_RETURN(Balance amount, GetU128(amount_ptr));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_ASSIGN_OR_RETURN(const AccountId* receiver, ReceiptReceiver(r.first));
  AccountType type = receiver->GetAccountType();
  ParameterCost send = TransferSendFee(fees_, r.second, config_.eth_implicit_accounts, type);
  ParameterCost exec = TransferExecFee(fees_, config_.eth_implicit_accounts, type);
  Gas use;
  if (!CheckedAdd(send.gas, exec.gas, &use)) return Err(HostErrorKind::IntegerOverflow);
  NEARRT_TRY(gas_counter().PayActionAccumulated(send, use, ActionCost::transfer));
  NEARRT_TRY(result_state_.DeductBalance(amount));
  ext_.AppendActionTransfer(r.first, amount);
  return {};
}

VMStatus VMLogic::PromiseBatchActionTransferToGasKey(uint64_t promise_idx,
                                                     uint64_t public_key_len,
                                                     uint64_t public_key_ptr,
                                                     uint64_t amount_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_transfer_to_gas_key"));
  NEARRT_ASSIGN_OR_RETURN(std::optional<PublicKey> pk,
                          GetPublicKey(public_key_ptr, public_key_len));
  NEARRT_ASSIGN_OR_RETURN(Balance amount, GetU128(amount_ptr));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_ASSIGN_OR_RETURN(const AccountId* receiver, ReceiptReceiver(r.first));
  // nearcore passes the length *argument* here (u64::MAX for a register).
  std::optional<SplitFee> send = GasKeyTransferSendFee(fees_, r.second, public_key_len);
  std::optional<SplitFee> exec = GasKeyTransferExecFee(fees_, receiver->size(), public_key_len);
  if (!send || !exec) return Err(GasKeyFeeOverflow());
  Gas use_base, use_byte;
  if (!CheckedAdd(send->base.gas, exec->base.gas, &use_base)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  NEARRT_TRY(gas_counter().PayActionAccumulated(send->base, use_base,
                                                ActionCost::gas_key_transfer_base));
  if (!CheckedAdd(send->per_byte.gas, exec->per_byte.gas, &use_byte)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  NEARRT_TRY(
      gas_counter().PayActionAccumulated(send->per_byte, use_byte, ActionCost::gas_key_byte));
  NEARRT_TRY(result_state_.DeductBalance(amount));
  NEARRT_TRY(InvalidPublicKeyUnless(pk));
  ext_.AppendActionTransferToGasKey(r.first, std::move(*pk), amount);
  return {};
}

VMStatus VMLogic::PromiseBatchActionAddGasKeyWithFullAccess(uint64_t promise_idx,
                                                            uint64_t public_key_len,
                                                            uint64_t public_key_ptr,
                                                            uint64_t num_nonces) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_add_gas_key_with_full_access"));
  NEARRT_ASSIGN_OR_RETURN(std::optional<PublicKey> pk,
                          GetPublicKey(public_key_ptr, public_key_len));
  if (num_nonces > UINT16_MAX) return Err(HostErrorKind::IntegerOverflow);
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::add_full_access_key, r.second));
  NEARRT_ASSIGN_OR_RETURN(const AccountId* receiver, ReceiptReceiver(r.first));
  std::optional<ParameterCost> send = GasKeyAddKeySendFee(fees_, r.second);
  std::optional<SplitFee> exec = GasKeyAddKeyExecFee(fees_, receiver->size(), public_key_len,
                                                     static_cast<NonceIndex>(num_nonces));
  if (!send || !exec) return Err(GasKeyFeeOverflow());
  NEARRT_TRY(gas_counter().PayGasKeyAddKeyFees(*send, *exec));
  NEARRT_TRY(InvalidPublicKeyUnless(pk));
  ext_.AppendActionAddGasKeyWithFullAccess(r.first, std::move(*pk),
                                           static_cast<NonceIndex>(num_nonces));
  return {};
}

VMStatus VMLogic::PromiseBatchActionAddGasKeyWithFunctionCall(
    uint64_t promise_idx, uint64_t public_key_len, uint64_t public_key_ptr, uint64_t num_nonces,
    uint64_t allowance_ptr, uint64_t receiver_id_len, uint64_t receiver_id_ptr,
    uint64_t method_names_len, uint64_t method_names_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_add_gas_key_with_function_call"));
  NEARRT_ASSIGN_OR_RETURN(std::optional<PublicKey> pk,
                          GetPublicKey(public_key_ptr, public_key_len));
  if (num_nonces > UINT16_MAX) return Err(HostErrorKind::IntegerOverflow);
  NEARRT_ASSIGN_OR_RETURN(Balance allowance_raw, GetU128(allowance_ptr));
  std::optional<Balance> allowance;
  if (allowance_raw > 0) allowance = allowance_raw;
  NEARRT_ASSIGN_OR_RETURN(AccountId receiver_id,
                          ReadAndParseAccountId(receiver_id_ptr, receiver_id_len));
  NEARRT_ASSIGN_OR_RETURN(Operand raw_names,
                          GetMemoryOrRegister(method_names_ptr, method_names_len));
  NEARRT_ASSIGN_OR_RETURN(std::vector<Bytes> method_names, SplitMethodNames(raw_names.view));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  uint64_t num_bytes = NullTerminatedMethodNamesLen(method_names);
  NEARRT_TRY(PayActionBase(ActionCost::add_function_call_key_base, r.second));
  NEARRT_TRY(PayActionPerByte(ActionCost::add_function_call_key_byte, num_bytes, r.second));
  NEARRT_ASSIGN_OR_RETURN(const AccountId* receipt_receiver, ReceiptReceiver(r.first));
  std::optional<ParameterCost> send = GasKeyAddKeySendFee(fees_, r.second);
  std::optional<SplitFee> exec = GasKeyAddKeyExecFee(
      fees_, receipt_receiver->size(), public_key_len, static_cast<NonceIndex>(num_nonces));
  if (!send || !exec) return Err(GasKeyFeeOverflow());
  NEARRT_TRY(gas_counter().PayGasKeyAddKeyFees(*send, *exec));
  NEARRT_TRY(InvalidPublicKeyUnless(pk));
  return ext_.AppendActionAddGasKeyWithFunctionCall(r.first, std::move(*pk),
                                                    static_cast<NonceIndex>(num_nonces),
                                                    allowance, std::move(receiver_id),
                                                    std::move(method_names));
}

VMStatus VMLogic::PromiseBatchActionStake(uint64_t promise_idx, uint64_t amount_ptr,
                                          uint64_t public_key_len, uint64_t public_key_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_stake"));
  NEARRT_ASSIGN_OR_RETURN(Balance amount, GetU128(amount_ptr));
  NEARRT_ASSIGN_OR_RETURN(std::optional<PublicKey> pk,
                          GetPublicKey(public_key_ptr, public_key_len));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::stake, r.second));
  NEARRT_TRY(InvalidPublicKeyUnless(pk));
  ext_.AppendActionStake(r.first, amount, std::move(*pk));
  return {};
}

VMStatus VMLogic::PromiseBatchActionAddKeyWithFullAccess(uint64_t promise_idx,
                                                         uint64_t public_key_len,
                                                         uint64_t public_key_ptr, uint64_t nonce) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_add_key_with_full_access"));
  NEARRT_ASSIGN_OR_RETURN(std::optional<PublicKey> pk,
                          GetPublicKey(public_key_ptr, public_key_len));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::add_full_access_key, r.second));
  NEARRT_TRY(InvalidPublicKeyUnless(pk));
  ext_.AppendActionAddKeyWithFullAccess(r.first, std::move(*pk), nonce);
  return {};
}

VMStatus VMLogic::PromiseBatchActionAddKeyWithFunctionCall(
    uint64_t promise_idx, uint64_t public_key_len, uint64_t public_key_ptr, uint64_t nonce,
    uint64_t allowance_ptr, uint64_t receiver_id_len, uint64_t receiver_id_ptr,
    uint64_t method_names_len, uint64_t method_names_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_add_key_with_function_call"));
  NEARRT_ASSIGN_OR_RETURN(std::optional<PublicKey> pk,
                          GetPublicKey(public_key_ptr, public_key_len));
  NEARRT_ASSIGN_OR_RETURN(Balance allowance_raw, GetU128(allowance_ptr));
  std::optional<Balance> allowance;
  if (allowance_raw > 0) allowance = allowance_raw;
  NEARRT_ASSIGN_OR_RETURN(AccountId receiver_id,
                          ReadAndParseAccountId(receiver_id_ptr, receiver_id_len));
  NEARRT_ASSIGN_OR_RETURN(Operand raw_names,
                          GetMemoryOrRegister(method_names_ptr, method_names_len));
  NEARRT_ASSIGN_OR_RETURN(std::vector<Bytes> method_names, SplitMethodNames(raw_names.view));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  uint64_t num_bytes = NullTerminatedMethodNamesLen(method_names);
  NEARRT_TRY(PayActionBase(ActionCost::add_function_call_key_base, r.second));
  NEARRT_TRY(PayActionPerByte(ActionCost::add_function_call_key_byte, num_bytes, r.second));
  NEARRT_TRY(InvalidPublicKeyUnless(pk));
  return ext_.AppendActionAddKeyWithFunctionCall(r.first, std::move(*pk), nonce, allowance,
                                                 std::move(receiver_id), std::move(method_names));
}

VMStatus VMLogic::PromiseBatchActionDeleteKey(uint64_t promise_idx, uint64_t public_key_len,
                                              uint64_t public_key_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_delete_key"));
  NEARRT_ASSIGN_OR_RETURN(std::optional<PublicKey> pk,
                          GetPublicKey(public_key_ptr, public_key_len));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::delete_key, r.second));
  NEARRT_TRY(InvalidPublicKeyUnless(pk));
  ext_.AppendActionDeleteKey(r.first, std::move(*pk));
  return {};
}

VMStatus VMLogic::PromiseBatchActionDeleteAccount(uint64_t promise_idx,
                                                  uint64_t beneficiary_id_len,
                                                  uint64_t beneficiary_id_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_action_delete_account"));
  NEARRT_ASSIGN_OR_RETURN(AccountId beneficiary,
                          ReadAndParseAccountId(beneficiary_id_ptr, beneficiary_id_len));
  NEARRT_ASSIGN_OR_RETURN(auto r, PromiseIdxToReceiptIdxWithSir(promise_idx));
  NEARRT_TRY(PayActionBase(ActionCost::delete_account, r.second));
  ext_.AppendActionDeleteAccount(r.first, std::move(beneficiary));
  return {};
}

// ---------------------------------------------------------------------------
// Yield / resume
// ---------------------------------------------------------------------------

VMResult<uint64_t> VMLogic::PromiseYieldCreate(uint64_t method_name_len, uint64_t method_name_ptr,
                                               uint64_t arguments_len, uint64_t arguments_ptr,
                                               uint64_t gas, uint64_t gas_weight,
                                               uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_yield_create"));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::yield_create_base));
  NEARRT_ASSIGN_OR_RETURN(Operand method, GetMemoryOrRegister(method_name_ptr, method_name_len));
  if (method.view.empty()) return Err(HostErrorKind::EmptyMethodName);
  Bytes method_name(method.view.begin(), method.view.end());
  NEARRT_ASSIGN_OR_RETURN(Operand args, GetMemoryOrRegister(arguments_ptr, arguments_len));
  Bytes arguments(args.view.begin(), args.view.end());
  uint64_t num_bytes = method_name.size() + arguments.size();
  NEARRT_TRY(gas_counter().PayPer(ExtCost::yield_create_byte, num_bytes));
  // The callback's gas cannot be used by this execution any more.
  NEARRT_TRY(gas_counter().PrepayGas(gas));
  // A receipt with one data dependency, resolved by the resume.
  NEARRT_TRY(PayGasForNewReceipt(true, {true}));
  NEARRT_ASSIGN_OR_RETURN(auto created, ext_.CreatePromiseYieldReceipt(context_.current_account_id));
  NEARRT_ASSIGN_OR_RETURN(PromiseIndex idx,
                          CheckedPushPromise(Promise{PromiseKind::kReceipt, created.first, {}}));
  NEARRT_TRY(PayActionBase(ActionCost::function_call_base, true));
  NEARRT_TRY(PayActionPerByte(ActionCost::function_call_byte, num_bytes, true));
  NEARRT_TRY(ext_.AppendActionFunctionCallWeight(created.first, std::move(method_name),
                                                 std::move(arguments), 0, gas, gas_weight));
  NEARRT_TRY(SetRegister(register_id, created.second.view()));
  return idx;
}

VMResult<uint64_t> VMLogic::PromiseYieldCreateWithId(uint64_t method_name_len,
                                                     uint64_t method_name_ptr,
                                                     uint64_t arguments_len,
                                                     uint64_t arguments_ptr, uint64_t amount_ptr,
                                                     uint64_t gas, uint64_t gas_weight,
                                                     uint64_t yield_id_len,
                                                     uint64_t yield_id_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_yield_create_with_id"));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::yield_create_with_id_base));
  NEARRT_ASSIGN_OR_RETURN(Balance amount, GetU128(amount_ptr));
  NEARRT_ASSIGN_OR_RETURN(Operand method, GetMemoryOrRegister(method_name_ptr, method_name_len));
  if (method.view.empty()) return Err(HostErrorKind::EmptyMethodName);
  NEARRT_ASSIGN_OR_RETURN(Operand args, GetMemoryOrRegister(arguments_ptr, arguments_len));
  NEARRT_ASSIGN_OR_RETURN(Operand yid, GetMemoryOrRegister(yield_id_ptr, yield_id_len));
  if (yid.view.size() != YieldId::kLength) return Err(HostErrorKind::YieldIdMalformed);
  YieldId yield_id;
  std::copy(yid.view.begin(), yid.view.end(), yield_id.bytes.begin());
  Bytes method_name(method.view.begin(), method.view.end());
  Bytes arguments(args.view.begin(), args.view.end());
  uint64_t num_bytes = method_name.size() + arguments.size();
  NEARRT_TRY(gas_counter().PayPer(ExtCost::yield_create_byte, num_bytes));
  // A pending yield with this id: u64::MAX and nothing more is charged.
  NEARRT_ASSIGN_OR_RETURN(auto created, ext_.CreatePromiseYieldReceiptWithId(
                                            context_.current_account_id, yield_id));
  if (!created) return UINT64_MAX;
  NEARRT_TRY(gas_counter().PrepayGas(gas));
  NEARRT_TRY(PayGasForNewReceipt(true, {true}));
  NEARRT_ASSIGN_OR_RETURN(PromiseIndex idx,
                          CheckedPushPromise(Promise{PromiseKind::kReceipt, created->first, {}}));
  NEARRT_TRY(PayActionBase(ActionCost::function_call_base, true));
  NEARRT_TRY(PayActionPerByte(ActionCost::function_call_byte, num_bytes, true));
  NEARRT_TRY(DeductOrSubsidize(amount));
  NEARRT_TRY(ext_.AppendActionFunctionCallWeight(created->first, std::move(method_name),
                                                 std::move(arguments), amount, gas, gas_weight));
  return idx;
}

VMResult<uint32_t> VMLogic::PromiseYieldResume(uint64_t data_id_len, uint64_t data_id_ptr,
                                               uint64_t payload_len, uint64_t payload_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_yield_resume"));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::yield_resume_base));
  // Charged on the length argument, before anything is read.
  NEARRT_TRY(gas_counter().PayPer(ExtCost::yield_resume_byte, payload_len));
  NEARRT_ASSIGN_OR_RETURN(Operand data_id, GetMemoryOrRegister(data_id_ptr, data_id_len));
  NEARRT_ASSIGN_OR_RETURN(Operand payload, GetMemoryOrRegister(payload_ptr, payload_len));
  uint64_t len = payload.view.size();
  uint64_t limit = config_.limit_config.max_yield_payload_size;
  if (len > limit) return Err(HostError(HostErrorKind::YieldPayloadLength, len, limit));
  if (data_id.view.size() != CryptoHash::kLength) return Err(HostErrorKind::DataIdMalformed);
  CryptoHash id;
  std::copy(data_id.view.begin(), data_id.view.end(), id.bytes.begin());
  NEARRT_ASSIGN_OR_RETURN(bool ok, ext_.SubmitPromiseResumeData(
                                       id, Bytes(payload.view.begin(), payload.view.end())));
  return ok ? 1u : 0u;
}

VMResult<uint32_t> VMLogic::PromiseYieldResumeWithYieldId(uint64_t yield_id_len,
                                                          uint64_t yield_id_ptr,
                                                          uint64_t payload_len,
                                                          uint64_t payload_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_yield_resume_with_yield_id"));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::yield_resume_base));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::yield_resume_byte, payload_len));
  NEARRT_ASSIGN_OR_RETURN(Operand yid, GetMemoryOrRegister(yield_id_ptr, yield_id_len));
  NEARRT_ASSIGN_OR_RETURN(Operand payload, GetMemoryOrRegister(payload_ptr, payload_len));
  uint64_t len = payload.view.size();
  uint64_t limit = config_.limit_config.max_yield_payload_size;
  if (len > limit) return Err(HostError(HostErrorKind::YieldPayloadLength, len, limit));
  if (yid.view.size() != YieldId::kLength) return Err(HostErrorKind::YieldIdMalformed);
  YieldId id;
  std::copy(yid.view.begin(), yid.view.end(), id.bytes.begin());
  NEARRT_ASSIGN_OR_RETURN(bool ok, ext_.SubmitPromiseResumeDataWithYieldId(
                                       id, Bytes(payload.view.begin(), payload.view.end())));
  return ok ? 1u : 0u;
}

}  // namespace nearrt::vm
