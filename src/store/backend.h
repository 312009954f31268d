// Persistent storage for state: a content-addressed, reference-counted map
// hash -> bytes (trie nodes and values share it, as in nearcore's
// DBCol::State) plus a few metadata entries, written in atomic batches.
//
// Implementations: MemoryBackend (portable; tests and the browser) and
// RocksDbBackend (native, NEARRT_ROCKSDB).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/node_source.h"
#include "store/trie_changes.h"

namespace nearrt::store {

// One atomic write: refcount changes and metadata. Node and value bytes are
// referenced, not copied: they must outlive the Write call.
class WriteBatch {
 public:
  struct Refcount {
    CryptoHash hash;
    int64_t delta;   // > 0 carries `data`
    ByteView data;
  };
  struct Meta {
    std::string key;
    std::optional<Bytes> value;  // nullopt deletes
  };

  void AddRefcount(const CryptoHash& hash, int64_t delta, ByteView data = {}) {
    refcounts_.push_back({hash, delta, data});
  }
  // insertions: +rc; deletions: -rc (nearcore apply_all).
  void ApplyInsertions(const TrieChanges& c);
  void ApplyDeletions(const TrieChanges& c);
  void PutMeta(std::string key, Bytes value) { meta_.push_back({std::move(key), std::move(value)}); }
  void DeleteMeta(std::string key) { meta_.push_back({std::move(key), std::nullopt}); }

  const std::vector<Refcount>& refcounts() const { return refcounts_; }
  const std::vector<Meta>& meta() const { return meta_; }
  bool empty() const { return refcounts_.empty() && meta_.empty(); }

 private:
  std::vector<Refcount> refcounts_;
  std::vector<Meta> meta_;
};

class Backend : public NodeSource {
 public:
  // Applies the whole batch or nothing.
  virtual StorageStatus Write(const WriteBatch& batch) = 0;
  virtual StorageResult<std::optional<Bytes>> GetMeta(const std::string& key) = 0;
  // Metadata keys starting with `prefix`, in order.
  virtual StorageResult<std::vector<std::string>> ListMeta(const std::string& prefix) = 0;
  // Current refcount of `hash` (0 if absent).
  virtual StorageResult<int64_t> Refcount(const CryptoHash& hash) = 0;
};

class MemoryBackend : public Backend {
 public:
  StorageResult<Bytes> Get(const CryptoHash& hash) override;
  StorageStatus Write(const WriteBatch& batch) override;
  StorageResult<std::optional<Bytes>> GetMeta(const std::string& key) override;
  StorageResult<std::vector<std::string>> ListMeta(const std::string& prefix) override;
  StorageResult<int64_t> Refcount(const CryptoHash& hash) override;
  // Entries with a positive refcount.
  size_t size() const { return items_.size(); }

 private:
  std::map<CryptoHash, std::pair<int64_t, Bytes>> items_;
  std::map<std::string, Bytes> meta_;
};

}  // namespace nearrt::store
