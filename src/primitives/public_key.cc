#include "primitives/public_key.h"

#include <algorithm>
#include <cstring>

#include "crypto/ed25519.h"
#include "crypto/secp256k1.h"
#include "primitives/base58.h"

namespace nearrt {

std::string_view KeyTypeName(KeyType t) {
  switch (t) {
    case KeyType::kEd25519: return "ed25519";
    case KeyType::kSecp256k1: return "secp256k1";
    case KeyType::kMlDsa65: return "ml-dsa-65";
  }
  return "?";
}

size_t PublicKeyDataLen(KeyType t) {
  switch (t) {
    case KeyType::kEd25519: return 32;
    case KeyType::kSecp256k1: return 64;
    case KeyType::kMlDsa65: return 1952;
  }
  return 0;
}

size_t SignatureDataLen(KeyType t) {
  switch (t) {
    case KeyType::kEd25519: return 64;
    case KeyType::kSecp256k1: return 65;
    case KeyType::kMlDsa65: return 3309;
  }
  return 0;
}

namespace {

Result<KeyType> ReadKeyType(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  if (tag > 2) return Err("invalid key type tag " + std::to_string(tag));
  return static_cast<KeyType>(tag);
}

Result<KeyType> ParseKeyTypePrefix(std::string_view* text) {
  size_t colon = text->find(':');
  if (colon == std::string_view::npos) {
    return KeyType::kEd25519;  // near-crypto accepts a bare ed25519 key
  }
  // KeyType::from_str compares the ASCII-lowercased name.
  std::string name(text->substr(0, colon));
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  *text = text->substr(colon + 1);
  if (name == "ed25519") return KeyType::kEd25519;
  if (name == "secp256k1") return KeyType::kSecp256k1;
  if (name == "ml-dsa-65") return KeyType::kMlDsa65;
  return Err("unknown key type '" + name + "'");
}

}  // namespace

Result<PublicKey> PublicKey::Read(BorshReader& r) {
  PublicKey pk;
  NEARRT_ASSIGN_OR_RETURN(pk.type, ReadKeyType(r));
  NEARRT_ASSIGN_OR_RETURN(ByteView raw, r.Fixed(PublicKeyDataLen(pk.type)));
  pk.data.assign(raw.begin(), raw.end());
  return pk;
}

void PublicKey::Write(BorshWriter& w) const {
  w.U8(static_cast<uint8_t>(type));
  w.Fixed(data);
}

Bytes PublicKey::ToBorsh() const {
  BorshWriter w(BorshLen());
  Write(w);
  return w.Take();
}

Result<PublicKey> PublicKey::FromBorsh(ByteView b) {
  BorshReader r(b);
  NEARRT_ASSIGN_OR_RETURN(PublicKey pk, Read(r));
  NEARRT_TRY(r.ExpectEnd());
  return pk;
}

std::string PublicKey::ToString() const {
  return std::string(KeyTypeName(type)) + ":" + Base58Encode(data);
}

Result<PublicKey> PublicKey::Parse(std::string_view text) {
  PublicKey pk;
  NEARRT_ASSIGN_OR_RETURN(pk.type, ParseKeyTypePrefix(&text));
  NEARRT_ASSIGN_OR_RETURN(pk.data, Base58Decode(text, PublicKeyDataLen(pk.type)));
  if (pk.data.size() != PublicKeyDataLen(pk.type)) {
    return Err("public key has " + std::to_string(pk.data.size()) + " bytes, expected " +
               std::to_string(PublicKeyDataLen(pk.type)));
  }
  return pk;
}

Result<Signature> Signature::Read(BorshReader& r) {
  Signature s;
  NEARRT_ASSIGN_OR_RETURN(s.type, ReadKeyType(r));
  NEARRT_ASSIGN_OR_RETURN(ByteView raw, r.Fixed(SignatureDataLen(s.type)));
  // near-crypto's BorshDeserialize for Signature keeps ed25519-dalek 1.x's
  // sanity check: the top three bits of an ed25519 signature's last byte must
  // be zero (core/crypto/src/signature.rs). Text parsing does not check this.
  if (s.type == KeyType::kEd25519 && (raw[63] & 0xe0) != 0) {
    return Err("invalid ed25519 signature: high bits of the last byte are set");
  }
  s.data.assign(raw.begin(), raw.end());
  return s;
}

void Signature::Write(BorshWriter& w) const {
  w.U8(static_cast<uint8_t>(type));
  w.Fixed(data);
}

std::string Signature::ToString() const {
  return std::string(KeyTypeName(type)) + ":" + Base58Encode(data);
}

Result<Signature> Signature::Parse(std::string_view text) {
  Signature s;
  NEARRT_ASSIGN_OR_RETURN(s.type, ParseKeyTypePrefix(&text));
  NEARRT_ASSIGN_OR_RETURN(s.data, Base58Decode(text, SignatureDataLen(s.type)));
  if (s.data.size() != SignatureDataLen(s.type)) return Err("bad signature length");
  return s;
}

bool Signature::Verify(ByteView message, const PublicKey& pk) const {
  if (type != pk.type || data.size() != SignatureDataLen(type) ||
      pk.data.size() != PublicKeyDataLen(pk.type)) {
    return false;
  }
  switch (type) {
    case KeyType::kEd25519:
      return crypto::Ed25519Verify(std::span<const uint8_t, 64>(data.data(), 64), message,
                                   std::span<const uint8_t, 32>(pk.data.data(), 32));
    case KeyType::kSecp256k1:
      if (message.size() != 32) return false;
      return crypto::Secp256k1VerifyNear(std::span<const uint8_t, 65>(data.data(), 65),
                                         std::span<const uint8_t, 32>(message.data(), 32),
                                         std::span<const uint8_t, 64>(pk.data.data(), 64));
    case KeyType::kMlDsa65:
      return false;
  }
  return false;
}

namespace {

// The keystream of ChaCha with 12 rounds, 64-bit block counter and stream 0:
// rand_chacha's ChaCha12Rng, which is rand 0.8's StdRng, the generator
// near-crypto's test_utils.rs seeds for secp256k1 test keys. Only test keys
// come from it.
class ChaCha12Stream {
 public:
  explicit ChaCha12Stream(const std::array<uint8_t, 32>& key) {
    for (int i = 0; i < 8; ++i) {
      key_[i] = uint32_t(key[4 * i]) | uint32_t(key[4 * i + 1]) << 8 | uint32_t(key[4 * i + 2]) << 16 |
                uint32_t(key[4 * i + 3]) << 24;
    }
  }
  void Fill(uint8_t* out, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (pos_ == 64) NextBlock();
      out[i] = block_[pos_++];
    }
  }

