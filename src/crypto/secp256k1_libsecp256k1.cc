// Native secp256k1 through Debian's libsecp256k1 (recovery module), the same
// library nearcore reaches through the `secp256k1` 0.27 crate
// (secp256k1-sys 0.8.1 vendors it). The call sequences mirror
// core/crypto/src/signature.rs (`recover`, `Signature::verify`, `sign`).
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <algorithm>

#include "crypto/secp256k1.h"

namespace nearrt::crypto {
namespace {

const secp256k1_context* Context() {
  // Since libsecp256k1 0.2 every context can sign and verify. Created once,
  // never freed.
  static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return ctx;
}

std::array<uint8_t, 64> SerializeXY(const secp256k1_pubkey& pk) {
  uint8_t buf[65];
  size_t len = sizeof(buf);
  secp256k1_ec_pubkey_serialize(Context(), buf, &len, &pk, SECP256K1_EC_UNCOMPRESSED);
  std::array<uint8_t, 64> out;
  std::copy(buf + 1, buf + 65, out.begin());
  return out;
}

}  // namespace

std::optional<std::array<uint8_t, 64>> EcRecover(std::span<const uint8_t, 32> hash,
                                                 std::span<const uint8_t, 64> sig, uint8_t v,
                                                 bool check_malleability) {
  // v >= 4 would trip libsecp256k1's argument check (which aborts).
  if (v >= 4) return std::nullopt;
  if (!Secp256k1CheckSignatureValues(sig, check_malleability)) return std::nullopt;
  secp256k1_ecdsa_recoverable_signature rs;
  if (!secp256k1_ecdsa_recoverable_signature_parse_compact(Context(), &rs, sig.data(), v)) {
    return std::nullopt;
  }
  secp256k1_pubkey pk;
  if (!secp256k1_ecdsa_recover(Context(), &pk, &rs, hash.data())) return std::nullopt;
  return SerializeXY(pk);
}

bool Secp256k1VerifyNear(std::span<const uint8_t, 65> sig, std::span<const uint8_t, 32> msg_hash,
                         std::span<const uint8_t, 64> public_key) {
  if (sig[64] >= 4) return false;  // RecoveryId::from_i32
  secp256k1_ecdsa_recoverable_signature rs;
  if (!secp256k1_ecdsa_recoverable_signature_parse_compact(Context(), &rs, sig.data(), sig[64])) {
    return false;
  }
  secp256k1_ecdsa_signature standard;
  secp256k1_ecdsa_recoverable_signature_convert(Context(), &standard, &rs);
  uint8_t key[65];
  key[0] = 0x04;
  std::copy(public_key.begin(), public_key.end(), key + 1);
  secp256k1_pubkey pk;
  if (!secp256k1_ec_pubkey_parse(Context(), &pk, key, sizeof(key))) return false;
  return secp256k1_ecdsa_verify(Context(), &standard, msg_hash.data(), &pk) == 1;
}

std::optional<std::array<uint8_t, 65>> Secp256k1Sign(std::span<const uint8_t, 32> secret_key,
                                                     std::span<const uint8_t, 32> msg_hash) {
  if (!secp256k1_ec_seckey_verify(Context(), secret_key.data())) return std::nullopt;
  secp256k1_ecdsa_recoverable_signature rs;
  if (!secp256k1_ecdsa_sign_recoverable(Context(), &rs, msg_hash.data(), secret_key.data(),
                                        nullptr, nullptr)) {
    return std::nullopt;
  }
  std::array<uint8_t, 65> out;
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(Context(), out.data(), &recid, &rs);
  out[64] = uint8_t(recid);
  return out;
}

std::optional<std::array<uint8_t, 64>> Secp256k1PublicKey(std::span<const uint8_t, 32> secret_key) {
  secp256k1_pubkey pk;
  if (!secp256k1_ec_pubkey_create(Context(), &pk, secret_key.data())) return std::nullopt;
  return SerializeXY(pk);
}

}  // namespace nearrt::crypto
