#include "vm/bounded_json.h"

namespace nearrt::vm {

nlohmann::json ParseBoundedJson(std::string_view text) {
  using json = nlohmann::json;
  bool too_deep = false;
  // `depth` is the number of enclosing arrays/objects. Once too deep, every
  // further value is discarded, so memory stays bounded too.
  json::parser_callback_t limit = [&too_deep](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth) {
      too_deep = true;
    }
    return !too_deep;
  };
  json doc = json::parse(text.begin(), text.end(), limit, /*allow_exceptions=*/false);
  if (too_deep) return json(json::value_t::discarded);
  return doc;
}

}  // namespace nearrt::vm
