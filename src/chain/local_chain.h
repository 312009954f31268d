// A single-shard local chain for tests, tools and the CLI: genesis from JSON
// (accounts, keys, contracts), then block after block through
// runtime::Apply, routing each block's outgoing receipts into the next block
// (all receivers live on shard 0), with nearcore's gas-price rule
// (core/primitives/src/block.rs compute_next_gas_price) and a running
// total supply (genesis supply minus burnt tokens).
//
// Genesis JSON:
// {
//   "chain_id": "localnet", "protocol_version": 86,
//   "runtime_config": "mainnet" | "test",
//   "gas_price": "100000000", "min_gas_price": "100000000", "max_gas_price": "10000000000000000000000",
//   "gas_limit": 1000000000000000, "genesis_height": 0, "genesis_time": 0,
//   "epoch_length": 0,   // > 0: locked stake is returned at epoch starts (see below)
//   "accounts": [
//     {"account_id": "alice.near", "amount": "1000000000000000000000000000",
//      "locked": "0",
//      "keys": ["ed25519:..."] | [{"public_key": "...", "permission": "FullAccess"}],
//      "test_key_seed": "alice.near",          // adds InMemorySigner::test_signer's key
//      "code_file": "path/relative/to/genesis.wasm" | "code_base64": "...",
//      "data": {"base64 key": "base64 value"}}
//   ]
// }
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/runtime.h"
#include "store/state_store.h"

namespace nearrt::chain {

struct GenesisAccount {
  AccountId account_id;
  Balance amount = 0;
  Balance locked = 0;
  std::vector<std::pair<PublicKey, AccessKey>> keys;
  std::optional<Bytes> code;
  std::map<Bytes, Bytes> data;
  bool operator==(const GenesisAccount&) const = default;
};

struct Genesis {
  std::string chain_id = "localnet";
  uint32_t protocol_version = 86;
  std::string runtime_config = "mainnet";  // or "test"
  Balance gas_price = 100'000'000;
  Balance min_gas_price = 100'000'000;
  Balance max_gas_price = static_cast<Balance>(10'000'000'000ull) * 1'000'000'000'000ull;
  Gas gas_limit = 1'000'000'000'000'000;
  uint64_t genesis_height = 0;
  uint64_t genesis_time = 0;
  // Blocks per epoch; 0 = no epochs (locked stake is never returned).
  uint64_t epoch_length = 0;
  std::vector<GenesisAccount> accounts;
  bool operator==(const Genesis&) const = default;

  // Parses the JSON above (src/chain/chain_json.h); `base_dir` resolves
  // "code_file" paths.
  static Result<Genesis> FromJson(std::string_view text, const std::string& base_dir = ".");
};

struct BlockResult {
  uint64_t height = 0;
  CryptoHash block_hash;
  Balance gas_price = 0;
  CryptoHash prev_state_root;
  runtime::ApplyResult apply;
  CryptoHash outcome_root;
  std::vector<Receipt> incoming;  // what was applied in this block
};

class LocalChain {
 public:
  // An in-memory chain, or one persisted in `store` (e.g. RocksDB) when given.
  static Result<std::unique_ptr<LocalChain>> Create(const Genesis& genesis,
                                                    std::unique_ptr<store::StateStore> store = nullptr);

  // Applies the next block with `txs` (plus the receipts the previous block
  // produced). With `record`, the result carries the state witness.
  Result<BlockResult> ProduceBlock(const std::vector<SignedTransaction>& txs, bool record = false);
  // Produces blocks with no transactions until no receipts are pending or
  // `max_blocks` were produced.
  Status RunUntilIdle(uint64_t max_blocks = 100);

  Result<std::optional<Account>> GetAccount(const AccountId& id) const;
  Result<std::optional<AccessKey>> GetAccessKey(const AccountId& id, const PublicKey& pk) const;
  Result<std::optional<Bytes>> GetContractData(const AccountId& id, ByteView key) const;
  // Runs a view call (read-only) on the current state.
  Result<vm::VMOutcome> ViewCall(const AccountId& id, const std::string& method, ByteView args) const;

  // Sum of amount + locked over all accounts plus gas-key balances (walks
  // the state). Prepaid gas of receipts in flight is in none of them.
  Result<Balance> ComputeTotalBalances() const;
  Balance genesis_supply() const { return genesis_supply_; }
  Balance total_burnt() const { return total_burnt_; }

  uint64_t height() const { return height_; }
  CryptoHash state_root() const { return store_->head(); }
  CryptoHash last_block_hash() const { return block_hash_; }
  Balance gas_price() const { return gas_price_; }
  const runtime::RuntimeParams& config() const { return *config_; }
  runtime::ApplyState& apply_template() { return template_; }
  const std::vector<Receipt>& pending_receipts() const { return pending_; }
  store::StateStore& store() { return *store_; }

 private:
  LocalChain() = default;
  // The update for the first block of an epoch (nullopt otherwise).
  std::optional<runtime::ValidatorAccountsUpdate> EpochUpdate(uint64_t height) const;
  Balance StakeAt(const AccountId& id, int64_t epoch) const;
  std::unique_ptr<store::StateStore> store_;
  std::unique_ptr<runtime::RuntimeParams> config_;
  Genesis genesis_;
  runtime::ApplyState template_;
  std::unique_ptr<vm::ContractCache> cache_;
  uint64_t height_ = 0;
  CryptoHash block_hash_;
  Balance gas_price_ = 0;
  std::vector<Receipt> pending_;
  // Epoch index -> last stake proposal per account made in that epoch.
  std::map<uint64_t, std::map<AccountId, Balance>> epoch_proposals_;
  std::map<AccountId, Balance> genesis_locked_;
  Balance genesis_supply_ = 0;
  Balance total_burnt_ = 0;
};

// Epochs (when epoch_length > 0) are a simplified model of nearcore's epoch
// manager for one block producer, without seat prices, kickouts or rewards:
// the stake of an account in epoch E is its last stake proposal made in an
// epoch <= E-2 (genesis locked balances count as proposals before epoch 0).
// At the first block of epoch T the runtime gets a ValidatorAccountsUpdate
// with stake_info = max stake over epochs T-2..T and last_proposals = the
// proposals of epoch T-1, so unstaked balance comes back after three epochs
// as on nearcore (update_validator_accounts).

// next_gas_price = price * (2*den*L + 2*num*U - num*L) / (2*den*L), clamped.
Balance NextGasPrice(Balance price, Gas gas_used, Gas gas_limit, Balance min_price, Balance max_price);

}  // namespace nearrt::chain
