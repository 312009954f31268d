// The boundary between host functions and the world outside the VM: storage,
// outgoing receipts and their actions, yield/resume, validator information.
// Mirrors nearcore's External trait (runtime/near-vm-runner/src/logic/
// dependencies.rs). The VM never touches the trie directly.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "primitives/account_id.h"
#include "primitives/crypto_hash.h"
#include "util/bytes.h"
#include "vm/errors.h"
#include "vm/public_key.h"
#include "vm/types.h"

namespace nearrt::vm {

// Receives the trie-access charges of a storage operation. The gas counter
// implements it; storage_read dereferences values with a free tracker.
class StorageAccessTracker {
 public:
  virtual ~StorageAccessTracker() = default;
  virtual VMStatus TrieNodeTouched(uint64_t count) = 0;           // touching_trie_node * count
  virtual VMStatus CachedTrieNodeAccess(uint64_t count) = 0;      // read_cached_trie_node * count
  virtual VMStatus DerefWriteEvictedValueBytes(uint64_t bytes) = 0;  // storage_write_evicted_byte
  virtual VMStatus DerefRemovedValueBytes(uint64_t bytes) = 0;  // storage_remove_ret_value_byte
};

// Charges nothing (nearcore FreeGasCounter).
class FreeStorageAccessTracker final : public StorageAccessTracker {
 public:
  VMStatus TrieNodeTouched(uint64_t) override { return {}; }
  VMStatus CachedTrieNodeAccess(uint64_t) override { return {}; }
  VMStatus DerefWriteEvictedValueBytes(uint64_t) override { return {}; }
  VMStatus DerefRemovedValueBytes(uint64_t) override { return {}; }
};

// A value found in storage whose length is known before it is read.
class ValuePtr {
 public:
  virtual ~ValuePtr() = default;
  virtual uint32_t len() const = 0;
  virtual VMResult<Bytes> Deref(StorageAccessTracker& tracker) = 0;
};

enum class GlobalContractDeployMode : uint8_t { kCodeHash, kAccountId };

struct GlobalContractIdentifier {
  enum class Kind : uint8_t { kCodeHash, kAccountId };
  Kind kind = Kind::kCodeHash;
  CryptoHash code_hash;
  AccountId account_id;

  // Bytes charged per identifier byte: 32 for a hash, the id length otherwise.
  uint64_t len() const { return kind == Kind::kCodeHash ? 32 : account_id.size(); }
  bool operator==(const GlobalContractIdentifier&) const = default;
};

using YieldId = CryptoHash;

class External {
 public:
  virtual ~External() = default;

  // ---- Storage (the tracker receives the trie-node charges) ----
  // Returns the evicted value, if any.
  virtual VMResult<std::optional<Bytes>> StorageSet(StorageAccessTracker& tracker, ByteView key,
                                                    ByteView value) = 0;
  // Null if absent.
  virtual VMResult<std::unique_ptr<ValuePtr>> StorageGet(StorageAccessTracker& tracker,
                                                         ByteView key) = 0;
  // Returns the removed value, if any.
  virtual VMResult<std::optional<Bytes>> StorageRemove(StorageAccessTracker& tracker,
                                                       ByteView key) = 0;
  virtual VMResult<bool> StorageHasKey(StorageAccessTracker& tracker, ByteView key) = 0;
  virtual CryptoHash GenerateDataId() = 0;
  // Size of the storage proof recorded so far (for per_receipt_storage_proof_size_limit).
  virtual uint64_t GetRecordedStorageSize() const = 0;

  // ---- Chain ----
  virtual VMResult<std::optional<Balance>> ValidatorStake(const AccountId& account_id) const = 0;
  virtual VMResult<Balance> ValidatorTotalStake() const = 0;
  virtual std::string ChainId() const = 0;

