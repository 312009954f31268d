// Throughput of runtime::Apply on the local chain: NEAR transfers and NEP-141
// ft_transfer calls per second, on the in-memory state store and on RocksDB.
//
// Each benchmark iteration produces one block carrying N new signed
// transactions; the receipts of earlier blocks (the transfers themselves,
// the FT function calls, gas refunds) are applied in the same blocks, so
// after the first iterations the numbers are the steady-state rate of a
// chain that receives N transactions per block. Transactions are signed
// before the timing starts; each block is applied and committed (RocksDB:
// written and synced through its write batch).
//
//   bench_runtime --benchmark_min_time=2s
//   bench_runtime --benchmark_filter=Ft
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "chain/local_chain.h"
#ifdef NEARRT_HAVE_ROCKSDB
#include "store/rocksdb_backend.h"
#endif

namespace nearrt {
namespace {

constexpr int kUsers = 100;
constexpr Gas kTgas = 1'000'000'000'000;

AccountId User(int i) { return *AccountId::Parse("user" + std::to_string(i) + ".near"); }

struct Bench {
  std::unique_ptr<chain::LocalChain> chain;
  std::vector<Signer> signers;
  std::vector<Nonce> nonces;
  std::string db_dir;

  ~Bench() {
    chain.reset();
    if (!db_dir.empty()) std::filesystem::remove_all(db_dir);
  }

  // `rocksdb`: persist the state in a fresh RocksDB under the temp directory.
  Status Init(bool rocksdb, const std::optional<Bytes>& ft_code) {
    chain::Genesis g;
    for (int i = 0; i < kUsers; ++i) {
      chain::GenesisAccount a;
      a.account_id = User(i);
      a.amount = *vm::ParseBalance("1000000000000000000000000000000");
      signers.push_back(Signer::FromSeed(KeyType::kEd25519, a.account_id.str()));
      nonces.push_back(0);
      a.keys.emplace_back(signers.back().public_key(), AccessKey::FullAccess());
      g.accounts.push_back(std::move(a));
    }
    if (ft_code) {
      chain::GenesisAccount ft;
      ft.account_id = *AccountId::Parse("ft.near");
      ft.amount = *vm::ParseBalance("1000000000000000000000000000");
      ft.code = *ft_code;
      g.accounts.push_back(std::move(ft));
    }
    std::unique_ptr<store::StateStore> store;
    if (rocksdb) {
#ifdef NEARRT_HAVE_ROCKSDB
      db_dir = (std::filesystem::temp_directory_path() /
                ("nearrt_bench_runtime_" + std::to_string(reinterpret_cast<uintptr_t>(this))))
                   .string();
      std::filesystem::remove_all(db_dir);
      auto backend = store::RocksDbBackend::Open(db_dir);
      if (!backend.ok()) return Err(backend.error().message);
      auto opened = store::StateStore::Open(std::move(*backend));
      if (!opened.ok()) return Err(opened.error().message);
      store = std::move(*opened);
#else
      return Err("built without RocksDB");
#endif
    }
    NEARRT_ASSIGN_OR_RETURN(chain, chain::LocalChain::Create(g, std::move(store)));
    return {};
  }

  SignedTransaction Tx(int signer, const AccountId& receiver, Action action) {
    Transaction tx;
    tx.signer_id = User(signer);
    tx.receiver_id = receiver;
    tx.public_key = signers[signer].public_key();
    tx.nonce.nonce = ++nonces[signer];
    tx.block_hash = chain->last_block_hash();
    tx.actions.push_back(std::move(action));
    return SignedTransaction::Sign(tx, signers[signer]);
  }

