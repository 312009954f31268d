// Internals shared by the files that implement Runtime::apply (runtime.cc,
// actions.cc, function_call.cc, access_keys.cc, global_contracts.cc): the
// per-chunk processing state and nearcore's ActionResult
// (runtime/runtime/src/lib.rs). Not part of the runtime's public API.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

namespace nearrt::runtime {

using store::StateChangeCause;

inline StateChangeCause Cause(StateChangeCause::Kind k, const CryptoHash& h = CryptoHash()) {
  StateChangeCause c;
  c.kind = k;
  c.hash = h;
  return c;
}

// ProfileDataV3::merge (saturating sums).
void MergeProfile(vm::ProfileData& a, const vm::ProfileData& b);

// nearcore ActionResult (and ActionReceiptResult, which it doubles as).
struct ActionResult {
  Gas gas_burnt = 0;
  Gas gas_burnt_for_function_call = 0;
  Gas gas_used = 0;
  uint64_t compute = 0;
  std::optional<TxExecutionError> error;
  vm::ReturnData return_data;
  std::vector<std::string> logs;
  std::vector<Receipt> new_receipts;
  std::vector<ValidatorProposal> proposals;
  Balance tokens_burnt = 0;
  Balance subsidized = 0;
  vm::ProfileData profile;  // the VM profiles of the function calls (ProfileDataV3)

  void SetError(TxExecutionError e) {
    error = std::move(e);
    new_receipts.clear();
    proposals.clear();
    tokens_burnt = 0;
    subsidized = 0;
  }
  Status Merge(ActionResult next);
};

// The state of one Apply call (ApplyProcessingReceiptState).
struct Processing {
  const ApplyState& as;
  const RuntimeParams& cfg;
  TrieUpdate update;
  store::AccountingCache cache;
  std::vector<ExecutionOutcomeWithId> outcomes;
  std::deque<Receipt> local_receipts;
  std::deque<Receipt> instant_receipts;
  std::vector<Receipt> outgoing;
  std::vector<ValidatorProposal> proposals;
  ApplyStats stats;
  Gas total_gas = 0;
  uint64_t total_compute = 0;
  QueueIndices delayed;
  QueueIndices delayed_initial;
  std::map<CryptoHash, std::shared_ptr<const Bytes>> codes;

  Processing(const ApplyState& s, store::Trie trie)
      : as(s), cfg(*s.config), update(std::move(trie)) {}

  uint64_t compute_limit() const { return as.gas_limit ? *as.gas_limit : UINT64_MAX; }
  bool OverLimit() const {
    const store::TrieRecorder* rec = update.trie().recorder();
    return total_compute >= compute_limit() || (rec && rec->ProofSizeLimitExceeded());
  }
  Status AddTotal(Gas gas, uint64_t compute) {
    if (__builtin_add_overflow(total_gas, gas, &total_gas) ||
        __builtin_add_overflow(total_compute, compute, &total_compute)) {
      return Err("total gas overflow");
    }
    return {};
  }
};

// ---- actions.cc ----
// apply_action: exec fee, account existence, actor permission, then the
// action body. `account`/`actor_id` follow nearcore's apply_action.
Result<ActionResult> ApplyAction(Processing& ps, const Action& action, std::optional<Account>& account,
                                 AccountId& actor_id, const Receipt& receipt,
                                 const std::vector<vm::PromiseResult>& promise_results,
                                 const CryptoHash& action_hash, size_t action_index);
// Storage of the account's contract: the code length (local) or the
// identifier length (global); 0 without a contract.
Result<uint64_t> ContractStorageUsage(const TrieUpdate& u, const AccountId& id, const Account& a);
bool IsImplicit(const RuntimeParams& cfg, const AccountId& id);

// ---- function_call.cc ----
Status ActionFunctionCall(Processing& ps, Account& account, const Receipt& receipt,
                          const std::vector<vm::PromiseResult>& promise_results,
                          ActionResult& result, const FunctionCallAction& fc,
                          const CryptoHash& action_hash, bool is_last_action);

// ---- access_keys.cc ----
Status ActionAddKey(Processing& ps, Account& account, const AccountId& account_id,
                    const AddKeyAction& a, ActionResult& result);
Status ActionDeleteKey(Processing& ps, Account& account, const AccountId& account_id,
                       const DeleteKeyAction& d, ActionResult& result);
Status ActionTransferToGasKey(Processing& ps, const AccountId& account_id,
                              const TransferToGasKeyAction& a, ActionResult& result);
Status ActionWithdrawFromGasKey(Processing& ps, Account& account, const AccountId& account_id,
                                const WithdrawFromGasKeyAction& a, ActionResult& result);
// Gas-key balances on the account and the compute of removing the gas-key
// nonce rows that RemoveAccount deletes (delete_account).
struct GasKeyTotals {
  Balance balance = 0;
  uint64_t nonce_count = 0;
  uint64_t nonce_key_bytes = 0;
};
Result<GasKeyTotals> SumGasKeys(const TrieUpdate& u, const AccountId& account_id);
// storage_removes_compute (config.rs).
uint64_t StorageRemovesCompute(const RuntimeParams& cfg, uint64_t count, uint64_t key_bytes,
                               uint64_t value_bytes);
inline constexpr uint64_t kGasKeyNonceValueLen = 8;  // AccessKey::NONCE_VALUE_LEN
// GasKeyInfo::MAX_BALANCE_TO_BURN = 1 NEAR.
inline constexpr Balance kGasKeyMaxBalanceToBurn = static_cast<Balance>(1'000'000'000'000ull) * 1'000'000'000'000ull;

// ---- global_contracts.cc ----
Status ActionDeployGlobalContract(Processing& ps, Account& account, const AccountId& account_id,
                                  const DeployGlobalContractAction& a, ActionResult& result);
Status ActionUseGlobalContract(Processing& ps, Account& account, const AccountId& account_id,
                               const GlobalContractId& id, ActionResult& result);
Status ActionDeterministicStateInit(Processing& ps, std::optional<Account>& account,
                                    const Receipt& receipt, const DeterministicStateInitAction& a,
                                    ActionResult& result);
// apply_global_contract_distribution_receipt on the only shard: stores the
// code when the nonce is fresh and returns the compute it costs.
Result<uint64_t> ApplyGlobalContractDistribution(Processing& ps, const Receipt& receipt);
// The GlobalContractIdentifier JSON ({"CodeHash":..} / {"AccountId":..}).
std::string GlobalContractIdJson(const GlobalContractId& id);
store::GlobalContractCodeIdentifier ToStoreId(const GlobalContractId& id);

}  // namespace nearrt::runtime
