// The interpreter loop: direct-threaded dispatch over the register IR
// (computed goto), or a portable switch when NEARRT_SWITCH_DISPATCH is set
// or the compiler lacks labels-as-values.
//
// Hot state lives in locals the compiler keeps in registers: pc, fp (frame
// slots), mem/mem_size (linear memory 0), gas (remaining, metered modules)
// and inst. Wasm calls push an explicit frame; nothing recurses on the C++
// stack.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "wasm/compiled.h"
#include "wasm/ir.h"
#include "wasm/numeric.h"
#include "wasm/runtime.h"

#if !defined(NEARRT_SWITCH_DISPATCH) && (defined(__GNUC__) || defined(__clang__))
#define NEARRT_THREADED 1
#else
#define NEARRT_THREADED 0
#endif

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

namespace nearrt::wasm {
namespace {

template <class T>
inline T FromSlot(uint64_t v);
template <>
inline uint32_t FromSlot<uint32_t>(uint64_t v) { return uint32_t(v); }
template <>
inline uint64_t FromSlot<uint64_t>(uint64_t v) { return v; }
template <>
inline float FromSlot<float>(uint64_t v) { return BitCast<float>(uint32_t(v)); }
template <>
inline double FromSlot<double>(uint64_t v) { return BitCast<double>(v); }

inline uint64_t ToSlot(uint32_t v) { return v; }
inline uint64_t ToSlot(uint64_t v) { return v; }
inline uint64_t ToSlot(float v) { return BitCast<uint32_t>(v); }
inline uint64_t ToSlot(double v) { return BitCast<uint64_t>(v); }

constexpr uint32_t Len(IrOp op) { return Info(op).words(); }

// Refund of the unexecuted rest of the segment when the instruction at
// `pos` traps.
uint64_t TrapRefund(const CompiledFunction* cf, uint32_t pos) {
  const auto& pts = cf->gas_points;
  auto it = std::lower_bound(pts.begin(), pts.end(), pos,
                             [](const GasPoint& p, uint32_t v) { return p.pos < v; });
  for (; it != pts.end() && it->pos == pos; ++it) {
    if (it->kind == GasPoint::kLabel) continue;
    return cf->segments[it->segment].end_running - it->running;
  }
  return 0;
}

}  // namespace

struct Interp {
  static TrapCode Run(Thread* t, Instance* inst, const Word* pc, uint64_t* fp, CompiledFunction* cf,
                      const void* const** table_out);
  // Sets up the out-of-gas replay for the chain charged by the cost operand
  // at `cell`; returns false if the tables have no such chain (engine bug).
  static bool StartFence(Thread* t, CompiledFunction* cf, const Word* cell, uint64_t* gas);
};

bool Interp::StartFence(Thread* t, CompiledFunction* cf, const Word* cell_ptr, uint64_t* gas) {
  if (!cf) return false;
  uint32_t cell_pos = uint32_t(cell_ptr - cf->code);
  auto cit = std::lower_bound(cf->cells.begin(), cf->cells.end(), cell_pos,
                              [](const GasCell& c, uint32_t v) { return c.pos < v; });
  if (cit == cf->cells.end() || cit->pos != cell_pos) return false;
  const GasCell& cell = *cit;
  const GasSegment& seg = cf->segments[cell.segment];
  const uint64_t g = *gas;
  const uint64_t E = cell.extra;
  uint64_t prev = 0;
  uint32_t first = seg.first_point;
  while (first < seg.end_point && cf->gas_points[first].pos < cell.chain_start_pos) ++first;
  int64_t fence = -1;
  uint64_t attempted = 0, left = 0;
  auto first_observable = [&](uint32_t from) -> int64_t {
    for (uint32_t i = from; i < seg.end_point; ++i)
      if (cf->gas_points[i].kind != GasPoint::kLabel) return i;
    return -1;
  };
  if (E > g) {
    fence = first_observable(first);
    attempted = E;
    left = g;
  } else {
    prev = E;
    for (uint32_t i = first; i < seg.end_point; ++i) {
      const GasPoint& p = cf->gas_points[i];
      uint64_t prefix = E + (p.running - cell.chain_start_running);
      if (prefix > g) {
        fence = first_observable(i);
        attempted = prefix - prev;
        left = g - prev;
        break;
      }
      prev = prefix;
    }
  }
  if (fence < 0) return false;
  Word* at = const_cast<Word*>(cf->code) + cf->gas_points[fence].pos;
  t->fence_pos_ = at;
  t->fence_saved_ = *at;
#if NEARRT_THREADED
  *at = Word(reinterpret_cast<uintptr_t>(ThreadedHandlers()[uint32_t(IrOp::GasFence)]));
#else
  *at = Word(IrOp::GasFence);
#endif
  t->fence_gas_left_ = left;
  t->fence_attempted_ = attempted;
  *gas = g - (E + (seg.end_running - cell.chain_start_running));  // wraps; traps refund back
  return true;
}

TrapCode Interp::Run(Thread* t, Instance* inst, const Word* pc, uint64_t* fp, CompiledFunction* cf,
                     const void* const** table_out) {
#if NEARRT_THREADED
  static const void* const kHandlers[] = {
#define IR_OP(name, n32, n64, flags) &&L_##name,
#include "wasm/ir_ops.def"
#undef IR_OP
  };
  if (!t) {
    *table_out = kHandlers;
    return TrapCode::None;
  }
#define HANDLER(name) L_##name:
#define DISPATCH() goto* reinterpret_cast<const void*>(uintptr_t(*pc))
#else
  if (!t) {
    *table_out = nullptr;
    return TrapCode::None;
  }
#define HANDLER(name) case IrOp::name:
#define DISPATCH() goto dispatch
#endif
#define NEXT(n)  \
  do {           \
    pc += (n);   \
    DISPATCH();  \
  } while (0)
#define OP32(k) (reinterpret_cast<const AliasU32*>(pc + 1)[k])
#define SLOT(k) fp[OP32(k)]
#define TRAP(code)             \
  do {                         \
    trap = TrapCode::code;     \
    goto on_trap;              \
  } while (0)
#define RELOAD_MEM()                          \
  do {                                        \
    MemoryInstance* m_ = inst->memory0();     \
    mem = m_ ? m_->data() : nullptr;          \
    mem_size = m_ ? m_->size() : 0;           \
    mem_dirty = m_ ? m_->dirty_map() : nullptr; \
  } while (0)
#define CHARGE(cost, cell)                                          \
  do {                                                              \
    uint64_t c_ = (cost);                                           \
    if (LIKELY(gas >= c_)) {                                        \
      gas -= c_;                                                    \
    } else if (!StartFence(t, cf, (cell), &gas)) {                  \
      TRAP(Internal);                                               \
    }                                                               \
  } while (0)

  TrapCode trap = TrapCode::None;
  uint8_t* mem;
  uint64_t mem_size;
  uint8_t* mem_dirty;  // dirty-page map of memory 0 (see MemoryInstance::Reset)
  uint64_t gas = t->gas_left_;
  uint64_t* const slots_end = t->slots_.get() + t->limits_.value_stack_slots;
  Thread::Frame* frame = t->frames_.get();
  Thread::Frame* const frames_end = frame + t->limits_.max_frames;
  FuncInst* callee_fi;
  uint64_t* call_fp;
  uint32_t call_len;
  RELOAD_MEM();

#if NEARRT_THREADED
  DISPATCH();
#else
dispatch:
  switch (IrOp(*pc)) {
#endif

  // ---------------------------------------------------------------- control
  HANDLER(Exit) {
    t->gas_left_ = gas;
    return TrapCode::None;
  }
  HANDLER(Unreachable) { TRAP(Unreachable); }
  HANDLER(Gas) {
    CHARGE(pc[1], pc + 1);
    NEXT(2);
  }
  HANDLER(GasFence) {
    trap = TrapCode::OutOfGas;
    goto on_oog;
  }
  HANDLER(Br) { NEXT(int32_t(OP32(0))); }
  HANDLER(BrG) {
    CHARGE(pc[2], pc + 2);
    NEXT(int32_t(OP32(0)));
  }
#define COND_BRANCH(Name, cond_expr, off_k)                      \
  HANDLER(Name) {                                                \
    if (cond_expr) NEXT(int32_t(OP32(off_k)));                   \
    NEXT(Len(IrOp::Name));                                       \
  }                                                              \
  HANDLER(Name##G) {                                             \
    constexpr uint32_t kW = Len(IrOp::Name##G);                  \
    if (cond_expr) {                                             \
      CHARGE(pc[kW - 2], pc + kW - 2);                           \
      NEXT(int32_t(OP32(off_k)));                                \
    }                                                            \
    CHARGE(pc[kW - 1], pc + kW - 1);                             \
    NEXT(kW);                                                    \
  }
  COND_BRANCH(BrIfNez, uint32_t(SLOT(0)) != 0, 1)
  COND_BRANCH(BrIfEqz, uint32_t(SLOT(0)) == 0, 1)
  COND_BRANCH(BrIfNez64, SLOT(0) != 0, 1)
  COND_BRANCH(BrIfEqz64, SLOT(0) == 0, 1)
  HANDLER(BrTable) {
    uint32_t i = uint32_t(SLOT(0));
    uint32_t n = OP32(1);
    if (i > n) i = n;
    NEXT(int32_t(uint32_t(pc[2 + i])));
  }
  HANDLER(BrTableG) {
    uint32_t i = uint32_t(SLOT(0));
    uint32_t n = OP32(1);
    if (i > n) i = n;
    const Word* e = pc + 2 + 2 * i;
    CHARGE(e[1], e + 1);
    NEXT(int32_t(uint32_t(e[0])));
  }
  HANDLER(Return0) { goto do_return; }
  HANDLER(Return1) {
    fp[0] = SLOT(0);
    goto do_return;
  }
  HANDLER(ReturnN) {
    uint32_t src = OP32(0), n = OP32(1);
    for (uint32_t i = 0; i < n; ++i) fp[i] = fp[src + i];
    goto do_return;
  }
  HANDLER(Call) {
    CompiledFunction* callee = reinterpret_cast<CompiledFunction*>(uintptr_t(pc[2]));
    if (UNLIKELY(!callee->code)) {
      if (!callee->module->GetCompiled(callee->defined_index).ok()) TRAP(Internal);
    }
    uint64_t* nfp = fp + OP32(0);
    if (UNLIKELY(nfp + callee->frame_slots > slots_end || frame == frames_end)) TRAP(CallStackExhausted);
    if (UNLIKELY(t->stack_left_ < callee->stack_cost)) TRAP(StackBudgetExhausted);
    t->stack_left_ -= callee->stack_cost;
    for (uint32_t i = callee->num_params; i < callee->num_locals; ++i) nfp[i] = 0;
    *frame++ = Thread::Frame{pc + Len(IrOp::Call), fp, cf, inst};
    fp = nfp;
    cf = callee;
    pc = callee->code;
    DISPATCH();
  }
  HANDLER(CallImport) {
    callee_fi = inst->funcs_[OP32(1)];
    call_fp = fp + OP32(0);
    call_len = Len(IrOp::CallImport);
    goto call_funcinst;
  }
  HANDLER(CallIndirect) {
    TableInstance* table = inst->tables_[OP32(3)];
    uint32_t idx = uint32_t(SLOT(1));
    if (UNLIKELY(idx >= table->elems.size())) TRAP(TableOutOfBounds);
    callee_fi = reinterpret_cast<FuncInst*>(uintptr_t(table->elems[idx]));
    if (UNLIKELY(!callee_fi)) TRAP(IndirectCallToNull);
    if (UNLIKELY(callee_fi->type_id != OP32(2))) TRAP(BadSignature);
    call_fp = fp + OP32(0);
    call_len = Len(IrOp::CallIndirect);
    goto call_funcinst;
  }
  HANDLER(CallFuncInst) {
    callee_fi = reinterpret_cast<FuncInst*>(uintptr_t(pc[2]));
    call_fp = fp + OP32(0);
    call_len = Len(IrOp::CallFuncInst);
    goto call_funcinst;
  }

  // ------------------------------------------------------------ data moves
  HANDLER(Copy) {
    fp[OP32(0)] = SLOT(1);
    NEXT(2);
  }
  HANDLER(Const32) {
    fp[OP32(0)] = OP32(1);
    NEXT(2);
  }
  HANDLER(Const64) {
    fp[OP32(0)] = pc[2];
    NEXT(3);
  }
  HANDLER(Select) {
    fp[OP32(0)] = uint32_t(SLOT(1)) ? SLOT(2) : SLOT(3);
    NEXT(3);
  }
  HANDLER(GlobalGet) {
    fp[OP32(0)] = *inst->global_values_[OP32(1)];
    NEXT(2);
  }
  HANDLER(GlobalSet) {
    *inst->global_values_[OP32(0)] = SLOT(1);
    NEXT(2);
  }
  HANDLER(RefFunc) {
    fp[OP32(0)] = uint64_t(reinterpret_cast<uintptr_t>(inst->funcs_[OP32(1)]));
    NEXT(2);
  }

  // ---------------------------------------------------------------- memory
#define LOAD(Name, MemT, Conv)                                              \
  HANDLER(Name) {                                                           \
    uint64_t ea = uint64_t(uint32_t(SLOT(1))) + OP32(2);                    \
    if (UNLIKELY(ea + sizeof(MemT) > mem_size)) TRAP(MemoryOutOfBounds);    \
    MemT v;                                                                 \
    std::memcpy(&v, mem + ea, sizeof(MemT));                                \
    fp[OP32(0)] = Conv;                                                     \
    NEXT(3);                                                                \
  }
  LOAD(I32Load, uint32_t, uint64_t(v))
  LOAD(I64Load, uint64_t, v)
  LOAD(F32Load, uint32_t, uint64_t(v))
  LOAD(F64Load, uint64_t, v)
  LOAD(I32Load8S, int8_t, uint64_t(uint32_t(int32_t(v))))
  LOAD(I32Load8U, uint8_t, uint64_t(v))
  LOAD(I32Load16S, int16_t, uint64_t(uint32_t(int32_t(v))))
  LOAD(I32Load16U, uint16_t, uint64_t(v))
  LOAD(I64Load8S, int8_t, uint64_t(int64_t(v)))
  LOAD(I64Load8U, uint8_t, uint64_t(v))
  LOAD(I64Load16S, int16_t, uint64_t(int64_t(v)))
  LOAD(I64Load16U, uint16_t, uint64_t(v))
  LOAD(I64Load32S, int32_t, uint64_t(int64_t(v)))
  LOAD(I64Load32U, uint32_t, uint64_t(v))
#undef LOAD
#define STORE(Name, MemT)                                                   \
  HANDLER(Name) {                                                           \
    uint64_t ea = uint64_t(uint32_t(SLOT(0))) + OP32(2);                    \
    if (UNLIKELY(ea + sizeof(MemT) > mem_size)) TRAP(MemoryOutOfBounds);    \
    MemT v = MemT(SLOT(1));                                                 \
    std::memcpy(mem + ea, &v, sizeof(MemT));                                \
    mem_dirty[ea >> 16] = 1;                                                \
    NEXT(3);                                                                \
  }
  STORE(I32Store, uint32_t)
  STORE(I64Store, uint64_t)
  STORE(F32Store, uint32_t)
  STORE(F64Store, uint64_t)
  STORE(I32Store8, uint8_t)
  STORE(I32Store16, uint16_t)
  STORE(I64Store8, uint8_t)
  STORE(I64Store16, uint16_t)
  STORE(I64Store32, uint32_t)
#undef STORE
  HANDLER(MemorySize) {
    fp[OP32(0)] = uint32_t(mem_size / kPageSize);
    NEXT(2);
  }

  // Linear-cost instructions charge base + unit * n before running.
#define CHARGE_LINEAR(n)                                                              \
  do {                                                                                \
    const MeteringConfig& mc_ = cf->module->config().metering;                        \
    if (mc_.enabled) {                                                                \
      unsigned __int128 c_ = (unsigned __int128)mc_.linear_unit * (n) + mc_.linear_base; \
      if (UNLIKELY(c_ > gas)) {                                                       \
        t->fence_gas_left_ = gas;                                                     \
        t->fence_attempted_ = c_ > ~0ull ? ~0ull : uint64_t(c_);                      \
        trap = TrapCode::OutOfGas;                                                    \
        goto on_oog;                                                                  \
      }                                                                               \
      gas -= uint64_t(c_);                                                            \
    }                                                                                 \
  } while (0)

  HANDLER(MemoryGrow) {
    uint32_t n = uint32_t(SLOT(1));
    CHARGE_LINEAR(n);
    MemoryInstance* m = inst->memory0();
    uint32_t r = m->Grow(n);
    RELOAD_MEM();
    fp[OP32(0)] = r;
    NEXT(Len(IrOp::MemoryGrow));
  }
  HANDLER(MemoryFill) {
    uint32_t d = uint32_t(SLOT(0)), v = uint32_t(SLOT(1)), n = uint32_t(SLOT(2));
    CHARGE_LINEAR(n);
    if (UNLIKELY(uint64_t(d) + n > mem_size)) TRAP(MemoryOutOfBounds);
    std::memset(mem + d, int(v & 0xFF), n);
    inst->memory0()->MarkDirty(d, n);
    NEXT(Len(IrOp::MemoryFill));
  }
  HANDLER(MemoryCopy) {
    uint32_t d = uint32_t(SLOT(0)), s = uint32_t(SLOT(1)), n = uint32_t(SLOT(2));
    CHARGE_LINEAR(n);
    if (UNLIKELY(uint64_t(d) + n > mem_size || uint64_t(s) + n > mem_size)) TRAP(MemoryOutOfBounds);
    std::memmove(mem + d, mem + s, n);
    inst->memory0()->MarkDirty(d, n);
    NEXT(Len(IrOp::MemoryCopy));
  }
  HANDLER(MemoryInit) {
    uint32_t d = uint32_t(SLOT(0)), s = uint32_t(SLOT(1)), n = uint32_t(SLOT(2)), seg = OP32(3);
    CHARGE_LINEAR(n);
    const DataSegment& ds = inst->module_->datas()[seg];
    uint64_t seg_size = inst->dropped_datas_[seg] ? 0 : ds.data_size;
    if (UNLIKELY(uint64_t(s) + n > seg_size || uint64_t(d) + n > mem_size)) TRAP(MemoryOutOfBounds);
    if (n) std::memcpy(mem + d, inst->module_->bytes().data() + ds.data_offset + s, n);
    inst->memory0()->MarkDirty(d, n);
    NEXT(Len(IrOp::MemoryInit));
  }
  HANDLER(DataDrop) {
    inst->dropped_datas_[OP32(0)] = true;
    NEXT(2);
  }

  // ---------------------------------------------------------------- tables
  HANDLER(TableGet) {
    TableInstance* tb = inst->tables_[OP32(2)];
    uint32_t i = uint32_t(SLOT(1));
    if (UNLIKELY(i >= tb->elems.size())) TRAP(TableOutOfBounds);
    fp[OP32(0)] = tb->elems[i];
    NEXT(Len(IrOp::TableGet));
  }
  HANDLER(TableSet) {
    TableInstance* tb = inst->tables_[OP32(2)];
    uint32_t i = uint32_t(SLOT(0));
    if (UNLIKELY(i >= tb->elems.size())) TRAP(TableOutOfBounds);
    tb->elems[i] = SLOT(1);
    NEXT(Len(IrOp::TableSet));
  }
  HANDLER(TableSize) {
    fp[OP32(0)] = uint32_t(inst->tables_[OP32(1)]->elems.size());
    NEXT(Len(IrOp::TableSize));
  }
  HANDLER(TableGrow) {
    uint64_t init = SLOT(1);
    uint32_t n = uint32_t(SLOT(2));
    CHARGE_LINEAR(n);
    fp[OP32(0)] = inst->tables_[OP32(3)]->Grow(n, init);
    NEXT(Len(IrOp::TableGrow));
  }
  HANDLER(TableFill) {
    uint32_t i = uint32_t(SLOT(0));
    uint64_t v = SLOT(1);
    uint32_t n = uint32_t(SLOT(2));
    CHARGE_LINEAR(n);
    TableInstance* tb = inst->tables_[OP32(3)];
    if (UNLIKELY(uint64_t(i) + n > tb->elems.size())) TRAP(TableOutOfBounds);
    std::fill(tb->elems.begin() + i, tb->elems.begin() + i + n, v);
    NEXT(Len(IrOp::TableFill));
  }
  HANDLER(TableCopy) {
    uint32_t d = uint32_t(SLOT(0)), s = uint32_t(SLOT(1)), n = uint32_t(SLOT(2));
    CHARGE_LINEAR(n);
    TableInstance* dt = inst->tables_[OP32(3)];
    TableInstance* st = inst->tables_[OP32(4)];
    if (UNLIKELY(uint64_t(d) + n > dt->elems.size() || uint64_t(s) + n > st->elems.size()))
      TRAP(TableOutOfBounds);
    if (n) std::memmove(dt->elems.data() + d, st->elems.data() + s, size_t(n) * sizeof(uint64_t));
    NEXT(Len(IrOp::TableCopy));
  }
  HANDLER(TableInit) {
    uint32_t d = uint32_t(SLOT(0)), s = uint32_t(SLOT(1)), n = uint32_t(SLOT(2));
    CHARGE_LINEAR(n);
    TableInstance* tb = inst->tables_[OP32(3)];
    uint32_t seg = OP32(4);
    const std::vector<uint64_t>& items = inst->elem_values_[seg];
    uint64_t seg_size = inst->dropped_elems_[seg] ? 0 : items.size();
    if (UNLIKELY(uint64_t(s) + n > seg_size || uint64_t(d) + n > tb->elems.size())) TRAP(TableOutOfBounds);
    if (n) std::memcpy(tb->elems.data() + d, items.data() + s, size_t(n) * sizeof(uint64_t));
    NEXT(Len(IrOp::TableInit));
  }
  HANDLER(ElemDrop) {
    inst->dropped_elems_[OP32(0)] = true;
    NEXT(2);
  }

  // --------------------------------------------------------------- numeric
#define IR_UNARY(Name, T_, U_, expr)           \
  HANDLER(Name) {                              \
    T_ a = FromSlot<T_>(SLOT(1));              \
    fp[OP32(0)] = ToSlot(U_(expr));            \
    NEXT(2);                                   \
  }
#define TRAP_CODE tc_
#define CHECK_TRAP                             \
  if (UNLIKELY(tc_ != TrapCode::None)) {       \
    trap = tc_;                                \
    goto on_trap;                              \
  }
#define IR_UNARY_TRAP(Name, T_, U_, ...)       \
  HANDLER(Name) {                              \
    T_ a = FromSlot<T_>(SLOT(1));              \
    U_ r;                                      \
    TrapCode tc_ = TrapCode::None;             \
    __VA_ARGS__;                               \
    fp[OP32(0)] = ToSlot(r);                   \
    NEXT(2);                                   \
  }
#define IR_BINARY(Name, T_, U_, expr)          \
  HANDLER(Name) {                              \
    T_ a = FromSlot<T_>(SLOT(1));              \
    T_ b = FromSlot<T_>(SLOT(2));              \
    fp[OP32(0)] = ToSlot(U_(expr));            \
    NEXT(3);                                   \
  }
#define IR_BINARY_TRAP(Name, T_, U_, ...)      \
  HANDLER(Name) {                              \
    T_ a = FromSlot<T_>(SLOT(1));              \
    T_ b = FromSlot<T_>(SLOT(2));              \
    U_ r;                                      \
    __VA_ARGS__;                               \
    fp[OP32(0)] = ToSlot(r);                   \
    NEXT(3);                                   \
  }
#define IR_COMPARE(Name, T_, expr)             \
  HANDLER(Name) {                              \
    T_ a = FromSlot<T_>(SLOT(1));              \
    T_ b = FromSlot<T_>(SLOT(2));              \
    fp[OP32(0)] = (expr) ? 1u : 0u;            \
    NEXT(3);                                   \
  }
#include "wasm/ir_numeric.def"
#undef IR_UNARY
#undef IR_UNARY_TRAP
#undef IR_BINARY
#undef IR_BINARY_TRAP
#undef IR_COMPARE

#define IR_BIN_IMM32(Name, expr)               \
  HANDLER(Name) {                              \
    uint32_t a = uint32_t(SLOT(1));            \
    uint32_t b = uint32_t(SLOT(2));            \
    fp[OP32(0)] = uint32_t(expr);              \
    NEXT(3);                                   \
  }                                            \
  HANDLER(Name##Imm) {                         \
    uint32_t a = uint32_t(SLOT(1));            \
    uint32_t b = OP32(2);                      \
    fp[OP32(0)] = uint32_t(expr);              \
    NEXT(3);                                   \
  }
#define IR_BIN_IMM64(Name, expr)               \
  HANDLER(Name) {                              \
    uint64_t a = SLOT(1);                      \
    uint64_t b = SLOT(2);                      \
    fp[OP32(0)] = uint64_t(expr);              \
    NEXT(3);                                   \
  }                                            \
  HANDLER(Name##Imm) {                         \
    uint64_t a = SLOT(1);                      \
    uint64_t b = pc[2];                        \
    fp[OP32(0)] = uint64_t(expr);              \
    NEXT(3);                                   \
  }
#define IR_CMP_IMM32(Name, expr)                                     \
  HANDLER(Name) {                                                    \
    uint32_t a = uint32_t(SLOT(1)), b = uint32_t(SLOT(2));           \
    fp[OP32(0)] = (expr) ? 1u : 0u;                                  \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(Name##Imm) {                                               \
    uint32_t a = uint32_t(SLOT(1)), b = OP32(2);                     \
    fp[OP32(0)] = (expr) ? 1u : 0u;                                  \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name) {                                              \
    uint32_t a = uint32_t(SLOT(0)), b = uint32_t(SLOT(1));           \
    if (expr) NEXT(int32_t(OP32(2)));                                \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name##G) {                                           \
    uint32_t a = uint32_t(SLOT(0)), b = uint32_t(SLOT(1));           \
    if (expr) {                                                      \
      CHARGE(pc[3], pc + 3);                                         \
      NEXT(int32_t(OP32(2)));                                        \
    }                                                                \
    CHARGE(pc[4], pc + 4);                                           \
    NEXT(5);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name##Imm) {                                         \
    uint32_t a = uint32_t(SLOT(0)), b = OP32(1);                     \
    if (expr) NEXT(int32_t(OP32(2)));                                \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name##ImmG) {                                        \
    uint32_t a = uint32_t(SLOT(0)), b = OP32(1);                     \
    if (expr) {                                                      \
      CHARGE(pc[3], pc + 3);                                         \
      NEXT(int32_t(OP32(2)));                                        \
    }                                                                \
    CHARGE(pc[4], pc + 4);                                           \
    NEXT(5);                                                         \
  }
#define IR_CMP_IMM64(Name, expr)                                     \
  HANDLER(Name) {                                                    \
    uint64_t a = SLOT(1), b = SLOT(2);                               \
    fp[OP32(0)] = (expr) ? 1u : 0u;                                  \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(Name##Imm) {                                               \
    uint64_t a = SLOT(1), b = pc[2];                                 \
    fp[OP32(0)] = (expr) ? 1u : 0u;                                  \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name) {                                              \
    uint64_t a = SLOT(0), b = SLOT(1);                               \
    if (expr) NEXT(int32_t(OP32(2)));                                \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name##G) {                                           \
    uint64_t a = SLOT(0), b = SLOT(1);                               \
    if (expr) {                                                      \
      CHARGE(pc[3], pc + 3);                                         \
      NEXT(int32_t(OP32(2)));                                        \
    }                                                                \
    CHARGE(pc[4], pc + 4);                                           \
    NEXT(5);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name##Imm) {                                         \
    uint64_t a = SLOT(0), b = pc[2];                                 \
    if (expr) NEXT(int32_t(OP32(1)));                                \
    NEXT(3);                                                         \
  }                                                                  \
  HANDLER(BrIf##Name##ImmG) {                                        \
    uint64_t a = SLOT(0), b = pc[2];                                 \
    if (expr) {                                                      \
      CHARGE(pc[3], pc + 3);                                         \
      NEXT(int32_t(OP32(1)));                                        \
    }                                                                \
    CHARGE(pc[4], pc + 4);                                           \
    NEXT(5);                                                         \
  }
#include "wasm/ir_fusion.def"
#undef IR_BIN_IMM32
#undef IR_BIN_IMM64
#undef IR_CMP_IMM32
#undef IR_CMP_IMM64

#if !NEARRT_THREADED
    default:
      trap = TrapCode::Internal;
      goto on_trap;
  }
#endif

  // ---------------------------------------------------------- call paths
call_funcinst : {
  if (callee_fi->host) {
    HostCall hc{t, inst, inst->memory0(), callee_fi->host_env, gas};
    t->gas_left_ = gas;
    TrapCode tc = callee_fi->host(hc, call_fp);
    gas = hc.gas_left;
    RELOAD_MEM();
    if (UNLIKELY(tc != TrapCode::None)) {
      trap = tc;
      goto on_trap;
    }
    NEXT(call_len);
  }
  CompiledFunction* callee = callee_fi->compiled;
  if (UNLIKELY(!callee->code)) {
    if (!callee->module->GetCompiled(callee->defined_index).ok()) TRAP(Internal);
  }
  if (UNLIKELY(call_fp + callee->frame_slots > slots_end || frame == frames_end)) TRAP(CallStackExhausted);
  if (UNLIKELY(t->stack_left_ < callee->stack_cost)) TRAP(StackBudgetExhausted);
  t->stack_left_ -= callee->stack_cost;
  for (uint32_t i = callee->num_params; i < callee->num_locals; ++i) call_fp[i] = 0;
  *frame++ = Thread::Frame{pc + call_len, fp, cf, inst};
  fp = call_fp;
  cf = callee;
  if (callee_fi->instance != inst) {
    inst = callee_fi->instance;
    RELOAD_MEM();
  }
  pc = callee->code;
  DISPATCH();
}

do_return : {
  t->stack_left_ += cf->stack_cost;
  --frame;
  pc = frame->ret_pc;
  fp = frame->fp;
  cf = frame->fn;
  if (frame->inst != inst) {
    inst = frame->inst;
    RELOAD_MEM();
  }
  DISPATCH();
}

on_trap : {
  // Refund the charged but unexecuted rest of the trapping segment.
  if (cf && cf->module->config().metering.enabled) gas += TrapRefund(cf, uint32_t(pc - cf->code));
  t->gas_left_ = gas;
  t->fence_gas_left_ = gas;
  return trap;
}

on_oog : {
  t->gas_left_ = t->fence_gas_left_;
  return TrapCode::OutOfGas;
}

#undef HANDLER
#undef DISPATCH
#undef NEXT
#undef OP32
#undef SLOT
#undef TRAP
#undef RELOAD_MEM
#undef CHARGE
#undef CHARGE_LINEAR
}

const void* const* ThreadedHandlers() {
  static const void* const* table = [] {
    const void* const* t = nullptr;
    Interp::Run(nullptr, nullptr, nullptr, nullptr, nullptr, &t);
    return t;
  }();
  return table;
}

// ---------------------------------------------------------------------------
// Thread

Thread::Thread(ThreadLimits limits) : limits_(limits) {
  slots_.reset(new uint64_t[limits_.value_stack_slots]);
  frames_.reset(new Frame[limits_.max_frames + 1]);
}

Thread::~Thread() = default;

ExecResult Thread::Invoke(FuncInst* func, std::span<const uint64_t> args, std::vector<uint64_t>* results) {
  ExecResult r;
  if (running_) {
    r.trap = TrapCode::Internal;  // re-entrant calls are not supported
    return r;
  }
  size_t nres = func->type->results.size();
  size_t need = std::max(args.size(), nres);
  if (need > limits_.value_stack_slots) {
    r.trap = TrapCode::CallStackExhausted;
    return r;
  }
  std::copy(args.begin(), args.end(), slots_.get());
  if (func->host) {
    HostCall hc{this, func->instance, func->instance ? func->instance->memory0() : nullptr, func->host_env,
                gas_left_};
    r.trap = func->host(hc, slots_.get());
    gas_left_ = hc.gas_left;
  } else {
    // Trampoline: call the function, then exit.
    Word code[Info(IrOp::CallFuncInst).words() + 1] = {};
    code[0] = Word(IrOp::CallFuncInst);
    SetOperandU32(code, 0, 0);
    code[Info(IrOp::CallFuncInst).first64()] = Word(reinterpret_cast<uintptr_t>(func));
    code[Info(IrOp::CallFuncInst).words()] = Word(IrOp::Exit);
    if (const void* const* h = ThreadedHandlers()) {
      code[0] = Word(reinterpret_cast<uintptr_t>(h[uint32_t(IrOp::CallFuncInst)]));
      code[Info(IrOp::CallFuncInst).words()] = Word(reinterpret_cast<uintptr_t>(h[uint32_t(IrOp::Exit)]));
    }
    running_ = true;
    uint64_t stack_before = stack_left_;
    r.trap = Interp::Run(this, func->instance, code, slots_.get(), nullptr, nullptr);
    running_ = false;
    stack_left_ = stack_before;
    if (fence_pos_) {
      *fence_pos_ = fence_saved_;
      fence_pos_ = nullptr;
    }
  }
  r.gas_left = gas_left_;
  if (r.trap == TrapCode::OutOfGas) r.oog_attempted = fence_attempted_;
  if (r.ok() && results) results->assign(slots_.get(), slots_.get() + nres);
  return r;
}

}  // namespace nearrt::wasm
