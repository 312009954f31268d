// Short-Weierstrass points y^2 = x^3 + b (a = 0) in Jacobian coordinates
// (x = X/Z^2, y = Y/Z^3, infinity <=> Z = 0), shared by the BN254 and
// BLS12-381 groups over Fp and Fp2. The group law is complete: doubling,
// P + (-P), and the identity are handled, so results are the mathematical
// ones for any points on the curve (subgroup or not), which is what the
// reference libraries (zeropool-bn, blst) compute.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crypto/bn254_bls12_381_tower.h"

namespace nearrt::crypto::tower {

// C provides: using F = ...; static F B();
template <class C>
struct Jacobian {
  using F = typename C::F;
  F x, y, z;

  static Jacobian Infinity() { return {F::Zero(), F::One(), F::Zero()}; }
  static Jacobian FromAffine(const F& ax, const F& ay) { return {ax, ay, F::One()}; }
  bool IsInfinity() const { return z.IsZero(); }

  static bool OnCurveAffine(const F& ax, const F& ay) {
    return ay.Square() == ax.Square() * ax + C::B();
  }

  Jacobian Neg() const { return {x, -y, z}; }

  Jacobian Double() const {
    if (IsInfinity()) return *this;
    F a = x.Square();
    F b = y.Square();
    F c = b.Square();
    F d = ((x + b).Square() - a - c).Dbl();
    F e = a.Dbl() + a;
    F f = e.Square();
    Jacobian r;
    r.x = f - d.Dbl();
    r.y = e * (d - r.x) - c.Dbl().Dbl().Dbl();
    r.z = (y * z).Dbl();
    return r;
  }

  friend Jacobian operator+(const Jacobian& p, const Jacobian& q) {
    if (p.IsInfinity()) return q;
    if (q.IsInfinity()) return p;
    F z1z1 = p.z.Square(), z2z2 = q.z.Square();
    F u1 = p.x * z2z2, u2 = q.x * z1z1;
    F s1 = p.y * q.z * z2z2, s2 = q.y * p.z * z1z1;
    F h = u2 - u1;
    F rr = s2 - s1;
    if (h.IsZero()) {
      if (rr.IsZero()) return p.Double();
      return Infinity();
    }
    F i = h.Dbl().Square();
    F j = h * i;
    rr = rr.Dbl();
    F v = u1 * i;
    Jacobian r;
    r.x = rr.Square() - j - v.Dbl();
    r.y = rr * (v - r.x) - (s1 * j).Dbl();
    r.z = ((p.z + q.z).Square() - z1z1 - z2z2) * h;
    return r;
  }
  Jacobian operator-(const Jacobian& q) const { return *this + q.Neg(); }

  bool operator==(const Jacobian& q) const {
    bool i1 = IsInfinity(), i2 = q.IsInfinity();
    if (i1 || i2) return i1 && i2;
    F z1z1 = z.Square(), z2z2 = q.z.Square();
    if (x * z2z2 != q.x * z1z1) return false;
    return y * q.z * z2z2 == q.y * z * z1z1;
  }

  // Affine coordinates; false for the point at infinity.
  bool ToAffine(F* ax, F* ay) const {
    if (IsInfinity()) return false;
    F zi = z.Inverse();
    F zi2 = zi.Square();
    *ax = x * zi2;
    *ay = y * zi2 * zi;
    return true;
  }

  // k * P for a little-endian limb scalar, any size (variable time: all
  // inputs of the host functions are public).
  template <size_t M>
  Jacobian Mul(const Limbs<M>& k) const {
    size_t bits = BitLength<M>(k);
    if (bits == 0 || IsInfinity()) return Infinity();
    // 4-bit fixed window.
    Jacobian table[16];
    table[0] = Infinity();
    table[1] = *this;
    for (int i = 2; i < 16; ++i) table[i] = (i % 2 == 0) ? table[i / 2].Double() : table[i - 1] + *this;
    size_t windows = (bits + 3) / 4;
    Jacobian r = Infinity();
    for (size_t w = windows; w-- > 0;) {
      if (w + 1 != windows) r = r.Double().Double().Double().Double();
      unsigned digit = 0;
      for (int b = 3; b >= 0; --b) digit = (digit << 1) | (BitOf<M>(k, w * 4 + b) ? 1 : 0);
      if (digit) r = r + table[digit];
    }
    return r;
  }

  // Multiplication by a small unsigned 64-bit value (plain double-and-add).
  Jacobian MulU64(uint64_t k) const {
    Jacobian r = Infinity();
    for (int i = 63; i >= 0; --i) {
      r = r.Double();
      if ((k >> i) & 1) r = r + *this;
    }
    return r;
  }
};

}  // namespace nearrt::crypto::tower
