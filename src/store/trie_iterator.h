// In-order iteration over a trie's keys, after nearcore's disk trie iterator
// (core/store/src/trie/ops/iter.rs). Every node it enters and every value it
// reads goes through the trie's recorder, exactly like nearcore's
// `disk_iter()` (this is protocol-visible: account deletion iterates).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "store/trie.h"

namespace nearrt::store {

class TrieIterator {
 public:
  explicit TrieIterator(const Trie& trie, AccessOptions opts = {});

  // Positions the iterator on the first key starting with `prefix` and limits
  // iteration to those keys (nearcore seek_prefix).
  StorageStatus SeekPrefix(ByteView prefix);
  // The next (key, value), or nullopt at the end.
  StorageResult<std::optional<std::pair<Bytes, Bytes>>> Next();

  // Keep the wire bytes of every node entered, in visit order (what
  // nearcore's view_state returns as its proof).
  void RememberVisitedNodes(bool on) { remember_ = on; }
  std::vector<Bytes> TakeVisitedNodes() { return std::move(visited_); }

 private:
  enum class Status : uint8_t { kEntering, kAt, kAtChild, kExiting };
  struct Crumb {
    NodeRef node;  // null for the empty trie; owned so that a concurrent
                   // Trie::Get replacing the node in its slot is harmless
    Status status;
    uint8_t child;
    bool prefix_boundary;
  };
  enum class StepKind : uint8_t { kContinue, kPopTrail, kDescend, kValue };
  struct Step {
    StepKind kind;
    Node** slot = nullptr;  // kDescend
    Node* value_owner = nullptr;  // kValue
  };

  StorageStatus Descend(Node** slot);
  Step IterStep();
  Bytes Key() const;

  Trie trie_;
  AccessOptions opts_;
  std::vector<Crumb> trail_;
  std::vector<uint8_t> key_nibbles_;
  bool initialized_ = false;
  bool remember_ = false;
  std::vector<Bytes> visited_;
};

}  // namespace nearrt::store
