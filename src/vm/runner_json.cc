#include "vm/runner_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <tuple>

#include "primitives/base58.h"
#include "vm/bounded_json.h"
#include "vm/config_store.h"
#include "vm/utf.h"

namespace nearrt::vm {

using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------------------
// Input helpers (never throw: every access is type-checked first)
// ---------------------------------------------------------------------------

Result<uint64_t> ReadU64Field(const json& v, const char* name) {
  if (v.is_number_unsigned()) return v.get<uint64_t>();
  if (v.is_number_integer() && v.get<int64_t>() >= 0) return static_cast<uint64_t>(v.get<int64_t>());
  if (v.is_string()) {
    std::optional<Balance> b = ParseBalance(v.get_ref<const std::string&>());
    if (b && *b <= UINT64_MAX) return static_cast<uint64_t>(*b);
  }
  return Err(std::string("context field ") + name + ": expected a u64");
}

Result<Balance> ReadU128Field(const json& v, const char* name) {
  if (v.is_number_unsigned()) return Balance{v.get<uint64_t>()};
  if (v.is_number_integer() && v.get<int64_t>() >= 0) {
    return Balance{static_cast<uint64_t>(v.get<int64_t>())};
  }
  if (v.is_string()) {
    std::optional<Balance> b = ParseBalance(v.get_ref<const std::string&>());
    if (b) return *b;
  }
  return Err(std::string("context field ") + name + ": expected a u128 decimal string");
}

Result<AccountId> ReadAccountField(const json& v, const char* name) {
  if (!v.is_string()) return Err(std::string("context field ") + name + ": expected a string");
  Result<AccountId> id = AccountId::Parse(v.get_ref<const std::string&>());
  if (!id.ok()) return Err(std::string("context field ") + name + ": " + id.error().message);
  return std::move(id).value();
}

Result<Bytes> ReadBase58Field(const json& v, const char* name) {
  if (!v.is_string()) return Err(std::string("context field ") + name + ": expected a string");
  Result<Bytes> b = Base58Decode(v.get_ref<const std::string&>());
  if (!b.ok()) return Err(std::string("context field ") + name + ": bad base58");
  return std::move(b).value();
}

Result<Bytes> ReadBase64(const json& v, const std::string& what) {
  if (!v.is_string()) return Err(what + ": expected a base64 string");
  Result<Bytes> b = Base64Decode(v.get_ref<const std::string&>());
  if (!b.ok()) return Err(what + ": bad base64");
  return std::move(b).value();
}

// signer_account_pk: base58 of the borsh bytes (old runner), or a key string
// "ed25519:<base58>" / "secp256k1:<base58>", stored borsh-encoded.
Result<Bytes> ReadPublicKeyField(const json& v) {
  if (!v.is_string()) return Err("context field signer_account_pk: expected a string");
  const std::string& s = v.get_ref<const std::string&>();
  size_t colon = s.find(':');
  if (colon == std::string::npos) return ReadBase58Field(v, "signer_account_pk");
  std::string type = s.substr(0, colon);
  uint8_t tag;
  size_t len;
  if (type == "ed25519") {
    tag = 0;
    len = 32;
  } else if (type == "secp256k1") {
    tag = 1;
    len = 64;
  } else {
    return Err("context field signer_account_pk: unknown key type " + type);
  }
  Result<Bytes> key = Base58Decode(s.substr(colon + 1));
  if (!key.ok() || key->size() != len) {
    return Err("context field signer_account_pk: bad key bytes");
  }
  Bytes out{tag};
  out.insert(out.end(), key->begin(), key->end());
  return out;
}

Result<PromiseResult> PromiseResultFromJson(const json& v) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s == "NotReady") return PromiseResult::NotReady();
    if (s == "Failed") return PromiseResult::Failed();
  } else if (v.is_object() && v.size() == 1) {
    if (v.contains("Successful") && v["Successful"].is_string()) {
      return PromiseResult::Successful(ToBytes(v["Successful"].get_ref<const std::string&>()));
    }
    if (v.contains("SuccessfulBase64")) {
      NEARRT_ASSIGN_OR_RETURN(Bytes data, ReadBase64(v["SuccessfulBase64"], "promise result"));
      return PromiseResult::Successful(std::move(data));
    }
  }
  return Err("promise result: expected \"NotReady\", \"Failed\" or {\"Successful\": \"...\"}");
}

