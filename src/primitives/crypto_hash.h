// CryptoHash: nearcore's 32-byte hash (core/primitives-core/src/hash.rs).
// Displayed and parsed as base58; CryptoHash::Of(bytes) is plain SHA-256.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt {

struct CryptoHash {
  static constexpr size_t kLength = 32;
  std::array<uint8_t, kLength> bytes{};

  // sha256(data): nearcore's CryptoHash::hash_bytes.
  static CryptoHash Of(ByteView data);
  // Exactly 32 bytes, else an error.
  static Result<CryptoHash> FromBytes(ByteView data);
  // Base58 text that decodes to exactly 32 bytes.
  static Result<CryptoHash> FromBase58(std::string_view text);

  std::string ToBase58() const;
  std::string ToHex() const { return HexEncode(view()); }
  ByteView view() const { return {bytes.data(), bytes.size()}; }
  const uint8_t* data() const { return bytes.data(); }
  // The default (all-zero) hash: nearcore's empty state root.
  bool IsZero() const;

  // Bytewise order. (Written out: emcc's libc++ has no <=> for std::array.)
  std::strong_ordering operator<=>(const CryptoHash& o) const {
    return std::memcmp(bytes.data(), o.bytes.data(), kLength) <=> 0;
  }
  bool operator==(const CryptoHash& o) const {
    return std::memcmp(bytes.data(), o.bytes.data(), kLength) == 0;
  }
};

// For unordered containers keyed by hash (never iterated for results).
struct CryptoHashHasher {
  size_t operator()(const CryptoHash& h) const {
    size_t v;
    std::memcpy(&v, h.bytes.data(), sizeof(v));
    return v;
  }
};

}  // namespace nearrt
