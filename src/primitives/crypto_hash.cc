#include "primitives/crypto_hash.h"

#include "crypto/sha256.h"
#include "primitives/base58.h"

namespace nearrt {

CryptoHash CryptoHash::Of(ByteView data) {
  CryptoHash h;
  h.bytes = crypto::Sha256Hash(data);
  return h;
}

Result<CryptoHash> CryptoHash::FromBytes(ByteView data) {
  if (data.size() != kLength) {
    return Err("hash must be 32 bytes, got " + std::to_string(data.size()));
  }
  CryptoHash h;
  std::memcpy(h.bytes.data(), data.data(), kLength);
  return h;
}

Result<CryptoHash> CryptoHash::FromBase58(std::string_view text) {
  NEARRT_ASSIGN_OR_RETURN(Bytes raw, Base58Decode(text, kLength));
  if (raw.size() != kLength) {
    return Err("base58 hash '" + std::string(text) + "' decodes to " + std::to_string(raw.size()) +
               " bytes, expected 32");
  }
  return FromBytes(raw);
}

std::string CryptoHash::ToBase58() const { return Base58Encode(view()); }

bool CryptoHash::IsZero() const {
  for (uint8_t b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

}  // namespace nearrt
