#include "store/node.h"

#include "store/node_arena.h"

#include <new>
#include <vector>

namespace nearrt::store {

// Layout offsets inside Node::Body(); see node.h.
namespace {
constexpr size_t kLeafVlen = 0;
constexpr size_t kLeafHash = 4;
constexpr size_t kMem = 0;
constexpr size_t kExtKey = 16;
constexpr size_t kBranchMask = 8;
constexpr size_t kBranchVlen = 12;
constexpr size_t kBranchHash = 16;

uint32_t LoadU32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
uint64_t LoadU64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
void StoreU32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }
void StoreU64(uint8_t* p, uint64_t v) { std::memcpy(p, &v, 8); }

uint8_t ValueFlags(const ValueSpec& v) {
  uint8_t f = Node::kHasValue;
  if (v.loaded) f |= Node::kValueInline;
  if (!v.loaded || v.len > kValueHashThreshold) f |= Node::kValueHash;
  return f;
}

void CopyValueHash(uint8_t* dst, const ValueSpec& v) {
  CryptoHash h = v.hash ? *v.hash : CryptoHash::Of(ByteView(v.bytes, v.len));
  std::memcpy(dst, h.bytes.data(), 32);
}

}  // namespace

struct NodeFactory {
  static Node* Alloc(size_t body, NodeKind kind, uint8_t flags, uint16_t key_len) {
    Node* n = static_cast<Node*>(ArenaAlloc(sizeof(Node) + body));
    n->refs = 1;
    n->kind = kind;
    n->flags = flags;
    n->key_len = key_len;
    std::memset(n->hash.bytes.data(), 0, 32);
    return n;
  }
  static uint8_t* Body(Node* n) { return n->Body(); }
};

const uint8_t* Node::KeyPtr() const {
  if (kind == NodeKind::kLeaf) return Body() + kLeafHash + ((flags & kValueHash) ? 32 : 0);
  return Body() + kExtKey;
}

uint64_t Node::memory_usage() const {
  if (kind == NodeKind::kLeaf) return LeafMemoryUsage(key_len, value_len());
  return LoadU64(Body() + kMem);
}

uint32_t Node::value_len() const {
  if (kind == NodeKind::kLeaf) return LoadU32(Body() + kLeafVlen);
  return LoadU32(Body() + kBranchVlen);
}

ByteView Node::inline_value() const {
  const uint8_t* p;
  if (kind == NodeKind::kLeaf) {
    p = KeyPtr() + key_len;
  } else {
    p = Body() + BranchChildrenOffset() + sizeof(Node*) * child_count();
  }
  return {p, value_len()};
}

const CryptoHash* Node::stored_value_hash() const {
  if (!(flags & kValueHash)) return nullptr;
  const uint8_t* p = Body() + (kind == NodeKind::kLeaf ? kLeafHash : kBranchHash);
  return reinterpret_cast<const CryptoHash*>(p);
}

CryptoHash Node::ValueHash() const {
  if (const CryptoHash* h = stored_value_hash()) return *h;
  return CryptoHash::Of(inline_value());
}

void NodeUnref(Node* n) {
  if (--n->refs != 0) return;
  std::vector<Node*> dead{n};
  while (!dead.empty()) {
    Node* d = dead.back();
    dead.pop_back();
    if (d->kind == NodeKind::kExtension) {
      Node* c = d->ext_child();
      if (--c->refs == 0) dead.push_back(c);
    } else if (d->kind == NodeKind::kBranch) {
      Node** kids = d->children();
      for (int i = 0, k = d->child_count(); i < k; ++i) {
        if (--kids[i]->refs == 0) dead.push_back(kids[i]);
      }
    }
    ArenaFree(d, NodeAllocSize(d));
  }
}

void SerializeNode(const Node* n, Bytes* out) {
  out->clear();
  switch (n->kind) {
    case NodeKind::kLeaf:
      EncodeLeaf(n->key(), n->GetValueRef(), n->memory_usage(), out);
      break;
    case NodeKind::kExtension:
      EncodeExtension(n->key(), n->ext_child()->hash, n->memory_usage(), out);
      break;
    case NodeKind::kBranch: {
      CryptoHash kids[16];
      int k = n->child_count();
      for (int i = 0; i < k; ++i) kids[i] = n->children()[i]->hash;
      ValueRef v;
      if (n->has_value()) v = n->GetValueRef();
      EncodeBranch(n->has_value() ? &v : nullptr, n->mask(), kids, n->memory_usage(), out);
      break;
    }
    case NodeKind::kStub:
      break;
  }
}

namespace {

void FinishHash(Node* n, const ValueSpec* value, Bytes* scratch) {
  if (!scratch) return;  // the caller sets the hash
  // Serialize, supplying the value hash from the spec when the node does not
  // store it (it was computed by the caller or is cheap to recompute).
  if (value && value->hash && !n->stored_value_hash()) {
    scratch->clear();
    ValueRef v{value->len, *value->hash};
    if (n->kind == NodeKind::kLeaf) {
      EncodeLeaf(n->key(), v, n->memory_usage(), scratch);
    } else {
      CryptoHash kids[16];
      int k = n->child_count();
      for (int i = 0; i < k; ++i) kids[i] = n->children()[i]->hash;
      EncodeBranch(&v, n->mask(), kids, n->memory_usage(), scratch);
    }
  } else {
    SerializeNode(n, scratch);
  }
  n->hash = CryptoHash::Of(*scratch);
}

}  // namespace

