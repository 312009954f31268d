// Benchmark of nearrt's state trie against raw RocksDB, per the store issue:
// N random 32-byte keys with 100-byte values.
//
//   raw RocksDB:  batched puts, random gets
//   in memory:    insert + root (TrieUpdate -> Finalize), random reads,
//                 proof generation, memory per key
//   RocksDB trie: insert + root + atomic commit, random reads from a cold
//                 cache, proof generation
//
// Timing numbers are machine- and load-dependent: run it on an idle machine
// and compare the ratios, not the absolute values.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include "store/node.h"
#include "store/node_arena.h"
#include "store/proof.h"
#include "store/rocksdb_backend.h"
#include "store/state_store.h"
#include "store/trie.h"
#include "store/trie_update.h"

using namespace nearrt;
using namespace nearrt::store;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

struct Data {
  std::vector<Bytes> keys;
  std::vector<Bytes> values;
  std::vector<uint32_t> read_order;
};

Data MakeData(size_t n, size_t reads) {
  Data d;
  std::mt19937_64 rng(2024);
  d.keys.resize(n);
  d.values.resize(n);
  for (size_t i = 0; i < n; ++i) {
    d.keys[i].resize(32);
    d.values[i].resize(100);
    for (size_t j = 0; j < 32; j += 8) {
      uint64_t r = rng();
      std::memcpy(&d.keys[i][j], &r, 8);
    }
    for (size_t j = 0; j < 100; ++j) d.values[i][j] = static_cast<uint8_t>(rng());
  }
  d.read_order.resize(reads);
  for (auto& r : d.read_order) r = static_cast<uint32_t>(rng() % n);
  return d;
}

double CpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

// A measured interval: wall time and process CPU time (which includes
// RocksDB's background threads).
struct Span {
  Clock::time_point wall0 = Clock::now();
  double cpu0 = CpuSeconds();
  double wall = 0, cpu = 0;
  Span& Stop() {
    wall = Seconds(wall0, Clock::now());
    cpu = CpuSeconds() - cpu0;
    return *this;
  }
};

void Report(const char* what, size_t ops, const Span& s) {
  std::printf("  %-44s %8.3f s wall %10.0f ops/s  | %8.3f s cpu %10.0f ops/s\n", what, s.wall,
              ops / s.wall, s.cpu, ops / s.cpu);
  std::fflush(stdout);
}

// Sum of node allocation sizes reachable from `n` (each node counted once).
size_t TrieBytes(const Node* root, size_t* nodes) {
  std::vector<const Node*> stack{root};
  size_t total = 0;
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    ++*nodes;
    total += NodeAllocSize(n);
    if (n->kind == NodeKind::kExtension) stack.push_back(n->ext_child());
    if (n->kind == NodeKind::kBranch) {
      for (int i = 0; i < n->child_count(); ++i) stack.push_back(n->children()[i]);
    }
  }
  return total;
}

void RawRocksDb(const Data& d, const std::string& dir, Span* put, Span* get) {
  std::filesystem::remove_all(dir);
  rocksdb::Options opts;
  opts.create_if_missing = true;
  opts.IncreaseParallelism(2);
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(opts, dir, &raw).ok()) {
    std::fprintf(stderr, "cannot open %s\n", dir.c_str());
    std::exit(1);
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  *put = Span();
  const size_t batch = 10000;
  for (size_t i = 0; i < d.keys.size(); i += batch) {
    rocksdb::WriteBatch wb;
    for (size_t j = i; j < std::min(i + batch, d.keys.size()); ++j) {
      wb.Put(rocksdb::Slice(reinterpret_cast<const char*>(d.keys[j].data()), 32),
             rocksdb::Slice(reinterpret_cast<const char*>(d.values[j].data()), 100));
    }
    db->Write(rocksdb::WriteOptions(), &wb);
  }
  put->Stop();
  *get = Span();
  std::string v;
  size_t found = 0;
  for (uint32_t r : d.read_order) {
    found += db->Get(rocksdb::ReadOptions(),
                     rocksdb::Slice(reinterpret_cast<const char*>(d.keys[r].data()), 32), &v)
                 .ok();
  }
  get->Stop();
  if (found != d.read_order.size()) std::fprintf(stderr, "raw rocksdb: missing keys!\n");
}

// Inserts all keys through one TrieUpdate and finalizes it.
StorageResult<FinalizeResult> InsertAll(const StateStore& store, const Data& d) {
  TrieUpdate u = store.NewUpdate(store.head());
  for (size_t i = 0; i < d.keys.size(); ++i) u.Set(d.keys[i], d.values[i]);
  u.Commit({});
  return u.Finalize(store.update_options());
}

void Reads(const Trie& t, const Data& d, const char* label) {
  Span span;
  size_t bad = 0;
  for (uint32_t r : d.read_order) {
    auto v = t.Get(d.keys[r]);
    bad += !v.ok() || !v->has_value() || v->value().size() != 100;
  }
  Report(label, d.read_order.size(), span.Stop());
  if (bad) std::fprintf(stderr, "  %zu reads failed!\n", bad);
}

