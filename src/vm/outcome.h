// The result of one function call (nearcore logic.rs VMOutcome) and the state
// it is computed from (ExecutionResultState).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/bytes.h"
#include "util/result.h"
#include "vm/config.h"
#include "vm/context.h"
#include "vm/errors.h"
#include "vm/gas_counter.h"
#include "vm/profile.h"

namespace nearrt::vm {

struct ReturnData {
  enum class Kind : uint8_t { kNone, kValue, kReceiptIndex };
  Kind kind = Kind::kNone;
  Bytes value;                   // kValue
  ReceiptIndex receipt_index = 0;  // kReceiptIndex
  bool operator==(const ReturnData&) const = default;
};

// The parts of a call that make its outcome. Owned by VMLogic while the call
// runs; the runner takes it back to build the outcome.
struct ExecutionResultState {
  const VMConfig* config = nullptr;
  GasCounter gas_counter;
  std::vector<std::string> logs;
  uint64_t total_log_length = 0;
  ReturnData return_data;
  // Starts as account_balance + attached_deposit; deposits attached to
  // promises are deducted from it.
  Balance current_account_balance = 0;
  // 1-yoctoNEAR deposits not deducted (one_yocto_on_promise).
  Balance subsidized_amount = 0;
  StorageUsage current_storage_usage = 0;

  // Fails (InconsistentState) if account_balance + attached_deposit overflows
  // u128 (nearcore panics there). `config` must outlive the state.
  static VMResult<ExecutionResultState> Create(const VMContext& context, GasCounter gas_counter,
                                               const VMConfig& config);

  // BalanceExceeded if `amount` > current balance.
  VMStatus DeductBalance(Balance amount);
  // NumberOfLogsExceeded once max_number_logs logs exist.
  VMStatus CheckCanAddLogMessage() const;
  // Appends a log, enforcing max_total_log_length.
  VMStatus CheckedPushLog(std::string message);
  // TotalLogLengthExceeded{length: total + add_len, limit}.
  HostError TotalLogLengthExceeded(uint64_t add_len) const;

 private:
  explicit ExecutionResultState(GasCounter gc) : gas_counter(std::move(gc)) {}
};

// The gas counter a call starts with: the view limit for view calls,
// config.limit_config.max_gas_burnt otherwise (context.rs make_gas_counter).
GasCounter MakeGasCounter(const VMContext& context, const VMConfig& config);

struct VMOutcome {
  Balance balance = 0;
  StorageUsage storage_usage = 0;
  ReturnData return_data;
  Gas burnt_gas = 0;
  Gas used_gas = 0;
  Compute compute_usage = 0;
  std::vector<std::string> logs;
  ProfileData profile;
  std::optional<FunctionCallError> aborted;
  Balance subsidized_amount = 0;

  // The outcome of a call that ran to the end.
  static VMOutcome Ok(const ExecutionResultState& state);
  // The call stopped with `error`; gas, logs and balance so far are kept.
  static VMOutcome Abort(const ExecutionResultState& state, FunctionCallError error);
  // Everything zero or empty, only the error.
  static VMOutcome Nop(FunctionCallError error);
  // Abort with fix_contract_loading_cost, Nop without it (PV86: Nop).
  static VMOutcome AbortButNopInOldProtocol(const ExecutionResultState& state,
                                            FunctionCallError error);

  // nearcore's `{:?}` of VMOutcome, e.g. "VMOutcome: balance 4 storage_usage 12
  // return data None burnt gas 79064041 used gas 79064041" (+ " failed with <err>").
  std::string DebugString() const;
};

}  // namespace nearrt::vm
