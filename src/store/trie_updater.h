// Internal: applies inserts and deletes to one trie version, producing a new
// version. This follows nearcore's generic insert/delete/squash algorithm
// (core/store/src/trie/ops/{insert_delete,squash}.rs) step by step, because
// the set of existing nodes it touches is protocol-visible: those nodes go
// into the state witness, and a validator replaying the witness must find
// every node nearcore would read.
//
// Existing nodes are copied into a mutable arena when first touched ("moved
// to mutable": refcount -1, recorded); untouched subtrees are referenced by
// pointer and never rehashed. Finish() builds immutable nodes post-order and
// hashes each new node once.
#pragma once

#include <array>
#include <cstring>
#include <cstdint>
#include <vector>

#include "store/accounting.h"
#include "store/node.h"
#include "store/trie.h"
#include "store/trie_changes.h"

namespace nearrt::store {

class TrieUpdater {
 public:
  TrieUpdater(const Trie& trie, bool collect_changes, AccessOptions opts);
  // Moves the root into the arena (nearcore does this before any change).
  StorageStatus Start(size_t expected_changes);
  // `value` must stay valid until Finish returns.
  StorageStatus Insert(ByteView key, ByteView value);
  StorageStatus Delete(ByteView key);
  StorageResult<TrieUpdateOutput> Finish();

 private:
  enum class UKind : uint8_t { kEmpty, kLeaf, kExtension, kBranch };

  // A child: none, an existing node (pointer) or an arena node (index).
  struct UChild {
    uintptr_t v = 0;
    static UChild Old(Node* n) { return {reinterpret_cast<uintptr_t>(n)}; }
    static UChild Updated(uint32_t i) { return {(uintptr_t(i) << 1) | 1}; }
    bool none() const { return v == 0; }
    bool updated() const { return v & 1; }
    uint32_t index() const { return static_cast<uint32_t>(v >> 1); }
    Node* old() const { return reinterpret_cast<Node*>(v); }
  };

  // A value: none, carried by an existing node, or new (index into values_).
  struct UValue {
    enum Kind : uint8_t { kNone, kOld, kNew };
    Kind kind = kNone;
    uint32_t len = 0;
    Node* owner = nullptr;
    uint32_t index = 0;
  };

  // An HP key; short keys (all keys of 32-byte trie keys) avoid the heap.
  class KeyBuf {
   public:
    KeyBuf() = default;
    KeyBuf(const KeyBuf& o) { Assign(o.view()); }
    KeyBuf& operator=(const KeyBuf& o) {
      if (this != &o) Assign(o.view());
      return *this;
    }
    KeyBuf(KeyBuf&& o) noexcept { *this = std::move(o); }
    KeyBuf& operator=(KeyBuf&& o) noexcept {
      size_ = o.size_;
      heap_ = std::move(o.heap_);
      if (size_ <= kInline) std::memcpy(inline_, o.inline_, size_);
      o.size_ = 0;
      return *this;
    }
    void Assign(ByteView v) {
      size_ = static_cast<uint32_t>(v.size());
      if (size_ <= kInline) {
        if (size_) std::memcpy(inline_, v.data(), size_);
        heap_.clear();
      } else {
        heap_.assign(v.begin(), v.end());
      }
    }
    ByteView view() const { return {size_ <= kInline ? inline_ : heap_.data(), size_}; }
    operator ByteView() const { return view(); }
    size_t size() const { return size_; }

   private:
    static constexpr size_t kInline = 40;
    uint8_t inline_[kInline];
    uint32_t size_ = 0;
    Bytes heap_;
  };

  struct UNode {
    UKind kind = UKind::kEmpty;
    UValue value;
    UChild child;         // extension
    uint32_t branch = 0;  // branch: index into branches_
    KeyBuf key;           // leaf, extension: HP-encoded
    uint64_t memory_usage = 0;
  };

  using Children = std::array<UChild, 16>;

  static uint64_t DirectMemoryUsage(const UNode& n);
  uint32_t Place(UNode n);
  UNode Take(uint32_t id);
  uint32_t NewChildren();
  StorageResult<uint32_t> EnsureUpdated(UChild c);
  UValue StoreValue(ByteView value);
  StorageStatus DeleteValue(const UValue& v);
  StorageStatus Squash(uint32_t id);
  StorageStatus ExtendChild(uint32_t id, Bytes extension, UChild child);
  StorageResult<NodeRef> Build(uint32_t id, std::vector<Node*>& built, Bytes* scratch);
  StorageResult<NodeRef> ChildRef(UChild c, std::vector<Node*>& built);

  const Trie& trie_;
  const bool collect_;
  const AccessOptions opts_;
  std::vector<UNode> nodes_;
  std::vector<Children> branches_;
  std::vector<ByteView> values_;  // new values (owned by the caller)
  std::vector<NodeRef> keep_alive_;  // nodes loaded from stubs during the update
  std::vector<uint32_t> path_;
  Bytes enc_;  // scratch for key encoding
  RefcountDeltas deltas_;
};

}  // namespace nearrt::store
