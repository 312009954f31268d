// Base58 with the Bitcoin alphabet (what nearcore uses for hashes and keys).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt {

std::string Base58Encode(ByteView data);
// Rejects characters outside the alphabet (with their position). With
// `max_len`, also texts that decode to more bytes (checked as it goes, so a
// long text costs O(length * max_len), not O(length^2)).
Result<Bytes> Base58Decode(std::string_view text, size_t max_len = SIZE_MAX);

}  // namespace nearrt
