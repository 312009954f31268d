// In-memory trie nodes: immutable, reference-counted and shared between
// state versions (structural sharing, like nearcore's memtrie). Every node
// caches its hash; interior nodes cache their subtree memory usage.
//
// A node is one variable-size allocation:
//   header (40 bytes): refs u32 | kind u8 | flags u8 | key_len u16 | hash[32]
//   Leaf:      u32 vlen | [vhash] | key | [value]
//   Extension: u64 mem | Node* child | key
//   Branch:    u64 mem | u16 mask | pad | u32 vlen | [vhash] | Node* children[popcount] | [value]
// [vhash] is present iff flag kValueHash, [value] iff kValueInline.
//
// A kStub node is a hash only: a node persisted in a NodeSource that has not
// been loaded yet. Trie code replaces the stub in its parent's child slot the
// first time it is needed.
//
// Nodes are not thread-safe (no locks, plain reference counts).
#pragma once

#include <cstdint>
#include <cstring>
#include <utility>

#include "primitives/crypto_hash.h"
#include "store/raw_node.h"
#include "store/storage_error.h"
#include "util/bytes.h"

namespace nearrt::store {

// Bits set in a 16-bit mask (portable; std::popcount may become a libcall).
inline int Popcount16(unsigned v) {
  v = v - ((v >> 1) & 0x5555u);
  v = (v & 0x3333u) + ((v >> 2) & 0x3333u);
  v = (v + (v >> 4)) & 0x0f0fu;
  return static_cast<int>((v + (v >> 8)) & 0x1fu);
}

enum class NodeKind : uint8_t { kLeaf = 0, kBranch = 1, kExtension = 2, kStub = 3 };

// Values longer than this keep their hash in the node so that gas accounting
// and recording never rehash them (nearcore INLINE_DISK_VALUE_THRESHOLD).
constexpr uint32_t kValueHashThreshold = 4000;
// Longest HP-encoded key a node can hold (u16 length field).
constexpr size_t kMaxNodeKeyLen = 65535;

struct Node {
  static constexpr uint8_t kHasValue = 1;     // leaf: always; branch: BranchWithValue
  static constexpr uint8_t kValueInline = 2;  // value bytes are in the node
  static constexpr uint8_t kValueHash = 4;    // value hash is in the node

  uint32_t refs;
  NodeKind kind;
  uint8_t flags;
  uint16_t key_len;
  CryptoHash hash;

  bool is_stub() const { return kind == NodeKind::kStub; }
  bool has_value() const { return flags & kHasValue; }
  bool value_inline() const { return flags & kValueInline; }

  // Leaf and extension: the HP-encoded key.
  ByteView key() const { return {KeyPtr(), key_len}; }
  // Extension and branch: subtree memory usage; leaf: computed.
  uint64_t memory_usage() const;

  // Value (leaf or branch with value).
  uint32_t value_len() const;
  // REQUIRES: value_inline().
  ByteView inline_value() const;
  // nullptr unless the node stores the value hash.
  const CryptoHash* stored_value_hash() const;
  // The value hash: stored, or sha256 of the inline value.
  CryptoHash ValueHash() const;
  ValueRef GetValueRef() const { return ValueRef{value_len(), ValueHash()}; }

  // Extension.
  Node*& ext_child() { return *reinterpret_cast<Node**>(Body() + 8); }
  Node* ext_child() const { return *reinterpret_cast<Node* const*>(Body() + 8); }

  // Branch.
  uint16_t mask() const { return *reinterpret_cast<const uint16_t*>(Body() + 8); }
  int child_count() const { return Popcount16(mask()); }
  Node** children() { return reinterpret_cast<Node**>(Body() + BranchChildrenOffset()); }
  Node* const* children() const {
    return reinterpret_cast<Node* const*>(Body() + BranchChildrenOffset());
  }
  // The slot of child `nibble`, or nullptr if absent.
  Node** child_slot(unsigned nibble) {
    unsigned m = mask();
    if (!(m & (1u << nibble))) return nullptr;
    return children() + Popcount16(m & ((1u << nibble) - 1));
  }

 private:
  friend struct NodeFactory;
  uint8_t* Body() { return reinterpret_cast<uint8_t*>(this) + sizeof(Node); }
  const uint8_t* Body() const { return reinterpret_cast<const uint8_t*>(this) + sizeof(Node); }
  size_t BranchChildrenOffset() const {
    return 16 + ((flags & kValueHash) ? 32 : 0);
  }
  const uint8_t* KeyPtr() const;
};
static_assert(sizeof(Node) == 40);

void NodeUnref(Node* n);
inline void NodeRefInc(Node* n) {
  if (n) ++n->refs;
}

// Owning handle (one reference).
class NodeRef {
 public:
  NodeRef() = default;
  // Adopts one reference already counted for `p`.
  explicit NodeRef(Node* p) : p_(p) {}
  static NodeRef Share(Node* p) {
    NodeRefInc(p);
    return NodeRef(p);
  }
  NodeRef(const NodeRef& o) : p_(o.p_) { NodeRefInc(p_); }
  NodeRef(NodeRef&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  NodeRef& operator=(NodeRef o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~NodeRef() {
    if (p_) NodeUnref(p_);
  }
  Node* get() const { return p_; }
  Node* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  Node* release() { return std::exchange(p_, nullptr); }
  // The owned pointer itself, for replacing a stub in place.
  Node** slot() { return &p_; }

 private:
  Node* p_ = nullptr;
};

// Describes the value of a node being built.
struct ValueSpec {
  uint32_t len = 0;
  bool loaded = false;               // the bytes are available
  const uint8_t* bytes = nullptr;    // the value when loaded (may be null if len == 0)
  const CryptoHash* hash = nullptr;  // known hash (REQUIRED when !loaded)
};

// Constructors. Each computes the node hash by serializing the node into
// `scratch`, which holds the node's wire bytes afterwards (with a null
// `scratch` the hash is left zero for the caller to set).
// REQUIRES: hp_key.size() <= kMaxNodeKeyLen.
NodeRef NewLeaf(ByteView hp_key, const ValueSpec& value, Bytes* scratch);
// Takes over `child`'s reference.
NodeRef NewExtension(ByteView hp_key, NodeRef child, uint64_t memory_usage, Bytes* scratch);
// Takes over one reference of each of the popcount(mask) `children` (ascending nibble).
NodeRef NewBranch(uint16_t mask, Node* const* children, const ValueSpec* value,
                  uint64_t memory_usage, Bytes* scratch);
NodeRef NewStub(const CryptoHash& hash);

// Builds a node from its wire bytes (as stored under `hash`); its children
// become stubs and its value is not loaded.
StorageResult<NodeRef> NodeFromBytes(ByteView bytes, const CryptoHash& hash);

// Writes borsh(RawTrieNodeWithSize) of `n` into `out` (cleared first).
// REQUIRES: !n->is_stub().
void SerializeNode(const Node* n, Bytes* out);

// Bytes of heap memory held by the node itself (not its children).
size_t NodeAllocSize(const Node* n);

}  // namespace nearrt::store
