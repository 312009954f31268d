#include "store/trie.h"

#include "store/nibbles.h"
#include "store/trie_updater.h"

namespace nearrt::store {

const CryptoHash Trie::kEmptyRoot{};

Trie::Trie() : root_(std::make_shared<RootCell>()) {}

Trie::Trie(std::shared_ptr<RootCell> root, NodeSource* source)
    : root_(root ? std::move(root) : std::make_shared<RootCell>()), source_(source) {}

Trie Trie::FromRootHash(const CryptoHash& root, NodeSource* source) {
  auto cell = std::make_shared<RootCell>();
  if (!root.IsZero()) cell->node = NewStub(root);
  return Trie(std::move(cell), source);
}

Node** Trie::RootSlot() const { return root_->node.slot(); }

StorageResult<NodeRef> Trie::LoadStub(const Node* stub, Bytes* bytes) const {
  if (!source_) {
    return Err(StorageError::Missing(MissingTrieValueContext::kTrieStorage, stub->hash));
  }
  NEARRT_ASSIGN_OR_RETURN(*bytes, source_->Get(stub->hash));
  return NodeFromBytes(*bytes, stub->hash);
}

void Trie::RecordNode(const Node* n, const Bytes* bytes, AccessOptions opts) const {
  if (!opts.record || !recorder_ || recorder_->Contains(n->hash)) return;
  if (bytes) {
    recorder_->Record(n->hash, *bytes);
  } else {
    Bytes serialized;
    SerializeNode(n, &serialized);
    recorder_->Record(n->hash, serialized);
  }
}

StorageResult<Node*> Trie::Visit(Node** slot, bool track, AccessOptions opts) const {
  Node* n = *slot;
  const Bytes* fetched = nullptr;
  Bytes bytes;
  if (n->is_stub()) {
    NEARRT_ASSIGN_OR_RETURN(NodeRef loaded, LoadStub(n, &bytes));
    *slot = loaded.release();
    NodeUnref(n);
    n = *slot;
    fetched = &bytes;
  }
  if (track && opts.tracker) opts.tracker->Track(n->hash);
  RecordNode(n, fetched, opts);
  return n;
}

StorageResult<std::optional<ValuePtr>> Trie::Lookup(ByteView key, bool track,
                                                    AccessOptions opts,
                                                    Node*** owner_slot) const {
  if (!root_->node) return std::optional<ValuePtr>();
  const bool observe = (track && opts.tracker) || (opts.record && recorder_);
  Node** slot = RootSlot();
  NibbleSlice k(key);
  for (;;) {
    Node* n = *slot;
    if (observe || n->is_stub()) {
      NEARRT_ASSIGN_OR_RETURN(n, Visit(slot, track, opts));
    }
    switch (n->kind) {
      case NodeKind::kLeaf:
        if (NibbleSlice::FromEncoded(n->key()) == k) {
          if (owner_slot) *owner_slot = slot;
          return std::optional<ValuePtr>(ValuePtr{NodeRef::Share(n)});
        }
        return std::optional<ValuePtr>();
      case NodeKind::kExtension: {
        NibbleSlice ext = NibbleSlice::FromEncoded(n->key());
        if (!k.StartsWith(ext)) return std::optional<ValuePtr>();
        k = k.Mid(ext.size());
        slot = &n->ext_child();
        break;
      }
      case NodeKind::kBranch: {
        if (k.empty()) {
          if (n->has_value()) return std::optional<ValuePtr>(ValuePtr{NodeRef::Share(n)});
          return std::optional<ValuePtr>();
        }
        Node** child = n->child_slot(k.at(0));
        if (!child) return std::optional<ValuePtr>();
        k = k.Mid(1);
        slot = child;
        break;
      }
      case NodeKind::kStub:
        return Err(StorageError::Inconsistent("unresolved stub in trie walk"));
    }
  }
}

StorageResult<std::optional<ValuePtr>> Trie::GetRef(ByteView key, LookupMode mode,
                                                    AccessOptions opts) const {
  const bool track = mode == LookupMode::kMemOrTrie || charge_reads_;
  return Lookup(key, track, opts);
}

StorageResult<Bytes> Trie::Deref(const ValuePtr& value, AccessOptions opts) const {
  const Node* n = value.owner.get();
  const bool record = opts.record && recorder_;
  if (n->value_inline()) {
    ByteView v = n->inline_value();
    if (opts.tracker || record) {
      CryptoHash h = n->ValueHash();
      if (opts.tracker) opts.tracker->Track(h);
      if (record) recorder_->Record(h, v);
    }
    return Bytes(v.begin(), v.end());
  }
  const CryptoHash h = *n->stored_value_hash();
  if (opts.tracker) opts.tracker->Track(h);
  if (!source_) return Err(StorageError::Missing(MissingTrieValueContext::kTrieStorage, h));
  NEARRT_ASSIGN_OR_RETURN(Bytes bytes, source_->Get(h));
  if (record) recorder_->Record(h, bytes);
  return bytes;
}

StorageResult<std::optional<Bytes>> Trie::Get(ByteView key, AccessOptions opts) const {
  Node** slot = nullptr;
  NEARRT_ASSIGN_OR_RETURN(std::optional<ValuePtr> ref,
                          Lookup(key, charge_reads_, opts, &slot));
  if (!ref) return std::optional<Bytes>();
  NEARRT_ASSIGN_OR_RETURN(Bytes v, Deref(*ref, opts));
  Node* n = ref->owner.get();
  if (slot && *slot == n && !n->value_inline() && v.size() <= kValueHashThreshold) {
    // Same node (same bytes, same hash), now carrying its value.
    ValueSpec spec{static_cast<uint32_t>(v.size()), true, v.data(), n->stored_value_hash()};
    NodeRef cached = NewLeaf(n->key(), spec, nullptr);
    cached->hash = n->hash;
    *slot = cached.release();
    NodeUnref(n);  // the slot's reference; `ref` still holds its own
  }
  return std::optional<Bytes>(std::move(v));
}

StorageResult<bool> Trie::ContainsKey(ByteView key, LookupMode mode, AccessOptions opts) const {
  NEARRT_ASSIGN_OR_RETURN(std::optional<ValuePtr> ref, GetRef(key, mode, opts));
  return ref.has_value();
}

StorageResult<uint64_t> Trie::RootMemoryUsage() const {
  if (!root_->node) return uint64_t{0};
  NEARRT_ASSIGN_OR_RETURN(Node* n, Visit(RootSlot(), false, AccessOptions::NoSideEffects()));
  return n->memory_usage();
}

StorageResult<TrieUpdateOutput> Trie::Update(const std::vector<KeyChange>& changes,
                                             const UpdateOptions& options,
                                             AccessOptions opts) const {
  std::vector<KeyChangeRef> refs;
  refs.reserve(changes.size());
  for (const KeyChange& c : changes) {
    refs.push_back(KeyChangeRef{c.key, c.value ? std::optional<ByteView>(*c.value) : std::nullopt});
  }
  return UpdateRefs(refs, options, opts);
}

StorageResult<TrieUpdateOutput> Trie::UpdateRefs(const std::vector<KeyChangeRef>& changes,
                                                 const UpdateOptions& options,
                                                 AccessOptions opts) const {
  for (const KeyChangeRef& c : changes) {
    if (c.key.size() > kMaxTrieKeyLen) {
      return Err(StorageError::InvalidInput("trie key of " + std::to_string(c.key.size()) +
                                            " bytes is longer than the limit of " +
                                            std::to_string(kMaxTrieKeyLen)));
    }
    if (c.value && c.value->size() > UINT32_MAX) {
      return Err(StorageError::InvalidInput("value longer than 4 GiB"));
    }
  }
  TrieUpdater updater(*this, options.collect_changes, opts);
  NEARRT_TRY(updater.Start(changes.size()));
  for (const KeyChangeRef& c : changes) {
    if (c.value) {
      NEARRT_TRY(updater.Insert(c.key, *c.value));
    } else {
      NEARRT_TRY(updater.Delete(c.key));
    }
  }
  return updater.Finish();
}

}  // namespace nearrt::store
