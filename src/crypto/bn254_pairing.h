// BN254 (alt_bn128) fields, groups and the optimal-ate pairing.
//   Fq:  p = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47
//   Fr:  r = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001
//   G1:  y^2 = x^3 + 3 over Fq (prime order r, no cofactor)
//   G2:  y^2 = x^3 + 3/(9+u) over Fq2 (D-type sextic twist), order-r subgroup
//   GT:  Fq12 with xi = 9 + u
// Used by crypto/alt_bn128.cc; the byte encodings live there.
#pragma once

#include <utility>
#include <vector>

#include "crypto/bn254_bls12_381_jacobian.h"
#include "crypto/bn254_bls12_381_tower.h"

namespace nearrt::crypto::bn254 {

struct FqParams {
  static constexpr size_t kN = 4;
  static constexpr tower::Limbs<4> kModulus = {0x3c208c16d87cfd47, 0x97816a916871ca8d,
                                               0xb85045b68181585d, 0x30644e72e131a029};
};
using Fq = tower::Fp<FqParams>;
using Fq2 = tower::Fp2<Fq>;

struct TowerParams {
  using F2 = Fq2;
  // (a0 + a1 u)(9 + u) = (9 a0 - a1) + (a0 + 9 a1) u
  static Fq2 MulByXi(const Fq2& a) {
    Fq n0 = a.c0.Dbl().Dbl().Dbl() + a.c0;
    Fq n1 = a.c1.Dbl().Dbl().Dbl() + a.c1;
    return {n0 - a.c1, a.c0 + n1};
  }
};
using Fq6 = tower::Fp6<TowerParams>;
using Fq12 = tower::Fp12<TowerParams>;

// Group order r (little-endian limbs); also the bound for Fr scalars.
inline constexpr tower::Limbs<4> kOrder = {0x43e1f593f0000001, 0x2833e84879b97091,
                                           0xb85045b68181585d, 0x30644e72e131a029};

struct G1Curve {
  using F = Fq;
  static Fq B();  // 3
};
struct G2Curve {
  using F = Fq2;
  static Fq2 B();  // 3 / (9 + u)
};
using G1 = tower::Jacobian<G1Curve>;
using G2 = tower::Jacobian<G2Curve>;

// r * Q == O (zeropool-bn's G2 check: (-1 mod r) * Q + Q == 0).
bool G2InSubgroup(const G2& q);

struct PairInput {
  Fq px, py;   // affine G1 point (not infinity)
  Fq2 qx, qy;  // affine G2 point (not infinity, in the subgroup)
};

// Product of the optimal-ate Miller loops (no final exponentiation).
Fq12 MillerLoop(const std::vector<PairInput>& pairs);
// f^((p^12 - 1) / r). The hard part uses the Scott et al. x-chain.
Fq12 FinalExponentiation(const Fq12& f);
// prod e(P_i, Q_i) == 1. An empty list gives true.
bool PairingProductIsOne(const std::vector<PairInput>& pairs);

}  // namespace nearrt::crypto::bn254
