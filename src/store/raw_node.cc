#include "store/raw_node.h"

#include <bit>
#include <cstring>

#include "primitives/borsh.h"
#include "store/nibbles.h"

namespace nearrt::store {

ValueRef ValueRef::Of(ByteView value) {
  return ValueRef{static_cast<uint32_t>(value.size()), CryptoHash::Of(value)};
}

CryptoHash RawNodeView::Child(unsigned nibble) const {
  unsigned index = std::popcount(static_cast<unsigned>(mask & ((1u << nibble) - 1)));
  CryptoHash h;
  std::memcpy(h.bytes.data(), children + 32 * index, 32);
  return h;
}

namespace {

Result<ValueRef> ReadValueRef(BorshReader& r) {
  ValueRef v;
  NEARRT_ASSIGN_OR_RETURN(v.length, r.U32());
  NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
  std::memcpy(v.hash.bytes.data(), h.data(), 32);
  return v;
}

Result<RawNodeView> Decode(ByteView bytes) {
  BorshReader r(bytes);
  RawNodeView n;
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  switch (tag) {
    case 0: {
      n.kind = RawNodeKind::kLeaf;
      NEARRT_ASSIGN_OR_RETURN(n.key, r.BytesView());
      NEARRT_ASSIGN_OR_RETURN(n.value, ReadValueRef(r));
      break;
    }
    case 1:
    case 2: {
      n.kind = tag == 1 ? RawNodeKind::kBranchNoValue : RawNodeKind::kBranchWithValue;
      if (tag == 2) {
        NEARRT_ASSIGN_OR_RETURN(n.value, ReadValueRef(r));
      }
      NEARRT_ASSIGN_OR_RETURN(n.mask, r.U16());
      NEARRT_ASSIGN_OR_RETURN(ByteView kids, r.Fixed(32 * std::popcount(n.mask)));
      n.children = kids.data();
      break;
    }
    case 3: {
      n.kind = RawNodeKind::kExtension;
      NEARRT_ASSIGN_OR_RETURN(n.key, r.BytesView());
      NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
      std::memcpy(n.child.bytes.data(), h.data(), 32);
      break;
    }
    default:
      return Err("unknown trie node tag " + std::to_string(tag));
  }
  NEARRT_ASSIGN_OR_RETURN(n.memory_usage, r.U64());
  NEARRT_TRY(r.ExpectEnd());
  if ((n.kind == RawNodeKind::kLeaf || n.kind == RawNodeKind::kExtension) && n.key.empty()) {
    return Err("trie node has an empty key");
  }
  // An extension always holds at least one nibble (nearcore never builds one
  // that does not). One without would not advance a walk: in a corrupt store
  // (a node stored under its own child's hash) a lookup would loop forever.
  if (n.kind == RawNodeKind::kExtension && NibbleSlice::EncodedLength(n.key) == 0) {
    return Err("trie extension node has no nibbles");
  }
  return n;
}

}  // namespace

StorageResult<RawNodeView> DecodeRawNode(ByteView bytes) {
  auto r = Decode(bytes);
  if (!r.ok()) return Err(StorageError::Inconsistent("cannot decode trie node: " + r.error().message));
  return *r;
}

void EncodeLeaf(ByteView hp_key, const ValueRef& value, uint64_t memory_usage, Bytes* out) {
  out->push_back(0);
  PutU32(out, static_cast<uint32_t>(hp_key.size()));
  PutBytes(out, hp_key);
  PutU32(out, value.length);
  PutBytes(out, value.hash.view());
  PutU64(out, memory_usage);
}

void EncodeExtension(ByteView hp_key, const CryptoHash& child, uint64_t memory_usage, Bytes* out) {
  out->push_back(3);
  PutU32(out, static_cast<uint32_t>(hp_key.size()));
  PutBytes(out, hp_key);
  PutBytes(out, child.view());
  PutU64(out, memory_usage);
}

void EncodeBranch(const ValueRef* value, uint16_t mask, const CryptoHash* children,
                  uint64_t memory_usage, Bytes* out) {
  if (value) {
    out->push_back(2);
    PutU32(out, value->length);
    PutBytes(out, value->hash.view());
  } else {
    out->push_back(1);
  }
  PutU16(out, mask);
  int n = std::popcount(mask);
  for (int i = 0; i < n; ++i) PutBytes(out, children[i].view());
  PutU64(out, memory_usage);
}

}  // namespace nearrt::store
