// nearrt_web_run and friends: one contract call, the same pieces in the same
// order as `nearrt run` (src/cli/run_command.cc), so the output JSON is
// byte-identical to the CLI's for the same inputs.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nearrt_web.h"
#include "primitives/crypto_hash.h"
#include "vm/config_store.h"
#include "vm/memory_external.h"
#include "vm/runner.h"
#include "vm/runner_json.h"
#include "wasm/module.h"
#include "web_util.h"

namespace nearrt::web {
namespace {

struct RunState {
  uint32_t protocol_version = vm::kBaseProtocolVersion;
  std::string overrides;                   // JSON text of the loaded overrides ("" if none)
  std::unique_ptr<vm::RuntimeConfig> config;  // stable address: the cache keys on it
  vm::ContractCache cache;
  std::string last_extras = "{\"resumes\":[]}";
};

RunState& State() {
  static RunState* s = new RunState;
  return *s;
}

// The loaded config (PV86 mainnet on first use).
Result<const vm::RuntimeConfig*> LoadedConfig() {
  RunState& s = State();
  if (!s.config) {
    NEARRT_ASSIGN_OR_RETURN(vm::RuntimeConfig c, vm::MainnetConfig(s.protocol_version));
    if (!s.overrides.empty()) NEARRT_TRY(vm::ApplyConfigJson(s.overrides, &c));
    s.config = std::make_unique<vm::RuntimeConfig>(std::move(c));
  }
  return s.config.get();
}

const char* ExportKind(wasm::ExternKind k) {
  switch (k) {
    case wasm::ExternKind::Func: return "function";
    case wasm::ExternKind::Table: return "table";
    case wasm::ExternKind::Memory: return "memory";
    case wasm::ExternKind::Global: return "global";
  }
  return "unknown";
}

}  // namespace
}  // namespace nearrt::web

using namespace nearrt;
using namespace nearrt::web;

