#include "crypto/bls12_381_pairing.h"

#include <array>

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

struct TPoint {
  Fp2 x, y, z;
};
struct Line {
  Fp2 a0, a1, b1;  // a0 + a1 w^2 + b1 w^3
};

Line DoublingStep(TPoint& t, const Fp& px, const Fp& py) {
  const Fp2& b2 = K().b2;
  Fp2 a = (t.x * t.y).Half();
  Fp2 b = t.y.Square();
  Fp2 c = t.z.Square();
  Fp2 e = (c.Dbl() + c) * b2;
  Fp2 f = e.Dbl() + e;
  Fp2 g = (b + f).Half();
  Fp2 h = (t.y + t.z).Square() - (b + c);
  Fp2 j = t.x.Square();
  Fp2 e2 = e.Square();
  Line l{e - b, (j.Dbl() + j).MulFp(px), (-h).MulFp(py)};
  t.x = a * (b - f);
  t.y = g.Square() - (e2.Dbl() + e2);
  t.z = b * h;
  return l;
}

Line AdditionStep(TPoint& t, const Fp2& qx, const Fp2& qy, const Fp& px, const Fp& py) {
  Fp2 theta = t.y - qy * t.z;
  Fp2 lambda = t.x - qx * t.z;
  Fp2 c = theta.Square();
  Fp2 d = lambda.Square();
  Fp2 e = lambda * d;
  Fp2 f = t.z * c;
  Fp2 g = t.x * d;
  Fp2 h = e + f - g.Dbl();
  Line l{theta * qx - lambda * qy, (-theta).MulFp(px), lambda.MulFp(py)};
  t.x = lambda * h;
  t.y = theta * (g - h) - t.y * e;
  t.z = t.z * e;
  return l;
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

G1 G1MulAbsZ(const G1& p) {
  G1 r = p;
  for (int i = 62; i >= 0; --i) {
    r = r.Double();
    if ((kAbsZ >> i) & 1) r = r + p;
  }
  return r;
}
G2 G2MulAbsZ(const G2& p) {
  G2 r = p;
  for (int i = 62; i >= 0; --i) {
    r = r.Double();
    if ((kAbsZ >> i) & 1) r = r + p;
  }
  return r;
}

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
      Line l = DoublingStep(t[i], pairs[i].px, pairs[i].py);
      f = f.MulByLineM(l.a0, l.a1, l.b1);
    }
    if ((kAbsZ >> bit) & 1) {
      for (size_t i = 0; i < n; ++i) {
        Line l = AdditionStep(t[i], pairs[i].qx, pairs[i].qy, pairs[i].px, pairs[i].py);
        f = f.MulByLineM(l.a0, l.a1, l.b1);
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
