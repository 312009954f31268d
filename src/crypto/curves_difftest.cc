// Differential test of crypto/alt_bn128 and crypto/bls12_381 against an
// oracle built on @noble/curves (src/crypto/difftest/gen.mjs): thousands of
// random valid and invalid inputs per host function; outputs, return codes
// and HostError messages must be identical.
//
// The test installs @noble/curves into src/crypto/difftest/node_modules with
// npm when missing, and skips (with a message) only if node/npm are missing or
// the registry is unreachable. Environment overrides:
//   NEARRT_DIFFTEST_SEED (default 1), NEARRT_DIFFTEST_SCALE (default 1.0).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "crypto/bn254_bls12_381_vectors.h"

namespace nearrt::crypto {
namespace {

namespace fs = std::filesystem;

std::string Env(const char* name, const char* def) {
  const char* v = std::getenv(name);
  return v && *v ? v : def;
}

TEST(CurvesDifferential, NobleOracle) {
  fs::path dir = fs::path(NEARRT_SOURCE_DIR) / "src/crypto/difftest";
  if (std::system("node --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "node is not installed";
  if (!fs::exists(dir / "node_modules/@noble/curves/package.json")) {
    std::string cmd = "cd '" + dir.string() + "' && npm install --no-audit --no-fund > npm-install.log 2>&1";
    if (std::system(cmd.c_str()) != 0 || !fs::exists(dir / "node_modules/@noble/curves/package.json")) {
      GTEST_SKIP() << "npm could not install @noble/curves (registry unreachable?); see "
                   << (dir / "npm-install.log").string();
    }
  }
  fs::path out = fs::temp_directory_path() / ("nearrt_curves_difftest_" + std::to_string(::getpid()) + ".txt");
  std::string seed = Env("NEARRT_DIFFTEST_SEED", "1"), scale = Env("NEARRT_DIFFTEST_SCALE", "1");
  std::string cmd = "cd '" + dir.string() + "' && node gen.mjs '" + out.string() + "' " + seed + " " + scale;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::vector<std::pair<std::string, int>> stats;
  VectorReport rep = RunDifferentialCases(out.string(), &stats);
  fs::remove(out);
  for (const auto& [kind, n] : stats) std::printf("  %-28s %d\n", kind.c_str(), n);
  std::printf("  %d cases agree, %zu differ\n", rep.passed, rep.failures.size());
  for (size_t i = 0; i < rep.failures.size() && i < 10; ++i) ADD_FAILURE() << rep.failures[i];
  EXPECT_TRUE(rep.failures.empty());
  EXPECT_GT(rep.passed, 100);
}

}  // namespace
}  // namespace nearrt::crypto