Result<AccountContract> ReadAccountContract(const json& v) {
  AccountContract c;
  if (v.is_null() || (v.is_string() && v.get_ref<const std::string&>() == "None")) return c;
  if (v.is_object() && v.size() == 1) {
    auto it = v.begin();
    const std::string& key = it.key();
    if ((key == "Local" || key == "Global") && it.value().is_string()) {
      Result<CryptoHash> h = CryptoHash::FromBase58(it.value().get_ref<const std::string&>());
      if (!h.ok()) return Err("context field account_contract: bad code hash");
      c.kind = key == "Local" ? AccountContract::Kind::kLocal : AccountContract::Kind::kGlobal;
      c.hash = *h;
      return c;
    }
    if (key == "GlobalByAccount") {
      NEARRT_ASSIGN_OR_RETURN(c.account_id, ReadAccountField(it.value(), "account_contract"));
      c.kind = AccountContract::Kind::kGlobalByAccount;
      return c;
    }
  }
  return Err("context field account_contract: unsupported value");
}

// ---------------------------------------------------------------------------
// Output helpers
// ---------------------------------------------------------------------------

std::string Str(std::string_view s) {
  return json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
}
std::string Num(uint64_t v) { return std::to_string(v); }
std::string Num128(Balance v) { return BalanceToString(v); }

// serde's Vec<u8>: an array of numbers.
std::string ByteArray(const Bytes& b) {
  std::string out = "[";
  for (size_t i = 0; i < b.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(b[i]);
  }
  return out + "]";
}

// bytes_as_str; non-UTF-8 bytes cannot be a JSON string: then base64 under a
// "<name>_base64" key (the old runner failed to serialize such output).
std::string BytesField(const char* name, const Bytes& b) {
  if (IsValidUtf8(b)) return Str(name) + ":" + Str(AsString(b));
  return Str(std::string(name) + "_base64") + ":" + Str(Base64Encode(b));
}

std::string HostErrorJson(const HostError& h) {
  std::string name = Str(h.Name());
  switch (HostErrorFieldLayout(h.kind)) {
    case 0: return name;
    case 1:
      return "{" + name + ":{" + Str(HostErrorFieldName(h.kind, 0)) + ":" + Num(h.a) + "}}";
    case 2:
      return "{" + name + ":{" + Str(HostErrorFieldName(h.kind, 0)) + ":" + Num(h.a) + "," +
             Str(HostErrorFieldName(h.kind, 1)) + ":" + Num(h.b) + "}}";
    default:
      return "{" + name + ":{" + Str(HostErrorFieldName(h.kind, 0)) + ":" + Str(h.text) + "}}";
  }
}

std::string ProfileJson(const ProfileData& p) {
  // nearcore views.rs profile_v3_to_costs + the lexicographic sort.
  std::vector<std::tuple<std::string, std::string, Gas>> costs;
  auto upper = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  };
  for (size_t i = 0; i < kNumActionCosts; ++i) {
    if (p.actions[i] > 0) {
      costs.emplace_back("ACTION_COST", upper(ActionCostName(static_cast<ActionCost>(i))),
                         p.actions[i]);
    }
  }
  if (p.wasm_gas > 0) costs.emplace_back("WASM_HOST_COST", "WASM_INSTRUCTION", p.wasm_gas);
  for (size_t i = 0; i < kNumExtCosts; ++i) {
    if (p.ext[i] > 0) {
      costs.emplace_back("WASM_HOST_COST", upper(ExtCostName(static_cast<ExtCost>(i))), p.ext[i]);
    }
  }
  std::sort(costs.begin(), costs.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  std::string out = "[";
  for (size_t i = 0; i < costs.size(); ++i) {
    if (i) out += ',';
    out += "{\"cost_category\":" + Str(std::get<0>(costs[i])) + ",\"cost\":" +
           Str(std::get<1>(costs[i])) + ",\"gas_used\":" + Str(Num(std::get<2>(costs[i]))) + "}";
  }
  return out + "]";
}

