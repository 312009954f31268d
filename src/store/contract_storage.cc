#include "store/contract_storage.h"

#include "store/trie_key.h"

namespace nearrt::store {
namespace {

Unexpected<ContractStorageError> GasFailed() {
  return Err(ContractStorageError{ContractStorageError::kGasHookFailed, {}});
}
Unexpected<ContractStorageError> Storage(StorageError e) {
  return Err(ContractStorageError{ContractStorageError::kStorage, std::move(e)});
}

}  // namespace

Bytes ContractStorage::StorageKey(ByteView key) const {
  return RawPrefixForContractData(account_, key);
}

// nearcore AccountingState::commit_counts_since.
bool ContractStorage::ChargeNodes(const TrieNodesCount& since, StorageGasHooks& gas) const {
  TrieNodesCount delta = cache_.counts() - since;
  return gas.TrieNodeTouched(delta.db_reads) && gas.CachedTrieNodeAccess(delta.mem_reads);
}

// The shared first half of storage_write and storage_remove: look the key up
// in kMemOrTrie mode and, if present, charge the old value's bytes (through
// `charge_bytes`) before reading it.
ContractStorageResult<std::optional<Bytes>> ContractStorage::ReadOldValue(
    ByteView storage_key, StorageGasHooks& gas,
    bool (StorageGasHooks::*charge_bytes)(uint64_t)) {
  const AccessOptions opts = AccessOptions::ContractRuntime(&cache_);
  auto ref = update_.GetRef(storage_key, LookupMode::kMemOrTrie, opts);
  if (!ref.ok()) return Storage(std::move(ref).error());
  if (!*ref) return std::optional<Bytes>();
  if (!(gas.*charge_bytes)((*ref)->len())) return GasFailed();
  auto v = update_.Deref(**ref, opts);
  if (!v.ok()) return Storage(std::move(v).error());
  return std::optional<Bytes>(std::move(*v));
}

ContractStorageResult<std::optional<Bytes>> ContractStorage::Set(ByteView key, ByteView value,
                                                                 StorageGasHooks& gas) {
  const TrieNodesCount start = cache_.counts();
  Bytes storage_key = StorageKey(key);
  NEARRT_ASSIGN_OR_RETURN(std::optional<Bytes> evicted,
                          ReadOldValue(storage_key, gas, &StorageGasHooks::DerefWriteEvictedValueBytes));
  if (!ChargeNodes(start, gas)) return GasFailed();
  update_.Set(std::move(storage_key), Bytes(value.begin(), value.end()));
  return evicted;
}

ContractStorageResult<std::optional<Bytes>> ContractStorage::Remove(ByteView key,
                                                                    StorageGasHooks& gas) {
  const TrieNodesCount start = cache_.counts();
  Bytes storage_key = StorageKey(key);
  NEARRT_ASSIGN_OR_RETURN(std::optional<Bytes> removed,
                          ReadOldValue(storage_key, gas, &StorageGasHooks::DerefRemovedValueBytes));
  // nearcore removes before charging the nodes.
  update_.Remove(std::move(storage_key));
  if (!ChargeNodes(start, gas)) return GasFailed();
  return removed;
}

ContractStorageResult<std::optional<UpdateValuePtr>> ContractStorage::GetRef(
    ByteView key, StorageGasHooks& gas) {
  const TrieNodesCount start = cache_.counts();
  const LookupMode mode = flat_ ? LookupMode::kMemOrFlatOrTrie : LookupMode::kMemOrTrie;
  auto ref = update_.GetRef(StorageKey(key), mode, AccessOptions::ContractRuntime(&cache_));
  // nearcore charges the nodes even when the lookup failed.
  if (!ChargeNodes(start, gas)) return GasFailed();
  if (!ref.ok()) return Storage(std::move(ref).error());
  return std::move(*ref);
}

ContractStorageResult<Bytes> ContractStorage::Deref(const UpdateValuePtr& ptr,
                                                    StorageGasHooks& gas) {
  const TrieNodesCount start = cache_.counts();
  auto v = update_.Deref(ptr, AccessOptions::ContractRuntime(&cache_));
  if (!ChargeNodes(start, gas)) return GasFailed();
  if (!v.ok()) return Storage(std::move(v).error());
  return std::move(*v);
}

ContractStorageResult<bool> ContractStorage::HasKey(ByteView key, StorageGasHooks& gas) {
  const TrieNodesCount start = cache_.counts();
  const LookupMode mode = flat_ ? LookupMode::kMemOrFlatOrTrie : LookupMode::kMemOrTrie;
  auto ref = update_.GetRef(StorageKey(key), mode, AccessOptions::ContractRuntime(&cache_));
  if (!ChargeNodes(start, gas)) return GasFailed();
  if (!ref.ok()) return Storage(std::move(ref).error());
  return ref->has_value();
}

size_t ContractStorage::RecordedStorageSize() const {
  const TrieRecorder* r = update_.trie().recorder();
  return r ? r->upper_bound_size() : 0;
}

}  // namespace nearrt::store
