#include "store/rocksdb_backend.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <cstring>

#include "store/refcount.h"

namespace nearrt::store {
namespace {

ByteView AsView(const rocksdb::Slice& s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Sums refcounts (store/refcount.h, nearcore core/store/src/db/refcount.rs).
// A sum that overflows fails the merge: RocksDB then reports corruption on
// reads of that key instead of the process crashing.
class RefcountMerge : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger*) const override {
    ByteView operand = AsView(value);
    ByteView old = existing ? AsView(*existing) : ByteView();
    return MergeRcValues(existing ? &old : nullptr, std::span<const ByteView>(&operand, 1), new_value);
  }
  const char* Name() const override { return "nearrt.RefcountMerge"; }
};

std::string NodeKey(const CryptoHash& h) {
  std::string k(1, 'n');
  k.append(reinterpret_cast<const char*>(h.bytes.data()), 32);
  return k;
}

std::string MetaKey(const std::string& name) { return "m" + name; }

StorageError FromStatus(const rocksdb::Status& s, const char* what) {
  return StorageError::Internal(std::string("rocksdb ") + what + ": " + s.ToString());
}

}  // namespace

struct RocksDbBackend::Impl {
  std::unique_ptr<rocksdb::DB> db;
  rocksdb::WriteOptions write_options;
};

RocksDbBackend::RocksDbBackend(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RocksDbBackend::~RocksDbBackend() = default;

StorageResult<std::unique_ptr<RocksDbBackend>> RocksDbBackend::Open(const std::string& path,
                                                                   const RocksDbOptions& options) {
  rocksdb::Options opts;
  opts.create_if_missing = options.create_if_missing;
  opts.merge_operator = std::make_shared<RefcountMerge>();
  opts.IncreaseParallelism(2);
  opts.max_open_files = 512;
  // Node and value entries are mostly hashes and contract data: compression
  // costs CPU for little gain. Larger memtables absorb a whole chunk.
  opts.compression = rocksdb::kNoCompression;
  opts.write_buffer_size = 128u << 20;
  rocksdb::BlockBasedTableOptions table;
  if (options.block_cache_bytes) table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  opts.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(opts, path, &db);
  if (!s.ok()) return Err(FromStatus(s, ("open " + path).c_str()));
  auto impl = std::make_unique<Impl>();
  impl->db.reset(db);
  impl->write_options.sync = options.sync;
  return std::unique_ptr<RocksDbBackend>(new RocksDbBackend(std::move(impl)));
}

StorageResult<Bytes> RocksDbBackend::Get(const CryptoHash& hash) {
  rocksdb::PinnableSlice v;
  rocksdb::Status s =
      impl_->db->Get(rocksdb::ReadOptions(), impl_->db->DefaultColumnFamily(), NodeKey(hash), &v);
  if (s.IsNotFound()) return Err(StorageError::Missing(MissingTrieValueContext::kTrieStorage, hash));
  if (!s.ok()) return Err(FromStatus(s, "get"));
  RcValue rv = DecodeRcValue(AsView(v));
  if (!rv.has_payload) return Err(StorageError::Missing(MissingTrieValueContext::kTrieStorage, hash));
  return Bytes(rv.payload.begin(), rv.payload.end());
}

StorageResult<int64_t> RocksDbBackend::Refcount(const CryptoHash& hash) {
  rocksdb::PinnableSlice v;
  rocksdb::Status s =
      impl_->db->Get(rocksdb::ReadOptions(), impl_->db->DefaultColumnFamily(), NodeKey(hash), &v);
  if (s.IsNotFound()) return int64_t{0};
  if (!s.ok()) return Err(FromStatus(s, "get"));
  return DecodeRcValue(AsView(v)).rc;
}

StorageStatus RocksDbBackend::Write(const WriteBatch& batch) {
  rocksdb::WriteBatch wb;
  char key[33];
  key[0] = 'n';
  for (const auto& r : batch.refcounts()) {
    std::memcpy(key + 1, r.hash.bytes.data(), 32);
    // value = bytes ‖ i64le(delta), without an intermediate copy.
    rocksdb::Slice value_parts[2] = {
        rocksdb::Slice(reinterpret_cast<const char*>(r.data.data()), r.data.size()),
        rocksdb::Slice(reinterpret_cast<const char*>(&r.delta), 8)};
    rocksdb::Slice key_slice(key, 33);
    rocksdb::Status s = wb.Merge(rocksdb::SliceParts(&key_slice, 1), rocksdb::SliceParts(value_parts, 2));
    if (!s.ok()) return Err(FromStatus(s, "batch merge"));
  }
  for (const auto& m : batch.meta()) {
    rocksdb::Status s =
        m.value ? wb.Put(MetaKey(m.key), rocksdb::Slice(reinterpret_cast<const char*>(m.value->data()),
                                                        m.value->size()))
                : wb.Delete(MetaKey(m.key));
    if (!s.ok()) return Err(FromStatus(s, "batch put"));
  }
  rocksdb::Status s = impl_->db->Write(impl_->write_options, &wb);
  if (!s.ok()) return Err(FromStatus(s, "write"));
  return {};
}

StorageResult<std::optional<Bytes>> RocksDbBackend::GetMeta(const std::string& key) {
  std::string v;
  rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), MetaKey(key), &v);
  if (s.IsNotFound()) return std::optional<Bytes>();
  if (!s.ok()) return Err(FromStatus(s, "get meta"));
  return std::optional<Bytes>(Bytes(v.begin(), v.end()));
}

StorageResult<std::vector<std::string>> RocksDbBackend::ListMeta(const std::string& prefix) {
  std::vector<std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions()));
  const std::string start = MetaKey(prefix);
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    out.push_back(it->key().ToString().substr(1));
  }
  if (!it->status().ok()) return Err(FromStatus(it->status(), "iterate meta"));
  return out;
}

}  // namespace nearrt::store
