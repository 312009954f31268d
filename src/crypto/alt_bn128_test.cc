#include "crypto/alt_bn128.h"
#include "crypto/bn254_bls12_381_vectors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nearrt::crypto {
namespace {

Bytes Hex(std::string_view h) {
  auto r = HexDecode(h);
  EXPECT_TRUE(r.ok()) << h;
  return r.ok() ? *r : Bytes{};
}

// testdata/alt_bn128_vectors.txt: nearcore's tests/alt_bn128.rs cases (8 of
// them HostErrors) and the go-ethereum EIP-196/197 precompile vectors in
// nearcore's encoding.
TEST(AltBn128, Vectors) {
  VectorReport rep = RunAltBn128Vectors(std::string(NEARRT_SOURCE_DIR) + "/src/crypto/testdata");
  for (const auto& f : rep.failures) ADD_FAILURE() << f;
  EXPECT_EQ(rep.passed, 68);
}

// The message text (the HostError's msg) including the {:X?} rendering.
TEST(AltBn128, ErrorMessages) {
  Bytes sum(65, 0);
  sum[0] = 92;
  auto r = AltBn128G1Sum(sum);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "invalid bool: [5C]");

  Bytes fq(96, 0);
  for (int i = 0; i < 32; ++i) fq[i] = 0xff;
  auto m = AltBn128G1Multiexp(fq);
  ASSERT_FALSE(m.ok());
  std::string want = "invalid fq: [";
  for (int i = 0; i < 32; ++i) want += i ? ", FF" : "FF";
  EXPECT_EQ(m.error().message, want + "]");

  Bytes g1(96, 0);
  g1[0] = 1;  // (1, 0) is not on the curve
  m = AltBn128G1Multiexp(g1);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message.substr(0, 18), "invalid g1: [1, 0,");

  auto c = AltBn128ElementCount(193, 192);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message, "slice of size 193 cannot be precisely split into chunks of size 192");
  EXPECT_EQ(*AltBn128ElementCount(384, 192), 2u);
  EXPECT_EQ(*AltBn128ElementCount(0, 65), 0u);
}

TEST(AltBn128, ScalarAndInfinityEdges) {
  // Generator (1, 2) times r-1 is -G; times 0 is infinity; r is "invalid fr".
  Bytes item(96, 0);
  item[0] = 1;
  item[32] = 2;
  Bytes r_le = Hex("010000f093f5e1439170b97948e833285d588181b64550b829a031e1724e6430");
  std::copy(r_le.begin(), r_le.end(), item.begin() + 64);
  auto res = AltBn128G1Multiexp(item);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().message.substr(0, 12), "invalid fr: ");
  item[64] = 0;  // r - 1
  res = AltBn128G1Multiexp(item);
  ASSERT_TRUE(res.ok());
  // -G = (1, q - 2)
  EXPECT_EQ(HexEncode(*res),
            "0100000000000000000000000000000000000000000000000000000000000000"
            "45fd7cd8168c203c8dca7168916a81975d588181b64550b829a031e1724e6430");
  std::fill(item.begin() + 64, item.end(), 0);
  res = AltBn128G1Multiexp(item);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(*res, Bytes(64, 0));
  // Infinity input (0, 0) is accepted by all three functions.
  Bytes zero_sum(65, 0);
  EXPECT_EQ(*AltBn128G1Sum(zero_sum), Bytes(64, 0));
  Bytes zero_pair(192, 0);
  EXPECT_TRUE(*AltBn128PairingCheck(zero_pair));
  // (0, 1) is not on the curve -> invalid g1.
  Bytes x0(65, 0);
  x0[33] = 1;
  auto s = AltBn128G1Sum(x0);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message.substr(0, 10), "invalid g1");
}

}  // namespace
}  // namespace nearrt::crypto
