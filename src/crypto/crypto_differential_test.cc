// Native (OpenSSL / libsecp256k1) versus portable on the pseudo-random
// workload of crypto_random_workload.h, case by case.
#include <gtest/gtest.h>

#include <map>

#include "crypto/crypto_gtest_util.h"
#include "crypto/crypto_random_workload.h"

namespace nearrt::crypto {
namespace {

struct Result {
  std::string label;
  Bytes output;
};

std::vector<Result> Collect(const testing::Backend& b, uint64_t seed, int rounds) {
  std::vector<Result> out;
  testing::RunRandomWorkload(b, seed, rounds, [&](const std::string& label, ByteView o) {
    out.push_back({label, Bytes(o.begin(), o.end())});
  });
  return out;
}

class Differential : public ::testing::TestWithParam<uint64_t> {};

TEST_P(Differential, NativeEqualsPortable) {
  constexpr int kRounds = 250;
  auto native = Collect(testing::DefaultBackend(), GetParam(), kRounds);
  auto port = Collect(testing::PortableBackend(), GetParam(), kRounds);
  ASSERT_EQ(native.size(), port.size());
  int mismatches = 0;
  std::map<std::string, std::pair<int, int>> accepted;  // op -> (accepted, total)
  for (size_t i = 0; i < native.size(); ++i) {
    ASSERT_EQ(native[i].label, port[i].label);
    if (native[i].output != port[i].output && ++mismatches <= 20) {
      ADD_FAILURE() << native[i].label << ": native " << HexEncode(native[i].output)
                    << " portable " << HexEncode(port[i].output);
    }
    std::string op = native[i].label.substr(native[i].label.find('.') + 1);
    auto& a = accepted[op];
    a.second++;
    if (native[i].output.size() == 1 ? native[i].output[0] != 0 : !native[i].output.empty()) {
      a.first++;
    }
  }
  EXPECT_EQ(mismatches, 0);
  // The workload exercises both outcomes of the verification operations.
  for (const char* op : {"ed25519.verify.mutated", "secp256k1.verify.mutated",
                         "secp256k1.ecrecover.mutated", "p256.verify.mutated"}) {
    auto [acc, total] = accepted[op];
    EXPECT_GT(acc, 0) << op;
    EXPECT_LT(acc, total) << op;
  }
  for (const char* op : {"ed25519.verify", "secp256k1.verify", "p256.verify"}) {
    auto [acc, total] = accepted[op];
    EXPECT_EQ(acc, total) << op;  // unmodified valid signatures
  }
  RecordProperty("operations", int(native.size()));
}

INSTANTIATE_TEST_SUITE_P(Seeds, Differential, ::testing::Values(1, 2, 3, 4));

}  // namespace
}  // namespace nearrt::crypto
