// Miller-loop steps shared by the BN254 (D-type twist) and BLS12-381 (M-type
// twist) pairings: T is kept in homogeneous projective coordinates on the
// twist y^2 = x^3 + b' (x = X/Z, y = Y/Z), with the doubling/addition
// formulas of Costello-Lange-Naehrig and Aranha et al. Each step returns the
// line through the points (scaled by a factor in Fp2, which the final
// exponentiation removes) as cy * yP + cx * xP + c0; the caller places the
// three terms at the powers of w its twist type dictates.
#pragma once

namespace nearrt::crypto::tower {

template <class F2>
struct TwistPoint {
  F2 x, y, z;
};

template <class F2>
struct LinePieces {
  F2 cy, cx, c0;
};

// T <- 2T; tangent line at T.
template <class F2>
LinePieces<F2> TwistDoublingStep(TwistPoint<F2>& t, const F2& b2) {
  F2 a = (t.x * t.y).Half();
  F2 b = t.y.Square();
  F2 c = t.z.Square();
  F2 e = (c.Dbl() + c) * b2;
  F2 f = e.Dbl() + e;
  F2 g = (b + f).Half();
  F2 h = (t.y + t.z).Square() - (b + c);  // 2YZ
  F2 j = t.x.Square();
  F2 e2 = e.Square();
  LinePieces<F2> l{-h, j.Dbl() + j, e - b};
  t.x = a * (b - f);
  t.y = g.Square() - (e2.Dbl() + e2);
  t.z = b * h;
  return l;
}

// T <- T + Q for affine Q; line through T and Q.
template <class F2>
LinePieces<F2> TwistAdditionStep(TwistPoint<F2>& t, const F2& qx, const F2& qy) {
  F2 theta = t.y - qy * t.z;
  F2 lambda = t.x - qx * t.z;
  F2 c = theta.Square();
  F2 d = lambda.Square();
  F2 e = lambda * d;
  F2 f = t.z * c;
  F2 g = t.x * d;
  F2 h = e + f - g.Dbl();
  LinePieces<F2> l{lambda, -theta, theta * qx - lambda * qy};
  t.x = lambda * h;
  t.y = theta * (g - h) - t.y * e;
  t.z = t.z * e;
  return l;
}

}  // namespace nearrt::crypto::tower
