// RuntimeExt: the VM's External over the chunk's TrieUpdate, with nearcore's
// ReceiptManager (runtime/runtime/src/ext.rs, receipt_manager.rs): receipts
// created by a function call, data ids from the action hash and a per-call
// counter, yield/resume state, and gas-weight distribution.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "primitives/receipt.h"
#include "runtime/state.h"
#include "store/accounting.h"
#include "store/contract_storage.h"
#include "vm/external.h"

namespace nearrt::runtime {

PublicKey FromVmKey(const vm::PublicKey& k);

struct ReceiptMetadata {
  AccountId receiver_id;
  std::optional<AccountId> refund_to;
  std::vector<DataReceiver> output_data_receivers;
  std::vector<CryptoHash> input_data_ids;
  std::vector<Action> actions;
  bool is_promise_yield = false;
};

struct DataReceiptMetadata {
  CryptoHash data_id;
  std::optional<Bytes> data;
  bool is_promise_resume = false;
};

class ReceiptManager {
 public:
  std::vector<ReceiptMetadata> action_receipts;
  std::vector<DataReceiptMetadata> data_receipts;
  // (receipt index, action index, weight) of FunctionCall actions with weight > 0.
  std::vector<std::tuple<size_t, size_t, uint64_t>> gas_weights;

  // distribute_gas: floor(unused * w / Σw) each, the remainder to the last.
  // Returns the gas distributed (0 or `unused_gas`); nullopt on overflow.
  std::optional<vm::Gas> DistributeGas(vm::Gas unused_gas);
};

// Chain facts the VM may ask for.
struct ChainInfo {
  std::string chain_id = "localnet";
  std::map<AccountId, Balance> validator_stakes;  // current epoch
};

class RuntimeExt final : public vm::External {
 public:
  RuntimeExt(TrieUpdate& update, store::AccountingCache& cache, ReceiptManager& receipts,
             AccountId account_id, CryptoHash action_hash, uint64_t block_height,
             const ChainInfo& chain, bool flat_storage_reads)
      : update_(update),
        storage_(update, account_id, cache, flat_storage_reads),
        receipts_(receipts),
        account_id_(std::move(account_id)),
        action_hash_(action_hash),
        block_height_(block_height),
        chain_(chain) {}

  vm::VMResult<std::optional<Bytes>> StorageSet(vm::StorageAccessTracker& tracker, ByteView key,
                                                ByteView value) override;
  vm::VMResult<std::unique_ptr<vm::ValuePtr>> StorageGet(vm::StorageAccessTracker& tracker,
                                                         ByteView key) override;
  vm::VMResult<std::optional<Bytes>> StorageRemove(vm::StorageAccessTracker& tracker,
                                                   ByteView key) override;
  vm::VMResult<bool> StorageHasKey(vm::StorageAccessTracker& tracker, ByteView key) override;
  CryptoHash GenerateDataId() override;
  uint64_t GetRecordedStorageSize() const override { return storage_.RecordedStorageSize(); }
  vm::VMResult<std::optional<vm::Balance>> ValidatorStake(const AccountId& account_id) const override;
  vm::VMResult<vm::Balance> ValidatorTotalStake() const override;
  std::string ChainId() const override { return chain_.chain_id; }
  vm::VMResult<vm::ReceiptIndex> CreateActionReceipt(std::vector<vm::ReceiptIndex> receipt_indices,
                                                     AccountId receiver_id) override;
  vm::VMResult<std::pair<vm::ReceiptIndex, CryptoHash>> CreatePromiseYieldReceipt(
      AccountId receiver_id) override;
  vm::VMResult<std::optional<std::pair<vm::ReceiptIndex, CryptoHash>>>
  CreatePromiseYieldReceiptWithId(AccountId receiver_id, const vm::YieldId& yield_id) override;
  vm::VMResult<bool> SubmitPromiseResumeData(const CryptoHash& data_id, Bytes data) override;
  vm::VMResult<bool> SubmitPromiseResumeDataWithYieldId(const vm::YieldId& yield_id,
                                                        Bytes data) override;
  void AppendActionCreateAccount(vm::ReceiptIndex receipt_index) override;
  void AppendActionDeployContract(vm::ReceiptIndex receipt_index, Bytes code) override;
  void AppendActionDeployGlobalContract(vm::ReceiptIndex receipt_index, Bytes code,
                                        vm::GlobalContractDeployMode mode) override;
  void AppendActionUseGlobalContract(vm::ReceiptIndex receipt_index,
                                     vm::GlobalContractIdentifier contract_id) override;
  vm::ActionIndex AppendActionDeterministicStateInit(vm::ReceiptIndex receipt_index,
                                                     vm::GlobalContractIdentifier contract_id,
                                                     vm::Balance amount) override;
  vm::VMStatus SetDeterministicStateInitDataEntry(vm::ReceiptIndex receipt_index,
                                                  vm::ActionIndex action_index, Bytes key,
                                                  Bytes value) override;
  vm::VMStatus AppendActionFunctionCallWeight(vm::ReceiptIndex receipt_index, Bytes method_name,
                                              Bytes args, vm::Balance attached_deposit,
                                              vm::Gas prepaid_gas, uint64_t gas_weight) override;
  void AppendActionTransfer(vm::ReceiptIndex receipt_index, vm::Balance deposit) override;
  void AppendActionTransferToGasKey(vm::ReceiptIndex receipt_index, vm::PublicKey public_key,
                                    vm::Balance deposit) override;
  void AppendActionAddGasKeyWithFullAccess(vm::ReceiptIndex receipt_index,
                                           vm::PublicKey public_key,
                                           vm::NonceIndex num_nonces) override;
  vm::VMStatus AppendActionAddGasKeyWithFunctionCall(vm::ReceiptIndex receipt_index,
                                                     vm::PublicKey public_key,
                                                     vm::NonceIndex num_nonces,
                                                     std::optional<vm::Balance> allowance,
                                                     AccountId receiver_id,
                                                     std::vector<Bytes> method_names) override;
  void AppendActionStake(vm::ReceiptIndex receipt_index, vm::Balance stake,
                         vm::PublicKey public_key) override;
  void AppendActionAddKeyWithFullAccess(vm::ReceiptIndex receipt_index, vm::PublicKey public_key,
                                        vm::Nonce nonce) override;
  vm::VMStatus AppendActionAddKeyWithFunctionCall(vm::ReceiptIndex receipt_index,
                                                  vm::PublicKey public_key, vm::Nonce nonce,
                                                  std::optional<vm::Balance> allowance,
                                                  AccountId receiver_id,
                                                  std::vector<Bytes> method_names) override;
  void AppendActionDeleteKey(vm::ReceiptIndex receipt_index, vm::PublicKey public_key) override;
  void AppendActionDeleteAccount(vm::ReceiptIndex receipt_index, AccountId beneficiary_id) override;
  const AccountId* GetReceiptReceiver(vm::ReceiptIndex receipt_index) const override;
  void SetRefundTo(vm::ReceiptIndex receipt_index, AccountId refund_to) override;

 private:
  size_t Append(vm::ReceiptIndex receipt_index, Action action);

  TrieUpdate& update_;
  store::ContractStorage storage_;
  ReceiptManager& receipts_;
  AccountId account_id_;
  CryptoHash action_hash_;
  uint64_t block_height_;
  uint64_t data_count_ = 0;
  const ChainInfo& chain_;
};

}  // namespace nearrt::runtime
