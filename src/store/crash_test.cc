// Crash safety of the RocksDB-backed StateStore: a child process commits
// deterministic chunks and is killed with SIGKILL at random moments; after
// each kill the store must reopen at a committed root whose every key reads
// back.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "store/rocksdb_backend.h"
#include "store/state_store.h"

namespace nearrt::store {
namespace {

using KV = std::map<Bytes, Bytes>;

// Chunk `seq` (1-based) of the deterministic history.
std::vector<KeyChange> ChunkChanges(uint64_t seq) {
  std::mt19937_64 rng(seq * 7919);
  std::vector<KeyChange> out;
  for (int i = 0, n = 50 + rng() % 200; i < n; ++i) {
    Bytes k(32);
    uint64_t id = rng() % 3000;
    for (int j = 0; j < 32; ++j) k[j] = static_cast<uint8_t>((id * 2654435761u) >> (j % 8 * 8));
    k[0] = static_cast<uint8_t>(id);
    if (rng() % 5 == 0) {
      out.push_back({k, std::nullopt});
    } else {
      out.push_back({k, Bytes(20 + rng() % 300, static_cast<uint8_t>(seq))});
    }
  }
  return out;
}

void ApplyToModel(KV& kv, const std::vector<KeyChange>& changes) {
  for (const auto& c : changes) {
    if (c.value) {
      kv[c.key] = *c.value;
    } else {
      kv.erase(c.key);
    }
  }
}

[[noreturn]] void ChildLoop(const std::string& dir, int report_fd) {
  auto backend = RocksDbBackend::Open(dir);
  if (!backend.ok()) _exit(3);
  auto store = StateStore::Open(std::move(*backend));
  if (!store.ok()) _exit(4);
  for (;;) {
    StateStore& s = **store;
    uint64_t seq = s.head_seq() + 1;
    TrieUpdate u = s.NewUpdate(s.head());
    for (auto& c : ChunkChanges(seq)) {
      if (c.value) {
        u.Set(c.key, *c.value);
      } else {
        u.Remove(c.key);
      }
    }
    u.Commit({});
    auto r = u.Finalize(s.update_options());
    if (!r.ok() || !s.Commit(r->trie).ok()) _exit(5);
    if (seq % 7 == 0 && !s.Prune(3).ok()) _exit(6);
    if (write(report_fd, &seq, sizeof(seq)) != sizeof(seq)) _exit(7);
  }
}

TEST(CrashTest, KilledWhileCommittingReopensAtACommittedRoot) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("nearrt_crash_" + std::to_string(getpid())))
          .string();
  std::filesystem::remove_all(dir);
  // Expected roots of the history, computed in memory as needed.
  std::vector<CryptoHash> roots{CryptoHash()};
  std::vector<KV> states{KV()};
  auto expected = [&](uint64_t seq) {
    while (roots.size() <= seq) {
      KV kv = states.back();
      ApplyToModel(kv, ChunkChanges(roots.size()));
      std::vector<KeyChange> all;
      for (const auto& [k, v] : kv) all.push_back({k, v});
      roots.push_back(Trie().Update(std::move(all), UpdateOptions{false})->new_root());
      states.push_back(std::move(kv));
    }
    return roots[seq];
  };

  std::mt19937 rng(42);
  uint64_t last_reported = 0;
  for (int round = 0; round < 20; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ChildLoop(dir, fds[1]);
    }
    close(fds[1]);
    // Wait for its first commit, then kill it at a random moment.
    uint64_t seq;
    if (read(fds[0], &seq, sizeof(seq)) == sizeof(seq)) last_reported = seq;
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 40000));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    while (read(fds[0], &seq, sizeof(seq)) == sizeof(seq)) last_reported = seq;
    close(fds[0]);

    auto store = StateStore::Open(*RocksDbBackend::Open(dir));
    ASSERT_TRUE(store.ok()) << store.error().message;
    const uint64_t head = (*store)->head_seq();
    // Every reported commit is durable; at most one more may have landed.
    ASSERT_GE(head, last_reported);
    ASSERT_LE(head, last_reported + 1);
    ASSERT_EQ((*store)->head(), expected(head)) << "head " << head;
    Trie t = (*store)->GetTrie((*store)->head());
    for (const auto& [k, v] : states[head]) {
      auto got = t.Get(k);
      ASSERT_TRUE(got.ok()) << got.error().message;
      ASSERT_TRUE(got->has_value());
      ASSERT_EQ(**got, v);
    }
    last_reported = head;
  }
  EXPECT_GT(last_reported, 20u);
  std::printf("20 kills; the history reached commit %llu\n",
              static_cast<unsigned long long>(last_reported));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace nearrt::store
