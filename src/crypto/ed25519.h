// Ed25519 signatures with exactly the acceptance rules of ed25519-dalek 2.2's
// non-strict `VerifyingKey::verify`, which nearcore uses both for the
// ed25519_verify host function (runtime/near-vm-runner/src/logic/logic.rs)
// and for transaction / access-key signatures (core/crypto/src/signature.rs,
// `Signature::verify`):
//  - s = sig[32..64] must be canonical (s < L), else reject;
//  - A = public_key is decoded leniently (`CompressedEdwardsY::decompress`):
//    y >= p is reduced, x = 0 with the sign bit set is accepted, small-order
//    and mixed-order keys are accepted; only a y without a matching x fails;
//  - k = SHA-512(R || A_bytes_as_given || msg) mod L;
//  - R' = [s]B - [k]A (cofactorless), compressed canonically and compared
//    byte-for-byte with sig[0..32] (so a non-canonical R always fails).
// Natively this is OpenSSL's EVP Ed25519 (same rules, see
// shared/near/crypto.md section 3.3); libsodium is stricter and is not used.
//
// Not done here (the VM's job, logic.rs): the length checks (HostError) and the
// legacy `sig[63] & 0xE0 != 0` early return that skips the message/key reads
// and their gas. Such signatures also fail here (s >= 2^253 > L).
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace nearrt::crypto {

bool Ed25519Verify(std::span<const uint8_t, 64> sig, std::span<const uint8_t> msg,
                   std::span<const uint8_t, 32> public_key);

// RFC 8032 key derivation and deterministic signing from a 32-byte seed
// (nearcore's ED25519 SecretKey is seed || public key). For the runtime's
// tooling and tests; not constant time in the portable build.
std::array<uint8_t, 32> Ed25519PublicKeyFromSeed(std::span<const uint8_t, 32> seed);
std::array<uint8_t, 64> Ed25519Sign(std::span<const uint8_t, 32> seed,
                                    std::span<const uint8_t> msg);

namespace portable {
// In-project implementation (the default under emcc); tested against OpenSSL.
bool Ed25519Verify(std::span<const uint8_t, 64> sig, std::span<const uint8_t> msg,
                   std::span<const uint8_t, 32> public_key);
std::array<uint8_t, 32> Ed25519PublicKeyFromSeed(std::span<const uint8_t, 32> seed);
std::array<uint8_t, 64> Ed25519Sign(std::span<const uint8_t, 32> seed,
                                    std::span<const uint8_t> msg);
}  // namespace portable

}  // namespace nearrt::crypto
