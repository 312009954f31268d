// TrieUpdate: the runtime's view of state while a chunk is applied, after
// nearcore core/store/src/trie/update.rs.
//
// Writes go to `prospective`; Commit(cause) moves them to `committed` (one
// RawStateChange per key per commit); Rollback() drops them (a failed
// receipt's changes). Reads look at prospective, then committed, then the
// trie -- so keys already changed in this chunk cost no trie access (no gas
// for trie nodes, nothing recorded). Finalize() applies the last committed
// value of every key to the trie in ascending key order and returns the new
// root with the TrieChanges to persist.
#pragma once

#include <cstring>
#include <deque>
#include <map>
#include <string_view>
#include <unordered_map>
#include <optional>
#include <vector>

#include "store/accounting.h"
#include "store/trie.h"
#include "store/trie_iterator.h"

namespace nearrt::store {

// Lexicographic byte order, usable with ByteView lookups.
struct BytesLess {
  using is_transparent = void;
  bool operator()(ByteView a, ByteView b) const {
    const size_t n = a.size() < b.size() ? a.size() : b.size();
    const int c = n ? std::memcmp(a.data(), b.data(), n) : 0;
    return c < 0 || (c == 0 && a.size() < b.size());
  }
};

// nearcore StateChangeCause (core/primitives/src/types.rs); `kind` is the
// borsh tag, `hash` the tx or receipt hash where the variant has one.
struct StateChangeCause {
  enum Kind : uint8_t {
    kNotWritableToDisk = 0,
    kInitialState = 1,
    kTransactionProcessing = 2,
    kActionReceiptProcessingStarted = 3,
    kActionReceiptGasReward = 4,
    kReceiptProcessing = 5,
    kPostponedReceipt = 6,
    kUpdatedDelayedReceipts = 7,
    kValidatorAccountsUpdate = 8,
    kMigration = 9,
    kBandwidthSchedulerStateUpdate = 11,
  };
  Kind kind = kNotWritableToDisk;
  CryptoHash hash;
  bool operator==(const StateChangeCause&) const = default;
};

struct RawStateChange {
  StateChangeCause cause;
  std::optional<Bytes> data;  // nullopt: the key was removed
};

struct RawStateChangesWithKey {
  Bytes key;
  std::vector<RawStateChange> changes;
};

// A value found through a TrieUpdate: in memory (changed in this chunk) or a
// reference into the trie (nearcore TrieUpdateValuePtr).
class UpdateValuePtr {
 public:
  static UpdateValuePtr Memory(const Bytes* v) { return UpdateValuePtr(v, {}); }
  static UpdateValuePtr InTrie(ValuePtr p) { return UpdateValuePtr(nullptr, std::move(p)); }
  bool in_memory() const { return memory_ != nullptr; }
  uint32_t len() const {
    return memory_ ? static_cast<uint32_t>(memory_->size()) : trie_.len();
  }
  CryptoHash hash() const { return memory_ ? CryptoHash::Of(*memory_) : trie_.hash(); }
  const ValuePtr& trie_ptr() const { return trie_; }
  const Bytes* memory() const { return memory_; }

 private:
  UpdateValuePtr(const Bytes* m, ValuePtr t) : memory_(m), trie_(std::move(t)) {}
  const Bytes* memory_;  // points into the TrieUpdate; valid until it is changed
  ValuePtr trie_;
};

struct FinalizeResult {
  TrieUpdateOutput trie;  // new root + TrieChanges
  std::vector<RawStateChangesWithKey> state_changes;  // ascending key order
  CryptoHash new_root() const { return trie.new_root(); }
};

class TrieUpdateIterator;

class TrieUpdate {
 public:
  explicit TrieUpdate(Trie trie) : trie_(std::move(trie)) {}
  // Movable, not copyable (the index points into the entries).
  TrieUpdate(TrieUpdate&&) = default;
  TrieUpdate& operator=(TrieUpdate&&) = default;
  TrieUpdate(const TrieUpdate&) = delete;
  TrieUpdate& operator=(const TrieUpdate&) = delete;

