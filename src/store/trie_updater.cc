#include "store/trie_updater.h"

#include "store/nibbles.h"

namespace nearrt::store {
namespace {

uint64_t SatAdd(uint64_t a, uint64_t b) { return a + b < a ? UINT64_MAX : a + b; }
uint64_t SatSub(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }

}  // namespace

TrieUpdater::TrieUpdater(const Trie& trie, bool collect_changes, AccessOptions opts)
    : trie_(trie), collect_(collect_changes), opts_(opts) {}

uint64_t TrieUpdater::DirectMemoryUsage(const UNode& n) {
  switch (n.kind) {
    case UKind::kEmpty:
      return 0;
    case UKind::kLeaf:
      return LeafMemoryUsage(n.key.size(), n.value.len);
    case UKind::kExtension:
      return ExtensionDirectMemoryUsage(n.key.size());
    case UKind::kBranch:
      return kTrieNodeCost + (n.value.kind != UValue::kNone ? ValueMemoryUsage(n.value.len) : 0);
  }
  return 0;
}

uint32_t TrieUpdater::Place(UNode n) {
  nodes_.push_back(std::move(n));
  return static_cast<uint32_t>(nodes_.size() - 1);
}

TrieUpdater::UNode TrieUpdater::Take(uint32_t id) {
  UNode n = std::move(nodes_[id]);
  nodes_[id] = UNode();
  return n;
}

uint32_t TrieUpdater::NewChildren() {
  branches_.emplace_back();
  return static_cast<uint32_t>(branches_.size() - 1);
}

// nearcore move_node_to_mutable / convert_existing_to_updated.
StorageResult<uint32_t> TrieUpdater::EnsureUpdated(UChild c) {
  if (c.updated()) return c.index();
  Node* n = c.old();
  if (n->is_stub()) {
    Bytes bytes;
    NEARRT_ASSIGN_OR_RETURN(NodeRef loaded, trie_.LoadStub(n, &bytes));
    n = loaded.get();
    keep_alive_.push_back(std::move(loaded));
    trie_.RecordNode(n, &bytes, opts_);
  } else {
    trie_.RecordNode(n, nullptr, opts_);
  }
  if (collect_) deltas_.Subtract(n->hash);
  UNode u;
  u.memory_usage = n->memory_usage();
  if (n->has_value()) {
    u.value.kind = UValue::kOld;
    u.value.len = n->value_len();
    u.value.owner = n;
  }
  switch (n->kind) {
    case NodeKind::kLeaf:
      u.kind = UKind::kLeaf;
      u.key.Assign(n->key());
      break;
    case NodeKind::kExtension:
      u.kind = UKind::kExtension;
      u.key.Assign(n->key());
      u.child = UChild::Old(n->ext_child());
      break;
    case NodeKind::kBranch: {
      u.kind = UKind::kBranch;
      u.branch = NewChildren();
      Children& kids = branches_[u.branch];
      Node** slots = n->children();
      unsigned mask = n->mask();
      for (unsigned nib = 0, i = 0; nib < 16; ++nib) {
        if (mask & (1u << nib)) kids[nib] = UChild::Old(slots[i++]);
      }
      break;
    }
    case NodeKind::kStub:
      return Err(StorageError::Inconsistent("stub in trie update"));
  }
  return Place(std::move(u));
}

TrieUpdater::UValue TrieUpdater::StoreValue(ByteView value) {
  UValue v;
  v.kind = UValue::kNew;
  v.len = static_cast<uint32_t>(value.size());
  v.index = static_cast<uint32_t>(values_.size());
  values_.push_back(value);
  return v;
}

// nearcore delete_value: the old value's refcount drops; the value itself is
// neither read nor recorded.
StorageStatus TrieUpdater::DeleteValue(const UValue& v) {
  if (collect_ && v.kind == UValue::kOld) deltas_.Subtract(v.owner->ValueHash());
  // A new value dropped in the same update was never counted.
  return {};
}

StorageStatus TrieUpdater::Start(size_t expected_changes) {
  nodes_.reserve(1 + 2 * expected_changes);
  if (Node** root = trie_.root_slot()) {
    NEARRT_ASSIGN_OR_RETURN(uint32_t id, EnsureUpdated(UChild::Old(*root)));
    (void)id;  // always 0
  } else {
    Place(UNode());
  }
  return {};
}

StorageStatus TrieUpdater::Insert(ByteView key, ByteView value) {
  NibbleSlice partial(key);
  uint32_t id = 0;
  path_.clear();
  for (;;) {
    path_.push_back(id);
    UNode node = Take(id);
    const uint64_t children_mu = SatSub(node.memory_usage, DirectMemoryUsage(node));
    switch (node.kind) {
      case UKind::kEmpty: {
        UNode leaf;
        leaf.kind = UKind::kLeaf;
        partial.EncodeTo(true, &enc_);
        leaf.key.Assign(enc_);
        leaf.value = StoreValue(value);
        leaf.memory_usage = DirectMemoryUsage(leaf);
        nodes_[id] = std::move(leaf);
        goto done;
      }
      case UKind::kBranch: {
        if (partial.empty()) {
          if (node.value.kind != UValue::kNone) NEARRT_TRY(DeleteValue(node.value));
          node.value = StoreValue(value);
          node.memory_usage = children_mu + DirectMemoryUsage(node);
          nodes_[id] = std::move(node);
          goto done;
        }
        const unsigned nib = partial.at(0);
        UChild child = branches_[node.branch][nib];
        uint32_t child_id;
        if (!child.none()) {
          NEARRT_ASSIGN_OR_RETURN(child_id, EnsureUpdated(child));
        } else {
          child_id = Place(UNode());
        }
        branches_[node.branch][nib] = UChild::Updated(child_id);
        node.memory_usage = SatSub(SatAdd(children_mu, DirectMemoryUsage(node)),
                                   nodes_[child_id].memory_usage);
        nodes_[id] = std::move(node);
        id = child_id;
        partial = partial.Mid(1);
        continue;
      }
      case UKind::kLeaf: {
        const NibbleSlice existing = NibbleSlice::FromEncoded(node.key);
        const size_t common = partial.CommonPrefix(existing);
        if (common == existing.size() && common == partial.size()) {
          // Same key: replace the value.
          NEARRT_TRY(DeleteValue(node.value));
          node.value = StoreValue(value);
          node.memory_usage = DirectMemoryUsage(node);
          nodes_[id] = std::move(node);
          goto done;
        }
        if (common == 0) {
          // Turn the leaf into an equivalent branch, then retry at this node.
          UNode branch;
          branch.kind = UKind::kBranch;
          branch.branch = NewChildren();
          uint64_t child_mu = 0;
          if (existing.empty()) {
            branch.value = node.value;
          } else {
            UNode leaf;
            leaf.kind = UKind::kLeaf;
            existing.Mid(1).EncodeTo(true, &enc_);
            leaf.key.Assign(enc_);
            leaf.value = node.value;
            leaf.memory_usage = DirectMemoryUsage(leaf);
            child_mu = leaf.memory_usage;
            const unsigned nib = existing.at(0);
            uint32_t leaf_id = Place(std::move(leaf));
            branches_[branch.branch][nib] = UChild::Updated(leaf_id);
          }
          branch.memory_usage = DirectMemoryUsage(branch) + child_mu;
          nodes_[id] = std::move(branch);
          path_.pop_back();
          continue;
        }
        // Split into extension (common part) + leaf (rest); descend into the leaf.
        UNode leaf;
        leaf.kind = UKind::kLeaf;
        existing.Mid(common).EncodeTo(true, &enc_);
        leaf.key.Assign(enc_);
        leaf.value = node.value;
        leaf.memory_usage = DirectMemoryUsage(leaf);
        uint32_t leaf_id = Place(std::move(leaf));
        UNode ext;
        ext.kind = UKind::kExtension;
        partial.EncodeLeftmostTo(common, false, &enc_);
        ext.key.Assign(enc_);
        ext.child = UChild::Updated(leaf_id);
        ext.memory_usage = DirectMemoryUsage(ext);
        nodes_[id] = std::move(ext);
        id = leaf_id;
        partial = partial.Mid(common);
        continue;
      }
      case UKind::kExtension: {
        const NibbleSlice existing = NibbleSlice::FromEncoded(node.key);
        const size_t common = partial.CommonPrefix(existing);
        if (common == 0) {
          // Turn the extension into a branch, then retry at this node.
          const unsigned nib = existing.at(0);
          UChild child;
          uint64_t child_mu;
          if (existing.size() == 1) {
            child = node.child;
            child_mu = children_mu;
          } else {
            UNode inner;
            inner.kind = UKind::kExtension;
            existing.Mid(1).EncodeTo(false, &enc_);
            inner.key.Assign(enc_);
            inner.child = node.child;
            child_mu = children_mu + DirectMemoryUsage(inner);
            inner.memory_usage = child_mu;
            child = UChild::Updated(Place(std::move(inner)));
          }
          UNode branch;
          branch.kind = UKind::kBranch;
          branch.branch = NewChildren();
          branches_[branch.branch][nib] = child;
          branch.memory_usage = DirectMemoryUsage(branch) + child_mu;
          nodes_[id] = std::move(branch);
          path_.pop_back();
          continue;
        }
        if (common == existing.size()) {
          NEARRT_ASSIGN_OR_RETURN(uint32_t child_id, EnsureUpdated(node.child));
          node.child = UChild::Updated(child_id);
          node.memory_usage = DirectMemoryUsage(node);
          nodes_[id] = std::move(node);
          id = child_id;
          partial = partial.Mid(common);
          continue;
        }
        // Partially shared: shorter extension over an extension of the rest.
        UNode inner;
        inner.kind = UKind::kExtension;
        existing.Mid(common).EncodeTo(false, &enc_);
        inner.key.Assign(enc_);
        inner.child = node.child;
        inner.memory_usage = children_mu + DirectMemoryUsage(inner);
        uint32_t inner_id = Place(std::move(inner));
        UNode outer;
        outer.kind = UKind::kExtension;
        existing.EncodeLeftmostTo(common, false, &enc_);
        outer.key.Assign(enc_);
        outer.child = UChild::Updated(inner_id);
        outer.memory_usage = DirectMemoryUsage(outer);
        nodes_[id] = std::move(outer);
        id = inner_id;
        partial = partial.Mid(common);
        continue;
      }
    }
  }
done:
  for (size_t i = path_.size() - 1; i-- > 0;) {
    nodes_[path_[i]].memory_usage += nodes_[path_[i + 1]].memory_usage;
  }
  return {};
}

StorageStatus TrieUpdater::Delete(ByteView key) {
  NibbleSlice partial(key);
  uint32_t id = 0;
  path_.clear();
  bool deleted = true;
  for (bool walking = true; walking;) {
    path_.push_back(id);
    UNode node = Take(id);
    const uint64_t children_mu = SatSub(node.memory_usage, DirectMemoryUsage(node));
    switch (node.kind) {
      case UKind::kEmpty:
        deleted = false;
        walking = false;
        break;
      case UKind::kLeaf:
        if (NibbleSlice::FromEncoded(node.key) == partial) {
          NEARRT_TRY(DeleteValue(node.value));
          // The slot stays empty.
        } else {
          nodes_[id] = std::move(node);
          deleted = false;
        }
        walking = false;
        break;
      case UKind::kBranch: {
        if (partial.empty()) {
          if (node.value.kind == UValue::kNone) {
            deleted = false;
          } else {
            NEARRT_TRY(DeleteValue(node.value));
            node.value = UValue();
            node.memory_usage = SatAdd(children_mu, DirectMemoryUsage(node));
          }
          nodes_[id] = std::move(node);
          walking = false;
          break;
        }
        const unsigned nib = partial.at(0);
        UChild child = branches_[node.branch][nib];
        if (child.none()) {
          nodes_[id] = std::move(node);
          deleted = false;
          walking = false;
          break;
        }
        NEARRT_ASSIGN_OR_RETURN(uint32_t child_id, EnsureUpdated(child));
        branches_[node.branch][nib] = UChild::Updated(child_id);
        node.memory_usage = SatSub(SatAdd(children_mu, DirectMemoryUsage(node)),
                                   nodes_[child_id].memory_usage);
        nodes_[id] = std::move(node);
        id = child_id;
        partial = partial.Mid(1);
        break;
      }
      case UKind::kExtension: {
        const NibbleSlice existing = NibbleSlice::FromEncoded(node.key);
        const size_t len = existing.size();
        if (existing.CommonPrefix(partial) == len) {
          NEARRT_ASSIGN_OR_RETURN(uint32_t child_id, EnsureUpdated(node.child));
          node.child = UChild::Updated(child_id);
          node.memory_usage = SatSub(SatAdd(children_mu, DirectMemoryUsage(node)),
                                     nodes_[child_id].memory_usage);
          nodes_[id] = std::move(node);
          id = child_id;
          partial = partial.Mid(len);
        } else {
          nodes_[id] = std::move(node);
          deleted = false;
          walking = false;
        }
        break;
      }
    }
  }
  // Recompute memory usage bottom-up and restore the canonical shape.
  uint64_t child_mu = 0;
  for (size_t i = path_.size(); i-- > 0;) {
    const uint32_t node_id = path_[i];
    nodes_[node_id].memory_usage += child_mu;
    if (deleted) NEARRT_TRY(Squash(node_id));
    child_mu = nodes_[node_id].memory_usage;
  }
  return {};
}

// nearcore squash_node.
StorageStatus TrieUpdater::Squash(uint32_t id) {
  UNode node = Take(id);
  switch (node.kind) {
    case UKind::kEmpty:
      return {};
    case UKind::kLeaf:
      return Err(StorageError::Inconsistent("squash reached a leaf"));
    case UKind::kBranch: {
      Children& kids = branches_[node.branch];
      int count = 0;
      unsigned only = 0;
      for (unsigned nib = 0; nib < 16; ++nib) {
        UChild& c = kids[nib];
        if (c.updated() && nodes_[c.index()].kind == UKind::kEmpty) c = UChild();
        if (!c.none()) {
          ++count;
          only = nib;
        }
      }
      if (count == 0) {
        if (node.value.kind != UValue::kNone) {
          // A branch left with only a value becomes a leaf with an empty path.
          UNode leaf;
          leaf.kind = UKind::kLeaf;
          const uint8_t empty_leaf_key[] = {0x20};
          leaf.key.Assign(empty_leaf_key);
          leaf.value = node.value;
          leaf.memory_usage = DirectMemoryUsage(leaf);
          nodes_[id] = std::move(leaf);
        }
        return {};
      }
      if (count == 1 && node.value.kind == UValue::kNone) {
        // One child and no value: becomes an extension of that nibble.
        UChild child = kids[only];
        return ExtendChild(id, Bytes{static_cast<uint8_t>(0x10 | only)}, child);
      }
      nodes_[id] = std::move(node);
      return {};
    }
    case UKind::kExtension:
      return ExtendChild(id, Bytes(node.key.view().begin(), node.key.view().end()), node.child);
  }
  return {};
}

// nearcore extend_child: an extension over `child`, merged with it if the
// child is a leaf or an extension. Loads (and records) an untouched child.
StorageStatus TrieUpdater::ExtendChild(uint32_t id, Bytes extension, UChild child) {
  NEARRT_ASSIGN_OR_RETURN(uint32_t child_id, EnsureUpdated(child));
  UNode c = Take(child_id);
  const uint64_t grandchildren_mu = SatSub(c.memory_usage, DirectMemoryUsage(c));
  const NibbleSlice ext = NibbleSlice::FromEncoded(extension);
  switch (c.kind) {
    case UKind::kEmpty:
      return {};
    case UKind::kLeaf: {
      UNode leaf;
      leaf.kind = UKind::kLeaf;
      ext.MergeEncodedTo(NibbleSlice::FromEncoded(c.key), true, &enc_);
      leaf.key.Assign(enc_);
      leaf.value = c.value;
      leaf.memory_usage = DirectMemoryUsage(leaf);
      nodes_[id] = std::move(leaf);
      return {};
    }
    case UKind::kBranch: {
      const uint64_t branch_mu = c.memory_usage;
      nodes_[child_id] = std::move(c);
      UNode node;
      node.kind = UKind::kExtension;
      node.key.Assign(extension);
      node.child = UChild::Updated(child_id);
      node.memory_usage = branch_mu + DirectMemoryUsage(node);
      nodes_[id] = std::move(node);
      return {};
    }
    case UKind::kExtension: {
      UNode node;
      node.kind = UKind::kExtension;
      ext.MergeEncodedTo(NibbleSlice::FromEncoded(c.key), false, &enc_);
      node.key.Assign(enc_);
      node.child = c.child;
      node.memory_usage = DirectMemoryUsage(node) + grandchildren_mu;
      nodes_[id] = std::move(node);
      return {};
    }
  }
  return {};
}

StorageResult<NodeRef> TrieUpdater::ChildRef(UChild c, std::vector<Node*>& built) {
  if (c.updated()) {
    Node* n = built[c.index()];
    built[c.index()] = nullptr;
    if (!n) return Err(StorageError::Inconsistent("trie update child built twice"));
    return NodeRef(n);
  }
  return NodeRef::Share(c.old());
}

StorageResult<NodeRef> TrieUpdater::Build(uint32_t id, std::vector<Node*>& built, Bytes* scratch) {
  UNode& u = nodes_[id];
  // Value of the node, and its hash when it is new.
  ValueSpec spec;
  CryptoHash new_hash;
  const bool has_value = u.value.kind != UValue::kNone;
  if (u.value.kind == UValue::kNew) {
    const ByteView v = values_[u.value.index];
    new_hash = CryptoHash::Of(v);
    spec = ValueSpec{u.value.len, true, v.data(), &new_hash};
  } else if (u.value.kind == UValue::kOld) {
    const Node* owner = u.value.owner;
    spec.len = owner->value_len();
    spec.hash = owner->stored_value_hash();
    if (owner->value_inline()) {
      spec.loaded = true;
      spec.bytes = owner->inline_value().data();
    }
  }
  NodeRef node;
  switch (u.kind) {
    case UKind::kEmpty:
      return Err(StorageError::Inconsistent("empty node below the root"));
    case UKind::kLeaf:
      if (u.key.size() > kMaxNodeKeyLen) return Err(StorageError::InvalidInput("key too long"));
      node = NewLeaf(u.key, spec, scratch);
      break;
    case UKind::kExtension: {
      if (u.key.size() > kMaxNodeKeyLen) return Err(StorageError::InvalidInput("key too long"));
      NEARRT_ASSIGN_OR_RETURN(NodeRef child, ChildRef(u.child, built));
      node = NewExtension(u.key, std::move(child), u.memory_usage, scratch);
      break;
    }
    case UKind::kBranch: {
      Node* kids[16];
      uint16_t mask = 0;
      int count = 0;
      const Children& c = branches_[u.branch];
      for (unsigned nib = 0; nib < 16; ++nib) {
        if (c[nib].none()) continue;
        NEARRT_ASSIGN_OR_RETURN(NodeRef child, ChildRef(c[nib], built));
        mask |= static_cast<uint16_t>(1u << nib);
        kids[count++] = child.release();
      }
      node = NewBranch(mask, kids, has_value ? &spec : nullptr, u.memory_usage, scratch);
      break;
    }
  }
  if (u.value.kind == UValue::kNew && collect_) deltas_.Add(new_hash, values_[u.value.index]);
  if (collect_) {
    deltas_.Add(node->hash, std::move(*scratch));
    *scratch = Bytes();
  }
  return node;
}

StorageResult<TrieUpdateOutput> TrieUpdater::Finish() {
  TrieUpdateOutput out;
  out.root = std::make_shared<RootCell>();
  const CryptoHash old_root = trie_.root_hash();
  if (nodes_[0].kind != UKind::kEmpty) {
    // Post-order over the arena nodes reachable from the root.
    std::vector<Node*> built(nodes_.size(), nullptr);
    if (collect_) deltas_.Reserve(nodes_.size() + values_.size());
    std::vector<std::pair<uint32_t, bool>> stack{{0, false}};
    Bytes scratch;
    while (!stack.empty()) {
      auto [id, expanded] = stack.back();
      if (!expanded) {
        stack.back().second = true;
        const UNode& u = nodes_[id];
        if (u.kind == UKind::kExtension && u.child.updated()) {
          stack.push_back({u.child.index(), false});
        } else if (u.kind == UKind::kBranch) {
          for (const UChild& c : branches_[u.branch]) {
            if (c.updated()) stack.push_back({c.index(), false});
          }
        }
        continue;
      }
      stack.pop_back();
      auto node = Build(id, built, &scratch);
      if (!node.ok()) {
        for (Node* n : built) {
          if (n) NodeUnref(n);
        }
        return Err(std::move(node).error());
      }
      built[id] = node->release();
    }
    out.root->node = NodeRef(built[0]);
  }
  if (collect_) out.changes = deltas_.Finish(old_root, out.root->hash());
  out.changes.old_root = old_root;
  out.changes.new_root = out.root->hash();
  return out;
}

}  // namespace nearrt::store
