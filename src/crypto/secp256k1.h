// secp256k1 ECDSA as nearcore uses it: the ecrecover host function
// (runtime/near-vm-runner/src/logic/logic.rs `ecrecover`) and SECP256K1
// transaction / access-key signatures (core/crypto/src/signature.rs).
// nearcore calls libsecp256k1 through the `secp256k1` 0.27 crate; natively we
// call the same library (Debian libsecp256k1 with the recovery module), under
// emcc the portable code below. Public keys are 64 bytes X || Y (big-endian,
// the uncompressed SEC1 form without its 0x04 prefix); signatures are
// r || s (big-endian) followed, where present, by the recovery id v (0..3).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace nearrt::crypto {

// The ecrecover host function's result after its argument checks.
//
// The CALLER (the VM) must first do, in this order, with the gas charges of
// logic.rs: read sig, HostError ECRecoverError unless its length is 64;
// HostError unless v < 4; read hash, HostError unless its length is 32;
// HostError unless malleability_flag is 0 or 1. Then call this with
// check_malleability = (malleability_flag != 0).
//
// This function does the rest:
//  1. `Secp256K1Signature::check_signature_values(check_malleability)`
//     (core/crypto/src/signature.rs): r < N and s < N, or with
//     check_malleability s < (N-1)/2 + 1 (i.e. s <= N/2); r, s big-endian.
//     r = 0 and s = 0 pass this check.
//  2. `RecoverableSignature::from_compact` + `recover_ecdsa` (libsecp256k1):
//     fails for r = 0 or s = 0; for v & 2 the x-coordinate is r + N, which must
//     be < p; x must lift to a curve point (y parity v & 1); the recovered key
//     must not be the point at infinity. The hash is used as given (reduced
//     mod N), not hashed again.
// Returns the 64-byte public key when logic.rs writes it to the register and
// returns 1; nullopt when logic.rs returns 0. Also nullopt for v >= 4 (which
// the caller must have turned into a HostError).
std::optional<std::array<uint8_t, 64>> EcRecover(std::span<const uint8_t, 32> hash,
                                                 std::span<const uint8_t, 64> sig, uint8_t v,
                                                 bool check_malleability);

// nearcore `Signature::verify` for a SECP256K1 signature and public key:
// v = sig[64] must be 0..3 (otherwise false; its value is not used further);
// r and s must be < N (`from_compact`); the key must be a curve point (x, y < p);
// then libsecp256k1 `secp256k1_ecdsa_verify`, which also requires r, s != 0
// and rejects high s (s > N/2). `msg_hash` is the 32-byte message
// (`secp256k1::Message::from_slice(data)`, which fails for any other length:
// a caller with a non-32-byte message must return false itself).
bool Secp256k1VerifyNear(std::span<const uint8_t, 65> sig, std::span<const uint8_t, 32> msg_hash,
                         std::span<const uint8_t, 64> public_key);

// For tests and tooling: libsecp256k1's deterministic (RFC 6979) recoverable
// signature, r || s || v with low s, as nearcore's `SecretKey::sign` makes it.
// nullopt if the secret key is 0 or >= N.
std::optional<std::array<uint8_t, 65>> Secp256k1Sign(std::span<const uint8_t, 32> secret_key,
                                                     std::span<const uint8_t, 32> msg_hash);
// X || Y of secret_key * G; nullopt if the secret key is 0 or >= N.
std::optional<std::array<uint8_t, 64>> Secp256k1PublicKey(std::span<const uint8_t, 32> secret_key);

namespace portable {
// In-project implementation (the default under emcc); tested against
// libsecp256k1, including byte-identical signatures.
std::optional<std::array<uint8_t, 64>> EcRecover(std::span<const uint8_t, 32> hash,
                                                 std::span<const uint8_t, 64> sig, uint8_t v,
                                                 bool check_malleability);
bool Secp256k1VerifyNear(std::span<const uint8_t, 65> sig, std::span<const uint8_t, 32> msg_hash,
                         std::span<const uint8_t, 64> public_key);
std::optional<std::array<uint8_t, 65>> Secp256k1Sign(std::span<const uint8_t, 32> secret_key,
                                                     std::span<const uint8_t, 32> msg_hash);
std::optional<std::array<uint8_t, 64>> Secp256k1PublicKey(std::span<const uint8_t, 32> secret_key);
}  // namespace portable

// nearcore's `check_signature_values` (shared by both backends).
bool Secp256k1CheckSignatureValues(std::span<const uint8_t, 64> sig, bool reject_upper);

}  // namespace nearrt::crypto