  const Trie& trie() const { return trie_; }
  Trie& trie() { return trie_; }
  CryptoHash root() const { return trie_.root_hash(); }

  // nearcore TrieUpdate::get_ref.
  StorageResult<std::optional<UpdateValuePtr>> GetRef(ByteView key, LookupMode mode,
                                                      AccessOptions opts = {}) const;
  // The value bytes (TrieUpdateValuePtr::deref_value). In-memory values are
  // neither tracked nor recorded.
  StorageResult<Bytes> Deref(const UpdateValuePtr& v, AccessOptions opts = {}) const;
  // nearcore TrieAccess::get / TrieUpdate::get (flat-storage mode reads).
  StorageResult<std::optional<Bytes>> Get(ByteView key, AccessOptions opts = {}) const;
  // nearcore TrieUpdate::contains_key.
  StorageResult<bool> ContainsKey(ByteView key, AccessOptions opts = {}) const;

  void Set(Bytes key, Bytes value);
  // A ContractData removal (column 9) adds 2000 bytes to the recorder's
  // upper bound, as nearcore does (issue #10890).
  void Remove(Bytes key);

  void Commit(const StateChangeCause& cause);
  void Rollback();
  size_t prospective_len() const { return touched_.size(); }
  size_t committed_len() const { return index_.size() - uncommitted_only_; }

  // Applies the committed changes. REQUIRES: nothing uncommitted (an error
  // otherwise). The TrieUpdate is left empty.
  StorageResult<FinalizeResult> Finalize(const UpdateOptions& options = {},
                                         AccessOptions opts = {});

  // Keys with `prefix`, in order, merging the trie with the changes
  // (nearcore TrieUpdateIterator). The TrieUpdate must not change while the
  // iterator is used.
  StorageResult<TrieUpdateIterator> Iter(ByteView prefix, AccessOptions opts = {}) const;

 private:
  friend class TrieUpdateIterator;
  // nearcore get_ref_from_updates: set if the key was changed in this chunk.
  std::optional<const std::optional<Bytes>*> FromUpdates(ByteView key) const;

  // One entry per key changed in this chunk: its committed changes and, if
  // changed since the last commit, the prospective value. Entries live in a
  // deque (stable addresses) and are found through a hash index; order only
  // matters in Finalize and Iter, which sort.
  struct Entry {
    Bytes key;
    std::vector<RawStateChange> committed;
    bool has_prospective = false;
    bool dead = false;  // rolled back before any commit
    std::optional<Bytes> prospective;
  };
  static std::string_view View(ByteView b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
  }
  const Entry* Find(ByteView key) const;
  Entry* Touch(Bytes key);
  // Live entries, sorted by key; those under `prefix` only if given.
  std::vector<Entry*> Sorted(const ByteView* prefix) const;

  Trie trie_;
  std::deque<Entry> entries_;
  std::unordered_map<std::string_view, Entry*> index_;
  std::vector<Entry*> touched_;  // entries with a prospective value
  size_t uncommitted_only_ = 0;         // entries with no committed change
};

class TrieUpdateIterator {
 public:
  // The next key, or nullopt at the end.
  StorageResult<std::optional<Bytes>> Next();

 private:
  friend class TrieUpdate;
  TrieUpdateIterator(TrieIterator trie_iter, std::vector<std::pair<Bytes, bool>> overlay)
      : trie_iter_(std::move(trie_iter)), overlay_(std::move(overlay)) {}

  TrieIterator trie_iter_;
  bool trie_peeked_ = false;
  std::optional<std::pair<Bytes, Bytes>> trie_next_;
  std::vector<std::pair<Bytes, bool>> overlay_;  // key, has value
  size_t overlay_pos_ = 0;
  bool done_ = false;
};

}  // namespace nearrt::store
