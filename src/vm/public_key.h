// Public keys as host functions receive them: the borsh encoding of nearcore's
// near_crypto::PublicKey (core/crypto/src/signature.rs): a u8 key type tag
// followed by the key bytes (ed25519 32, secp256k1 64, ML-DSA-65 1952).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "util/bytes.h"

namespace nearrt::vm {

enum class KeyType : uint8_t { kEd25519 = 0, kSecp256k1 = 1, kMlDsa65 = 2 };

struct PublicKey {
  KeyType type = KeyType::kEd25519;
  Bytes data;  // the key bytes without the tag

  // Borsh decoding of exactly `borsh` (trailing bytes are an error, like
  // borsh::BorshDeserialize::try_from_slice).
  static std::optional<PublicKey> FromBorsh(ByteView borsh);
  Bytes ToBorsh() const;
  // nearcore's Display: "ed25519:<base58>", "secp256k1:<base58>", "ml-dsa-65:<base58>".
  std::string ToString() const;
  bool operator==(const PublicKey&) const = default;
};

}  // namespace nearrt::vm
