// WebAssembly types (core spec 2.0 subset used by nearrt) and module-level
// structures produced by the decoder.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nearrt::wasm {

// DO NOT CHANGE: the values are the binary encodings.
enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};

inline bool IsRefType(ValType t) { return t == ValType::FuncRef || t == ValType::ExternRef; }
const char* ValTypeName(ValType t);

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};
std::string FuncTypeToString(const FuncType& t);

struct Limits {
  uint64_t min = 0;
  uint64_t max = 0;
  bool has_max = false;
};

struct TableType {
  ValType elem = ValType::FuncRef;
  Limits limits;
};

struct MemoryType {
  Limits limits;  // in 64 KiB pages
};

struct GlobalType {
  ValType type = ValType::I32;
  bool is_mutable = false;
};

// DO NOT CHANGE: binary encodings of external kinds.
enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };
const char* ExternKindName(ExternKind k);

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t func_type = 0;  // kind == Func
  TableType table;         // kind == Table
  MemoryType memory;       // kind == Memory
  GlobalType global;       // kind == Global
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

// A constant expression (spec 2.0: exactly one instruction then `end`).
struct ConstExpr {
  enum class Kind : uint8_t { I32, I64, F32, F64, RefNull, RefFunc, GlobalGet };
  Kind kind = Kind::I32;
  uint64_t bits = 0;   // I32/I64/F32/F64 value bits; RefNull: the ValType
  uint32_t index = 0;  // RefFunc: function index; GlobalGet: global index
};

struct Global {
  GlobalType type;
  ConstExpr init;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  ValType type = ValType::FuncRef;
  uint32_t table = 0;
  ConstExpr offset;
  std::vector<ConstExpr> items;  // RefFunc / RefNull / GlobalGet
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t memory = 0;
  ConstExpr offset;
  uint32_t data_offset = 0;  // into Module::bytes()
  uint32_t data_size = 0;
};

// A defined function's body as located in the module bytes.
struct FunctionBody {
  uint32_t type_index = 0;
  uint32_t body_offset = 0;  // first byte of the locals declaration
  uint32_t body_end = 0;     // one past the final `end`
  uint32_t code_offset = 0;  // first instruction byte (after locals)
  std::vector<ValType> locals;  // declared locals (params not included)
};

}  // namespace nearrt::wasm
