// Contract preparation: nearcore's validation and limits at PV 86
// (runtime/near-vm-runner/src/prepare/prepare_v3.rs + instrument_v3.rs) and
// the finite-wasm cost model plugged into the engine's metering hooks.
//
// Nothing is rewritten: where nearcore instruments the module, nearrt
// configures the engine (gas per instruction and per function entry, linear
// costs, the stack budget) and defines the normalized memory at
// instantiation.
#pragma once

#include <memory>
#include <vector>

#include "util/bytes.h"
#include "util/result.h"
#include "vm/config.h"
#include "vm/errors.h"
#include "wasm/module.h"

namespace nearrt::vm {

// finite-wasm's per-function stack accounting (SimpleMaxStackCfg):
// frame = 64 + sizes of params and declared locals; operand_stack = the
// maximum byte size of the operand stack in reachable code.
struct FunctionFrame {
  uint64_t frame_size = 0;
  uint64_t operand_stack = 0;
};

struct PreparedContract {
  std::shared_ptr<wasm::Module> module;
  std::vector<FunctionFrame> frames;  // per defined function
  uint64_t regular_op_cost = 0;
  uint64_t original_length = 0;  // bytes of the code as deployed (loading fee)
};

// Validates and analyses `code` under `config` (limits, features, costs).
// PrepareError values and their precedence follow nearcore: errors are
// reported in the order nearcore's streaming validation meets them.
Result<std::shared_ptr<PreparedContract>, PrepareError> Prepare(ByteView code, const VMConfig& config);

// The engine features nearcore enables (runtime/near-vm-runner/src/features.rs).
wasm::Features NearFeatures(const VMConfig& config);

// finite-wasm's max_stack analysis of one defined function (exposed for tests).
Result<FunctionFrame, PrepareError> AnalyzeFrame(const wasm::Module& m, uint32_t defined_index);

}  // namespace nearrt::vm
