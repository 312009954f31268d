// RFC 9380 map_to_curve for BLS12-381 as blst's blst_map_to_g1 /
// blst_map_to_g2 compute it for a single field element (no hash_to_field,
// no DST; EIP-2537 MAP_FP_TO_G1 / MAP_FP2_TO_G2):
//   simplified SWU onto the isogenous curve E1' (Z = 11) / E2' (Z = -(2+u)),
//   the 11- / 3-isogeny map to E1 / E2 (constants from RFC 9380 appendix E),
//   then clear_cofactor: [h_eff]P = [1 - z]P on G1, and on G2 the
//   Budroni-Pintore psi formula [z^2 - z - 1]P + [z - 1]psi(P) + psi^2(2P).
#pragma once

#include "crypto/bls12_381_pairing.h"

namespace nearrt::crypto::bls12_381 {

G1 MapToG1(const Fp& u);
G2 MapToG2(const Fp2& u);

// Exposed for tests: the steps before clear_cofactor.
G1 MapToG1NoClear(const Fp& u);
G2 MapToG2NoClear(const Fp2& u);
G1 ClearCofactorG1(const G1& p);
G2 ClearCofactorG2(const G2& p);

}  // namespace nearrt::crypto::bls12_381
