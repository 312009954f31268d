#include "runtime/errors.h"

#include "vm/types.h"

namespace nearrt::runtime {

std::string JStr(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      static const char* kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JNum(uint64_t v) { return std::to_string(v); }
std::string JBal(Balance v) { return JStr(vm::BalanceToString(v)); }
std::string JOpt(const std::optional<std::string>& v) { return v ? *v : "null"; }

std::string Variant(std::string_view kind, const Fields& fields) {
  if (fields.empty()) return JStr(kind);
  std::string body = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) body += ",";
    body += JStr(fields[i].first) + ":" + fields[i].second;
  }
  body += "}";
  return "{" + JStr(kind) + ":" + body + "}";
}

TxExecutionError ActionErr(std::string kind, const Fields& fields) {
  TxExecutionError e;
  e.type = TxExecutionError::Type::kActionError;
  e.kind_json = Variant(kind, fields);
  e.kind = std::move(kind);
  return e;
}

TxExecutionError InvalidTx(std::string kind, const Fields& fields) {
  TxExecutionError e;
  e.type = TxExecutionError::Type::kInvalidTxError;
  e.kind_json = Variant(kind, fields);
  e.kind = std::move(kind);
  return e;
}

TxExecutionError InvalidAccessKey(std::string kind, const Fields& fields) {
  TxExecutionError e;
  e.type = TxExecutionError::Type::kInvalidTxError;
  e.kind_json = "{\"InvalidAccessKeyError\":" + Variant(kind, fields) + "}";
  e.kind = std::move(kind);
  return e;
}

TxExecutionError DelegateAccessKeyErr(std::string kind, const Fields& fields) {
  TxExecutionError e;
  e.type = TxExecutionError::Type::kActionError;
  e.kind_json = "{\"DelegateActionAccessKeyError\":" + Variant(kind, fields) + "}";
  e.kind = std::move(kind);
  return e;
}

ValidationError MakeValidationError(std::string kind, const Fields& fields) {
  ValidationError v;
  v.json = Variant(kind, fields);
  v.kind = std::move(kind);
  return v;
}

}  // namespace nearrt::runtime
