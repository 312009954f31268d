#include "crypto/ec_weierstrass.h"

#include <algorithm>

namespace nearrt::crypto::ec {

Curve::Curve(const U256& p, const U256& n, const U256& a, const U256& b, const AffinePoint& g)
    : fp_(p), fn_(n), a_(fp_.ToMont(a)), b_(fp_.ToMont(b)), a_is_zero_(a.IsZero()) {
  g_ = FromAffine(g);
}

JacobianPoint Curve::FromAffine(const AffinePoint& a) const {
  return {fp_.ToMont(a.x), fp_.ToMont(a.y), fp_.one()};
}

std::optional<AffinePoint> Curve::ToAffine(const JacobianPoint& p) const {
  if (IsInfinity(p)) return std::nullopt;
  U256 zi = fp_.Inv(p.z);
  U256 zi2 = fp_.Sqr(zi);
  U256 x = fp_.Mul(p.x, zi2);
  U256 y = fp_.Mul(p.y, fp_.Mul(zi2, zi));
  return AffinePoint{fp_.FromMont(x), fp_.FromMont(y)};
}

bool Curve::IsOnCurve(const AffinePoint& a) const {
  U256 x = fp_.ToMont(a.x);
  U256 y = fp_.ToMont(a.y);
  U256 rhs = fp_.Add(fp_.Mul(fp_.Add(fp_.Sqr(x), a_), x), b_);
  return fp_.Sqr(y) == rhs;
}

std::optional<AffinePoint> Curve::LiftX(const U256& x_plain, bool y_odd) const {
  U256 x = fp_.ToMont(x_plain);
  U256 rhs = fp_.Add(fp_.Mul(fp_.Add(fp_.Sqr(x), a_), x), b_);
  U256 y;
  if (!fp_.Sqrt3Mod4(rhs, y)) return std::nullopt;
  U256 y_plain = fp_.FromMont(y);
  if (y_plain.IsOdd() != y_odd) y_plain = fp_.Neg(y_plain);  // Neg works on plain values too
  return AffinePoint{x_plain, y_plain};
}

// dbl-1998-cmo-2 with a general `a` (EFD, Jacobian coordinates).
JacobianPoint Curve::Double(const JacobianPoint& p) const {
  if (IsInfinity(p) || p.y.IsZero()) return Infinity();
  const ModField& f = fp_;
  U256 xx = f.Sqr(p.x);
  U256 yy = f.Sqr(p.y);
  U256 yyyy = f.Sqr(yy);
  U256 s = f.Mul(p.x, yy);
  s = f.Add(s, s);
  s = f.Add(s, s);  // 4 * X * YY
  U256 m = f.Add(f.Add(xx, xx), xx);
  if (!a_is_zero_) {
    U256 zz = f.Sqr(p.z);
    m = f.Add(m, f.Mul(a_, f.Sqr(zz)));
  }
  JacobianPoint r;
  r.x = f.Sub(f.Sqr(m), f.Add(s, s));
  U256 y8 = f.Add(yyyy, yyyy);
  y8 = f.Add(y8, y8);
  y8 = f.Add(y8, y8);
  r.y = f.Sub(f.Mul(m, f.Sub(s, r.x)), y8);
  U256 yz = f.Mul(p.y, p.z);
  r.z = f.Add(yz, yz);
  return r;
}

// add-1998-cmo-2 with the P == Q and P == -Q cases handled.
JacobianPoint Curve::Add(const JacobianPoint& p, const JacobianPoint& q) const {
  if (IsInfinity(p)) return q;
  if (IsInfinity(q)) return p;
  const ModField& f = fp_;
  U256 z1z1 = f.Sqr(p.z);
  U256 z2z2 = f.Sqr(q.z);
  U256 u1 = f.Mul(p.x, z2z2);
  U256 u2 = f.Mul(q.x, z1z1);
  U256 s1 = f.Mul(p.y, f.Mul(q.z, z2z2));
  U256 s2 = f.Mul(q.y, f.Mul(p.z, z1z1));
  U256 h = f.Sub(u2, u1);
  U256 rr = f.Sub(s2, s1);
  if (h.IsZero()) return rr.IsZero() ? Double(p) : Infinity();
  U256 hh = f.Sqr(h);
  U256 hhh = f.Mul(h, hh);
  U256 v = f.Mul(u1, hh);
  JacobianPoint r;
  r.x = f.Sub(f.Sub(f.Sqr(rr), hhh), f.Add(v, v));
  r.y = f.Sub(f.Mul(rr, f.Sub(v, r.x)), f.Mul(s1, hhh));
  r.z = f.Mul(f.Mul(p.z, q.z), h);
  return r;
}

JacobianPoint Curve::Negate(const JacobianPoint& p) const { return {p.x, fp_.Neg(p.y), p.z}; }

JacobianPoint Curve::Multiply(const JacobianPoint& p, const U256& k) const {
  JacobianPoint r = Infinity();
  for (int i = k.BitLength() - 1; i >= 0; --i) {
    r = Double(r);
    if (k.Bit(i)) r = Add(r, p);
  }
  return r;
}

JacobianPoint Curve::MultiplyWithGenerator(const U256& k1, const JacobianPoint& q,
                                           const U256& k2) const {
  const JacobianPoint table[4] = {Infinity(), g_, q, Add(g_, q)};
  int bits = std::max(k1.BitLength(), k2.BitLength());
  JacobianPoint r = Infinity();
  for (int i = bits - 1; i >= 0; --i) {
    r = Double(r);
    int idx = int(k1.Bit(i)) | (int(k2.Bit(i)) << 1);
    if (idx) r = Add(r, table[idx]);
  }
  return r;
}

const Curve& Secp256k1Curve() {
  static const Curve curve(
      U256::FromWords(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFEFFFFFC2F),
      U256::FromWords(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFE, 0xBAAEDCE6AF48A03B, 0xBFD25E8CD0364141),
      U256::Small(0), U256::Small(7),
      AffinePoint{U256::FromWords(0x79BE667EF9DCBBAC, 0x55A06295CE870B07, 0x029BFCDB2DCE28D9,
                                  0x59F2815B16F81798),
                  U256::FromWords(0x483ADA7726A3C465, 0x5DA4FBFC0E1108A8, 0xFD17B448A6855419,
                                  0x9C47D08FFB10D4B8)});
  return curve;
}

const Curve& P256Curve() {
  static const Curve curve(
      U256::FromWords(0xFFFFFFFF00000001, 0x0000000000000000, 0x00000000FFFFFFFF, 0xFFFFFFFFFFFFFFFF),
      U256::FromWords(0xFFFFFFFF00000000, 0xFFFFFFFFFFFFFFFF, 0xBCE6FAADA7179E84, 0xF3B9CAC2FC632551),
      // a = -3 = p - 3
      U256::FromWords(0xFFFFFFFF00000001, 0x0000000000000000, 0x00000000FFFFFFFF, 0xFFFFFFFFFFFFFFFC),
      U256::FromWords(0x5AC635D8AA3A93E7, 0xB3EBBD55769886BC, 0x651D06B0CC53B0F6, 0x3BCE3C3E27D2604B),
      AffinePoint{U256::FromWords(0x6B17D1F2E12C4247, 0xF8BCE6E563A440F2, 0x77037D812DEB33A0,
                                  0xF4A13945D898C296),
                  U256::FromWords(0x4FE342E2FE1A7F9B, 0x8EE7EB4A7C0F9E16, 0x2BCE33576B315ECE,
                                  0xCBB6406837BF51F5)});
  return curve;
}

}  // namespace nearrt::crypto::ec
