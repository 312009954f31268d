// Witness-only storage: the nodes and values of a PartialState keyed by
// their sha256 (nearcore TrieMemoryPartialStorage). A trie opened over it
// (Trie::FromRootHash(prev_state_root, &storage)) replays a chunk exactly as
// a stateless validator does; reading anything outside the witness fails
// with StorageError kMissingTrieValue / kTrieMemoryPartialStorage, never a
// silent default.
#pragma once

#include <unordered_map>
#include <unordered_set>

#include "store/node_source.h"
#include "store/recorder.h"

namespace nearrt::store {

class PartialStorage : public NodeSource {
 public:
  explicit PartialStorage(const PartialState& state);
  StorageResult<Bytes> Get(const CryptoHash& hash) override;
  size_t size() const { return items_.size(); }
  // Items that no Get asked for (a witness with extra items is still valid).
  size_t unused() const { return items_.size() - used_.size(); }

 private:
  std::unordered_map<CryptoHash, Bytes, CryptoHashHasher> items_;
  std::unordered_set<CryptoHash, CryptoHashHasher> used_;
};

}  // namespace nearrt::store
