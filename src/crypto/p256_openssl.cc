// Native P-256 ECDSA verification through OpenSSL 3 EVP. OpenSSL checks
// 1 <= r, s < n and decodes the compressed key (x < p, on the curve); the
// RustCrypto-specific prehash rules (bits2field) are applied before the call.
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <memory>

#include "crypto/p256.h"

namespace nearrt::crypto {
namespace {

struct Deleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
};
template <typename T>
using Ptr = std::unique_ptr<T, Deleter>;

// Decodes the 33-byte SEC1 key; null if it is not a valid P-256 point.
Ptr<EVP_PKEY> DecodeKey(std::span<const uint8_t, 33> public_key) {
  if (public_key[0] != 0x02 && public_key[0] != 0x03) return nullptr;
  char group[] = "prime256v1";
  uint8_t key[33];
  std::copy(public_key.begin(), public_key.end(), key);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, key, sizeof(key)),
      OSSL_PARAM_construct_end()};
  Ptr<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    return nullptr;
  }
  return Ptr<EVP_PKEY>(pkey);
}

}  // namespace

bool P256VerifyPrehash(std::span<const uint8_t, 64> sig, std::span<const uint8_t> prehash,
                       std::span<const uint8_t, 33> public_key) {
  if (!P256SignatureIsValid(sig)) return false;
  std::array<uint8_t, 32> field;
  if (!P256PrehashToField(prehash, field)) return false;
  Ptr<EVP_PKEY> key = DecodeKey(public_key);
  if (!key) return false;
  // r || s -> DER ECDSA-Sig-Value.
  Ptr<ECDSA_SIG> esig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(sig.data(), 32, nullptr);
  BIGNUM* s = BN_bin2bn(sig.data() + 32, 32, nullptr);
  if (!esig || !r || !s || ECDSA_SIG_set0(esig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return portable::P256VerifyPrehash(sig, prehash, public_key);
  }
  unsigned char* der = nullptr;
  int der_len = i2d_ECDSA_SIG(esig.get(), &der);
  Ptr<unsigned char> der_owner(der);
  Ptr<EVP_PKEY_CTX> vctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (der_len <= 0 || !vctx || EVP_PKEY_verify_init(vctx.get()) != 1) {
    return portable::P256VerifyPrehash(sig, prehash, public_key);
  }
  return EVP_PKEY_verify(vctx.get(), der, size_t(der_len), field.data(), field.size()) == 1;
}

}  // namespace nearrt::crypto
