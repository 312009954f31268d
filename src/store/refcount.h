// Values of the reference-counted node column, encoded as nearcore encodes
// DBCol::State (core/store/src/db/refcount.rs): the payload followed by the
// reference count as a little-endian i64. Writes carry +rc with the payload or
// -rc alone; RocksDB's merge operator sums them. The functions are portable
// (no host byte order) so that every byte string a database can hold is
// decoded the same way, and never trusted.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "util/bytes.h"

namespace nearrt::store {

struct RcValue {
  ByteView payload;          // empty unless rc > 0
  bool has_payload = false;  // rc > 0
  int64_t rc = 0;
};

// decode_value_with_rc: the payload only when rc > 0. A value shorter than 8
// bytes (only the empty value is ever written) has rc 0.
RcValue DecodeRcValue(ByteView bytes);

// Appends the little-endian count.
void AppendRc(int64_t rc, std::string* out);

// refcount_merge: sums the counts of `existing` (if any) and the operands and
// keeps the first payload seen (the existing one, else the first operand's).
// The result is empty for rc 0, the count alone for rc < 0, the payload and
// the count for rc > 0. Returns false if the sum overflows an i64 (nearcore
// panics there: overflow-checks are on in its release profile).
bool MergeRcValues(const ByteView* existing, std::span<const ByteView> operands, std::string* out);

}  // namespace nearrt::store
