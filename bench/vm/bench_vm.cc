// VM overhead per call (issue 4): an empty method and ft_transfer on the
// fungible-token contract, each cold (vm::Run without a ContractCache, so the
// contract is prepared on every call) and warm (ContractCache already holding
// the prepared contract), plus decode+validate (wasm::Module::Decode with
// nearcore's features) and Prepare (the same plus nearcore's limits and the
// finite-wasm stack analysis) of large real contracts.
//
//   bench_vm [--benchmark_filter=...] [--benchmark_min_time=0.5s]
//
// After Google Benchmark's own table, prints a summary in CPU time: cold, warm
// and the preparation share (cold - warm) per call.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "util/bytes.h"
#include "vm/config_store.h"
#include "vm/memory_external.h"
#include "vm/prepare.h"
#include "vm/runner.h"
#include "vm/runner_json.h"
#include "wasm/module.h"

namespace nearrt::vm {
namespace {

const std::string kContracts = std::string(NEARRT_SHARED_DIR) + "/testdata/contracts/";

// (module (func (export "noop"))): the smallest callable contract.
const Bytes kEmptyContract = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,  // header
                              0x01, 0x04, 0x01, 0x60, 0x00, 0x00,              // type () -> ()
                              0x03, 0x02, 0x01, 0x00,                          // func 0: type 0
                              0x07, 0x08, 0x01, 0x04, 'n',  'o',  'o',  'p', 0x00, 0x00,  // export
                              0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};             // body: end

const RuntimeConfig& Config() {
  static const RuntimeConfig config = *MainnetConfig(86);
  return config;
}

VMContext Context(const std::string& account, const std::string& predecessor, std::string_view input,
                  Balance deposit) {
  VMContext c = DefaultRunnerContext();
  c.current_account_id = *AccountId::Parse(account);
  c.predecessor_account_id = *AccountId::Parse(predecessor);
  c.signer_account_id = c.predecessor_account_id;
  c.refund_to_account_id = c.predecessor_account_id;
  c.input = std::make_shared<const Bytes>(ToBytes(input));
  c.attached_deposit = deposit;
  c.prepaid_gas = 300000000000000ull;
  c.account_balance = *ParseBalance("100000000000000000000000000");
  return c;
}

// A fungible-token account after new_default_meta and bob's registration.
struct FtFixture {
  ContractCode code;
  MemoryExternal ext;
  VMContext transfer;
  bool ok = false;
  std::string error;

