#include "primitives/base58.h"

#include <gtest/gtest.h>

#include <string>

namespace nearrt {
namespace {

struct Vector {
  const char* hex;
  const char* b58;
};

// Bitcoin Core's base58_encode_decode.json vectors.
const Vector kVectors[] = {
    {"", ""},
    {"61", "2g"},
    {"626262", "a3gV"},
    {"636363", "aPEr"},
    {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
    {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
    {"516b6fcd0f", "ABnLTmg"},
    {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
    {"572e4794", "3EFU7m"},
    {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
    {"10c8511e", "Rt5zm"},
    {"00000000000000000000", "1111111111"},
};

TEST(Base58, BitcoinVectors) {
  for (const auto& v : kVectors) {
    Bytes raw = *HexDecode(v.hex);
    EXPECT_EQ(Base58Encode(raw), v.b58) << v.hex;
    auto back = Base58Decode(v.b58);
    ASSERT_TRUE(back.ok()) << v.b58;
    EXPECT_EQ(HexEncode(*back), v.hex);
  }
}

TEST(Base58, RejectsBadCharacters) {
  for (const char* bad : {"0", "O", "I", "l", "abc+", "2g ", "\xff"}) {
    EXPECT_FALSE(Base58Decode(bad).ok()) << bad;
  }
}

TEST(Base58, MaxLen) {
  for (const auto& v : kVectors) {
    size_t len = HexDecode(v.hex)->size();
    EXPECT_TRUE(Base58Decode(v.b58, len).ok()) << v.b58;
    if (len > 0) {
      EXPECT_FALSE(Base58Decode(v.b58, len - 1).ok()) << v.b58;
    }
  }
  // A long text fails fast instead of taking quadratic time.
  EXPECT_FALSE(Base58Decode(std::string(1 << 20, 'z'), 32).ok());
  EXPECT_FALSE(Base58Decode(std::string(1 << 20, '1'), 32).ok());
}

}  // namespace
}  // namespace nearrt
