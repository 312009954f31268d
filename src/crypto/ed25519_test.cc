#include "crypto/ed25519.h"

#include <gtest/gtest.h>

#include "crypto/crypto_gtest_util.h"
#include "crypto/crypto_random_workload.h"
#include "crypto/ec_edwards25519.h"

namespace nearrt::crypto {
namespace {

using testing::Tally;

class Ed25519Backend : public testing::BackendTest {};

// shared/testdata/crypto/ed25519-edge-cases.txt: every line (11), the
// expectation being ed25519-dalek 2.2 `verify` (shared/near/crypto.md 3.3).
TEST_P(Ed25519Backend, EdgeCaseFile) {
  Tally t;
  ASSERT_TRUE(testing::CheckEd25519File(
                  GetParam(), testing::SharedDir() + "/testdata/crypto/ed25519-edge-cases.txt", t)
                  .ok());
  testing::ExpectAllPassed(t, 11);
}

// RFC 8032 7.1 TEST 1-3 (key derivation, signing, verification) and the
// nearcore ed25519_verify.rs cases.
TEST_P(Ed25519Backend, Rfc8032AndNearcoreVectors) {
  Tally t;
  testing::CheckEd25519Rfc8032(GetParam(), t);
  testing::ExpectAllPassed(t, 3 * 4 + 5);
}

INSTANTIATE_TEST_SUITE_P(Both, Ed25519Backend, ::testing::ValuesIn(testing::BothBackends()),
                         testing::BackendName);

// Every pair of "interesting" encodings as A and R (torsion points,
// non-canonical y, -0), with s in {0, 1, L-1, L} and several messages:
// OpenSSL and the portable code must agree on each.
TEST(Ed25519, EdgeEncodingsNativeEqualsPortable) {
  const ec::Edwards25519& c = ec::Ed25519Curve();
  std::vector<std::array<uint8_t, 32>> encodings;
  for (uint64_t j = 0; j < 19; ++j) {  // y = p + j
    ec::U256 y;
    ec::AddWithCarry(y, c.fp().modulus(), ec::U256::Small(j));
    for (uint8_t sign : {0, 0x80}) {
      auto e = y.ToLittleEndian();
      e[31] |= sign;
      encodings.push_back(e);
    }
  }
  for (uint64_t y : {0, 1, 2}) {
    for (uint8_t sign : {0, 0x80}) {
      auto e = ec::U256::Small(y).ToLittleEndian();
      e[31] |= sign;
      encodings.push_back(e);
    }
  }
  ec::U256 lm1;
  ec::SubWithBorrow(lm1, c.l(), ec::U256::Small(1));
  const ec::U256 scalars[] = {ec::U256(), ec::U256::Small(1), lm1, c.l()};
  int accepted = 0, total = 0;
  for (const auto& a : encodings) {
    for (const auto& r : encodings) {
      for (const ec::U256& s : scalars) {
        for (std::string_view msg : {"", "hi", "msg2"}) {
          std::array<uint8_t, 64> sig;
          std::copy(r.begin(), r.end(), sig.begin());
          auto sb = s.ToLittleEndian();
          std::copy(sb.begin(), sb.end(), sig.begin() + 32);
          bool native = Ed25519Verify(sig, AsBytes(msg), a);
          bool port = portable::Ed25519Verify(sig, AsBytes(msg), a);
          ASSERT_EQ(native, port) << "A=" << HexEncode(a) << " sig=" << HexEncode(sig)
                                  << " msg=" << msg;
          accepted += native;
          ++total;
        }
      }
    }
  }
  // Some of these are accepted (e.g. A = R = identity, s = 0), most are not.
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, total);
}

TEST(Ed25519, SignVerifyRoundTripBothBackends) {
  testing::TestRng rng(21);
  for (int i = 0; i < 200; ++i) {
    std::array<uint8_t, 32> seed;
    rng.Fill(seed);
    Bytes msg(rng.Below(100));
    rng.Fill(msg);
    auto pk = Ed25519PublicKeyFromSeed(seed);
    EXPECT_EQ(pk, portable::Ed25519PublicKeyFromSeed(seed));
    auto sig = Ed25519Sign(seed, msg);
    EXPECT_EQ(sig, portable::Ed25519Sign(seed, msg));
    EXPECT_TRUE(Ed25519Verify(sig, msg, pk));
    EXPECT_TRUE(portable::Ed25519Verify(sig, msg, pk));
    sig[rng.Below(64)] ^= uint8_t(1u << rng.Below(8));
    EXPECT_FALSE(Ed25519Verify(sig, msg, pk));
    EXPECT_FALSE(portable::Ed25519Verify(sig, msg, pk));
  }
}

}  // namespace
}  // namespace nearrt::crypto