void Proofs(const Trie& t, const Data& d, size_t count, const char* label) {
  Span span;
  size_t bad = 0, nodes = 0;
  for (size_t i = 0; i < count; ++i) {
    auto p = ProveKey(t, d.keys[d.read_order[i]]);
    bad += !p.ok() || !p->value;
    if (p.ok()) nodes += p->nodes.size();
  }
  Report(label, count, span.Stop());
  if (bad) std::fprintf(stderr, "  %zu proofs failed!\n", bad);
  std::printf("  %-44s %8.2f\n", "  (nodes per proof)", double(nodes) / count);
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 1000000;
  std::string dir = (std::filesystem::temp_directory_path() / "nearrt_store_bench").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--keys")) n = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  const size_t reads = std::min<size_t>(n, 1000000);
  const size_t proofs = std::min<size_t>(n, 200000);
  std::printf("store_bench: %zu keys (32 B) with 100 B values; %zu reads, %zu proofs\n", n, reads,
              proofs);
  std::filesystem::create_directories(dir);
  Data d = MakeData(n, reads);
  const double raw_bytes = double(n) * (32 + 100);

  std::printf("raw RocksDB\n");
  Span raw_put, raw_get;
  RawRocksDb(d, dir + "/raw", &raw_put, &raw_get);
  Report("batched puts (10k per batch)", n, raw_put);
  Report("random gets", reads, raw_get);

  std::printf("in-memory trie\n");
  {
    StateStore store;
    Span insert;
    auto r = InsertAll(store, d);
    if (!r.ok()) {
      std::fprintf(stderr, "insert failed: %s\n", r.error().message.c_str());
      return 1;
    }
    insert.Stop();
    if (!store.Commit(r->trie).ok()) return 1;
    Report("insert + root (TrieUpdate, Finalize)", n, insert);
    std::printf("  %-44s %s\n", "root", store.head().ToBase58().c_str());
    std::printf("  %-44s %8.2fx wall, %.2fx cpu\n", "insert + root vs raw batched puts",
                insert.wall / raw_put.wall, insert.cpu / raw_put.cpu);
    {
      Trie t = store.GetTrie(store.head());
      size_t nodes = 0;
      size_t bytes = TrieBytes(t.root_cell()->node.get(), &nodes);
      std::printf("  %-44s %zu nodes, %.1f MB = %.2fx raw key+value bytes\n", "node memory",
                  nodes, bytes / 1e6, bytes / raw_bytes);
      std::printf("  %-44s %.1f MB = %.2fx raw key+value bytes\n", "node arena reserved",
                  ArenaReservedBytes() / 1e6, ArenaReservedBytes() / raw_bytes);
    }
    // Build from presorted changes straight through Trie::Update.
    {
      std::vector<KeyChange> changes;
      changes.reserve(n);
      for (size_t i = 0; i < n; ++i) changes.push_back({d.keys[i], d.values[i]});
      std::sort(changes.begin(), changes.end(),
                [](const KeyChange& a, const KeyChange& b) { return a.key < b.key; });
      Span span;
      auto out = Trie().Update(std::move(changes), UpdateOptions{false});
      Report("insert + root (Trie::Update, sorted input)", n, span.Stop());
      if (!out.ok() || out->new_root() != store.head()) std::fprintf(stderr, "root mismatch!\n");
    }
    Trie t = store.GetTrie(store.head());
    Reads(t, d, "random reads (Trie::Get)");
    Proofs(t, d, proofs, "proof generation (ProveKey)");
  }

  std::printf("RocksDB-backed trie\n");
  {
    std::filesystem::remove_all(dir + "/trie");
    auto backend = RocksDbBackend::Open(dir + "/trie");
    if (!backend.ok()) return 1;
    auto store = StateStore::Open(std::move(*backend));
    if (!store.ok()) return 1;
    Span total, insert;
    auto r = InsertAll(**store, d);
    if (!r.ok()) return 1;
    insert.Stop();
    Span commit;
    if (!(*store)->Commit(r->trie).ok()) return 1;
    commit.Stop();
    total.Stop();
    Report("insert + root (with TrieChanges)", n, insert);
    Report("atomic commit of the chunk", n, commit);
    Report("insert + root + commit", n, total);
    std::printf("  %-44s %8.2fx wall, %.2fx cpu (%zu node/value entries)\n",
                "insert + root + commit vs raw batched puts", total.wall / raw_put.wall,
                total.cpu / raw_put.cpu, r->trie.changes.insertions.size());
    CryptoHash root = (*store)->head();
    store->reset();
    // Reopen: every node now comes from RocksDB on first use.
    auto reopened = StateStore::Open(*RocksDbBackend::Open(dir + "/trie"));
    if (!reopened.ok()) return 1;
    Trie cold = (*reopened)->GetTrie(root);
    Reads(cold, d, "random reads (cold start, nodes load lazily)");
    Reads(cold, d, "random reads (warm: nodes cached in memory)");
    (*reopened)->DropCaches();
    Trie cold2 = (*reopened)->GetTrie(root);
    Proofs(cold2, d, proofs, "proof generation (cold start)");
  }
  std::filesystem::remove_all(dir);
  return 0;
}
