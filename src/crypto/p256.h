// NIST P-256 ECDSA verification as nearcore's p256_verify host function does it
// (runtime/near-vm-runner/src/logic/logic.rs `p256_verify`, NEP-635), which
// uses RustCrypto `p256` 0.13.2 / `ecdsa` 0.16.9:
//   signature  64 bytes r || s, big-endian (`Signature::from_slice`);
//   message    the prehash, any length (`verify_prehash`, NOT hashed here);
//   public key 33 bytes, compressed SEC1 (`VerifyingKey::from_sec1_bytes`).
//
// The CALLER (the VM) does, with logic.rs's gas charges: read sig, HostError
// P256VerifyInvalidInput "invalid signature length" unless 64 bytes; if
// !P256SignatureIsValid(sig) return 0 WITHOUT reading the message or the key;
// read the message, charge p256_verify_byte * len; read the key, HostError
// "invalid public key length" unless 33 bytes; then return
// P256VerifyPrehash(...) ? 1 : 0.
#pragma once

#include <cstdint>
#include <span>

namespace nearrt::crypto {

// `ecdsa::Signature::from_slice`: 1 <= r < n and 1 <= s < n. High s is allowed.
bool P256SignatureIsValid(std::span<const uint8_t, 64> sig);

// The full check after the length checks (it repeats P256SignatureIsValid):
//  - key: tag 0x02 / 0x03, x < p, x^3 - 3x + b a square (y parity from the tag);
//  - prehash -> field bytes (`ecdsa::hazmat::bits2field`): fewer than 16 bytes
//    fails; shorter than 32 is left-padded with zeros; longer keeps the first
//    32 bytes; the value z is then reduced mod n;
//  - standard ECDSA: R = (z/s) G + (r/s) Q; fails at infinity; x(R) mod n == r.
// OpenSSL natively (after the bits2field step), portable code under emcc.
bool P256VerifyPrehash(std::span<const uint8_t, 64> sig, std::span<const uint8_t> prehash,
                       std::span<const uint8_t, 33> public_key);

namespace portable {
// In-project implementation (the default under emcc); tested against OpenSSL.
bool P256VerifyPrehash(std::span<const uint8_t, 64> sig, std::span<const uint8_t> prehash,
                       std::span<const uint8_t, 33> public_key);
}  // namespace portable

// `bits2field` for P-256; false if prehash is shorter than 16 bytes.
bool P256PrehashToField(std::span<const uint8_t> prehash, std::span<uint8_t, 32> out);

}  // namespace nearrt::crypto
