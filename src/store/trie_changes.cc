#include "store/trie_changes.h"

#include <algorithm>
#include <cstring>

#include "primitives/borsh.h"

namespace nearrt::store {

Bytes TrieChanges::ToBorsh() const {
  BorshWriter w;
  w.Fixed(old_root.view());
  w.Fixed(new_root.view());
  w.Vector(insertions, [](BorshWriter& w, const TrieRefcountAddition& a) {
    w.Fixed(a.hash.view());
    w.Bytes(a.data);
    w.U32(a.rc);
  });
  w.Vector(deletions, [](BorshWriter& w, const TrieRefcountSubtraction& d) {
    w.Fixed(d.hash.view());
    w.U32(0);  // IgnoredVecU8: empty Vec<u8>
    w.U32(d.rc);
  });
  return w.Take();
}

namespace {

Result<CryptoHash> ReadHash(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(ByteView b, r.Fixed(32));
  return CryptoHash::FromBytes(b);
}

Result<uint32_t> ReadNonZero(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(uint32_t rc, r.U32());
  if (rc == 0) return Err("refcount change must be non-zero");
  return rc;
}

}  // namespace

Result<TrieChanges> TrieChanges::FromBorsh(ByteView data) {
  BorshReader r(data);
  TrieChanges c;
  NEARRT_ASSIGN_OR_RETURN(c.old_root, ReadHash(r));
  NEARRT_ASSIGN_OR_RETURN(c.new_root, ReadHash(r));
  NEARRT_ASSIGN_OR_RETURN(c.insertions, r.Vector<TrieRefcountAddition>(
                                            [](BorshReader& r) -> Result<TrieRefcountAddition> {
                                              TrieRefcountAddition a;
                                              NEARRT_ASSIGN_OR_RETURN(a.hash, ReadHash(r));
                                              NEARRT_ASSIGN_OR_RETURN(a.data, r.Bytes());
                                              NEARRT_ASSIGN_OR_RETURN(a.rc, ReadNonZero(r));
                                              return a;
                                            }));
  NEARRT_ASSIGN_OR_RETURN(c.deletions, r.Vector<TrieRefcountSubtraction>(
                                           [](BorshReader& r) -> Result<TrieRefcountSubtraction> {
                                             TrieRefcountSubtraction d;
                                             NEARRT_ASSIGN_OR_RETURN(d.hash, ReadHash(r));
                                             NEARRT_TRY(r.BytesView());  // legacy, ignored
                                             NEARRT_ASSIGN_OR_RETURN(d.rc, ReadNonZero(r));
                                             return d;
                                           }));
  NEARRT_TRY(r.ExpectEnd());
  return c;
}

void RefcountDeltas::Add(const CryptoHash& hash, ByteView data, uint32_t rc) {
  entries_.push_back(Entry{hash, static_cast<int64_t>(rc), Bytes(data.begin(), data.end())});
}

void RefcountDeltas::Subtract(const CryptoHash& hash, uint32_t rc) {
  entries_.push_back(Entry{hash, -static_cast<int64_t>(rc), Bytes()});
}

TrieChanges RefcountDeltas::Finish(const CryptoHash& old_root, const CryptoHash& new_root) {
  TrieChanges c;
  c.old_root = old_root;
  c.new_root = new_root;
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
  for (size_t i = 0; i < entries_.size();) {
    size_t j = i;
    int64_t net = 0;
    Bytes* data = nullptr;
    for (; j < entries_.size() && entries_[j].hash == entries_[i].hash; ++j) {
      net += entries_[j].delta;
      if (entries_[j].delta > 0) data = &entries_[j].data;
    }
    if (net > 0) {
      c.insertions.push_back({entries_[i].hash, std::move(*data), static_cast<uint32_t>(net)});
    } else if (net < 0) {
      c.deletions.push_back({entries_[i].hash, static_cast<uint32_t>(-net)});
    }
    i = j;
  }
  entries_.clear();
  return c;
}

}  // namespace nearrt::store
