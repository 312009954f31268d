// BLS12-381 fields, groups, subgroup checks and the optimal-ate pairing.
//   Fp:  p = 0x1a0111ea...ffffaaab (381 bits)
//   r  = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001
//   E1:  y^2 = x^3 + 4 over Fp;   E2: y^2 = x^3 + 4(1+u) over Fp2 (M-type twist)
//   z  = -0xd201000000010000 (the BLS parameter)
// Subgroup membership uses the same tests as blst 0.3.11 (Scott,
// eprint 2021/1130): G1: sigma^2(P) == [-z^2]P, G2: psi(P) == [z]P.
#pragma once

#include <vector>

#include "crypto/bn254_bls12_381_jacobian.h"
#include "crypto/bn254_bls12_381_tower.h"

namespace nearrt::crypto::bls12_381 {

struct FpParams {
  static constexpr size_t kN = 6;
  static constexpr tower::Limbs<6> kModulus = {0xb9feffffffffaaab, 0x1eabfffeb153ffff,
                                               0x6730d2a0f6b0f624, 0x64774b84f38512bf,
                                               0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};
};
using Fp = tower::Fp<FpParams>;
using Fp2 = tower::Fp2<Fp>;

struct TowerParams {
  using F2 = Fp2;
  // (a0 + a1 u)(1 + u) = (a0 - a1) + (a0 + a1) u
  static Fp2 MulByXi(const Fp2& a) { return {a.c0 - a.c1, a.c0 + a.c1}; }
};
using Fp6 = tower::Fp6<TowerParams>;
using Fp12 = tower::Fp12<TowerParams>;

inline constexpr tower::Limbs<4> kOrder = {0xffffffff00000001, 0x53bda402fffe5bfe,
                                           0x3339d80809a1d805, 0x73eda753299d7d48};
inline constexpr uint64_t kAbsZ = 0xd201000000010000ull;  // z = -kAbsZ

struct G1Curve {
  using F = Fp;
  static Fp B();  // 4
};
struct G2Curve {
  using F = Fp2;
  static Fp2 B();  // 4(1+u)
};
using G1 = tower::Jacobian<G1Curve>;
using G2 = tower::Jacobian<G2Curve>;

// [|z|]P, i.e. blst's "times_minus_z".
G1 G1MulAbsZ(const G1& p);
G2 G2MulAbsZ(const G2& p);
// psi = untwist-Frobenius-twist endomorphism on E2.
G2 Psi(const G2& p);
bool G1InSubgroup(const G1& p);
bool G2InSubgroup(const G2& p);

struct PairInput {
  Fp px, py;   // affine G1 point (not infinity)
  Fp2 qx, qy;  // affine G2 point (not infinity)
};
Fp12 MillerLoop(const std::vector<PairInput>& pairs);
Fp12 FinalExponentiation(const Fp12& f);
// prod e(P_i, Q_i) == 1 (the caller drops pairs containing infinity).
bool PairingProductIsOne(const std::vector<PairInput>& pairs);

}  // namespace nearrt::crypto::bls12_381
