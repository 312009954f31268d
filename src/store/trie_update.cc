#include "store/trie_update.h"

#include "store/trie_key.h"

namespace nearrt::store {

std::optional<const std::optional<Bytes>*> TrieUpdate::FromUpdates(ByteView key) const {
  if (auto it = prospective_.find(key); it != prospective_.end()) return &it->second;
  if (auto it = committed_.find(key); it != committed_.end() && !it->second.empty()) {
    return &it->second.back().data;
  }
  return std::nullopt;
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

void TrieUpdate::Set(Bytes key, Bytes value) {
  auto it = prospective_.find(ByteView(key));
  if (it != prospective_.end()) {
    it->second = std::move(value);
  } else {
    prospective_.emplace(std::move(key), std::move(value));
  }
}

void TrieUpdate::Remove(Bytes key) {
  if (!key.empty() && key[0] == col::kContractData && trie_.recorder()) {
    trie_.recorder()->RecordKeyRemoval();
  }
  prospective_[std::move(key)] = std::nullopt;
}

void TrieUpdate::Commit(const StateChangeCause& cause) {
  for (auto& [key, value] : prospective_) {
    auto it = committed_.find(ByteView(key));
    if (it == committed_.end()) it = committed_.emplace(key, std::vector<RawStateChange>()).first;
    it->second.push_back(RawStateChange{cause, std::move(value)});
  }
  prospective_.clear();
}

StorageResult<FinalizeResult> TrieUpdate::Finalize(const UpdateOptions& options,
                                                   AccessOptions opts) {
  if (!prospective_.empty()) {
    return Err(StorageError::InvalidInput("Finalize cannot be called with uncommitted changes"));
  }
  FinalizeResult result;
  std::vector<KeyChange> changes;
  changes.reserve(committed_.size());
  result.state_changes.reserve(committed_.size());
  while (!committed_.empty()) {
    auto node = committed_.extract(committed_.begin());
    std::vector<RawStateChange>& list = node.mapped();
    KeyChange c{node.key(), list.back().data};
    changes.push_back(std::move(c));
    result.state_changes.push_back(RawStateChangesWithKey{std::move(node.key()), std::move(list)});
  }
  NEARRT_ASSIGN_OR_RETURN(result.trie, trie_.Update(std::move(changes), options, opts));
  return result;
}

StorageResult<TrieUpdateIterator> TrieUpdate::Iter(ByteView prefix, AccessOptions opts) const {
  TrieIterator it(trie_, opts);
  NEARRT_TRY(it.SeekPrefix(prefix));
  // The overlay: committed values, overridden by prospective ones.
  std::vector<std::pair<Bytes, bool>> overlay;
  auto starts = [&](const Bytes& k) {
    return k.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), k.begin());
  };
  auto c = committed_.lower_bound(prefix);
  auto p = prospective_.lower_bound(prefix);
  for (;;) {
    bool c_ok = c != committed_.end() && starts(c->first);
    bool p_ok = p != prospective_.end() && starts(p->first);
    if (!c_ok && !p_ok) break;
    if (c_ok && (!p_ok || BytesLess()(c->first, p->first))) {
      overlay.emplace_back(c->first, c->second.back().data.has_value());
      ++c;
    } else {
      if (c_ok && c->first == p->first) ++c;
      overlay.emplace_back(p->first, p->second.has_value());
      ++p;
    }
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
