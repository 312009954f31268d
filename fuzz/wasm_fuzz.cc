// libFuzzer target: decode + validate + instantiate + run every export with
// a gas budget, under the NEAR feature profile (first input byte picks
// features/metering). Any crash, hang or sanitizer report is a bug: every
// input must end in an error value, a trap or a result.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wasm/module.h"
#include "wasm/runtime.h"

using namespace nearrt::wasm;

namespace {

TrapCode HostNop(HostCall&, uint64_t*) { return TrapCode::None; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  uint8_t mode = data[0];
  ModuleConfig cfg;
  cfg.features = (mode & 1) ? Features::Near() : Features::All();
  cfg.canonicalize_nans = mode & 2;
  cfg.eager_translation = mode & 4;
  cfg.metering.enabled = true;  // fuel: every run is bounded
  cfg.metering.op_cost = 1 + (mode >> 4);
  cfg.metering.linear_base = 1;
  cfg.metering.linear_unit = 1;
  cfg.max_memory_pages = 256;  // 16 MiB: keeps every run fast (growth beyond fails)
  auto m = Module::Decode(std::span<const uint8_t>(data + 1, size - 1), cfg);
  if (!m.ok()) return 0;
  Store store;
  ThreadLimits limits;
  limits.max_frames = 2000;
  limits.value_stack_slots = 1 << 16;
  Thread thread(limits);
  thread.set_gas(200000);
  thread.set_stack_budget(1 << 20);
  // Imports: functions become no-op host functions of the right type;
  // other kinds are created to match.
  std::vector<ExternVal> imports;
  for (const Import& imp : (*m)->imports()) {
    ExternVal v;
    v.kind = imp.kind;
    switch (imp.kind) {
      case ExternKind::Func: {
        const FuncType& ft = (*m)->types()[imp.func_type];
        if (!ft.results.empty()) {
          // A result-producing host function: write zeros.
          v.func = store.AddHostFunction(ft, [](HostCall&, uint64_t* s) {
            s[0] = 0;
            return TrapCode::None;
          }, nullptr);
        } else {
          v.func = store.AddHostFunction(ft, HostNop, nullptr);
        }
        break;
      }
      case ExternKind::Table:
        if (imp.table.limits.min > 10000) return 0;
        v.table = store.AddTable(imp.table);
        break;
      case ExternKind::Memory:
        if (imp.memory.limits.min > 64) return 0;
        v.memory = store.AddMemory(imp.memory, 256);
        break;
      case ExternKind::Global:
        v.global = store.AddGlobal(imp.global, 0);
        break;
    }
    imports.push_back(v);
  }
  for (const MemoryType& mt : (*m)->memories())
    if (mt.limits.min > 64) return 0;  // keep memory use of a fuzz run small
  for (const TableType& tt : (*m)->tables())
    if (tt.limits.min > 10000) return 0;
  auto inst = store.Instantiate(*m, imports, thread);
  if (!inst.ok() || !inst->exec.ok()) return 0;
  for (const Export& e : (*m)->exports()) {
    if (e.kind != ExternKind::Func) continue;
    FuncInst* f = inst->instance->GetFunction(e.name);
    std::vector<uint64_t> args(f->type->params.size(), 0);
    std::vector<uint64_t> results;
    thread.set_gas(200000);
    (void)thread.Invoke(f, args, &results);
  }
  return 0;
}
