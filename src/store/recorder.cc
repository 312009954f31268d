#include "store/recorder.h"

#include <algorithm>

#include "primitives/borsh.h"

namespace nearrt::store {

Bytes PartialState::ToBorsh() const {
  BorshWriter w(4 + 1 + TotalSize() + 4 * values.size());
  w.U8(0);  // PartialState::TrieValues
  w.Vector(values, [](BorshWriter& w, const Bytes& v) { w.Bytes(v); });
  return w.Take();
}

Result<PartialState> PartialState::FromBorsh(ByteView data) {
  BorshReader r(data);
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  if (tag != 0) return Err("unknown PartialState variant " + std::to_string(tag));
  PartialState s;
  NEARRT_ASSIGN_OR_RETURN(s.values, r.Vector<Bytes>([](BorshReader& r) { return r.Bytes(); }));
  NEARRT_TRY(r.ExpectEnd());
  return s;
}

size_t PartialState::TotalSize() const {
  size_t n = 0;
  for (const Bytes& v : values) n += v.size();
  return n;
}

void TrieRecorder::Record(const CryptoHash& hash, ByteView bytes) {
  auto [it, inserted] = recorded_.try_emplace(hash);
  if (!inserted) return;
  it->second.assign(bytes.begin(), bytes.end());
  size_ += bytes.size();
  upper_bound_size_ += bytes.size();
}

PartialState TrieRecorder::ToPartialState() const {
  PartialState s;
  s.values.reserve(recorded_.size());
  for (const auto& [hash, bytes] : recorded_) s.values.push_back(bytes);
  std::sort(s.values.begin(), s.values.end());
  return s;
}

}  // namespace nearrt::store
