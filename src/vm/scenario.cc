#include "vm/scenario.h"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "vm/bounded_json.h"
#include "vm/config_store.h"
#include "vm/memory_external.h"
#include "vm/runner.h"
#include "vm/runner_json.h"

namespace nearrt::vm {

using json = nlohmann::json;

namespace {

struct AccountState {
  ContractCode code;
  std::unique_ptr<MemoryExternal> ext = std::make_unique<MemoryExternal>();
  Balance balance = 0;
  StorageUsage storage_usage = 0;
};

const json* Find(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

Result<std::string> StringField(const json& j, const char* key) {
  const json* v = Find(j, key);
  if (!v || !v->is_string()) return Err(std::string("missing string field \"") + key + "\"");
  return v->get<std::string>();
}

// Balance from a decimal string or a number.
Result<Balance> BalanceField(const json& j, const char* key, Balance dflt) {
  const json* v = Find(j, key);
  if (!v) return dflt;
  if (v->is_number_unsigned()) return Balance(v->get<uint64_t>());
  if (v->is_string()) {
    auto b = ParseBalance(v->get<std::string>());
    if (b) return *b;
  }
  return Err(std::string("\"") + key + "\" must be a decimal string or a number");
}

std::string Utf8OfReturn(const VMOutcome& o) {
  if (o.return_data.kind != ReturnData::Kind::kValue) return "";
  return std::string(AsString(o.return_data.value));
}

// The runner output prints u128 amounts (deposits, stakes, allowances) as
// JSON numbers, which nlohmann::json would read as doubles. Quotes every
// integer literal outside strings that does not fit in a u64, so that it is
// compared exactly (as a decimal string).
std::string QuoteBigIntegers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') in_string = true;
    if (c < '0' || c > '9') {
      out += c;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    std::string_view digits = text.substr(i, j - i);
    bool is_float = j < text.size() && (text[j] == '.' || text[j] == 'e' || text[j] == 'E');
    bool big = digits.size() > 20 || (digits.size() == 20 && digits > "18446744073709551615");
    if (big && !is_float) out.append("\"").append(digits).append("\"");
    else out.append(digits);
    i = j;
  }
  return out;
}

// `value` matches `pattern`: objects on the pattern's keys, arrays
// element-wise with the same length, anything else exactly. Integers beyond
// u64 are decimal strings in `value` (QuoteBigIntegers) and must be written
// as strings in the pattern.
bool PartialMatch(const json& pattern, const json& value) {
  if (pattern.is_object()) {
    if (!value.is_object()) return false;
    for (auto it = pattern.begin(); it != pattern.end(); ++it) {
      auto v = value.find(it.key());
      if (v == value.end() || !PartialMatch(*it, *v)) return false;
    }
    return true;
  }
  if (pattern.is_array()) {
    if (!value.is_array() || value.size() != pattern.size()) return false;
    for (size_t i = 0; i < pattern.size(); ++i)
      if (!PartialMatch(pattern[i], value[i])) return false;
    return true;
  }
  return pattern == value;
}

// Checks the expectations about the committed state after the call.
std::string CheckState(const json& expect, const std::map<Bytes, Bytes>& state) {
  const json* e = Find(expect, "state");
  if (!e || !e->is_object()) return "";
  for (auto it = e->begin(); it != e->end(); ++it) {
    auto key = Base64Decode(it.key());
    if (!key.ok()) return "state: key " + it.key() + " is not base64";
    auto got = state.find(*key);
    if (it->is_null()) {
      if (got != state.end()) return "state: key " + it.key() + " is present, expected absent";
      continue;
    }
    if (got == state.end()) return "state: key " + it.key() + " is absent";
    if (!it->is_string() || Base64Encode(got->second) != it->get<std::string>())
      return "state: key " + it.key() + " has value " + Base64Encode(got->second) + " != expected " + it->dump();
  }
  return "";
}

// Checks `expect` against the outcome; returns "" or the first mismatch.
// `receipts` is the receipts array of the step's output JSON.
std::string CheckExpect(const json& expect, const VMOutcome& o, const json& receipts_json) {
  size_t receipts = receipts_json.is_array() ? receipts_json.size() : 0;
  bool ok = !o.aborted.has_value();
  if (const json* e = Find(expect, "ok"); e && e->is_boolean() && e->get<bool>() != ok)
    return ok ? "expected a failure, the call succeeded" : "expected success, got: " + o.aborted->Message();
  if (const json* e = Find(expect, "error"); e && e->is_string()) {
    if (ok) return "expected error containing \"" + e->get<std::string>() + "\", the call succeeded";
    std::string msg = o.aborted->Message();
    if (msg.find(e->get<std::string>()) == std::string::npos)
      return "error \"" + msg + "\" does not contain \"" + e->get<std::string>() + "\"";
  }
  if (const json* e = Find(expect, "return"); e) {
    if (e->is_null()) {
      if (o.return_data.kind == ReturnData::Kind::kValue) return "expected no return value, got " + Utf8OfReturn(o);
    } else if (e->is_string()) {
      if (o.return_data.kind != ReturnData::Kind::kValue) return "expected a return value";
      if (Utf8OfReturn(o) != e->get<std::string>())
        return "return value " + Utf8OfReturn(o) + " != expected " + e->get<std::string>();
    }
  }
  if (const json* e = Find(expect, "return_receipt"); e && e->is_number_unsigned()) {
    if (o.return_data.kind != ReturnData::Kind::kReceiptIndex ||
        o.return_data.receipt_index != e->get<uint64_t>())
      return "expected the call to return receipt " + std::to_string(e->get<uint64_t>()) + "'s result";
  }
  if (const json* e = Find(expect, "return_base64"); e && e->is_string()) {
    if (o.return_data.kind != ReturnData::Kind::kValue) return "expected a return value";
    if (Base64Encode(o.return_data.value) != e->get<std::string>())
      return "return value (base64) " + Base64Encode(o.return_data.value) + " != expected " + e->get<std::string>();
  }
  if (const json* e = Find(expect, "return_contains"); e && e->is_string()) {
    if (o.return_data.kind != ReturnData::Kind::kValue) return "expected a return value";
    if (Utf8OfReturn(o).find(e->get<std::string>()) == std::string::npos)
      return "return value " + Utf8OfReturn(o) + " does not contain " + e->get<std::string>();
  }
  if (const json* e = Find(expect, "return_json"); e) {
    if (o.return_data.kind != ReturnData::Kind::kValue) return "expected a JSON return value";
    json got = ParseBoundedJson(Utf8OfReturn(o));
    if (got.is_discarded() || got != *e) return "return value " + Utf8OfReturn(o) + " != expected " + e->dump();
  }
  if (const json* e = Find(expect, "logs"); e && e->is_array()) {
    std::vector<std::string> want;
    for (const auto& l : *e)
      if (l.is_string()) want.push_back(l.get<std::string>());
    if (want != o.logs) {
      std::string got;
      for (const auto& l : o.logs) got += "\n  " + l;
      return "logs differ; got:" + got;
    }
  }
  if (const json* e = Find(expect, "logs_contain"); e && e->is_array()) {
    for (const auto& l : *e) {
      if (!l.is_string()) continue;
      bool found = false;
      for (const auto& got : o.logs) found |= got.find(l.get<std::string>()) != std::string::npos;
      if (!found) return "no log contains \"" + l.get<std::string>() + "\"";
    }
  }
  if (const json* e = Find(expect, "receipts"); e && e->is_number_unsigned() && e->get<uint64_t>() != receipts)
    return "receipts: " + std::to_string(receipts) + " != expected " + std::to_string(e->get<uint64_t>());
  if (const json* e = Find(expect, "receipts_like"); e && e->is_array()) {
    if (e->size() != receipts) return "receipts: " + std::to_string(receipts) + " != expected " + std::to_string(e->size());
    for (size_t i = 0; i < receipts; ++i)
      if (!PartialMatch((*e)[i], receipts_json[i]))
        return "receipt " + std::to_string(i) + " " + receipts_json[i].dump() + " does not match " + (*e)[i].dump();
  }
  if (const json* e = Find(expect, "balance"); e) {
    auto want = e->is_string() ? ParseBalance(e->get<std::string>()) : std::nullopt;
    if (!want) return "\"balance\" must be a decimal string";
    if (*want != o.balance) return "balance " + BalanceToString(o.balance) + " != expected " + e->get<std::string>();
  }
  if (const json* e = Find(expect, "storage_usage"); e && e->is_number_unsigned() && e->get<uint64_t>() != o.storage_usage)
    return "storage usage " + std::to_string(o.storage_usage) + " != expected " + std::to_string(e->get<uint64_t>());
  if (const json* e = Find(expect, "burnt_gas"); e && e->is_number_unsigned() && e->get<uint64_t>() != o.burnt_gas)
    return "burnt gas " + std::to_string(o.burnt_gas) + " != expected " + std::to_string(e->get<uint64_t>());
  return "";
}

}  // namespace

CodeLoader FileCodeLoader(std::string shared_dir, std::string base_dir) {
  return [shared_dir, base_dir](const std::string& ref) -> Result<Bytes> {
    if (ref.rfind("shared:", 0) == 0) return ReadFile(shared_dir + "/" + ref.substr(7));
    if (ref.rfind("build:", 0) == 0) return ReadFile(ref.substr(6));  // relative to the working directory
    if (!ref.empty() && ref[0] == '/') return ReadFile(ref);
    return ReadFile(base_dir + "/" + ref);
  };
}

Result<ScenarioResult> RunScenario(std::string_view json_text, const CodeLoader& load_code) {
  json doc = ParseBoundedJson(json_text);
  if (doc.is_discarded() || !doc.is_object()) {
    return Err("scenario is not a JSON object (or is nested deeper than " + std::to_string(kMaxJsonDepth) +
               " levels)");
  }
  ScenarioResult result;
  if (const json* d = Find(doc, "description"); d && d->is_string()) result.description = d->get<std::string>();
  NEARRT_ASSIGN_OR_RETURN(RuntimeConfig config, MainnetConfig(86));

  std::map<std::string, AccountState> accounts;
  const json* accts = Find(doc, "accounts");
  if (!accts || !accts->is_object() || accts->empty()) return Err("scenario needs an \"accounts\" object");
  for (auto it = accts->begin(); it != accts->end(); ++it) {
    if (!it->is_object()) return Err("account " + it.key() + " must be an object");
    NEARRT_ASSIGN_OR_RETURN(std::string ref, StringField(*it, "code"));
    NEARRT_ASSIGN_OR_RETURN(Bytes code, load_code(ref));
    AccountState& a = accounts[it.key()];
    a.code = ContractCode::FromBytes(std::move(code));
    NEARRT_ASSIGN_OR_RETURN(a.balance, BalanceField(*it, "balance", Balance(100) * 1000000000000000000ull * 1000000));
    if (const json* s = Find(*it, "storage_usage"); s && s->is_number_unsigned()) a.storage_usage = s->get<uint64_t>();
  }
  std::string base_context = "{}";
  if (const json* c = Find(doc, "context")) {
    if (!c->is_object()) return Err("\"context\" must be an object");
    base_context = c->dump();  // re-parsed below, always valid
  }
  std::map<AccountId, Balance> validators;
  if (const json* v = Find(doc, "validators")) {
    if (!v->is_object()) return Err("\"validators\" must be an object");
    for (auto it = v->begin(); it != v->end(); ++it) {
      auto id = AccountId::Parse(it.key());
      if (!id.ok()) return Err("validator " + it.key() + ": " + id.error().message);
      NEARRT_ASSIGN_OR_RETURN(Balance stake, BalanceField(*v, it.key().c_str(), 0));
      validators[*id] = stake;
    }
  }
  const json* steps = Find(doc, "steps");
  if (!steps || !steps->is_array()) return Err("scenario needs a \"steps\" array");

  ContractCache cache;
  for (size_t i = 0; i < steps->size(); ++i) {
    const json& step = (*steps)[i];
    std::string where = "step " + std::to_string(i + 1);
    if (!step.is_object()) return Err(where + " is not an object");
    NEARRT_ASSIGN_OR_RETURN(std::string account, StringField(step, "call"));
    NEARRT_ASSIGN_OR_RETURN(std::string method, StringField(step, "method"));
    auto ait = accounts.find(account);
    if (ait == accounts.end()) return Err(where + ": unknown account " + account);
    AccountState& a = ait->second;

    // Context: scenario defaults, then this call's account, parties and money.
    json ctx = json::parse(base_context, nullptr, false);
    std::string pred = "alice.near";
    if (const json* p = Find(step, "predecessor"); p && p->is_string()) pred = p->get<std::string>();
    std::string signer = pred;
    if (const json* s = Find(step, "signer"); s && s->is_string()) signer = s->get<std::string>();
    ctx["current_account_id"] = account;
    ctx["predecessor_account_id"] = pred;
    ctx["signer_account_id"] = signer;
    if (!ctx.contains("refund_to_account_id")) ctx["refund_to_account_id"] = pred;
    ctx["account_balance"] = BalanceToString(a.balance);
    ctx["storage_usage"] = a.storage_usage;
    NEARRT_ASSIGN_OR_RETURN(Balance deposit, BalanceField(step, "deposit", 0));
    ctx["attached_deposit"] = BalanceToString(deposit);
    if (const json* g = Find(step, "gas"); g && g->is_number_unsigned()) ctx["prepaid_gas"] = g->get<uint64_t>();
    else if (!ctx.contains("prepaid_gas")) ctx["prepaid_gas"] = uint64_t(300000000000000ull);
    if (const json* v = Find(step, "view"); v && v->is_boolean()) ctx["is_view"] = v->get<bool>();
    if (const json* c = Find(step, "context")) {
      if (!c->is_object()) return Err(where + ": \"context\" must be an object");
      for (auto it = c->begin(); it != c->end(); ++it) ctx[it.key()] = *it;
    }
    auto context = ParseContextJson(ctx.dump(), DefaultRunnerContext(), config.max_gas_burnt_view);
    if (!context.ok()) return Err(where + ": context: " + context.error().message);

    Bytes input;
    if (const json* args = Find(step, "args")) {
      input = ToBytes(args->dump());
    } else if (const json* t = Find(step, "args_text"); t && t->is_string()) {
      input = ToBytes(t->get<std::string>());
    } else if (const json* b = Find(step, "args_base64"); b && b->is_string()) {
      auto d = Base64Decode(b->get<std::string>());
      if (!d.ok()) return Err(where + ": args_base64: " + d.error().message);
      input = std::move(*d);
    }
    context->input = std::make_shared<const Bytes>(std::move(input));
    if (const json* prs = Find(step, "promise_results"); prs && prs->is_array()) {
      for (const auto& pr : *prs) {
        auto r = ParsePromiseResultJson(pr.dump());
        if (!r.ok()) return Err(where + ": promise_results: " + r.error().message);
        context->promise_results.push_back(*r);
      }
    }

    // Receipts and resumes are per call: keep only the state.
    auto ext = std::make_unique<MemoryExternal>();
    ext->state() = a.ext->state();
    ext->validators() = validators;
    auto outcome = Run(a.code, method, *ext, *context, config, &cache);
    ScenarioStepResult sr;
    sr.label = account + "." + method;
    if (!outcome.ok()) {
      sr.output_json = FormatRunnerOutput(nullptr, &outcome.error(), *ext);
      sr.passed = false;
      sr.failure = "node-level error: " + outcome.error().Message();
    } else {
      sr.output_json = FormatRunnerOutput(&*outcome, nullptr, *ext);
      const json* e = Find(step, "expect");
      if (e && e->is_object()) {
        json out = json::parse(QuoteBigIntegers(sr.output_json), nullptr, false);
        json receipts = out.is_object() && out.contains("receipts") ? out["receipts"] : json::array();
        sr.failure = CheckExpect(*e, *outcome, receipts);
      }
      // A successful call commits its state, balance and storage usage.
      if (!outcome->aborted) {
        a.ext = std::move(ext);
        a.balance = outcome->balance;
        a.storage_usage = outcome->storage_usage;
      }
      if (e && e->is_object() && sr.failure.empty()) sr.failure = CheckState(*e, a.ext->state());
      sr.passed = sr.failure.empty();
    }
    result.steps.push_back(std::move(sr));
  }
  return result;
}

}  // namespace nearrt::vm
