// Nibble views of byte strings and the hex-prefix (HP) encoding of trie node
// keys, after nearcore core/store/src/trie/nibble_slice.rs.
//
// A byte key is read high nibble first. HP encoding of n nibbles: first byte
// = (n odd ? 0x10 | nibble[0] : 0x00) | (leaf ? 0x20 : 0), then the remaining
// nibbles packed two per byte. DO NOT CHANGE: the bytes are hashed into state
// roots.
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/bytes.h"

namespace nearrt::store {

class NibbleSlice {
 public:
  NibbleSlice() = default;
  explicit NibbleSlice(ByteView data, size_t offset = 0) : data_(data), offset_(offset) {}

  // The nibbles of an HP-encoded key. REQUIRES: !hp.empty().
  static NibbleSlice FromEncoded(ByteView hp) {
    return NibbleSlice(hp, (hp[0] & 0x10) ? 1 : 2);
  }
  static bool EncodedIsLeaf(ByteView hp) { return (hp[0] & 0x20) != 0; }
  // Number of nibbles of an HP-encoded key. REQUIRES: !hp.empty().
  static size_t EncodedLength(ByteView hp) { return hp.size() * 2 - ((hp[0] & 0x10) ? 1 : 2); }

  size_t size() const { return data_.size() * 2 - offset_; }
  bool empty() const { return size() == 0; }
  uint8_t at(size_t i) const {
    size_t p = offset_ + i;
    return (p & 1) ? (data_[p >> 1] & 0x0f) : (data_[p >> 1] >> 4);
  }
  NibbleSlice Mid(size_t i) const { return NibbleSlice(data_, offset_ + i); }

  size_t CommonPrefix(const NibbleSlice& other) const;
  bool StartsWith(const NibbleSlice& prefix) const {
    return prefix.size() <= size() && CommonPrefix(prefix) == prefix.size();
  }
  bool operator==(const NibbleSlice& other) const {
    return size() == other.size() && CommonPrefix(other) == size();
  }

  // HP encoding of all nibbles (nearcore `encoded`).
  void EncodeTo(bool is_leaf, Bytes* out) const { EncodeLeftmostTo(size(), is_leaf, out); }
  // HP encoding of the first min(n, size()) nibbles (nearcore `encoded_leftmost`).
  void EncodeLeftmostTo(size_t n, bool is_leaf, Bytes* out) const;
  // HP encoding of this slice followed by `other` (nearcore `merge_encoded`).
  void MergeEncodedTo(const NibbleSlice& other, bool is_leaf, Bytes* out) const;

 private:
  ByteView data_;
  size_t offset_ = 0;
};

}  // namespace nearrt::store
