// An in-memory External for single calls (tests, the `nearrt run` command):
// a key-value map as storage and receipts recorded like nearcore's
// ReceiptManager (runtime/runtime/src/receipt_manager.rs): receipt indices
// 0, 1, 2..., actions numbered within their receipt, non-UTF-8 method names
// rejected with InvalidMethodName. Like nearcore's MockedExternal it charges
// no trie-node costs. The trie-backed External comes with the storage layer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vm/external.h"

namespace nearrt::vm {

struct RecordedAction {
  enum class Kind : uint8_t {
    kCreateAccount,
    kDeployContract,
    kDeployGlobalContract,
    kUseGlobalContract,
    kDeterministicStateInit,
    kFunctionCall,
    kTransfer,
    kTransferToGasKey,
    kStake,
    kAddKeyWithFullAccess,
    kAddKeyWithFunctionCall,
    kAddGasKeyWithFullAccess,
    kAddGasKeyWithFunctionCall,
    kDeleteKey,
    kDeleteAccount,
  };
  Kind kind = Kind::kCreateAccount;
  Bytes code;                                    // deploy
  GlobalContractDeployMode deploy_mode = GlobalContractDeployMode::kCodeHash;
  GlobalContractIdentifier contract_id;          // use global / state init
  std::map<Bytes, Bytes> state_init_data;        // state init
  Bytes method_name;                             // function call
  Bytes args;
  Gas gas = 0;
  uint64_t gas_weight = 0;
  Balance deposit = 0;                           // function call, transfers, state init, stake
  PublicKey public_key;                          // key actions, stake, gas-key transfer
  Nonce nonce = 0;
  NonceIndex num_nonces = 0;
  std::optional<Balance> allowance;
  AccountId receiver_id;                         // function-call keys
  std::vector<Bytes> method_names;
  AccountId beneficiary_id;                      // delete account
};

struct RecordedReceipt {
  AccountId receiver_id;
  // Receipts this one waits for (promise_batch_then / promise_and).
  std::vector<ReceiptIndex> receipt_indices;
  std::vector<CryptoHash> input_data_ids;
  std::optional<AccountId> refund_to;
  bool is_promise_yield = false;
  std::vector<RecordedAction> actions;
};

class MemoryExternal : public External {
 public:
  MemoryExternal() = default;

  // ---- Setup and inspection ----
  std::map<Bytes, Bytes>& state() { return state_; }
  const std::map<Bytes, Bytes>& state() const { return state_; }
  std::map<AccountId, Balance>& validators() { return validators_; }
  void set_chain_id(std::string chain_id) { chain_id_ = std::move(chain_id); }
  // Charge storage_write_evicted_byte / storage_remove_ret_value_byte for the
  // old value, as the trie-backed runtime does. Off by default: nearcore's
  // MockedExternal (and so its test vectors) charges nothing.
  void set_charge_value_bytes(bool on) { charge_value_bytes_ = on; }
  // Yields pending from earlier calls: data ids that promise_yield_resume may
  // resume, and yield ids already in use.
  void AddPendingYield(const CryptoHash& data_id, std::optional<YieldId> yield_id);

  const std::vector<RecordedReceipt>& receipts() const { return receipts_; }
  // (data id, payload) of successful promise_yield_resume calls.
  const std::vector<std::pair<CryptoHash, Bytes>>& resumes() const { return resumes_; }

  // Distributes unused gas over function calls with a gas weight (nearcore
  // ReceiptManager::distribute_gas, applied by the runtime after a non-view
  // call). Returns the gas distributed: 0 or `unused_gas`.
  VMResult<Gas> DistributeGas(Gas unused_gas);

