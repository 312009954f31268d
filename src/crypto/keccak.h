// Keccak-256 / Keccak-512 with the original Keccak padding (pad byte 0x01),
// as used by Ethereum and by nearcore's keccak256/keccak512 host functions
// (`sha3::Keccak256` / `sha3::Keccak512` in runtime/near-vm-runner/src/logic/logic.rs).
// NOT SHA3-256/512 (pad byte 0x06). Portable; the same code runs natively and
// under emcc (OpenSSL 3.0 has no legacy Keccak).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace nearrt::crypto {

std::array<uint8_t, 32> Keccak256(std::span<const uint8_t> data);
std::array<uint8_t, 64> Keccak512(std::span<const uint8_t> data);

// The sponge behind both, exposed so tests can check the permutation and
// absorb/squeeze logic against SHA-3 (same sponge, pad byte 0x06).
// `rate` in bytes (136 for 256-bit output, 72 for 512-bit); `out.size()` <= rate.
void KeccakSponge(std::span<const uint8_t> data, size_t rate, uint8_t pad_byte,
                  std::span<uint8_t> out);

}  // namespace nearrt::crypto
