#include "store/nibbles.h"

#include <algorithm>

namespace nearrt::store {

size_t NibbleSlice::CommonPrefix(const NibbleSlice& other) const {
  const size_t n = std::min(size(), other.size());
  size_t i = 0;
  // Fast path: both aligned the same way, compare whole bytes.
  if ((offset_ & 1) == (other.offset_ & 1)) {
    if (offset_ & 1) {
      if (n == 0 || at(0) != other.at(0)) return 0;
      i = 1;
    }
    const uint8_t* a = data_.data() + ((offset_ + i) >> 1);
    const uint8_t* b = other.data_.data() + ((other.offset_ + i) >> 1);
    size_t bytes = (n - i) / 2;
    size_t k = 0;
    while (k < bytes && a[k] == b[k]) ++k;
    i += 2 * k;
  }
  while (i < n && at(i) == other.at(i)) ++i;
  return i;
}

void NibbleSlice::EncodeLeftmostTo(size_t n, bool is_leaf, Bytes* out) const {
  const size_t l = std::min(size(), n);
  out->assign(1 + l / 2, 0);
  size_t i = l % 2;
  (*out)[0] = static_cast<uint8_t>((i == 1 ? 0x10 + at(0) : 0) + (is_leaf ? 0x20 : 0));
  for (; i < l; i += 2) {
    (*out)[i / 2 + 1] = static_cast<uint8_t>(at(i) * 16 + at(i + 1));
  }
}

void NibbleSlice::MergeEncodedTo(const NibbleSlice& other, bool is_leaf, Bytes* out) const {
  const size_t a = size();
  const size_t l = a + other.size();
  auto nib = [&](size_t k) -> uint8_t { return k < a ? at(k) : other.at(k - a); };
  out->assign(1 + l / 2, 0);
  size_t i = l % 2;
  (*out)[0] = static_cast<uint8_t>((i == 1 ? 0x10 + nib(0) : 0) + (is_leaf ? 0x20 : 0));
  for (; i < l; i += 2) {
    (*out)[i / 2 + 1] = static_cast<uint8_t>(nib(i) * 16 + nib(i + 1));
  }
}

}  // namespace nearrt::store
