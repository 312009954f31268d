#include "crypto/sha512.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>

#include "crypto/crypto_random_workload.h"
#include "util/bytes.h"

namespace nearrt::crypto {
namespace {

std::string HexOf(std::string_view s) { return HexEncode(Sha512Hash(AsBytes(s))); }

TEST(Sha512, KnownVectors) {
  // FIPS 180-4 examples.
  EXPECT_EQ(HexOf("abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(HexOf(""),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
}

TEST(Sha512, MatchesOpenSslOnEveryLengthUpTo600) {
  testing::TestRng rng(7);
  for (size_t len = 0; len <= 600; ++len) {
    Bytes msg(len);
    rng.Fill(msg);
    uint8_t expected[64];
    unsigned int n = 0;
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), expected, &n, EVP_sha512(), nullptr), 1);
    Digest64 got = Sha512Hash(msg);
    EXPECT_EQ(HexEncode(got), HexEncode({expected, 64})) << len;
  }
}

TEST(Sha512, IncrementalEqualsOneShot) {
  Bytes data(1000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 7);
  for (size_t split : {0u, 1u, 111u, 112u, 127u, 128u, 129u, 500u}) {
    Sha512 s;
    s.Update(ByteView(data).first(split));
    s.Update(ByteView(data).subspan(split));
    EXPECT_EQ(s.Finish(), Sha512Hash(data)) << split;
  }
}

}  // namespace
}  // namespace nearrt::crypto
