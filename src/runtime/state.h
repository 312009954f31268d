// Typed state access over a TrieUpdate (nearcore core/store/src/utils/mod.rs:
// get_account, set_access_key, remove_account, ...). Storage failures are
// node-level errors (a missing witness node, a corrupt value).
#pragma once

#include <optional>

#include "primitives/account.h"
#include "primitives/receipt.h"
#include "store/trie_key.h"
#include "store/trie_update.h"
#include "util/result.h"

namespace nearrt::runtime {

using store::TrieKey;
using store::TrieUpdate;

template <class T>
Result<T> FromStorage(store::StorageResult<T> r) {
  if (!r.ok()) return Err(r.error().message);
  return std::move(r).value();
}
inline Status FromStorage(store::StorageStatus r) {
  if (!r.ok()) return Err(r.error().message);
  return {};
}

// The access-key trie handle of a public key (ML-DSA-65: its SHA3-256 handle).
store::PublicKeyHandle KeyHandle(const PublicKey& pk);

Result<std::optional<Bytes>> GetRaw(const TrieUpdate& u, const TrieKey& key);
Result<bool> Has(const TrieUpdate& u, const TrieKey& key);
void SetRaw(TrieUpdate& u, const TrieKey& key, Bytes value);
void RemoveKey(TrieUpdate& u, const TrieKey& key);

Result<std::optional<Account>> GetAccount(const TrieUpdate& u, const AccountId& id);
void SetAccount(TrieUpdate& u, const AccountId& id, const Account& account);
Result<std::optional<AccessKey>> GetAccessKey(const TrieUpdate& u, const AccountId& id,
                                              const PublicKey& pk);
void SetAccessKey(TrieUpdate& u, const AccountId& id, const PublicKey& pk, const AccessKey& ak);
void RemoveAccessKey(TrieUpdate& u, const AccountId& id, const PublicKey& pk);
// Gas-key nonce rows: TrieKey::GasKeyNonce = access-key key ‖ u16le index,
// value u64le (core/store/src/utils/mod.rs get_gas_key_nonce).
Result<std::optional<Nonce>> GetGasKeyNonce(const TrieUpdate& u, const AccountId& id, const PublicKey& pk,
                                            uint16_t index);
void SetGasKeyNonce(TrieUpdate& u, const AccountId& id, const PublicKey& pk, uint16_t index, Nonce nonce);
void RemoveGasKeyNonce(TrieUpdate& u, const AccountId& id, const PublicKey& pk, uint16_t index);
// Length of the stored code (TrieUpdate::get_code_len; the value is not read).
Result<std::optional<uint64_t>> GetCodeLen(const TrieUpdate& u, const AccountId& id);
// Deletes the account, its code, access keys (and gas-key nonces) and all
// contract data (core/store/src/utils/mod.rs remove_account).
Status RemoveAccount(TrieUpdate& u, const AccountId& id);

Result<std::optional<Receipt>> GetReceipt(const TrieUpdate& u, const TrieKey& key);

// u64 pair {first_index, next_available_index} (DelayedReceiptIndices,
// PromiseYieldIndices).
struct QueueIndices {
  uint64_t first_index = 0;
  uint64_t next_available_index = 0;
  bool operator==(const QueueIndices&) const = default;
  uint64_t len() const { return next_available_index - first_index; }
};
Result<QueueIndices> GetIndices(const TrieUpdate& u, const TrieKey& key);
void SetIndices(TrieUpdate& u, const TrieKey& key, const QueueIndices& idx);

// PromiseYieldTimeout {account_id, data_id, expires_at}.
struct PromiseYieldTimeout {
  AccountId account_id;
  CryptoHash data_id;
  uint64_t expires_at = 0;
  Bytes ToBorsh() const;
  static Result<PromiseYieldTimeout> FromBorsh(ByteView b);
};

}  // namespace nearrt::runtime
