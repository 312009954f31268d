// Human-readable listing of translated code (for `nearrt wasm dump` and
// debugging the translator).
#include "wasm/ir_dump.h"

#include <cstddef>
#include <cstdio>
#include <map>

#include "wasm/compiled.h"
#include "wasm/ir.h"

namespace nearrt::wasm {

std::string DumpCompiled(const CompiledFunction& cf) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "; params %u locals %u slots %u entry_cost %llu stack_cost %llu\n", cf.num_params,
                cf.num_locals, cf.frame_slots, (unsigned long long)cf.entry_cost, (unsigned long long)cf.stack_cost);
  out += buf;
  // Map handler addresses back to op ids (threaded builds).
  std::map<Word, uint32_t> by_handler;
  if (const void* const* h = ThreadedHandlers())
    for (uint32_t i = 0; i < uint32_t(IrOp::kCount); ++i) by_handler[Word(reinterpret_cast<uintptr_t>(h[i]))] = i;
  const Word* code = cf.code;
  size_t n = cf.code_storage.size();
  for (size_t pos = 0; pos < n;) {
    uint32_t id = by_handler.empty() ? uint32_t(code[pos]) : by_handler.count(code[pos]) ? by_handler[code[pos]] : 0;
    IrOp op = IrOp(id);
    const IrOpInfo& info = Info(op);
    std::snprintf(buf, sizeof buf, "%5zu  %-20s", pos, info.name);
    out += buf;
    uint32_t len;
    if (op == IrOp::BrTable || op == IrOp::BrTableG) {
      uint32_t count = OperandU32(code + pos, 1);
      uint32_t per = op == IrOp::BrTableG ? 2 : 1;
      len = 2 + (count + 1) * per;
      std::snprintf(buf, sizeof buf, " s%u [", OperandU32(code + pos, 0));
      out += buf;
      for (uint32_t i = 0; i <= count; ++i) {
        int32_t off = int32_t(uint32_t(code[pos + 2 + i * per]));
        std::snprintf(buf, sizeof buf, "%s->%td", i ? " " : "", std::ptrdiff_t(pos) + off);
        out += buf;
      }
      out += "]";
    } else {
      len = info.words();
      for (uint32_t k = 0; k < info.n32; ++k) {
        std::snprintf(buf, sizeof buf, " %u", OperandU32(code + pos, k));
        out += buf;
      }
      for (uint32_t k = 0; k < info.n64; ++k) {
        std::snprintf(buf, sizeof buf, " #%llu", (unsigned long long)code[pos + info.first64() + k]);
        out += buf;
      }
    }
    out += "\n";
    pos += len;
  }
  return out;
}

}  // namespace nearrt::wasm
