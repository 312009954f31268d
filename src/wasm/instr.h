// Decoding of single instructions (opcode + immediates), shared by the
// validator and the translator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wasm/binary_reader.h"
#include "wasm/features.h"
#include "wasm/types.h"

namespace nearrt::wasm {

enum class Op : uint16_t {
#define WASM_OP(name, code, imm, text) name = code,
#include "wasm/opcodes.def"
#undef WASM_OP
};

const char* OpName(Op op);

struct BlockType {
  enum class Kind : uint8_t { Empty, Value, TypeIndex };
  Kind kind = Kind::Empty;
  ValType value = ValType::I32;
  uint32_t type_index = 0;
};

struct Instr {
  Op op = Op::Nop;
  uint32_t a = 0;  // label/func/local/global/table/type/data/elem index; Mem: offset; BrTable: default
  uint32_t b = 0;  // CallIndirect: table; TableInit: table; TableCopy: src table; Mem: alignment log2
  uint64_t imm = 0;      // constants' bits; RefNull/SelectT: value type
  BlockType block;       // Block/Loop/If
  size_t offset = 0;     // module offset of the opcode byte
};

// Reads one instruction. br_table targets (without the default) go to
// `br_targets`. Returns false and sets `error` on malformed input or an
// opcode of a disabled feature.
bool ReadInstr(BinaryReader& r, const Features& f, Instr* out, std::vector<uint32_t>* br_targets,
               std::string* error);

// Reads a value type byte; false if it is not a value type known under `f`.
bool ReadValType(BinaryReader& r, const Features& f, ValType* out);

}  // namespace nearrt::wasm
