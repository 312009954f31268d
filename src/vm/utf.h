// Strict text decoding as Rust does it: String::from_utf8 and
// char::decode_utf16 (no surrogates in UTF-8, no unpaired surrogates in UTF-16).
#pragma once

#include <optional>
#include <string>

#include "util/bytes.h"

namespace nearrt::vm {

bool IsValidUtf8(ByteView data);
// Little-endian UTF-16 code units to UTF-8; nullopt for an odd length or an
// unpaired surrogate.
std::optional<std::string> DecodeUtf16Le(ByteView data);

}  // namespace nearrt::vm
