// Byte buffers and the text encodings nearrt prints and parses (hex, base64).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nearrt {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsString(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

std::string HexEncode(ByteView data);
Result<Bytes> HexDecode(std::string_view hex);

// RFC 4648 base64 with padding (what nearcore's JSON uses for bytes).
std::string Base64Encode(ByteView data);
Result<Bytes> Base64Decode(std::string_view text);

// Reads a whole file; a clear error (with the path) if it cannot.
Result<Bytes> ReadFile(const std::string& path);
Status WriteFile(const std::string& path, ByteView data);

}  // namespace nearrt
