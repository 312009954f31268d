#include "primitives/hash_ids.h"

#include "crypto/keccak.h"

namespace nearrt {

CryptoHash CreateHashIndex(const CryptoHash& base, uint64_t block_height, uint64_t salt) {
  uint8_t buf[48];
  std::memcpy(buf, base.data(), 32);
  for (int i = 0; i < 8; ++i) {
    buf[32 + i] = static_cast<uint8_t>(block_height >> (8 * i));
    buf[40 + i] = static_cast<uint8_t>(salt >> (8 * i));
  }
  return CryptoHash::Of(ByteView(buf, sizeof(buf)));
}

Bytes CreateRandomSeed(const CryptoHash& action_hash, const CryptoHash& random_seed) {
  uint8_t buf[64];
  std::memcpy(buf, action_hash.data(), 32);
  std::memcpy(buf + 32, random_seed.data(), 32);
  CryptoHash h = CryptoHash::Of(ByteView(buf, sizeof(buf)));
  return Bytes(h.bytes.begin(), h.bytes.end());
}

std::string DeriveNearImplicitAccountId(const PublicKey& key) { return HexEncode(key.data); }

std::string DeriveEthImplicitAccountId(const PublicKey& key) {
  auto h = crypto::Keccak256(key.data);
  return "0x" + HexEncode(ByteView(h.data() + 12, 20));
}

std::string DeriveNearDeterministicAccountId(ByteView state_init_borsh) {
  auto h = crypto::Keccak256(state_init_borsh);
  return "0s" + HexEncode(ByteView(h.data() + 12, 20));
}

}  // namespace nearrt
