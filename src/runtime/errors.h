// Builders for nearcore's TxExecutionError values (core/primitives/src/
// errors.rs): ActionErrorKind, InvalidTxError, InvalidAccessKeyError and
// ActionsValidationError / ReceiptValidationError, rendered as nearcore's
// serde JSON (balances as decimal strings, keys as "ed25519:...").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "primitives/outcome.h"
#include "primitives/public_key.h"

namespace nearrt::runtime {

// A JSON field list: (name, already-encoded JSON value).
using Fields = std::vector<std::pair<std::string, std::string>>;

std::string JStr(std::string_view s);
std::string JNum(uint64_t v);
std::string JBal(Balance v);
inline std::string JKey(const PublicKey& pk) { return JStr(pk.ToString()); }
std::string JOpt(const std::optional<std::string>& v);

// {"Kind":{fields}} or "Kind" when there are no fields.
std::string Variant(std::string_view kind, const Fields& fields);

TxExecutionError ActionErr(std::string kind, const Fields& fields = {});
TxExecutionError InvalidTx(std::string kind, const Fields& fields = {});
// InvalidTxError::InvalidAccessKeyError(kind).
TxExecutionError InvalidAccessKey(std::string kind, const Fields& fields = {});
// ActionErrorKind::DelegateActionAccessKeyError(kind).
TxExecutionError DelegateAccessKeyErr(std::string kind, const Fields& fields = {});

// ActionsValidationError (wrapped by the caller).
struct ValidationError {
  std::string kind;
  std::string json;  // the ActionsValidationError / ReceiptValidationError value
};
ValidationError MakeValidationError(std::string kind, const Fields& fields = {});

}  // namespace nearrt::runtime
