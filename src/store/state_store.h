// StateStore: the state versions of one shard and where their nodes live.
//
//   * In memory (default, and the only kind in the browser build): nodes live
//     only in the in-memory trie; every committed root stays readable until
//     Prune drops it; unreferenced nodes are freed by reference counting.
//   * Persistent (a Backend, e.g. RocksDbBackend): Commit writes the node and
//     value insertions of one applied chunk plus the new head root in ONE
//     atomic batch; the chunk's deletions are kept and applied by Prune
//     (nearcore's TrieChanges / GC scheme). After a crash the head is always
//     a fully written committed root. Nodes are loaded lazily and cached in
//     memory.
//
// Typical use per chunk:
//   TrieUpdate u = store.NewUpdate(store.head());
//   ... Get/Set/Remove/Commit/Rollback ...
//   auto r = u.Finalize(store.update_options());
//   store.Commit(r->trie);
#pragma once

#include <deque>
#include <map>
#include <memory>

#include "store/backend.h"
#include "store/trie.h"
#include "store/trie_update.h"

namespace nearrt::store {

class StateStore {
 public:
  // An in-memory store holding the empty state.
  StateStore();
  // A persistent store over `backend`; reads the committed head.
  static StorageResult<std::unique_ptr<StateStore>> Open(std::unique_ptr<Backend> backend);

  bool persistent() const { return backend_ != nullptr; }
  Backend* backend() const { return backend_.get(); }

  // The last committed root (zero: empty state) and its commit number.
  CryptoHash head() const { return head_; }
  uint64_t head_seq() const { return head_seq_; }

  // The trie at `root`. Unknown roots of an in-memory store give a trie whose
  // every access fails with kMissingTrieValue.
  Trie GetTrie(const CryptoHash& root) const;
  TrieUpdate NewUpdate(const CryptoHash& root) const { return TrieUpdate(GetTrie(root)); }
  // Options for TrieUpdate::Finalize / Trie::Update: collect TrieChanges only
  // when they will be persisted.
  UpdateOptions update_options() const { return UpdateOptions{persistent()}; }

  // Makes `out.root` the head (see the class comment).
  StorageStatus Commit(const TrieUpdateOutput& out);
  // Keeps the last `keep` committed states (>= 1) and drops older ones.
  StorageStatus Prune(size_t keep);
  // Forgets cached nodes of persisted roots (they reload on demand).
  void DropCaches();

 private:
  explicit StateStore(std::unique_ptr<Backend> backend);
  void Remember(uint64_t seq, std::shared_ptr<RootCell> cell);

  std::unique_ptr<Backend> backend_;
  CryptoHash head_;
  uint64_t head_seq_ = 0;
  uint64_t gc_tail_ = 1;  // oldest commit whose deletions are not applied
  mutable std::map<CryptoHash, std::shared_ptr<RootCell>> roots_;
  std::deque<std::pair<uint64_t, CryptoHash>> history_;  // (seq, root), ascending
};

}  // namespace nearrt::store
