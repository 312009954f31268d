// RocksDB backend (native builds with NEARRT_ROCKSDB only).
//
// Layout (one column family):
//   'n' ‖ hash[32] -> bytes ‖ i64le refcount   (nodes and values, nearcore's
//                     DBCol::State encoding; refcounts are summed by a merge
//                     operator so writes never read)
//   'm' ‖ name     -> metadata bytes
// Every WriteBatch becomes one RocksDB WriteBatch, written through the WAL:
// after a crash (even SIGKILL mid-write) RocksDB recovery exposes either the
// whole batch or none of it.
#pragma once

#include <memory>
#include <string>

#include "store/backend.h"

namespace nearrt::store {

struct RocksDbOptions {
  // fsync the WAL on every write: survives power loss, not just a process
  // crash (a killed process loses nothing either way).
  bool sync = false;
  // Block cache size in bytes (0: RocksDB's default).
  size_t block_cache_bytes = 256u << 20;
  bool create_if_missing = true;
};

class RocksDbBackend : public Backend {
 public:
  static StorageResult<std::unique_ptr<RocksDbBackend>> Open(const std::string& path,
                                                            const RocksDbOptions& options = {});
  ~RocksDbBackend() override;

  StorageResult<Bytes> Get(const CryptoHash& hash) override;
  StorageStatus Write(const WriteBatch& batch) override;
  StorageResult<std::optional<Bytes>> GetMeta(const std::string& key) override;
  StorageResult<std::vector<std::string>> ListMeta(const std::string& prefix) override;
  StorageResult<int64_t> Refcount(const CryptoHash& hash) override;

  struct Impl;

 private:
  explicit RocksDbBackend(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nearrt::store
