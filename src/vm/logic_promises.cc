// Promises: creation, joins, results, return (nearcore wasmtime_runner/
// logic.rs, "Promises API"), and the fee helpers shared with the actions.
#include "vm/action_fees.h"
#include "vm/logic.h"
#include "vm/utf.h"

namespace nearrt::vm {

VMResult<AccountId> VMLogic::ReadAndParseAccountId(uint64_t ptr, uint64_t len) {
  NEARRT_ASSIGN_OR_RETURN(Operand buf, GetMemoryOrRegister(ptr, len));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::utf8_decoding_base));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::utf8_decoding_byte, buf.view.size()));
  if (!IsValidUtf8(buf.view)) return Err(HostErrorKind::BadUTF8);
  std::string_view text = AsString(buf.view);
  if (config_.limit_config.account_id_validity_rules_version < 2) {
    return AccountId::Unchecked(text);  // AccountId::new_unvalidated
  }
  Result<AccountId> id = AccountId::Parse(text);
  if (!id.ok()) return Err(HostErrorKind::InvalidAccountId);
  return std::move(id).value();
}

VMResult<std::optional<PublicKey>> VMLogic::GetPublicKey(uint64_t ptr, uint64_t len) {
  // Decoding errors surface only when the key is used (PublicKeyBuffer): the
  // caller returns InvalidPublicKey after charging the action fees.
  NEARRT_ASSIGN_OR_RETURN(Operand buf, GetMemoryOrRegister(ptr, len));
  return PublicKey::FromBorsh(buf.view);
}

VMResult<PromiseIndex> VMLogic::CheckedPushPromise(Promise promise) {
  PromiseIndex idx = promises_.size();
  promises_.push_back(std::move(promise));
  uint64_t limit = config_.limit_config.max_promises_per_function_call_action;
  if (promises_.size() > limit) {
    return Err(HostError(HostErrorKind::NumberPromisesExceeded, promises_.size(), limit));
  }
  return idx;
}

VMResult<const AccountId*> VMLogic::ReceiptReceiver(ReceiptIndex receipt_index) const {
  const AccountId* receiver = ext_.GetReceiptReceiver(receipt_index);
  if (receiver == nullptr) {
    return Err(VMLogicError::External("unknown receipt index " + std::to_string(receipt_index)));
  }
  return receiver;
}

VMResult<std::pair<ReceiptIndex, bool>> VMLogic::PromiseIdxToReceiptIdxWithSir(
    uint64_t promise_idx) {
  if (promise_idx >= promises_.size()) {
    return Err(HostError(HostErrorKind::InvalidPromiseIndex, promise_idx));
  }
  const Promise& p = promises_[promise_idx];
  if (p.kind != PromiseKind::kReceipt) return Err(HostErrorKind::CannotAppendActionToJointPromise);
  NEARRT_ASSIGN_OR_RETURN(const AccountId* receiver, ReceiptReceiver(p.receipt_index));
  return std::make_pair(p.receipt_index, *receiver == context_.current_account_id);
}

VMStatus VMLogic::PayGasForNewReceipt(bool sir, const std::vector<bool>& data_dependencies) {
  const Fee& action_receipt = fees_.fee(ActionCost::new_action_receipt);
  const Fee& data_receipt = fees_.fee(ActionCost::new_data_receipt_base);
  ParameterCost burn = action_receipt.SendFee(sir);
  Gas use = action_receipt.ExecFee().gas;
  for (bool dep_sir : data_dependencies) {
    // Both creation and execution of data receipts are burnt.
    std::optional<ParameterCost> b = CostAdd(burn, data_receipt.SendFee(dep_sir));
    if (b) b = CostAdd(*b, data_receipt.ExecFee());
    if (!b) return Err(HostErrorKind::IntegerOverflow);
    burn = *b;
  }
  if (!CheckedAdd(use, burn.gas, &use)) return Err(HostErrorKind::IntegerOverflow);
  // Charged together under new_action_receipt (a protocol detail).
  return gas_counter().PayActionAccumulated(burn, use, ActionCost::new_action_receipt);
}

VMStatus VMLogic::PayActionBase(ActionCost action, bool sir) {
  const Fee& fee = fees_.fee(action);
  const ParameterCost& burn = fee.SendFee(sir);
  Gas use;
  if (!CheckedAdd(burn.gas, fee.ExecFee().gas, &use)) return Err(HostErrorKind::IntegerOverflow);
  return gas_counter().PayActionAccumulated(burn, use, action);
}

