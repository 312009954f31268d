// Parsing JSON that comes from outside (CLI arguments, scenario files,
// contract return values) without exceptions and with a nesting limit:
// nlohmann::json's copy, comparison and dump recurse once per level, so a
// deeply nested document (a few hundred KB of '[') overflows the stack.
// serde_json, which nearcore's tools use, stops at 128 levels as well.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace nearrt::vm {

// Arrays/objects nested deeper than this are rejected.
inline constexpr int kMaxJsonDepth = 128;

// The parsed document, or a discarded value (is_discarded()) for invalid JSON
// or nesting deeper than kMaxJsonDepth.
nlohmann::json ParseBoundedJson(std::string_view text);

}  // namespace nearrt::vm
