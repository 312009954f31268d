#include "util/bytes.h"

#include <gtest/gtest.h>

namespace nearrt {
namespace {

TEST(Bytes, HexRoundTrip) {
  Bytes b = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(b), "0001abff");
  auto d = HexDecode("0001ABff");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, b);
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
}

TEST(Bytes, Base64KnownVectors) {
  // RFC 4648 section 10.
  const char* cases[][2] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                            {"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                            {"foobar", "Zm9vYmFy"}};
  for (auto& c : cases) {
    EXPECT_EQ(Base64Encode(AsBytes(c[0])), c[1]);
    auto d = Base64Decode(c[1]);
    ASSERT_TRUE(d.ok()) << c[1];
    EXPECT_EQ(AsString(*d), c[0]);
  }
}

TEST(Bytes, Base64RejectsGarbage) {
  EXPECT_FALSE(Base64Decode("Zg=").ok());
  EXPECT_FALSE(Base64Decode("Z===").ok());
  EXPECT_FALSE(Base64Decode("Zg==Zg==").ok());
  EXPECT_FALSE(Base64Decode("Zm9*").ok());
}

TEST(Result, ValueAndError) {
  Result<int> a = 5;
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 5);
  Result<int> b = Err("boom");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().message, "boom");
  Status s = OkStatus();
  EXPECT_TRUE(s.ok());
  Status f = Err("x");
  EXPECT_FALSE(f.ok());
}

}  // namespace
}  // namespace nearrt
