// curves_vectors [TESTDATA_DIR]: runs the alt_bn128 / BLS12-381 vector files
// (nearcore, EIP-196/197, EIP-2537, RFC 9380) and prints PASS/FAIL counts;
// exit status 0 iff every vector passes. `curves_vectors --cases FILE` checks
// the differential cases written by difftest/gen.mjs. Built natively and with emcc:
//   emcmake cmake -S . -B build-wasm -G Ninja -DNEARRT_TESTS=OFF
//   NODE_PATH=/usr/share/nodejs cmake --build build-wasm --target curves_vectors
//   node --no-experimental-fetch build-wasm/src/crypto/curves_vectors.js
#include <cstdio>
#include <string>

#include "crypto/bn254_bls12_381_vectors.h"

int main(int argc, char** argv) {
  using namespace nearrt::crypto;
  if (argc == 3 && std::string(argv[1]) == "--cases") {
    // Differential cases from src/crypto/difftest/gen.mjs (node gen.mjs FILE).
    VectorReport r = RunDifferentialCases(argv[2]);
    std::printf("differential cases PASS %d FAIL %zu\n", r.passed, r.failures.size());
    for (size_t i = 0; i < r.failures.size() && i < 10; ++i) std::printf("  FAIL %s\n", r.failures[i].c_str());
    return r.failures.empty() && r.passed > 0 ? 0 : 1;
  }
  std::string dir = argc > 1 ? argv[1] : std::string(NEARRT_SOURCE_DIR) + "/src/crypto/testdata";
  struct Suite {
    const char* name;
    VectorReport (*run)(const std::string&);
  };
  const Suite suites[] = {{"alt_bn128 (nearcore + EIP-196/197)", RunAltBn128Vectors},
                          {"bls12381 (nearcore EIP-2537 CSVs)", RunBls12381CsvVectors},
                          {"bls12381 maps (RFC 9380)", RunRfc9380Vectors}};
  int failed = 0;
  for (const auto& s : suites) {
    VectorReport r = s.run(dir);
    std::printf("%-40s PASS %d FAIL %zu\n", s.name, r.passed, r.failures.size());
    for (size_t i = 0; i < r.failures.size() && i < 20; ++i) std::printf("  FAIL %s\n", r.failures[i].c_str());
    failed += (int)r.failures.size();
  }
  return failed == 0 ? 0 : 1;
}
