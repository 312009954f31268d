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
#include <map>
#include <sstream>
#include <string>

#include "crypto/alt_bn128.h"
#include "crypto/bls12_381.h"

namespace nearrt::crypto {
namespace {

namespace fs = std::filesystem;

std::string Env(const char* name, const char* def) {
  const char* v = std::getenv(name);
  return v && *v ? v : def;
}

std::string BlsExpect(const Result<Bls12381Output>& r) {
  if (!r.ok()) return "err:" + r.error().message;
  return "code:" + std::to_string(r->code) + ":" + HexEncode(r->out);
}

std::string RunCase(const std::string& fn, bool fix, const Bytes& in) {
  if (fn == "bn_sum" || fn == "bn_multiexp") {
    auto r = fn == "bn_sum" ? AltBn128G1Sum(in) : AltBn128G1Multiexp(in);
    return r.ok() ? "ok:" + HexEncode(*r) : "err:" + r.error().message;
  }
  if (fn == "bn_pairing") {
    auto r = AltBn128PairingCheck(in);
    return r.ok() ? std::string(*r ? "ok:01" : "ok:00") : "err:" + r.error().message;
  }
  if (fn == "p1_sum") return BlsExpect(Bls12381P1Sum(in, fix));
  if (fn == "p2_sum") return BlsExpect(Bls12381P2Sum(in, fix));
  if (fn == "g1_multiexp") return BlsExpect(Bls12381G1Multiexp(in, fix));
  if (fn == "g2_multiexp") return BlsExpect(Bls12381G2Multiexp(in, fix));
  if (fn == "map_fp_to_g1") return BlsExpect(Bls12381MapFpToG1(in));
  if (fn == "map_fp2_to_g2") return BlsExpect(Bls12381MapFp2ToG2(in));
  if (fn == "p1_decompress") return BlsExpect(Bls12381P1Decompress(in, fix));
  if (fn == "p2_decompress") return BlsExpect(Bls12381P2Decompress(in, fix));
  if (fn == "pairing") {
    auto r = Bls12381PairingCheck(in);
    return r.ok() ? "code:" + std::to_string(*r) + ":" : "err:" + r.error().message;
  }
  return "unknown function " + fn;
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
  auto file = ReadFile(out.string());
  ASSERT_TRUE(file.ok()) << file.error().message;
  fs::remove(out);

  std::istringstream in(std::string(AsString(*file)));
  std::string line;
  std::map<std::string, std::map<std::string, int>> stats;  // fn -> outcome kind -> count
  int mismatches = 0, total = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    size_t a = line.find('|'), b = line.find('|', a + 1), c = line.find('|', b + 1);
    ASSERT_NE(c, std::string::npos) << line;
    std::string fn = line.substr(0, a);
    bool fix = line.substr(a + 1, b - a - 1) == "1";
    auto input = HexDecode(line.substr(b + 1, c - b - 1));
    ASSERT_TRUE(input.ok());
    std::string want = line.substr(c + 1);
    std::string got = RunCase(fn, fix, *input);
    ++total;
    std::string kind = want.rfind("err:", 0) == 0    ? "hosterror"
                       : want.rfind("code:", 0) == 0 ? "code" + want.substr(5, 1)
                       : fn == "bn_pairing"          ? want
                                                     : "ok";
    ++stats[fn][kind];
    if (got != want) {
      if (++mismatches <= 10) {
        ADD_FAILURE() << fn << " fix=" << fix << "\n input " << line.substr(b + 1, c - b - 1) << "\n want  " << want
                      << "\n got   " << got;
      }
    }
  }
  for (const auto& [fn, kinds] : stats) {
    std::string s;
    for (const auto& [k, n] : kinds) s += " " + k + "=" + std::to_string(n);
    std::printf("  %-14s%s\n", fn.c_str(), s.c_str());
  }
  std::printf("  %d cases, %d mismatches\n", total, mismatches);
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(total, 1000);
}

}  // namespace
}  // namespace nearrt::crypto
