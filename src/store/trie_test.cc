#include "store/trie.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "store/raw_node.h"

namespace nearrt::store {
namespace {

using KV = std::map<Bytes, Bytes>;

// ---------------------------------------------------------------------------
// Reference model: canonical trie built directly from a key-value set, as in
// trie.md §7.4 (the Python model that reproduces nearcore's pinned roots).
// Independent of the production code except for the node byte encoders.
// ---------------------------------------------------------------------------
struct RefNode {
  CryptoHash hash;
  uint64_t mem;
};

Bytes Hp(const std::vector<uint8_t>& nib, bool leaf) {
  size_t i = nib.size() % 2;
  Bytes out{static_cast<uint8_t>((i ? 0x10 + nib[0] : 0) + (leaf ? 0x20 : 0))};
  for (; i < nib.size(); i += 2) out.push_back(static_cast<uint8_t>(nib[i] * 16 + nib[i + 1]));
  return out;
}

using Entry = std::pair<std::vector<uint8_t>, Bytes>;

RefNode RefBuild(std::vector<Entry> e, std::map<CryptoHash, int>* counts) {
  Bytes bytes;
  RefNode r;
  if (e.size() == 1) {
    Bytes k = Hp(e[0].first, true);
    r.mem = 50 + 2 * k.size() + e[0].second.size() + 50;
    EncodeLeaf(k, ValueRef::Of(e[0].second), r.mem, &bytes);
    if (counts) ++(*counts)[CryptoHash::Of(e[0].second)];
  } else {
    size_t cp = e[0].first.size();
    for (const Entry& x : e) {
      size_t i = 0;
      while (i < cp && i < x.first.size() && x.first[i] == e[0].first[i]) ++i;
      cp = i;
    }
    if (cp > 0) {
      std::vector<uint8_t> prefix(e[0].first.begin(), e[0].first.begin() + cp);
      for (Entry& x : e) x.first.erase(x.first.begin(), x.first.begin() + cp);
      RefNode c = RefBuild(e, counts);
      Bytes k = Hp(prefix, false);
      r.mem = 50 + 2 * k.size() + c.mem;
      EncodeExtension(k, c.hash, r.mem, &bytes);
    } else {
      const Bytes* value = nullptr;
      std::vector<Entry> groups[16];
      for (Entry& x : e) {
        if (x.first.empty()) {
          value = &x.second;
          continue;
        }
        uint8_t n = x.first[0];
        x.first.erase(x.first.begin());
        groups[n].push_back(std::move(x));
      }
      r.mem = 50;
      uint16_t mask = 0;
      std::vector<CryptoHash> kids;
      for (int n = 0; n < 16; ++n) {
        if (groups[n].empty()) continue;
        RefNode c = RefBuild(groups[n], counts);
        mask |= 1 << n;
        kids.push_back(c.hash);
        r.mem += c.mem;
      }
      ValueRef v;
      if (value) {
        v = ValueRef::Of(*value);
        r.mem += value->size() + 50;
        if (counts) ++(*counts)[v.hash];
      }
      EncodeBranch(value ? &v : nullptr, mask, kids.data(), r.mem, &bytes);
    }
  }
  r.hash = CryptoHash::Of(bytes);
  if (counts) ++(*counts)[r.hash];
  return r;
}

CryptoHash RefRoot(const KV& kv, std::map<CryptoHash, int>* counts = nullptr) {
  if (kv.empty()) return CryptoHash();
  std::vector<Entry> e;
  for (const auto& [k, v] : kv) {
    std::vector<uint8_t> nib;
    for (uint8_t b : k) {
      nib.push_back(b >> 4);
      nib.push_back(b & 15);
    }
    e.push_back({nib, v});
  }
  return RefBuild(e, counts).hash;
}

// ---------------------------------------------------------------------------

// A content-addressed refcounted map (what a persistent backend holds).
class MapSource : public NodeSource {
 public:
  size_t gets = 0;
  StorageResult<Bytes> Get(const CryptoHash& h) override {
    ++gets;
    auto it = items_.find(h);
    if (it == items_.end() || it->second.first <= 0) {
      return Err(StorageError::Missing(MissingTrieValueContext::kTrieStorage, h));
    }
    return it->second.second;
  }
  void Apply(const TrieChanges& c) {
    for (const auto& a : c.insertions) {
      auto& e = items_[a.hash];
      e.first += a.rc;
      e.second = a.data;
    }
    for (const auto& d : c.deletions) {
      auto it = items_.find(d.hash);
      ASSERT_NE(it, items_.end()) << "deleting a hash that is not stored";
      it->second.first -= d.rc;
      ASSERT_GE(it->second.first, 0);
      if (it->second.first == 0) items_.erase(it);
    }
  }
  std::map<CryptoHash, int> Counts() const {
    std::map<CryptoHash, int> out;
    for (const auto& [h, e] : items_) out[h] = static_cast<int>(e.first);
    return out;
  }
  size_t size() const { return items_.size(); }

