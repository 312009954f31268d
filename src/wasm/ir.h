// The interpreter's IR: a stream of 64-bit words. Each instruction is a
// handler word (an opcode id while translating; a label address once
// threaded) followed by packed 32-bit operands (two per word) and full
// 64-bit operands. See ir_ops.def for the instruction list and layouts.
#pragma once

#include <cstdint>

namespace nearrt::wasm {

using Word = uint64_t;
typedef uint32_t __attribute__((may_alias)) AliasU32;

enum class IrOp : uint16_t {
#define IR_OP(name, n32, n64, flags) name,
#include "wasm/ir_ops.def"
#undef IR_OP
  kCount
};

namespace irflag {
constexpr uint8_t D = 1;  // u32 operand 0 is the destination slot
constexpr uint8_t C = 2;  // integer compare (fusable into a branch)
constexpr uint8_t T = 4;  // may trap
constexpr uint8_t V = 8;  // variable length
}  // namespace irflag

struct IrOpInfo {
  const char* name;
  uint8_t n32;
  uint8_t n64;
  uint8_t flags;
  // Words of a fixed-length instruction, handler word included.
  constexpr uint32_t words() const { return 1u + (n32 + 1u) / 2u + n64; }
  // Word index (from the handler word) of the first 64-bit operand.
  constexpr uint32_t first64() const { return 1u + (n32 + 1u) / 2u; }
};

inline constexpr IrOpInfo kIrOps[] = {
#define D irflag::D
#define C irflag::C
#define T irflag::T
#define V irflag::V
#define IR_OP(name, n32, n64, flags) {#name, n32, n64, uint8_t(flags)},
#include "wasm/ir_ops.def"
#undef IR_OP
#undef D
#undef C
#undef T
#undef V
};

inline constexpr const IrOpInfo& Info(IrOp op) { return kIrOps[uint32_t(op)]; }

// Operand k (0-based) of the instruction at `pc`.
inline uint32_t OperandU32(const Word* pc, uint32_t k) {
  return reinterpret_cast<const AliasU32*>(pc + 1)[k];
}
inline void SetOperandU32(Word* pc, uint32_t k, uint32_t v) { reinterpret_cast<AliasU32*>(pc + 1)[k] = v; }

// Handler addresses for threaded dispatch, indexed by IrOp (null in the
// switch-dispatch build, where the handler word stays the op id).
const void* const* ThreadedHandlers();

}  // namespace nearrt::wasm
