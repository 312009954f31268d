#include "store/raw_node.h"

#include <gtest/gtest.h>

#include "store/node.h"

namespace nearrt::store {
namespace {

CryptoHash Filled(uint8_t b) {
  CryptoHash h;
  h.bytes.fill(b);
  return h;
}

const uint8_t kValue[] = {123, 245, 255};
const char kValueHashHex[] = "c228081840db458456346eaf39c6a5c853edd30bc253fb21918aeae207f2ba49";

// core/store/src/trie/raw_node.rs::test_encode_decode (trie.md §7.1 #1-6),
// node hashes from trie.md §7.2.
TEST(RawNode, NearcoreEncodings) {
  ValueRef v = ValueRef::Of(kValue);
  EXPECT_EQ(v.hash.ToHex(), kValueHashHex);
  const uint8_t key[] = {1, 2, 3};
  struct Case {
    Bytes bytes;
    std::string hex;
    std::string hash;
  };
  std::vector<Case> cases;
  Bytes b;
  EncodeLeaf(key, v, 42, &b);
  cases.push_back({b, std::string("00030000000102030300000") + "0" + kValueHashHex + "2a00000000000000",
                   "3HGqqcEPdDg61fDyh44kqPg2J1UXbKkFVXQYRMc38NHb"});
  CryptoHash kids35[] = {Filled(1), Filled(2)};
  b.clear();
  EncodeBranch(nullptr, 0x0028, kids35, 42, &b);
  cases.push_back({b, "012800" + std::string(64, '0').replace(0, 64, Filled(1).ToHex()) +
                          Filled(2).ToHex() + "2a00000000000000",
                   "68Me28WXgQiUtQAtrfEDdcEV31unCGq3JVtJsaaNvKvz"});
  CryptoHash one[] = {Filled(1)};
  b.clear();
  EncodeBranch(nullptr, 0x0001, one, 42, &b);
  cases.push_back({b, "010100" + Filled(1).ToHex() + "2a00000000000000",
                   "DNrkG7YiLCyhJfzUTDurkZkCNWZ3Efp3PbeN8YjzVaAK"});
  b.clear();
  EncodeBranch(nullptr, 0x8000, one, 42, &b);
  cases.push_back({b, "010080" + Filled(1).ToHex() + "2a00000000000000",
                   "GYZ3aov9ew7F4LZqntGLmKcjkWPcN3rJN4RgiJZzGCgf"});
  b.clear();
  EncodeBranch(&v, 0x0008, one, 42, &b);
  cases.push_back({b, std::string("0203000000") + kValueHashHex + "0800" + Filled(1).ToHex() +
                          "2a00000000000000",
                   "GhE1Ph9pS5cypzqj12RXX5j9RiMczKjWyr6HscgnL2pP"});
  b.clear();
  EncodeExtension(kValue, CryptoHash(), 42, &b);
  cases.push_back({b, "03030000007bf5ff" + CryptoHash().ToHex() + "2a00000000000000",
                   "3aUu4ZkhM7Gbq8si268TsbgCYZT3etvex4Ln1FBsBtrn"});
  for (const Case& c : cases) {
    EXPECT_EQ(HexEncode(c.bytes), c.hex);
    EXPECT_EQ(CryptoHash::Of(c.bytes).ToBase58(), c.hash);
    auto decoded = DecodeRawNode(c.bytes);
    ASSERT_TRUE(decoded.ok()) << c.hex;
    EXPECT_EQ(decoded->memory_usage, 42u);
    // Trailing garbage is rejected.
    Bytes longer = c.bytes;
    longer.push_back(0);
    EXPECT_FALSE(DecodeRawNode(longer).ok());
    // Every truncation is rejected.
    for (size_t cut = 0; cut < c.bytes.size(); ++cut) {
      EXPECT_FALSE(DecodeRawNode(ByteView(c.bytes.data(), cut)).ok()) << cut;
    }
  }
  auto branch = DecodeRawNode(cases[1].bytes);
  EXPECT_EQ(branch->mask, 0x0028);
  EXPECT_EQ(branch->Child(3), Filled(1));
  EXPECT_EQ(branch->Child(5), Filled(2));
}

// mem/node/tests.rs memory usage vectors (trie.md §7.1 #11).
TEST(RawNode, MemoryUsage) {
  EXPECT_EQ(LeafMemoryUsage(5, 5), 115u);
  EXPECT_EQ(LeafMemoryUsage(0, 0), 100u);
  EXPECT_EQ(ExtensionDirectMemoryUsage(5), 60u);
  EXPECT_EQ(kTrieNodeCost, 50u);
  EXPECT_EQ(kTrieNodeCost + ValueMemoryUsage(3), 103u);
}

TEST(RawNode, RejectsBadNodes) {
  EXPECT_FALSE(DecodeRawNode(Bytes{}).ok());
  EXPECT_FALSE(DecodeRawNode(Bytes{4}).ok());
  // A leaf with an empty key cannot be walked.
  Bytes b;
  EncodeLeaf(ByteView(), ValueRef::Of(kValue), 100, &b);
  EXPECT_FALSE(DecodeRawNode(b).ok());
}

// An extension whose HP key holds no nibble (one even-length byte) is
// rejected: stored under its own child's hash it would loop a lookup.
TEST(RawNode, RejectsExtensionWithoutNibbles) {
  for (uint8_t first : {0x00, 0x0f}) {
    Bytes b;
    const uint8_t key[] = {first};
    EncodeExtension(key, Filled(7), 100, &b);
    EXPECT_FALSE(DecodeRawNode(b).ok()) << int(first);
  }
  // One nibble (odd flag) is a valid extension key.
  Bytes b;
  const uint8_t key[] = {0x13};
  EncodeExtension(key, Filled(7), 100, &b);
  EXPECT_TRUE(DecodeRawNode(b).ok());
}

TEST(Node, InMemoryNodesSerializeLikeRawNodes) {
  Bytes scratch;
  const uint8_t key[] = {0x20, 0x01};
  const uint8_t value[] = {0x02};
  NodeRef leaf = NewLeaf(key, ValueSpec{1, true, value, nullptr}, &scratch);
  // trie.md §7.2: {01: 02} is a single leaf.
  EXPECT_EQ(leaf->hash.ToBase58(), "Ac3vNFGdui8YLeskQDxJwzQ8vk4gcUMhcsezLSzgeu6B");
  EXPECT_EQ(leaf->memory_usage(), 105u);
  Bytes s;
  SerializeNode(leaf.get(), &s);
  EXPECT_EQ(s, scratch);
  auto back = NodeFromBytes(s, leaf->hash);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE((*back)->value_inline());
  Bytes s2;
  SerializeNode(back->get(), &s2);
  EXPECT_EQ(s2, s);
}

}  // namespace
}  // namespace nearrt::store
