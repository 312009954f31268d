// TrieChanges: what one state update adds to and removes from the
// content-addressed node store, after nearcore core/store/src/trie/mod.rs.
// Refcounts are netted per hash; both lists are sorted by hash. Applying a
// chunk adds the insertions (+rc); garbage-collecting the old state applies
// the deletions (-rc); reverting applies the insertions as deletions.
#pragma once

#include <cstdint>
#include <vector>

#include "primitives/crypto_hash.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::store {

struct TrieRefcountAddition {
  CryptoHash hash;
  Bytes data;     // serialized node or value
  uint32_t rc;    // > 0
  bool operator==(const TrieRefcountAddition&) const = default;
};

struct TrieRefcountSubtraction {
  CryptoHash hash;
  uint32_t rc;    // > 0
  bool operator==(const TrieRefcountSubtraction&) const = default;
};

struct TrieChanges {
  CryptoHash old_root;
  CryptoHash new_root;
  std::vector<TrieRefcountAddition> insertions;
  std::vector<TrieRefcountSubtraction> deletions;

  // borsh, as nearcore persists it: deletions carry an always-empty legacy
  // Vec<u8> between hash and rc.
  Bytes ToBorsh() const;
  static Result<TrieChanges> FromBorsh(ByteView data);
  bool operator==(const TrieChanges&) const = default;
};

// Accumulates refcount deltas (nearcore TrieRefcountDeltaMap).
class RefcountDeltas {
 public:
  void Add(const CryptoHash& hash, ByteView data, uint32_t rc = 1);
  void Add(const CryptoHash& hash, Bytes&& data, uint32_t rc = 1);
  void Reserve(size_t n) { entries_.reserve(n); }
  void Subtract(const CryptoHash& hash, uint32_t rc = 1);
  // Nets the deltas per hash and sorts them.
  TrieChanges Finish(const CryptoHash& old_root, const CryptoHash& new_root);
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    CryptoHash hash;
    int64_t delta;
    Bytes data;
  };
  std::vector<Entry> entries_;
};

}  // namespace nearrt::store
