// State proofs against a root.
//
// A key proof is the wire bytes of every node on the key's path from the root
// (to its leaf, or to the node where the path ends for an absent key) -- the
// same nodes nearcore's recorded storage holds for that lookup
// (Trie::from_recorded_storage(..).get(key) succeeds on exactly this set).
// Verification needs nothing but the root and the proof: it rebuilds the
// hash -> node map and walks the key (trie.md §5).
//
// ViewState reproduces nearcore's view_state with include_proof
// (runtime/runtime/src/state_viewer/mod.rs): the key-values under a prefix
// and the bytes of every node the iterator visited, in visit order.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/raw_node.h"
#include "store/trie.h"

namespace nearrt::store {

struct KeyProof {
  std::vector<Bytes> nodes;     // root first
  std::optional<Bytes> value;   // the value if the key is present
};

StorageResult<KeyProof> ProveKey(const Trie& trie, ByteView key);

// What a proof says about a key.
struct ProvenValue {
  bool present = false;
  ValueRef value;  // when present
};

// Checks that `nodes` prove the presence (and ValueRef) or absence of `key`
// under `root`. Fails if a needed node is missing, a node does not decode,
// or a supplied node is not on the key's path.
Result<ProvenValue> VerifyKeyProof(const CryptoHash& root, ByteView key,
                                   const std::vector<Bytes>& nodes);

// VerifyKeyProof plus, when the key is present, a check that `value` is the
// proven value (length and sha256).
Result<ProvenValue> VerifyKeyProofWithValue(const CryptoHash& root, ByteView key,
                                            const std::vector<Bytes>& nodes,
                                            const std::optional<Bytes>& value);

struct ViewStateResult {
  std::vector<std::pair<Bytes, Bytes>> values;
  std::vector<Bytes> proof;  // visited nodes (empty unless requested)
};

StorageResult<ViewStateResult> ViewState(const Trie& trie, ByteView prefix, bool include_proof);

}  // namespace nearrt::store
