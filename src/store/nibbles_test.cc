#include "store/nibbles.h"

#include <gtest/gtest.h>

namespace nearrt::store {
namespace {

std::string Hex(const Bytes& b) { return HexEncode(b); }

// core/store/src/trie/nibble_slice.rs tests (trie.md §7.1 #10).
TEST(NibbleSlice, HexPrefixEncoding) {
  const uint8_t d[] = {0x01, 0x23, 0x45};
  NibbleSlice n(d);
  Bytes out;
  n.EncodeTo(false, &out);
  EXPECT_EQ(Hex(out), "00012345");
  n.EncodeTo(true, &out);
  EXPECT_EQ(Hex(out), "20012345");
  n.Mid(1).EncodeTo(false, &out);
  EXPECT_EQ(Hex(out), "112345");
  n.Mid(1).EncodeTo(true, &out);
  EXPECT_EQ(Hex(out), "312345");
}

TEST(NibbleSlice, FromEncoded) {
  const uint8_t e[] = {32, 116, 101, 115, 116};  // leaf "test"
  NibbleSlice n = NibbleSlice::FromEncoded(e);
  EXPECT_TRUE(NibbleSlice::EncodedIsLeaf(e));
  const uint8_t want[] = {7, 4, 6, 5, 7, 3, 7, 4};
  ASSERT_EQ(n.size(), 8u);
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(n.at(i), want[i]);
  EXPECT_EQ(NibbleSlice::EncodedLength(e), 8u);
  const uint8_t odd[] = {0x31, 0x23};
  EXPECT_EQ(NibbleSlice::FromEncoded(odd).size(), 3u);
  EXPECT_EQ(NibbleSlice::FromEncoded(odd).at(0), 1);
}

// nibble_slice.rs doc example.
TEST(NibbleSlice, CompareAndPrefix) {
  const uint8_t d1[] = {0x01, 0x23, 0x45};
  const uint8_t d2[] = {0x34, 0x50, 0x12};
  const uint8_t d3[] = {0x00, 0x12};
  NibbleSlice n1(d1), n2(d2), n3(d3, 1);
  EXPECT_TRUE(n2.Mid(3) == n3);
  EXPECT_TRUE(n1.StartsWith(n3));
  EXPECT_EQ(n1.CommonPrefix(n3), 3u);
  EXPECT_EQ(n2.Mid(3).CommonPrefix(n1), 3u);
  EXPECT_FALSE(n3.StartsWith(n1));
}

TEST(NibbleSlice, LeftmostAndMerge) {
  const uint8_t d[] = {0xab, 0xcd};
  NibbleSlice n(d);
  Bytes out;
  n.EncodeLeftmostTo(3, false, &out);
  EXPECT_EQ(Hex(out), "1abc");
  n.EncodeLeftmostTo(2, true, &out);
  EXPECT_EQ(Hex(out), "20ab");
  n.Mid(3).MergeEncodedTo(n, true, &out);  // d + abcd
  EXPECT_EQ(Hex(out), "3dabcd");
  n.Mid(2).MergeEncodedTo(n.Mid(2), false, &out);  // cd + cd
  EXPECT_EQ(Hex(out), "00cdcd");
}

}  // namespace
}  // namespace nearrt::store
