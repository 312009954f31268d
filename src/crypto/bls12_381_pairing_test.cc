#include "crypto/bls12_381_pairing.h"

#include <gtest/gtest.h>

#include <random>

namespace nearrt::crypto::bls12_381 {
namespace {

using tower::Limbs;

Fp2 F2(const char* c0, const char* c1) { return {Fp::FromHex(c0), Fp::FromHex(c1)}; }

G1 G1Gen() {
  return G1::FromAffine(
      Fp::FromHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
      Fp::FromHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));
}
G2 G2Gen() {
  return G2::FromAffine(
      F2("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8",
         "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"),
      F2("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801",
         "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be"));
}

Limbs<4> RandScalar(std::mt19937_64& rng) {
  Limbs<4> k;
  for (auto& w : k) w = rng();
  k[3] &= 0x3fffffffffffffffull;
  return k;
}
Fp RandFp(std::mt19937_64& rng) {
  Limbs<6> k;
  for (auto& w : k) w = rng();
  k[5] &= 0x0fffffffffffffffull;
  return Fp::FromInt(k);
}

PairInput ToPair(const G1& p, const G2& q) {
  PairInput in;
  EXPECT_TRUE(p.ToAffine(&in.px, &in.py));
  EXPECT_TRUE(q.ToAffine(&in.qx, &in.qy));
  return in;
}

TEST(Bls12381Field, Arithmetic) {
  std::mt19937_64 rng(11);
  auto rand2 = [&] { return Fp2{RandFp(rng), RandFp(rng)}; };
  auto rand6 = [&] { return Fp6{rand2(), rand2(), rand2()}; };
  for (int i = 0; i < 20; ++i) {
    Fp a = RandFp(rng);
    EXPECT_EQ(a * a.Inverse(), Fp::One());
    Fp s;
    ASSERT_TRUE(a.Square().Sqrt(&s));
    EXPECT_TRUE(s == a || s == -a);
    Fp2 b = rand2();
    Fp2 t;
    ASSERT_TRUE(b.Square().Sqrt(&t));
    EXPECT_TRUE(t == b || t == -b);
  }
  Fp12 a{rand6(), rand6()};
  EXPECT_EQ(a * a.Inverse(), Fp12::One());
  EXPECT_EQ(a.Square(), a * a);
  auto g = tower::ComputeFrobeniusGammas<TowerParams, Fp>();
  Fp12 m = a.Conj() * a.Inverse();
  m = m.Frobenius(2, g) * m;
  EXPECT_EQ(m.CyclotomicSquare(), m.Square());
  EXPECT_EQ(a.Frobenius(1, g), [&] {
    Fp12 r = Fp12::One();
    for (size_t i = tower::BitLength<6>(Fp::kP); i-- > 0;) {
      r = r.Square();
      if (tower::BitOf<6>(Fp::kP, i)) r = r * a;
    }
    return r;
  }());
  EXPECT_EQ(a.Frobenius(3, g), a.Frobenius(2, g).Frobenius(1, g));
}

TEST(Bls12381Group, SubgroupChecks) {
  Fp x, y;
  ASSERT_TRUE(G1Gen().ToAffine(&x, &y));
  EXPECT_TRUE(G1::OnCurveAffine(x, y));
  Fp2 x2, y2;
  ASSERT_TRUE(G2Gen().ToAffine(&x2, &y2));
  EXPECT_TRUE(G2::OnCurveAffine(x2, y2));
  EXPECT_TRUE(G1InSubgroup(G1Gen()));
  EXPECT_TRUE(G2InSubgroup(G2Gen()));
  EXPECT_TRUE(G1Gen().Mul(kOrder).IsInfinity());
  EXPECT_TRUE(G2Gen().Mul(kOrder).IsInfinity());
  EXPECT_TRUE(G1InSubgroup(G1::Infinity()));
  EXPECT_TRUE(G2InSubgroup(G2::Infinity()));
  // Random points of E1 / E2 (found by trying x): the fast checks agree with
  // r * P == O. (0, 2) is on E1 but not in G1.
  std::mt19937_64 rng(12);
  int found1 = 0, found2 = 0;
  for (int i = 0; i < 40; ++i) {
    Fp rx = RandFp(rng), ry;
    if ((rx.Square() * rx + G1Curve::B()).Sqrt(&ry)) {
      G1 p = G1::FromAffine(rx, ry);
      EXPECT_EQ(G1InSubgroup(p), p.Mul(kOrder).IsInfinity());
      EXPECT_FALSE(G1InSubgroup(p));
      ++found1;
    }
    Fp2 qx{RandFp(rng), RandFp(rng)}, qy;
    if ((qx.Square() * qx + G2Curve::B()).Sqrt(&qy)) {
      G2 q = G2::FromAffine(qx, qy);
      EXPECT_EQ(G2InSubgroup(q), q.Mul(kOrder).IsInfinity());
      ++found2;
    }
  }
  EXPECT_GT(found1, 5);
  EXPECT_GT(found2, 5);
  G1 x0 = G1::FromAffine(Fp::Zero(), Fp::FromU64(2));
  EXPECT_FALSE(G1InSubgroup(x0));
  EXPECT_TRUE(x0.MulU64(3).IsInfinity());
}

TEST(Bls12381Pairing, Bilinearity) {
  std::mt19937_64 rng(13);
  for (int i = 0; i < 3; ++i) {
    auto a = RandScalar(rng), b = RandScalar(rng);
    G1 p = G1Gen().Mul(a);
    G2 q = G2Gen().Mul(b);
    G1 abp = p.Mul(b);
    EXPECT_TRUE(PairingProductIsOne({ToPair(p, q), ToPair(abp.Neg(), G2Gen())}));
    EXPECT_FALSE(PairingProductIsOne({ToPair(p, q), ToPair(abp, G2Gen())}));
    EXPECT_FALSE(PairingProductIsOne({ToPair(p, q)}));
  }
}

}  // namespace
}  // namespace nearrt::crypto::bls12_381
