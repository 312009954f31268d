#include "vm/costs.h"

#include <string>

namespace nearrt::vm {
namespace {

constexpr std::string_view kExtNames[] = {
#define NEARRT_X(name) #name,
    NEARRT_EXT_COSTS(NEARRT_X)
#undef NEARRT_X
};
constexpr std::string_view kActionNames[] = {
#define NEARRT_X(name, param) #name,
    NEARRT_ACTION_COSTS(NEARRT_X)
#undef NEARRT_X
};
constexpr std::string_view kActionParams[] = {
#define NEARRT_X(name, param) param,
    NEARRT_ACTION_COSTS(NEARRT_X)
#undef NEARRT_X
};

}  // namespace

std::string_view ExtCostName(ExtCost cost) { return kExtNames[Index(cost)]; }
std::string_view ActionCostName(ActionCost cost) { return kActionNames[Index(cost)]; }
std::string ExtCostParameter(ExtCost cost) {
  return "wasm_" + std::string(kExtNames[Index(cost)]);
}
std::string_view ActionCostParameter(ActionCost cost) { return kActionParams[Index(cost)]; }

std::optional<ExtCost> ExtCostFromName(std::string_view name) {
  for (size_t i = 0; i < kNumExtCosts; ++i) {
    if (kExtNames[i] == name) return static_cast<ExtCost>(i);
  }
  return std::nullopt;
}

std::optional<ActionCost> ActionCostFromName(std::string_view name) {
  for (size_t i = 0; i < kNumActionCosts; ++i) {
    if (kActionNames[i] == name) return static_cast<ActionCost>(i);
  }
  return std::nullopt;
}

}  // namespace nearrt::vm
