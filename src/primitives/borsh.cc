#include "primitives/borsh.h"

namespace nearrt {
namespace {

Unexpected<Error> Truncated(size_t need, size_t have) {
  return Err("borsh: unexpected end of input (need " + std::to_string(need) + " bytes, have " +
             std::to_string(have) + ")");
}

}  // namespace

Result<uint64_t> BorshReader::Le(int n) {
  if (remaining() < static_cast<size_t>(n)) return Truncated(n, remaining());
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v |= uint64_t(in_[pos_ + i]) << (8 * i);
  pos_ += n;
  return v;
}

Result<uint8_t> BorshReader::U8() {
  NEARRT_ASSIGN_OR_RETURN(uint64_t v, Le(1));
  return static_cast<uint8_t>(v);
}

Result<bool> BorshReader::Bool() {
  NEARRT_ASSIGN_OR_RETURN(uint8_t v, U8());
  if (v > 1) return Err("borsh: invalid bool value " + std::to_string(v));
  return v == 1;
}

Result<uint16_t> BorshReader::U16() {
  NEARRT_ASSIGN_OR_RETURN(uint64_t v, Le(2));
  return static_cast<uint16_t>(v);
}

Result<uint32_t> BorshReader::U32() {
  NEARRT_ASSIGN_OR_RETURN(uint64_t v, Le(4));
  return static_cast<uint32_t>(v);
}

Result<uint64_t> BorshReader::U64() { return Le(8); }

Result<uint128> BorshReader::U128() {
  NEARRT_ASSIGN_OR_RETURN(uint64_t lo, Le(8));
  NEARRT_ASSIGN_OR_RETURN(uint64_t hi, Le(8));
  return (uint128(hi) << 64) | lo;
}

Result<ByteView> BorshReader::Fixed(size_t n) {
  if (remaining() < n) return Truncated(n, remaining());
  ByteView v = in_.subspan(pos_, n);
  pos_ += n;
  return v;
}

Result<ByteView> BorshReader::BytesView() {
  NEARRT_ASSIGN_OR_RETURN(uint32_t n, U32());
  return Fixed(n);
}

Result<nearrt::Bytes> BorshReader::Bytes() {
  NEARRT_ASSIGN_OR_RETURN(ByteView v, BytesView());
  return nearrt::Bytes(v.begin(), v.end());
}

Result<std::string> BorshReader::String() {
  NEARRT_ASSIGN_OR_RETURN(ByteView v, BytesView());
  std::string s(AsString(v));
  if (!IsValidUtf8(s)) return Err("borsh: string is not valid UTF-8");
  return s;
}

Status BorshReader::ExpectEnd() const {
  if (!AtEnd()) {
    return Err("borsh: " + std::to_string(remaining()) + " unexpected trailing bytes");
  }
  return OkStatus();
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    uint8_t c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      uint8_t cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace nearrt
