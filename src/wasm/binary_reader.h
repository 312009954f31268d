// Bounds-checked reader over WebAssembly binary data: LEB128 integers,
// bytes, names. Every read reports failure instead of reading past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nearrt::wasm {

class BinaryReader {
 public:
  BinaryReader(const uint8_t* data, size_t size, size_t base_offset = 0)
      : p_(data), begin_(data), end_(data + size), base_(base_offset) {}

  bool AtEnd() const { return p_ >= end_; }
  size_t Remaining() const { return size_t(end_ - p_); }
  // Offset from the start of the module, for error messages.
  size_t Offset() const { return base_ + size_t(p_ - begin_); }
  const uint8_t* Pos() const { return p_; }
  void Skip(size_t n) { p_ += n; }

  bool ReadU8(uint8_t* out) {
    if (p_ >= end_) return false;
    *out = *p_++;
    return true;
  }
  bool PeekU8(uint8_t* out) const {
    if (p_ >= end_) return false;
    *out = *p_;
    return true;
  }

  // Unsigned LEB128 of at most `bits` bits; rejects overlong encodings and
  // set bits beyond `bits` in the last byte (the spec's "integer too large"
  // and "integer representation too long").
  bool ReadULeb(uint64_t* out, int bits) {
    uint64_t result = 0;
    int shift = 0;
    const int max_bytes = (bits + 6) / 7;
    for (int i = 0; i < max_bytes; ++i) {
      if (p_ >= end_) return false;
      uint8_t b = *p_++;
      if (i == max_bytes - 1) {
        // Unused bits of the last byte must be zero, and it must be final.
        int used = bits - 7 * i;
        if (b & 0x80) return false;
        if (used < 7 && (b >> used) != 0) return false;
      }
      result |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) {
        *out = result;
        return true;
      }
      shift += 7;
    }
    return false;
  }

  bool ReadU32(uint32_t* out) {
    uint64_t v;
    if (!ReadULeb(&v, 32)) return false;
    *out = uint32_t(v);
    return true;
  }

  bool ReadU64(uint64_t* out) { return ReadULeb(out, 64); }

  // Signed LEB128 of at most `bits` bits; the unused bits of the last byte
  // must be a sign extension.
  bool ReadSLeb(int64_t* out, int bits) {
    uint64_t result = 0;
    int shift = 0;
    const int max_bytes = (bits + 6) / 7;
    for (int i = 0; i < max_bytes; ++i) {
      if (p_ >= end_) return false;
      uint8_t b = *p_++;
      if (i == max_bytes - 1) {
        if (b & 0x80) return false;
        int used = bits - 7 * i;  // value bits in this byte, 1..7
        if (used < 7) {
          // The payload bits above `used` must replicate the sign bit.
          uint8_t payload = b & 0x7F;
          uint8_t sign = (payload >> (used - 1)) & 1;
          uint8_t upper = payload >> used;
          uint8_t all = uint8_t((1u << (7 - used)) - 1);
          if (upper != (sign ? all : 0)) return false;
        }
      }
      result |= uint64_t(b & 0x7F) << shift;
      shift += 7;
      if (!(b & 0x80)) {
        if (shift < 64 && (b & 0x40)) result |= ~uint64_t(0) << shift;
        *out = int64_t(result);
        return true;
      }
    }
    return false;
  }

  bool ReadS32(int32_t* out) {
    int64_t v;
    if (!ReadSLeb(&v, 32)) return false;
    *out = int32_t(v);
    return true;
  }
  bool ReadS64(int64_t* out) { return ReadSLeb(out, 64); }
  // Signed 33-bit (block types).
  bool ReadS33(int64_t* out) { return ReadSLeb(out, 33); }

  bool ReadFixed32(uint32_t* out) {
    if (Remaining() < 4) return false;
    std::memcpy(out, p_, 4);  // wasm is little-endian; so are all our targets
    p_ += 4;
    return true;
  }
  bool ReadFixed64(uint64_t* out) {
    if (Remaining() < 8) return false;
    std::memcpy(out, p_, 8);
    p_ += 8;
    return true;
  }

  bool ReadBytes(size_t n, const uint8_t** out) {
    if (Remaining() < n) return false;
    *out = p_;
    p_ += n;
    return true;
  }

  // A length-prefixed UTF-8 name.
  bool ReadName(std::string* out, bool* bad_utf8) {
    uint32_t len;
    *bad_utf8 = false;
    if (!ReadU32(&len)) return false;
    const uint8_t* bytes;
    if (!ReadBytes(len, &bytes)) return false;
    std::string_view sv(reinterpret_cast<const char*>(bytes), len);
    if (!IsValidUtf8(sv)) {
      *bad_utf8 = true;
      return false;
    }
    out->assign(sv);
    return true;
  }

  static bool IsValidUtf8(std::string_view s);

 private:
  const uint8_t* p_;
  const uint8_t* begin_;
  const uint8_t* end_;
  size_t base_;
};

}  // namespace nearrt::wasm
