#include "store/state_store.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <random>

#include "primitives/borsh.h"

#ifdef NEARRT_HAVE_ROCKSDB
#include "store/rocksdb_backend.h"
#endif

namespace nearrt::store {
namespace {

using KV = std::map<Bytes, Bytes>;

// Applies one random chunk to `model` through the store.
void RandomChunk(StateStore& store, KV& model, std::mt19937_64& rng, int keyspace) {
  TrieUpdate u = store.NewUpdate(store.head());
  for (int i = 0, n = 1 + rng() % 50; i < n; ++i) {
    Bytes k(4);
    uint32_t id = rng() % keyspace;
    std::memcpy(k.data(), &id, 4);
    if (rng() % 4 == 0) {
      u.Remove(k);
      model.erase(k);
    } else {
      Bytes v(1 + rng() % 40, static_cast<uint8_t>(rng()));
      model[k] = v;
      u.Set(k, std::move(v));
    }
    if (rng() % 5 == 0) u.Commit({});
  }
  u.Commit({});
  auto r = u.Finalize(store.update_options());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(store.Commit(r->trie).ok());
}

void ExpectState(const StateStore& store, const CryptoHash& root, const KV& model) {
  Trie t = store.GetTrie(root);
  for (const auto& [k, v] : model) {
    auto got = t.Get(k);
    ASSERT_TRUE(got.ok()) << got.error().message;
    ASSERT_TRUE(got->has_value());
    EXPECT_EQ(**got, v);
  }
}

CryptoHash RootOf(const KV& kv) {
  std::vector<KeyChange> c;
  for (const auto& [k, v] : kv) c.push_back({k, v});
  return Trie().Update(std::move(c), UpdateOptions{false})->new_root();
}

TEST(StateStore, InMemoryVersionsAndPrune) {
  StateStore store;
  std::mt19937_64 rng(1);
  KV model;
  std::vector<std::pair<CryptoHash, KV>> states;
  for (int chunk = 0; chunk < 20; ++chunk) {
    RandomChunk(store, model, rng, 300);
    EXPECT_EQ(store.head(), RootOf(model));
    states.push_back({store.head(), model});
  }
  for (const auto& [root, kv] : states) ExpectState(store, root, kv);
  ASSERT_TRUE(store.Prune(3).ok());
  for (size_t i = states.size() - 3; i < states.size(); ++i) {
    ExpectState(store, states[i].first, states[i].second);
  }
  // A pruned root is gone: reads fail instead of returning wrong data.
  EXPECT_FALSE(store.GetTrie(states[0].first).Get(states[0].second.begin()->first).ok());
}

// The persistent store holds exactly the nodes and values of the kept states.
void PersistentScenario(std::function<std::unique_ptr<Backend>()> open, bool reopen_each_time) {
  std::mt19937_64 rng(2);
  KV model;
  auto store = *StateStore::Open(open());
  std::vector<std::pair<CryptoHash, KV>> states;
  for (int chunk = 0; chunk < 30; ++chunk) {
    RandomChunk(*store, model, rng, 400);
    states.push_back({store->head(), model});
    if (reopen_each_time) {
      store.reset();
      store = *StateStore::Open(open());
      EXPECT_EQ(store->head(), states.back().first);
    }
  }
  for (const auto& [root, kv] : states) ExpectState(*store, root, kv);
  ASSERT_TRUE(store->Prune(1).ok());
  store->DropCaches();
  ExpectState(*store, states.back().first, states.back().second);
  // Deleting everything leaves an empty store.
  TrieUpdate u = store->NewUpdate(store->head());
  for (const auto& [k, v] : model) u.Remove(k);
  u.Commit({});
  auto r = u.Finalize(store->update_options());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->new_root().IsZero());
  ASSERT_TRUE(store->Commit(r->trie).ok());
  ASSERT_TRUE(store->Prune(1).ok());
  for (const auto& [root, kv] : states) {
    if (!kv.empty()) EXPECT_EQ(*store->backend()->Refcount(root), 0);
  }
}

TEST(StateStore, MemoryBackend) {
  // One MemoryBackend shared across "reopens" via a forwarding wrapper.
  struct Forward : Backend {
    MemoryBackend* b;
    explicit Forward(MemoryBackend* b) : b(b) {}
    StorageResult<Bytes> Get(const CryptoHash& h) override { return b->Get(h); }
    StorageStatus Write(const WriteBatch& w) override { return b->Write(w); }
    StorageResult<std::optional<Bytes>> GetMeta(const std::string& k) override { return b->GetMeta(k); }
    StorageResult<std::vector<std::string>> ListMeta(const std::string& p) override {
      return b->ListMeta(p);
    }
    StorageResult<int64_t> Refcount(const CryptoHash& h) override { return b->Refcount(h); }
  };
  MemoryBackend mem;
  PersistentScenario([&] { return std::make_unique<Forward>(&mem); }, true);
  EXPECT_EQ(mem.size(), 0u);
}

// Corrupt metadata (found by fuzz/trie_node_fuzz.cc, regression
// timeout-prune-huge-seq-range): a head commit number near 2^64 with gc_tail 0
// made Prune look up every number in between. Now it walks the deletions
// records that exist, and a malformed record key is an error.
TEST(StateStore, PruneWithCorruptMetadataIsQuick) {
  auto backend = std::make_unique<MemoryBackend>();
  WriteBatch batch;
  BorshWriter head;
  head.U64(UINT64_MAX - 5);
  head.Fixed(CryptoHash().view());
  batch.PutMeta("head", head.Take());
  BorshWriter tail;
  tail.U64(0);
  batch.PutMeta("gc_tail", tail.Take());
  ASSERT_TRUE(backend->Write(batch).ok());
  auto store = StateStore::Open(std::move(backend));
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->Prune(2).ok());

