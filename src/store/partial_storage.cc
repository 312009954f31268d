#include "store/partial_storage.h"

namespace nearrt::store {

PartialStorage::PartialStorage(const PartialState& state) {
  for (const Bytes& v : state.values) items_.emplace(CryptoHash::Of(v), v);
}

StorageResult<Bytes> PartialStorage::Get(const CryptoHash& hash) {
  auto it = items_.find(hash);
  if (it == items_.end()) {
    return Err(StorageError::Missing(MissingTrieValueContext::kTrieMemoryPartialStorage, hash));
  }
  used_.insert(hash);
  return it->second;
}

}  // namespace nearrt::store
