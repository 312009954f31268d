// Internal: section-by-section decoding of a module (module.cc) and function
// body validation (validator.cc).
#pragma once

#include <string>
#include <vector>

#include "util/result.h"
#include "wasm/binary_reader.h"
#include "wasm/module.h"

namespace nearrt::wasm {

// Limits applied while decoding, as wasmparser (nearcore's validator) does,
// so that hostile inputs cannot make the decoder allocate without bound.
inline constexpr uint32_t kMaxTypes = 1000000;
inline constexpr uint32_t kMaxFunctions = 1000000;
inline constexpr uint32_t kMaxImports = 100000;
inline constexpr uint32_t kMaxExports = 100000;
inline constexpr uint32_t kMaxGlobals = 1000000;
inline constexpr uint32_t kMaxElemSegments = 100000;
inline constexpr uint32_t kMaxDataSegments = 100000;
inline constexpr uint32_t kMaxTables = 100;
inline constexpr uint32_t kMaxFunctionLocals = 50000;
inline constexpr uint32_t kMaxFunctionParams = 1000;
inline constexpr uint32_t kMaxFunctionResults = 1000;
inline constexpr uint32_t kMaxTableEntries = 10000000;
inline constexpr uint64_t kMaxMemoryPages = 65536;

class ModuleDecoder {
 public:
  explicit ModuleDecoder(Module* m) : m_(m) {}
  Status Decode();
  // Byte offset of the first error (valid after Decode failed).
  size_t error_offset() const { return error_offset_; }

 private:
  Status Fail(size_t offset, const std::string& msg);
  Status DecodeTypes(BinaryReader& r);
  Status DecodeImports(BinaryReader& r);
  Status DecodeFunctions(BinaryReader& r);
  Status DecodeTables(BinaryReader& r);
  Status DecodeMemories(BinaryReader& r);
  Status DecodeGlobals(BinaryReader& r);
  Status DecodeExports(BinaryReader& r);
  Status DecodeStart(BinaryReader& r);
  Status DecodeElems(BinaryReader& r);
  Status DecodeDataCount(BinaryReader& r);
  Status DecodeCode(BinaryReader& r);
  Status DecodeData(BinaryReader& r);
  Status ReadLimits(BinaryReader& r, Limits* out, uint64_t max_allowed, const char* what);
  Status ReadTableType(BinaryReader& r, TableType* out);
  Status ReadConstExpr(BinaryReader& r, ValType expected, ConstExpr* out);

  Module* m_;
  uint32_t declared_funcs_ = 0;  // function section count
  bool has_data_count_ = false;
  uint32_t data_count_ = 0;
  std::vector<bool> refs_;  // functions declared for ref.func (C.refs)
  size_t error_offset_ = 0;
  friend class FunctionValidator;
};

// Validates one function body; fills `info`. `refs[i]` tells whether function
// i may be referenced by ref.func; `num_datas` is the data count section's
// value, or -1 without one. On failure `*error_offset` is set.
Status ValidateFunctionBody(const Module& m, uint32_t defined_index, const std::vector<bool>& refs,
                            int64_t num_datas, FunctionInfo* info, size_t* error_offset);

}  // namespace nearrt::wasm
