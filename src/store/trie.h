// Trie: one version (state root) of NEAR's Merkle-Patricia state trie, after
// nearcore core/store/src/trie/mod.rs.
//
// Nodes live in memory (node.h) and are shared between versions. Nodes that
// are only persisted (RocksDB, a state witness) appear as stubs and are
// loaded through the NodeSource on first use, then cached in place. A Trie
// is cheap to copy (it shares its root cell).
//
// Lookups walk root -> leaf. With a TrieRecorder attached, every node visited
// and every value dereferenced is recorded (state witness); with an
// AccountingCache in the AccessOptions, visits are counted for gas as nearcore
// does (see accounting.h).
#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "primitives/crypto_hash.h"
#include "store/accounting.h"
#include "store/node.h"
#include "store/node_source.h"
#include "store/recorder.h"
#include "store/storage_error.h"
#include "store/trie_changes.h"
#include "util/bytes.h"

namespace nearrt::store {

// The mutable cell holding a version's root node. Resolving a stub root
// replaces it here, so every Trie sharing the cell benefits.
struct RootCell {
  NodeRef node;  // null for the empty trie
  CryptoHash hash() const { return node ? node->hash : CryptoHash(); }
};

// A reference to a value found by a lookup (nearcore OptimizedValueRef).
// Holds the node that carries the value.
struct ValuePtr {
  NodeRef owner;
  uint32_t len() const { return owner->value_len(); }
  // The value hash (stored, or computed from the inline value).
  CryptoHash hash() const { return owner->ValueHash(); }
};

// A change to apply: value = nullopt deletes the key.
struct KeyChange {
  Bytes key;
  std::optional<Bytes> value;
};

// The same, referring to bytes owned elsewhere.
struct KeyChangeRef {
  ByteView key;
  std::optional<ByteView> value;
};

struct UpdateOptions {
  // Produce TrieChanges (node/value insertions and deletions with refcounts).
  // Needed to persist; in-memory stores can skip the serialization copies.
  bool collect_changes = true;
};

struct TrieUpdateOutput {
  std::shared_ptr<RootCell> root;
  TrieChanges changes;  // changes.new_root is the new state root
  CryptoHash new_root() const { return root->hash(); }
};

// Longest raw key the trie accepts (HP keys are at most 65535 bytes).
constexpr size_t kMaxTrieKeyLen = 65000;

class Trie {
 public:
  // nearcore Trie::EMPTY_ROOT: 32 zero bytes; never stored.
  static const CryptoHash kEmptyRoot;

  // The empty trie.
  Trie();
  // A trie over `root`. `source` (may be null) resolves stubs and values that
  // are not in memory; it must outlive the Trie.
  Trie(std::shared_ptr<RootCell> root, NodeSource* source);
  // A trie whose root is only known by hash; every node is loaded from
  // `source` on demand (witness replay, a reopened database).
  static Trie FromRootHash(const CryptoHash& root, NodeSource* source);

  CryptoHash root_hash() const { return root_->hash(); }
  const std::shared_ptr<RootCell>& root_cell() const { return root_; }
  NodeSource* source() const { return source_; }

  // Recording (state witness). The recorder must outlive its use.
  void set_recorder(TrieRecorder* recorder) { recorder_ = recorder; }
  TrieRecorder* recorder() const { return recorder_; }
  // nearcore `use_access_tracker`: when true, kMemOrFlatOrTrie lookups are
  // also charged (emulates a node without flat storage). Default false.
  void set_charge_reads(bool v) { charge_reads_ = v; }

  // nearcore Trie::get_optimized_ref.
  StorageResult<std::optional<ValuePtr>> GetRef(ByteView key, LookupMode mode,
                                                AccessOptions opts = {}) const;
  // nearcore Trie::deref_optimized: the value bytes; tracked and recorded.
  StorageResult<Bytes> Deref(const ValuePtr& value, AccessOptions opts = {}) const;
  // GetRef(kMemOrFlatOrTrie) + Deref. A leaf value (<= 4000 bytes) read from
  // the NodeSource is then kept in memory with its node (like nearcore's
  // memtrie inlines such values), so later reads skip the source.
  StorageResult<std::optional<Bytes>> Get(ByteView key, AccessOptions opts = {}) const;
  // nearcore Trie::contains_key_mode (never dereferences the value).
  StorageResult<bool> ContainsKey(ByteView key, LookupMode mode = LookupMode::kMemOrFlatOrTrie,
                                  AccessOptions opts = {}) const;

  // Applies `changes` in order (nearcore Trie::update: each change is an
  // insert or a delete; deleting a missing key is a no-op) and returns the
  // new version. Existing nodes on every changed path are recorded (if a
  // recorder is attached). The Trie itself is unchanged.
  StorageResult<TrieUpdateOutput> Update(const std::vector<KeyChange>& changes,
                                         const UpdateOptions& options = {},
                                         AccessOptions opts = {}) const;
  // The same without copying: the referenced bytes must stay valid until it
  // returns.
  StorageResult<TrieUpdateOutput> UpdateRefs(const std::vector<KeyChangeRef>& changes,
                                             const UpdateOptions& options = {},
                                             AccessOptions opts = {}) const;

  // Subtree memory usage stored in the root (0 for the empty trie).
  StorageResult<uint64_t> RootMemoryUsage() const;

  // --- Internal: used by the updater, iterator and proofs. ---
  // Loads the node in `*slot` if it is a stub (replacing the stub), then
  // records/tracks the visit. Returns the loaded node.
  StorageResult<Node*> Visit(Node** slot, bool track, AccessOptions opts) const;
  // Loads a stub without touching any slot; `bytes` receives the stored
  // bytes. Used when there is no slot to update.
  StorageResult<NodeRef> LoadStub(const Node* stub, Bytes* bytes) const;
  // Records the node (serializing it unless `bytes` is given).
  void RecordNode(const Node* n, const Bytes* bytes, AccessOptions opts) const;
  Node** root_slot() const { return root_->node ? RootSlot() : nullptr; }

 private:
  Node** RootSlot() const;
  // `owner_slot` (optional) receives the slot holding the value's node.
  StorageResult<std::optional<ValuePtr>> Lookup(ByteView key, bool track, AccessOptions opts,
                                                Node*** owner_slot = nullptr) const;

  std::shared_ptr<RootCell> root_;
  NodeSource* source_ = nullptr;
  TrieRecorder* recorder_ = nullptr;
  bool charge_reads_ = false;
};

}  // namespace nearrt::store
