// Trie-node gas accounting, after nearcore's AccountingState
// (runtime/runtime/src/ext.rs) and AccessOptions (core/store/src/trie/mod.rs).
//
// One AccountingCache lives for one chunk application. Each tracked access to
// a node or value hash counts as a "db read" the first time the hash is seen in
// the chunk (charged as touching_trie_node) and as a "mem read" afterwards
// (charged as read_cached_trie_node). Both cost 2.28 Ggas at PV86, but gas
// profiles report them separately.
//
// What is tracked (PV86, flat storage; see contract_storage.h for the exact
// host-function sequences):
//   * storage_write / storage_remove look the key up in kMemOrTrie mode: every
//     node on the root->leaf (or mismatch) path is tracked, then the old
//     value's hash if the key exists and its value is dereferenced.
//   * storage_read / storage_has_key look up in kMemOrFlatOrTrie mode: path
//     nodes are NOT tracked. storage_read's value dereference IS tracked (it
//     fills the cache) but nearcore charges it to a free counter.
//   * Keys already changed in the TrieUpdate never reach the trie: nothing is
//     tracked.
#pragma once

#include <cstdint>
#include <unordered_set>

#include "primitives/crypto_hash.h"

namespace nearrt::store {

// nearcore TrieNodesCount.
struct TrieNodesCount {
  uint64_t db_reads = 0;   // charged as touching_trie_node
  uint64_t mem_reads = 0;  // charged as read_cached_trie_node
  uint64_t total() const { return db_reads + mem_reads; }
  TrieNodesCount operator-(const TrieNodesCount& o) const {
    return {db_reads - o.db_reads, mem_reads - o.mem_reads};
  }
  bool operator==(const TrieNodesCount&) const = default;
};

class AccountingCache {
 public:
  // Records one access to `hash`.
  void Track(const CryptoHash& hash) {
    if (seen_.insert(hash).second) {
      ++counts_.db_reads;
    } else {
      ++counts_.mem_reads;
    }
  }
  const TrieNodesCount& counts() const { return counts_; }
  size_t distinct() const { return seen_.size(); }

 private:
  std::unordered_set<CryptoHash, CryptoHashHasher> seen_;
  TrieNodesCount counts_;
};

// nearcore KeyLookupMode.
enum class LookupMode : uint8_t {
  // Reads (storage_read, storage_has_key, runtime reads): with flat storage
  // the path is not charged.
  kMemOrFlatOrTrie,
  // storage_write / storage_remove: the path is charged.
  kMemOrTrie,
};

// nearcore AccessOptions. The default is AccessOptions::DEFAULT: no gas
// tracking, witness recording on (if the trie has a recorder).
struct AccessOptions {
  AccountingCache* tracker = nullptr;
  bool record = true;

  static AccessOptions ContractRuntime(AccountingCache* t) { return {t, true}; }
  static AccessOptions NoSideEffects() { return {nullptr, false}; }
};

}  // namespace nearrt::store
