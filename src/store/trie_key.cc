#include "store/trie_key.h"

#include <cstring>

namespace nearrt::store {
namespace {

void PutLe(Bytes* out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void PutBytes(Bytes* out, ByteView v) { out->insert(out->end(), v.begin(), v.end()); }
void PutBytes(Bytes* out, std::string_view v) { out->insert(out->end(), v.begin(), v.end()); }

uint64_t GetLe(ByteView b) {
  uint64_t v = 0;
  for (size_t i = 0; i < b.size(); ++i) v |= uint64_t(b[i]) << (8 * i);
  return v;
}

bool HasAccountAndId(TrieKey::Kind k) {
  using K = TrieKey::Kind;
  switch (k) {
    case K::kReceivedData:
    case K::kPostponedReceiptId:
    case K::kPendingDataCount:
    case K::kPostponedReceipt:
    case K::kPromiseYieldReceipt:
    case K::kPromiseYieldStatus:
    case K::kYieldIdToDataId:
    case K::kDataIdToYieldId:
      return true;
    default:
      return false;
  }
}

uint8_t ColumnOf(TrieKey::Kind k) {
  switch (k) {
    case TrieKey::Kind::kDelayedReceipt: return col::kDelayedReceiptOrIndices;
    case TrieKey::Kind::kGasKeyNonce: return col::kAccessKey;
    default: return static_cast<uint8_t>(k);
  }
}

Result<AccountId> ParseAccount(ByteView raw, const char* what) {
  auto id = AccountId::Parse(AsString(raw));
  if (!id.ok()) {
    return Err(std::string("raw key does not have a valid AccountId to be TrieKey::") + what +
               ": " + id.error().message);
  }
  return id;
}

// Splits `rest` at the first `sep`; error if absent.
Result<std::pair<ByteView, ByteView>> SplitAt(ByteView rest, uint8_t sep, const char* what) {
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == sep) return std::make_pair(rest.first(i), rest.subspan(i + 1));
  }
  return Err(std::string("raw key does not have a separator to be TrieKey::") + what);
}

Status ExpectLen(ByteView raw, size_t n, const char* what) {
  if (raw.size() != n) {
    return Err("unexpected raw key length " + std::to_string(raw.size()) + " for TrieKey::" + what);
  }
  return OkStatus();
}

}  // namespace

Result<PublicKeyHandle> PublicKeyHandle::Make(Type type, ByteView data) {
  if (type != kEd25519 && type != kSecp256k1 && type != kMlDsa65) {
    return Err("unknown PublicKeyHandle tag " + std::to_string(type));
  }
  if (data.size() != DataLength(type)) {
    return Err("PublicKeyHandle data has length " + std::to_string(data.size()) + ", expected " +
               std::to_string(DataLength(type)));
  }
  PublicKeyHandle pk;
  pk.type = type;
  pk.data.assign(data.begin(), data.end());
  return pk;
}

Result<PublicKeyHandle> PublicKeyHandle::Read(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  if (tag != kEd25519 && tag != kSecp256k1 && tag != kMlDsa65) {
    return Err("unknown PublicKeyHandle tag " + std::to_string(tag));
  }
  Type type = static_cast<Type>(tag);
  NEARRT_ASSIGN_OR_RETURN(ByteView data, r.Fixed(DataLength(type)));
  return Make(type, data);
}

void PublicKeyHandle::Write(BorshWriter& w) const {
  w.U8(type);
  w.Fixed(data);
}

Result<GlobalContractCodeIdentifier> GlobalContractCodeIdentifier::Read(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  GlobalContractCodeIdentifier id;
  if (tag == kCodeHash) {
    id.kind = kCodeHash;
    NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
    NEARRT_ASSIGN_OR_RETURN(id.code_hash, CryptoHash::FromBytes(h));
  } else if (tag == kAccountId) {
    id.kind = kAccountId;
    NEARRT_ASSIGN_OR_RETURN(std::string s, r.String());
    NEARRT_ASSIGN_OR_RETURN(id.account_id, AccountId::Parse(s));
  } else {
    return Err("unknown GlobalContractCodeIdentifier tag " + std::to_string(tag));
  }
  return id;
}

