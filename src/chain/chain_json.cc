#include "chain/chain_json.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "runtime/outcome_json.h"
#include "vm/types.h"

namespace nearrt::chain {

using nlohmann::json;

namespace {

// Field readers. `obj` is a JSON object (find() on anything else finds
// nothing); `at` is the error prefix of the enclosing value ("" or "...: ").
// None of them calls an accessor that can throw.

constexpr uint64_t kDefaultGas = 30'000'000'000'000;
// Deepest nesting of a JSON "args" value (dumped recursively).
constexpr int kMaxArgsDepth = 256;

// `s` for an error message: quoted, at most 64 bytes (cut at a character).
std::string Quote(std::string_view s) {
  if (s.size() > 64) {
    size_t n = 64;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return "\"" + std::string(s.substr(0, n)) + "...\"";
  }
  return "\"" + std::string(s) + "\"";
}

Unexpected<Error> Fail(const std::string& at, std::string_view key, std::string_view what) {
  return Err(at + std::string(key) + ": " + std::string(what));
}

// The field, or nullptr when absent or null.
const json* Find(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::optional<std::string>> OptString(const json& obj, const char* key, const std::string& at) {
  const json* v = Find(obj, key);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return Fail(at, key, "expected a string");
  return std::optional<std::string>(v->get_ref<const std::string&>());
}

Result<std::string> ReqString(const json& obj, const char* key, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(auto s, OptString(obj, key, at));
  if (!s) return Fail(at, key, "required (a string)");
  return std::move(*s);
}

Result<std::optional<uint64_t>> OptUnsigned(const json& obj, const char* key, const std::string& at,
                                            uint64_t max = UINT64_MAX) {
  const json* v = Find(obj, key);
  if (!v) return std::optional<uint64_t>();
  if (!v->is_number_unsigned()) {
    return Fail(at, key, max == UINT64_MAX ? "expected an unsigned integer below 2^64"
                                           : "expected an integer in 0.." + std::to_string(max));
  }
  uint64_t n = v->get<uint64_t>();
  if (n > max) return Fail(at, key, "expected an integer in 0.." + std::to_string(max));
  return std::optional<uint64_t>(n);
}

Result<Balance> BalanceValue(const json& v, std::string_view key, const std::string& at) {
  if (v.is_number_unsigned()) return Balance(v.get<uint64_t>());
  if (!v.is_string()) return Fail(at, key, "expected a balance (a decimal string)");
  const std::string& s = v.get_ref<const std::string&>();
  auto b = vm::ParseBalance(s);
  if (!b) return Fail(at, key, "invalid balance " + Quote(s) + " (a decimal integer below 2^128)");
  return *b;
}

Result<std::optional<Balance>> OptBalance(const json& obj, const char* key, const std::string& at) {
  const json* v = Find(obj, key);
  if (!v) return std::optional<Balance>();
  NEARRT_ASSIGN_OR_RETURN(Balance b, BalanceValue(*v, key, at));
  return std::optional<Balance>(b);
}

Result<Balance> ReqBalance(const json& obj, const char* key, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(auto b, OptBalance(obj, key, at));
  if (!b) return Fail(at, key, "required (a balance)");
  return *b;
}

Result<std::optional<Bytes>> OptBase64(const json& obj, const char* key, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(auto s, OptString(obj, key, at));
  if (!s) return std::optional<Bytes>();
  auto b = Base64Decode(*s);
  if (!b.ok()) return Fail(at, key, "not base64: " + b.error().message);
  return std::optional<Bytes>(std::move(*b));
}

Result<AccountId> ReqAccountId(const json& obj, const char* key, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(std::string s, ReqString(obj, key, at));
  auto id = AccountId::Parse(s);
  if (!id.ok()) return Fail(at, key, "invalid account id " + Quote(s) + ": " + id.error().message);
  return std::move(*id);
}

Result<PublicKey> PublicKeyText(const std::string& s, std::string_view key, const std::string& at) {
  auto pk = PublicKey::Parse(s);
  if (!pk.ok()) return Fail(at, key, "invalid public key " + Quote(s) + ": " + pk.error().message);
  return std::move(*pk);
}

Result<PublicKey> ReqPublicKey(const json& obj, const char* key, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(std::string s, ReqString(obj, key, at));
  return PublicKeyText(s, key, at);
}

// Contract code: "code_file" (read from `dir`) or "code_base64"; nullopt if neither.
Result<std::optional<Bytes>> OptCode(const json& obj, const CodeFileDir& dir, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(auto file, OptString(obj, "code_file", at));
  if (file) {
    if (!dir) return Fail(at, "code_file", "no files here: give the code as code_base64");
    std::string path = *file;
    if (!path.empty() && path[0] != '/') path = *dir + "/" + path;
    auto code = ReadFile(path);
    if (!code.ok()) return Fail(at, "code_file", code.error().message);
    return std::optional<Bytes>(std::move(*code));
  }
  return OptBase64(obj, "code_base64", at);
}

Result<Bytes> ReqCode(const json& obj, const CodeFileDir& dir, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(auto code, OptCode(obj, dir, at));
  if (!code) return Err(at + (dir ? "code_file or code_base64 required" : "code_base64 required"));
  return std::move(*code);
}

// "permission": absent/null/"FullAccess" or {"FunctionCall": {...}}.
Status ReadPermission(const json& obj, const std::string& at, AccessKeyPermission* out) {
  const json* p = Find(obj, "permission");
  out->kind = AccessKeyPermission::Kind::kFullAccess;
  if (!p || (p->is_string() && p->get_ref<const std::string&>() == "FullAccess")) return {};
  const json* fc = Find(*p, "FunctionCall");
  if (!p->is_object() || p->size() != 1 || !fc) {
    return Fail(at, "permission", "expected \"FullAccess\" or {\"FunctionCall\": {...}}");
  }
  const std::string fat = at + "permission: FunctionCall: ";
  if (!fc->is_object()) return Err(fat + "expected an object");
  out->kind = AccessKeyPermission::Kind::kFunctionCall;
  NEARRT_ASSIGN_OR_RETURN(out->function_call.allowance, OptBalance(*fc, "allowance", fat));
  NEARRT_ASSIGN_OR_RETURN(out->function_call.receiver_id, ReqString(*fc, "receiver_id", fat));
  if (const json* m = Find(*fc, "method_names")) {
    if (!m->is_array()) return Fail(fat, "method_names", "expected an array of strings");
    for (const json& name : *m) {
      if (!name.is_string()) return Fail(fat, "method_names", "expected an array of strings");
      out->function_call.method_names.push_back(name.get_ref<const std::string&>());
    }
  }
  return {};
}

// A genesis key: "ed25519:..." or {"public_key", "permission"?}.
Result<std::pair<PublicKey, AccessKey>> GenesisKey(const json& k, const std::string& at) {
  if (k.is_string()) {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, PublicKeyText(k.get_ref<const std::string&>(), "public_key", at));
    return std::make_pair(std::move(pk), AccessKey::FullAccess());
  }
  if (!k.is_object()) return Err(at + "expected a public key string or {\"public_key\", \"permission\"}");
  NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReqPublicKey(k, "public_key", at));
  AccessKey ak = AccessKey::FullAccess();
  NEARRT_TRY(ReadPermission(k, at, &ak.permission));
  return std::make_pair(std::move(pk), std::move(ak));
}

Result<GenesisAccount> GenesisAccountFromJson(const json& a, const CodeFileDir& dir, std::string at) {
  if (!a.is_object()) return Err(at + "expected an object");
  GenesisAccount ga;
  NEARRT_ASSIGN_OR_RETURN(ga.account_id, ReqAccountId(a, "account_id", at));
  at = at.substr(0, at.size() - 2) + " (" + ga.account_id.str() + "): ";
  NEARRT_ASSIGN_OR_RETURN(auto amount, OptBalance(a, "amount", at));
  ga.amount = amount.value_or(0);
  NEARRT_ASSIGN_OR_RETURN(auto locked, OptBalance(a, "locked", at));
  ga.locked = locked.value_or(0);
  NEARRT_ASSIGN_OR_RETURN(auto seed, OptString(a, "test_key_seed", at));
  if (seed) ga.keys.emplace_back(Signer::FromSeed(KeyType::kEd25519, *seed).public_key(), AccessKey::FullAccess());
  if (const json* keys = Find(a, "keys")) {
    if (!keys->is_array()) return Fail(at, "keys", "expected an array");
    for (size_t i = 0; i < keys->size(); ++i) {
      NEARRT_ASSIGN_OR_RETURN(auto key, GenesisKey((*keys)[i], at + "keys " + std::to_string(i) + ": "));
      ga.keys.push_back(std::move(key));
    }
  }
  NEARRT_ASSIGN_OR_RETURN(ga.code, OptCode(a, dir, at));
  if (const json* data = Find(a, "data")) {
    if (!data->is_object()) return Fail(at, "data", "expected {\"<base64 key>\": \"<base64 value>\"}");
    for (const auto& [k, v] : data->items()) {
      auto key = Base64Decode(k);
      if (!key.ok()) return Fail(at, "data", "key " + Quote(k) + " is not base64");
      if (!v.is_string()) return Fail(at, "data", "the value of " + Quote(k) + " must be a base64 string");
      auto value = Base64Decode(v.get_ref<const std::string&>());
      if (!value.ok()) return Fail(at, "data", "the value of " + Quote(k) + " is not base64");
      ga.data[std::move(*key)] = std::move(*value);
    }
  }
  return ga;
}

bool NestedWithin(const json& j, int depth) {
  if (!j.is_structured()) return true;
  if (depth == 0) return false;
  for (const json& x : j) {
    if (!NestedWithin(x, depth - 1)) return false;
  }
  return true;
}

Result<Action> FunctionCallFromJson(const json& v, const std::string& at) {
  FunctionCallAction f;
  NEARRT_ASSIGN_OR_RETURN(f.method_name, ReqString(v, "method_name", at));
  NEARRT_ASSIGN_OR_RETURN(auto args, OptBase64(v, "args_base64", at));
  if (args) {
    f.args = std::move(*args);
  } else if (const json* a = Find(v, "args")) {
    if (a->is_string()) {
      f.args = ToBytes(a->get_ref<const std::string&>());
    } else {
      if (!NestedWithin(*a, kMaxArgsDepth)) {
        return Fail(at, "args", "nested deeper than " + std::to_string(kMaxArgsDepth) + " levels");
      }
      f.args = ToBytes(DumpJson(*a));
    }
  }
  NEARRT_ASSIGN_OR_RETURN(auto gas, OptUnsigned(v, "gas", at));
  f.gas = gas.value_or(kDefaultGas);
  NEARRT_ASSIGN_OR_RETURN(auto deposit, OptBalance(v, "deposit", at));
  f.deposit = deposit.value_or(0);
  return Action(std::move(f));
}

Result<Action> AddKeyFromJson(const json& v, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReqPublicKey(v, "public_key", at));
  AccessKey ak = AccessKey::FullAccess();
  NEARRT_TRY(ReadPermission(v, at, &ak.permission));
  NEARRT_ASSIGN_OR_RETURN(auto nonces, OptUnsigned(v, "gas_key_nonces", at, UINT16_MAX));
  if (nonces) {
    ak.permission.kind = ak.permission.kind == AccessKeyPermission::Kind::kFunctionCall
                             ? AccessKeyPermission::Kind::kGasKeyFunctionCall
                             : AccessKeyPermission::Kind::kGasKeyFullAccess;
    ak.permission.gas_key.num_nonces = static_cast<uint16_t>(*nonces);
  }
  return Action(AddKeyAction{std::move(pk), std::move(ak)});
}

