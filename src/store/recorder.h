// State-witness recording, after nearcore TrieRecorder
// (core/store/src/trie/trie_recording.rs) and PartialState
// (core/primitives/src/state.rs).
//
// While a chunk is applied, every node on every lookup path, every
// dereferenced value and every node the final update touches is recorded,
// deduplicated by hash. The result is PartialState::TrieValues: the set of
// those byte strings, sorted bytewise.
#pragma once

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "primitives/crypto_hash.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::store {

// PartialState::TrieValues (borsh tag 0): u32 count, then each item as
// u32 length + bytes.
struct PartialState {
  std::vector<Bytes> values;

  Bytes ToBorsh() const;
  static Result<PartialState> FromBorsh(ByteView data);
  // Sum of the item sizes.
  size_t TotalSize() const;
};

class TrieRecorder {
 public:
  // Bytes charged per contract-data removal in the upper bound (nearcore
  // issue #10890).
  static constexpr size_t kRemovalUpperBound = 2000;

  explicit TrieRecorder(uint64_t proof_size_limit = std::numeric_limits<uint64_t>::max())
      : proof_size_limit_(proof_size_limit) {}

  bool Contains(const CryptoHash& hash) const { return recorded_.count(hash) != 0; }
  // Records `bytes` under `hash` (= sha256(bytes)) unless already recorded.
  void Record(const CryptoHash& hash, ByteView bytes);
  // TrieUpdate::remove of a ContractData key.
  void RecordKeyRemoval() {
    upper_bound_size_ += kRemovalUpperBound;
    ++removal_counter_;
  }
  void RecordCodeLen(size_t len) {
    upper_bound_size_ += len;
    code_len_counter_ += len;
  }

  // Bytes recorded so far (first insert of each hash).
  size_t size() const { return size_; }
  // size() + 2000 per removal + code lengths: what the VM's
  // per_receipt_storage_proof_size_limit and the chunk's soft limit compare.
  size_t upper_bound_size() const { return upper_bound_size_; }
  bool ProofSizeLimitExceeded() const { return upper_bound_size_ > proof_size_limit_; }
  size_t count() const { return recorded_.size(); }
  size_t removal_counter() const { return removal_counter_; }

  // The recorded items, sorted bytewise (nearcore `recorded_storage`).
  PartialState ToPartialState() const;

 private:
  std::unordered_map<CryptoHash, Bytes, CryptoHashHasher> recorded_;
  size_t size_ = 0;
  size_t upper_bound_size_ = 0;
  size_t removal_counter_ = 0;
  size_t code_len_counter_ = 0;
  uint64_t proof_size_limit_;
};

}  // namespace nearrt::store
