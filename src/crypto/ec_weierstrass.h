// Short Weierstrass curves y^2 = x^3 + a*x + b over a 256-bit prime field,
// in Jacobian coordinates, for the portable secp256k1 and P-256 code.
// Not constant time (see ec_field.h).
#pragma once

#include <optional>

#include "crypto/ec_field.h"

namespace nearrt::crypto::ec {

// Field elements in Montgomery form of `Curve::fp`. Z == 0 is the point at
// infinity. Affine (x, y) = (X / Z^2, Y / Z^3).
struct JacobianPoint {
  U256 x, y, z;
};

// An affine point with plain (not Montgomery) big-endian-ready coordinates.
struct AffinePoint {
  U256 x, y;
};

class Curve {
 public:
  // All parameters are plain integers; `a` and `b` are reduced mod p.
  Curve(const U256& p, const U256& n, const U256& a, const U256& b, const AffinePoint& g);

  const ModField& fp() const { return fp_; }  // coordinates
  const ModField& fn() const { return fn_; }  // scalars
  const U256& p() const { return fp_.modulus(); }
  const U256& n() const { return fn_.modulus(); }

  JacobianPoint Infinity() const { return {fp_.one(), fp_.one(), U256()}; }
  JacobianPoint Generator() const { return g_; }
  static bool IsInfinity(const JacobianPoint& p) { return p.z.IsZero(); }

  // From plain affine coordinates; no curve check (see IsOnCurve).
  JacobianPoint FromAffine(const AffinePoint& a) const;
  // Plain affine coordinates; nullopt for the point at infinity.
  std::optional<AffinePoint> ToAffine(const JacobianPoint& p) const;
  // REQUIRES: x, y < p (plain).
  bool IsOnCurve(const AffinePoint& a) const;
  // The point with plain x-coordinate `x` (< p) whose y has parity `y_odd`,
  // or nullopt if x^3 + a*x + b is not a square. REQUIRES: p = 3 mod 4.
  std::optional<AffinePoint> LiftX(const U256& x, bool y_odd) const;

  JacobianPoint Double(const JacobianPoint& p) const;
  JacobianPoint Add(const JacobianPoint& p, const JacobianPoint& q) const;
  JacobianPoint Negate(const JacobianPoint& p) const;
  // k * p for a plain scalar k (any 256-bit value).
  JacobianPoint Multiply(const JacobianPoint& p, const U256& k) const;
  // k1 * G + k2 * q (Shamir's trick), plain scalars.
  JacobianPoint MultiplyWithGenerator(const U256& k1, const JacobianPoint& q,
                                      const U256& k2) const;

 private:
  ModField fp_;
  ModField fn_;
  U256 a_;  // Montgomery form
  U256 b_;  // Montgomery form
  bool a_is_zero_;
  JacobianPoint g_;
};

// secp256k1 (SEC 2): y^2 = x^3 + 7.
const Curve& Secp256k1Curve();
// NIST P-256 / secp256r1 (FIPS 186-4 D.1.2.3): y^2 = x^3 - 3x + b.
const Curve& P256Curve();

}  // namespace nearrt::crypto::ec
