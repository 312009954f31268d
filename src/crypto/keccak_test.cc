#include "crypto/keccak.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "crypto/crypto_random_workload.h"
#include "util/bytes.h"

namespace nearrt::crypto {
namespace {

TEST(Keccak, NearcoreVectors) {
  // runtime/near-vm-runner/src/logic/tests/miscs.rs
  EXPECT_EQ(HexEncode(Keccak256(AsBytes("tesdsst"))),
            "686e3a7ae6b5d791e7e531a27ba7b13a1a8e81ad0725091ae97340663d550a9f");
  EXPECT_EQ(HexEncode(Keccak512(AsBytes("tesdsst"))),
            "37866089a87abb5f434c127a920be16a75c29a9d30a05a9268d1767edee6c87d"
            "3049c5ec7badc0c55a99a7796458d1f08956ef295780dbf988cbdc6d2ea8eabe");
}

TEST(Keccak, KnownVectors) {
  EXPECT_EQ(HexEncode(Keccak256({})),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(HexEncode(Keccak512({})),
            "0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304"
            "c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e");
  EXPECT_EQ(HexEncode(Keccak256(AsBytes("The quick brown fox jumps over the lazy dog"))),
            "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(Keccak, IsNotSha3) {
  // shared/near/crypto.md section 1.2: SHA3-256("tesdsst") differs.
  EXPECT_NE(HexEncode(Keccak256(AsBytes("tesdsst"))),
            "ae2ab8867168e6b4f44df048c72a6eb206a8794d1bb7996cc5ab4e3dba85c1b6");
}

// The sponge with SHA-3's pad byte must equal OpenSSL's SHA3-256/512 on every
// length around the block boundaries (rates 136 and 72): this checks the
// permutation and the absorb/pad/squeeze logic independently of the Keccak KATs.
TEST(Keccak, SpongeMatchesOpenSslSha3) {
  testing::TestRng rng(11);
  for (size_t len = 0; len <= 700; ++len) {
    Bytes msg(len);
    rng.Fill(msg);
    uint8_t expected[64];
    unsigned int n = 0;
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), expected, &n, EVP_sha3_256(), nullptr), 1);
    std::array<uint8_t, 32> got256;
    KeccakSponge(msg, 136, 0x06, got256);
    EXPECT_EQ(HexEncode(got256), HexEncode({expected, 32})) << len;
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), expected, &n, EVP_sha3_512(), nullptr), 1);
    std::array<uint8_t, 64> got512;
    KeccakSponge(msg, 72, 0x06, got512);
    EXPECT_EQ(HexEncode(got512), HexEncode({expected, 64})) << len;
  }
}

TEST(Keccak, SpongeSha3ContrastVector) {
  std::array<uint8_t, 32> out;
  KeccakSponge(AsBytes("tesdsst"), 136, 0x06, out);
  EXPECT_EQ(HexEncode(out), "ae2ab8867168e6b4f44df048c72a6eb206a8794d1bb7996cc5ab4e3dba85c1b6");
}

}  // namespace
}  // namespace nearrt::crypto
