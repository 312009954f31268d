// Native Ed25519 through OpenSSL 3 EVP. OpenSSL's verify (canonical s, lenient
// key decoding, cofactorless equation, byte comparison of R, hash over the raw
// key bytes) accepts exactly what ed25519-dalek's `verify` accepts; see
// ed25519.h and shared/near/crypto.md section 3.3. Importing a raw public key
// does not validate it; an undecodable key fails in EVP_DigestVerify.
#include <openssl/evp.h>

#include <memory>

#include "crypto/ed25519.h"

namespace nearrt::crypto {
namespace {

struct PkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

}  // namespace

bool Ed25519Verify(std::span<const uint8_t, 64> sig, std::span<const uint8_t> msg,
                   std::span<const uint8_t, 32> public_key) {
  PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(),
                                          public_key.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!key || !ctx) return portable::Ed25519Verify(sig, msg, public_key);
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
  static const uint8_t kEmpty = 0;
  const uint8_t* m = msg.empty() ? &kEmpty : msg.data();
  return EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), m, msg.size()) == 1;
}

std::array<uint8_t, 32> Ed25519PublicKeyFromSeed(std::span<const uint8_t, 32> seed) {
  PkeyPtr key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  std::array<uint8_t, 32> out;
  size_t len = out.size();
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), out.data(), &len) != 1 || len != 32) {
    return portable::Ed25519PublicKeyFromSeed(seed);
  }
  return out;
}

std::array<uint8_t, 64> Ed25519Sign(std::span<const uint8_t, 32> seed,
                                    std::span<const uint8_t> msg) {
  PkeyPtr key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::array<uint8_t, 64> sig;
  size_t len = sig.size();
  static const uint8_t kEmpty = 0;
  const uint8_t* m = msg.empty() ? &kEmpty : msg.data();
  if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig.data(), &len, m, msg.size()) != 1 || len != 64) {
    return portable::Ed25519Sign(seed, msg);
  }
  return sig;
}

}  // namespace nearrt::crypto
