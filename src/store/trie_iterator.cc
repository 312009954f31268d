#include "store/trie_iterator.h"

#include "store/nibbles.h"

namespace nearrt::store {

TrieIterator::TrieIterator(const Trie& trie, AccessOptions opts) : trie_(trie), opts_(opts) {}

StorageStatus TrieIterator::Descend(Node** slot) {
  // Every descent below the root adds at least one nibble to the path. A path
  // longer than the longest key can only come from a corrupt store whose
  // nodes point back up the trie; stop instead of walking forever.
  if (key_nibbles_.size() > 2 * kMaxTrieKeyLen) {
    return Err(StorageError::Inconsistent("trie path longer than the longest key: a node cycle"));
  }
  Node* n = nullptr;
  if (slot) {
    NEARRT_ASSIGN_OR_RETURN(n, trie_.Visit(slot, /*track=*/false, opts_));
    if (remember_ && opts_.record) {
      Bytes bytes;
      SerializeNode(n, &bytes);
      visited_.push_back(std::move(bytes));
    }
  }
  trail_.push_back(Crumb{NodeRef::Share(n), Status::kEntering, 0, false});
  return {};
}

StorageStatus TrieIterator::SeekPrefix(ByteView prefix) {
  trail_.clear();
  key_nibbles_.clear();
  initialized_ = true;
  NibbleSlice key(prefix);
  Node** slot = trie_.root_slot();
  size_t prev = SIZE_MAX;  // crumb whose prefix_boundary gets set on descent
  for (;;) {
    if (prev != SIZE_MAX) trail_[prev].prefix_boundary = true;
    NEARRT_TRY(Descend(slot));
    prev = trail_.size() - 1;
    Crumb& c = trail_.back();
    Node* n = c.node.get();
    if (!n) break;
    if (n->kind == NodeKind::kLeaf) {
      NibbleSlice existing = NibbleSlice::FromEncoded(n->key());
      if (!existing.StartsWith(key)) {
        for (size_t i = 0; i < existing.size(); ++i) key_nibbles_.push_back(existing.at(i));
        c.status = Status::kExiting;
      }
      break;
    }
    if (n->kind == NodeKind::kBranch) {
      if (key.empty()) break;
      uint8_t idx = key.at(0);
      key_nibbles_.push_back(idx);
      c.status = Status::kAtChild;
      c.child = idx;
      Node** child = n->child_slot(idx);
      if (!child) {
        c.prefix_boundary = true;
        break;
      }
      slot = child;
      key = key.Mid(1);
      continue;
    }
    // Extension.
    NibbleSlice existing = NibbleSlice::FromEncoded(n->key());
    if (key.StartsWith(existing)) {
      key = key.Mid(existing.size());
      slot = &n->ext_child();
      c.status = Status::kAt;
      for (size_t i = 0; i < existing.size(); ++i) key_nibbles_.push_back(existing.at(i));
      continue;
    }
    if (!existing.StartsWith(key)) {
      c.status = Status::kExiting;
      for (size_t i = 0; i < existing.size(); ++i) key_nibbles_.push_back(existing.at(i));
    }
    break;
  }
  return {};
}

TrieIterator::Step TrieIterator::IterStep() {
  Crumb& c = trail_.back();
  Node* n = c.node.get();
  // Advance the crumb's status (nearcore Crumb::increment).
  if (c.prefix_boundary || !n) {
    c.status = Status::kExiting;
  } else if (c.status == Status::kEntering) {
    c.status = Status::kAt;
  } else if (c.status == Status::kAt && n->kind == NodeKind::kBranch) {
    c.status = Status::kAtChild;
    c.child = 0;
  } else if (c.status == Status::kAtChild && c.child < 15) {
    ++c.child;
  } else {
    c.status = Status::kExiting;
  }

  if (c.status == Status::kExiting) {
    if (n) {
      if (n->kind == NodeKind::kBranch) {
        key_nibbles_.pop_back();
      } else {
        size_t len = NibbleSlice::EncodedLength(n->key());
        key_nibbles_.resize(key_nibbles_.size() - len);
      }
    }
    return {StepKind::kPopTrail};
  }
  if (c.status == Status::kAt) {
    if (n->kind == NodeKind::kBranch) {
      return n->has_value() ? Step{StepKind::kValue, nullptr, n} : Step{StepKind::kContinue};
    }
    NibbleSlice key = NibbleSlice::FromEncoded(n->key());
    for (size_t i = 0; i < key.size(); ++i) key_nibbles_.push_back(key.at(i));
    if (n->kind == NodeKind::kLeaf) return {StepKind::kValue, nullptr, n};
    return {StepKind::kDescend, &n->ext_child()};
  }
  // kAtChild of a branch.
  if (c.child == 0) key_nibbles_.push_back(0);
  if (Node** slot = n->child_slot(c.child)) {
    key_nibbles_.back() = c.child;
    return {StepKind::kDescend, slot};
  }
  return {StepKind::kContinue};
}

Bytes TrieIterator::Key() const {
  Bytes out;
  out.reserve(key_nibbles_.size() / 2);
  for (size_t i = 1; i < key_nibbles_.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(key_nibbles_[i - 1] * 16 + key_nibbles_[i]));
  }
  return out;
}

StorageResult<std::optional<std::pair<Bytes, Bytes>>> TrieIterator::Next() {
  using Item = std::optional<std::pair<Bytes, Bytes>>;
  if (!initialized_) {
    NEARRT_TRY(Descend(trie_.root_slot()));
    initialized_ = true;
  }
  while (!trail_.empty()) {
    Step step = IterStep();
    switch (step.kind) {
      case StepKind::kContinue:
        break;
      case StepKind::kPopTrail:
        trail_.pop_back();
        break;
      case StepKind::kDescend:
        NEARRT_TRY(Descend(step.slot));
        break;
      case StepKind::kValue: {
        NEARRT_ASSIGN_OR_RETURN(Bytes value,
                                trie_.Deref(ValuePtr{NodeRef::Share(step.value_owner)}, opts_));
        return Item(std::make_pair(Key(), std::move(value)));
      }
    }
  }
  return Item();
}

}  // namespace nearrt::store
