// Helpers shared by the C API files of the web package: the reply buffer,
// error values, and JSON field readers that never throw (nlohmann's value()
// and get<>() throw on a type mismatch, which under emcc aborts the module).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::web {

using nlohmann::json;

// Stores `text` as the current reply and returns it (valid until the next call).
const char* Reply(std::string text);
// {"error": {"kind": kind, "message": message}}
const char* ErrorReply(std::string_view kind, std::string_view message);
inline const char* InputError(std::string_view message) { return ErrorReply("InvalidInput", message); }

// JSON text of `j`; invalid UTF-8 in strings is replaced, never thrown.
std::string Dump(const json& j);

// Parses a request that must be a JSON object (null/empty text: {}).
Result<json> ParseRequest(const char* text);

// Optional fields: absent (or null) leaves `*out` unchanged; a wrong type is an error.
Status ReadString(const json& obj, const char* key, std::string* out, bool* present = nullptr);
Status ReadBool(const json& obj, const char* key, bool* out);
Status ReadU32(const json& obj, const char* key, uint32_t* out, bool* present = nullptr);
// A base64 string field.
Status ReadBase64(const json& obj, const char* key, Bytes* out, bool* present = nullptr);
// {"<base64 key>": "<base64 value>"}: the state form of `nearrt run`.
Result<std::map<Bytes, Bytes>> ReadState(const json& obj, const char* key);

}  // namespace nearrt::web
