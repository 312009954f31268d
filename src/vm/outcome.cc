#include "vm/outcome.h"

namespace nearrt::vm {

VMResult<ExecutionResultState> ExecutionResultState::Create(const VMContext& context,
                                                            GasCounter gas_counter,
                                                            const VMConfig& config) {
  Balance sum = context.account_balance + context.attached_deposit;
  if (sum < context.account_balance) return Err(VMLogicError::InconsistentState());
  ExecutionResultState s(std::move(gas_counter));
  s.config = &config;
  s.current_account_balance = sum;
  s.current_storage_usage = context.storage_usage;
  return s;
}

VMStatus ExecutionResultState::DeductBalance(Balance amount) {
  if (amount > current_account_balance) return Err(HostErrorKind::BalanceExceeded);
  current_account_balance -= amount;
  return {};
}

VMStatus ExecutionResultState::CheckCanAddLogMessage() const {
  uint64_t limit = config->limit_config.max_number_logs;
  if (logs.size() >= limit) return Err(HostError(HostErrorKind::NumberOfLogsExceeded, limit));
  return {};
}

HostError ExecutionResultState::TotalLogLengthExceeded(uint64_t add_len) const {
  return HostError(HostErrorKind::TotalLogLengthExceeded, SaturatingAdd(total_log_length, add_len),
                   config->limit_config.max_total_log_length);
}

VMStatus ExecutionResultState::CheckedPushLog(std::string message) {
  uint64_t len = message.size();
  uint64_t total;
  if (!CheckedAdd(total_log_length, len, &total)) return Err(TotalLogLengthExceeded(len));
  // nearcore stores the new total before checking it, so the reported length
  // counts this message twice (logic.rs checked_push_log).
  total_log_length = total;
  if (total_log_length > config->limit_config.max_total_log_length) {
    return Err(TotalLogLengthExceeded(len));
  }
  logs.push_back(std::move(message));
  return {};
}

GasCounter MakeGasCounter(const VMContext& context, const VMConfig& config) {
  Gas max_gas_burnt = context.view_config ? context.view_config->max_gas_burnt
                                          : config.limit_config.max_gas_burnt;
  return GasCounter(config.ext_costs, max_gas_burnt, config.regular_op_cost, context.prepaid_gas,
                    context.is_view());
}

VMOutcome VMOutcome::Ok(const ExecutionResultState& state) {
  VMOutcome o;
  o.burnt_gas = state.gas_counter.burnt_gas();
  o.used_gas = state.gas_counter.used_gas();
  o.profile = state.gas_counter.profile();
  o.profile.ComputeWasmInstructionCost(o.burnt_gas);
  o.compute_usage = o.profile.TotalComputeUsage(state.config->ext_costs,
                                                state.gas_counter.send_action_compute_usage());
  o.balance = state.current_account_balance;
  o.storage_usage = state.current_storage_usage;
  o.return_data = state.return_data;
  o.logs = state.logs;
  o.subsidized_amount = state.subsidized_amount;
  return o;
}

VMOutcome VMOutcome::Abort(const ExecutionResultState& state, FunctionCallError error) {
  VMOutcome o = Ok(state);
  o.aborted = std::move(error);
  return o;
}

VMOutcome VMOutcome::Nop(FunctionCallError error) {
  VMOutcome o;
  o.aborted = std::move(error);
  return o;
}

VMOutcome VMOutcome::AbortButNopInOldProtocol(const ExecutionResultState& state,
                                              FunctionCallError error) {
  if (state.config->fix_contract_loading_cost) return Abort(state, std::move(error));
  return Nop(std::move(error));
}

std::string VMOutcome::DebugString() const {
  std::string rd;
  switch (return_data.kind) {
    case ReturnData::Kind::kNone: rd = "None"; break;
    case ReturnData::Kind::kReceiptIndex: rd = "Receipt"; break;
    case ReturnData::Kind::kValue:
      rd = "Value [" + std::to_string(return_data.value.size()) + " bytes]";
      break;
  }
  std::string out = "VMOutcome: balance " + BalanceToString(balance) + " storage_usage " +
                    std::to_string(storage_usage) + " return data " + rd + " burnt gas " +
                    std::to_string(burnt_gas) + " used gas " + std::to_string(used_gas);
  if (aborted) out += " failed with " + aborted->Message();
  return out;
}

}  // namespace nearrt::vm