Result<Action> UseGlobalFromJson(const json& v, const std::string& at) {
  NEARRT_ASSIGN_OR_RETURN(auto hash, OptString(v, "code_hash", at));
  bool by_account = Find(v, "account_id") != nullptr;
  if (hash.has_value() == by_account) return Err(at + "expected one of code_hash or account_id");
  GlobalContractId id;
  if (hash) {
    auto h = CryptoHash::FromBase58(*hash);
    if (!h.ok()) return Fail(at, "code_hash", "invalid hash " + Quote(*hash) + ": " + h.error().message);
    id.code_hash = *h;
  } else {
    id.kind = GlobalContractId::Kind::kAccountId;
    NEARRT_ASSIGN_OR_RETURN(id.account_id, ReqAccountId(v, "account_id", at));
  }
  return Action(UseGlobalContractAction{std::move(id)});
}

Result<Action> ActionBody(const std::string& name, const json& v, const CodeFileDir& dir, const std::string& at) {
  if (name == "Transfer") {
    NEARRT_ASSIGN_OR_RETURN(Balance d, ReqBalance(v, "deposit", at));
    return Action(TransferAction{d});
  }
  if (name == "FunctionCall") return FunctionCallFromJson(v, at);
  if (name == "DeployContract") {
    NEARRT_ASSIGN_OR_RETURN(Bytes code, ReqCode(v, dir, at));
    return Action(DeployContractAction{std::move(code)});
  }
  if (name == "DeployGlobalContract") {
    NEARRT_ASSIGN_OR_RETURN(Bytes code, ReqCode(v, dir, at));
    NEARRT_ASSIGN_OR_RETURN(auto mode, OptString(v, "deploy_mode", at));
    if (mode && *mode != "CodeHash" && *mode != "AccountId") {
      return Fail(at, "deploy_mode", "expected \"CodeHash\" or \"AccountId\", got " + Quote(*mode));
    }
    return Action(DeployGlobalContractAction{std::move(code), static_cast<uint8_t>(mode && *mode == "AccountId")});
  }
  if (name == "UseGlobalContract") return UseGlobalFromJson(v, at);
  if (name == "AddKey") return AddKeyFromJson(v, at);
  if (name == "DeleteKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReqPublicKey(v, "public_key", at));
    return Action(DeleteKeyAction{std::move(pk)});
  }
  if (name == "Stake") {
    NEARRT_ASSIGN_OR_RETURN(Balance stake, ReqBalance(v, "stake", at));
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReqPublicKey(v, "public_key", at));
    return Action(StakeAction{stake, std::move(pk)});
  }
  if (name == "DeleteAccount") {
    NEARRT_ASSIGN_OR_RETURN(AccountId b, ReqAccountId(v, "beneficiary_id", at));
    return Action(DeleteAccountAction{std::move(b)});
  }
  if (name == "TransferToGasKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReqPublicKey(v, "public_key", at));
    NEARRT_ASSIGN_OR_RETURN(Balance d, ReqBalance(v, "deposit", at));
    return Action(TransferToGasKeyAction{std::move(pk), d});
  }
  if (name == "WithdrawFromGasKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReqPublicKey(v, "public_key", at));
    NEARRT_ASSIGN_OR_RETURN(Balance amount, ReqBalance(v, "amount", at));
    return Action(WithdrawFromGasKeyAction{std::move(pk), amount});
  }
  return Err(at + "unsupported action");
}