void GlobalContractCodeIdentifier::Write(BorshWriter& w) const {
  w.U8(kind);
  if (kind == kCodeHash) {
    w.Fixed(code_hash.view());
  } else {
    w.String(account_id.str());
  }
}

TrieKey TrieKey::AccessKey(AccountId a, PublicKeyHandle pk) {
  TrieKey t = WithAccount(Kind::kAccessKey, std::move(a));
  t.key_handle = std::move(pk);
  return t;
}

TrieKey TrieKey::GasKeyNonce(AccountId a, PublicKeyHandle pk, uint16_t nonce_index) {
  TrieKey t = WithAccount(Kind::kGasKeyNonce, std::move(a));
  t.key_handle = std::move(pk);
  t.index = nonce_index;
  return t;
}

TrieKey TrieKey::ContractData(AccountId a, ByteView key) {
  TrieKey t = WithAccount(Kind::kContractData, std::move(a));
  t.data_key.assign(key.begin(), key.end());
  return t;
}

TrieKey TrieKey::BufferedReceipt(uint16_t receiving_shard, uint64_t index) {
  TrieKey t = WithIndex(Kind::kBufferedReceipt, index);
  t.shard = receiving_shard;
  return t;
}

TrieKey TrieKey::BufferedReceiptGroupsQueueData(uint64_t receiving_shard) {
  TrieKey t = Simple(Kind::kBufferedReceiptGroupsQueueData);
  t.shard = receiving_shard;
  return t;
}

TrieKey TrieKey::BufferedReceiptGroupsQueueItem(uint64_t receiving_shard, uint64_t index) {
  TrieKey t = WithIndex(Kind::kBufferedReceiptGroupsQueueItem, index);
  t.shard = receiving_shard;
  return t;
}

TrieKey TrieKey::GlobalContractCode(GlobalContractCodeIdentifier id) {
  TrieKey t = Simple(Kind::kGlobalContractCode);
  t.global_id = std::move(id);
  return t;
}

TrieKey TrieKey::GlobalContractNonce(GlobalContractCodeIdentifier id) {
  TrieKey t = Simple(Kind::kGlobalContractNonce);
  t.global_id = std::move(id);
  return t;
}

size_t TrieKey::Len() const {
  switch (kind) {
    case Kind::kAccount:
    case Kind::kContractCode:
      return 1 + account.size();
    case Kind::kAccessKey:
      return 2 + account.size() + key_handle.BorshLength();
    case Kind::kGasKeyNonce:
      return 2 + account.size() + key_handle.BorshLength() + 2;
    case Kind::kContractData:
      return 2 + account.size() + data_key.size();
    case Kind::kDelayedReceipt:
    case Kind::kPromiseYieldTimeout:
    case Kind::kBufferedReceiptGroupsQueueData:
      return 9;
    case Kind::kBufferedReceipt:
      return 11;
    case Kind::kBufferedReceiptGroupsQueueItem:
      return 17;
    case Kind::kDelayedReceiptIndices:
    case Kind::kPromiseYieldIndices:
    case Kind::kBufferedReceiptIndices:
    case Kind::kBandwidthSchedulerState:
      return 1;
    case Kind::kGlobalContractCode:
    case Kind::kGlobalContractNonce:
      return 2 + (global_id.kind == GlobalContractCodeIdentifier::kCodeHash
                      ? 32
                      : 4 + global_id.account_id.size());
    default:
      return 2 + account.size() + 32;  // account ‖ ',' ‖ 32-byte id
  }
}