std::string OutcomeJson(const VMOutcome& o) {
  std::string rd;
  switch (o.return_data.kind) {
    case ReturnData::Kind::kNone: rd = "\"None\""; break;
    case ReturnData::Kind::kReceiptIndex:
      rd = "{\"ReceiptIndex\":" + Num(o.return_data.receipt_index) + "}";
      break;
    case ReturnData::Kind::kValue:
      rd = IsValidUtf8(o.return_data.value)
               ? "{\"Value\":" + Str(AsString(o.return_data.value)) + "}"
               : "{\"ValueBase64\":" + Str(Base64Encode(o.return_data.value)) + "}";
      break;
  }
  std::string logs = "[";
  for (size_t i = 0; i < o.logs.size(); ++i) {
    if (i) logs += ',';
    logs += Str(o.logs[i]);
  }
  logs += "]";
  return "{\"balance\":" + Str(Num128(o.balance)) + ",\"storage_usage\":" + Num(o.storage_usage) +
         ",\"return_data\":" + rd + ",\"burnt_gas\":" + Num(o.burnt_gas) +
         ",\"used_gas\":" + Num(o.used_gas) + ",\"logs\":" + logs +
         ",\"profile\":" + ProfileJson(o.profile) + ",\"compute_usage\":" + Num(o.compute_usage) +
         "}";
}

std::string RunnerErrorJson(const VMRunnerError& e) {
  switch (e.kind) {
    case VMRunnerError::Kind::InconsistentStateError:
      return "{\"InconsistentStateError\":\"IntegerOverflow\"}";
    case VMRunnerError::Kind::ContractCodeNotPresent: return "\"ContractCodeNotPresent\"";
    case VMRunnerError::Kind::WasmUnknownError:
      return "{\"WasmUnknownError\":{\"debug_message\":" + Str(e.msg) + "}}";
    default: return "{" + Str(e.Name()) + ":" + Str(e.msg) + "}";
  }
}

std::string GlobalIdJson(const GlobalContractIdentifier& id) {
  if (id.kind == GlobalContractIdentifier::Kind::kCodeHash) {
    return "{\"CodeHash\":" + Str(id.code_hash.ToBase58()) + "}";
  }
  return "{\"AccountId\":" + Str(id.account_id.str()) + "}";
}

std::string AllowanceJson(const std::optional<Balance>& a) { return a ? Num128(*a) : "null"; }

std::string MethodNamesJson(const std::vector<Bytes>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += Str(AsString(names[i]));  // UTF-8 (checked when recorded)
  }
  return out + "]";
}

std::string Pk(const PublicKey& pk) { return Str(Base58Encode(pk.ToBorsh())); }

std::string ActionJson(const RecordedAction& a) {
  using K = RecordedAction::Kind;
  switch (a.kind) {
    case K::kCreateAccount: return "\"CreateAccount\"";
    case K::kDeployContract: return "{\"DeployContract\":{\"code\":" + ByteArray(a.code) + "}}";
    case K::kDeployGlobalContract:
      return "{\"DeployGlobalContract\":{\"code\":" + ByteArray(a.code) + ",\"mode\":" +
             (a.deploy_mode == GlobalContractDeployMode::kCodeHash ? "\"CodeHash\""
                                                                   : "\"AccountId\"") +
             "}}";
    case K::kUseGlobalContract:
      return "{\"UseGlobalContract\":{\"contract_id\":" + GlobalIdJson(a.contract_id) + "}}";
    case K::kDeterministicStateInit: {
      std::string data = "{";
      bool first = true;
      for (const auto& [k, v] : a.state_init_data) {
        if (!first) data += ',';
        first = false;
        data += Str(Base64Encode(k)) + ":" + Str(Base64Encode(v));
      }
      data += "}";
      return "{\"DeterministicStateInit\":{\"contract_id\":" + GlobalIdJson(a.contract_id) +
             ",\"data\":" + data + ",\"deposit\":" + Num128(a.deposit) + "}}";
    }
    case K::kFunctionCall: {
      std::string out = "{\"FunctionCall\":{" + BytesField("method_name", a.method_name) + "," +
                        BytesField("args", a.args) + ",\"gas\":" + Num(a.gas) +
                        ",\"deposit\":" + Num128(a.deposit);
      if (a.gas_weight > 0) out += ",\"gas_weight\":" + Num(a.gas_weight);
      return out + "}}";
    }
    case K::kTransfer: return "{\"Transfer\":{\"deposit\":" + Num128(a.deposit) + "}}";
    case K::kTransferToGasKey:
      return "{\"TransferToGasKey\":{\"public_key\":" + Pk(a.public_key) +
             ",\"deposit\":" + Num128(a.deposit) + "}}";
    case K::kStake:
      return "{\"Stake\":{\"stake\":" + Num128(a.deposit) + ",\"public_key\":" +
             Pk(a.public_key) + "}}";
    case K::kAddKeyWithFullAccess:
      return "{\"AddKeyWithFullAccess\":{\"public_key\":" + Pk(a.public_key) +
             ",\"nonce\":" + Num(a.nonce) + "}}";
    case K::kAddKeyWithFunctionCall:
      return "{\"AddKeyWithFunctionCall\":{\"public_key\":" + Pk(a.public_key) +
             ",\"nonce\":" + Num(a.nonce) + ",\"allowance\":" + AllowanceJson(a.allowance) +
             ",\"receiver_id\":" + Str(a.receiver_id.str()) +
             ",\"method_names\":" + MethodNamesJson(a.method_names) + "}}";
    case K::kAddGasKeyWithFullAccess:
      return "{\"AddGasKeyWithFullAccess\":{\"public_key\":" + Pk(a.public_key) +
             ",\"num_nonces\":" + Num(a.num_nonces) + "}}";
    case K::kAddGasKeyWithFunctionCall:
      return "{\"AddGasKeyWithFunctionCall\":{\"public_key\":" + Pk(a.public_key) +
             ",\"num_nonces\":" + Num(a.num_nonces) + ",\"allowance\":" +
             AllowanceJson(a.allowance) + ",\"receiver_id\":" + Str(a.receiver_id.str()) +
             ",\"method_names\":" + MethodNamesJson(a.method_names) + "}}";
    case K::kDeleteKey: return "{\"DeleteKey\":{\"public_key\":" + Pk(a.public_key) + "}}";
    case K::kDeleteAccount:
      return "{\"DeleteAccount\":{\"beneficiary_id\":" + Str(a.beneficiary_id.str()) + "}}";
  }
  return "null";
}

