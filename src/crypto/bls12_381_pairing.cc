#include "crypto/bls12_381_pairing.h"

#include <array>

#include "crypto/bn254_bls12_381_miller.h"

namespace nearrt::crypto::bls12_381 {
namespace {

struct Constants {
  std::array<std::array<Fp2, 6>, 3> gamma;  // Fp12 Frobenius
  Fp2 b2;                                   // 4(1+u)
  Fp2 psi_x, psi_y;                         // (1+u)^-((p-1)/3), (1+u)^-((p-1)/2)
  Fp beta;                                  // cube root of unity used by sigma
};

const Constants& K() {
  static const Constants k = [] {
    Constants c;
    c.gamma = tower::ComputeFrobeniusGammas<TowerParams, Fp>();
    Fp2 xi = TowerParams::MulByXi(Fp2::One());
    c.b2 = xi.MulFp(Fp::FromU64(4));
    constexpr auto pm1 = tower::SubSmall<6>(Fp::kP, 1);
    c.psi_x = xi.Pow(tower::DivSmall<6>(pm1, 3)).Inverse();
    c.psi_y = xi.Pow(tower::DivSmall<6>(pm1, 2)).Inverse();
    // blst's sigma multiplies Z by this beta, i.e. x by beta^-2 = beta.
    c.beta = Fp::FromHex(
        "1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd00000000aaac");
    return c;
  }();
  return k;
}

G1 Sigma(const G1& p) { return {p.x * K().beta, p.y, p.z}; }

using TPoint = tower::TwistPoint<Fp2>;

// M-type twist: the line is a0 + a1 w^2 + b1 w^3.
Fp12 MulLine(const Fp12& f, const tower::LinePieces<Fp2>& l, const Fp& px, const Fp& py) {
  return f.MulByLineM(l.c0, l.cx.MulFp(px), l.cy.MulFp(py));
}

// m^|z| for m in the cyclotomic subgroup.
Fp12 CycloPowAbsZ(const Fp12& m) {
  Fp12 r = m;
  for (int i = 62; i >= 0; --i) {
    r = r.CyclotomicSquare();
    if ((kAbsZ >> i) & 1) r = r * m;
  }
  return r;
}
Fp12 CycloPowZ(const Fp12& m) { return CycloPowAbsZ(m).Conj(); }  // z < 0

}  // namespace

Fp G1Curve::B() { return Fp::FromU64(4); }
Fp2 G2Curve::B() { return K().b2; }

G1 G1MulAbsZ(const G1& p) { return p.MulU64(kAbsZ); }
G2 G2MulAbsZ(const G2& p) { return p.MulU64(kAbsZ); }

G2 Psi(const G2& p) {
  const Constants& k = K();
  return {p.x.Conj() * k.psi_x, p.y.Conj() * k.psi_y, p.z.Conj()};
}

// blst map_to_g1.c POINTonE1_in_G1: sigma^2(P) == [-z^2]P.
bool G1InSubgroup(const G1& p) {
  G1 t1 = G1MulAbsZ(G1MulAbsZ(p)).Neg();
  G1 t0 = Sigma(Sigma(p));
  return t0 == t1;
}

// blst map_to_g2.c POINTonE2_in_G2: psi(P) == [z]P.
bool G2InSubgroup(const G2& p) {
  G2 t1 = G2MulAbsZ(p).Neg();
  return Psi(p) == t1;
}

Fp12 MillerLoop(const std::vector<PairInput>& pairs) {
  size_t n = pairs.size();
  std::vector<TPoint> t(n);
  for (size_t i = 0; i < n; ++i) t[i] = {pairs[i].qx, pairs[i].qy, Fp2::One()};
  Fp12 f = Fp12::One();
  for (int bit = 62; bit >= 0; --bit) {
    f = f.Square();
    for (size_t i = 0; i < n; ++i) {
      f = MulLine(f, tower::TwistDoublingStep(t[i], K().b2), pairs[i].px, pairs[i].py);
    }
    if ((kAbsZ >> bit) & 1) {
      for (size_t i = 0; i < n; ++i) {
        f = MulLine(f, tower::TwistAdditionStep(t[i], pairs[i].qx, pairs[i].qy), pairs[i].px, pairs[i].py);
      }
    }
  }
  return f.Conj();  // z < 0
}

Fp12 FinalExponentiation(const Fp12& f) {
  const auto& g = K().gamma;
  // Easy part: f^((p^6 - 1)(p^2 + 1)).
  Fp12 m = f.Conj() * f.Inverse();
  m = m.Frobenius(2, g) * m;
  // Hard part, 3 (p^4 - p^2 + 1)/r = (z-1)^2 (z+p) (z^2+p^2-1) + 3
  // (Hayashida-Hayasaka-Teruya); the factor 3 is coprime to r.
  Fp12 a = CycloPowZ(m) * m.Conj();           // m^(z-1)
  Fp12 t = CycloPowZ(a) * a.Conj();           // m^((z-1)^2)
  t = CycloPowZ(t) * t.Frobenius(1, g);       // ^(z+p)
  t = CycloPowZ(CycloPowZ(t)) * t.Frobenius(2, g) * t.Conj();  // ^(z^2+p^2-1)
  return t * m.CyclotomicSquare() * m;
}

bool PairingProductIsOne(const std::vector<PairInput>& pairs) {
  if (pairs.empty()) return true;
  Fp12 f = MillerLoop(pairs);
  if (f.IsZero()) return false;
  return FinalExponentiation(f).IsOne();
}

}  // namespace nearrt::crypto::bls12_381
