#include "store/refcount.h"

namespace nearrt::store {

RcValue DecodeRcValue(ByteView bytes) {
  RcValue v;
  if (bytes.size() < 8) return v;
  const size_t n = bytes.size() - 8;
  uint64_t u = 0;
  for (int i = 0; i < 8; ++i) u |= uint64_t(bytes[n + i]) << (8 * i);
  v.rc = static_cast<int64_t>(u);
  if (v.rc > 0) {
    v.payload = bytes.first(n);
    v.has_payload = true;
  }
  return v;
}

void AppendRc(int64_t rc, std::string* out) {
  const uint64_t u = static_cast<uint64_t>(rc);
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(u >> (8 * i)));
}

bool MergeRcValues(const ByteView* existing, std::span<const ByteView> operands, std::string* out) {
  RcValue acc = existing ? DecodeRcValue(*existing) : RcValue{};
  for (ByteView op : operands) {
    RcValue v = DecodeRcValue(op);
    if (!acc.has_payload && v.has_payload) {
      acc.payload = v.payload;
      acc.has_payload = true;
    }
    if (__builtin_add_overflow(acc.rc, v.rc, &acc.rc)) return false;
  }
  out->clear();
  if (acc.rc == 0) return true;
  if (acc.rc > 0 && !acc.payload.empty()) {
    out->assign(reinterpret_cast<const char*>(acc.payload.data()), acc.payload.size());
  }
  AppendRc(acc.rc, out);
  return true;
}

}  // namespace nearrt::store