Result<SignedTransaction> TransactionFromJson(const json& t, const LocalChain& chain, const CodeFileDir& dir,
                                              const std::string& at, std::map<std::string, Nonce>& next_nonce) {
  if (!t.is_object()) return Err(at + "expected an object");
  NEARRT_ASSIGN_OR_RETURN(auto signed_bytes, OptBase64(t, "signed_tx_base64", at));
  if (signed_bytes) {
    auto s = SignedTransaction::FromBorsh(*signed_bytes);
    if (!s.ok()) return Fail(at, "signed_tx_base64", s.error().message);
    return std::move(*s);
  }
  Transaction tx;
  NEARRT_ASSIGN_OR_RETURN(tx.signer_id, ReqAccountId(t, "signer_id", at));
  NEARRT_ASSIGN_OR_RETURN(tx.receiver_id, ReqAccountId(t, "receiver_id", at));
  NEARRT_ASSIGN_OR_RETURN(auto secret, OptString(t, "secret_key", at));
  NEARRT_ASSIGN_OR_RETURN(auto seed, OptString(t, "signer_seed", at));
  Signer signer;
  if (secret) {
    auto s = Signer::ParseSecretKey(*secret);
    if (!s.ok()) return Fail(at, "secret_key", "invalid secret key: " + s.error().message);
    signer = std::move(*s);
  } else {
    signer = Signer::FromSeed(KeyType::kEd25519, seed.value_or(tx.signer_id.str()));
  }
  tx.public_key = signer.public_key();
  NEARRT_ASSIGN_OR_RETURN(auto nonce, OptUnsigned(t, "nonce", at));
  if (nonce) {
    tx.nonce.nonce = *nonce;
  } else {
    std::string key = tx.signer_id.str() + "/" + tx.public_key.ToString();
    auto it = next_nonce.find(key);
    if (it == next_nonce.end()) {
      auto ak = chain.GetAccessKey(tx.signer_id, tx.public_key);
      if (!ak.ok()) return Err(at + "reading the access key: " + ak.error().message);
      it = next_nonce.emplace(key, *ak ? (*ak)->nonce : 0).first;
    }
    tx.nonce.nonce = ++it->second;
  }
  tx.block_hash = chain.last_block_hash();
  if (const json* actions = Find(t, "actions")) {
    if (!actions->is_array()) return Fail(at, "actions", "expected an array");
    for (size_t i = 0; i < actions->size(); ++i) {
      NEARRT_ASSIGN_OR_RETURN(Action a, ActionFromJson((*actions)[i], dir, at + "action " + std::to_string(i) + ": "));
      tx.actions.push_back(std::move(a));
    }
  }
  return SignedTransaction::Sign(std::move(tx), signer);
}

}  // namespace

