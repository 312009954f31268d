// Test support (not part of nearrt_crypto): the known-answer vectors for the
// hash and signature primitives, runnable against either implementation.
// Used by crypto_test (GoogleTest, native) and crypto_vectors (native + emcc).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "crypto/ripemd160.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::crypto::testing {

// The entry points of one implementation of the primitives that have two.
struct Backend {
  const char* name;
  Digest20 (*ripemd160)(std::span<const uint8_t>);
  bool (*ed25519_verify)(std::span<const uint8_t, 64>, std::span<const uint8_t>,
                         std::span<const uint8_t, 32>);
  std::array<uint8_t, 32> (*ed25519_public_key)(std::span<const uint8_t, 32>);
  std::array<uint8_t, 64> (*ed25519_sign)(std::span<const uint8_t, 32>, std::span<const uint8_t>);
  std::optional<std::array<uint8_t, 64>> (*ecrecover)(std::span<const uint8_t, 32>,
                                                      std::span<const uint8_t, 64>, uint8_t, bool);
  bool (*secp256k1_verify)(std::span<const uint8_t, 65>, std::span<const uint8_t, 32>,
                           std::span<const uint8_t, 64>);
  std::optional<std::array<uint8_t, 65>> (*secp256k1_sign)(std::span<const uint8_t, 32>,
                                                           std::span<const uint8_t, 32>);
  std::optional<std::array<uint8_t, 64>> (*secp256k1_public_key)(std::span<const uint8_t, 32>);
  bool (*p256_verify)(std::span<const uint8_t, 64>, std::span<const uint8_t>,
                      std::span<const uint8_t, 33>);
};

// The public functions (native libraries natively, portable code under emcc).
Backend DefaultBackend();
// The in-project implementation, in every build.
Backend PortableBackend();

// Pass/fail counts with a description of each failure.
struct Tally {
  int pass = 0;
  int fail = 0;
  std::vector<std::string> failures;
  void Check(bool ok, const std::string& what);
};

// shared/testdata/crypto/ecrecover-nearcore.txt: nearcore's
// runtime/near-vm-runner/src/logic/tests/ecrecover-tests.json (161 cases).
struct EcRecoverVector {
  Bytes hash, sig;
  uint8_t v;
  bool malleability_check;
  std::optional<Bytes> result;  // 64-byte key, or nullopt for a 0 return
};
Result<std::vector<EcRecoverVector>> LoadEcRecoverVectors(const std::string& path);

// shared/testdata/crypto/ed25519-edge-cases.txt: `pk msg sig expected name`.
struct Ed25519Vector {
  Bytes pk, msg, sig;
  bool expected;
  std::string name;
};
Result<std::vector<Ed25519Vector>> LoadEd25519Vectors(const std::string& path);

// Each adds one Check per vector to `tally`. The file-based ones fail (as an
// error, not a tally entry) if the file cannot be read or parsed.
Status CheckEcRecoverFile(const Backend& b, const std::string& path, Tally& tally);
Status CheckEd25519File(const Backend& b, const std::string& path, Tally& tally);
void CheckHashVectors(const Backend& b, Tally& tally);
void CheckEd25519Rfc8032(const Backend& b, Tally& tally);
void CheckSecp256k1Vectors(const Backend& b, Tally& tally);
void CheckP256Vectors(const Backend& b, Tally& tally);
// All of the above; `shared_dir` is the project's shared folder.
Status CheckAllVectors(const Backend& b, const std::string& shared_dir, Tally& tally);

// Hex helpers for test tables; HexOrDie aborts on malformed literals (a bug in
// the test table, never external input).
Bytes HexOrDie(std::string_view hex);
[[noreturn]] void AbortBadLiteral(std::string_view hex);
template <size_t N>
std::array<uint8_t, N> HexArray(std::string_view hex) {
  Bytes b = HexOrDie(hex);
  std::array<uint8_t, N> out{};
  if (b.size() != N) AbortBadLiteral(hex);
  for (size_t i = 0; i < N; ++i) out[i] = b[i];
  return out;
}

}  // namespace nearrt::crypto::testing
