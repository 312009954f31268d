#include "crypto/bls12_381_map.h"
#include "crypto/bn254_bls12_381_vectors.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>


namespace nearrt::crypto::bls12_381 {
namespace {

using crypto::RunRfc9380Vectors;
using crypto::VectorReport;

// RFC 9380 appendix J.9.1/J.9.2 (G1) and J.10.1/J.10.2 (G2) vectors.
TEST(Bls12381Map, Rfc9380Vectors) {
  VectorReport rep = RunRfc9380Vectors(std::string(NEARRT_SOURCE_DIR) + "/src/crypto/testdata");
  for (const auto& f : rep.failures) ADD_FAILURE() << f;
  EXPECT_EQ(rep.passed, 50);
}

Fp RandFp(std::mt19937_64& rng) {
  tower::Limbs<6> k;
  for (auto& w : k) w = rng();
  k[5] &= 0x0fffffffffffffffull;
  return Fp::FromInt(k);
}

// Map outputs are on the curve and in the subgroup; the psi-based G2
// cofactor clearing equals multiplication by RFC 9380's h_eff; the fast
// subgroup checks agree with r * P == O on random curve points.
TEST(Bls12381Map, CofactorAndSubgroup) {
  std::mt19937_64 rng(7);
  // h_eff for G2 (RFC 9380 section 8.8.2), little-endian limbs.
  const char* heff_hex =
      "bc69f08f2ee75b3584c6a0ea91b352888e2a8e9145ad7689986ff031508ffe1329c2f178731db956d82bf015d1212b02ec0ec"
      "69d7477c1ae954cbc06689f6a359894c0adebbf6b4e8020005aaa95551";
  tower::Limbs<10> heff{};
  size_t len = std::strlen(heff_hex);
  for (size_t i = 0; i < len; ++i) {
    char c = heff_hex[len - 1 - i];
    uint64_t d = c <= '9' ? c - '0' : c - 'a' + 10;
    heff[i / 16] |= d << (4 * (i % 16));
  }
  for (int i = 0; i < 8; ++i) {
    Fp u = RandFp(rng);
    G1 p1 = MapToG1NoClear(u);
    Fp x, y;
    ASSERT_TRUE(p1.ToAffine(&x, &y));
    EXPECT_TRUE(G1::OnCurveAffine(x, y));
    EXPECT_EQ(G1InSubgroup(p1), p1.Mul(kOrder).IsInfinity());
    G1 c1 = ClearCofactorG1(p1);
    EXPECT_TRUE(G1InSubgroup(c1));
    EXPECT_TRUE(c1.Mul(kOrder).IsInfinity());

    Fp2 u2{RandFp(rng), RandFp(rng)};
    G2 p2 = MapToG2NoClear(u2);
    Fp2 x2, y2;
    ASSERT_TRUE(p2.ToAffine(&x2, &y2));
    EXPECT_TRUE(G2::OnCurveAffine(x2, y2));
    EXPECT_EQ(G2InSubgroup(p2), p2.Mul(kOrder).IsInfinity());
    EXPECT_FALSE(G2InSubgroup(p2));
    G2 c2 = ClearCofactorG2(p2);
    EXPECT_TRUE(c2 == p2.Mul(heff));
    EXPECT_TRUE(G2InSubgroup(c2));
    EXPECT_TRUE(c2.Mul(kOrder).IsInfinity());
  }
}

}  // namespace
}  // namespace nearrt::crypto::bls12_381