extern "C" {

const char* nearrt_web_version() {
  json out = json::object();
  out["nearrt"] = "0.1.0";
  out["protocol_version"] = State().protocol_version;
#ifdef NEARRT_WEB_CHAIN
  out["chain"] = true;
#else
  out["chain"] = false;
#endif
  return Reply(Dump(out));
}

const char* nearrt_web_load_config(const char* request) {
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  uint32_t pv = vm::kBaseProtocolVersion;
  if (auto st = ReadU32(*req, "protocol_version", &pv); !st.ok()) return InputError(st.error().message);
  std::string overrides;
  if (auto it = req->find("overrides"); it != req->end() && !it->is_null()) {
    if (!it->is_object()) return InputError("overrides: expected a JSON object");
    overrides = Dump(*it);
  }
  // Build it first: a bad request leaves the loaded config as it was.
  auto c = vm::MainnetConfig(pv);
  if (!c.ok()) return ErrorReply("InvalidConfig", c.error().message);
  if (!overrides.empty()) {
    Status st = vm::ApplyConfigJson(overrides, &*c);
    if (!st.ok()) return ErrorReply("InvalidConfig", st.error().message);
  }
  RunState& s = State();
  s.cache.Clear();
  s.protocol_version = pv;
  s.overrides = std::move(overrides);
  s.config = std::make_unique<vm::RuntimeConfig>(std::move(*c));
  json out = json::object();
  out["protocol_version"] = pv;
  return Reply(Dump(out));
}

const char* nearrt_web_parameters() {
  auto store = vm::RuntimeConfigStore::Mainnet();
  if (!store.ok()) return ErrorReply("InvalidConfig", store.error().message);
  auto table = (*store)->ParameterTableFor(State().protocol_version);
  if (!table.ok()) return ErrorReply("InvalidConfig", table.error().message);
  json params = json::object();
  for (const auto& [name, value] : *table) {
    json v = json::parse(value, nullptr, false);
    params[name] = v.is_discarded() ? json(value) : v;
  }
  json out = json::object();
  out["protocol_version"] = State().protocol_version;
  out["parameters"] = std::move(params);
  return Reply(Dump(out));
}

const char* nearrt_web_run(const uint8_t* code, uint32_t code_len, const char* request) {
  RunState& s = State();
  s.last_extras = "{\"resumes\":[]}";
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);

  std::string method;
  bool have_method = false;
  if (auto st = ReadString(*req, "method", &method, &have_method); !st.ok()) {
    return InputError(st.error().message);
  }
  if (!have_method) return InputError("method: required");

  // Config: the loaded one, or a copy with this call's overrides (not cached:
  // the contract cache keys on the config's address).
  auto loaded = LoadedConfig();
  if (!loaded.ok()) return ErrorReply("InvalidConfig", loaded.error().message);
  const vm::RuntimeConfig* config = *loaded;
  std::optional<vm::RuntimeConfig> call_config;
  bool use_cache = true;
  if (auto st = ReadBool(*req, "cache", &use_cache); !st.ok()) return InputError(st.error().message);
  if (auto it = req->find("config"); it != req->end() && !it->is_null()) {
    if (!it->is_object()) return InputError("config: expected a JSON object");
    call_config = *config;
    Status st = vm::ApplyConfigJson(Dump(*it), &*call_config);
    if (!st.ok()) return InputError("config: " + st.error().message);
    config = &*call_config;
    use_cache = false;
  }

  // Context, then the input and promise results on top (run_command.cc order).
  vm::VMContext context = vm::DefaultRunnerContext();
  if (auto it = req->find("context"); it != req->end() && !it->is_null()) {
    if (!it->is_object()) return InputError("context: expected a JSON object");
    auto parsed = vm::ParseContextJson(Dump(*it), context, config->max_gas_burnt_view);
    if (!parsed.ok()) return InputError(parsed.error().message);
    context = std::move(*parsed);
  }
  std::string input_text;
  bool have_input = false;
  if (auto st = ReadString(*req, "input", &input_text, &have_input); !st.ok()) {
    return InputError(st.error().message);
  }
  Bytes input_bytes;
  bool have_input_b64 = false;
  if (auto st = ReadBase64(*req, "input_base64", &input_bytes, &have_input_b64); !st.ok()) {
    return InputError(st.error().message);
  }
  if (have_input && have_input_b64) return InputError("give input or input_base64, not both");
  if (have_input) context.input = std::make_shared<const Bytes>(ToBytes(input_text));
  if (have_input_b64) context.input = std::make_shared<const Bytes>(std::move(input_bytes));
  if (auto it = req->find("promise_results"); it != req->end() && !it->is_null()) {
    if (!it->is_array()) return InputError("promise_results: expected an array");
    for (const json& pr : *it) {
      auto r = vm::ParsePromiseResultJson(Dump(pr));
      if (!r.ok()) return InputError(r.error().message);
      context.promise_results.push_back(std::move(*r));
    }
  }

  vm::MemoryExternal ext;
  auto state = ReadState(*req, "state");
  if (!state.ok()) return InputError(state.error().message);
  ext.state() = std::move(*state);
  if (auto it = req->find("pending_yields"); it != req->end() && !it->is_null()) {
    if (!it->is_array()) return InputError("pending_yields: expected an array of base58 data ids");
    for (const json& id : *it) {
      if (!id.is_string()) return InputError("pending_yields: expected base58 strings");
      auto h = CryptoHash::FromBase58(id.get_ref<const std::string&>());
      if (!h.ok()) return InputError("pending_yields: " + h.error().message);
      ext.AddPendingYield(*h, std::nullopt);
    }
  }

  Bytes code_bytes(code, code + (code ? code_len : 0));
  vm::ContractCode contract = vm::ContractCode::FromBytes(std::move(code_bytes));
  auto result = vm::Run(contract, method, ext, context, *config, use_cache ? &s.cache : nullptr);
  std::string out = result.ok() ? vm::FormatRunnerOutput(&*result, nullptr, ext)
                                : vm::FormatRunnerOutput(nullptr, &result.error(), ext);

  json resumes = json::array();
  for (const auto& [data_id, payload] : ext.resumes()) {
    json r = json::object();
    r["data_id"] = data_id.ToBase58();
    r["payload_base64"] = Base64Encode(payload);
    resumes.push_back(std::move(r));
  }
  json extras = json::object();
  extras["resumes"] = std::move(resumes);
  s.last_extras = Dump(extras);
  return Reply(std::move(out));
}

const char* nearrt_web_last_run_extras() { return Reply(State().last_extras); }

const char* nearrt_web_exports(const uint8_t* code, uint32_t code_len) {
  std::span<const uint8_t> bytes(code, code ? code_len : 0);
  auto module = wasm::Module::Decode(bytes);
  if (!module.ok()) return ErrorReply("InvalidContract", module.error().message);
  const wasm::Module& m = **module;
  json exports = json::array();
  for (const wasm::Export& e : m.exports()) {
    json x = json::object();
    x["name"] = e.name;
    x["kind"] = ExportKind(e.kind);
    bool callable = false;
    if (e.kind == wasm::ExternKind::Func && e.index < m.num_funcs()) {
      const wasm::FuncType& t = m.func_type(e.index);
      callable = t.params.empty() && t.results.empty();
    }
    x["callable"] = callable;
    exports.push_back(std::move(x));
  }
  json imports = json::array();
  for (const wasm::Import& i : m.imports()) {
    json x = json::object();
    x["module"] = i.module;
    x["name"] = i.name;
    imports.push_back(std::move(x));
  }
  json out = json::object();
  out["exports"] = std::move(exports);
  out["imports"] = std::move(imports);
  return Reply(Dump(out));
}

}  // extern "C"