  // ---- Receipts, yield/resume ----
  virtual VMResult<ReceiptIndex> CreateActionReceipt(std::vector<ReceiptIndex> receipt_indices,
                                                     AccountId receiver_id) = 0;
  // (receipt index, data id).
  virtual VMResult<std::pair<ReceiptIndex, CryptoHash>> CreatePromiseYieldReceipt(
      AccountId receiver_id) = 0;
  // nullopt when a yield with this id is already pending.
  virtual VMResult<std::optional<std::pair<ReceiptIndex, CryptoHash>>>
  CreatePromiseYieldReceiptWithId(AccountId receiver_id, const YieldId& yield_id) = 0;
  virtual VMResult<bool> SubmitPromiseResumeData(const CryptoHash& data_id, Bytes data) = 0;
  virtual VMResult<bool> SubmitPromiseResumeDataWithYieldId(const YieldId& yield_id,
                                                            Bytes data) = 0;

  // ---- Actions (receipt_index comes from Create*Receipt) ----
  virtual void AppendActionCreateAccount(ReceiptIndex receipt_index) = 0;
  virtual void AppendActionDeployContract(ReceiptIndex receipt_index, Bytes code) = 0;
  virtual void AppendActionDeployGlobalContract(ReceiptIndex receipt_index, Bytes code,
                                                GlobalContractDeployMode mode) = 0;
  virtual void AppendActionUseGlobalContract(ReceiptIndex receipt_index,
                                             GlobalContractIdentifier contract_id) = 0;
  virtual ActionIndex AppendActionDeterministicStateInit(ReceiptIndex receipt_index,
                                                         GlobalContractIdentifier contract_id,
                                                         Balance amount) = 0;
  virtual VMStatus SetDeterministicStateInitDataEntry(ReceiptIndex receipt_index,
                                                      ActionIndex action_index, Bytes key,
                                                      Bytes value) = 0;
  virtual VMStatus AppendActionFunctionCallWeight(ReceiptIndex receipt_index, Bytes method_name,
                                                  Bytes args, Balance attached_deposit,
                                                  Gas prepaid_gas, uint64_t gas_weight) = 0;
  virtual void AppendActionTransfer(ReceiptIndex receipt_index, Balance deposit) = 0;
  virtual void AppendActionTransferToGasKey(ReceiptIndex receipt_index, PublicKey public_key,
                                            Balance deposit) = 0;
  virtual void AppendActionAddGasKeyWithFullAccess(ReceiptIndex receipt_index,
                                                   PublicKey public_key,
                                                   NonceIndex num_nonces) = 0;
  virtual VMStatus AppendActionAddGasKeyWithFunctionCall(
      ReceiptIndex receipt_index, PublicKey public_key, NonceIndex num_nonces,
      std::optional<Balance> allowance, AccountId receiver_id,
      std::vector<Bytes> method_names) = 0;
  virtual void AppendActionStake(ReceiptIndex receipt_index, Balance stake,
                                 PublicKey public_key) = 0;
  virtual void AppendActionAddKeyWithFullAccess(ReceiptIndex receipt_index, PublicKey public_key,
                                                Nonce nonce) = 0;
  virtual VMStatus AppendActionAddKeyWithFunctionCall(ReceiptIndex receipt_index,
                                                      PublicKey public_key, Nonce nonce,
                                                      std::optional<Balance> allowance,
                                                      AccountId receiver_id,
                                                      std::vector<Bytes> method_names) = 0;
  virtual void AppendActionDeleteKey(ReceiptIndex receipt_index, PublicKey public_key) = 0;
  virtual void AppendActionDeleteAccount(ReceiptIndex receipt_index, AccountId beneficiary_id) = 0;

  // ---- Receipt metadata ----
  // Null for an unknown index (nearcore panics; the VM only passes known ones).
  virtual const AccountId* GetReceiptReceiver(ReceiptIndex receipt_index) const = 0;
  virtual void SetRefundTo(ReceiptIndex receipt_index, AccountId refund_to) = 0;
};

}  // namespace nearrt::vm
