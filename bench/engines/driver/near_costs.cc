#include "near_costs.h"

#include "wasm/module.h"

namespace nearrt::bench {
namespace {

uint64_t ValueBytes(wasm::ValType t) {
  switch (t) {
    case wasm::ValType::I32:
    case wasm::ValType::F32:
      return 4;
    case wasm::ValType::V128:
      return 16;
    default:
      return 8;  // i64, f64, references
  }
}

wasm::FunctionCosts NearFunctionCosts(const wasm::Module& m, uint32_t defined_index, void*) {
  const wasm::FunctionBody& body = m.bodies()[defined_index];
  uint64_t frame = 64;
  for (wasm::ValType t : m.types()[body.type_index].params) frame += ValueBytes(t);
  for (wasm::ValType t : body.locals) frame += ValueBytes(t);
  uint64_t operand = uint64_t(m.function_infos()[defined_index].max_stack_height) * 8;
  wasm::FunctionCosts c;
  c.entry_cost = (frame + 7) / 8 * kNearRegularOpCost;
  c.stack_cost = frame + operand;
  return c;
}

}  // namespace

wasm::MeteringConfig NearMetering() {
  wasm::MeteringConfig m;
  m.enabled = true;
  m.op_cost = kNearRegularOpCost;
  m.linear_base = kNearLinearOpBaseCost;
  m.linear_unit = kNearLinearOpUnitCost;
  m.stack_budget = kNearMaxStackHeight;
  m.function_costs = NearFunctionCosts;
  return m;
}

}  // namespace nearrt::bench