  FtFixture() {
    auto bytes = ReadFile(kContracts + "runtime__near-test-contracts__res__fungible_token.wasm");
    if (!bytes.ok()) {
      error = bytes.error().message;
      return;
    }
    code = ContractCode::FromBytes(std::move(*bytes));
    struct Call {
      const char* method;
      const char* who;
      const char* args;
      const char* deposit;
    } setup[] = {
        {"new_default_meta", "ft.near", R"({"owner_id":"alice.near","total_supply":"1000000000000"})", "0"},
        {"storage_deposit", "bob.near", R"({"account_id":"bob.near"})", "1250000000000000000000"},
    };
    for (const auto& s : setup) {
      auto out = Run(code, s.method, ext, Context("ft.near", s.who, s.args, *ParseBalance(s.deposit)), Config());
      if (!out.ok() || out->aborted) {
        error = std::string("setup call ") + s.method + " failed";
        return;
      }
    }
    transfer = Context("ft.near", "alice.near", R"({"receiver_id":"bob.near","amount":"1"})", 1);
    ok = true;
  }
};

FtFixture& Ft() {
  static FtFixture f;
  return f;
}

void RunOrFail(benchmark::State& state, const ContractCode& code, std::string_view method, MemoryExternal& ext,
               const VMContext& ctx, ContractCache* cache) {
  for (auto _ : state) {
    auto out = Run(code, method, ext, ctx, Config(), cache);
    if (!out.ok() || out->aborted) {
      state.SkipWithError("the call failed");
      return;
    }
    benchmark::DoNotOptimize(out->burnt_gas);
  }
}

void BM_EmptyMethod_Cold(benchmark::State& state) {
  ContractCode code = ContractCode::FromBytes(kEmptyContract);
  MemoryExternal ext;
  RunOrFail(state, code, "noop", ext, Context("empty.near", "alice.near", "", 0), nullptr);
}
BENCHMARK(BM_EmptyMethod_Cold);

void BM_EmptyMethod_Warm(benchmark::State& state) {
  ContractCode code = ContractCode::FromBytes(kEmptyContract);
  MemoryExternal ext;
  ContractCache cache;
  VMContext ctx = Context("empty.near", "alice.near", "", 0);
  (void)Run(code, "noop", ext, ctx, Config(), &cache);  // fills the cache
  RunOrFail(state, code, "noop", ext, ctx, &cache);
}
BENCHMARK(BM_EmptyMethod_Warm);

void BM_FtTransfer_Cold(benchmark::State& state) {
  FtFixture& f = Ft();
  if (!f.ok) return state.SkipWithError(f.error.c_str());
  RunOrFail(state, f.code, "ft_transfer", f.ext, f.transfer, nullptr);
}
BENCHMARK(BM_FtTransfer_Cold)->Unit(benchmark::kMicrosecond);

void BM_FtTransfer_Warm(benchmark::State& state) {
  FtFixture& f = Ft();
  if (!f.ok) return state.SkipWithError(f.error.c_str());
  ContractCache cache;
  (void)Run(f.code, "ft_transfer", f.ext, f.transfer, Config(), &cache);
  RunOrFail(state, f.code, "ft_transfer", f.ext, f.transfer, &cache);
}
BENCHMARK(BM_FtTransfer_Warm)->Unit(benchmark::kMicrosecond);

const char* kLarge[] = {
    "pytest__tests__loadtest__locust__res__keypom.wasm",
    "runtime__runtime-params-estimator__res__lockup_contract.wasm",
    "runtime__near-wallet-contract__res__wallet_contract_mainnet.wasm",
    "pytest__tests__loadtest__locust__res__social_db.wasm",
    "runtime__near-test-contracts__res__fungible_token.wasm",
};

void BM_DecodeValidate(benchmark::State& state) {
  auto bytes = ReadFile(kContracts + kLarge[state.range(0)]);
  if (!bytes.ok()) return state.SkipWithError(bytes.error().message.c_str());
  wasm::ModuleConfig mc;
  mc.features = NearFeatures(Config().wasm_config);
  for (auto _ : state) {
    auto m = wasm::Module::Decode(*bytes, mc);
    if (!m.ok()) return state.SkipWithError(m.error().message.c_str());
    benchmark::DoNotOptimize(m->get());
  }
  state.SetBytesProcessed(state.iterations() * bytes->size());
  state.SetLabel(kLarge[state.range(0)]);
}
BENCHMARK(BM_DecodeValidate)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);

void BM_Prepare(benchmark::State& state) {
  auto bytes = ReadFile(kContracts + kLarge[state.range(0)]);
  if (!bytes.ok()) return state.SkipWithError(bytes.error().message.c_str());
  for (auto _ : state) {
    auto p = Prepare(*bytes, Config().wasm_config);
    if (!p.ok()) return state.SkipWithError("prepare failed");
    benchmark::DoNotOptimize(p->get());
  }
  state.SetBytesProcessed(state.iterations() * bytes->size());
  state.SetLabel(kLarge[state.range(0)]);
}
BENCHMARK(BM_Prepare)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);

// Collects per-benchmark CPU time (ns per iteration) for the summary: on a
// shared, loaded machine CPU time is steadier than wall time.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  // Colours only on a terminal.
  SummaryReporter() : ConsoleReporter(isatty(fileno(stdout)) ? OO_Defaults : OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs)
      if (!r.error_occurred) ns_[r.benchmark_name()] = r.GetAdjustedCPUTime() * Multiplier(r.time_unit);
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintSummary() const {
    std::printf("\nPer call (CPU time)        cold: prepare+run    warm: run    prepare share\n");
    Row("empty method", "BM_EmptyMethod_Cold", "BM_EmptyMethod_Warm");
    Row("ft_transfer", "BM_FtTransfer_Cold", "BM_FtTransfer_Warm");
  }

 private:
  static double Multiplier(benchmark::TimeUnit u) {
    switch (u) {
      case benchmark::kSecond: return 1e9;
      case benchmark::kMillisecond: return 1e6;
      case benchmark::kMicrosecond: return 1e3;
      default: return 1;
    }
  }
  void Row(const char* name, const char* cold, const char* warm) const {
    auto c = ns_.find(cold), w = ns_.find(warm);
    if (c == ns_.end() || w == ns_.end()) return;
    std::printf("  %-24s %14.1f us %12.1f us %12.1f us\n", name, c->second / 1e3, w->second / 1e3,
                (c->second - w->second) / 1e3);
  }
  std::map<std::string, double> ns_;
};

}  // namespace
}  // namespace nearrt::vm

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  nearrt::vm::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintSummary();
  benchmark::Shutdown();
  return 0;
}
