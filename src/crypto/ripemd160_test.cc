#include "crypto/ripemd160.h"

#include <gtest/gtest.h>

#include "crypto/crypto_gtest_util.h"
#include "crypto/crypto_random_workload.h"

namespace nearrt::crypto {
namespace {

using testing::Backend;
using testing::Tally;

class Ripemd160Backend : public testing::BackendTest {};

TEST_P(Ripemd160Backend, KnownVectors) {
  // CheckHashVectors also covers keccak/sha512/sha256, which have one
  // implementation; 10 RIPEMD-160 vectors + 11 others.
  Tally t;
  testing::CheckHashVectors(GetParam(), t);
  testing::ExpectAllPassed(t, 21);
}

INSTANTIATE_TEST_SUITE_P(Both, Ripemd160Backend, ::testing::ValuesIn(testing::BothBackends()),
                         testing::BackendName);

TEST(Ripemd160, NativeEqualsPortableOnEveryLengthUpTo600) {
  testing::TestRng rng(3);
  for (size_t len = 0; len <= 600; ++len) {
    Bytes msg(len);
    rng.Fill(msg);
    EXPECT_EQ(Ripemd160(msg), portable::Ripemd160(msg)) << len;
  }
}

}  // namespace
}  // namespace nearrt::crypto