Result<Genesis> GenesisFromJson(const json& j, const CodeFileDir& dir) {
  const std::string at = "genesis: ";
  if (!j.is_object()) return Err(at + "expected a JSON object");
  Genesis g;
  NEARRT_ASSIGN_OR_RETURN(auto chain_id, OptString(j, "chain_id", at));
  if (chain_id) g.chain_id = std::move(*chain_id);
  NEARRT_ASSIGN_OR_RETURN(auto pv, OptUnsigned(j, "protocol_version", at, UINT32_MAX));
  if (pv) g.protocol_version = static_cast<uint32_t>(*pv);
  NEARRT_ASSIGN_OR_RETURN(auto config, OptString(j, "runtime_config", at));
  if (config) {
    if (*config != "mainnet" && *config != "test") {
      return Fail(at, "runtime_config", "expected \"mainnet\" or \"test\", got " + Quote(*config));
    }
    g.runtime_config = std::move(*config);
  }
  struct BalanceField { const char* key; Balance* out; };
  for (auto [key, out] : {BalanceField{"gas_price", &g.gas_price}, BalanceField{"min_gas_price", &g.min_gas_price},
                          BalanceField{"max_gas_price", &g.max_gas_price}}) {
    NEARRT_ASSIGN_OR_RETURN(auto b, OptBalance(j, key, at));
    if (b) *out = *b;
  }
  struct U64Field { const char* key; uint64_t* out; };
  for (auto [key, out] : {U64Field{"gas_limit", &g.gas_limit}, U64Field{"genesis_height", &g.genesis_height},
                          U64Field{"genesis_time", &g.genesis_time}, U64Field{"epoch_length", &g.epoch_length}}) {
    NEARRT_ASSIGN_OR_RETURN(auto n, OptUnsigned(j, key, at));
    if (n) *out = *n;
  }
  const json* accounts = Find(j, "accounts");
  if (!accounts || !accounts->is_array()) return Fail(at, "accounts", "required (an array of accounts)");
  std::set<AccountId> seen;
  for (size_t i = 0; i < accounts->size(); ++i) {
    std::string aat = at + "account " + std::to_string(i) + ": ";
    NEARRT_ASSIGN_OR_RETURN(GenesisAccount a, GenesisAccountFromJson((*accounts)[i], dir, aat));
    if (!seen.insert(a.account_id).second) return Err(aat + "duplicate account_id " + Quote(a.account_id.str()));
    g.accounts.push_back(std::move(a));
  }
  return g;
}

