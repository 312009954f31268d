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
  // inputs of the host functions are public). Width-5 NAF: digits are odd,
  // in [-15, 15], and at least 4 zeros separate two nonzero digits.
  template <size_t M>
  Jacobian Mul(const Limbs<M>& k) const {
    if (BitLength<M>(k) == 0 || IsInfinity()) return Infinity();
    // Recode: n is k with one spare word for the +16 carries.
    uint64_t n[M + 1];
    for (size_t i = 0; i < M; ++i) n[i] = k[i];
    n[M] = 0;
    std::vector<int8_t> digits;
    digits.reserve(64 * M + 1);
    auto is_zero = [&] {
      uint64_t acc = 0;
      for (size_t i = 0; i <= M; ++i) acc |= n[i];
      return acc == 0;
    };
    while (!is_zero()) {
      int d = 0;
      if (n[0] & 1) {
        d = (int)(n[0] & 31);
        if (d >= 16) d -= 32;
        // n -= d (d odd, |d| < 16), without leaving [0, 2^(64(M+1))).
        uint64_t delta = (uint64_t)(d < 0 ? -d : d);
        if (d > 0) {
          uint8_t b = SubB(0, n[0], delta, &n[0]);
          for (size_t i = 1; i <= M && b; ++i) b = SubB(b, n[i], 0, &n[i]);
        } else {
          uint8_t c = AddC(0, n[0], delta, &n[0]);
          for (size_t i = 1; i <= M && c; ++i) c = AddC(c, n[i], 0, &n[i]);
        }
      }
      digits.push_back((int8_t)d);
      for (size_t i = 0; i <= M; ++i) n[i] = (n[i] >> 1) | (i < M ? n[i + 1] << 63 : 0);
    }
    Jacobian odd[8];  // odd[i] = (2i + 1) P
    odd[0] = *this;
    Jacobian twice = Double();
    for (int i = 1; i < 8; ++i) odd[i] = odd[i - 1] + twice;
    Jacobian r = Infinity();
    for (size_t i = digits.size(); i-- > 0;) {
      r = r.Double();
      int d = digits[i];
      if (d > 0) r = r + odd[d >> 1];
      if (d < 0) r = r + odd[(-d) >> 1].Neg();
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
