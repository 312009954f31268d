#include "store/trie_update.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "store/proof.h"
#include "store/test_util.h"
#include "store/trie_iterator.h"

namespace nearrt::store {
namespace {

using testing::B;
using testing::Build;
using testing::KV;

std::vector<std::pair<Bytes, Bytes>> All(TrieIterator& it) {
  std::vector<std::pair<Bytes, Bytes>> out;
  for (;;) {
    auto n = it.Next();
    EXPECT_TRUE(n.ok());
    if (!n.ok() || !*n) break;
    out.push_back(std::move(**n));
  }
  return out;
}

TEST(TrieIterator, IteratesInOrderAndSeeksPrefixes) {
  std::mt19937 rng(7);
  for (int round = 0; round < 100; ++round) {
    KV kv;
    int n = rng() % 60;
    for (int i = 0; i < n; ++i) {
      Bytes k(rng() % 5);
      for (auto& b : k) b = "abcd"[rng() % (1 + rng() % 4)];
      kv[k] = Bytes(1, static_cast<uint8_t>(i));
    }
    Trie t = Build(kv);
    TrieIterator all(t);
    std::vector<std::pair<Bytes, Bytes>> want(kv.begin(), kv.end());
    EXPECT_EQ(All(all), want);
    for (int q = 0; q < 20; ++q) {
      Bytes prefix(rng() % 4);
      for (auto& b : prefix) b = "abcde"[rng() % 5];
      TrieIterator it(t);
      ASSERT_TRUE(it.SeekPrefix(prefix).ok());
      std::vector<std::pair<Bytes, Bytes>> expect;
      for (const auto& [k, v] : kv) {
        if (k.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), k.begin())) {
          expect.push_back({k, v});
        }
      }
      EXPECT_EQ(All(it), expect) << "prefix " << AsString(prefix);
    }
  }
}

TEST(TrieUpdate, ReadsSeeChangesAndRollbackDropsThem) {
  TrieUpdate u(Build({{B("a"), B("1")}, {B("b"), B("2")}}));
  EXPECT_EQ(**u.Get(B("a")), B("1"));
  u.Set(B("a"), B("x"));
  u.Remove(B("b"));
  u.Set(B("c"), B("3"));
  EXPECT_EQ(**u.Get(B("a")), B("x"));
  EXPECT_FALSE(u.Get(B("b"))->has_value());
  EXPECT_FALSE(*u.ContainsKey(B("b")));
  EXPECT_TRUE(*u.ContainsKey(B("c")));
  u.Rollback();
  EXPECT_EQ(**u.Get(B("a")), B("1"));
  EXPECT_TRUE(*u.ContainsKey(B("b")));
  EXPECT_FALSE(*u.ContainsKey(B("c")));
  u.Set(B("c"), B("3"));
  u.Commit({StateChangeCause::kTransactionProcessing, CryptoHash()});
  u.Set(B("c"), B("4"));
  u.Rollback();
  EXPECT_EQ(**u.Get(B("c")), B("3"));
  u.Remove(B("a"));
  u.Commit({StateChangeCause::kReceiptProcessing, CryptoHash::Of(B("r"))});
  u.Set(B("c"), B("5"));
  EXPECT_FALSE(u.Finalize().ok());  // uncommitted changes
  u.Commit({StateChangeCause::kReceiptProcessing, CryptoHash::Of(B("r2"))});
  auto result = u.Finalize();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->new_root(), Build({{B("b"), B("2")}, {B("c"), B("5")}}).root_hash());
  ASSERT_EQ(result->state_changes.size(), 2u);
  EXPECT_EQ(result->state_changes[0].key, B("a"));
  EXPECT_EQ(result->state_changes[1].key, B("c"));
  ASSERT_EQ(result->state_changes[1].changes.size(), 2u);
  EXPECT_EQ(*result->state_changes[1].changes[0].data, B("3"));
  EXPECT_EQ(result->state_changes[1].changes[1].cause.hash, CryptoHash::Of(B("r2")));
}

TEST(TrieUpdate, IteratorMergesTrieAndChanges) {
  TrieUpdate u(Build({{B("k1"), B("1")}, {B("k3"), B("3")}, {B("k5"), B("5")}, {B("x"), B("9")}}));
  u.Set(B("k2"), B("2"));
  u.Remove(B("k3"));
  u.Commit({});
  u.Set(B("k4"), B("4"));
  u.Remove(B("k5"));
  u.Set(B("k3"), B("33"));  // prospective overrides the committed removal
  auto it = u.Iter(B("k"));
  ASSERT_TRUE(it.ok());
  std::vector<Bytes> keys;
  for (;;) {
    auto k = it->Next();
    ASSERT_TRUE(k.ok());
    if (!*k) break;
    keys.push_back(**k);
  }
  EXPECT_EQ(keys, (std::vector<Bytes>{B("k1"), B("k2"), B("k3"), B("k4")}));
}

// core/store/src/trie/mod.rs::test_trie_recording_reads_update.
TEST(TrieRecorder, RecordsWhatNearcoreRecords) {
  Trie t = Build({{B("doge"), B("coin")}, {B("docu"), B("value")}});
  {
    TrieRecorder rec;
    Trie r = t;
    r.set_recorder(&rec);
    ASSERT_TRUE(r.Get(B("doge")).ok());
    // extension, branch, one leaf and its value.
    EXPECT_EQ(rec.ToPartialState().values.size(), 4u);
  }
  {
    TrieRecorder rec;
    Trie r = t;
    r.set_recorder(&rec);
    ASSERT_TRUE(r.Update({{B("doge"), std::nullopt}}).ok());
    // extension, branch and both leaves (squash reads the sibling), no value.
    EXPECT_EQ(rec.ToPartialState().values.size(), 4u);
  }
  {
    TrieRecorder rec;
    Trie r = t;
    r.set_recorder(&rec);
    ASSERT_TRUE(r.Update({{B("dodo"), B("asdf")}}).ok());
    // extension and branch, but not the leaves.
    EXPECT_EQ(rec.ToPartialState().values.size(), 2u);
  }
}

}  // namespace
}  // namespace nearrt::store
