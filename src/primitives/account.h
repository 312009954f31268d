// Account (core/primitives-core/src/account.rs). V1 is borsh-encoded with no
// tag (amount, locked, code_hash, storage_usage = 72 bytes); V2 is
// u128::MAX ‖ u8 0 ‖ {amount, locked, storage_usage, contract}. An account
// is V1 while its contract is None or Local, and becomes V2 when a global
// contract is set.
#pragma once

#include <cstdint>

#include "primitives/action.h"

namespace nearrt {

struct AccountContract {
  enum class Kind : uint8_t { kNone = 0, kLocal = 1, kGlobal = 2, kGlobalByAccount = 3 };
  Kind kind = Kind::kNone;
  CryptoHash hash;       // kLocal, kGlobal
  AccountId account_id;  // kGlobalByAccount

  static AccountContract FromLocalCodeHash(const CryptoHash& h) {
    AccountContract c;
    if (!h.IsZero()) {
      c.kind = Kind::kLocal;
      c.hash = h;
    }
    return c;
  }
  // AccountContract::identifier_storage_usage (globals only).
  uint64_t IdentifierLen() const { return kind == Kind::kGlobalByAccount ? account_id.size() : 32; }
  static Result<AccountContract> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  bool operator==(const AccountContract&) const = default;
};

class Account {
 public:
  static constexpr uint64_t kMaxAccountDeletionStorageUsage = 10'000;

  Account() = default;
  // Account::new: V1 for None/Local contracts, V2 otherwise.
  Account(Balance amount, Balance locked, AccountContract contract, uint64_t storage_usage);

  Balance amount() const { return amount_; }
  Balance locked() const { return locked_; }
  uint64_t storage_usage() const { return storage_usage_; }
  const AccountContract& contract() const { return contract_; }
  bool is_v2() const { return v2_; }

  void set_amount(Balance v) { amount_ = v; }
  void set_locked(Balance v) { locked_ = v; }
  void set_storage_usage(uint64_t v) { storage_usage_ = v; }
  // Upgrades V1 to V2 for global contracts; V2 stays V2.
  void set_contract(AccountContract c);

  Bytes ToBorsh() const;
  static Result<Account> FromBorsh(ByteView b);
  bool operator==(const Account&) const = default;

 private:
  bool v2_ = false;
  Balance amount_ = 0;
  Balance locked_ = 0;
  AccountContract contract_;
  uint64_t storage_usage_ = 0;
};

}  // namespace nearrt
