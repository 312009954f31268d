// Where persisted trie nodes and values come from: a content-addressed map
// hash -> bytes (RocksDB, a state witness, ...). In-memory tries need none.
#pragma once

#include "primitives/crypto_hash.h"
#include "store/storage_error.h"
#include "util/bytes.h"

namespace nearrt::store {

class NodeSource {
 public:
  virtual ~NodeSource() = default;
  // The bytes stored under `hash` (a serialized node or a value), or a
  // kMissingTrieValue error naming the hash.
  virtual StorageResult<Bytes> Get(const CryptoHash& hash) = 0;
};

}  // namespace nearrt::store
