// Native one-shot SHA-256 through OpenSSL 3 EVP (uses SHA-NI where present).
#include <openssl/evp.h>

#include "crypto/sha256.h"

namespace nearrt::crypto {

Digest32 Sha256Hash(std::span<const uint8_t> data) {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  static const uint8_t kEmpty = 0;
  Digest32 out;
  unsigned int len = 0;
  const uint8_t* p = data.empty() ? &kEmpty : data.data();
  if (md == nullptr || EVP_Digest(p, data.size(), out.data(), &len, md, nullptr) != 1 ||
      len != out.size()) {
    return portable::Sha256Hash(data);  // same digest without OpenSSL
  }
  return out;
}

}  // namespace nearrt::crypto
