#include "store/proof.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "store/partial_storage.h"
#include "store/test_util.h"
#include "store/trie_iterator.h"

namespace nearrt::store {
namespace {

using testing::B;
using testing::Build;
using testing::KV;

TEST(Proof, PresentAndAbsentKeys) {
  KV kv{{B("do"), B("verb")}, {B("dog"), B("puppy")}, {B("doge"), B("coin")},
        {B("horse"), B("stallion")}};
  Trie t = Build(kv);
  const CryptoHash root = t.root_hash();
  for (const auto& [k, v] : kv) {
    auto p = ProveKey(t, k);
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(p->value.has_value());
    EXPECT_EQ(*p->value, v);
    auto r = VerifyKeyProofWithValue(root, k, p->nodes, p->value);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->present);
    EXPECT_EQ(r->value, ValueRef::Of(v));
    // The wrong value, or claiming absence, fails.
    EXPECT_FALSE(VerifyKeyProofWithValue(root, k, p->nodes, B("nope")).ok());
    EXPECT_FALSE(VerifyKeyProofWithValue(root, k, p->nodes, std::nullopt).ok());
  }
  for (const char* absent : {"", "d", "dogs", "doga", "h", "horses", "zebra"}) {
    auto p = ProveKey(t, B(absent));
    ASSERT_TRUE(p.ok());
    EXPECT_FALSE(p->value.has_value());
    auto r = VerifyKeyProofWithValue(root, B(absent), p->nodes, std::nullopt);
    ASSERT_TRUE(r.ok()) << absent << ": " << r.error().message;
    EXPECT_FALSE(r->present);
  }
  // Empty trie: the empty proof proves absence.
  EXPECT_FALSE(VerifyKeyProof(CryptoHash(), B("x"), {})->present);
  // A proof for one key does not prove another key on a different path.
  auto p = ProveKey(t, B("horse"));
  EXPECT_FALSE(VerifyKeyProof(root, B("dog"), p->nodes).ok());
  // Nodes not on the path are rejected.
  auto p2 = ProveKey(t, B("dog"));
  std::vector<Bytes> mixed = p2->nodes;
  mixed.push_back(p->nodes.back());
  EXPECT_FALSE(VerifyKeyProof(root, B("dog"), mixed).ok());
  // A wrong root fails.
  EXPECT_FALSE(VerifyKeyProof(CryptoHash::Of(B("x")), B("dog"), p2->nodes).ok());
}

TEST(Proof, EveryFlippedByteFails) {
  KV kv;
  std::mt19937 rng(3);
  for (int i = 0; i < 200; ++i) {
    Bytes k(1 + rng() % 6), v(rng() % 8);
    for (auto& b : k) b = static_cast<uint8_t>(rng() % 4);
    for (auto& b : v) b = static_cast<uint8_t>(rng());
    kv[k] = v;
  }
  Trie t = Build(kv);
  int checked = 0;
  for (const auto& [k, v] : kv) {
    if (++checked > 40) break;
    auto p = ProveKey(t, k);
    ASSERT_TRUE(p.ok()) << p.error().message;
    for (size_t n = 0; n < p->nodes.size(); ++n) {
      for (size_t i = 0; i < p->nodes[n].size(); ++i) {
        for (uint8_t bit : {0x01, 0x80}) {
          std::vector<Bytes> bad = p->nodes;
          bad[n][i] ^= bit;
          EXPECT_FALSE(VerifyKeyProofWithValue(t.root_hash(), k, bad, p->value).ok())
              << "node " << n << " byte " << i;
        }
      }
    }
    for (size_t i = 0; i < p->value->size(); ++i) {
      Bytes bad = *p->value;
      bad[i] ^= 1;
      EXPECT_FALSE(VerifyKeyProofWithValue(t.root_hash(), k, p->nodes, bad).ok());
    }
  }
}

// Acceptance: every key of a 100k-key trie proves and verifies.
TEST(Proof, HundredThousandKeys) {
  std::mt19937_64 rng(99);
  std::vector<KeyChange> changes;
  for (int i = 0; i < 100000; ++i) {
    Bytes k(32), v(100);
    for (auto& b : k) b = static_cast<uint8_t>(rng());
    for (auto& b : v) b = static_cast<uint8_t>(rng());
    changes.push_back({k, v});
  }
  std::vector<KeyChange> copy = changes;
  auto out = Trie().Update(std::move(copy), UpdateOptions{false});
  ASSERT_TRUE(out.ok());
  Trie t(out->root, nullptr);
  size_t failures = 0;
  for (const KeyChange& c : changes) {
    auto p = ProveKey(t, c.key);
    if (!p.ok() || !p->value || *p->value != *c.value) {
      ++failures;
      continue;
    }
    auto r = VerifyKeyProofWithValue(t.root_hash(), c.key, p->nodes, p->value);
    if (!r.ok() || !r->present) ++failures;
  }
  EXPECT_EQ(failures, 0u);
}

// view_state: the returned nodes are enough to re-run the same iteration from
// nothing but the root (nearcore's RPC clients check it that way).
TEST(Proof, ViewStateProofReplays) {
  KV kv;
  std::mt19937 rng(5);
  for (int i = 0; i < 300; ++i) {
    Bytes k{0x09};
    for (int j = 0, n = 1 + rng() % 5; j < n; ++j) k.push_back("abc,"[rng() % 4]);
    kv[k] = Bytes(1 + rng() % 5, static_cast<uint8_t>(i));
  }
  Trie t = Build(kv);
  for (const char* prefix : {"\x09", "\x09" "a", "\x09" "ab,", "\x09" "zz", ""}) {
    auto vs = ViewState(t, B(prefix), true);
    ASSERT_TRUE(vs.ok());
    std::vector<std::pair<Bytes, Bytes>> want;
    for (const auto& [k, v] : kv) {
      if (k.size() >= strlen(prefix) && std::equal(prefix, prefix + strlen(prefix), k.begin())) {
        want.push_back({k, v});
      }
    }
    EXPECT_EQ(vs->values, want);
    PartialState ps;
    ps.values = vs->proof;
    for (const auto& [k, v] : vs->values) ps.values.push_back(v);
    PartialStorage storage(ps);
    Trie replay = Trie::FromRootHash(t.root_hash(), &storage);
    TrieIterator it(replay);
    ASSERT_TRUE(it.SeekPrefix(B(prefix)).ok());
    std::vector<std::pair<Bytes, Bytes>> got;
    for (;;) {
      auto n = it.Next();
      ASSERT_TRUE(n.ok()) << n.error().message;
      if (!*n) break;
      got.push_back(**n);
    }
    EXPECT_EQ(got, want);
  }
}

}  // namespace
}  // namespace nearrt::store
