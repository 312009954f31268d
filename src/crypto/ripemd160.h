// RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996), as nearcore's ripemd160
// host function computes it (`ripemd::Ripemd160`). The gas formula
// (`ripemd160_block * ((len + 8) / 64 + 1)`) is the VM's job.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace nearrt::crypto {

using Digest20 = std::array<uint8_t, 20>;

// OpenSSL natively (NEARRT_NATIVE_CRYPTO), the portable code under emcc.
Digest20 Ripemd160(std::span<const uint8_t> data);

namespace portable {
// In-project implementation; always compiled, tested against the native one.
Digest20 Ripemd160(std::span<const uint8_t> data);
}  // namespace portable

}  // namespace nearrt::crypto
