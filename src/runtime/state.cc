#include "runtime/state.h"

#include "crypto/keccak.h"

namespace nearrt::runtime {

store::PublicKeyHandle KeyHandle(const PublicKey& pk) {
  store::PublicKeyHandle h;
  if (pk.type == KeyType::kMlDsa65) {
    // near-crypto PublicKeyHandle::MlDsa65: SHA3-256 of the key bytes.
    std::array<uint8_t, 32> out;
    crypto::KeccakSponge(pk.data, 136, 0x06, out);
    h.type = store::PublicKeyHandle::kMlDsa65;
    h.data.assign(out.begin(), out.end());
  } else {
    h.type = pk.type == KeyType::kEd25519 ? store::PublicKeyHandle::kEd25519
                                          : store::PublicKeyHandle::kSecp256k1;
    h.data = pk.data;
  }
  return h;
}

Result<std::optional<Bytes>> GetRaw(const TrieUpdate& u, const TrieKey& key) {
  return FromStorage(u.Get(key.ToBytes()));
}

Result<bool> Has(const TrieUpdate& u, const TrieKey& key) {
  return FromStorage(u.ContainsKey(key.ToBytes()));
}

void SetRaw(TrieUpdate& u, const TrieKey& key, Bytes value) { u.Set(key.ToBytes(), std::move(value)); }
void RemoveKey(TrieUpdate& u, const TrieKey& key) { u.Remove(key.ToBytes()); }

Result<std::optional<Account>> GetAccount(const TrieUpdate& u, const AccountId& id) {
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(u, TrieKey::Account(id)));
  if (!raw) return std::optional<Account>();
  NEARRT_ASSIGN_OR_RETURN(Account a, Account::FromBorsh(*raw));
  return std::optional<Account>(std::move(a));
}

void SetAccount(TrieUpdate& u, const AccountId& id, const Account& account) {
  SetRaw(u, TrieKey::Account(id), account.ToBorsh());
}

Result<std::optional<AccessKey>> GetAccessKey(const TrieUpdate& u, const AccountId& id,
                                              const PublicKey& pk) {
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(u, TrieKey::AccessKey(id, KeyHandle(pk))));
  if (!raw) return std::optional<AccessKey>();
  NEARRT_ASSIGN_OR_RETURN(AccessKey ak, AccessKey::FromBorsh(*raw));
  return std::optional<AccessKey>(std::move(ak));
}

void SetAccessKey(TrieUpdate& u, const AccountId& id, const PublicKey& pk, const AccessKey& ak) {
  SetRaw(u, TrieKey::AccessKey(id, KeyHandle(pk)), ak.ToBorsh());
}

void RemoveAccessKey(TrieUpdate& u, const AccountId& id, const PublicKey& pk) {
  RemoveKey(u, TrieKey::AccessKey(id, KeyHandle(pk)));
}

Result<std::optional<Nonce>> GetGasKeyNonce(const TrieUpdate& u, const AccountId& id, const PublicKey& pk,
                                            uint16_t index) {
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(u, TrieKey::GasKeyNonce(id, KeyHandle(pk), index)));
  if (!raw) return std::optional<Nonce>();
  BorshReader r(*raw);
  NEARRT_ASSIGN_OR_RETURN(Nonce n, r.U64());
  NEARRT_TRY(r.ExpectEnd());
  return std::optional<Nonce>(n);
}

void SetGasKeyNonce(TrieUpdate& u, const AccountId& id, const PublicKey& pk, uint16_t index, Nonce nonce) {
  BorshWriter w(8);
  w.U64(nonce);
  SetRaw(u, TrieKey::GasKeyNonce(id, KeyHandle(pk), index), w.Take());
}

void RemoveGasKeyNonce(TrieUpdate& u, const AccountId& id, const PublicKey& pk, uint16_t index) {
  RemoveKey(u, TrieKey::GasKeyNonce(id, KeyHandle(pk), index));
}

Result<std::optional<uint64_t>> GetCodeLen(const TrieUpdate& u, const AccountId& id) {
  NEARRT_ASSIGN_OR_RETURN(auto ref, FromStorage(u.GetRef(TrieKey::ContractCode(id).ToBytes(),
                                                         store::LookupMode::kMemOrFlatOrTrie)));
  if (!ref) return std::optional<uint64_t>();
  return std::optional<uint64_t>(ref->len());
}

Status RemoveAccount(TrieUpdate& u, const AccountId& id) {
  RemoveKey(u, TrieKey::Account(id));
  RemoveKey(u, TrieKey::ContractCode(id));
  // Access keys (and gas-key nonce rows, which share the prefix), then data.
  for (Bytes prefix : {store::RawPrefixForAccessKeys(id), store::RawPrefixForContractData(id, {})}) {
    std::vector<Bytes> keys;
    {
      NEARRT_ASSIGN_OR_RETURN(auto it, FromStorage(u.Iter(prefix)));
      while (true) {
        NEARRT_ASSIGN_OR_RETURN(auto k, FromStorage(it.Next()));
        if (!k) break;
        keys.push_back(std::move(*k));
      }
    }
    for (auto& k : keys) u.Remove(std::move(k));
  }
  return {};
}

Result<std::optional<Receipt>> GetReceipt(const TrieUpdate& u, const TrieKey& key) {
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(u, key));
  if (!raw) return std::optional<Receipt>();
  NEARRT_ASSIGN_OR_RETURN(Receipt r, Receipt::FromBorsh(*raw));
  return std::optional<Receipt>(std::move(r));
}

Result<QueueIndices> GetIndices(const TrieUpdate& u, const TrieKey& key) {
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(u, key));
  QueueIndices idx;
  if (!raw) return idx;
  BorshReader r(*raw);
  NEARRT_ASSIGN_OR_RETURN(idx.first_index, r.U64());
  NEARRT_ASSIGN_OR_RETURN(idx.next_available_index, r.U64());
  NEARRT_TRY(r.ExpectEnd());
  return idx;
}

void SetIndices(TrieUpdate& u, const TrieKey& key, const QueueIndices& idx) {
  BorshWriter w(16);
  w.U64(idx.first_index);
  w.U64(idx.next_available_index);
  SetRaw(u, key, w.Take());
}

Bytes PromiseYieldTimeout::ToBorsh() const {
  BorshWriter w;
  w.String(account_id.str());
  w.Fixed(data_id.view());
  w.U64(expires_at);
  return w.Take();
}

Result<PromiseYieldTimeout> PromiseYieldTimeout::FromBorsh(ByteView b) {
  BorshReader r(b);
  PromiseYieldTimeout t;
  NEARRT_ASSIGN_OR_RETURN(std::string acc, r.String());
  NEARRT_ASSIGN_OR_RETURN(t.account_id, AccountId::Parse(acc));
  NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
  NEARRT_ASSIGN_OR_RETURN(t.data_id, CryptoHash::FromBytes(h));
  NEARRT_ASSIGN_OR_RETURN(t.expires_at, r.U64());
  NEARRT_TRY(r.ExpectEnd());
  return t;
}

}  // namespace nearrt::runtime
