// SHA-256 (FIPS 180-4). Used for code hashes, trie node hashes and the sha256
// host function. The Sha256 class is the portable implementation everywhere;
// the one-shot Sha256Hash uses OpenSSL natively (NEARRT_NATIVE_CRYPTO, several
// times faster with SHA-NI) and the portable code under emcc. Results are
// identical (tested).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace nearrt::crypto {

using Digest32 = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void Update(std::span<const uint8_t> data);
  Digest32 Finish();

 private:
  void Compress(const uint8_t* block);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_len_ = 0;
};

Digest32 Sha256Hash(std::span<const uint8_t> data);

namespace portable {
// The in-project one-shot hash (what Sha256Hash is under emcc).
Digest32 Sha256Hash(std::span<const uint8_t> data);
}  // namespace portable

}  // namespace nearrt::crypto
