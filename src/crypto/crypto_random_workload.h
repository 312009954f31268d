// Test support: a deterministic pseudo-random workload over every primitive
// with two implementations (valid, corrupted and edge-case inputs), used to
// compare the native and portable backends case by case (crypto_test) and,
// through a transcript digest, the native and emcc builds (crypto_vectors).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "crypto/crypto_test_vectors.h"

namespace nearrt::crypto::testing {

// SplitMix64: identical sequences on every platform.
class TestRng {
 public:
  explicit TestRng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  uint64_t Below(uint64_t n) { return Next() % n; }
  void Fill(std::span<uint8_t> out);

 private:
  uint64_t state_;
};

// Receives each result: `label` names the operation and case, `output` is its
// result bytes (a boolean is one byte; a failed optional is empty).
using WorkloadSink = std::function<void(const std::string& label, ByteView output)>;

// Runs `rounds` rounds; each round does about 40 operations.
void RunRandomWorkload(const Backend& b, uint64_t seed, int rounds, const WorkloadSink& sink);

// Hex SHA-256 over every (label, output) of RunRandomWorkload, and the count.
struct Transcript {
  std::string digest;
  int operations = 0;
};
Transcript WorkloadTranscript(const Backend& b, uint64_t seed, int rounds);

}  // namespace nearrt::crypto::testing
