#include "vm/profile.h"

namespace nearrt::vm {

Gas ProfileData::HostGas() const {
  Gas sum = 0;
  for (Gas g : ext) sum = SaturatingAdd(sum, g);
  return sum;
}

Gas ProfileData::ActionGas() const {
  Gas sum = 0;
  for (Gas g : actions) sum = SaturatingAdd(sum, g);
  return sum;
}

void ProfileData::ComputeWasmInstructionCost(Gas total_burnt) {
  wasm_gas = SaturatingSub(SaturatingSub(total_burnt, ActionGas()), HostGas());
}

Compute ProfileData::TotalComputeUsage(const ExtCostsConfig& costs,
                                       Compute send_action_compute_usage) const {
  Compute ext_compute = 0;
  for (size_t i = 0; i < kNumExtCosts; ++i) {
    if (ext[i] == 0) continue;
    const ParameterCost& c = costs.costs[i];
    // A non-zero profile entry implies a non-zero gas cost (nearcore asserts it).
    if (c.gas == 0) continue;
    unsigned __int128 v = static_cast<unsigned __int128>(ext[i]) * c.compute / c.gas;
    ext_compute = SaturatingAdd(ext_compute, static_cast<uint64_t>(v));
  }
  return SaturatingAdd(SaturatingAdd(ext_compute, send_action_compute_usage), wasm_gas);
}

std::string ProfileData::DebugString() const {
  Gas host = HostGas();
  std::string out = "------------------------------\n";
  out += "Action gas: " + std::to_string(ActionGas()) + "\n";
  out += "------ Host functions --------\n";
  for (size_t i = 0; i < kNumExtCosts; ++i) {
    if (ext[i] == 0) continue;
    unsigned __int128 pct = static_cast<unsigned __int128>(ext[i]) * 100 / (host > 0 ? host : 1);
    out += std::string(ExtCostName(static_cast<ExtCost>(i))) + " -> " + std::to_string(ext[i]) +
           " [" + std::to_string(static_cast<uint64_t>(pct)) + "% host]\n";
  }
  out += "------ Actions --------\n";
  for (size_t i = 0; i < kNumActionCosts; ++i) {
    if (actions[i] == 0) continue;
    out += std::string(ActionCostName(static_cast<ActionCost>(i))) + " -> " +
           std::to_string(actions[i]) + "\n";
  }
  out += "------------------------------\n";
  return out;
}

}  // namespace nearrt::vm
