// nearcore's Runtime::apply at PV 86 (runtime/runtime/src/lib.rs) for one
// shard: validator-account update, bandwidth scheduler state,
// transactions, local / delayed / incoming receipts, yield timeouts, then the
// state root. See runtime.md §1 for the order and accounting.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "primitives/outcome.h"
#include "primitives/receipt.h"
#include "primitives/transaction.h"
#include "runtime/ext.h"
#include "runtime/runtime_config.h"
#include "store/recorder.h"
#include "store/trie.h"
#include "store/trie_update.h"
#include "vm/runner.h"

namespace nearrt::runtime {

struct ApplyState {
  uint64_t block_height = 1;
  CryptoHash prev_block_hash;
  uint64_t epoch_height = 0;
  Balance gas_price = 0;
  uint64_t block_timestamp = 0;  // ns
  std::optional<Gas> gas_limit;  // also the compute limit; nullopt = unlimited
  CryptoHash random_seed;
  const RuntimeParams* config = nullptr;
  bool is_new_chunk = true;
  // Whether the block carries congestion info for the shard (always, on a
  // real chain; nearcore's runtime tests pass none). Without it the
  // bandwidth scheduler grants nothing and the stored allowance differs.
  bool has_congestion_info = true;
  Balance minimum_stake = 0;  // EpochInfoProvider::minimum_stake
  ChainInfo chain;
  vm::ContractCache* contract_cache = nullptr;
  // Contract code by hash for stateless replay (nearcore sends code beside
  // the witness); when null, code is read from the trie without recording.
  const std::map<CryptoHash, std::shared_ptr<const Bytes>>* code_by_hash = nullptr;
};

// ValidatorAccountsUpdate (lib.rs), supplied on the first block of an epoch:
// stake_info = max stake of each account over the last three epochs.
struct ValidatorAccountsUpdate {
  std::map<AccountId, Balance> stake_info;
  std::map<AccountId, Balance> validator_rewards;  // added to locked (minted)
  std::map<AccountId, Balance> last_proposals;
  std::optional<AccountId> protocol_treasury_account_id;
};

struct ValidatorProposal {
  AccountId account_id;
  PublicKey public_key;
  Balance stake = 0;
};

struct ApplyStats {
  Balance tx_burnt_amount = 0;
  Balance other_burnt_amount = 0;
  Balance slashed_burnt_amount = 0;
  Balance subsidized_amount = 0;
};

struct ApplyResult {
  CryptoHash state_root;
  store::TrieUpdateOutput trie;  // to commit into a StateStore
  std::vector<ValidatorProposal> validator_proposals;
  std::vector<Receipt> outgoing_receipts;
  std::vector<ExecutionOutcomeWithId> outcomes;
  std::vector<store::RawStateChangesWithKey> state_changes;
  ApplyStats stats;
  uint64_t processed_yield_timeouts = 0;
  std::optional<store::PartialState> proof;  // when a recorder is attached
  uint64_t delayed_receipts_count = 0;
  CryptoHash bandwidth_scheduler_state_hash;
  Gas total_gas_burnt = 0;
  Balance total_balance_burnt = 0;
  // Code of the contracts that ran (for stateless replay).
  std::map<CryptoHash, std::shared_ptr<const Bytes>> contract_codes;

  CryptoHash OutcomeRoot() const;
};

// Applies one chunk. `tx_valid_period[i]` false marks transaction i as
// expired (InvalidTxError::Expired); empty means all valid. With a recorder
// attached to the trie, the result carries the state witness.
// `validator_update` (first block of an epoch only) returns unlocked stake
// and pays rewards before anything else (update_validator_accounts).
Result<ApplyResult> Apply(store::Trie trie, const ApplyState& state,
                          const std::vector<Receipt>& incoming_receipts,
                          const std::vector<SignedTransaction>& transactions,
                          const std::vector<bool>& tx_valid_period = {},
                          const ValidatorAccountsUpdate* validator_update = nullptr);

// Outcome root of a list of outcomes (chain/chain/src/types.rs).
CryptoHash ComputeOutcomeRoot(const std::vector<ExecutionOutcomeWithId>& outcomes);

// receipt congestion gas (congestion_control.rs compute_receipt_congestion_gas).
Gas ReceiptCongestionGas(const RuntimeParams& cfg, const Receipt& r);

}  // namespace nearrt::runtime
