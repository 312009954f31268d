// Transfers per second through runtime::Apply on the in-memory state store
// (each iteration = one block of N signed transfers, plus the next block that
// applies their receipts). Run: bench_runtime --benchmark_min_time=1s
#include <benchmark/benchmark.h>

#include "chain/local_chain.h"

namespace nearrt {
namespace {

void BM_TransferBlocks(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  chain::Genesis g;
  std::vector<Signer> signers;
  for (int i = 0; i < 100; ++i) {
    chain::GenesisAccount a;
    std::string name = "user" + std::to_string(i) + ".near";
    a.account_id = *AccountId::Parse(name);
    a.amount = *vm::ParseBalance("1000000000000000000000000000000");
    signers.push_back(Signer::FromSeed(KeyType::kEd25519, name));
    a.keys.emplace_back(signers.back().public_key(), AccessKey::FullAccess());
    g.accounts.push_back(std::move(a));
  }
  auto c = chain::LocalChain::Create(g);
  if (!c.ok()) {
    state.SkipWithError(c.error().message.c_str());
    return;
  }
  auto& chain = **c;
  uint64_t nonce = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<SignedTransaction> txs;
    ++nonce;
    for (int i = 0; i < n; ++i) {
      Transaction tx;
      tx.signer_id = g.accounts[i % 100].account_id;
      tx.receiver_id = g.accounts[(i + 1) % 100].account_id;
      tx.public_key = signers[i % 100].public_key();
      tx.nonce.nonce = nonce * 1000 + i / 100;
      tx.block_hash = chain.last_block_hash();
      tx.actions.push_back(TransferAction{1});
      txs.push_back(SignedTransaction::Sign(tx, signers[i % 100]));
    }
    state.ResumeTiming();
    auto b1 = chain.ProduceBlock(txs);
    auto b2 = chain.ProduceBlock({});
    if (!b1.ok() || !b2.ok()) {
      state.SkipWithError("apply failed");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_TransferBlocks)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nearrt

BENCHMARK_MAIN();
