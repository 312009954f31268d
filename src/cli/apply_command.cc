// nearrt apply: apply blocks of signed transactions on a local single-shard
// chain (src/chain) and print the outcomes and the new state root as JSON.
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "chain/local_chain.h"
#include "cli/commands.h"
#include "runtime/outcome_json.h"
#ifdef NEARRT_HAVE_ROCKSDB
#include "store/rocksdb_backend.h"
#endif

namespace nearrt::cli {
namespace {

using nlohmann::json;

const char kUsage[] =
    "usage: nearrt apply --genesis GENESIS.json --block TXS.json [--block TXS2.json ...]\n"
    "                    [--state DB_DIR] [--no-idle] [--max-blocks N]\n"
    "\n"
    "Creates a local single-shard chain from GENESIS.json (see src/chain/local_chain.h:\n"
    "accounts with amount, keys or test_key_seed, code_file, data; runtime_config\n"
    "\"mainnet\" (PV86 parameters) or \"test\" (nearcore RuntimeConfig::test()); gas_price;\n"
    "chain_id), then applies one block per --block file and, unless --no-idle, further\n"
    "empty blocks until no receipts are pending (at most --max-blocks, default 50).\n"
    "With --state, trie nodes are persisted in RocksDB at DB_DIR; an existing DB is\n"
    "reopened and genesis accounts are not re-added.\n"
    "\n"
    "TXS.json is an array of transactions, each either\n"
    "  {\"signed_tx_base64\": \"<borsh SignedTransaction>\"}\n"
    "or a transaction signed here:\n"
    "  {\"signer_id\": \"alice.near\", \"receiver_id\": \"bob.near\", \"nonce\": 1,\n"
    "   \"signer_seed\": \"alice.near\" | \"secret_key\": \"ed25519:...\",\n"
    "   \"actions\": [ {\"Transfer\": {\"deposit\": \"1000\"}},\n"
    "                {\"FunctionCall\": {\"method_name\": \"m\", \"args\": \"{...}\" | \"args_base64\": \"..\",\n"
    "                                  \"gas\": 30000000000000, \"deposit\": \"0\"}},\n"
    "                \"CreateAccount\", {\"DeployContract\": {\"code_file\": \"c.wasm\"}},\n"
    "                {\"AddKey\": {\"public_key\": \"ed25519:..\"}}, {\"DeleteKey\": {\"public_key\": \"..\"}},\n"
    "                {\"Stake\": {\"stake\": \"..\", \"public_key\": \"..\"}},\n"
    "                {\"DeleteAccount\": {\"beneficiary_id\": \"bob.near\"}},\n"
    "                {\"DeployGlobalContract\": {\"code_file\": \"c.wasm\", \"deploy_mode\": \"CodeHash\"|\"AccountId\"}},\n"
    "                {\"UseGlobalContract\": {\"code_hash\": \"<base58>\"} | {\"account_id\": \"..\"}},\n"
    "                {\"AddKey\": {\"public_key\": \"..\", \"gas_key_nonces\": 4}},\n"
    "                {\"TransferToGasKey\": {\"public_key\": \"..\", \"deposit\": \"..\"}},\n"
    "                {\"WithdrawFromGasKey\": {\"public_key\": \"..\", \"amount\": \"..\"}} ]}\n"
    "The nonce defaults to the key's nonce + 1.\n"
    "\n"
    "Output: one JSON object per block: height, gas_price, state_root, outcome_root,\n"
    "outcomes (id, logs, receipt_ids, gas_burnt, tokens_burnt, executor_id, status),\n"
    "outgoing receipts, tokens burnt; then the final state root.\n";

Result<Balance> Bal(const json& j) {
  auto v = vm::ParseBalance(j.is_string() ? j.get<std::string>() : j.dump());
  if (!v) return Err("invalid balance " + j.dump());
  return *v;
}

Result<Action> ParseAction(const json& a, const std::string& dir) {
  if (a.is_string() && a.get<std::string>() == "CreateAccount") return Action(CreateAccountAction{});
  if (!a.is_object() || a.size() != 1) return Err("invalid action " + a.dump());
  const std::string name = a.begin().key();
  const json& v = a.begin().value();
  if (name == "CreateAccount") return Action(CreateAccountAction{});
  if (name == "Transfer") {
    NEARRT_ASSIGN_OR_RETURN(Balance d, Bal(v.at("deposit")));
    return Action(TransferAction{d});
  }
  if (name == "FunctionCall") {
    FunctionCallAction f;
    f.method_name = v.value("method_name", "");
    if (v.contains("args_base64")) {
      NEARRT_ASSIGN_OR_RETURN(f.args, Base64Decode(v["args_base64"].get<std::string>()));
    } else if (v.contains("args")) {
      f.args = ToBytes(v["args"].is_string() ? v["args"].get<std::string>() : v["args"].dump());
    }
    f.gas = v.value("gas", uint64_t{30'000'000'000'000});
    if (v.contains("deposit")) { NEARRT_ASSIGN_OR_RETURN(f.deposit, Bal(v["deposit"])); }
    return Action(std::move(f));
  }
  if (name == "DeployContract") {
    std::string path = v.value("code_file", "");
    if (!path.empty() && path[0] != '/') path = dir + "/" + path;
    NEARRT_ASSIGN_OR_RETURN(Bytes code, ReadFile(path));
    return Action(DeployContractAction{std::move(code)});
  }
  if (name == "AddKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, PublicKey::Parse(v.value("public_key", "")));
    AccessKey ak = AccessKey::FullAccess();
    if (v.contains("gas_key_nonces")) {
      const json& n = v["gas_key_nonces"];
      if (!n.is_number_unsigned() || n.get<uint64_t>() > UINT16_MAX) return Err("invalid gas_key_nonces");
      ak.permission.kind = AccessKeyPermission::Kind::kGasKeyFullAccess;
      ak.permission.gas_key.num_nonces = static_cast<uint16_t>(n.get<uint64_t>());
    }
    return Action(AddKeyAction{pk, ak});
  }
  if (name == "DeployGlobalContract") {
    std::string path = v.value("code_file", "");
    if (!path.empty() && path[0] != '/') path = dir + "/" + path;
    NEARRT_ASSIGN_OR_RETURN(Bytes code, ReadFile(path));
    std::string mode = v.value("deploy_mode", "CodeHash");
    if (mode != "CodeHash" && mode != "AccountId") return Err("invalid deploy_mode " + mode);
    return Action(DeployGlobalContractAction{std::move(code), static_cast<uint8_t>(mode == "AccountId")});
  }
  if (name == "UseGlobalContract") {
    GlobalContractId id;
    if (v.contains("code_hash")) {
      NEARRT_ASSIGN_OR_RETURN(id.code_hash, CryptoHash::FromBase58(v.value("code_hash", "")));
    } else {
      id.kind = GlobalContractId::Kind::kAccountId;
      NEARRT_ASSIGN_OR_RETURN(id.account_id, AccountId::Parse(v.value("account_id", "")));
    }
    return Action(UseGlobalContractAction{id});
  }
  if (name == "TransferToGasKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, PublicKey::Parse(v.value("public_key", "")));
    if (!v.contains("deposit")) return Err("TransferToGasKey needs a deposit");
    NEARRT_ASSIGN_OR_RETURN(Balance d, Bal(v["deposit"]));
    return Action(TransferToGasKeyAction{pk, d});
  }
  if (name == "WithdrawFromGasKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, PublicKey::Parse(v.value("public_key", "")));
    if (!v.contains("amount")) return Err("WithdrawFromGasKey needs an amount");
    NEARRT_ASSIGN_OR_RETURN(Balance a, Bal(v["amount"]));
    return Action(WithdrawFromGasKeyAction{pk, a});
  }
  if (name == "DeleteKey") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, PublicKey::Parse(v.value("public_key", "")));
    return Action(DeleteKeyAction{pk});
  }
  if (name == "Stake") {
    NEARRT_ASSIGN_OR_RETURN(PublicKey pk, PublicKey::Parse(v.value("public_key", "")));
    NEARRT_ASSIGN_OR_RETURN(Balance s, Bal(v.at("stake")));
    return Action(StakeAction{s, pk});
  }
  if (name == "DeleteAccount") {
    NEARRT_ASSIGN_OR_RETURN(AccountId b, AccountId::Parse(v.value("beneficiary_id", "")));
    return Action(DeleteAccountAction{b});
  }
  return Err("unsupported action " + name);
}

