// The public entry points when native crypto libraries are not used (the emcc
// build): each forwards to the in-project implementation in `portable::`.
// Natively the *_openssl.cc / *_libsecp256k1.cc files define them instead.
#include "crypto/ed25519.h"
#include "crypto/p256.h"
#include "crypto/ripemd160.h"
#include "crypto/secp256k1.h"
#include "crypto/sha256.h"

namespace nearrt::crypto {

Digest32 Sha256Hash(std::span<const uint8_t> data) { return portable::Sha256Hash(data); }

Digest20 Ripemd160(std::span<const uint8_t> data) { return portable::Ripemd160(data); }

bool Ed25519Verify(std::span<const uint8_t, 64> sig, std::span<const uint8_t> msg,
                   std::span<const uint8_t, 32> public_key) {
  return portable::Ed25519Verify(sig, msg, public_key);
}

std::array<uint8_t, 32> Ed25519PublicKeyFromSeed(std::span<const uint8_t, 32> seed) {
  return portable::Ed25519PublicKeyFromSeed(seed);
}

std::array<uint8_t, 64> Ed25519Sign(std::span<const uint8_t, 32> seed,
                                    std::span<const uint8_t> msg) {
  return portable::Ed25519Sign(seed, msg);
}

std::optional<std::array<uint8_t, 64>> EcRecover(std::span<const uint8_t, 32> hash,
                                                 std::span<const uint8_t, 64> sig, uint8_t v,
                                                 bool check_malleability) {
  return portable::EcRecover(hash, sig, v, check_malleability);
}

bool Secp256k1VerifyNear(std::span<const uint8_t, 65> sig, std::span<const uint8_t, 32> msg_hash,
                         std::span<const uint8_t, 64> public_key) {
  return portable::Secp256k1VerifyNear(sig, msg_hash, public_key);
}

std::optional<std::array<uint8_t, 65>> Secp256k1Sign(std::span<const uint8_t, 32> secret_key,
                                                     std::span<const uint8_t, 32> msg_hash) {
  return portable::Secp256k1Sign(secret_key, msg_hash);
}

std::optional<std::array<uint8_t, 64>> Secp256k1PublicKey(std::span<const uint8_t, 32> secret_key) {
  return portable::Secp256k1PublicKey(secret_key);
}

bool P256VerifyPrehash(std::span<const uint8_t, 64> sig, std::span<const uint8_t> prehash,
                       std::span<const uint8_t, 33> public_key) {
  return portable::P256VerifyPrehash(sig, prehash, public_key);
}

}  // namespace nearrt::crypto
