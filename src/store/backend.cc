#include "store/backend.h"

namespace nearrt::store {

void WriteBatch::ApplyInsertions(const TrieChanges& c) {
  for (const auto& a : c.insertions) AddRefcount(a.hash, a.rc, a.data);
}

void WriteBatch::ApplyDeletions(const TrieChanges& c) {
  for (const auto& d : c.deletions) AddRefcount(d.hash, -static_cast<int64_t>(d.rc));
}

StorageResult<Bytes> MemoryBackend::Get(const CryptoHash& hash) {
  auto it = items_.find(hash);
  if (it == items_.end()) {
    return Err(StorageError::Missing(MissingTrieValueContext::kTrieStorage, hash));
  }
  return it->second.second;
}

StorageStatus MemoryBackend::Write(const WriteBatch& batch) {
  // Refcounts are summed over the whole batch before empty entries go.
  for (const auto& r : batch.refcounts()) {
    auto& e = items_[r.hash];
    e.first += r.delta;
    if (r.delta > 0) e.second.assign(r.data.begin(), r.data.end());
  }
  for (const auto& r : batch.refcounts()) {
    auto it = items_.find(r.hash);
    if (it != items_.end() && it->second.first <= 0) items_.erase(it);
  }
  for (const auto& m : batch.meta()) {
    if (m.value) {
      meta_[m.key] = *m.value;
    } else {
      meta_.erase(m.key);
    }
  }
  return {};
}

StorageResult<std::optional<Bytes>> MemoryBackend::GetMeta(const std::string& key) {
  auto it = meta_.find(key);
  if (it == meta_.end()) return std::optional<Bytes>();
  return std::optional<Bytes>(it->second);
}

StorageResult<std::vector<std::string>> MemoryBackend::ListMeta(const std::string& prefix) {
  std::vector<std::string> out;
  for (auto it = meta_.lower_bound(prefix); it != meta_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(it->first);
  }
  return out;
}

StorageResult<int64_t> MemoryBackend::Refcount(const CryptoHash& hash) {
  auto it = items_.find(hash);
  return it == items_.end() ? int64_t{0} : it->second.first;
}

}  // namespace nearrt::store
