// A local single-shard chain in the module (src/chain LocalChain over
// runtime::Apply): genesis, blocks of transactions, view calls, accounts,
// state roots and state witnesses, with the block JSON of `nearrt apply`
// (src/cli/apply_command.cc). Every JSON field is type-checked here: an
// nlohmann accessor that throws aborts the module under emcc.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "chain/local_chain.h"
#include "nearrt_web.h"
#include "runtime/outcome_json.h"
#include "vm/types.h"
#include "web_util.h"

namespace nearrt::web {
namespace {

std::unique_ptr<chain::LocalChain>& Chain() {
  static auto* chain = new std::unique_ptr<chain::LocalChain>;
  return *chain;
}

bool IsBalance(const json& v) { return v.is_string() || v.is_number_unsigned(); }

Result<Balance> ReadBalance(const json& obj, const char* key, Balance def = 0) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return def;
  if (!IsBalance(*it)) return Err(std::string(key) + ": expected a balance (decimal string)");
  auto b = vm::ParseBalance(it->is_string() ? it->get<std::string>() : it->dump());
  if (!b) return Err(std::string(key) + ": invalid balance");
  return *b;
}

Status ReadU64(const json& obj, const char* key, uint64_t* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_number_unsigned()) return Err(std::string(key) + ": expected an unsigned integer");
  *out = it->get<uint64_t>();
  return {};
}

// The genesis JSON of src/chain/local_chain.h into a Genesis, with every
// field's type checked. (Genesis::FromJson reads the same fields, but its
// nlohmann accessors throw on a wrongly typed field, which aborts under emcc,
// and it iterates `a.value("data", ...).items()` over a temporary that is
// already destroyed.) Code comes as code_base64: there is no file system.
Result<chain::Genesis> ParseGenesis(const json& g) {
  if (!g.is_object()) return Err("genesis: expected a JSON object");
  chain::Genesis out;
  NEARRT_TRY(ReadString(g, "chain_id", &out.chain_id));
  NEARRT_TRY(ReadU32(g, "protocol_version", &out.protocol_version));
  NEARRT_TRY(ReadString(g, "runtime_config", &out.runtime_config));
  NEARRT_ASSIGN_OR_RETURN(out.gas_price, ReadBalance(g, "gas_price", out.gas_price));
  NEARRT_ASSIGN_OR_RETURN(out.min_gas_price, ReadBalance(g, "min_gas_price", out.min_gas_price));
  NEARRT_ASSIGN_OR_RETURN(out.max_gas_price, ReadBalance(g, "max_gas_price", out.max_gas_price));
  NEARRT_TRY(ReadU64(g, "gas_limit", &out.gas_limit));
  NEARRT_TRY(ReadU64(g, "genesis_height", &out.genesis_height));
  NEARRT_TRY(ReadU64(g, "genesis_time", &out.genesis_time));
  auto accounts = g.find("accounts");
  if (accounts == g.end() || !accounts->is_array()) return Err("genesis.accounts: expected an array");
  for (const json& a : *accounts) {
    if (!a.is_object()) return Err("genesis.accounts: expected objects");
    chain::GenesisAccount ga;
    std::string id;
    NEARRT_TRY(ReadString(a, "account_id", &id));
    auto parsed = AccountId::Parse(id);
    if (!parsed.ok()) return Err("genesis account '" + id + "': " + parsed.error().message);
    ga.account_id = std::move(*parsed);
    const std::string who = "genesis account " + id + ": ";
    auto fail = [&](const std::string& what) { return Err(who + what); };
    auto amount = ReadBalance(a, "amount");
    if (!amount.ok()) return fail(amount.error().message);
    ga.amount = *amount;
    auto locked = ReadBalance(a, "locked");
    if (!locked.ok()) return fail(locked.error().message);
    ga.locked = *locked;
    std::string seed;
    bool have_seed = false;
    if (auto st = ReadString(a, "test_key_seed", &seed, &have_seed); !st.ok()) return fail(st.error().message);
    if (have_seed) {
      ga.keys.emplace_back(Signer::FromSeed(KeyType::kEd25519, seed).public_key(), AccessKey::FullAccess());
    }
    if (auto keys = a.find("keys"); keys != a.end() && !keys->is_null()) {
      if (!keys->is_array()) return fail("keys must be an array");
      for (const json& k : *keys) {
        std::string pk_text;
        if (k.is_string()) {
          pk_text = k.get<std::string>();
        } else if (k.is_object()) {
          if (auto st = ReadString(k, "public_key", &pk_text); !st.ok()) return fail(st.error().message);
        } else {
          return fail("a key is a public key string or {public_key, permission}");
        }
        auto pk = PublicKey::Parse(pk_text);
        if (!pk.ok()) return fail("key " + pk_text + ": " + pk.error().message);
        AccessKey ak = AccessKey::FullAccess();
        auto perm = k.is_object() ? k.find("permission") : k.end();
        if (k.is_object() && perm != k.end() && perm->is_object() && perm->contains("FunctionCall")) {
          const json& fc = (*perm)["FunctionCall"];
          if (!fc.is_object()) return fail("FunctionCall permission must be an object");
          ak.permission.kind = AccessKeyPermission::Kind::kFunctionCall;
          if (fc.contains("allowance") && !fc["allowance"].is_null()) {
            auto al = ReadBalance(fc, "allowance");
            if (!al.ok()) return fail(al.error().message);
            ak.permission.function_call.allowance = *al;
          }
          std::string receiver;
          if (auto st = ReadString(fc, "receiver_id", &receiver); !st.ok()) return fail(st.error().message);
          ak.permission.function_call.receiver_id = receiver;
          if (auto m = fc.find("method_names"); m != fc.end() && !m->is_null()) {
            if (!m->is_array()) return fail("method_names must be an array");
            for (const json& name : *m) {
              if (!name.is_string()) return fail("method_names must be strings");
              ak.permission.function_call.method_names.push_back(name.get<std::string>());
            }
          }
        }
        ga.keys.emplace_back(std::move(*pk), std::move(ak));
      }
    }
    if (a.contains("code_file")) return fail("code_file is not available here: give code_base64");
    Bytes code;
    bool have_code = false;
    if (auto st = ReadBase64(a, "code_base64", &code, &have_code); !st.ok()) return fail(st.error().message);
    if (have_code) ga.code = std::move(code);
    auto data = ReadState(a, "data");
    if (!data.ok()) return fail(data.error().message);
    ga.data = std::move(*data);
    out.accounts.push_back(std::move(ga));
  }
  return out;
}

