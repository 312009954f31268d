#include "store/merkle.h"

#include <gtest/gtest.h>

#include <random>

#include "primitives/borsh.h"

namespace nearrt::store {
namespace {

std::vector<Bytes> U32Items(std::initializer_list<uint32_t> v) {
  std::vector<Bytes> out;
  for (uint32_t x : v) {
    BorshWriter w;
    w.U32(x);
    out.push_back(w.Take());
  }
  return out;
}

// merkle.rs::test_combine_hash_stability (trie.md §7.1 #8).
TEST(Merkle, CombineHashStability) {
  EXPECT_EQ(CombineHash(CryptoHash(), CryptoHash()).ToHex(),
            "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b");
}

// trie.md §7.2 merklize vectors (derived with the reference model).
TEST(Merkle, MerklizeRoots) {
  EXPECT_EQ(Merklize(U32Items({1})).first.ToBase58(), "7ygzVHMWYi3DRRZgADgUch6mvJS5YtYa1Mob8kkLuhdR");
  EXPECT_EQ(Merklize(U32Items({1, 2})).first.ToBase58(), "F1moT36vwFhSd7ZJvD9UHwHHSqKWR3G4riBqKUQCKWSg");
  EXPECT_EQ(Merklize(U32Items({1, 2, 3})).first.ToBase58(), "DC7hcmvC3wGRCTJegB93jpo9Xm9EKQQxpWcXSy4FhG3w");
  EXPECT_EQ(Merklize(U32Items({111, 222, 333})).first.ToBase58(), "8V16xH4LarAFD4CtS889jecB5hYiQJscbiraxDH3tquf");
  EXPECT_EQ(Merklize(U32Items({1, 2, 3, 4, 5})).first.ToBase58(), "J9shxoSMkM2gFBvh9SfVrqREezJvix5uG344d6VnXeGG");
  auto empty = Merklize({});
  EXPECT_TRUE(empty.first.IsZero());
  EXPECT_TRUE(empty.second.empty());
  auto one = Merklize(U32Items({1}));
  ASSERT_EQ(one.second.size(), 1u);
  EXPECT_TRUE(one.second[0].empty());
}

// merkle.rs::test_merkle_path / test_incorrect_path / verify_path_with_index.
TEST(Merkle, PathsVerify) {
  std::mt19937 rng(1);
  for (int round = 0; round < 40; ++round) {
    const uint32_t n = 1 + rng() % 100;
    std::vector<uint32_t> values(n);
    std::vector<Bytes> items;
    for (auto& v : values) {
      v = rng() % 1000;
      BorshWriter w;
      w.U32(v);
      items.push_back(w.Take());
    }
    auto [root, paths] = Merklize(items);
    ASSERT_EQ(paths.size(), n);
    for (uint32_t i = 0; i < n; ++i) {
      EXPECT_TRUE(VerifyPath(root, paths[i], items[i]));
      EXPECT_TRUE(VerifyPathWithIndex(root, paths[i], items[i], i, n));
      EXPECT_FALSE(VerifyPathWithIndex(root, paths[i], items[i], n, n));
      if ((i ^ 1) < n) {
        // The sibling's index expects the opposite first direction.
        EXPECT_FALSE(VerifyPathWithIndex(root, paths[i], items[i], i ^ 1, n));
      }
      auto round_trip = MerklePathFromBorsh(MerklePathToBorsh(paths[i]));
      ASSERT_TRUE(round_trip.ok());
      EXPECT_EQ(*round_trip, paths[i]);
    }
  }
  auto items = U32Items({111, 222, 333});
  auto [root, paths] = Merklize(items);
  for (size_t i = 0; i < 3; ++i) EXPECT_FALSE(VerifyPath(root, paths[(i + 1) % 3], items[i]));
}

// trie.md §7.2 PartialMerkleTree vectors: leaves sha256([i]).
TEST(Merkle, PartialMerkleTree) {
  const char* want[] = {"8RBsoeyoRwajj86MZfZE6gMDJQVYGYcdSfx1zxqxNHbr",
                        "4Hp2TYR8B59iNYcTTrk31C8wcgJQ8F2dz9ko7t5J78Qz",
                        "92RKfBJ5HaoiMNw4H9ZMdGVwDgGEB4CXMDgJE1bnySDL",
                        "B8LQVBHQ4SPGRr8zfbEo6KYZu6yPF4fJ9PzM3hTSaqZw",
                        "6UyE9pLuztZGPRMi8CysyBXUf7crQyaz9TndA2911aFo"};
  PartialMerkleTree t;
  EXPECT_TRUE(t.Root().IsZero());
  std::vector<CryptoHash> leaves;
  for (uint8_t i = 0; i < 5; ++i) {
    CryptoHash leaf = CryptoHash::Of(ByteView(&i, 1));
    t.Insert(leaf);
    leaves.push_back(leaf);
    EXPECT_EQ(t.Root().ToBase58(), want[i]);
    EXPECT_TRUE(t.IsWellFormed());
    // Same shape as merklize over the (un-rehashed) leaves.
    EXPECT_EQ(t.Root(), MerklizeHashes(leaves).first);
    auto back = PartialMerkleTree::FromBorsh(t.ToBorsh());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->Root(), t.Root());
  }
}

// A decoded tree must be insertable: nearcore's insert pops one path entry
// per trailing 1 bit of the size (and panics on an empty path), so a path
// without popcount(size) entries is rejected on decode (fuzz regression
// crash-partial-merkle-tree-empty-path).
TEST(Merkle, MalformedPartialMerkleTreeRejected) {
  for (auto [entries, size] : {std::pair<uint32_t, uint64_t>{0, 1}, {1, 3}, {2, 2}, {1, 0}}) {
    BorshWriter w;
    w.U32(entries);
    for (uint32_t i = 0; i < entries; ++i) w.Fixed(CryptoHash().view());
    w.U64(size);
    EXPECT_FALSE(PartialMerkleTree::FromBorsh(w.data()).ok()) << entries << " " << size;
  }
  BorshWriter ok;
  ok.U32(2);
  ok.Fixed(CryptoHash().view());
  ok.Fixed(CryptoHash().view());
  ok.U64(3);
  auto t = PartialMerkleTree::FromBorsh(ok.data());
  ASSERT_TRUE(t.ok());
  t->Insert(CryptoHash());
  EXPECT_EQ(t->size(), 4u);
  EXPECT_TRUE(t->IsWellFormed());
}

}  // namespace
}  // namespace nearrt::store
