// Sanity checks of the portable field and curve code against the curves'
// defining properties (so a wrong constant cannot go unnoticed).
#include <gtest/gtest.h>

#include "crypto/crypto_random_workload.h"
#include "crypto/ec_edwards25519.h"
#include "crypto/ec_weierstrass.h"
#include "util/bytes.h"

namespace nearrt::crypto::ec {
namespace {

U256 Hex256(std::string_view hex) {
  Bytes b = *HexDecode(hex);
  return U256::FromBigEndian(std::span<const uint8_t, 32>(b.data(), 32));
}

TEST(U256, ByteOrder) {
  U256 v = Hex256("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
  EXPECT_EQ(v.w[0], 0x191a1b1c1d1e1f20u);
  EXPECT_EQ(v.w[3], 0x0102030405060708u);
  EXPECT_EQ(HexEncode(v.ToBigEndian()),
            "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
  EXPECT_EQ(HexEncode(v.ToLittleEndian()),
            "201f1e1d1c1b1a191817161514131211100f0e0d0c0b0a090807060504030201");
  EXPECT_EQ(U256::FromLittleEndian(v.ToLittleEndian()), v);
  EXPECT_EQ(v.BitLength(), 249);
}

// Modular arithmetic checked with small numbers whose results are obvious.
TEST(ModField, SmallValueArithmetic) {
  const ModField& f = Secp256k1Curve().fp();
  auto m = [&](uint64_t v) { return f.ToMont(U256::Small(v)); };
  EXPECT_EQ(f.FromMont(f.Mul(m(123456789), m(987654321))), U256::FromWords(0, 0, 0, 121932631112635269ull));
  EXPECT_EQ(f.FromMont(f.Add(m(5), m(7))), U256::Small(12));
  EXPECT_EQ(f.FromMont(f.Sub(m(5), m(7))), f.Neg(U256::Small(2)));
  EXPECT_EQ(f.FromMont(f.Mul(m(7), f.Inv(m(7)))), U256::Small(1));
  U256 root;
  ASSERT_TRUE(f.Sqrt3Mod4(m(49), root));
  U256 r = f.FromMont(root);
  EXPECT_TRUE(r == U256::Small(7) || r == f.Neg(U256::Small(7)));
  // Reduce of p + 5 and of 2^256 - 1.
  U256 x;
  AddWithCarry(x, f.modulus(), U256::Small(5));
  EXPECT_EQ(f.Reduce(x), U256::Small(5));
  // 2^256 - 1 mod p = 2^32 + 977 - 1 for secp256k1's p = 2^256 - 2^32 - 977.
  EXPECT_EQ(f.Reduce(U256::FromWords(~0ull, ~0ull, ~0ull, ~0ull)), U256::Small(0x1000003D0ull));
}

void CheckCurve(const Curve& c) {
  auto g = c.ToAffine(c.Generator());
  ASSERT_TRUE(g);
  EXPECT_TRUE(c.IsOnCurve(*g));
  EXPECT_TRUE(Curve::IsInfinity(c.Multiply(c.Generator(), c.n())));
  U256 n1;
  SubWithBorrow(n1, c.n(), U256::Small(1));
  auto minus_g = c.ToAffine(c.Multiply(c.Generator(), n1));
  ASSERT_TRUE(minus_g);
  EXPECT_EQ(minus_g->x, g->x);
  EXPECT_EQ(minus_g->y, c.fp().Neg(g->y));
  // Double == Add(P, P); 2G + 3G == 5G; lincomb == separate products.
  auto two = c.ToAffine(c.Double(c.Generator()));
  auto two_add = c.ToAffine(c.Add(c.Generator(), c.Generator()));
  EXPECT_EQ(two->x, two_add->x);
  auto five = c.ToAffine(c.Multiply(c.Generator(), U256::Small(5)));
  auto sum = c.ToAffine(c.Add(c.Multiply(c.Generator(), U256::Small(2)),
                              c.Multiply(c.Generator(), U256::Small(3))));
  EXPECT_EQ(five->x, sum->x);
  EXPECT_EQ(five->y, sum->y);
  JacobianPoint q = c.Multiply(c.Generator(), U256::Small(1234567));
  auto lin = c.ToAffine(c.MultiplyWithGenerator(U256::Small(11), q, U256::Small(13)));
  auto sep = c.ToAffine(c.Multiply(c.Generator(), U256::Small(11 + 13 * 1234567)));
  EXPECT_EQ(lin->x, sep->x);
  EXPECT_EQ(lin->y, sep->y);
  // LiftX recovers G from its x and y parity.
  auto lifted = c.LiftX(g->x, g->y.IsOdd());
  ASSERT_TRUE(lifted);
  EXPECT_EQ(lifted->y, g->y);
  EXPECT_TRUE(Curve::IsInfinity(c.Add(c.Generator(), c.Negate(c.Generator()))));
}

TEST(Curves, Secp256k1) {
  CheckCurve(Secp256k1Curve());
  // SEC 2: 2G.
  auto two = Secp256k1Curve().ToAffine(Secp256k1Curve().Double(Secp256k1Curve().Generator()));
  EXPECT_EQ(HexEncode(two->x.ToBigEndian()),
            "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
}

TEST(Curves, P256) { CheckCurve(P256Curve()); }

TEST(Curves, Ed25519) {
  const Edwards25519& c = Ed25519Curve();
  // RFC 8032 section 5.1: B encodes as 5866...66.
  EXPECT_EQ(HexEncode(c.Compress(c.Base())),
            "5866666666666666666666666666666666666666666666666666666666666666");
  EXPECT_TRUE(c.Equal(c.Multiply(c.Base(), c.l()), c.Identity()));
  EXPECT_TRUE(c.Equal(c.Double(c.Base()), c.Add(c.Base(), c.Base())));
  EXPECT_EQ(HexEncode(c.Compress(c.Identity())),
            "0100000000000000000000000000000000000000000000000000000000000000");
  // Decompress(Compress(P)) == P for random multiples of B.
  testing::TestRng rng(5);
  for (int i = 0; i < 20; ++i) {
    EdwardsPoint p = c.Multiply(c.Base(), U256::Small(rng.Next()));
    auto q = c.Decompress(c.Compress(p));
    ASSERT_TRUE(q);
    EXPECT_TRUE(c.Equal(p, *q));
  }
  // ReduceWide: 2^256 * 1 + 0 = 2^256 mod L.
  std::array<uint8_t, 64> wide{};
  wide[32] = 1;
  EXPECT_EQ(c.ReduceWide(wide), c.fl().Reduce(c.fl().ToMont(U256::Small(1))));
  // L itself reduces to 0.
  std::array<uint8_t, 64> l_wide{};
  auto l_bytes = c.l().ToLittleEndian();
  std::copy(l_bytes.begin(), l_bytes.end(), l_wide.begin());
  EXPECT_TRUE(c.ReduceWide(l_wide).IsZero());
}

}  // namespace
}  // namespace nearrt::crypto::ec
