// NEAR's wasm cost model (protocol 86, finite-wasm instrumentation) as an
// engine MeteringConfig, for benchmarking only. Numbers from
// shared/near/vm.md (nearcore core/parameters/res/runtime_configs/
// parameters.yaml, runtime/near-vm-runner/src/prepare/prepare_v2.rs).
//
// The engine charges gas exactly as configured; what is approximate here is
// the stack model: finite-wasm's per-function operand stack is counted in
// bytes by value type, while this uses the validator's maximum operand depth
// times 8 bytes (an upper bound). That changes the stack budget a call
// consumes, not the speed. The VM layer will own the exact model.
#pragma once

#include "wasm/metering.h"

namespace nearrt::bench {

inline constexpr uint64_t kNearRegularOpCost = 822'756;
inline constexpr uint64_t kNearLinearOpBaseCost = 26'328'192;
inline constexpr uint64_t kNearLinearOpUnitCost = 822'756;
inline constexpr uint64_t kNearMaxStackHeight = 262'144;

// Gas per op, linear costs, the stack budget and per-function entry/stack
// costs: frame = 64 + sizes of params and locals; entry gas =
// ceil(frame / 8) * regular_op_cost; stack = frame + operand stack bytes.
wasm::MeteringConfig NearMetering();

}  // namespace nearrt::bench
