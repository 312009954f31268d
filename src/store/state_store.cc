#include "store/state_store.h"

#include <cstdio>

#include "primitives/borsh.h"

namespace nearrt::store {
namespace {

constexpr char kHeadKey[] = "head";
constexpr char kGcTailKey[] = "gc_tail";
constexpr char kDeletionsPrefix[] = "deletions/";

std::string DeletionsKey(uint64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%s%020llu", kDeletionsPrefix, static_cast<unsigned long long>(seq));
  return buf;
}

// The commit number of a DeletionsKey (20 decimal digits after the prefix).
bool ParseDeletionsSeq(const std::string& key, uint64_t* seq) {
  const size_t n = sizeof(kDeletionsPrefix) - 1;
  if (key.size() != n + 20 || key.compare(0, n, kDeletionsPrefix) != 0) return false;
  uint64_t v = 0;
  for (size_t i = n; i < key.size(); ++i) {
    const char c = key[i];
    if (c < '0' || c > '9') return false;
    const uint64_t d = uint64_t(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *seq = v;
  return true;
}

StorageError Corrupt(const std::string& what, const Error& e) {
  return StorageError::Inconsistent("corrupt store metadata '" + what + "': " + e.message);
}

}  // namespace

StateStore::StateStore() { history_.push_back({0, CryptoHash()}); }

StateStore::StateStore(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}

StorageResult<std::unique_ptr<StateStore>> StateStore::Open(std::unique_ptr<Backend> backend) {
  std::unique_ptr<StateStore> s(new StateStore(std::move(backend)));
  NEARRT_ASSIGN_OR_RETURN(std::optional<Bytes> head, s->backend_->GetMeta(kHeadKey));
  if (head) {
    BorshReader r(*head);
    auto seq = r.U64();
    auto root = r.Fixed(32);
    if (!seq.ok() || !root.ok() || !r.AtEnd()) {
      return Err(Corrupt(kHeadKey, Error("bad encoding")));
    }
    s->head_seq_ = *seq;
    s->head_ = *CryptoHash::FromBytes(*root);
  }
  NEARRT_ASSIGN_OR_RETURN(std::optional<Bytes> tail, s->backend_->GetMeta(kGcTailKey));
  if (tail) {
    BorshReader r(*tail);
    auto v = r.U64();
    if (!v.ok() || !r.AtEnd()) return Err(Corrupt(kGcTailKey, Error("bad encoding")));
    s->gc_tail_ = *v;
  }
  s->history_.push_back({s->head_seq_, s->head_});
  return s;
}

Trie StateStore::GetTrie(const CryptoHash& root) const {
  if (root.IsZero()) return Trie(nullptr, backend_.get());
  auto it = roots_.find(root);
  if (it != roots_.end()) return Trie(it->second, backend_.get());
  Trie t = Trie::FromRootHash(root, backend_.get());
  // Share the lazily loaded head between callers (e.g. after reopening).
  if (backend_ && root == head_) roots_.emplace(root, t.root_cell());
  return t;
}

void StateStore::Remember(uint64_t seq, std::shared_ptr<RootCell> cell) {
  const CryptoHash root = cell->hash();
  if (!root.IsZero()) roots_.emplace(root, std::move(cell));
  history_.push_back({seq, root});
}

StorageStatus StateStore::Commit(const TrieUpdateOutput& out) {
  const CryptoHash root = out.new_root();
  const uint64_t seq = head_seq_ + 1;
  if (backend_) {
    WriteBatch batch;
    batch.ApplyInsertions(out.changes);
    if (!out.changes.deletions.empty()) {
      TrieChanges deletions;
      deletions.old_root = out.changes.old_root;
      deletions.new_root = out.changes.new_root;
      deletions.deletions = out.changes.deletions;
      batch.PutMeta(DeletionsKey(seq), deletions.ToBorsh());
    }
    BorshWriter head;
    head.U64(seq);
    head.Fixed(root.view());
    batch.PutMeta(kHeadKey, head.Take());
    NEARRT_TRY(backend_->Write(batch));
  }
  head_ = root;
  head_seq_ = seq;
  Remember(seq, out.root);
  return {};
}

StorageStatus StateStore::Prune(size_t keep) {
  if (keep == 0) return Err(StorageError::InvalidInput("Prune must keep at least one state"));
  if (head_seq_ + 1 <= keep) return {};
  const uint64_t last = head_seq_ + 1 - keep;  // prune commits gc_tail_..last
  if (backend_ && gc_tail_ <= last) {
    WriteBatch batch;
    // The deletions records that exist (not every number from gc_tail_ to
    // `last`: with corrupt metadata that range can be 2^64 long).
    NEARRT_ASSIGN_OR_RETURN(std::vector<std::string> keys, backend_->ListMeta(kDeletionsPrefix));
    for (const std::string& key : keys) {
      uint64_t seq;
      if (!ParseDeletionsSeq(key, &seq)) return Err(Corrupt(key, Error("not a deletions record key")));
      if (seq < gc_tail_ || seq > last) continue;
      NEARRT_ASSIGN_OR_RETURN(std::optional<Bytes> raw, backend_->GetMeta(key));
      if (!raw) continue;
      auto changes = TrieChanges::FromBorsh(*raw);
      if (!changes.ok()) return Err(Corrupt(key, changes.error()));
      batch.ApplyDeletions(*changes);
      batch.DeleteMeta(key);
    }
    BorshWriter tail;
    tail.U64(last + 1);
    batch.PutMeta(kGcTailKey, tail.Take());
    NEARRT_TRY(backend_->Write(batch));
    gc_tail_ = last + 1;
  }
  // States before commit `last` are gone: forget their roots (unless a kept
  // state has the same root).
  while (!history_.empty() && history_.front().first < last) {
    const CryptoHash root = history_.front().second;
    history_.pop_front();
    bool still_used = false;
    for (const auto& h : history_) still_used |= h.second == root;
    if (!still_used) roots_.erase(root);
  }
  return {};
}

void StateStore::DropCaches() {
  if (!backend_) return;
  for (auto& [root, cell] : roots_) {
    auto fresh = std::make_shared<RootCell>();
    fresh->node = NewStub(root);
    cell = std::move(fresh);
  }
}

}  // namespace nearrt::store
