// libFuzzer target: NEAR contract preparation (vm::Prepare: nearcore's
// validation rules and limits) on arbitrary bytes, and, when a module
// prepares, a call of one of its exports through vm::Run with a small gas
// budget and a MemoryExternal -- random contracts against the host-function
// boundary.
// Input: a mode byte, then the wasm bytes (the layout of wasm_fuzz's seeds,
// which this target reuses). Mode bits: 1 larger budget, 2 storage charges
// for evicted values, 4 promise results, 8 JSON input and a deposit; the high
// nibble picks the exported function.
// No view calls: their wasm gas budget is u64::MAX - used (nearcore's
// GasCounter ignores prepaid gas in views and the instrumentation compares
// unsigned), so a loop without host calls runs for hours, in nearcore too.
// Properties: no crash or hang; gas used never exceeds the budget and burnt
// gas never exceeds gas used; the `nearrt run` output JSON is well-formed.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "fuzz_vm.h"
#include "vm/memory_external.h"
#include "vm/prepare.h"
#include "vm/runner.h"
#include "vm/runner_json.h"

using namespace nearrt;
using namespace nearrt::vm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  const ByteView code(data + 1, size - 1);
  const RuntimeConfig& config = nearrt::fuzz::Pv86Config();

  auto prepared = Prepare(code, config.wasm_config);
  if (!prepared.ok()) return 0;

  // The export to call: the (mode >> 4)-th exported function, else "main".
  std::string method = "main";
  {
    std::vector<std::string> names;
    for (const wasm::Export& e : (*prepared)->module->exports()) {
      if (e.kind == wasm::ExternKind::Func) names.push_back(e.name);
    }
    if (!names.empty()) method = names[(mode >> 4) % names.size()];
  }

  VMContext ctx = DefaultRunnerContext();
  // A small budget keeps every run short (10^11 gas is ~10^5 wasm ops).
  ctx.prepaid_gas = (mode & 1) ? 300'000'000'000ull : 30'000'000'000ull;
  if (mode & 4) {
    ctx.promise_results.push_back(PromiseResult::Successful(ToBytes("{\"ok\":true}")));
    ctx.promise_results.push_back(PromiseResult::Failed());
    ctx.promise_results.push_back(PromiseResult::NotReady());
  }
  if (mode & 8) {
    ctx.input = std::make_shared<const Bytes>(ToBytes("{\"key\":\"a\",\"value\":\"b\",\"amount\":\"1\"}"));
    ctx.attached_deposit = 1;
  }
  MemoryExternal ext;
  ext.set_charge_value_bytes(mode & 2);
  ext.state()[ToBytes("a")] = ToBytes("value of a");
  ext.state()[ToBytes("STATE")] = Bytes(40, 7);

  const ContractCode contract = ContractCode::FromBytes(Bytes(code.begin(), code.end()));
  auto outcome = Run(contract, method, ext, ctx, config);
  std::string json;
  if (outcome.ok()) {
    FUZZ_CHECK(outcome->burnt_gas <= outcome->used_gas);
    FUZZ_CHECK(outcome->used_gas <= ctx.prepaid_gas);
    json = FormatRunnerOutput(&*outcome, nullptr, ext);
  } else {
    json = FormatRunnerOutput(nullptr, &outcome.error(), ext);
  }
  FUZZ_CHECK(!nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false).is_discarded());
  return 0;
}