Result<PublicKey> ReadKey(const json& obj) {
  std::string text;
  bool have = false;
  NEARRT_TRY(ReadString(obj, "public_key", &text, &have));
  if (!have) return Err("public_key: required");
  return PublicKey::Parse(text);
}

// One action, in the forms of `nearrt apply` (code as base64 instead of a file).
Result<Action> ParseAction(const json& a) {
  if (a.is_string() && a.get<std::string>() == "CreateAccount") return Action(CreateAccountAction{});
  if (!a.is_object() || a.size() != 1) return Err("invalid action " + Dump(a));
  const std::string name = a.begin().key();
  const json& v = a.begin().value();
  if (name == "CreateAccount") return Action(CreateAccountAction{});
  if (!v.is_object()) return Err(name + ": expected an object");
  if (name == "Transfer") {
    NEARRT_ASSIGN_OR_RETURN(Balance d, ReadBalance(v, "deposit"));
    return Action(TransferAction{d});
  }
  if (name == "FunctionCall") {
    FunctionCallAction f;
    NEARRT_TRY(ReadString(v, "method_name", &f.method_name));
    bool have_b64 = false;
    NEARRT_TRY(ReadBase64(v, "args_base64", &f.args, &have_b64));
    if (!have_b64 && v.contains("args")) {
      f.args = ToBytes(v["args"].is_string() ? v["args"].get<std::string>() : Dump(v["args"]));
    }
    f.gas = 30'000'000'000'000;
    if (v.contains("gas")) {
      if (!v["gas"].is_number_unsigned()) return Err("FunctionCall.gas: expected an integer");
      f.gas = v["gas"].get<uint64_t>();
    }
    NEARRT_ASSIGN_OR_RETURN(f.deposit, ReadBalance(v, "deposit"));
    return Action(std::move(f));
  }
  if (name == "DeployContract") {
    DeployContractAction d;
    bool have = false;
    NEARRT_TRY(ReadBase64(v, "code_base64", &d.code, &have));
    if (!have) return Err("DeployContract: code_base64 required");
    return Action(std::move(d));
  }
  if (name == "AddKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReadKey(v));
    return Action(AddKeyAction{pk, AccessKey::FullAccess()});
  }
  if (name == "DeleteKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReadKey(v));
    return Action(DeleteKeyAction{pk});
  }
  if (name == "Stake") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, ReadKey(v));
    NEARRT_ASSIGN_OR_RETURN(Balance s, ReadBalance(v, "stake"));
    return Action(StakeAction{s, pk});
  }
  if (name == "DeleteAccount") {
    std::string b;
    NEARRT_TRY(ReadString(v, "beneficiary_id", &b));
    NEARRT_ASSIGN_OR_RETURN(AccountId id, AccountId::Parse(b));
    return Action(DeleteAccountAction{id});
  }
  return Err("unsupported action " + name);
}

