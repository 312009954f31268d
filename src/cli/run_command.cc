// nearrt run: runs one contract method like nearcore's former
// near-vm-runner-standalone (same flags, same JSON on stdout), at PV 86.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "util/bytes.h"
#include "vm/config_store.h"
#include "vm/memory_external.h"
#include "vm/runner.h"
#include "vm/runner_json.h"

namespace nearrt::cli {
namespace {

const char kRunUsage[] =
    "usage: nearrt run --wasm-file FILE --method-name NAME [options]\n"
    "\n"
    "Runs one method of a NEAR contract exactly as nearcore's VM does (protocol\n"
    "version 86, Wasmtime VM kind) and prints one JSON object:\n"
    "  {\"outcome\": {balance, storage_usage, return_data, burnt_gas, used_gas, logs,\n"
    "               profile, compute_usage} | null,\n"
    "   \"err\": null | {...}, \"receipts\": [...], \"state\": {...}}\n"
    "Flags are those of nearcore's near-vm-runner-standalone:\n"
    "  --wasm-file FILE          contract code\n"
    "  --method-name NAME        method to call\n"
    "  --input STR               call input (overrides the context's input)\n"
    "  --context JSON            VMContext (runner field names; current names too)\n"
    "  --context-file FILE\n"
    "  --state JSON              storage before the call: {\"<base64 key>\": \"<base64 value>\"}\n"
    "  --state-file FILE\n"
    "  --promise-results JSON    one promise result (repeatable): \"NotReady\" | \"Failed\" |\n"
    "                            {\"Successful\": \"<utf8>\"} | {\"SuccessfulBase64\": \"<base64>\"}\n"
    "  --config JSON             parameter overrides ({\"wasm_regular_op_cost\": 1, ...})\n"
    "  --config-file FILE\n"
    "  --protocol-version N      parameters of that protocol version (84..86)\n"
    "  --vm-kind KIND            accepted for compatibility; only wasmtime exists\n"
    "  --timings                 print preparation and run times to stderr\n"
    "Missing context fields take the runner's defaults (alice/bob/carol, 10^18 gas,\n"
    "balance 10^25 yocto). Exit status 0 whenever the VM ran, even if the contract\n"
    "failed; 2 for bad usage, 1 for unreadable input.\n";

int Usage(const std::string& msg) {
  std::fprintf(stderr, "nearrt run: %s\n\n%s", msg.c_str(), kRunUsage);
  return 2;
}

Result<std::string> TextArg(const std::string& inline_value, const std::string& file) {
  if (!file.empty()) {
    NEARRT_ASSIGN_OR_RETURN(Bytes b, ReadFile(file));
    return std::string(AsString(b));
  }
  return inline_value;
}

}  // namespace

int RunCommand(const Args& args) {
  std::string wasm_file, method, input, context_json, context_file, state_json, state_file, config_json,
      config_file;
  bool have_method = false, have_input = false, timings = false;
  std::vector<std::string> promise_results;
  uint32_t protocol_version = 86;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kRunUsage, stdout);
      return 0;
    } else if (a == "--wasm-file") {
      if (!value(&wasm_file)) return Usage("--wasm-file needs a value");
    } else if (a == "--method-name") {
      if (!value(&method)) return Usage("--method-name needs a value");
      have_method = true;
    } else if (a == "--input") {
      if (!value(&input)) return Usage("--input needs a value");
      have_input = true;
    } else if (a == "--context") {
      if (!value(&context_json)) return Usage("--context needs a value");
    } else if (a == "--context-file") {
      if (!value(&context_file)) return Usage("--context-file needs a value");
    } else if (a == "--state") {
      if (!value(&state_json)) return Usage("--state needs a value");
    } else if (a == "--state-file") {
      if (!value(&state_file)) return Usage("--state-file needs a value");
    } else if (a == "--promise-results") {
      if (!value(&v)) return Usage("--promise-results needs a value");
      promise_results.push_back(v);
    } else if (a == "--config") {
      if (!value(&config_json)) return Usage("--config needs a value");
    } else if (a == "--config-file") {
      if (!value(&config_file)) return Usage("--config-file needs a value");
    } else if (a == "--protocol-version") {
      if (!value(&v)) return Usage("--protocol-version needs a value");
      char* end;
      unsigned long pv = std::strtoul(v.c_str(), &end, 10);
      if (*end || v.empty() || pv > 0xFFFFFFFFul) return Usage("bad --protocol-version '" + v + "'");
      protocol_version = uint32_t(pv);
    } else if (a == "--vm-kind") {
      if (!value(&v)) return Usage("--vm-kind needs a value");
    } else if (a == "--timings") {
      timings = true;
    } else {
      return Usage("unknown argument '" + a + "'");
    }
  }
  if (wasm_file.empty()) return Usage("--wasm-file is required");
  if (!have_method) return Usage("--method-name is required");

  auto fail = [](const std::string& msg) {
    std::fprintf(stderr, "nearrt run: %s\n", msg.c_str());
    return 1;
  };
  auto code = ReadFile(wasm_file);
  if (!code.ok()) return fail(code.error().message);
  auto config = vm::MainnetConfig(protocol_version);
  if (!config.ok()) return fail(config.error().message);
  auto cfg_text = TextArg(config_json, config_file);
  if (!cfg_text.ok()) return fail(cfg_text.error().message);
  if (!cfg_text->empty()) {
    Status st = vm::ApplyConfigJson(*cfg_text, &*config);
    if (!st.ok()) return fail("--config: " + st.error().message);
  }
  auto ctx_text = TextArg(context_json, context_file);
  if (!ctx_text.ok()) return fail(ctx_text.error().message);
  vm::VMContext context = vm::DefaultRunnerContext();
  if (!ctx_text->empty()) {
    auto parsed = vm::ParseContextJson(*ctx_text, context, config->max_gas_burnt_view);
    if (!parsed.ok()) return fail("--context: " + parsed.error().message);
    context = std::move(*parsed);
  }
  if (have_input) context.input = std::make_shared<const Bytes>(ToBytes(input));
  for (const auto& pr : promise_results) {
    auto r = vm::ParsePromiseResultJson(pr);
    if (!r.ok()) return fail("--promise-results: " + r.error().message);
    context.promise_results.push_back(*r);
  }
  vm::MemoryExternal ext;
  auto state_text = TextArg(state_json, state_file);
  if (!state_text.ok()) return fail(state_text.error().message);
  if (!state_text->empty()) {
    auto st = vm::ParseStateJson(*state_text);
    if (!st.ok()) return fail("--state: " + st.error().message);
    ext.state() = std::move(*st);
  }

  auto t0 = std::chrono::steady_clock::now();
  vm::ContractCode contract = vm::ContractCode::FromBytes(std::move(*code));
  auto result = vm::Run(contract, method, ext, context, *config);
  auto t1 = std::chrono::steady_clock::now();
  std::string out = result.ok() ? vm::FormatRunnerOutput(&*result, nullptr, ext)
                                : vm::FormatRunnerOutput(nullptr, &result.error(), ext);
  std::printf("%s\n", out.c_str());
  if (timings) {
    std::fprintf(stderr, "run (prepare + instantiate + call): %.3f ms\n",
                 std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return 0;
}

}  // namespace nearrt::cli
