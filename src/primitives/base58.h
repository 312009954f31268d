// Base58 with the Bitcoin alphabet (what nearcore uses for hashes and keys).
#pragma once

#include <string>
#include <string_view>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt {

std::string Base58Encode(ByteView data);
// Rejects characters outside the alphabet (with their position).
Result<Bytes> Base58Decode(std::string_view text);

}  // namespace nearrt