std::string ReceiptJson(const RecordedReceipt& r) {
  std::string out = "{\"receipt_indices\":[";
  for (size_t i = 0; i < r.receipt_indices.size(); ++i) {
    if (i) out += ',';
    out += Num(r.receipt_indices[i]);
  }
  out += "],\"receiver_id\":" + Str(r.receiver_id.str()) + ",\"actions\":[";
  for (size_t i = 0; i < r.actions.size(); ++i) {
    if (i) out += ',';
    out += ActionJson(r.actions[i]);
  }
  out += "]";
  if (r.refund_to) out += ",\"refund_to\":" + Str(r.refund_to->str());
  if (r.is_promise_yield) {
    out += ",\"is_promise_yield\":true,\"input_data_id\":" +
           Str(r.input_data_ids.empty() ? "" : r.input_data_ids[0].ToBase58());
  }
  return out + "}";
}

}  // namespace

VMContext DefaultRunnerContext() {
  VMContext c;
  c.current_account_id = AccountId::Unchecked("alice");
  c.signer_account_id = AccountId::Unchecked("bob");
  c.signer_account_pk = {0, 1, 2};
  c.predecessor_account_id = AccountId::Unchecked("carol");
  c.refund_to_account_id = AccountId::Unchecked("carol");
  c.block_height = 1;
  c.block_timestamp = 1586796191203000000ULL;
  c.epoch_height = 1;
  Balance ten = 10;
  Balance b = 1;
  for (int i = 0; i < 25; ++i) b *= ten;
  c.account_balance = b;
  c.account_locked_balance = 0;
  c.storage_usage = 100;
  c.attached_deposit = 0;
  c.prepaid_gas = 1000000000000000000ULL;
  c.random_seed = {0, 1, 2};
  return c;
}

