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

void RefcountDeltas::Add(const CryptoHash& hash, Bytes&& data, uint32_t rc) {
  entries_.push_back(Entry{hash, static_cast<int64_t>(rc), std::move(data)});
}

void RefcountDeltas::Subtract(const CryptoHash& hash, uint32_t rc) {
  entries_.push_back(Entry{hash, -static_cast<int64_t>(rc), Bytes()});
}

TrieChanges RefcountDeltas::Finish(const CryptoHash& old_root, const CryptoHash& new_root) {
  TrieChanges c;
  c.old_root = old_root;
  c.new_root = new_root;
  // Sort small (prefix, index) records instead of the entries themselves.
  struct Rec {
    uint64_t prefix;  // first 8 hash bytes, big-endian: same order as the hash
    uint32_t index;
  };
  std::vector<Rec> order(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    uint64_t p = 0;
    for (int b = 0; b < 8; ++b) p = (p << 8) | entries_[i].hash.bytes[b];
    order[i] = Rec{p, static_cast<uint32_t>(i)};
  }
  std::sort(order.begin(), order.end(), [&](const Rec& a, const Rec& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return entries_[a.index].hash < entries_[b.index].hash;
  });
  for (size_t i = 0; i < order.size();) {
    const CryptoHash& hash = entries_[order[i].index].hash;
    size_t j = i;
    int64_t net = 0;
    Bytes* data = nullptr;
    for (; j < order.size() && entries_[order[j].index].hash == hash; ++j) {
      Entry& e = entries_[order[j].index];
      net += e.delta;
      if (e.delta > 0) data = &e.data;
    }
    if (net > 0) {
      c.insertions.push_back({hash, std::move(*data), static_cast<uint32_t>(net)});
    } else if (net < 0) {
      c.deletions.push_back({hash, static_cast<uint32_t>(-net)});
    }
    i = j;
  }
  entries_.clear();
  return c;
}

}  // namespace nearrt::store
