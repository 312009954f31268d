// Vector-file checks for the alt_bn128 / BLS12-381 host functions, shared by
// the GoogleTest suite (crypto_pairing_test) and the standalone
// curves_vectors program (which is also built with emcc and run under node).
// Test support only: not part of nearrt_crypto_pairing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "util/bytes.h"

namespace nearrt::crypto {

struct VectorReport {
  int passed = 0;
  std::vector<std::string> failures;  // one line per failing vector
};

// testdata_dir is src/crypto/testdata.
// alt_bn128_vectors.txt: nearcore tests/alt_bn128.rs + EIP-196/197 vectors.
VectorReport RunAltBn128Vectors(const std::string& testdata_dir);
// bls12381/*.csv converted with nearcore's fix_eip2537_* rules, run with both
// values of bls12381_not_in_group_fix (g1_add_x0.csv: fix only / legacy = 1).
VectorReport RunBls12381CsvVectors(const std::string& testdata_dir);
// rfc9380_bls12381.txt: map_to_curve, encode (NU) and hash (RO) points.
VectorReport RunRfc9380Vectors(const std::string& testdata_dir);

// Cases written by difftest/gen.mjs (the @noble/curves oracle), one per line:
// fn|fix|input_hex|expectation. `stats` (if given) receives per-function
// counts of the expected outcome kinds, e.g. "p1_sum code1".
VectorReport RunDifferentialCases(const std::string& path,
                                  std::vector<std::pair<std::string, int>>* stats = nullptr);

// nearcore's fix_eip2537_g: an EIP-2537 point (64-byte padded big-endian Fp,
// Fp2 as c0 ‖ c1, all-zero = infinity) in NEAR's encoding.
Bytes Eip2537PointToNear(const Bytes& g, bool g2);

}  // namespace nearrt::crypto