Result<VMContext> ParseContextJson(std::string_view text, const VMContext& defaults,
                                   Gas view_max_gas_burnt) {
  json doc = ParseBoundedJson(text);
  if (doc.is_discarded()) return Err("context: invalid JSON");
  if (!doc.is_object()) return Err("context: expected a JSON object");
  VMContext c = defaults;
  bool refund_given = false;
  for (const auto& [key, v] : doc.items()) {
    if (key == "current_account_id") {
      NEARRT_ASSIGN_OR_RETURN(c.current_account_id, ReadAccountField(v, "current_account_id"));
    } else if (key == "signer_account_id") {
      NEARRT_ASSIGN_OR_RETURN(c.signer_account_id, ReadAccountField(v, "signer_account_id"));
    } else if (key == "predecessor_account_id") {
      NEARRT_ASSIGN_OR_RETURN(c.predecessor_account_id,
                              ReadAccountField(v, "predecessor_account_id"));
    } else if (key == "refund_to_account_id") {
      NEARRT_ASSIGN_OR_RETURN(c.refund_to_account_id,
                              ReadAccountField(v, "refund_to_account_id"));
      refund_given = true;
    } else if (key == "signer_account_pk") {
      NEARRT_ASSIGN_OR_RETURN(c.signer_account_pk, ReadPublicKeyField(v));
    } else if (key == "input") {
      NEARRT_ASSIGN_OR_RETURN(Bytes input, ReadBase64(v, "context field input"));
      c.input = std::make_shared<const Bytes>(std::move(input));
    } else if (key == "random_seed") {
      NEARRT_ASSIGN_OR_RETURN(c.random_seed, ReadBase58Field(v, "random_seed"));
    } else if (key == "block_index" || key == "block_height") {
      NEARRT_ASSIGN_OR_RETURN(c.block_height, ReadU64Field(v, "block_index"));
    } else if (key == "block_timestamp") {
      NEARRT_ASSIGN_OR_RETURN(c.block_timestamp, ReadU64Field(v, "block_timestamp"));
    } else if (key == "epoch_height") {
      NEARRT_ASSIGN_OR_RETURN(c.epoch_height, ReadU64Field(v, "epoch_height"));
    } else if (key == "storage_usage") {
      NEARRT_ASSIGN_OR_RETURN(c.storage_usage, ReadU64Field(v, "storage_usage"));
    } else if (key == "prepaid_gas") {
      NEARRT_ASSIGN_OR_RETURN(c.prepaid_gas, ReadU64Field(v, "prepaid_gas"));
    } else if (key == "account_balance") {
      NEARRT_ASSIGN_OR_RETURN(c.account_balance, ReadU128Field(v, "account_balance"));
    } else if (key == "account_locked_balance") {
      NEARRT_ASSIGN_OR_RETURN(c.account_locked_balance,
                              ReadU128Field(v, "account_locked_balance"));
    } else if (key == "attached_deposit") {
      NEARRT_ASSIGN_OR_RETURN(c.attached_deposit, ReadU128Field(v, "attached_deposit"));
    } else if (key == "is_view") {
      if (!v.is_boolean()) return Err("context field is_view: expected a bool");
      if (v.get<bool>()) {
        c.view_config = ViewConfig{view_max_gas_burnt};
      } else {
        c.view_config.reset();
      }
    } else if (key == "view_config") {
      if (v.is_null()) {
        c.view_config.reset();
      } else if (v.is_object() && v.contains("max_gas_burnt")) {
        NEARRT_ASSIGN_OR_RETURN(Gas g, ReadU64Field(v["max_gas_burnt"], "view_config"));
        c.view_config = ViewConfig{g};
      } else {
        return Err("context field view_config: expected null or {\"max_gas_burnt\": n}");
      }
    } else if (key == "output_data_receivers") {
      if (!v.is_array()) return Err("context field output_data_receivers: expected an array");
      c.output_data_receivers.clear();
      for (const json& r : v) {
        NEARRT_ASSIGN_OR_RETURN(AccountId id, ReadAccountField(r, "output_data_receivers"));
        c.output_data_receivers.push_back(std::move(id));
      }
    } else if (key == "account_contract") {
      NEARRT_ASSIGN_OR_RETURN(c.account_contract, ReadAccountContract(v));
    } else if (key == "promise_results") {
      if (!v.is_array()) return Err("context field promise_results: expected an array");
      c.promise_results.clear();
      for (const json& r : v) {
        NEARRT_ASSIGN_OR_RETURN(PromiseResult pr, PromiseResultFromJson(r));
        c.promise_results.push_back(std::move(pr));
      }
    }
    // Other fields are ignored, as serde does by default.
  }
  if (!refund_given && doc.contains("predecessor_account_id")) {
    c.refund_to_account_id = c.predecessor_account_id;
  }
  return c;
}

Result<PromiseResult> ParsePromiseResultJson(std::string_view text) {
  json doc = ParseBoundedJson(text);
  if (doc.is_discarded()) return Err("promise result: invalid JSON");
  return PromiseResultFromJson(doc);
}

