// nearrt apply: apply blocks of signed transactions on a local single-shard
// chain (src/chain) and print the outcomes and the new state root as JSON.
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "chain/chain_json.h"
#include "chain/local_chain.h"
#include "cli/commands.h"
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

// The transactions of one --block file (src/chain/chain_json.h); code_file
// paths are relative to the file's directory.
Result<std::vector<SignedTransaction>> ParseBlock(const std::string& path, const chain::LocalChain& chain) {
  NEARRT_ASSIGN_OR_RETURN(Bytes raw, ReadFile(path));
  auto j = chain::ParseJsonText(AsString(raw), path);
  if (!j.ok()) return Err(path + ": expected a JSON array of transactions");
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  auto txs = chain::TransactionsFromJson(*j, chain, dir);
  if (!txs.ok()) return Err(path + ": " + txs.error().message);
  return txs;
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
    out.push_back(chain::BlockToJson(*b));
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
  std::cout << chain::DumpJson(result, 2) << "\n";
  return 0;
}

}  // namespace nearrt::cli
