// NEAR account ids, validated like near-account-id 2.0 (src/validation.rs):
// 2..=64 bytes of [a-z0-9] with single separators '-', '_' or '.' between
// alphanumeric runs (no leading, trailing or doubled separator).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nearrt {

// near-account-id ParseErrorKind. Precedence: length first, then the first
// offending character scanning left to right.
enum class AccountIdErrorKind : uint8_t { kTooLong, kTooShort, kRedundantSeparator, kInvalidChar };

struct AccountIdError {
  AccountIdErrorKind kind;
  bool has_char = false;
  size_t char_index = 0;   // index in characters (Rust `chars().enumerate()`)
  std::string char_text;   // the offending character, UTF-8
  // Rust Display: "the Account ID has a redundant separator '.' at index 4".
  std::string Message() const;
};

// Account kinds, tested in this order (near-account-id AccountType).
enum class AccountType : uint8_t {
  kNamedAccount,
  kNearImplicitAccount,       // 64 lowercase hex chars
  kEthImplicitAccount,        // "0x" + 40 lowercase hex chars
  kNearDeterministicAccount,  // "0s" + 40 lowercase hex chars (NEP-616)
};

Result<void, AccountIdError> ValidateAccountId(std::string_view id);

class AccountId {
 public:
  static constexpr size_t kMinLen = 2;
  static constexpr size_t kMaxLen = 64;

  AccountId() = default;
  // Validates; the error message is near-account-id's Display text.
  static Result<AccountId> Parse(std::string_view id);
  // REQUIRES: `id` is valid (used for ids already validated, e.g. from state).
  static AccountId Unchecked(std::string_view id) { return AccountId(std::string(id)); }

  const std::string& str() const { return id_; }
  size_t size() const { return id_.size(); }

  bool IsSystem() const { return id_ == "system"; }
  // Not "system" and contains no '.'.
  bool IsTopLevel() const;
  // self == X + "." + parent with no '.' in X (a direct sub-account only).
  bool IsSubAccountOf(const AccountId& parent) const;
  AccountType GetAccountType() const;

  // Bytewise order. (Written out: emcc's libc++ has no <=> for std::string.)
  std::strong_ordering operator<=>(const AccountId& o) const { return id_.compare(o.id_) <=> 0; }
  bool operator==(const AccountId& o) const { return id_ == o.id_; }

 private:
  explicit AccountId(std::string id) : id_(std::move(id)) {}
  std::string id_;
};

bool IsEthImplicitAccountId(std::string_view id);
bool IsNearImplicitAccountId(std::string_view id);
bool IsNearDeterministicAccountId(std::string_view id);

}  // namespace nearrt