VMStatus VMLogic::PayActionPerByte(ActionCost action, uint64_t num_bytes, bool sir) {
  const Fee& fee = fees_.fee(action);
  std::optional<ParameterCost> burn = CostMul(fee.SendFee(sir), num_bytes);
  if (!burn) return Err(HostErrorKind::IntegerOverflow);
  Gas exec, use;
  if (!CheckedMul(fee.ExecFee().gas, num_bytes, &exec) || !CheckedAdd(burn->gas, exec, &use)) {
    return Err(HostErrorKind::IntegerOverflow);
  }
  return gas_counter().PayActionAccumulated(*burn, use, action);
}

VMStatus VMLogic::DeductOrSubsidize(Balance amount) {
  // 1 yoctoNEAR may be attached by a zero-balance contract (one_yocto_on_promise).
  if (amount == 1 && config_.one_yocto_on_promise && result_state_.current_account_balance == 0) {
    result_state_.subsidized_amount += amount;
    return {};
  }
  return result_state_.DeductBalance(amount);
}

VMResult<uint64_t> VMLogic::PromiseCreate(uint64_t account_id_len, uint64_t account_id_ptr,
                                          uint64_t method_name_len, uint64_t method_name_ptr,
                                          uint64_t arguments_len, uint64_t arguments_ptr,
                                          uint64_t amount_ptr, uint64_t gas) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, PromiseBatchCreate(account_id_len, account_id_ptr));
  NEARRT_TRY(PromiseBatchActionFunctionCall(idx, method_name_len, method_name_ptr, arguments_len,
                                            arguments_ptr, amount_ptr, gas));
  return idx;
}

VMResult<uint64_t> VMLogic::PromiseThen(uint64_t promise_idx, uint64_t account_id_len,
                                        uint64_t account_id_ptr, uint64_t method_name_len,
                                        uint64_t method_name_ptr, uint64_t arguments_len,
                                        uint64_t arguments_ptr, uint64_t amount_ptr,
                                        uint64_t gas) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx,
                          PromiseBatchThen(promise_idx, account_id_len, account_id_ptr));
  NEARRT_TRY(PromiseBatchActionFunctionCall(idx, method_name_len, method_name_ptr, arguments_len,
                                            arguments_ptr, amount_ptr, gas));
  return idx;
}

VMResult<uint64_t> VMLogic::PromiseAnd(uint64_t promise_idx_ptr, uint64_t promise_idx_count) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_and"));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::promise_and_base));
  uint64_t memory_len;
  if (!CheckedMul(promise_idx_count, 8, &memory_len)) return Err(HostErrorKind::IntegerOverflow);
  NEARRT_TRY(gas_counter().PayPer(ExtCost::promise_and_per_promise, memory_len));
  NEARRT_ASSIGN_OR_RETURN(ByteView indices, ReadMemory(promise_idx_ptr, memory_len));
  std::vector<ReceiptIndex> deps;
  uint64_t limit = config_.limit_config.max_number_input_data_dependencies;
  for (size_t off = 0; off + 8 <= indices.size(); off += 8) {
    uint64_t idx = LoadU64LE(indices.data() + off);
    if (idx >= promises_.size()) return Err(HostError(HostErrorKind::InvalidPromiseIndex, idx));
    const Promise& p = promises_[idx];
    if (p.kind == PromiseKind::kReceipt) {
      deps.push_back(p.receipt_index);
    } else {
      deps.insert(deps.end(), p.receipt_indices.begin(), p.receipt_indices.end());
    }
    // Checked inside the loop to stop abuse with many joined vectors.
    if (deps.size() > limit) {
      return Err(HostError(HostErrorKind::NumberInputDataDependenciesExceeded, deps.size(), limit));
    }
  }
  return CheckedPushPromise(Promise{PromiseKind::kNotReceipt, 0, std::move(deps)});
}