Result<std::map<Bytes, Bytes>> ParseStateJson(std::string_view text) {
  json doc = ParseBoundedJson(text);
  if (doc.is_discarded()) return Err("state: invalid JSON");
  if (!doc.is_object()) return Err("state: expected a JSON object");
  std::map<Bytes, Bytes> state;
  for (const auto& [key, v] : doc.items()) {
    Result<Bytes> k = Base64Decode(key);
    if (!k.ok()) return Err("state: key is not base64: " + key);
    NEARRT_ASSIGN_OR_RETURN(Bytes value, ReadBase64(v, "state value of " + key));
    state[std::move(k).value()] = std::move(value);
  }
  return state;
}

Status ApplyConfigJson(std::string_view text, RuntimeConfig* config) {
  json doc = ParseBoundedJson(text);
  if (doc.is_discarded()) return Err("config: invalid JSON");
  if (!doc.is_object()) return Err("config: expected a JSON object");
  // Translate the VMConfig serde shape into parameter names.
  json params = json::object();
  for (const auto& [key, v] : doc.items()) {
    if (key == "ext_costs") {
      if (!v.is_object()) return Err("config: ext_costs must be an object");
      for (const auto& [name, cost] : v.items()) params["wasm_" + name] = cost;
    } else if (key == "limit_config") {
      if (!v.is_object()) return Err("config: limit_config must be an object");
      for (const auto& [name, value] : v.items()) params[name] = value;
    } else if (key == "regular_op_cost" || key == "grow_mem_cost" ||
               key == "linear_op_base_cost" || key == "linear_op_unit_cost") {
      params["wasm_" + key] = v;
    } else {
      params[key] = v;
    }
  }
  return ApplyParameterOverrides(params.dump(), config);
}

std::string FunctionCallErrorJson(const FunctionCallError& e) {
  std::string inner;
  switch (e.kind) {
    case FunctionCallError::Kind::CompilationError: {
      const CompilationError& c = e.compilation;
      switch (c.kind) {
        case CompilationError::Kind::CodeDoesNotExist:
          inner = "{\"CodeDoesNotExist\":{\"account_id\":" + Str(c.text) + "}}";
          break;
        case CompilationError::Kind::PrepareError:
          inner = "{\"PrepareError\":" + Str(PrepareErrorName(c.prepare)) + "}";
          break;
        default: inner = "{" + Str(c.Name()) + ":{\"msg\":" + Str(c.text) + "}}"; break;
      }
      break;
    }
    case FunctionCallError::Kind::LinkError:
    case FunctionCallError::Kind::LoadingError:
    case FunctionCallError::Kind::WasmUnknownError: inner = "{\"msg\":" + Str(e.msg) + "}"; break;
    case FunctionCallError::Kind::MethodResolveError:
      inner = Str(MethodResolveErrorName(e.method));
      break;
    case FunctionCallError::Kind::WasmTrap: inner = Str(WasmTrapName(e.trap)); break;
    case FunctionCallError::Kind::HostError: inner = HostErrorJson(e.host); break;
  }
  return "{\"FunctionCallError\":{" + Str(e.Name()) + ":" + inner + "}}";
}

std::string FormatRunnerOutput(const VMOutcome* outcome, const VMRunnerError* runner_error,
                               const MemoryExternal& ext, const RunnerJsonOptions& options) {
  std::string out = "{\"outcome\":";
  out += outcome ? OutcomeJson(*outcome) : "null";
  std::string message;
  out += ",\"err\":";
  if (outcome && outcome->aborted) {
    out += FunctionCallErrorJson(*outcome->aborted);
    message = outcome->aborted->Message();
  } else if (runner_error) {
    out += RunnerErrorJson(*runner_error);
    message = runner_error->Message();
  } else {
    out += "null";
  }
  out += ",\"receipts\":[";
  const std::vector<RecordedReceipt>& receipts = ext.receipts();
  for (size_t i = 0; i < receipts.size(); ++i) {
    if (i) out += ',';
    out += ReceiptJson(receipts[i]);
  }
  out += "],\"state\":{";
  bool first = true;
  for (const auto& [k, v] : ext.state()) {
    if (!first) out += ',';
    first = false;
    out += Str(Base64Encode(k)) + ":" + Str(Base64Encode(v));
  }
  out += "}";
  if (options.include_error_message && !message.empty()) {
    out += ",\"err_message\":" + Str(message);
  }
  return out + "}";
}

}  // namespace nearrt::vm
