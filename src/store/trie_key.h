// TrieKey: the raw keys of NEAR's state trie, after nearcore
// core/primitives/src/trie_key.rs at the PV86 snapshot (runtime.md §7.3).
//
// The bytes come from TrieKey::append_into, NOT from borsh: column byte, then
// the account id as raw UTF-8 (no length), then a separator (',' or, for
// access keys, 0x02), then the suffix. Integers are little-endian.
// DO NOT CHANGE: these bytes are trie keys and therefore hashed into roots.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "primitives/account_id.h"
#include "primitives/borsh.h"
#include "primitives/crypto_hash.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::store {

// Column bytes (nearcore `col`). Byte 8 is the DelayedReceipt enum
// discriminant, stored under 7; byte 21 is GasKeyNonce, stored under 2.
namespace col {
constexpr uint8_t kAccount = 0;
constexpr uint8_t kContractCode = 1;
constexpr uint8_t kAccessKey = 2;
constexpr uint8_t kReceivedData = 3;
constexpr uint8_t kPostponedReceiptId = 4;
constexpr uint8_t kPendingDataCount = 5;
constexpr uint8_t kPostponedReceipt = 6;
constexpr uint8_t kDelayedReceiptOrIndices = 7;
constexpr uint8_t kContractData = 9;
constexpr uint8_t kPromiseYieldIndices = 10;
constexpr uint8_t kPromiseYieldTimeout = 11;
constexpr uint8_t kPromiseYieldReceipt = 12;
constexpr uint8_t kBufferedReceiptIndices = 13;
constexpr uint8_t kBufferedReceipt = 14;
constexpr uint8_t kBandwidthSchedulerState = 15;
constexpr uint8_t kBufferedReceiptGroupsQueueData = 16;
constexpr uint8_t kBufferedReceiptGroupsQueueItem = 17;
constexpr uint8_t kGlobalContractCode = 18;
constexpr uint8_t kGlobalContractNonce = 19;
constexpr uint8_t kPromiseYieldStatus = 20;
constexpr uint8_t kYieldIdToDataId = 22;
constexpr uint8_t kDataIdToYieldId = 23;
}  // namespace col

constexpr uint8_t kAccountDataSeparator = ',';
constexpr uint8_t kAccessKeySeparator = col::kAccessKey;

// On-trie identifier of an access key (near-crypto PublicKeyHandle): borsh
// tag 0 ED25519 + 32 bytes, 1 SECP256K1 + 64 bytes, 3 ML-DSA-65 + the 32-byte
// SHA3-256 handle (never the full ML-DSA key; tag 2 is not allowed here).
struct PublicKeyHandle {
  enum Type : uint8_t { kEd25519 = 0, kSecp256k1 = 1, kMlDsa65 = 3 };
  Type type = kEd25519;
  Bytes data;

  static size_t DataLength(Type type) { return type == kSecp256k1 ? 64 : 32; }
  // Validates the data length for the type.
  static Result<PublicKeyHandle> Make(Type type, ByteView data);
  static Result<PublicKeyHandle> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  size_t BorshLength() const { return 1 + data.size(); }
  bool operator==(const PublicKeyHandle&) const = default;
};

// GlobalContractCodeIdentifier: borsh tag 0 + code hash, or 1 + account id
// as a borsh String (u32 length + bytes).
struct GlobalContractCodeIdentifier {
  enum Kind : uint8_t { kCodeHash = 0, kAccountId = 1 };
  Kind kind = kCodeHash;
  CryptoHash code_hash;
  AccountId account_id;

  static Result<GlobalContractCodeIdentifier> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  bool operator==(const GlobalContractCodeIdentifier&) const = default;
};

struct TrieKey {
  // nearcore TrieKey enum discriminants (== column byte except 8 and 21).
  enum class Kind : uint8_t {
    kAccount = 0,
    kContractCode = 1,
    kAccessKey = 2,
    kReceivedData = 3,
    kPostponedReceiptId = 4,
    kPendingDataCount = 5,
    kPostponedReceipt = 6,
    kDelayedReceiptIndices = 7,
    kDelayedReceipt = 8,
    kContractData = 9,
    kPromiseYieldIndices = 10,
    kPromiseYieldTimeout = 11,
    kPromiseYieldReceipt = 12,
    kBufferedReceiptIndices = 13,
    kBufferedReceipt = 14,
    kBandwidthSchedulerState = 15,
    kBufferedReceiptGroupsQueueData = 16,
    kBufferedReceiptGroupsQueueItem = 17,
    kGlobalContractCode = 18,
    kGlobalContractNonce = 19,
    kPromiseYieldStatus = 20,
    kGasKeyNonce = 21,
    kYieldIdToDataId = 22,
    kDataIdToYieldId = 23,
  };

