// A store whose nodes are not stored under their own hash (a corrupt
// database) must give errors, never loop: found by fuzz/trie_node_fuzz.cc
// (regressions in fuzz/regressions/trie_node_fuzz/).
#include <gtest/gtest.h>

#include "store/backend.h"
#include "store/raw_node.h"
#include "store/trie.h"
#include "store/trie_iterator.h"

namespace nearrt::store {
namespace {

CryptoHash Filled(uint8_t b) {
  CryptoHash h;
  h.bytes.fill(b);
  return h;
}

// `node` stored under `hash`, whatever its real hash.
void Put(MemoryBackend& backend, const CryptoHash& hash, const Bytes& node) {
  WriteBatch batch;
  batch.AddRefcount(hash, 1, node);
  ASSERT_TRUE(backend.Write(batch).ok());
}

// An extension without nibbles whose child is itself: the lookup would never
// advance. The node does not decode.
TEST(CorruptStore, ExtensionCycleWithoutNibbles) {
  MemoryBackend backend;
  const CryptoHash h = Filled(7);
  Bytes node;
  const uint8_t key[] = {0x00};
  EncodeExtension(key, h, 100, &node);
  Put(backend, h, node);
  Trie trie = Trie::FromRootHash(h, &backend);
  auto got = trie.Get(ToBytes("a"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, StorageErrorKind::kInconsistentState);
}

// A branch whose only child is itself: lookups end with the key, iteration
// stops once the path is longer than any key.
TEST(CorruptStore, BranchCycle) {
  MemoryBackend backend;
  const CryptoHash h = Filled(9);
  Bytes node;
  EncodeBranch(nullptr, 1, &h, 100, &node);  // child at nibble 0
  Put(backend, h, node);
  Trie trie = Trie::FromRootHash(h, &backend);
  auto got = trie.Get(Bytes(100, 0));
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());
  TrieIterator it(trie);
  auto item = it.Next();
  ASSERT_FALSE(item.ok());
  EXPECT_EQ(item.error().kind, StorageErrorKind::kInconsistentState);
}

}  // namespace
}  // namespace nearrt::store
