#include "web_util.h"

#include <utility>

namespace nearrt::web {

namespace {
std::string& Buffer() {
  static std::string* buffer = new std::string;
  return *buffer;
}
}  // namespace

const char* Reply(std::string text) {
  Buffer() = std::move(text);
  return Buffer().c_str();
}

const char* ErrorReply(std::string_view kind, std::string_view message) {
  json e = json::object();
  e["kind"] = std::string(kind);
  e["message"] = std::string(message);
  json out = json::object();
  out["error"] = std::move(e);
  return Reply(Dump(out));
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Result<json> ParseRequest(const char* text) {
  if (text == nullptr || *text == '\0') return json::object();
  json j = json::parse(std::string_view(text), nullptr, false);
  if (j.is_discarded()) return Err("request: invalid JSON");
  if (j.is_null()) return json::object();
  if (!j.is_object()) return Err("request: expected a JSON object");
  return j;
}

namespace {
const json* Field(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}
}  // namespace

Status ReadString(const json& obj, const char* key, std::string* out, bool* present) {
  if (present) *present = false;
  const json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_string()) return Err(std::string(key) + ": expected a string");
  *out = v->get_ref<const std::string&>();
  if (present) *present = true;
  return {};
}

Status ReadBool(const json& obj, const char* key, bool* out) {
  const json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_boolean()) return Err(std::string(key) + ": expected true or false");
  *out = v->get<bool>();
  return {};
}

Status ReadU32(const json& obj, const char* key, uint32_t* out, bool* present) {
  if (present) *present = false;
  const json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_number_unsigned() || v->get<uint64_t>() > 0xFFFFFFFFull) {
    return Err(std::string(key) + ": expected an integer in 0..2^32-1");
  }
  *out = uint32_t(v->get<uint64_t>());
  if (present) *present = true;
  return {};
}

Status ReadBase64(const json& obj, const char* key, Bytes* out, bool* present) {
  std::string text;
  bool have = false;
  NEARRT_TRY(ReadString(obj, key, &text, &have));
  if (present) *present = have;
  if (!have) return {};
  auto b = Base64Decode(text);
  if (!b.ok()) return Err(std::string(key) + ": not base64: " + b.error().message);
  *out = std::move(*b);
  return {};
}

Result<std::map<Bytes, Bytes>> ReadState(const json& obj, const char* key) {
  std::map<Bytes, Bytes> state;
  const json* v = Field(obj, key);
  if (!v) return state;
  if (!v->is_object()) return Err(std::string(key) + ": expected {\"<base64 key>\": \"<base64 value>\"}");
  for (const auto& [k, value] : v->items()) {
    auto kb = Base64Decode(k);
    if (!kb.ok()) return Err(std::string(key) + ": key is not base64: " + k);
    if (!value.is_string()) return Err(std::string(key) + ": the value of " + k + " must be a base64 string");
    auto vb = Base64Decode(value.get_ref<const std::string&>());
    if (!vb.ok()) return Err(std::string(key) + ": the value of " + k + " is not base64");
    state[std::move(*kb)] = std::move(*vb);
  }
  return state;
}

}  // namespace nearrt::web