Result<Action> ActionFromJson(const json& a, const CodeFileDir& dir, const std::string& at) {
  if (a.is_string() && a.get_ref<const std::string&>() == "CreateAccount") return Action(CreateAccountAction{});
  if (!a.is_object() || a.size() != 1) {
    return Err(at + "expected \"CreateAccount\" or an object with one action name, got " +
               std::string(a.type_name()));
  }
  const std::string& name = a.begin().key();
  if (name == "CreateAccount") return Action(CreateAccountAction{});
  constexpr std::string_view kNames[] = {
      "Transfer", "FunctionCall", "DeployContract", "DeployGlobalContract", "UseGlobalContract", "AddKey",
      "DeleteKey", "Stake", "DeleteAccount", "TransferToGasKey", "WithdrawFromGasKey"};
  if (std::find(std::begin(kNames), std::end(kNames), name) == std::end(kNames)) {
    return Err(at + "unsupported action " + Quote(name));
  }
  const std::string body_at = at + name + ": ";
  const json& v = a.begin().value();
  if (!v.is_object()) return Err(body_at + "expected an object");
  return ActionBody(name, v, dir, body_at);
}

Result<std::vector<SignedTransaction>> TransactionsFromJson(const json& list, const LocalChain& chain,
                                                            const CodeFileDir& dir) {
  if (!list.is_array()) return Err("transactions: expected an array");
  std::vector<SignedTransaction> out;
  std::map<std::string, Nonce> next_nonce;
  for (size_t i = 0; i < list.size(); ++i) {
    NEARRT_ASSIGN_OR_RETURN(SignedTransaction s, TransactionFromJson(list[i], chain, dir,
                                                                    "transaction " + std::to_string(i) + ": ",
                                                                    next_nonce));
    out.push_back(std::move(s));
  }
  return out;
}

