#include "crypto/secp256k1.h"

#include <gtest/gtest.h>

#include "crypto/crypto_gtest_util.h"
#include "crypto/crypto_random_workload.h"

namespace nearrt::crypto {
namespace {

using testing::HexArray;
using testing::Tally;

class Secp256k1Backend : public testing::BackendTest {};

// nearcore runtime/near-vm-runner/src/logic/tests/ecrecover-tests.json (161).
TEST_P(Secp256k1Backend, NearcoreEcrecoverVectors) {
  Tally t;
  ASSERT_TRUE(testing::CheckEcRecoverFile(
                  GetParam(), testing::SharedDir() + "/testdata/crypto/ecrecover-nearcore.txt", t)
                  .ok());
  testing::ExpectAllPassed(t, 161);
}

TEST_P(Secp256k1Backend, VerifyNearAndSigning) {
  Tally t;
  testing::CheckSecp256k1Vectors(GetParam(), t);
  testing::ExpectAllPassed(t, 14);
}

INSTANTIATE_TEST_SUITE_P(Both, Secp256k1Backend, ::testing::ValuesIn(testing::BothBackends()),
                         testing::BackendName);

TEST(Secp256k1, CheckSignatureValuesBounds) {
  // core/crypto/src/signature.rs: r < N; s < N, or s < N_HALF_ONE with the flag.
  auto sig = [](std::string_view r, std::string_view s) {
    return HexArray<64>(std::string(r) + std::string(s));
  };
  const char* n = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
  const char* n1 = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140";
  const char* half1 = "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1";
  const char* half = "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0";
  const char* zero = "0000000000000000000000000000000000000000000000000000000000000000";
  EXPECT_TRUE(Secp256k1CheckSignatureValues(sig(zero, zero), true));
  EXPECT_TRUE(Secp256k1CheckSignatureValues(sig(n1, n1), false));
  EXPECT_FALSE(Secp256k1CheckSignatureValues(sig(n, zero), false));
  EXPECT_FALSE(Secp256k1CheckSignatureValues(sig(zero, n), false));
  EXPECT_TRUE(Secp256k1CheckSignatureValues(sig(zero, half), true));
  EXPECT_FALSE(Secp256k1CheckSignatureValues(sig(zero, half1), true));
  EXPECT_TRUE(Secp256k1CheckSignatureValues(sig(zero, half1), false));
}

// Signatures must be byte-identical to libsecp256k1's (RFC 6979 nonces, low s),
// and recoverable / verifiable by both backends.
TEST(Secp256k1, PortableSigningMatchesLibsecp256k1) {
  testing::TestRng rng(99);
  for (int i = 0; i < 300; ++i) {
    std::array<uint8_t, 32> secret, hash;
    rng.Fill(secret);
    rng.Fill(hash);
    auto native = Secp256k1Sign(secret, hash);
    auto port = portable::Secp256k1Sign(secret, hash);
    ASSERT_EQ(native.has_value(), port.has_value());
    if (!native) continue;
    EXPECT_EQ(HexEncode(*native), HexEncode(*port));
    auto pk = Secp256k1PublicKey(secret);
    ASSERT_TRUE(pk);
    EXPECT_EQ(pk, portable::Secp256k1PublicKey(secret));
    EXPECT_TRUE(Secp256k1VerifyNear(*native, hash, *pk));
    EXPECT_TRUE(portable::Secp256k1VerifyNear(*native, hash, *pk));
    std::span<const uint8_t, 64> rs(native->data(), 64);
    EXPECT_EQ(EcRecover(hash, rs, (*native)[64], true), pk);
    EXPECT_EQ(portable::EcRecover(hash, rs, (*native)[64], true), pk);
  }
}

TEST(Secp256k1, InvalidSecretKeys) {
  auto n = HexArray<32>("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
  std::array<uint8_t, 32> hash{};
  EXPECT_FALSE(Secp256k1Sign(n, hash));
  EXPECT_FALSE(portable::Secp256k1Sign(n, hash));
  EXPECT_FALSE(Secp256k1PublicKey(n));
  EXPECT_FALSE(portable::Secp256k1PublicKey(n));
}

}  // namespace
}  // namespace nearrt::crypto