void TrieKey::AppendTo(Bytes* out) const {
  out->reserve(out->size() + Len());
  out->push_back(ColumnOf(kind));
  switch (kind) {
    case Kind::kAccount:
    case Kind::kContractCode:
      PutBytes(out, std::string_view(account.str()));
      break;
    case Kind::kAccessKey:
    case Kind::kGasKeyNonce: {
      PutBytes(out, std::string_view(account.str()));
      out->push_back(kAccessKeySeparator);
      out->push_back(key_handle.type);
      out->insert(out->end(), key_handle.data.begin(), key_handle.data.end());
      if (kind == Kind::kGasKeyNonce) PutLe(out, index, 2);
      break;
    }
    case Kind::kContractData:
      PutBytes(out, std::string_view(account.str()));
      out->push_back(kAccountDataSeparator);
      out->insert(out->end(), data_key.begin(), data_key.end());
      break;
    case Kind::kDelayedReceipt:
    case Kind::kPromiseYieldTimeout:
      PutLe(out, index, 8);
      break;
    case Kind::kBufferedReceipt:
      PutLe(out, shard, 2);
      PutLe(out, index, 8);
      break;
    case Kind::kBufferedReceiptGroupsQueueData:
      PutLe(out, shard, 8);
      break;
    case Kind::kBufferedReceiptGroupsQueueItem:
      PutLe(out, shard, 8);
      PutLe(out, index, 8);
      break;
    case Kind::kDelayedReceiptIndices:
    case Kind::kPromiseYieldIndices:
    case Kind::kBufferedReceiptIndices:
    case Kind::kBandwidthSchedulerState:
      break;
    case Kind::kGlobalContractCode:
    case Kind::kGlobalContractNonce: {
      BorshWriter w;
      global_id.Write(w);
      PutBytes(out, w.data());
      break;
    }
    default:  // account ‖ ',' ‖ id
      PutBytes(out, std::string_view(account.str()));
      out->push_back(kAccountDataSeparator);
      PutBytes(out, id.view());
      break;
  }
}

Bytes TrieKey::ToBytes() const {
  Bytes out;
  AppendTo(&out);
  return out;
}

std::optional<AccountId> TrieKey::GetAccountId() const {
  switch (kind) {
    case Kind::kAccount:
    case Kind::kContractCode:
    case Kind::kAccessKey:
    case Kind::kGasKeyNonce:
    case Kind::kContractData:
      return account;
    default:
      if (HasAccountAndId(kind)) return account;
      return std::nullopt;
  }
}

