// Trie node wire format: borsh(RawTrieNodeWithSize), after nearcore
// core/store/src/trie/raw_node.rs. A node's hash is sha256 of these bytes.
//
//   Leaf             00 | u32 klen | key(HP) | u32 vlen | vhash[32] | u64 mem
//   BranchNoValue    01 | u16 mask | child hashes (ascending nibble) | u64 mem
//   BranchWithValue  02 | u32 vlen | vhash[32] | u16 mask | child hashes | u64 mem
//   Extension        03 | u32 klen | key(HP) | child hash[32] | u64 mem
//
// DO NOT CHANGE: tags, field order and the memory-usage costs are hashed into
// state roots.
#pragma once

#include <array>
#include <cstdint>

#include "primitives/crypto_hash.h"
#include "store/storage_error.h"
#include "util/bytes.h"

namespace nearrt::store {

// TRIE_COSTS in core/store/src/trie/mod.rs: the "memory usage" of a subtree
// that every node stores (and hashes).
constexpr uint64_t kTrieNodeCost = 50;
constexpr uint64_t kTrieByteOfKey = 2;
constexpr uint64_t kTrieByteOfValue = 1;

// memory_usage_direct (core/store/src/trie/ops/interface.rs).
constexpr uint64_t ValueMemoryUsage(uint64_t value_len) {
  return value_len * kTrieByteOfValue + kTrieNodeCost;
}
constexpr uint64_t LeafMemoryUsage(uint64_t hp_key_len, uint64_t value_len) {
  return kTrieNodeCost + hp_key_len * kTrieByteOfKey + ValueMemoryUsage(value_len);
}
constexpr uint64_t ExtensionDirectMemoryUsage(uint64_t hp_key_len) {
  return kTrieNodeCost + hp_key_len * kTrieByteOfKey;
}

enum class RawNodeKind : uint8_t {
  kLeaf = 0,
  kBranchNoValue = 1,
  kBranchWithValue = 2,
  kExtension = 3,
};

// ValueRef: length and sha256 of a value (values live outside nodes).
struct ValueRef {
  uint32_t length = 0;
  CryptoHash hash;
  static ValueRef Of(ByteView value);
  bool operator==(const ValueRef&) const = default;
};

// A decoded node. Views point into the bytes it was decoded from.
struct RawNodeView {
  RawNodeKind kind = RawNodeKind::kLeaf;
  ByteView key;                 // HP-encoded, leaf and extension
  ValueRef value;               // leaf and branch with value
  CryptoHash child;             // extension
  uint16_t mask = 0;            // branch: bit i set iff child nibble i exists
  const uint8_t* children = nullptr;  // branch: popcount(mask) hashes of 32 bytes
  uint64_t memory_usage = 0;

  bool HasValue() const {
    return kind == RawNodeKind::kLeaf || kind == RawNodeKind::kBranchWithValue;
  }
  bool IsBranch() const {
    return kind == RawNodeKind::kBranchNoValue || kind == RawNodeKind::kBranchWithValue;
  }
  // REQUIRES: IsBranch() and bit `nibble` of mask set.
  CryptoHash Child(unsigned nibble) const;
};

// Decodes borsh(RawTrieNodeWithSize). Rejects truncation, trailing bytes,
// unknown tags, empty leaf/extension keys (which nearcore cannot walk) and
// extensions of zero nibbles (which nearcore never builds).
StorageResult<RawNodeView> DecodeRawNode(ByteView bytes);

// Encoders; append to `out`.
void EncodeLeaf(ByteView hp_key, const ValueRef& value, uint64_t memory_usage, Bytes* out);
void EncodeExtension(ByteView hp_key, const CryptoHash& child, uint64_t memory_usage, Bytes* out);
// `children` holds popcount(mask) hashes in ascending nibble order.
void EncodeBranch(const ValueRef* value, uint16_t mask, const CryptoHash* children,
                  uint64_t memory_usage, Bytes* out);

inline void PutU16(Bytes* out, uint16_t v) {
  out->push_back(static_cast<uint8_t>(v));
  out->push_back(static_cast<uint8_t>(v >> 8));
}
inline void PutU32(Bytes* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}
inline void PutU64(Bytes* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}
inline void PutBytes(Bytes* out, ByteView v) { out->insert(out->end(), v.begin(), v.end()); }

}  // namespace nearrt::store