  // ---- External ----
  VMResult<std::optional<Bytes>> StorageSet(StorageAccessTracker& tracker, ByteView key,
                                            ByteView value) override;
  VMResult<std::unique_ptr<ValuePtr>> StorageGet(StorageAccessTracker& tracker,
                                                 ByteView key) override;
  VMResult<std::optional<Bytes>> StorageRemove(StorageAccessTracker& tracker,
                                               ByteView key) override;
  VMResult<bool> StorageHasKey(StorageAccessTracker& tracker, ByteView key) override;
  CryptoHash GenerateDataId() override;
  uint64_t GetRecordedStorageSize() const override { return 0; }
  VMResult<std::optional<Balance>> ValidatorStake(const AccountId& account_id) const override;
  VMResult<Balance> ValidatorTotalStake() const override;
  std::string ChainId() const override { return chain_id_; }
  VMResult<ReceiptIndex> CreateActionReceipt(std::vector<ReceiptIndex> receipt_indices,
                                             AccountId receiver_id) override;
  VMResult<std::pair<ReceiptIndex, CryptoHash>> CreatePromiseYieldReceipt(
      AccountId receiver_id) override;
  VMResult<std::optional<std::pair<ReceiptIndex, CryptoHash>>> CreatePromiseYieldReceiptWithId(
      AccountId receiver_id, const YieldId& yield_id) override;
  VMResult<bool> SubmitPromiseResumeData(const CryptoHash& data_id, Bytes data) override;
  VMResult<bool> SubmitPromiseResumeDataWithYieldId(const YieldId& yield_id,
                                                    Bytes data) override;
  void AppendActionCreateAccount(ReceiptIndex receipt_index) override;
  void AppendActionDeployContract(ReceiptIndex receipt_index, Bytes code) override;
  void AppendActionDeployGlobalContract(ReceiptIndex receipt_index, Bytes code,
                                        GlobalContractDeployMode mode) override;
  void AppendActionUseGlobalContract(ReceiptIndex receipt_index,
                                     GlobalContractIdentifier contract_id) override;
  ActionIndex AppendActionDeterministicStateInit(ReceiptIndex receipt_index,
                                                 GlobalContractIdentifier contract_id,
                                                 Balance amount) override;
  VMStatus SetDeterministicStateInitDataEntry(ReceiptIndex receipt_index,
                                              ActionIndex action_index, Bytes key,
                                              Bytes value) override;
  VMStatus AppendActionFunctionCallWeight(ReceiptIndex receipt_index, Bytes method_name,
                                          Bytes args, Balance attached_deposit, Gas prepaid_gas,
                                          uint64_t gas_weight) override;
  void AppendActionTransfer(ReceiptIndex receipt_index, Balance deposit) override;
  void AppendActionTransferToGasKey(ReceiptIndex receipt_index, PublicKey public_key,
                                    Balance deposit) override;
  void AppendActionAddGasKeyWithFullAccess(ReceiptIndex receipt_index, PublicKey public_key,
                                           NonceIndex num_nonces) override;
  VMStatus AppendActionAddGasKeyWithFunctionCall(ReceiptIndex receipt_index,
                                                 PublicKey public_key, NonceIndex num_nonces,
                                                 std::optional<Balance> allowance,
                                                 AccountId receiver_id,
                                                 std::vector<Bytes> method_names) override;
  void AppendActionStake(ReceiptIndex receipt_index, Balance stake,
                         PublicKey public_key) override;
  void AppendActionAddKeyWithFullAccess(ReceiptIndex receipt_index, PublicKey public_key,
                                        Nonce nonce) override;
  VMStatus AppendActionAddKeyWithFunctionCall(ReceiptIndex receipt_index, PublicKey public_key,
                                              Nonce nonce, std::optional<Balance> allowance,
                                              AccountId receiver_id,
                                              std::vector<Bytes> method_names) override;
  void AppendActionDeleteKey(ReceiptIndex receipt_index, PublicKey public_key) override;
  void AppendActionDeleteAccount(ReceiptIndex receipt_index, AccountId beneficiary_id) override;
  const AccountId* GetReceiptReceiver(ReceiptIndex receipt_index) const override;
  void SetRefundTo(ReceiptIndex receipt_index, AccountId refund_to) override;

 private:
  // The receipt for an index the VM got from us (never out of range).
  RecordedReceipt& At(ReceiptIndex receipt_index);
  ActionIndex Append(ReceiptIndex receipt_index, RecordedAction action);

  std::map<Bytes, Bytes> state_;
  std::map<AccountId, Balance> validators_;
  std::string chain_id_ = "test";
  bool charge_value_bytes_ = false;
  std::vector<RecordedReceipt> receipts_;
  // (receipt index, action index, weight) of weighted function calls.
  std::vector<std::tuple<ReceiptIndex, ActionIndex, uint64_t>> gas_weights_;
  // Data ids of yields that can be resumed; yield id -> data id.
  std::vector<CryptoHash> yield_data_ids_;
  std::map<YieldId, CryptoHash> yield_ids_;
  std::vector<std::pair<CryptoHash, Bytes>> resumes_;
  uint64_t data_count_ = 0;
};

}  // namespace nearrt::vm
