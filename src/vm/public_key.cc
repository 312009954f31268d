#include "vm/public_key.h"

#include "primitives/base58.h"

namespace nearrt::vm {

std::optional<PublicKey> PublicKey::FromBorsh(ByteView borsh) {
  if (borsh.empty()) return std::nullopt;
  size_t len;
  switch (borsh[0]) {
    case 0: len = 32; break;
    case 1: len = 64; break;
    case 2: len = 1952; break;  // ML_DSA_65_PUBLIC_KEY_LENGTH
    default: return std::nullopt;
  }
  if (borsh.size() != 1 + len) return std::nullopt;
  PublicKey pk;
  pk.type = static_cast<KeyType>(borsh[0]);
  pk.data.assign(borsh.begin() + 1, borsh.end());
  return pk;
}

Bytes PublicKey::ToBorsh() const {
  Bytes out;
  out.reserve(1 + data.size());
  out.push_back(static_cast<uint8_t>(type));
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::string PublicKey::ToString() const {
  const char* prefix = type == KeyType::kEd25519     ? "ed25519:"
                       : type == KeyType::kSecp256k1 ? "secp256k1:"
                                                     : "ml-dsa-65:";
  return prefix + Base58Encode(data);
}

}  // namespace nearrt::vm
