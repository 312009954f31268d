#include "store/trie_update.h"

#include "store/trie_key.h"

#include <algorithm>

namespace nearrt::store {

const TrieUpdate::Entry* TrieUpdate::Find(ByteView key) const {
  auto it = index_.find(View(key));
  return it == index_.end() ? nullptr : it->second;
}

std::optional<const std::optional<Bytes>*> TrieUpdate::FromUpdates(ByteView key) const {
  const Entry* e = Find(key);
  if (!e) return std::nullopt;
  if (e->has_prospective) return &e->prospective;
  return &e->committed.back().data;
}

std::vector<TrieUpdate::Entry*> TrieUpdate::Sorted(const ByteView* prefix) const {
  std::vector<Entry*> out;
  out.reserve(prefix ? 16 : index_.size());
  for (const auto& [key, e] : index_) {
    if (prefix && !prefix->empty() &&
        (key.size() < prefix->size() ||
         std::memcmp(key.data(), prefix->data(), prefix->size()) != 0)) {
      continue;
    }
    out.push_back(e);
  }
  std::sort(out.begin(), out.end(),
            [](const Entry* a, const Entry* b) { return BytesLess()(a->key, b->key); });
  return out;
}

StorageResult<std::optional<UpdateValuePtr>> TrieUpdate::GetRef(ByteView key, LookupMode mode,
                                                                AccessOptions opts) const {
  using R = std::optional<UpdateValuePtr>;
  if (auto changed = FromUpdates(key)) {
    const std::optional<Bytes>& v = **changed;
    if (!v) return R();
    return R(UpdateValuePtr::Memory(&*v));
  }
  NEARRT_ASSIGN_OR_RETURN(std::optional<ValuePtr> ref, trie_.GetRef(key, mode, opts));
  if (!ref) return R();
  return R(UpdateValuePtr::InTrie(std::move(*ref)));
}

StorageResult<Bytes> TrieUpdate::Deref(const UpdateValuePtr& v, AccessOptions opts) const {
  if (v.in_memory()) return *v.memory();
  return trie_.Deref(v.trie_ptr(), opts);
}

StorageResult<std::optional<Bytes>> TrieUpdate::Get(ByteView key, AccessOptions opts) const {
  if (auto changed = FromUpdates(key)) return **changed;
  return trie_.Get(key, opts);
}

StorageResult<bool> TrieUpdate::ContainsKey(ByteView key, AccessOptions opts) const {
  if (auto changed = FromUpdates(key)) return (*changed)->has_value();
  return trie_.ContainsKey(key, LookupMode::kMemOrFlatOrTrie, opts);
}

TrieUpdate::Entry* TrieUpdate::Touch(Bytes key) {
  auto it = index_.find(View(key));
  Entry* e;
  if (it == index_.end()) {
    e = &entries_.emplace_back();
    e->key = std::move(key);
    index_.emplace(View(e->key), e);
    ++uncommitted_only_;
  } else {
    e = it->second;
  }
  if (!e->has_prospective) {
    e->has_prospective = true;
    touched_.push_back(e);
  }
  return e;
}

void TrieUpdate::Set(Bytes key, Bytes value) { Touch(std::move(key))->prospective = std::move(value); }

void TrieUpdate::Remove(Bytes key) {
  if (!key.empty() && key[0] == col::kContractData && trie_.recorder()) {
    trie_.recorder()->RecordKeyRemoval();
  }
  Touch(std::move(key))->prospective = std::nullopt;
}

void TrieUpdate::Commit(const StateChangeCause& cause) {
  // nearcore iterates the prospective BTreeMap; the order of `touched_` does
  // not matter since each key gets exactly one change per commit.
  for (Entry* e : touched_) {
    if (e->committed.empty()) --uncommitted_only_;
    e->committed.push_back(RawStateChange{cause, std::move(e->prospective)});
    e->has_prospective = false;
    e->prospective.reset();
  }
  touched_.clear();
}

void TrieUpdate::Rollback() {
  for (Entry* e : touched_) {
    e->has_prospective = false;
    e->prospective.reset();
    if (e->committed.empty()) {
      --uncommitted_only_;
      index_.erase(View(e->key));
      e->dead = true;  // its slot in entries_ is reclaimed by Finalize
    }
  }
  touched_.clear();
}

StorageResult<FinalizeResult> TrieUpdate::Finalize(const UpdateOptions& options,
                                                   AccessOptions opts) {
  if (!touched_.empty()) {
    return Err(StorageError::InvalidInput("Finalize cannot be called with uncommitted changes"));
  }
  FinalizeResult result;
  std::vector<Entry*> sorted = Sorted(nullptr);
  result.state_changes.reserve(sorted.size());
  for (Entry* e : sorted) {
    result.state_changes.push_back(RawStateChangesWithKey{std::move(e->key), std::move(e->committed)});
  }
  index_.clear();
  entries_.clear();
  uncommitted_only_ = 0;
  // The last committed value of each key, in ascending key order, without
  // copying keys or values.
  std::vector<KeyChangeRef> changes;
  changes.reserve(result.state_changes.size());
  for (const RawStateChangesWithKey& sc : result.state_changes) {
    const std::optional<Bytes>& v = sc.changes.back().data;
    changes.push_back(KeyChangeRef{sc.key, v ? std::optional<ByteView>(*v) : std::nullopt});
  }
  NEARRT_ASSIGN_OR_RETURN(result.trie, trie_.UpdateRefs(changes, options, opts));
  return result;
}

StorageResult<TrieUpdateIterator> TrieUpdate::Iter(ByteView prefix, AccessOptions opts) const {
  TrieIterator it(trie_, opts);
  NEARRT_TRY(it.SeekPrefix(prefix));
  // The overlay: the latest value of every changed key under the prefix.
  std::vector<std::pair<Bytes, bool>> overlay;
  for (const Entry* e : Sorted(&prefix)) {
    overlay.emplace_back(e->key, e->has_prospective ? e->prospective.has_value()
                                                    : e->committed.back().data.has_value());
  }
  return TrieUpdateIterator(std::move(it), std::move(overlay));
}

StorageResult<std::optional<Bytes>> TrieUpdateIterator::Next() {
  using R = std::optional<Bytes>;
  if (done_) return R();
  for (;;) {
    if (!trie_peeked_) {
      auto n = trie_iter_.Next();
      if (!n.ok()) {
        done_ = true;
        return Err(std::move(n).error());
      }
      trie_next_ = std::move(*n);
      trie_peeked_ = true;
    }
    const bool has_trie = trie_next_.has_value();
    const bool has_overlay = overlay_pos_ < overlay_.size();
    if (!has_trie && !has_overlay) {
      done_ = true;
      return R();
    }
    int order;  // <0: trie first, 0: both, >0: overlay first
    if (has_trie && has_overlay) {
      const Bytes& a = trie_next_->first;
      const Bytes& b = overlay_[overlay_pos_].first;
      order = BytesLess()(a, b) ? -1 : (BytesLess()(b, a) ? 1 : 0);
    } else {
      order = has_trie ? -1 : 1;
    }
    if (order < 0) {
      trie_peeked_ = false;
      return R(std::move(trie_next_->first));
    }
    if (order == 0) trie_peeked_ = false;
    auto& [key, has_value] = overlay_[overlay_pos_++];
    if (has_value) return R(std::move(key));
  }
}

}  // namespace nearrt::store