Result<std::vector<SignedTransaction>> ParseBlock(const std::string& path, chain::LocalChain& chain) {
  NEARRT_ASSIGN_OR_RETURN(Bytes raw, ReadFile(path));
  json j = json::parse(raw.begin(), raw.end(), nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Err(path + ": expected a JSON array of transactions");
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  std::vector<SignedTransaction> out;
  std::map<std::string, Nonce> next_nonce;
  for (const json& t : j) {
    if (!t.is_object()) return Err("transaction must be an object");
    if (t.contains("signed_tx_base64")) {
      NEARRT_ASSIGN_OR_RETURN(Bytes b, Base64Decode(t["signed_tx_base64"].get<std::string>()));
      NEARRT_ASSIGN_OR_RETURN(SignedTransaction s, SignedTransaction::FromBorsh(b));
      out.push_back(std::move(s));
      continue;
    }
    Transaction tx;
    NEARRT_ASSIGN_OR_RETURN(tx.signer_id, AccountId::Parse(t.value("signer_id", "")));
    NEARRT_ASSIGN_OR_RETURN(tx.receiver_id, AccountId::Parse(t.value("receiver_id", "")));
    Signer signer;
    if (t.contains("secret_key")) {
      NEARRT_ASSIGN_OR_RETURN(signer, Signer::ParseSecretKey(t["secret_key"].get<std::string>()));
    } else {
      signer = Signer::FromSeed(KeyType::kEd25519, t.value("signer_seed", tx.signer_id.str()));
    }
    tx.public_key = signer.public_key();
    std::string key = tx.signer_id.str() + "/" + tx.public_key.ToString();
    if (t.contains("nonce")) {
      tx.nonce.nonce = t["nonce"].get<uint64_t>();
    } else {
      if (!next_nonce.count(key)) {
        NEARRT_ASSIGN_OR_RETURN(auto ak, chain.GetAccessKey(tx.signer_id, tx.public_key));
        next_nonce[key] = ak ? ak->nonce : 0;
      }
      tx.nonce.nonce = ++next_nonce[key];
    }
    tx.block_hash = chain.last_block_hash();
    for (const json& a : t.value("actions", json::array())) {
      NEARRT_ASSIGN_OR_RETURN(Action action, ParseAction(a, dir));
      tx.actions.push_back(std::move(action));
    }
    out.push_back(SignedTransaction::Sign(std::move(tx), signer));
  }
  return out;
}

json BlockJson(const chain::BlockResult& b) {
  json outcomes = json::array();
  for (const auto& o : b.apply.outcomes) outcomes.push_back(runtime::OutcomeToJson(o));
  json receipts = json::array();
  for (const auto& r : b.apply.outgoing_receipts) receipts.push_back(runtime::ReceiptToJson(r));
  return json{{"height", b.height},
              {"block_hash", b.block_hash.ToBase58()},
              {"gas_price", vm::BalanceToString(b.gas_price)},
              {"state_root", b.apply.state_root.ToBase58()},
              {"outcome_root", b.outcome_root.ToBase58()},
              {"gas_burnt", b.apply.total_gas_burnt},
              {"tokens_burnt", vm::BalanceToString(b.apply.total_balance_burnt)},
              {"outcomes", outcomes},
              {"outgoing_receipts", receipts}};
}

}  // namespace