Result<TrieKey> TrieKey::Parse(ByteView raw) {
  if (raw.empty()) return Err("empty raw trie key");
  const uint8_t column = raw[0];
  ByteView rest = raw.subspan(1);
  switch (column) {
    case col::kAccount:
    case col::kContractCode: {
      Kind k = column == col::kAccount ? Kind::kAccount : Kind::kContractCode;
      NEARRT_ASSIGN_OR_RETURN(AccountId a,
                              ParseAccount(rest, k == Kind::kAccount ? "Account" : "ContractCode"));
      return WithAccount(k, std::move(a));
    }
    case col::kAccessKey: {
      NEARRT_ASSIGN_OR_RETURN(auto parts, SplitAt(rest, kAccessKeySeparator, "AccessKey"));
      NEARRT_ASSIGN_OR_RETURN(AccountId a, ParseAccount(parts.first, "AccessKey"));
      BorshReader r(parts.second);
      NEARRT_ASSIGN_OR_RETURN(PublicKeyHandle pk, PublicKeyHandle::Read(r));
      if (r.AtEnd()) return AccessKey(std::move(a), std::move(pk));
      if (r.remaining() == 2) {
        NEARRT_ASSIGN_OR_RETURN(uint16_t nonce_index, r.U16());
        return GasKeyNonce(std::move(a), std::move(pk), nonce_index);
      }
      return Err("unexpected " + std::to_string(r.remaining()) +
                 " bytes after the public key of an access key");
    }
    case col::kDelayedReceiptOrIndices:
      if (raw.size() == 1) return DelayedReceiptIndices();
      NEARRT_TRY(ExpectLen(raw, 9, "DelayedReceipt"));
      return DelayedReceipt(GetLe(rest));
    case col::kContractData: {
      NEARRT_ASSIGN_OR_RETURN(auto parts, SplitAt(rest, kAccountDataSeparator, "ContractData"));
      NEARRT_ASSIGN_OR_RETURN(AccountId a, ParseAccount(parts.first, "ContractData"));
      return ContractData(std::move(a), parts.second);
    }
    case col::kPromiseYieldIndices:
      NEARRT_TRY(ExpectLen(raw, 1, "PromiseYieldIndices"));
      return PromiseYieldIndices();
    case col::kPromiseYieldTimeout:
      NEARRT_TRY(ExpectLen(raw, 9, "PromiseYieldTimeout"));
      return PromiseYieldTimeout(GetLe(rest));
    case col::kBufferedReceiptIndices:
      NEARRT_TRY(ExpectLen(raw, 1, "BufferedReceiptIndices"));
      return BufferedReceiptIndices();
    case col::kBufferedReceipt:
      NEARRT_TRY(ExpectLen(raw, 11, "BufferedReceipt"));
      return BufferedReceipt(static_cast<uint16_t>(GetLe(rest.first(2))),
                             GetLe(rest.subspan(2)));
    case col::kBandwidthSchedulerState:
      NEARRT_TRY(ExpectLen(raw, 1, "BandwidthSchedulerState"));
      return BandwidthSchedulerState();
    case col::kBufferedReceiptGroupsQueueData:
      NEARRT_TRY(ExpectLen(raw, 9, "BufferedReceiptGroupsQueueData"));
      return BufferedReceiptGroupsQueueData(GetLe(rest));
    case col::kBufferedReceiptGroupsQueueItem:
      NEARRT_TRY(ExpectLen(raw, 17, "BufferedReceiptGroupsQueueItem"));
      return BufferedReceiptGroupsQueueItem(GetLe(rest.first(8)), GetLe(rest.subspan(8)));
    case col::kGlobalContractCode:
    case col::kGlobalContractNonce: {
      BorshReader r(rest);
      NEARRT_ASSIGN_OR_RETURN(GlobalContractCodeIdentifier id, GlobalContractCodeIdentifier::Read(r));
      NEARRT_TRY(r.ExpectEnd());
      return column == col::kGlobalContractCode ? GlobalContractCode(std::move(id))
                                                : GlobalContractNonce(std::move(id));
    }
    default:
      break;
  }
  Kind k = static_cast<Kind>(column);
  if (column > col::kDataIdToYieldId || !HasAccountAndId(k)) {
    return Err("unknown trie key column " + std::to_string(column));
  }
  NEARRT_ASSIGN_OR_RETURN(auto parts, SplitAt(rest, kAccountDataSeparator, "key with an id"));
  NEARRT_ASSIGN_OR_RETURN(AccountId a, ParseAccount(parts.first, "key with an id"));
  if (parts.second.size() != 32) {
    return Err("expected a 32-byte id after the account in a column " + std::to_string(column) +
               " key, got " + std::to_string(parts.second.size()) + " bytes");
  }
  CryptoHash id;
  std::memcpy(id.bytes.data(), parts.second.data(), 32);
  return WithId(k, std::move(a), id);
}

Bytes RawPrefixForContractData(const AccountId& account, ByteView prefix) {
  Bytes out;
  out.reserve(2 + account.size() + prefix.size());
  out.push_back(col::kContractData);
  PutBytes(&out, std::string_view(account.str()));
  out.push_back(kAccountDataSeparator);
  PutBytes(&out, prefix);
  return out;
}

Bytes RawPrefixForAccessKeys(const AccountId& account) {
  Bytes out;
  out.push_back(col::kAccessKey);
  PutBytes(&out, std::string_view(account.str()));
  out.push_back(kAccessKeySeparator);
  return out;
}

}  // namespace nearrt::store
