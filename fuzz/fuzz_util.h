// Shared helpers of the fuzz targets.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "util/bytes.h"

// A violated property: report and abort, so that libFuzzer records the input
// and fuzz_replay fails.
#define FUZZ_CHECK(cond)                                                                     \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

namespace nearrt::fuzz {

// Consumes a fuzz input front to back; reads past the end give zeros and
// empty pieces, so every input is usable.
class FuzzInput {
 public:
  explicit FuzzInput(ByteView data) : data_(data) {}

  bool empty() const { return pos_ >= data_.size(); }
  size_t remaining() const { return empty() ? 0 : data_.size() - pos_; }
  uint8_t U8() { return empty() ? 0 : data_[pos_++]; }
  uint16_t U16() { return static_cast<uint16_t>(U8() | (U8() << 8)); }
  uint64_t U64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t(U8()) << (8 * i);
    return v;
  }
  // Up to `n` bytes.
  ByteView Take(size_t n) {
    n = std::min(n, remaining());
    ByteView v = data_.subspan(pos_, n);
    pos_ += n;
    return v;
  }
  // A piece with a one-byte length.
  ByteView Short() { return Take(U8()); }
  // A piece with a two-byte length.
  ByteView Long() { return Take(U16()); }
  ByteView Rest() { return Take(remaining()); }

 private:
  ByteView data_;
  size_t pos_ = 0;
};

inline bool Same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

}  // namespace nearrt::fuzz
