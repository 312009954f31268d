// Metering hooks an embedder (nearrt's NEAR VM) plugs into the engine.
//
// Gas: every executed instruction costs `op_cost`, except block/else/end
// (free, as in finite-wasm) and the "linear" instructions (memory.grow,
// memory.init/copy/fill, table.init/copy/fill/grow), which cost
// `linear_base + linear_unit * n` where n is their i32 count operand, charged
// before they run whatever their outcome. `loop` is charged on every entry of
// its body. On top of that every function entry costs the embedder-supplied
// `entry_cost` of the function.
//
// The engine charges whole straight-line chains at once but the result is
// exactly that of charging each instruction just before it runs: a trap
// refunds the unexecuted rest of its chain, and when a chain cannot be paid
// the engine replays it instruction by instruction to find the exact point of
// exhaustion (and reports the failing charge the way finite-wasm's merged
// instrumentation points would have attempted it).
//
// Stack: each function entry consumes `stack_cost` from a budget of
// `stack_budget` bytes, checked before the entry gas; returns give it back.
#pragma once

#include <cstdint>

namespace nearrt::wasm {

class Module;

struct FunctionCosts {
  uint64_t entry_cost = 0;  // gas charged at every entry of the function
  uint64_t stack_cost = 0;  // bytes taken from the stack budget while the function is active
};

struct MeteringConfig {
  bool enabled = false;
  uint64_t op_cost = 1;
  uint64_t linear_base = 0;
  uint64_t linear_unit = 0;
  uint64_t stack_budget = 0;  // 0: no stack budget
  // Per-function entry and stack costs (defined-function index, i.e.
  // excluding imports). Null means zero for both. Called once per function
  // at translation time.
  FunctionCosts (*function_costs)(const Module& module, uint32_t defined_index, void* user) = nullptr;
  void* function_costs_user = nullptr;
};

}  // namespace nearrt::wasm
