#include "primitives/crypto_hash.h"

#include <gtest/gtest.h>

#include "primitives/borsh.h"

namespace nearrt {
namespace {

// core/primitives-core/src/hash.rs tests (trie.md §7.1 #9, runtime.md §8.1 #6).
TEST(CryptoHash, NearcoreHashVectors) {
  EXPECT_EQ(CryptoHash().ToBase58(), "11111111111111111111111111111111");
  EXPECT_TRUE(CryptoHash().IsZero());
  EXPECT_EQ(CryptoHash::Of(AsBytes("foo")).ToBase58(),
            "3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jj");
  BorshWriter w;
  w.String("foo");
  EXPECT_EQ(CryptoHash::Of(w.data()).ToBase58(), "CuoNgQBWsXnTqup6FY3UXNz6RRufnYyQVxx8HKZLUaRt");
  const uint8_t three[] = {0, 1, 2};
  EXPECT_EQ(CryptoHash::Of(three).ToBase58(), "CjNSmWXTWhC3EhRVtqLhRmWMTkRbU96wUACqxMtV1uGf");
}

TEST(CryptoHash, Base58RoundTrip) {
  auto h = CryptoHash::FromBase58("HXugtXVfQbdnt1bHDJcE9HU6kDMaPEJSQhN3moaHr6Hp");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->ToHex(), "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b");
  EXPECT_EQ(h->ToBase58(), "HXugtXVfQbdnt1bHDJcE9HU6kDMaPEJSQhN3moaHr6Hp");
}

TEST(CryptoHash, RejectsWrongLength) {
  EXPECT_FALSE(CryptoHash::FromBase58("2g").ok());
  EXPECT_FALSE(CryptoHash::FromBase58("").ok());
  EXPECT_FALSE(CryptoHash::FromBase58("111111111111111111111111111111111").ok());  // 33 zeros
  Bytes b(31);
  EXPECT_FALSE(CryptoHash::FromBytes(b).ok());
}

TEST(CryptoHash, OrderingIsBytewise) {
  CryptoHash a, b;
  a.bytes[0] = 1;
  b.bytes[31] = 0xff;
  EXPECT_LT(b, a);
}

}  // namespace
}  // namespace nearrt
