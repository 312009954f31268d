#include "primitives/account.h"

namespace nearrt {

Result<AccountContract> AccountContract::Read(BorshReader& r) {
  AccountContract c;
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  if (tag > 3) return Err("invalid AccountContract tag");
  c.kind = static_cast<Kind>(tag);
  if (c.kind == Kind::kLocal || c.kind == Kind::kGlobal) {
    NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
    NEARRT_ASSIGN_OR_RETURN(c.hash, CryptoHash::FromBytes(h));
  } else if (c.kind == Kind::kGlobalByAccount) {
    NEARRT_ASSIGN_OR_RETURN(std::string s, r.String());
    NEARRT_ASSIGN_OR_RETURN(c.account_id, AccountId::Parse(s));
  }
  return c;
}

void AccountContract::Write(BorshWriter& w) const {
  w.U8(static_cast<uint8_t>(kind));
  if (kind == Kind::kLocal || kind == Kind::kGlobal) w.Fixed(hash.view());
  if (kind == Kind::kGlobalByAccount) w.String(account_id.str());
}

Account::Account(Balance amount, Balance locked, AccountContract contract, uint64_t storage_usage)
    : amount_(amount), locked_(locked), storage_usage_(storage_usage) {
  set_contract(std::move(contract));
}

void Account::set_contract(AccountContract c) {
  if (c.kind == AccountContract::Kind::kGlobal ||
      c.kind == AccountContract::Kind::kGlobalByAccount) {
    v2_ = true;
  }
  contract_ = std::move(c);
}

Bytes Account::ToBorsh() const {
  BorshWriter w(88);
  if (!v2_) {
    w.U128(amount_);
    w.U128(locked_);
    w.Fixed(contract_.kind == AccountContract::Kind::kLocal ? contract_.hash.view()
                                                            : CryptoHash().view());
    w.U64(storage_usage_);
  } else {
    w.U128(~static_cast<uint128>(0));
    w.U8(0);
    w.U128(amount_);
    w.U128(locked_);
    w.U64(storage_usage_);
    contract_.Write(w);
  }
  return w.Take();
}

Result<Account> Account::FromBorsh(ByteView b) {
  BorshReader r(b);
  Account a;
  NEARRT_ASSIGN_OR_RETURN(uint128 first, r.U128());
  if (first == ~static_cast<uint128>(0)) {
    NEARRT_ASSIGN_OR_RETURN(uint8_t version, r.U8());
    if (version != 0) return Err("invalid account version");
    a.v2_ = true;
    NEARRT_ASSIGN_OR_RETURN(a.amount_, r.U128());
    NEARRT_ASSIGN_OR_RETURN(a.locked_, r.U128());
    NEARRT_ASSIGN_OR_RETURN(a.storage_usage_, r.U64());
    NEARRT_ASSIGN_OR_RETURN(a.contract_, AccountContract::Read(r));
  } else {
    a.amount_ = first;
    NEARRT_ASSIGN_OR_RETURN(a.locked_, r.U128());
    NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
    NEARRT_ASSIGN_OR_RETURN(CryptoHash code_hash, CryptoHash::FromBytes(h));
    a.contract_ = AccountContract::FromLocalCodeHash(code_hash);
    NEARRT_ASSIGN_OR_RETURN(a.storage_usage_, r.U64());
  }
  NEARRT_TRY(r.ExpectEnd());
  return a;
}

}  // namespace nearrt
