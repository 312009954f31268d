// Native RIPEMD-160 through OpenSSL 3 EVP. RIPEMD160 is in the default
// provider since OpenSSL 3.0.7, so no legacy provider is loaded.
#include <openssl/evp.h>

#include "crypto/ripemd160.h"

namespace nearrt::crypto {

Digest20 Ripemd160(std::span<const uint8_t> data) {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
  Digest20 out{};
  unsigned int len = 0;
  // Without the algorithm (an unusual OpenSSL build) the portable code gives
  // the same digest.
  if (md == nullptr || !EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) ||
      len != out.size()) {
    return portable::Ripemd160(data);
  }
  return out;
}

}  // namespace nearrt::crypto