NodeRef NewLeaf(ByteView hp_key, const ValueSpec& value, Bytes* scratch) {
  uint8_t flags = ValueFlags(value);
  size_t hash_bytes = (flags & Node::kValueHash) ? 32 : 0;
  size_t inline_bytes = value.loaded ? value.len : 0;
  Node* n = NodeFactory::Alloc(4 + hash_bytes + hp_key.size() + inline_bytes, NodeKind::kLeaf,
                               flags, static_cast<uint16_t>(hp_key.size()));
  uint8_t* b = NodeFactory::Body(n);
  StoreU32(b + kLeafVlen, value.len);
  if (hash_bytes) CopyValueHash(b + kLeafHash, value);
  uint8_t* key = b + kLeafHash + hash_bytes;
  if (!hp_key.empty()) std::memcpy(key, hp_key.data(), hp_key.size());
  if (inline_bytes) std::memcpy(key + hp_key.size(), value.bytes, inline_bytes);
  FinishHash(n, &value, scratch);
  return NodeRef(n);
}

NodeRef NewExtension(ByteView hp_key, NodeRef child, uint64_t memory_usage, Bytes* scratch) {
  Node* n = NodeFactory::Alloc(kExtKey + hp_key.size(), NodeKind::kExtension, 0,
                               static_cast<uint16_t>(hp_key.size()));
  uint8_t* b = NodeFactory::Body(n);
  StoreU64(b + kMem, memory_usage);
  n->ext_child() = child.release();
  std::memcpy(b + kExtKey, hp_key.data(), hp_key.size());
  FinishHash(n, nullptr, scratch);
  return NodeRef(n);
}

NodeRef NewBranch(uint16_t mask, Node* const* children, const ValueSpec* value,
                  uint64_t memory_usage, Bytes* scratch) {
  uint8_t flags = value ? ValueFlags(*value) : 0;
  size_t hash_bytes = (flags & Node::kValueHash) ? 32 : 0;
  size_t inline_bytes = (value && value->loaded) ? value->len : 0;
  int count = Popcount16(mask);
  Node* n = NodeFactory::Alloc(kBranchHash + hash_bytes + sizeof(Node*) * count + inline_bytes,
                               NodeKind::kBranch, flags, 0);
  uint8_t* b = NodeFactory::Body(n);
  StoreU64(b + kMem, memory_usage);
  std::memcpy(b + kBranchMask, &mask, 2);
  b[kBranchMask + 2] = b[kBranchMask + 3] = 0;
  StoreU32(b + kBranchVlen, value ? value->len : 0);
  if (hash_bytes) CopyValueHash(b + kBranchHash, *value);
  Node** kids = n->children();
  for (int i = 0; i < count; ++i) kids[i] = children[i];
  if (inline_bytes) {
    std::memcpy(reinterpret_cast<uint8_t*>(kids + count), value->bytes, inline_bytes);
  }
  FinishHash(n, value, scratch);
  return NodeRef(n);
}

NodeRef NewStub(const CryptoHash& hash) {
  Node* n = NodeFactory::Alloc(0, NodeKind::kStub, 0, 0);
  n->hash = hash;
  return NodeRef(n);
}

StorageResult<NodeRef> NodeFromBytes(ByteView bytes, const CryptoHash& hash) {
  NEARRT_ASSIGN_OR_RETURN(RawNodeView raw, DecodeRawNode(bytes));
  if (raw.key.size() > kMaxNodeKeyLen) {
    return Err(StorageError::Inconsistent("trie node key too long in " + hash.ToBase58()));
  }
  NodeRef node;
  switch (raw.kind) {
    case RawNodeKind::kLeaf: {
      ValueSpec v{raw.value.length, false, nullptr, &raw.value.hash};
      if (raw.memory_usage != LeafMemoryUsage(raw.key.size(), raw.value.length)) {
        return Err(StorageError::Inconsistent("leaf memory usage mismatch in " + hash.ToBase58()));
      }
      node = NewLeaf(raw.key, v, nullptr);
      break;
    }
    case RawNodeKind::kExtension:
      node = NewExtension(raw.key, NewStub(raw.child), raw.memory_usage, nullptr);
      break;
    case RawNodeKind::kBranchNoValue:
    case RawNodeKind::kBranchWithValue: {
      Node* kids[16];
      int count = Popcount16(raw.mask);
      for (int i = 0; i < count; ++i) {
        CryptoHash h;
        std::memcpy(h.bytes.data(), raw.children + 32 * i, 32);
        kids[i] = NewStub(h).release();
      }
      ValueSpec v{raw.value.length, false, nullptr, &raw.value.hash};
      node = NewBranch(raw.mask, kids, raw.HasValue() ? &v : nullptr, raw.memory_usage, nullptr);
      break;
    }
  }
  // Storage is content-addressed: the bytes are what hashes to `hash`.
  node->hash = hash;
  return node;
}

size_t NodeAllocSize(const Node* n) {
  size_t hash_bytes = (n->flags & Node::kValueHash) ? 32 : 0;
  size_t inline_bytes = n->value_inline() ? n->value_len() : 0;
  switch (n->kind) {
    case NodeKind::kLeaf: return sizeof(Node) + 4 + hash_bytes + n->key_len + inline_bytes;
    case NodeKind::kExtension: return sizeof(Node) + kExtKey + n->key_len;
    case NodeKind::kBranch:
      return sizeof(Node) + kBranchHash + hash_bytes + sizeof(Node*) * n->child_count() +
             inline_bytes;
    case NodeKind::kStub: return sizeof(Node);
  }
  return sizeof(Node);
}

}  // namespace nearrt::store