  Status Block(const std::vector<SignedTransaction>& txs) {
    NEARRT_ASSIGN_OR_RETURN(auto b, chain->ProduceBlock(txs));
    (void)b;
    return {};
  }
  Status Idle() {
    for (int i = 0; i < 100 && !chain->pending_receipts().empty(); ++i) NEARRT_TRY(Block({}));
    return {};
  }
};

// FT setup: ft.near minted to user0, every user registered and funded.
Status SetUpFt(Bench& b) {
  AccountId ft = *AccountId::Parse("ft.near");
  std::vector<SignedTransaction> txs;
  txs.push_back(b.Tx(0, ft, FunctionCallAction{"new_default_meta",
                                               ToBytes(R"({"owner_id":"user0.near","total_supply":"1000000000000"})"),
                                               100 * kTgas, 0}));
  NEARRT_TRY(b.Block(txs));
  NEARRT_TRY(b.Idle());
  txs.clear();
  Balance deposit = *vm::ParseBalance("10000000000000000000000");  // 0.01 N, the excess is refunded
  for (int i = 1; i < kUsers; ++i) {
    txs.push_back(b.Tx(i, ft, FunctionCallAction{"storage_deposit", ToBytes("{}"), 30 * kTgas, deposit}));
  }
  NEARRT_TRY(b.Block(txs));
  NEARRT_TRY(b.Idle());
  txs.clear();
  for (int i = 1; i < kUsers; ++i) {
    std::string args = R"({"receiver_id":")" + User(i).str() + R"(","amount":"1000000"})";
    txs.push_back(b.Tx(0, ft, FunctionCallAction{"ft_transfer", ToBytes(args), 30 * kTgas, 1}));
  }
  NEARRT_TRY(b.Block(txs));
  return b.Idle();
}

// One block of `n` transactions per iteration; `make(i)` builds transaction i.
template <class Make>
void RunBlocks(benchmark::State& state, Bench& b, int n, Make make) {
  // Warm up: fill the receipt pipeline and the contract cache.
  for (int w = 0; w < 3; ++w) {
    std::vector<SignedTransaction> txs;
    for (int i = 0; i < n; ++i) txs.push_back(make(i));
    if (auto s = b.Block(txs); !s.ok()) {
      state.SkipWithError(s.error().message.c_str());
      return;
    }
  }
  uint64_t receipts = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<SignedTransaction> txs;
    txs.reserve(n);
    for (int i = 0; i < n; ++i) txs.push_back(make(i));
    state.ResumeTiming();
    auto r = b.chain->ProduceBlock(txs);
    if (!r.ok()) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    for (const auto& o : r->apply.outcomes) {
      if (o.outcome.status.is_failure() && o.outcome.status.failure.type == TxExecutionError::Type::kInvalidTxError) {
        state.SkipWithError(("invalid transaction: " + o.outcome.status.failure.ToJson()).c_str());
        return;
      }
    }
    receipts += r->apply.outcomes.size() - n;
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["receipts/block"] = benchmark::Counter(static_cast<double>(receipts) / state.iterations());
}

void BM_Transfers(benchmark::State& state) {
  Bench b;
  if (auto s = b.Init(state.range(1) != 0, std::nullopt); !s.ok()) {
    state.SkipWithError(s.error().message.c_str());
    return;
  }
  const int n = static_cast<int>(state.range(0));
  RunBlocks(state, b, n, [&](int i) { return b.Tx(i % kUsers, User((i + 1) % kUsers), TransferAction{1}); });
}

void BM_FtTransfers(benchmark::State& state) {
  auto code = ReadFile(std::string(NEARRT_SHARED_DIR) +
                       "/testdata/contracts/runtime__near-test-contracts__res__fungible_token.wasm");
  if (!code.ok()) {
    state.SkipWithError("fungible_token.wasm not found");
    return;
  }
  Bench b;
  if (auto s = b.Init(state.range(1) != 0, *code); !s.ok()) {
    state.SkipWithError(s.error().message.c_str());
    return;
  }
  if (auto s = SetUpFt(b); !s.ok()) {
    state.SkipWithError(s.error().message.c_str());
    return;
  }
  const int n = static_cast<int>(state.range(0));
  AccountId ft = *AccountId::Parse("ft.near");
  RunBlocks(state, b, n, [&](int i) {
    int from = 1 + i % (kUsers - 1), to = 1 + (i + 1) % (kUsers - 1);
    std::string args = R"({"receiver_id":")" + User(to).str() + R"(","amount":"1"})";
    return b.Tx(from, ft, FunctionCallAction{"ft_transfer", ToBytes(args), 10 * kTgas, 1});
  });
}

// Args: {transactions per block, 0 = memory / 1 = RocksDB}.
BENCHMARK(BM_Transfers)->ArgNames({"txs", "rocksdb"})->Args({1000, 0})->Args({1000, 1})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FtTransfers)->ArgNames({"txs", "rocksdb"})->Args({100, 0})->Args({100, 1})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nearrt

BENCHMARK_MAIN();
