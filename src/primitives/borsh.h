// Borsh (https://borsh.io) encoding as nearcore uses it: little-endian
// integers, u32-length-prefixed byte vectors and strings, u8 enum tags,
// Option = 0 | 1 + value. BorshReader is bounds-checked and returns errors
// instead of crashing on truncated or malformed input.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt {

using uint128 = unsigned __int128;

class BorshWriter {
 public:
  BorshWriter() = default;
  explicit BorshWriter(size_t reserve) { out_.reserve(reserve); }

  void U8(uint8_t v) { out_.push_back(v); }
  void Bool(bool v) { out_.push_back(v ? 1 : 0); }
  void U16(uint16_t v) { Le(v, 2); }
  void U32(uint32_t v) { Le(v, 4); }
  void U64(uint64_t v) { Le(v, 8); }
  void U128(uint128 v) {
    Le(static_cast<uint64_t>(v), 8);
    Le(static_cast<uint64_t>(v >> 64), 8);
  }
  // Raw bytes with no length prefix ([u8; N] and CryptoHash).
  void Fixed(ByteView v) { out_.insert(out_.end(), v.begin(), v.end()); }
  // Vec<u8>: u32 length + bytes. REQUIRES: v.size() < 2^32.
  void Bytes(ByteView v) {
    U32(static_cast<uint32_t>(v.size()));
    Fixed(v);
  }
  void String(std::string_view s) { Bytes(AsBytes(s)); }
  // Vec<T>: u32 count, then each item written by `write(writer, item)`.
  template <class T, class F>
  void Vector(const std::vector<T>& items, F write) {
    U32(static_cast<uint32_t>(items.size()));
    for (const T& item : items) write(*this, item);
  }
  template <class T, class F>
  void Option(const std::optional<T>& v, F write) {
    if (v) {
      U8(1);
      write(*this, *v);
    } else {
      U8(0);
    }
  }

  const nearrt::Bytes& data() const { return out_; }
  nearrt::Bytes Take() { return std::move(out_); }
  size_t size() const { return out_.size(); }

 private:
  void Le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  nearrt::Bytes out_;
};

class BorshReader {
 public:
  explicit BorshReader(ByteView in) : in_(in) {}

  Result<uint8_t> U8();
  Result<bool> Bool();  // only 0 or 1
  Result<uint16_t> U16();
  Result<uint32_t> U32();
  Result<uint64_t> U64();
  Result<uint128> U128();
  // n raw bytes (no prefix), as a view into the input.
  Result<ByteView> Fixed(size_t n);
  // Vec<u8>.
  Result<nearrt::Bytes> Bytes();
  // Vec<u8> as a view into the input.
  Result<ByteView> BytesView();
  // String: must be valid UTF-8, like Rust's String.
  Result<std::string> String();
  // Vec<T>: `read(reader)` returns Result<T>. The count is not trusted for
  // preallocation.
  template <class T, class F>
  Result<std::vector<T>> Vector(F read) {
    NEARRT_ASSIGN_OR_RETURN(uint32_t n, U32());
    std::vector<T> items;
    items.reserve(n < remaining() ? n : remaining());
    for (uint32_t i = 0; i < n; ++i) {
      NEARRT_ASSIGN_OR_RETURN(T item, read(*this));
      items.push_back(std::move(item));
    }
    return items;
  }
  template <class T, class F>
  Result<std::optional<T>> Option(F read) {
    NEARRT_ASSIGN_OR_RETURN(uint8_t tag, U8());
    if (tag == 0) return std::optional<T>();
    if (tag != 1) return Err("invalid Option tag " + std::to_string(tag));
    NEARRT_ASSIGN_OR_RETURN(T v, read(*this));
    return std::optional<T>(std::move(v));
  }

  size_t remaining() const { return in_.size() - pos_; }
  size_t position() const { return pos_; }
  bool AtEnd() const { return pos_ == in_.size(); }
  // Error unless all input was consumed (borsh's try_from_slice rule).
  Status ExpectEnd() const;

 private:
  Result<uint64_t> Le(int n);
  ByteView in_;
  size_t pos_ = 0;
};

// True iff `s` is well-formed UTF-8 (what Rust's str accepts).
bool IsValidUtf8(std::string_view s);

}  // namespace nearrt
