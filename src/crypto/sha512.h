// SHA-512 (FIPS 180-4). Portable; used by the portable ed25519 code.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace nearrt::crypto {

using Digest64 = std::array<uint8_t, 64>;

class Sha512 {
 public:
  Sha512();
  void Update(std::span<const uint8_t> data);
  Digest64 Finish();

 private:
  void Compress(const uint8_t* block);
  uint64_t h_[8];
  uint8_t buf_[128];
  size_t buf_len_ = 0;
  uint64_t total_len_ = 0;  // bytes; inputs beyond 2^61 bytes are not supported
};

Digest64 Sha512Hash(std::span<const uint8_t> data);

}  // namespace nearrt::crypto
