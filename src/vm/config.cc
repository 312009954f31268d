#include "vm/config.h"

namespace nearrt::vm {

void VMConfig::MakeFree() {
  ext_costs = ExtCostsConfig{};
  grow_mem_cost = 0;
  regular_op_cost = 0;
  linear_op_base_cost = 0;
  linear_op_unit_cost = 0;
  limit_config.max_gas_burnt = UINT64_MAX;
}

}  // namespace nearrt::vm