 private:
  std::map<CryptoHash, std::pair<int64_t, Bytes>> items_;
};

Bytes B(std::string_view s) { return ToBytes(s); }
Bytes H(std::string_view hex) { return *HexDecode(hex); }

std::vector<KeyChange> Changes(const KV& kv) {
  std::vector<KeyChange> out;
  for (const auto& [k, v] : kv) out.push_back({k, v});
  return out;
}

CryptoHash RootOf(const KV& kv) {
  auto out = Trie().Update(Changes(kv));
  EXPECT_TRUE(out.ok());
  return out->new_root();
}

// core/store/src/trie/mem/memtrie_update.rs::test_memtrie_snapshot
// (trie.md §7.1 #7, runtime.md §8.1 #4-5).
TEST(Trie, NearcorePinnedRoots) {
  KV kv{{H("ff00"), H("0000")}, {H("ff01"), H("0100")}};
  EXPECT_EQ(RootOf(kv).ToBase58(), "8utD1no12bD972DPzij3ydnaNGkLBRzuxGTKhbqrx39Q");
  kv[H("ff0101")] = H("0101");
  EXPECT_EQ(RootOf(kv).ToBase58(), "87gK6ZaJBgtuBLL3MZ5GB1rVKJmpJ1gYBLusRbTHyZuu");
}

// trie.md §7.2 roots (derived with the Python model, validated by the above).
TEST(Trie, DerivedRoots) {
  EXPECT_EQ(RootOf({{H("01"), H("02")}}).ToBase58(), "Ac3vNFGdui8YLeskQDxJwzQ8vk4gcUMhcsezLSzgeu6B");
  EXPECT_EQ(RootOf({{B(""), B("")}}).ToBase58(), "5voaHgEgvJASGquuDLyA8pY5Vor32WJ6EemmHW8GVgkB");
  EXPECT_EQ(RootOf({{H("aa"), H("01")}, {H("ab"), H("02")}}).ToBase58(),
            "DrwGp5oNrQ35HRwrfvBKPBP5PzBQVhA7HhY166p495wE");
  EXPECT_EQ(RootOf({{B("a"), B("x")}, {B("ab"), B("y")}}).ToBase58(),
            "CmvEDgZLXuuhKQhPUGTuiZVXfA6iNhYTi1mP5zKyAUC6");
  EXPECT_EQ(RootOf({{B("do"), B("verb")},
                    {B("dog"), B("puppy")},
                    {B("doge"), B("coin")},
                    {B("horse"), B("stallion")}})
                .ToBase58(),
            "AiEM5Rkk4SgSmVQLSEJRsbqAiREdNsd1AGDHX7eEbnan");
  EXPECT_EQ(RootOf({}).ToBase58(), "11111111111111111111111111111111");
}

TEST(Trie, ReferenceModelReproducesPinnedRoots) {
  KV kv{{H("ff00"), H("0000")}, {H("ff01"), H("0100")}};
  EXPECT_EQ(RefRoot(kv).ToBase58(), "8utD1no12bD972DPzij3ydnaNGkLBRzuxGTKhbqrx39Q");
}

TEST(Trie, GetAndContains) {
  KV kv{{B("doge"), B("coin")}, {B("docu"), B("value")}, {B("do"), B("verb")},
        {B("horse"), B("stallion")}, {B("dog"), B("puppy")}, {B("h"), B("value")}};
  auto out = Trie().Update(Changes(kv));
  ASSERT_TRUE(out.ok());
  Trie t(out->root, nullptr);
  for (const auto& [k, v] : kv) {
    auto got = t.Get(k);
    ASSERT_TRUE(got.ok());
    ASSERT_TRUE(got->has_value()) << AsString(k);
    EXPECT_EQ(**got, v);
  }
  for (const char* absent : {"", "d", "dogs", "hors", "horsea", "x"}) {
    auto got = t.Get(B(absent));
    ASSERT_TRUE(got.ok());
    EXPECT_FALSE(got->has_value()) << absent;
    EXPECT_FALSE(*t.ContainsKey(B(absent)));
  }
  EXPECT_TRUE(*t.ContainsKey(B("do")));
}

TEST(Trie, DeletingEverythingGivesEmptyRootAndEmptyStore) {
  KV kv{{B("doge"), B("coin")}, {B("dog"), B("puppy")}, {B("do"), B("verb")}};
  MapSource store;
  auto first = Trie().Update(Changes(kv));
  ASSERT_TRUE(first.ok());
  store.Apply(first->changes);
  std::vector<KeyChange> del;
  for (const auto& [k, v] : kv) del.push_back({k, std::nullopt});
  auto second = Trie(first->root, &store).Update(del);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->new_root().IsZero());
  store.Apply(second->changes);
  EXPECT_EQ(store.size(), 0u);
}

// core/store/src/trie/mod.rs::test_equal_leafs: identical leaves share a
// node with refcount 2.
TEST(Trie, EqualLeavesAreRefcounted) {
  KV kv{{H("010203"), H("01")}, {H("020203"), H("01")}, {H("030203"), H("01")}};
  MapSource store;
  auto out = Trie().Update(Changes(kv));
  ASSERT_TRUE(out.ok());
  store.Apply(out->changes);
  std::map<CryptoHash, int> want;
  RefRoot(kv, &want);
  EXPECT_EQ(store.Counts(), want);
  auto del = Trie(out->root, &store).Update({{H("010203"), std::nullopt}});
  ASSERT_TRUE(del.ok());
  store.Apply(del->changes);
  kv.erase(H("010203"));
  want.clear();
  EXPECT_EQ(del->new_root(), RefRoot(kv, &want));
  EXPECT_EQ(store.Counts(), want);
}

// Random inserts/deletes in random orders, applied in several batches:
// the root depends only on the final key-value set and matches the reference
// build; the refcounted store always holds exactly the nodes and values of
// the current trie; a trie reopened from the store by root hash reads back.
TEST(Trie, RandomUpdatesMatchReferenceBuild) {
  std::mt19937_64 rng(12345);
  for (int round = 0; round < 300; ++round) {
    const int alphabet = 2 + rng() % 6;
    const int max_len = 1 + rng() % 6;
    auto random_key = [&] {
      Bytes k(rng() % (max_len + 1));
      for (auto& b : k) b = static_cast<uint8_t>("\x00\x01\x10\x11\xab\xff\x12\x21"[rng() % alphabet]);
      return k;
    };
    KV model;
    MapSource store;
    std::shared_ptr<RootCell> root = std::make_shared<RootCell>();
    const bool reopen = round % 3 == 0;
    const int batches = 1 + rng() % 5;
    for (int b = 0; b < batches; ++b) {
      std::vector<KeyChange> changes;
      const int n = 1 + rng() % 30;
      for (int i = 0; i < n; ++i) {
        Bytes k = random_key();
        if (rng() % 3 == 0) {
          changes.push_back({k, std::nullopt});
          model.erase(k);
        } else {
          Bytes v(rng() % 4, static_cast<uint8_t>(rng() % 3));
          changes.push_back({k, v});
          model[k] = v;
        }
      }
      // Trie::update applies changes in order; duplicates are allowed.
      Trie trie = reopen ? Trie::FromRootHash(root->hash(), &store) : Trie(root, &store);
      auto out = trie.Update(changes);
      ASSERT_TRUE(out.ok()) << out.error().message;
      store.Apply(out->changes);
      std::map<CryptoHash, int> want;
      ASSERT_EQ(out->new_root(), RefRoot(model, &want)) << "round " << round << " batch " << b;
      ASSERT_EQ(store.Counts(), want) << "round " << round << " batch " << b;
      root = out->root;
    }
    Trie reopened = Trie::FromRootHash(root->hash(), &store);
    for (const auto& [k, v] : model) {
      auto got = reopened.Get(k);
      ASSERT_TRUE(got.ok()) << got.error().message;
      ASSERT_TRUE(got->has_value());
      EXPECT_EQ(**got, v);
    }
  }
}

// Nodes and small values read from the source stay in memory.
TEST(Trie, LoadedNodesAndValuesAreCached) {
  KV kv{{B("doge"), B("coin")}, {B("dog"), B("puppy")}, {B("big"), Bytes(5000, 7)}};
  MapSource store;
  auto out = Trie().Update(Changes(kv));
  ASSERT_TRUE(out.ok());
  store.Apply(out->changes);
  Trie t = Trie::FromRootHash(out->new_root(), &store);
  EXPECT_EQ(**t.Get(B("doge")), B("coin"));
  const size_t first = store.gets;
  EXPECT_GT(first, 0u);
  EXPECT_EQ(**t.Get(B("doge")), B("coin"));
  EXPECT_EQ(store.gets, first);
  // Its proof bytes are unchanged by the caching.
  EXPECT_EQ(**t.Get(B("dog")), B("puppy"));
  auto again = t.Update({{B("dog"), B("puppy")}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->new_root(), out->new_root());
  // A large value is read from the source every time.
  EXPECT_EQ((*t.Get(B("big")))->size(), 5000u);
  const size_t before = store.gets;
  EXPECT_EQ((*t.Get(B("big")))->size(), 5000u);
  EXPECT_EQ(store.gets, before + 1);
}

TEST(Trie, MemoryUsageOfRoot) {
  KV kv{{B("do"), B("verb")}, {B("dog"), B("puppy")}};
  auto out = Trie().Update(Changes(kv));
  ASSERT_TRUE(out.ok());
  // Extension "do" (HP 3 bytes) -> branch with value "verb" -> leaf "g".
  uint64_t leaf = 50 + 2 * 1 + 5 + 50;           // HP key [0x27]: nibble 7 of 'g'=0x67 after branch 6
  uint64_t branch = 50 + 4 + 50 + leaf;
  uint64_t ext = 50 + 2 * 3 + branch;
  EXPECT_EQ(*Trie(out->root, nullptr).RootMemoryUsage(), ext);
}

}  // namespace
}  // namespace nearrt::store
