#include "primitives/borsh.h"

#include <gtest/gtest.h>

namespace nearrt {
namespace {

TEST(Borsh, IntegersAreLittleEndian) {
  BorshWriter w;
  w.U8(1);
  w.U16(0x0203);
  w.U32(0x04050607);
  w.U64(0x08090a0b0c0d0e0fULL);
  w.U128((uint128(1) << 64) | 2);
  w.Bool(true);
  EXPECT_EQ(HexEncode(w.data()),
            "01" "0302" "07060504" "0f0e0d0c0b0a0908" "02000000000000000100000000000000" "01");
  BorshReader r(w.data());
  EXPECT_EQ(*r.U8(), 1);
  EXPECT_EQ(*r.U16(), 0x0203);
  EXPECT_EQ(*r.U32(), 0x04050607u);
  EXPECT_EQ(*r.U64(), 0x08090a0b0c0d0e0fULL);
  EXPECT_TRUE(*r.U128() == ((uint128(1) << 64) | 2));
  EXPECT_EQ(*r.Bool(), true);
  EXPECT_TRUE(r.ExpectEnd().ok());
}

TEST(Borsh, StringsAndVectors) {
  BorshWriter w;
  w.String("foo");
  w.Vector<uint32_t>({1, 2}, [](BorshWriter& w, uint32_t v) { w.U32(v); });
  w.Option<uint8_t>(std::nullopt, [](BorshWriter& w, uint8_t v) { w.U8(v); });
  w.Option<uint8_t>(7, [](BorshWriter& w, uint8_t v) { w.U8(v); });
  EXPECT_EQ(HexEncode(w.data()), "03000000666f6f" "020000000100000002000000" "00" "0107");
  BorshReader r(w.data());
  EXPECT_EQ(*r.String(), "foo");
  auto v = r.Vector<uint32_t>([](BorshReader& r) { return r.U32(); });
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, (std::vector<uint32_t>{1, 2}));
  auto o1 = r.Option<uint8_t>([](BorshReader& r) { return r.U8(); });
  auto o2 = r.Option<uint8_t>([](BorshReader& r) { return r.U8(); });
  ASSERT_TRUE(o1.ok() && o2.ok());
  EXPECT_FALSE(o1->has_value());
  EXPECT_EQ(**o2, 7);
  EXPECT_TRUE(r.AtEnd());
}

TEST(Borsh, TruncatedInputIsAnErrorAtEveryCut) {
  BorshWriter w;
  w.String("hello");
  w.U64(42);
  w.U128(5);
  const Bytes full = w.data();
  for (size_t cut = 0; cut < full.size(); ++cut) {
    Bytes part(full.begin(), full.begin() + cut);
    BorshReader r(part);
    bool ok = r.String().ok() && r.U64().ok() && r.U128().ok();
    EXPECT_FALSE(ok) << cut;
  }
}

TEST(Borsh, MalformedValues) {
  const uint8_t bad_bool[] = {2};
  EXPECT_FALSE(BorshReader(bad_bool).Bool().ok());
  const uint8_t bad_option[] = {3, 0};
  EXPECT_FALSE(BorshReader(bad_option).Option<uint8_t>([](BorshReader& r) { return r.U8(); }).ok());
  const uint8_t bad_utf8[] = {2, 0, 0, 0, 0xc3, 0x28};
  EXPECT_FALSE(BorshReader(bad_utf8).String().ok());
  // A huge element count with no data must fail without a huge allocation.
  const uint8_t huge[] = {0xff, 0xff, 0xff, 0xff, 1};
  EXPECT_FALSE(BorshReader(huge).Vector<uint32_t>([](BorshReader& r) { return r.U32(); }).ok());
  const uint8_t trailing[] = {1, 2};
  BorshReader r(trailing);
  ASSERT_TRUE(r.U8().ok());
  EXPECT_FALSE(r.ExpectEnd().ok());
}

TEST(Borsh, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("alice.near"));
  EXPECT_TRUE(IsValidUtf8("\xd0\xbd\xd0\xb5"));          // "не"
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));          // U+1F600
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));                 // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));             // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));         // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));                 // truncated
}

}  // namespace
}  // namespace nearrt
