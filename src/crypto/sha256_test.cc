#include "crypto/sha256.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto_random_workload.h"
#include "util/bytes.h"

namespace nearrt::crypto {
namespace {

std::string HexOf(std::string_view s) { return HexEncode(Sha256Hash(AsBytes(s))); }

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(HexOf(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexOf("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  std::string million(1000000, 'a');
  EXPECT_EQ(HexOf(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += char(i * 7);
  for (size_t split : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 500u}) {
    Sha256 s;
    s.Update(AsBytes(std::string_view(data).substr(0, split)));
    s.Update(AsBytes(std::string_view(data).substr(split)));
    EXPECT_EQ(s.Finish(), Sha256Hash(AsBytes(data))) << split;
  }
}

// Sha256Hash (OpenSSL natively) equals the portable one-shot and the class on
// every length around the block boundaries.
TEST(Sha256, NativeEqualsPortableOnEveryLengthUpTo600) {
  testing::TestRng rng(13);
  for (size_t len = 0; len <= 600; ++len) {
    Bytes msg(len);
    rng.Fill(msg);
    Digest32 native = Sha256Hash(msg);
    EXPECT_EQ(native, portable::Sha256Hash(msg)) << len;
    Sha256 s;
    s.Update(msg);
    EXPECT_EQ(native, s.Finish()) << len;
  }
  std::string million(1000000, 'a');
  EXPECT_EQ(HexEncode(portable::Sha256Hash(AsBytes(million))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace nearrt::crypto