// Transactions as `nearrt apply` takes them: {"signed_tx_base64"} or
// {signer_id, receiver_id, nonce?, signer_seed? | secret_key?, actions}.
Result<std::vector<SignedTransaction>> ParseTransactions(const json& list, chain::LocalChain& chain) {
  if (!list.is_array()) return Err("transactions: expected an array");
  std::vector<SignedTransaction> out;
  std::map<std::string, Nonce> next_nonce;
  for (const json& t : list) {
    if (!t.is_object()) return Err("transaction: expected an object");
    Bytes signed_bytes;
    bool have_signed = false;
    NEARRT_TRY(ReadBase64(t, "signed_tx_base64", &signed_bytes, &have_signed));
    if (have_signed) {
      NEARRT_ASSIGN_OR_RETURN(SignedTransaction s, SignedTransaction::FromBorsh(signed_bytes));
      out.push_back(std::move(s));
      continue;
    }
    Transaction tx;
    std::string signer_id, receiver_id, seed, secret;
    NEARRT_TRY(ReadString(t, "signer_id", &signer_id));
    NEARRT_TRY(ReadString(t, "receiver_id", &receiver_id));
    NEARRT_ASSIGN_OR_RETURN(tx.signer_id, AccountId::Parse(signer_id));
    NEARRT_ASSIGN_OR_RETURN(tx.receiver_id, AccountId::Parse(receiver_id));
    bool have_secret = false;
    NEARRT_TRY(ReadString(t, "secret_key", &secret, &have_secret));
    seed = tx.signer_id.str();
    NEARRT_TRY(ReadString(t, "signer_seed", &seed));
    Signer signer;
    if (have_secret) {
      NEARRT_ASSIGN_OR_RETURN(signer, Signer::ParseSecretKey(secret));
    } else {
      signer = Signer::FromSeed(KeyType::kEd25519, seed);
    }
    tx.public_key = signer.public_key();
    std::string key = tx.signer_id.str() + "/" + tx.public_key.ToString();
    if (t.contains("nonce")) {
      if (!t["nonce"].is_number_unsigned()) return Err("nonce: expected an integer");
      tx.nonce.nonce = t["nonce"].get<uint64_t>();
    } else {
      if (!next_nonce.count(key)) {
        NEARRT_ASSIGN_OR_RETURN(auto ak, chain.GetAccessKey(tx.signer_id, tx.public_key));
        next_nonce[key] = ak ? ak->nonce : 0;
      }
      tx.nonce.nonce = ++next_nonce[key];
    }
    tx.block_hash = chain.last_block_hash();
    if (t.contains("actions")) {
      if (!t["actions"].is_array()) return Err("actions: expected an array");
      for (const json& a : t["actions"]) {
        NEARRT_ASSIGN_OR_RETURN(Action action, ParseAction(a));
        tx.actions.push_back(std::move(action));
      }
    }
    out.push_back(SignedTransaction::Sign(std::move(tx), signer));
  }
  return out;
}

// The block JSON of `nearrt apply`, plus the witness size when recorded.
json BlockJson(const chain::BlockResult& b) {
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
                  {"outcomes", outcomes},
                  {"outgoing_receipts", receipts}};
  if (b.apply.proof) {
    out["witness"] = json{{"nodes", b.apply.proof->values.size()}, {"bytes", b.apply.proof->TotalSize()},
                          {"borsh_base64", Base64Encode(b.apply.proof->ToBorsh())}};
  }
  return out;
}

const char* NoChain() { return ErrorReply("NoChain", "no chain: call chain_create first"); }

}  // namespace
}  // namespace nearrt::web

using namespace nearrt;
using namespace nearrt::web;