json BlockToJson(const BlockResult& b) {
  json outcomes = json::array();
  for (const auto& o : b.apply.outcomes) outcomes.push_back(runtime::OutcomeToJson(o));
  json receipts = json::array();
  for (const auto& r : b.apply.outgoing_receipts) receipts.push_back(runtime::ReceiptToJson(r));
  json out = json{{"height", b.height},
                  {"block_hash", b.block_hash.ToBase58()},
                  {"gas_price", vm::BalanceToString(b.gas_price)},
                  {"state_root", b.apply.state_root.ToBase58()},
                  {"outcome_root", b.outcome_root.ToBase58()},
                  {"gas_burnt", b.apply.total_gas_burnt},
                  {"tokens_burnt", vm::BalanceToString(b.apply.total_balance_burnt)},
                  {"outcomes", std::move(outcomes)},
                  {"outgoing_receipts", std::move(receipts)}};
  if (b.apply.proof) {
    out["witness"] = json{{"nodes", b.apply.proof->values.size()},
                          {"bytes", b.apply.proof->TotalSize()},
                          {"borsh_base64", Base64Encode(b.apply.proof->ToBorsh())}};
  }
  return out;
}

std::string DumpJson(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

Result<json> ParseJsonText(std::string_view text, std::string_view what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Err(std::string(what) + ": invalid JSON");
  return j;
}

}  // namespace nearrt::chain
