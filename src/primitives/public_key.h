// near-crypto PublicKey, Signature and a test signer (core/crypto/src/
// signature.rs). Borsh: u8 key type, then the key bytes (ed25519 32,
// secp256k1 64, ML-DSA-65 1952) or signature bytes (64, 65 = r‖s‖v, 3309).
// Text: "ed25519:<base58>", "secp256k1:<base58>", "ml-dsa-65:<base58>".
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "primitives/borsh.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt {

enum class KeyType : uint8_t { kEd25519 = 0, kSecp256k1 = 1, kMlDsa65 = 2 };

std::string_view KeyTypeName(KeyType t);
size_t PublicKeyDataLen(KeyType t);
size_t SignatureDataLen(KeyType t);

struct PublicKey {
  KeyType type = KeyType::kEd25519;
  Bytes data = Bytes(32, 0);

  static Result<PublicKey> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  Bytes ToBorsh() const;
  static Result<PublicKey> FromBorsh(ByteView b);
  size_t BorshLen() const { return 1 + data.size(); }
  // Length of the key as it is stored in an access-key trie key
  // (PublicKey::trie_id_len: 33 ed25519, 65 secp256k1, 33 ML-DSA handle).
  size_t TrieIdLen() const { return type == KeyType::kMlDsa65 ? 33 : 1 + data.size(); }
  std::string ToString() const;
  static Result<PublicKey> Parse(std::string_view text);
  // The all-zero ed25519 key (PublicKey::empty(ED25519)).
  static PublicKey EmptyEd25519() { return PublicKey{}; }

  auto operator<=>(const PublicKey&) const = default;
  bool operator==(const PublicKey&) const = default;
};

struct Signature {
  KeyType type = KeyType::kEd25519;
  Bytes data = Bytes(64, 0);

  static Result<Signature> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  std::string ToString() const;
  static Result<Signature> Parse(std::string_view text);
  // near-crypto Signature::verify(data, public_key): false on a type mismatch.
  // secp256k1 needs a 32-byte message. ML-DSA-65 is not supported (false).
  bool Verify(ByteView message, const PublicKey& public_key) const;

  bool operator==(const Signature&) const = default;
};

// InMemorySigner for ed25519 / secp256k1 secret keys.
class Signer {
 public:
  // SecretKey::from_seed (core/crypto/src/test_utils.rs): the seed string's
  // bytes, space-padded (or cut) to 32. ed25519 uses them as the key seed;
  // secp256k1 seeds rand's StdRng (ChaCha12) with them and draws 32-byte
  // secrets from it until one is valid.
  static Signer FromSeed(KeyType type, std::string_view seed);
  // From a raw 32-byte ed25519 seed or secp256k1 secret.
  static Result<Signer> FromSecret(KeyType type, ByteView secret);
  // "ed25519:<base58 of 64 bytes seed‖pk>" or "secp256k1:<base58 32 bytes>".
  static Result<Signer> ParseSecretKey(std::string_view text);

  const PublicKey& public_key() const { return public_key_; }
  Signature Sign(ByteView message) const;

 private:
  KeyType type_ = KeyType::kEd25519;
  std::array<uint8_t, 32> secret_{};
  PublicKey public_key_;
};

}  // namespace nearrt
