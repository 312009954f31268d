// The guest's linear memory as host functions see it. The wasm binding sets
// it before every host call (the memory may have grown since the last one).
#pragma once

#include <cstdint>

namespace nearrt::vm {

struct MemoryView {
  uint8_t* data = nullptr;
  uint64_t size = 0;
  // The engine's dirty-page map (one byte per 64 KiB page) when the memory is
  // recycled between calls: host writes must be marked so that the reset
  // clears them. Null when not tracked.
  uint8_t* dirty = nullptr;

  void MarkWritten(uint64_t ptr, uint64_t len) const {
    if (!dirty || len == 0) return;
    for (uint64_t p = ptr >> 16; p <= (ptr + len - 1) >> 16; ++p) dirty[p] = 1;
  }

  // [ptr, ptr + len) lies inside the memory; computed in u64 without
  // overflow (on a 32-bit host too). A zero-length range at ptr <= size fits.
  bool Fits(uint64_t ptr, uint64_t len) const {
    uint64_t end;
    if (__builtin_add_overflow(ptr, len, &end)) return false;
    return end <= size;
  }
};

}  // namespace nearrt::vm