  Kind kind = Kind::kAccount;
  AccountId account;             // account_id / receiver_id
  PublicKeyHandle key_handle;    // kAccessKey, kGasKeyNonce
  CryptoHash id;                 // data_id, receipt_id or yield_id
  Bytes data_key;                // kContractData
  uint64_t index = 0;            // queue index; the u16 nonce index of kGasKeyNonce
  uint64_t shard = 0;            // receiving shard (u16 on the trie for kBufferedReceipt)
  GlobalContractCodeIdentifier global_id;  // kGlobalContractCode, kGlobalContractNonce

  static TrieKey Account(AccountId a) { return WithAccount(Kind::kAccount, std::move(a)); }
  static TrieKey ContractCode(AccountId a) { return WithAccount(Kind::kContractCode, std::move(a)); }
  static TrieKey AccessKey(AccountId a, PublicKeyHandle pk);
  static TrieKey GasKeyNonce(AccountId a, PublicKeyHandle pk, uint16_t nonce_index);
  static TrieKey ReceivedData(AccountId r, const CryptoHash& data_id) {
    return WithId(Kind::kReceivedData, std::move(r), data_id);
  }
  static TrieKey PostponedReceiptId(AccountId r, const CryptoHash& data_id) {
    return WithId(Kind::kPostponedReceiptId, std::move(r), data_id);
  }
  static TrieKey PendingDataCount(AccountId r, const CryptoHash& receipt_id) {
    return WithId(Kind::kPendingDataCount, std::move(r), receipt_id);
  }
  static TrieKey PostponedReceipt(AccountId r, const CryptoHash& receipt_id) {
    return WithId(Kind::kPostponedReceipt, std::move(r), receipt_id);
  }
  static TrieKey DelayedReceiptIndices() { return Simple(Kind::kDelayedReceiptIndices); }
  static TrieKey DelayedReceipt(uint64_t index) { return WithIndex(Kind::kDelayedReceipt, index); }
  static TrieKey ContractData(AccountId a, ByteView key);
  static TrieKey PromiseYieldIndices() { return Simple(Kind::kPromiseYieldIndices); }
  static TrieKey PromiseYieldTimeout(uint64_t index) {
    return WithIndex(Kind::kPromiseYieldTimeout, index);
  }
  static TrieKey PromiseYieldReceipt(AccountId r, const CryptoHash& data_id) {
    return WithId(Kind::kPromiseYieldReceipt, std::move(r), data_id);
  }
  static TrieKey BufferedReceiptIndices() { return Simple(Kind::kBufferedReceiptIndices); }
  // nearcore asserts shard <= u16::MAX; the type makes that a compile-time fact.
  static TrieKey BufferedReceipt(uint16_t receiving_shard, uint64_t index);
  static TrieKey BandwidthSchedulerState() { return Simple(Kind::kBandwidthSchedulerState); }
  static TrieKey BufferedReceiptGroupsQueueData(uint64_t receiving_shard);
  static TrieKey BufferedReceiptGroupsQueueItem(uint64_t receiving_shard, uint64_t index);
  static TrieKey GlobalContractCode(GlobalContractCodeIdentifier id);
  static TrieKey GlobalContractNonce(GlobalContractCodeIdentifier id);
  static TrieKey PromiseYieldStatus(AccountId r, const CryptoHash& data_id) {
    return WithId(Kind::kPromiseYieldStatus, std::move(r), data_id);
  }
  static TrieKey YieldIdToDataId(AccountId r, const CryptoHash& yield_id) {
    return WithId(Kind::kYieldIdToDataId, std::move(r), yield_id);
  }
  static TrieKey DataIdToYieldId(AccountId r, const CryptoHash& data_id) {
    return WithId(Kind::kDataIdToYieldId, std::move(r), data_id);
  }

  // The raw trie key (TrieKey::to_vec).
  Bytes ToBytes() const;
  void AppendTo(Bytes* out) const;
  // TrieKey::len.
  size_t Len() const;
  // Parses a raw trie key back into a TrieKey; any raw key that this does not
  // accept is not a key nearcore can produce.
  static Result<TrieKey> Parse(ByteView raw);
  // TrieKey::get_account_id (None for queues and global contracts).
  std::optional<AccountId> GetAccountId() const;

  bool operator==(const TrieKey&) const = default;

 private:
  static TrieKey Simple(Kind k) {
    TrieKey t;
    t.kind = k;
    return t;
  }
  static TrieKey WithAccount(Kind k, AccountId a) {
    TrieKey t = Simple(k);
    t.account = std::move(a);
    return t;
  }
  static TrieKey WithId(Kind k, AccountId a, const CryptoHash& id) {
    TrieKey t = WithAccount(k, std::move(a));
    t.id = id;
    return t;
  }
  static TrieKey WithIndex(Kind k, uint64_t index) {
    TrieKey t = Simple(k);
    t.index = index;
    return t;
  }
};

// trie_key_parsers::get_raw_prefix_for_contract_data: 09 | acc | ',' | prefix.
Bytes RawPrefixForContractData(const AccountId& account, ByteView prefix);
// trie_key_parsers::get_raw_prefix_for_access_keys: 02 | acc | 02.
Bytes RawPrefixForAccessKeys(const AccountId& account);

}  // namespace nearrt::store