extern "C" {

const char* nearrt_web_chain_create(const char* request) {
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  auto it = req->find("genesis");
  if (it == req->end()) return InputError("genesis: required");
  auto genesis = ParseGenesis(*it);
  if (!genesis.ok()) return InputError(genesis.error().message);
  auto c = chain::LocalChain::Create(*genesis);
  if (!c.ok()) return ErrorReply("ChainError", c.error().message);
  Chain() = std::move(*c);
  json out = json{{"height", Chain()->height()},
                  {"state_root", Chain()->state_root().ToBase58()},
                  {"block_hash", Chain()->last_block_hash().ToBase58()},
                  {"genesis_supply", vm::BalanceToString(Chain()->genesis_supply())}};
  return Reply(Dump(out));
}

const char* nearrt_web_chain_block(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  bool record = false;
  if (auto st = ReadBool(*req, "record", &record); !st.ok()) return InputError(st.error().message);
  std::vector<SignedTransaction> txs;
  if (auto it = req->find("transactions"); it != req->end() && !it->is_null()) {
    auto parsed = ParseTransactions(*it, *Chain());
    if (!parsed.ok()) return InputError(parsed.error().message);
    txs = std::move(*parsed);
  }
  auto b = Chain()->ProduceBlock(txs, record);
  if (!b.ok()) return ErrorReply("ChainError", b.error().message);
  return Reply(Dump(BlockJson(*b)));
}

const char* nearrt_web_chain_idle(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  uint32_t max_blocks = 50;
  if (auto st = ReadU32(*req, "max_blocks", &max_blocks); !st.ok()) return InputError(st.error().message);
  json blocks = json::array();
  for (uint32_t i = 0; i < max_blocks && !Chain()->pending_receipts().empty(); ++i) {
    auto b = Chain()->ProduceBlock({});
    if (!b.ok()) return ErrorReply("ChainError", b.error().message);
    blocks.push_back(BlockJson(*b));
  }
  json out = json{{"blocks", std::move(blocks)}, {"state_root", Chain()->state_root().ToBase58()},
                  {"pending_receipts", Chain()->pending_receipts().size()}};
  return Reply(Dump(out));
}

const char* nearrt_web_chain_view(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  std::string account, method, args_text;
  bool have_args = false;
  Bytes args;
  bool have_b64 = false;
  for (auto st : {ReadString(*req, "account_id", &account), ReadString(*req, "method", &method),
                  ReadString(*req, "args", &args_text, &have_args),
                  ReadBase64(*req, "args_base64", &args, &have_b64)}) {
    if (!st.ok()) return InputError(st.error().message);
  }
  auto id = AccountId::Parse(account);
  if (!id.ok()) return InputError("account_id: " + id.error().message);
  if (have_args) args = ToBytes(args_text);
  auto o = Chain()->ViewCall(*id, method, args);
  if (!o.ok()) return ErrorReply("ChainError", o.error().message);
  json out = json::object();
  json logs = json::array();
  for (const auto& l : o->logs) logs.push_back(l);
  out["logs"] = std::move(logs);
  out["burnt_gas"] = o->burnt_gas;
  if (o->aborted) {
    out["err_message"] = o->aborted->Message();
  } else if (o->return_data.kind == vm::ReturnData::Kind::kValue) {
    const Bytes& v = o->return_data.value;
    out["return_base64"] = Base64Encode(v);
  }
  return Reply(Dump(out));
}

const char* nearrt_web_chain_account(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  std::string account;
  if (auto st = ReadString(*req, "account_id", &account); !st.ok()) return InputError(st.error().message);
  auto id = AccountId::Parse(account);
  if (!id.ok()) return InputError("account_id: " + id.error().message);
  auto a = Chain()->GetAccount(*id);
  if (!a.ok()) return ErrorReply("ChainError", a.error().message);
  json out = json::object();
  if (!*a) {
    out["account"] = nullptr;
  } else {
    const Account& acc = **a;
    json aj = json{{"amount", vm::BalanceToString(acc.amount())},
                   {"locked", vm::BalanceToString(acc.locked())},
                   {"storage_usage", acc.storage_usage()}};
    if (acc.contract().kind == AccountContract::Kind::kLocal) aj["code_hash"] = acc.contract().hash.ToBase58();
    out["account"] = std::move(aj);
  }
  out["height"] = Chain()->height();
  out["state_root"] = Chain()->state_root().ToBase58();
  return Reply(Dump(out));
}

}  // extern "C"
