// Execution outcomes (core/primitives/src/transaction.rs) and the errors
// they carry (core/primitives/src/errors.rs).
//
// Errors are kept as nearcore's serde JSON: `kind` is the innermost variant
// name that identifies the failure (e.g. "AccountDoesNotExist",
// "InvalidNonce", "NotEnoughAllowance"), `json` the full
// TxExecutionError value as nearcore's JSON RPC shows it. The outcome root
// does not depend on them: PartialExecutionStatus::Failure has no payload.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "primitives/action.h"

namespace nearrt {

struct TxExecutionError {
  enum class Type : uint8_t { kActionError = 0, kInvalidTxError = 1 };
  Type type = Type::kActionError;
  std::optional<uint64_t> index;  // ActionError index (None for LackBalanceForState)
  std::string kind;
  std::string kind_json;  // the ActionErrorKind / InvalidTxError JSON value

  // {"ActionError":{"index":i,"kind":<kind_json>}} or {"InvalidTxError":<kind_json>}.
  std::string ToJson() const;
  bool operator==(const TxExecutionError&) const = default;
};

struct ExecutionStatus {
  enum class Kind : uint8_t { kUnknown = 0, kFailure = 1, kSuccessValue = 2, kSuccessReceiptId = 3 };
  Kind kind = Kind::kUnknown;
  TxExecutionError failure;
  Bytes value;
  CryptoHash receipt_id;

  static ExecutionStatus Failure(TxExecutionError e) {
    ExecutionStatus s;
    s.kind = Kind::kFailure;
    s.failure = std::move(e);
    return s;
  }
  static ExecutionStatus SuccessValue(Bytes v) {
    ExecutionStatus s;
    s.kind = Kind::kSuccessValue;
    s.value = std::move(v);
    return s;
  }
  static ExecutionStatus SuccessReceiptId(const CryptoHash& id) {
    ExecutionStatus s;
    s.kind = Kind::kSuccessReceiptId;
    s.receipt_id = id;
    return s;
  }
  bool is_failure() const { return kind == Kind::kFailure; }
};

struct ExecutionOutcome {
  std::vector<std::string> logs;
  std::vector<CryptoHash> receipt_ids;
  Gas gas_burnt = 0;
  uint64_t compute_usage = 0;  // not serialized
  Balance tokens_burnt = 0;
  AccountId executor_id;
  ExecutionStatus status;
  // Per-cost gas profile (ExecutionMetadata V3/V4), as (cost name, gas);
  // informational, not part of any hash.
  std::vector<std::pair<std::string, Gas>> profile;

  // borsh(PartialExecutionOutcome).
  Bytes PartialBorsh() const;
};

struct ExecutionOutcomeWithId {
  CryptoHash id;
  ExecutionOutcome outcome;
  // [id, sha256(borsh(PartialExecutionOutcome)), sha256(log) ...].
  std::vector<CryptoHash> ToHashes() const;
};

}  // namespace nearrt
