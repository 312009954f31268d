// GoogleTest helpers for the crypto tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto_test_vectors.h"

namespace nearrt::crypto::testing {

inline std::string SharedDir() { return NEARRT_SHARED_DIR; }

// Fails the current test with every failure in `t`; expects exactly `count`
// checks when count >= 0.
inline void ExpectAllPassed(const Tally& t, int count = -1) {
  for (const std::string& f : t.failures) {
    ADD_FAILURE() << f;
  }
  EXPECT_EQ(t.fail, 0);
  if (count >= 0) {
    EXPECT_EQ(t.pass, count);
  }
}

// The two implementations, for TEST_P suites.
inline std::vector<Backend> BothBackends() { return {DefaultBackend(), PortableBackend()}; }

class BackendTest : public ::testing::TestWithParam<Backend> {};

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.index == 0 ? "native" : "portable";
}

}  // namespace nearrt::crypto::testing