 private:
  static uint32_t Rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
  static void Quarter(uint32_t* s, int a, int b, int c, int d) {
    s[a] += s[b]; s[d] = Rotl(s[d] ^ s[a], 16);
    s[c] += s[d]; s[b] = Rotl(s[b] ^ s[c], 12);
    s[a] += s[b]; s[d] = Rotl(s[d] ^ s[a], 8);
    s[c] += s[d]; s[b] = Rotl(s[b] ^ s[c], 7);
  }
  void NextBlock() {
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    for (int i = 0; i < 8; ++i) in[4 + i] = key_[i];
    in[12] = uint32_t(counter_);
    in[13] = uint32_t(counter_ >> 32);
    uint32_t w[16];
    std::memcpy(w, in, sizeof w);
    for (int r = 0; r < 12; r += 2) {
      Quarter(w, 0, 4, 8, 12); Quarter(w, 1, 5, 9, 13); Quarter(w, 2, 6, 10, 14); Quarter(w, 3, 7, 11, 15);
      Quarter(w, 0, 5, 10, 15); Quarter(w, 1, 6, 11, 12); Quarter(w, 2, 7, 8, 13); Quarter(w, 3, 4, 9, 14);
    }
    for (int i = 0; i < 16; ++i) {
      uint32_t v = w[i] + in[i];
      for (int b = 0; b < 4; ++b) block_[4 * i + b] = uint8_t(v >> (8 * b));
    }
    ++counter_;
    pos_ = 0;
  }

  uint32_t key_[8];
  uint64_t counter_ = 0;
  uint8_t block_[64] = {};
  size_t pos_ = 64;
};

}  // namespace

Signer Signer::FromSeed(KeyType type, std::string_view seed) {
  std::array<uint8_t, 32> padded;
  padded.fill(' ');
  std::memcpy(padded.data(), seed.data(), std::min<size_t>(seed.size(), 32));
  if (type == KeyType::kSecp256k1) {
    // secp256k1::SecretKey::new(&mut StdRng::from_seed(padded)): 32 bytes
    // at a time until a valid secret (1 <= s < n) comes out.
    ChaCha12Stream rng(padded);
    for (int attempt = 0; attempt < 64; ++attempt) {
      std::array<uint8_t, 32> secret;
      rng.Fill(secret.data(), secret.size());
      auto s = FromSecret(type, secret);
      if (s.ok()) return *s;
    }
    return Signer();
  }
  auto s = FromSecret(type, padded);
  return s.ok() ? *s : Signer();
}

Result<Signer> Signer::FromSecret(KeyType type, ByteView secret) {
  if (secret.size() != 32) return Err("secret key must be 32 bytes");
  Signer s;
  s.type_ = type;
  std::memcpy(s.secret_.data(), secret.data(), 32);
  s.public_key_.type = type;
  if (type == KeyType::kEd25519) {
    auto pk = crypto::Ed25519PublicKeyFromSeed(s.secret_);
    s.public_key_.data.assign(pk.begin(), pk.end());
  } else if (type == KeyType::kSecp256k1) {
    auto pk = crypto::Secp256k1PublicKey(s.secret_);
    if (!pk) return Err("invalid secp256k1 secret key");
    s.public_key_.data.assign(pk->begin(), pk->end());
  } else {
    return Err("unsupported key type for signing");
  }
  return s;
}

Result<Signer> Signer::ParseSecretKey(std::string_view text) {
  NEARRT_ASSIGN_OR_RETURN(KeyType type, ParseKeyTypePrefix(&text));
  NEARRT_ASSIGN_OR_RETURN(Bytes raw, Base58Decode(text, 64));
  if (type == KeyType::kEd25519 && raw.size() == 64) raw.resize(32);
  return FromSecret(type, raw);
}

Signature Signer::Sign(ByteView message) const {
  Signature sig;
  sig.type = type_;
  if (type_ == KeyType::kEd25519) {
    auto s = crypto::Ed25519Sign(secret_, message);
    sig.data.assign(s.begin(), s.end());
  } else {
    sig.data.assign(65, 0);
    if (message.size() == 32) {
      auto s = crypto::Secp256k1Sign(secret_, std::span<const uint8_t, 32>(message.data(), 32));
      if (s) sig.data.assign(s->begin(), s->end());
    }
  }
  return sig;
}

}  // namespace nearrt
