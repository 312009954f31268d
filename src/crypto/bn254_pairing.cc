#include "crypto/bn254_pairing.h"

#include <array>

#include "crypto/bn254_bls12_381_miller.h"

namespace nearrt::crypto::bn254 {
namespace {

constexpr uint64_t kX = 4965661367192848881ull;  // BN parameter x

struct Constants {
  std::array<std::array<Fq2, 6>, 3> gamma;  // Fq12 Frobenius
  Fq2 b2;                                   // G2 curve constant 3/(9+u)
  std::vector<int> naf;                     // NAF of 6x+2, least significant first
};

const Constants& K() {
  static const Constants k = [] {
    Constants c;
    c.gamma = tower::ComputeFrobeniusGammas<TowerParams, Fq>();
    Fq2 xi = TowerParams::MulByXi(Fq2::One());
    c.b2 = Fq2{Fq::FromU64(3), Fq::Zero()} * xi.Inverse();
    // 6x + 2 fits in 65 bits: compute the NAF with 128-bit arithmetic.
    unsigned __int128 n = (unsigned __int128)kX * 6 + 2;
    while (n != 0) {
      if (n & 1) {
        int d = 2 - (int)(n & 3);  // 1 or -1
        c.naf.push_back(d);
        if (d == 1) n -= 1; else n += 1;
      } else {
        c.naf.push_back(0);
      }
      n >>= 1;
    }
    return c;
  }();
  return k;
}

using TPoint = tower::TwistPoint<Fq2>;

// D-type twist: the line is a0 + b0 w + b1 w^3.
Fq12 MulLine(const Fq12& f, const tower::LinePieces<Fq2>& l, const Fq& px, const Fq& py) {
  return f.MulByLineD(l.cy.MulFp(py), l.cx.MulFp(px), l.c0);
}

Fq12 CycloPowX(const Fq12& m) {  // m^x for x > 0, m in the cyclotomic subgroup
  Fq12 r = m;
  for (int i = 62 - 1; i >= 0; --i) {  // kX has bit 62 as its top bit
    r = r.CyclotomicSquare();
    if ((kX >> i) & 1) r = r * m;
  }
  return r;
}

}  // namespace

Fq G1Curve::B() { return Fq::FromU64(3); }
Fq2 G2Curve::B() { return K().b2; }

bool G2InSubgroup(const G2& q) { return q.Mul(kOrder).IsInfinity(); }

Fq12 MillerLoop(const std::vector<PairInput>& pairs) {
  const Constants& k = K();
  size_t n = pairs.size();
  std::vector<TPoint> t(n);
  std::vector<Fq2> neg_qy(n);
  for (size_t i = 0; i < n; ++i) {
    t[i] = {pairs[i].qx, pairs[i].qy, Fq2::One()};
    neg_qy[i] = -pairs[i].qy;
  }
  Fq12 f = Fq12::One();
  for (size_t bit = k.naf.size() - 1; bit-- > 0;) {
    f = f.Square();
    for (size_t i = 0; i < n; ++i) {
      f = MulLine(f, tower::TwistDoublingStep(t[i], k.b2), pairs[i].px, pairs[i].py);
    }
    int d = k.naf[bit];
    if (d != 0) {
      for (size_t i = 0; i < n; ++i) {
        auto l = tower::TwistAdditionStep(t[i], pairs[i].qx, d > 0 ? pairs[i].qy : neg_qy[i]);
        f = MulLine(f, l, pairs[i].px, pairs[i].py);
      }
    }
  }
  // Q1 = pi(Q), Q2 = -pi^2(Q) on the twist:
  // pi(x, y) = (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)).
  for (size_t i = 0; i < n; ++i) {
    Fq2 q1x = pairs[i].qx.Conj() * k.gamma[0][2];
    Fq2 q1y = pairs[i].qy.Conj() * k.gamma[0][3];
    Fq2 q2x = pairs[i].qx * k.gamma[1][2];
    Fq2 q2y = -(pairs[i].qy * k.gamma[1][3]);
    f = MulLine(f, tower::TwistAdditionStep(t[i], q1x, q1y), pairs[i].px, pairs[i].py);
    f = MulLine(f, tower::TwistAdditionStep(t[i], q2x, q2y), pairs[i].px, pairs[i].py);
  }
  return f;
}

Fq12 FinalExponentiation(const Fq12& f) {
  const auto& g = K().gamma;
  // Easy part: f^((p^6 - 1)(p^2 + 1)).
  Fq12 m = f.Conj() * f.Inverse();
  m = m.Frobenius(2, g) * m;
  // Hard part (p^4 - p^2 + 1)/r = l0 + l1 p + l2 p^2 + p^3 with
  // l2 = 6x^2+1, l1 = -36x^3-18x^2-12x+1, l0 = -36x^3-30x^2-18x-2.
  Fq12 a = CycloPowX(m);
  Fq12 b = CycloPowX(a);
  Fq12 c = CycloPowX(b);
  Fq12 y0 = m.Frobenius(1, g) * m.Frobenius(2, g) * m.Frobenius(3, g);
  Fq12 y1 = m.Conj();
  Fq12 y2 = b.Frobenius(2, g);
  Fq12 y3 = a.Frobenius(1, g).Conj();
  Fq12 y4 = (a * b.Frobenius(1, g)).Conj();
  Fq12 y5 = b.Conj();
  Fq12 y6 = (c * c.Frobenius(1, g)).Conj();
  Fq12 t0 = y6.CyclotomicSquare() * y4 * y5;
  Fq12 t1 = y3 * y5 * t0;
  t0 = t0 * y2;
  t1 = t1.CyclotomicSquare() * t0;
  t1 = t1.CyclotomicSquare();
  t0 = t1 * y1;
  t1 = t1 * y0;
  t0 = t0.CyclotomicSquare();
  return t1 * t0;
}

bool PairingProductIsOne(const std::vector<PairInput>& pairs) {
  if (pairs.empty()) return true;
  Fq12 f = MillerLoop(pairs);
  if (f.IsZero()) return false;  // cannot happen for valid inputs
  return FinalExponentiation(f).IsOne();
}

}  // namespace nearrt::crypto::bn254
