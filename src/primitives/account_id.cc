#include "primitives/account_id.h"

#include <cstdio>

namespace nearrt {
namespace {

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Length in bytes of the UTF-8 sequence starting with `c` (1 for invalid
// bytes, so that scanning always advances).
size_t Utf8Len(uint8_t c) {
  if (c < 0x80) return 1;
  if ((c & 0xe0) == 0xc0) return 2;
  if ((c & 0xf0) == 0xe0) return 3;
  if ((c & 0xf8) == 0xf0) return 4;
  return 1;
}

// Rust's `{:?}` for a char, for the common cases.
std::string DebugChar(const std::string& c) {
  if (c.size() == 1) {
    unsigned char ch = static_cast<unsigned char>(c[0]);
    switch (ch) {
      case '\t': return "'\\t'";
      case '\r': return "'\\r'";
      case '\n': return "'\\n'";
      case '\'': return "'\\''";
      case '\\': return "'\\\\'";
      case '\0': return "'\\0'";
      default: break;
    }
    if (ch < 0x20 || ch == 0x7f) {
      char buf[16];
      std::snprintf(buf, sizeof(buf), "'\\u{%x}'", ch);
      return buf;
    }
  }
  std::string out;
  out.reserve(c.size() + 2);
  out += '\'';
  out += c;
  out += '\'';
  return out;
}

}  // namespace

std::string AccountIdError::Message() const {
  std::string msg;
  switch (kind) {
    case AccountIdErrorKind::kTooLong: msg = "the Account ID is too long"; break;
    case AccountIdErrorKind::kTooShort: msg = "the Account ID is too short"; break;
    case AccountIdErrorKind::kRedundantSeparator:
      msg = "the Account ID has a redundant separator";
      break;
    case AccountIdErrorKind::kInvalidChar:
      msg = "the Account ID contains an invalid character";
      break;
  }
  if (has_char) {
    msg += ' ';
    msg += DebugChar(char_text);
    msg += " at index ";
    msg += std::to_string(char_index);
  }
  return msg;
}

Result<void, AccountIdError> ValidateAccountId(std::string_view id) {
  if (id.size() < AccountId::kMinLen) return Err(AccountIdError{AccountIdErrorKind::kTooShort, false, 0, {}});
  if (id.size() > AccountId::kMaxLen) return Err(AccountIdError{AccountIdErrorKind::kTooLong, false, 0, {}});
  bool last_is_separator = true;  // a leading separator counts as redundant
  size_t index = 0;
  std::string last_char;
  for (size_t pos = 0; pos < id.size(); ++index) {
    size_t len = Utf8Len(static_cast<uint8_t>(id[pos]));
    if (pos + len > id.size()) len = id.size() - pos;
    last_char.assign(id.substr(pos, len));
    char c = id[pos];
    pos += len;
    bool is_separator;
    if (len == 1 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      is_separator = false;
    } else if (len == 1 && (c == '-' || c == '_' || c == '.')) {
      is_separator = true;
    } else {
      return Err(AccountIdError{AccountIdErrorKind::kInvalidChar, true, index, last_char});
    }
    if (is_separator && last_is_separator) {
      return Err(AccountIdError{AccountIdErrorKind::kRedundantSeparator, true, index, last_char});
    }
    last_is_separator = is_separator;
  }
  if (last_is_separator) {
    return Err(
        AccountIdError{AccountIdErrorKind::kRedundantSeparator, true, index - 1, last_char});
  }
  return {};
}

Result<AccountId> AccountId::Parse(std::string_view id) {
  auto valid = ValidateAccountId(id);
  if (!valid.ok()) return Err(valid.error().Message());
  return AccountId(std::string(id));
}

bool AccountId::IsTopLevel() const {
  return !IsSystem() && id_.find('.') == std::string::npos;
}

bool AccountId::IsSubAccountOf(const AccountId& parent) const {
  const std::string& p = parent.id_;
  if (id_.size() < p.size() + 1) return false;
  if (id_.compare(id_.size() - p.size(), p.size(), p) != 0) return false;
  std::string_view rest(id_.data(), id_.size() - p.size());
  if (rest.back() != '.') return false;
  rest.remove_suffix(1);
  return rest.find('.') == std::string_view::npos;
}

AccountType AccountId::GetAccountType() const {
  if (IsEthImplicitAccountId(id_)) return AccountType::kEthImplicitAccount;
  if (IsNearImplicitAccountId(id_)) return AccountType::kNearImplicitAccount;
  if (IsNearDeterministicAccountId(id_)) return AccountType::kNearDeterministicAccount;
  return AccountType::kNamedAccount;
}

bool IsEthImplicitAccountId(std::string_view id) {
  return id.size() == 42 && id.substr(0, 2) == "0x" && IsLowerHex(id.substr(2));
}

bool IsNearImplicitAccountId(std::string_view id) { return id.size() == 64 && IsLowerHex(id); }

bool IsNearDeterministicAccountId(std::string_view id) {
  return id.size() == 42 && id.substr(0, 2) == "0s" && IsLowerHex(id.substr(2));
}

}  // namespace nearrt
