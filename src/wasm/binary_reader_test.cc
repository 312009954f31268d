#include "wasm/binary_reader.h"

#include <gtest/gtest.h>

#include <vector>

namespace nearrt::wasm {
namespace {

bool U32(std::vector<uint8_t> b, uint32_t* out) {
  BinaryReader r(b.data(), b.size());
  return r.ReadU32(out) && r.AtEnd();
}
bool S32(std::vector<uint8_t> b, int32_t* out) {
  BinaryReader r(b.data(), b.size());
  return r.ReadS32(out) && r.AtEnd();
}
bool S64(std::vector<uint8_t> b, int64_t* out) {
  BinaryReader r(b.data(), b.size());
  return r.ReadS64(out) && r.AtEnd();
}

TEST(BinaryReader, UnsignedLeb) {
  uint32_t v;
  ASSERT_TRUE(U32({0x00}, &v));
  EXPECT_EQ(v, 0u);
  ASSERT_TRUE(U32({0xE5, 0x8E, 0x26}, &v));
  EXPECT_EQ(v, 624485u);
  ASSERT_TRUE(U32({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, &v));
  EXPECT_EQ(v, 0xFFFFFFFFu);
  // Padded but within 5 bytes is allowed.
  ASSERT_TRUE(U32({0x80, 0x80, 0x80, 0x80, 0x00}, &v));
  EXPECT_EQ(v, 0u);
  // Unused bits set in the 5th byte: integer too large.
  EXPECT_FALSE(U32({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, &v));
  // More than 5 bytes: representation too long.
  EXPECT_FALSE(U32({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, &v));
  // Truncated.
  EXPECT_FALSE(U32({0x80}, &v));
  EXPECT_FALSE(U32({}, &v));
}

TEST(BinaryReader, SignedLeb) {
  int32_t v;
  ASSERT_TRUE(S32({0x7F}, &v));
  EXPECT_EQ(v, -1);
  ASSERT_TRUE(S32({0x80, 0x7F}, &v));
  EXPECT_EQ(v, -128);
  ASSERT_TRUE(S32({0xFF, 0xFF, 0xFF, 0xFF, 0x07}, &v));
  EXPECT_EQ(v, INT32_MAX);
  ASSERT_TRUE(S32({0x80, 0x80, 0x80, 0x80, 0x78}, &v));
  EXPECT_EQ(v, INT32_MIN);
  // The unused bits of the 5th byte must sign-extend bit 31.
  EXPECT_FALSE(S32({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, &v));
  EXPECT_FALSE(S32({0x80, 0x80, 0x80, 0x80, 0x70}, &v));
  int64_t w;
  ASSERT_TRUE(S64({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}, &w));
  EXPECT_EQ(w, INT64_MIN);
  EXPECT_FALSE(S64({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, &w));
}

TEST(BinaryReader, Utf8) {
  EXPECT_TRUE(BinaryReader::IsValidUtf8("plain"));
  EXPECT_TRUE(BinaryReader::IsValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
  EXPECT_FALSE(BinaryReader::IsValidUtf8("\xC0\x80"));          // overlong
  EXPECT_FALSE(BinaryReader::IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(BinaryReader::IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(BinaryReader::IsValidUtf8("\xE2\x82"));          // truncated
}

}  // namespace
}  // namespace nearrt::wasm
