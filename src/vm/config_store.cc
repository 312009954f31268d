#include "vm/config_store.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <utility>

#include "vm/embedded_data.h"

namespace nearrt::vm {

using json = nlohmann::json;

namespace {

enum class Kind : uint8_t {
  kU64,
  kU32,
  kU8,
  kBool,
  kBalance,
  kCost,
  kFee,
  kRatio,
  kOptU64,
  kOptU32,
  kVMKind,
  kStorageGetMode,
};

struct ParamSpec {
  std::string name;
  Kind kind;
  void* (*field)(RuntimeConfig&, size_t index);
  size_t index = 0;
};

#define NEARRT_FIELD(expr) [](RuntimeConfig& c, size_t) -> void* { return &(c.expr); }

std::vector<ParamSpec> BuildSpecs() {
  std::vector<ParamSpec> s = {
      {"burnt_gas_reward", Kind::kRatio, NEARRT_FIELD(fees.burnt_gas_reward)},
      {"pessimistic_gas_price_inflation", Kind::kRatio,
       NEARRT_FIELD(fees.pessimistic_gas_price_inflation_ratio)},
      {"min_gas_purchase_price", Kind::kBalance, NEARRT_FIELD(min_gas_purchase_price)},
      {"account_creation_charge", Kind::kBalance, NEARRT_FIELD(account_creation_charge)},
      {"storage_amount_per_byte", Kind::kBalance,
       NEARRT_FIELD(fees.storage_usage_config.storage_amount_per_byte)},
      {"storage_num_bytes_account", Kind::kU64,
       NEARRT_FIELD(fees.storage_usage_config.num_bytes_account)},
      {"storage_num_extra_bytes_record", Kind::kU64,
       NEARRT_FIELD(fees.storage_usage_config.num_extra_bytes_record)},
      {"deploy_global_contract_execution_base", Kind::kU64,
       NEARRT_FIELD(fees.deploy_global_contract_execution_base)},
      {"deploy_global_contract_execution_per_byte", Kind::kU64,
       NEARRT_FIELD(fees.deploy_global_contract_execution_per_byte)},
      {"ml_dsa_65_verification_cost", Kind::kCost, NEARRT_FIELD(fees.ml_dsa_65_verification_cost)},
      {"wasm_regular_op_cost", Kind::kU32, NEARRT_FIELD(wasm_config.regular_op_cost)},
      {"wasm_grow_mem_cost", Kind::kU32, NEARRT_FIELD(wasm_config.grow_mem_cost)},
      {"wasm_linear_op_base_cost", Kind::kU64, NEARRT_FIELD(wasm_config.linear_op_base_cost)},
      {"wasm_linear_op_unit_cost", Kind::kU64, NEARRT_FIELD(wasm_config.linear_op_unit_cost)},
      {"vm_kind", Kind::kVMKind, NEARRT_FIELD(wasm_config.vm_kind)},
      {"storage_get_mode", Kind::kStorageGetMode, NEARRT_FIELD(wasm_config.storage_get_mode)},
      {"fix_contract_loading_cost", Kind::kBool, NEARRT_FIELD(wasm_config.fix_contract_loading_cost)},
      {"fix_contract_loading_error", Kind::kBool,
       NEARRT_FIELD(wasm_config.fix_contract_loading_error)},
      {"eth_implicit_accounts", Kind::kBool, NEARRT_FIELD(wasm_config.eth_implicit_accounts)},
      {"discard_custom_sections", Kind::kBool, NEARRT_FIELD(wasm_config.discard_custom_sections)},
      {"global_contract_host_fns", Kind::kBool, NEARRT_FIELD(wasm_config.global_contract_host_fns)},
      {"reftypes_bulk_memory", Kind::kBool, NEARRT_FIELD(wasm_config.reftypes_bulk_memory)},
      {"gas_key_host_fns", Kind::kBool, NEARRT_FIELD(wasm_config.gas_key_host_fns)},
      {"one_yocto_on_promise", Kind::kBool, NEARRT_FIELD(wasm_config.one_yocto_on_promise)},
      {"p256_verify_host_fn", Kind::kBool, NEARRT_FIELD(wasm_config.p256_verify_host_fn)},
      {"yield_with_id_host_fns", Kind::kBool, NEARRT_FIELD(wasm_config.yield_with_id_host_fns)},
      {"chain_id_host_fn", Kind::kBool, NEARRT_FIELD(wasm_config.chain_id_host_fn)},
      {"bls12381_not_in_group_fix", Kind::kBool,
       NEARRT_FIELD(wasm_config.bls12381_not_in_group_fix)},
      {"max_gas_burnt_view", Kind::kU64, NEARRT_FIELD(max_gas_burnt_view)},
#define NEARRT_LIMIT(name, kind) {#name, kind, NEARRT_FIELD(wasm_config.limit_config.name)},
      NEARRT_LIMIT(max_gas_burnt, Kind::kU64)
      NEARRT_LIMIT(max_stack_height, Kind::kU32)
      NEARRT_LIMIT(initial_memory_pages, Kind::kU32)
      NEARRT_LIMIT(max_memory_pages, Kind::kU32)
      NEARRT_LIMIT(registers_memory_limit, Kind::kU64)
      NEARRT_LIMIT(max_register_size, Kind::kU64)
      NEARRT_LIMIT(max_number_registers, Kind::kU64)
      NEARRT_LIMIT(max_number_logs, Kind::kU64)
      NEARRT_LIMIT(max_total_log_length, Kind::kU64)
      NEARRT_LIMIT(max_total_prepaid_gas, Kind::kU64)
      NEARRT_LIMIT(max_actions_per_receipt, Kind::kU64)
      NEARRT_LIMIT(max_deploy_actions_per_receipt, Kind::kU64)
      NEARRT_LIMIT(max_number_bytes_method_names, Kind::kU64)
      NEARRT_LIMIT(max_length_method_name, Kind::kU64)
      NEARRT_LIMIT(max_arguments_length, Kind::kU64)
      NEARRT_LIMIT(max_length_returned_data, Kind::kU64)
      NEARRT_LIMIT(max_contract_size, Kind::kU64)
      NEARRT_LIMIT(max_transaction_size, Kind::kU64)
      NEARRT_LIMIT(max_receipt_size, Kind::kU64)
      NEARRT_LIMIT(max_length_storage_key, Kind::kU64)
      NEARRT_LIMIT(max_length_storage_value, Kind::kU64)
      NEARRT_LIMIT(max_promises_per_function_call_action, Kind::kU64)
      NEARRT_LIMIT(max_number_input_data_dependencies, Kind::kU64)
      NEARRT_LIMIT(max_functions_number_per_contract, Kind::kOptU64)
      NEARRT_LIMIT(max_locals_per_contract, Kind::kOptU64)
      NEARRT_LIMIT(max_params_per_contract, Kind::kOptU64)
      NEARRT_LIMIT(max_params_per_function, Kind::kOptU64)
      NEARRT_LIMIT(max_operand_stack_bytes_per_function, Kind::kOptU64)
      NEARRT_LIMIT(max_tables_per_contract, Kind::kOptU32)
      NEARRT_LIMIT(max_elements_per_contract_table, Kind::kOptU64)
      NEARRT_LIMIT(max_function_body_size, Kind::kOptU64)
      NEARRT_LIMIT(max_instrumented_code_size, Kind::kOptU64)
      NEARRT_LIMIT(max_blocks_per_function, Kind::kOptU64)
      NEARRT_LIMIT(max_blocks_per_contract, Kind::kOptU64)
      NEARRT_LIMIT(max_types_per_contract, Kind::kOptU64)
      NEARRT_LIMIT(account_id_validity_rules_version, Kind::kU8)
      NEARRT_LIMIT(yield_timeout_length_in_blocks, Kind::kU64)
      NEARRT_LIMIT(max_yield_payload_size, Kind::kU64)
      NEARRT_LIMIT(per_receipt_storage_proof_size_limit, Kind::kU64)
#undef NEARRT_LIMIT
  };
  for (size_t i = 0; i < kNumExtCosts; ++i) {
    s.push_back({ExtCostParameter(static_cast<ExtCost>(i)), Kind::kCost,
                 [](RuntimeConfig& c, size_t idx) -> void* {
                   return &c.wasm_config.ext_costs.costs[idx];
                 },
                 i});
  }
  for (size_t i = 0; i < kNumActionCosts; ++i) {
    s.push_back({std::string(ActionCostParameter(static_cast<ActionCost>(i))), Kind::kFee,
                 [](RuntimeConfig& c, size_t idx) -> void* { return &c.fees.action_fees[idx]; },
                 i});
  }
  return s;
}
#undef NEARRT_FIELD

const std::vector<ParamSpec>& Specs() {
  static const std::vector<ParamSpec> specs = BuildSpecs();
  return specs;
}

const ParamSpec* FindSpec(std::string_view name) {
  for (const ParamSpec& s : Specs()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool ReadU64(const json& v, uint64_t* out) {
  if (v.is_number_unsigned()) {
    *out = v.get<uint64_t>();
    return true;
  }
  if (v.is_number_integer() && v.get<int64_t>() >= 0) {
    *out = static_cast<uint64_t>(v.get<int64_t>());
    return true;
  }
  return false;
}

bool ReadCost(const json& v, ParameterCost* out) {
  uint64_t n;
  if (ReadU64(v, &n)) {
    *out = {n, n};
    return true;
  }
  if (!v.is_object() || v.size() != 2 || !v.contains("gas") || !v.contains("compute")) return false;
  return ReadU64(v["gas"], &out->gas) && ReadU64(v["compute"], &out->compute);
}

// Parses `v` as `spec.kind` into the field of `config`. Returns an error
// message (empty on success).
std::string SetParam(const ParamSpec& spec, const json& v, RuntimeConfig* config) {
  void* f = spec.field(*config, spec.index);
  uint64_t n = 0;
  switch (spec.kind) {
    case Kind::kU64:
      if (!ReadU64(v, &n)) break;
      *static_cast<uint64_t*>(f) = n;
      return {};
    case Kind::kU32:
      if (!ReadU64(v, &n) || n > UINT32_MAX) break;
      *static_cast<uint32_t*>(f) = static_cast<uint32_t>(n);
      return {};
    case Kind::kU8:
      if (!ReadU64(v, &n) || n > UINT8_MAX) break;
      *static_cast<uint8_t*>(f) = static_cast<uint8_t>(n);
      return {};
    case Kind::kBool:
      if (!v.is_boolean()) break;
      *static_cast<bool*>(f) = v.get<bool>();
      return {};
    case Kind::kBalance: {
      if (ReadU64(v, &n)) {
        *static_cast<Balance*>(f) = n;
        return {};
      }
      if (!v.is_string()) break;
      std::optional<Balance> b = ParseBalance(v.get_ref<const std::string&>());
      if (!b) break;
      *static_cast<Balance*>(f) = *b;
      return {};
    }
    case Kind::kCost:
      if (!ReadCost(v, static_cast<ParameterCost*>(f))) break;
      return {};
    case Kind::kFee: {
      if (!v.is_object() || v.size() != 3) break;
      Fee fee;
      if (!v.contains("send_sir") || !v.contains("send_not_sir") || !v.contains("execution")) break;
      if (!ReadCost(v["send_sir"], &fee.send_sir) ||
          !ReadCost(v["send_not_sir"], &fee.send_not_sir) ||
          !ReadCost(v["execution"], &fee.execution)) {
        break;
      }
      *static_cast<Fee*>(f) = fee;
      return {};
    }
    case Kind::kRatio: {
      if (!v.is_object() || v.size() != 2 || !v.contains("numerator") ||
          !v.contains("denominator")) {
        break;
      }
      const json& a = v["numerator"];
      const json& b = v["denominator"];
      if (!a.is_number_integer() || !b.is_number_integer()) break;
      int64_t num = a.get<int64_t>(), den = b.get<int64_t>();
      if (num < INT32_MIN || num > INT32_MAX || den <= 0 || den > INT32_MAX) break;
      *static_cast<Ratio*>(f) = {static_cast<int32_t>(num), static_cast<int32_t>(den)};
      return {};
    }
    case Kind::kOptU64:
      if (v.is_null()) {
        *static_cast<std::optional<uint64_t>*>(f) = std::nullopt;
        return {};
      }
      if (!ReadU64(v, &n)) break;
      *static_cast<std::optional<uint64_t>*>(f) = n;
      return {};
    case Kind::kOptU32:
      if (v.is_null()) {
        *static_cast<std::optional<uint32_t>*>(f) = std::nullopt;
        return {};
      }
      if (!ReadU64(v, &n) || n > UINT32_MAX) break;
      *static_cast<std::optional<uint32_t>*>(f) = static_cast<uint32_t>(n);
      return {};
    case Kind::kVMKind: {
      if (!v.is_string()) break;
      const std::string& s = v.get_ref<const std::string&>();
      VMKind k;
      if (s == "Wasmer0") {
        k = VMKind::kWasmer0;
      } else if (s == "Wasmtime") {
        k = VMKind::kWasmtime;
      } else if (s == "Wasmer2") {
        k = VMKind::kWasmer2;
      } else if (s == "NearVm") {
        k = VMKind::kNearVm;
      } else {
        break;
      }
      *static_cast<VMKind*>(f) = k;
      return {};
    }
    case Kind::kStorageGetMode: {
      if (!v.is_string()) break;
      const std::string& s = v.get_ref<const std::string&>();
      if (s == "FlatStorage") {
        *static_cast<StorageGetMode*>(f) = StorageGetMode::kFlatStorage;
      } else if (s == "Trie") {
        *static_cast<StorageGetMode*>(f) = StorageGetMode::kTrie;
      } else {
        break;
      }
      return {};
    }
  }
  return "parameter " + spec.name + ": ill-typed value " +
         v.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool IsOptional(Kind k) { return k == Kind::kOptU64 || k == Kind::kOptU32; }

using Table = std::map<std::string, json>;

Result<RuntimeConfig> ConfigFromTable(const Table& table, uint32_t version) {
  for (const auto& [name, value] : table) {
    if (FindSpec(name) == nullptr) return Err("unknown runtime parameter: " + name);
  }
  RuntimeConfig config;
  config.protocol_version = version;
  for (const ParamSpec& spec : Specs()) {
    auto it = table.find(spec.name);
    if (it == table.end()) {
      if (IsOptional(spec.kind)) continue;
      return Err("missing runtime parameter: " + spec.name);
    }
    std::string err = SetParam(spec, it->second, &config);
    if (!err.empty()) return Err(err);
  }
  return config;
}

struct Diff {
  uint32_t version = 0;
  // name -> (old, new); a null json means "absent".
  std::map<std::string, std::pair<json, json>> changes;
};

Result<json> ParseJson(std::string_view text, const char* what) {
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return Err(std::string("invalid JSON in ") + what);
  return doc;
}

Result<uint32_t> ReadVersion(const json& doc, const char* what) {
  uint64_t v;
  if (!doc.is_object() || !doc.contains("protocol_version") ||
      !ReadU64(doc["protocol_version"], &v) || v > UINT32_MAX) {
    return Err(std::string(what) + ": missing or bad protocol_version");
  }
  return static_cast<uint32_t>(v);
}

}  // namespace

struct RuntimeConfigStore::Impl {
  Table base;
  std::map<uint32_t, Diff> diffs;

  Result<Table> TableFor(uint32_t version, uint32_t base_version) const {
    Table t = base;
    auto take = [&](const std::string& name) -> json {
      auto it = t.find(name);
      return it == t.end() ? json() : it->second;
    };
    auto put = [&](const std::string& name, const json& v) {
      if (v.is_null() && !IsOptional(FindSpec(name) ? FindSpec(name)->kind : Kind::kU64)) {
        t.erase(name);
      } else {
        t[name] = v;
      }
    };
    if (version >= base_version) {
      for (const auto& [v, diff] : diffs) {
        if (v <= base_version || v > version) continue;
        for (const auto& [name, change] : diff.changes) {
          if (take(name) != change.first) {
            return Err("diff " + std::to_string(v) + ": old value of " + name +
                       " does not match");
          }
          put(name, change.second);
        }
      }
    } else {
      for (auto it = diffs.rbegin(); it != diffs.rend(); ++it) {
        const auto& [v, diff] = *it;
        if (v > base_version || v <= version) continue;
        for (const auto& [name, change] : diff.changes) {
          if (take(name) != change.second) {
            return Err("diff " + std::to_string(v) + ": new value of " + name +
                       " does not match");
          }
          put(name, change.first);
        }
      }
    }
    return t;
  }
};

RuntimeConfigStore::RuntimeConfigStore(Impl* impl) : impl_(impl) {}
RuntimeConfigStore::RuntimeConfigStore(RuntimeConfigStore&& o) noexcept
    : impl_(o.impl_), base_version_(o.base_version_) {
  o.impl_ = nullptr;
}
RuntimeConfigStore& RuntimeConfigStore::operator=(RuntimeConfigStore&& o) noexcept {
  std::swap(impl_, o.impl_);
  std::swap(base_version_, o.base_version_);
  return *this;
}
RuntimeConfigStore::~RuntimeConfigStore() { delete impl_; }

Result<RuntimeConfigStore> RuntimeConfigStore::FromJson(
    std::string_view base, const std::vector<std::string_view>& diffs) {
  NEARRT_ASSIGN_OR_RETURN(json doc, ParseJson(base, "base parameter file"));
  NEARRT_ASSIGN_OR_RETURN(uint32_t base_version, ReadVersion(doc, "base parameter file"));
  if (!doc.contains("parameters") || !doc["parameters"].is_object()) {
    return Err("base parameter file: missing \"parameters\" object");
  }
  auto impl = std::make_unique<Impl>();
  for (const auto& [name, value] : doc["parameters"].items()) impl->base[name] = value;
  for (std::string_view text : diffs) {
    NEARRT_ASSIGN_OR_RETURN(json d, ParseJson(text, "parameter diff"));
    NEARRT_ASSIGN_OR_RETURN(uint32_t v, ReadVersion(d, "parameter diff"));
    if (!d.contains("changes") || !d["changes"].is_object()) {
      return Err("diff " + std::to_string(v) + ": missing \"changes\" object");
    }
    if (impl->diffs.count(v)) return Err("duplicate diff for version " + std::to_string(v));
    Diff diff;
    diff.version = v;
    for (const auto& [name, change] : d["changes"].items()) {
      if (FindSpec(name) == nullptr) return Err("diff " + std::to_string(v) + ": unknown " + name);
      if (!change.is_object() || !change.contains("new")) {
        return Err("diff " + std::to_string(v) + ": bad change of " + name);
      }
      json old_value = change.contains("old") ? change["old"] : json();
      diff.changes[name] = {old_value, change["new"]};
    }
    impl->diffs[v] = std::move(diff);
  }
  RuntimeConfigStore store(impl.release());
  store.base_version_ = base_version;
  // Validate every reachable version now, so a broken file fails early.
  NEARRT_TRY(store.ForProtocolVersion(base_version));
  for (uint32_t v : store.diff_versions()) {
    NEARRT_TRY(store.ForProtocolVersion(v));
    if (v > 0) NEARRT_TRY(store.ForProtocolVersion(v - 1));
  }
  return store;
}

std::vector<uint32_t> RuntimeConfigStore::diff_versions() const {
  std::vector<uint32_t> out;
  for (const auto& [v, d] : impl_->diffs) out.push_back(v);
  return out;
}

Result<RuntimeConfig> RuntimeConfigStore::ForProtocolVersion(uint32_t protocol_version) const {
  NEARRT_ASSIGN_OR_RETURN(Table t, impl_->TableFor(protocol_version, base_version_));
  return ConfigFromTable(t, protocol_version);
}

Result<std::map<std::string, std::string>> RuntimeConfigStore::ParameterTableFor(
    uint32_t protocol_version) const {
  NEARRT_ASSIGN_OR_RETURN(Table t, impl_->TableFor(protocol_version, base_version_));
  std::map<std::string, std::string> out;
  for (const auto& [name, v] : t) out[name] = v.dump();
  return out;
}

Result<const RuntimeConfigStore*> RuntimeConfigStore::Mainnet() {
  static const Result<RuntimeConfigStore> store = [] {
    std::string_view base;
    std::vector<std::string_view> diffs;
    for (size_t i = 0; i < kNumEmbeddedConfigFiles; ++i) {
      const EmbeddedFile& f = kEmbeddedConfigFiles[i];
      std::string_view text(reinterpret_cast<const char*>(f.data), f.size);
      if (std::string_view(f.name) == "parameters.json") {
        base = text;
      } else {
        diffs.push_back(text);
      }
    }
    return RuntimeConfigStore::FromJson(base, diffs);
  }();
  if (!store.ok()) return Err(store.error());
  return &store.value();
}

Result<RuntimeConfig> MainnetConfig(uint32_t protocol_version) {
  NEARRT_ASSIGN_OR_RETURN(const RuntimeConfigStore* store, RuntimeConfigStore::Mainnet());
  return store->ForProtocolVersion(protocol_version);
}

Status ApplyParameterOverrides(std::string_view json_text, RuntimeConfig* config) {
  NEARRT_ASSIGN_OR_RETURN(json doc, ParseJson(json_text, "parameter overrides"));
  if (!doc.is_object()) return Err("parameter overrides must be a JSON object");
  RuntimeConfig copy = *config;
  for (const auto& [name, value] : doc.items()) {
    const ParamSpec* spec = FindSpec(name);
    if (spec == nullptr) return Err("unknown runtime parameter: " + name);
    std::string err = SetParam(*spec, value, &copy);
    if (!err.empty()) return Err(err);
  }
  *config = copy;
  return OkStatus();
}

}  // namespace nearrt::vm