VMResult<uint64_t> VMLogic::PromiseBatchCreate(uint64_t account_id_len, uint64_t account_id_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_create"));
  NEARRT_ASSIGN_OR_RETURN(AccountId account_id,
                          ReadAndParseAccountId(account_id_ptr, account_id_len));
  bool sir = account_id == context_.current_account_id;
  NEARRT_TRY(PayGasForNewReceipt(sir, {}));
  NEARRT_ASSIGN_OR_RETURN(ReceiptIndex receipt, ext_.CreateActionReceipt({}, std::move(account_id)));
  return CheckedPushPromise(Promise{PromiseKind::kReceipt, receipt, {}});
}

VMResult<uint64_t> VMLogic::PromiseBatchThen(uint64_t promise_idx, uint64_t account_id_len,
                                             uint64_t account_id_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_batch_then"));
  NEARRT_ASSIGN_OR_RETURN(AccountId account_id,
                          ReadAndParseAccountId(account_id_ptr, account_id_len));
  if (promise_idx >= promises_.size()) {
    return Err(HostError(HostErrorKind::InvalidPromiseIndex, promise_idx));
  }
  const Promise& p = promises_[promise_idx];
  std::vector<ReceiptIndex> deps = p.kind == PromiseKind::kReceipt
                                       ? std::vector<ReceiptIndex>{p.receipt_index}
                                       : p.receipt_indices;
  bool sir = account_id == context_.current_account_id;
  std::vector<bool> dep_sir;
  for (ReceiptIndex r : deps) {
    NEARRT_ASSIGN_OR_RETURN(const AccountId* receiver, ReceiptReceiver(r));
    dep_sir.push_back(*receiver == account_id);
  }
  NEARRT_TRY(PayGasForNewReceipt(sir, dep_sir));
  NEARRT_ASSIGN_OR_RETURN(ReceiptIndex receipt,
                          ext_.CreateActionReceipt(std::move(deps), std::move(account_id)));
  return CheckedPushPromise(Promise{PromiseKind::kReceipt, receipt, {}});
}

VMStatus VMLogic::PromiseSetRefundTo(uint64_t promise_idx, uint64_t account_id_len,
                                     uint64_t account_id_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_set_refund_to"));
  NEARRT_ASSIGN_OR_RETURN(AccountId refund_to,
                          ReadAndParseAccountId(account_id_ptr, account_id_len));
  if (promise_idx >= promises_.size()) {
    return Err(HostError(HostErrorKind::InvalidPromiseIndex, promise_idx));
  }
  const Promise& p = promises_[promise_idx];
  if (p.kind != PromiseKind::kReceipt) return Err(HostErrorKind::CannotSetRefundToOnJointPromise);
  ext_.SetRefundTo(p.receipt_index, std::move(refund_to));
  return {};
}

VMResult<uint64_t> VMLogic::PromiseResultsCount() {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_results_count"));
  return context_.promise_results.size();
}

VMResult<uint64_t> VMLogic::PromiseResult(uint64_t result_idx, uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(ProhibitedInView("promise_result"));
  if (result_idx >= context_.promise_results.size()) {
    return Err(HostError(HostErrorKind::InvalidPromiseResultIndex, result_idx));
  }
  const vm::PromiseResult& r = context_.promise_results[result_idx];
  switch (r.kind) {
    case vm::PromiseResult::Kind::kNotReady:
      return 0;
    case vm::PromiseResult::Kind::kSuccessful:
      // Only write_register_base (no per-byte charge since PV82).
      NEARRT_TRY(registers_.SetShared(gas_counter(), config_.limit_config, register_id,
                                      r.data ? r.data : std::make_shared<const Bytes>()));
      return 1;
    case vm::PromiseResult::Kind::kFailed:
      return 2;
  }
  return 0;
}

VMStatus VMLogic::PromiseReturn(uint64_t promise_idx) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::base));
  NEARRT_TRY(gas_counter().PayBase(ExtCost::promise_return));
  NEARRT_TRY(ProhibitedInView("promise_return"));
  if (promise_idx >= promises_.size()) {
    return Err(HostError(HostErrorKind::InvalidPromiseIndex, promise_idx));
  }
  const Promise& p = promises_[promise_idx];
  if (p.kind != PromiseKind::kReceipt) return Err(HostErrorKind::CannotReturnJointPromise);
  result_state_.return_data.kind = ReturnData::Kind::kReceiptIndex;
  result_state_.return_data.receipt_index = p.receipt_index;
  result_state_.return_data.value.clear();
  return {};
}

}  // namespace nearrt::vm
