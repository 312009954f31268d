// Contract storage as nearcore's RuntimeExt implements it
// (runtime/runtime/src/ext.rs, PV86 with flat storage): the storage side of
// the VM's External interface, with the exact trie-node gas accounting.
//
// What each host function's ext call charges through StorageGasHooks, in
// this order (everything else -- base, per-byte, register and memory costs --
// is charged by the VM itself, see vm.md §1.8):
//
//   storage_write  -> Set():    lookup ContractData{account,key} in kMemOrTrie
//                               mode (path nodes tracked); if the key exists:
//                               DerefWriteEvictedValueBytes(len(old)), then the
//                               old value is read (its hash tracked); then
//                               TrieNodeTouched(db_reads), CachedTrieNodeAccess
//                               (mem_reads) for everything tracked in this call;
//                               then the value is set.
//   storage_remove -> Remove(): same lookup; if present:
//                               DerefRemovedValueBytes(len(old)) and the read;
//                               the key is removed; then the two node charges.
//   storage_read   -> GetRef() then Deref(): lookup in kMemOrFlatOrTrie mode
//                               (path not tracked with flat storage), node
//                               charges (zero at PV86); the VM charges the value
//                               bytes, then calls Deref with its free tracker:
//                               the access is tracked (it fills the chunk cache)
//                               but costs nothing.
//   storage_has_key-> HasKey(): like GetRef, no value access.
//
// A key already written or removed in this chunk's TrieUpdate costs no node
// charge at all (the lookup never reaches the trie). Node counts use the
// chunk-wide AccountingCache: first access to a hash in the chunk is a "db
// read" (touching_trie_node), later ones "mem reads" (read_cached_trie_node).
// After every call the VM compares RecordedStorageSize() with
// per_receipt_storage_proof_size_limit.
#pragma once

#include <optional>

#include "primitives/account_id.h"
#include "store/accounting.h"
#include "store/trie_update.h"

namespace nearrt::store {

// Implemented by the VM's gas counter (nearcore StorageAccessTracker). Each
// returns false when the charge failed (out of gas); the operation then stops
// at once, as nearcore's `?` does, and the VM reports its own error.
class StorageGasHooks {
 public:
  virtual ~StorageGasHooks() = default;
  virtual bool TrieNodeTouched(uint64_t count) = 0;            // touching_trie_node x count
  virtual bool CachedTrieNodeAccess(uint64_t count) = 0;       // read_cached_trie_node x count
  virtual bool DerefWriteEvictedValueBytes(uint64_t bytes) = 0;  // storage_write_evicted_byte
  virtual bool DerefRemovedValueBytes(uint64_t bytes) = 0;       // storage_remove_ret_value_byte
};

struct ContractStorageError {
  enum Kind : uint8_t {
    kGasHookFailed,  // a StorageGasHooks call returned false
    kStorage,        // the state is unreadable (e.g. missing from a witness)
  };
  Kind kind;
  StorageError storage;
};

template <class T>
using ContractStorageResult = Result<T, ContractStorageError>;

class ContractStorage {
 public:
  // `flat_storage_reads`: StorageGetMode::FlatStorage (true at PV86).
  ContractStorage(TrieUpdate& update, AccountId account, AccountingCache& cache,
                  bool flat_storage_reads = true)
      : update_(update), account_(std::move(account)), cache_(cache), flat_(flat_storage_reads) {}

  ContractStorageResult<std::optional<Bytes>> Set(ByteView key, ByteView value,
                                                  StorageGasHooks& gas);
  ContractStorageResult<std::optional<Bytes>> Remove(ByteView key, StorageGasHooks& gas);
  ContractStorageResult<std::optional<UpdateValuePtr>> GetRef(ByteView key, StorageGasHooks& gas);
  // The value behind a GetRef result (nearcore RuntimeExtValuePtr::deref).
  // The access is tracked; its node charges go to `gas`, which for
  // storage_read is the VM's free tracker (nearcore FreeGasCounter).
  ContractStorageResult<Bytes> Deref(const UpdateValuePtr& ptr, StorageGasHooks& gas);
  ContractStorageResult<bool> HasKey(ByteView key, StorageGasHooks& gas);

  // nearcore get_recorded_storage_size: the recorder's upper bound (0 when
  // not recording).
  size_t RecordedStorageSize() const;

  const AccountId& account() const { return account_; }

 private:
  Bytes StorageKey(ByteView key) const;
  ContractStorageResult<std::optional<Bytes>> ReadOldValue(
      ByteView storage_key, StorageGasHooks& gas, bool (StorageGasHooks::*charge_bytes)(uint64_t));
  bool ChargeNodes(const TrieNodesCount& since, StorageGasHooks& gas) const;

  TrieUpdate& update_;
  AccountId account_;
  AccountingCache& cache_;
  bool flat_;
};

}  // namespace nearrt::store