int ApplyCommand(const Args& args) {
  std::string genesis_path, state_dir;
  std::vector<std::string> blocks;
  bool idle = true;
  uint64_t max_blocks = 50;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto need = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--genesis") {
      auto v = need();
      if (!v) break;
      genesis_path = *v;
    } else if (a == "--block") {
      auto v = need();
      if (!v) break;
      blocks.push_back(*v);
    } else if (a == "--state") {
      auto v = need();
      if (!v) break;
      state_dir = *v;
    } else if (a == "--no-idle") {
      idle = false;
    } else if (a == "--max-blocks") {
      auto v = need();
      if (!v) break;
      max_blocks = std::strtoull(v->c_str(), nullptr, 10);
    } else {
      std::cerr << "unknown argument " << a << "\n" << kUsage;
      return 2;
    }
  }
  if (genesis_path.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  auto text = ReadFile(genesis_path);
  if (!text.ok()) {
    std::cerr << "error: " << text.error().message << "\n";
    return 1;
  }
  std::string dir = genesis_path.find('/') == std::string::npos ? "." : genesis_path.substr(0, genesis_path.rfind('/'));
  auto genesis = chain::Genesis::FromJson(AsString(*text), dir);
  if (!genesis.ok()) {
    std::cerr << "error: " << genesis.error().message << "\n";
    return 1;
  }
  std::unique_ptr<store::StateStore> store;
  if (!state_dir.empty()) {
#ifdef NEARRT_HAVE_ROCKSDB
    auto backend = store::RocksDbBackend::Open(state_dir);
    if (!backend.ok()) {
      std::cerr << "error: " << backend.error().message << "\n";
      return 1;
    }
    auto opened = store::StateStore::Open(std::move(*backend));
    if (!opened.ok()) {
      std::cerr << "error: " << opened.error().message << "\n";
      return 1;
    }
    store = std::move(*opened);
    if (!store->head().IsZero()) genesis->accounts.clear();  // reopen: keep the state
#else
    std::cerr << "error: built without RocksDB\n";
    return 1;
#endif
  }
  auto chain = chain::LocalChain::Create(*genesis, std::move(store));
  if (!chain.ok()) {
    std::cerr << "error: " << chain.error().message << "\n";
    return 1;
  }
  json out = json::array();
  auto produce = [&](const std::vector<SignedTransaction>& txs) -> bool {
    auto b = (*chain)->ProduceBlock(txs);
    if (!b.ok()) {
      std::cerr << "error: " << b.error().message << "\n";
      return false;
    }
    out.push_back(BlockJson(*b));
    return true;
  };
  for (const auto& path : blocks) {
    auto txs = ParseBlock(path, **chain);
    if (!txs.ok()) {
      std::cerr << "error: " << txs.error().message << "\n";
      return 1;
    }
    if (!produce(*txs)) return 1;
  }
  for (uint64_t i = 0; idle && i < max_blocks && !(*chain)->pending_receipts().empty(); ++i) {
    if (!produce({})) return 1;
  }
  json result{{"blocks", out}, {"state_root", (*chain)->state_root().ToBase58()}};
  std::cout << result.dump(2) << "\n";
  return 0;
}

}  // namespace nearrt::cli