  auto backend2 = std::make_unique<MemoryBackend>();
  WriteBatch bad;
  Bytes head5(40, 0);
  head5[0] = 5;  // commit 5, empty root
  bad.PutMeta("head", head5);
  bad.PutMeta("deletions/x", Bytes{});
  ASSERT_TRUE(backend2->Write(bad).ok());
  auto store2 = StateStore::Open(std::move(backend2));
  ASSERT_TRUE(store2.ok());
  EXPECT_FALSE((*store2)->Prune(1).ok());
}

#ifdef NEARRT_HAVE_ROCKSDB
std::string TempDir(const char* name) {
  auto dir = std::filesystem::temp_directory_path() /
             (std::string("nearrt_") + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

TEST(StateStore, RocksDb) {
  const std::string dir = TempDir("store");
  PersistentScenario(
      [&]() -> std::unique_ptr<Backend> {
        auto b = RocksDbBackend::Open(dir);
        EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().message);
        return std::move(*b);
      },
      true);
  std::filesystem::remove_all(dir);
}

TEST(StateStore, RocksDbRefcountsMerge) {
  const std::string dir = TempDir("refcount");
  {
    auto b = *RocksDbBackend::Open(dir);
    const Bytes x = ToBytes("x");
    CryptoHash h = CryptoHash::Of(x);
    WriteBatch w;
    w.AddRefcount(h, 2, x);
    ASSERT_TRUE(b->Write(w).ok());
    EXPECT_EQ(*b->Refcount(h), 2);
    WriteBatch d;
    d.AddRefcount(h, -1);
    ASSERT_TRUE(b->Write(d).ok());
    EXPECT_EQ(*b->Get(h), ToBytes("x"));
    ASSERT_TRUE(b->Write(d).ok());
    EXPECT_FALSE(b->Get(h).ok());
    EXPECT_TRUE(b->Get(h).error().IsMissing());
  }
  std::filesystem::remove_all(dir);
}
#endif

}  // namespace
}  // namespace nearrt::store
