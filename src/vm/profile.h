// Gas profile of one function call: gas per ExtCost, per ActionCost, and the
// wasm-instruction remainder (nearcore runtime/near-vm-runner/src/profile.rs,
// ProfileDataV3).
#pragma once

#include <array>
#include <string>

#include "vm/config.h"
#include "vm/costs.h"
#include "vm/types.h"

namespace nearrt::vm {

struct ProfileData {
  std::array<Gas, kNumActionCosts> actions{};
  std::array<Gas, kNumExtCosts> ext{};
  Gas wasm_gas = 0;

  void AddActionCost(ActionCost c, Gas g) { actions[Index(c)] = SaturatingAdd(actions[Index(c)], g); }
  void AddExtCost(ExtCost c, Gas g) { ext[Index(c)] = SaturatingAdd(ext[Index(c)], g); }
  Gas action_cost(ActionCost c) const { return actions[Index(c)]; }
  Gas ext_cost(ExtCost c) const { return ext[Index(c)]; }

  Gas HostGas() const;    // saturating sum of ext
  Gas ActionGas() const;  // saturating sum of actions

  // The wasm cost is what is left of `total_burnt` after actions and host costs.
  void ComputeWasmInstructionCost(Gas total_burnt);

  // Compute usage: per ExtCost value * compute / gas, plus the send compute of
  // actions, plus the wasm gas (profile.rs::total_compute_usage).
  Compute TotalComputeUsage(const ExtCostsConfig& costs, Compute send_action_compute_usage) const;

  // nearcore's `{:?}` of ProfileDataV3 (what the old standalone runner printed).
  std::string DebugString() const;

  bool operator==(const ProfileData&) const = default;
};

}  // namespace nearrt::vm
