// A decoded and validated WebAssembly module. Immutable after decoding except
// for the lazily translated code of its functions, which all instances of the
// module share.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"
#include "wasm/features.h"
#include "wasm/metering.h"
#include "wasm/types.h"

namespace nearrt::wasm {

struct CompiledFunction;

// The translator's optimizations, all on by default. Switching one off
// changes speed only, never results, traps or gas (the spec suite runs with
// all of them off too); bench/engines/run.sh --ablation measures what each
// one buys.
struct TranslatorOptions {
  bool local_operands = true;       // local.get: instructions read the local's slot in place
  bool const_operands = true;       // constants become immediates of the instruction using them
  bool fuse_compare_branch = true;  // an integer compare feeding br_if/if becomes one instruction
  bool retarget_results = true;     // local.set of a fresh result: the producer writes the local
  static TranslatorOptions None() { return {false, false, false, false}; }
};

struct ModuleConfig {
  Features features = Features::All();
  TranslatorOptions translator;
  MeteringConfig metering;
  // nearcore's Wasmtime config: every float arithmetic result that is NaN
  // becomes the positive canonical quiet NaN.
  bool canonicalize_nans = false;
  // Translate every function at decode time instead of on first call.
  bool eager_translation = false;
  // Embedder cap on linear memory size in pages (memory.grow fails beyond
  // it even if the module allows more); the spec's own limit is 65536.
  uint64_t max_memory_pages = 65536;
};

// Per defined function facts the validator computes.
struct FunctionInfo {
  uint32_t max_stack_height = 0;  // in values (operand stack depth)
};

class Module {
 public:
  // Decodes and fully validates `bytes` (copied), in streaming order (the
  // first error in byte order is reported). Errors carry the byte offset and
  // a message in the spirit of the spec's error classes; `error_offset`
  // receives the offset too.
  static Result<std::shared_ptr<Module>> Decode(std::span<const uint8_t> bytes,
                                                const ModuleConfig& config = {},
                                                size_t* error_offset = nullptr);
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  const ModuleConfig& config() const { return config_; }
  std::span<const uint8_t> bytes() const { return bytes_; }

  const std::vector<FuncType>& types() const { return types_; }
  const std::vector<Import>& imports() const { return imports_; }
  const std::vector<Export>& exports() const { return exports_; }
  // Type index of every function, imports first.
  const std::vector<uint32_t>& func_types() const { return func_types_; }
  const std::vector<TableType>& tables() const { return tables_; }      // imports first
  const std::vector<MemoryType>& memories() const { return memories_; } // imports first
  const std::vector<Global>& globals() const { return globals_; }       // imports first (init unused)
  const std::vector<ElemSegment>& elems() const { return elems_; }
  const std::vector<DataSegment>& datas() const { return datas_; }
  const std::vector<FunctionBody>& bodies() const { return bodies_; }
  const std::vector<FunctionInfo>& function_infos() const { return infos_; }
  bool has_start() const { return has_start_; }
  uint32_t start() const { return start_; }

  uint32_t num_imported_funcs() const { return num_imported_funcs_; }
  uint32_t num_imported_tables() const { return num_imported_tables_; }
  uint32_t num_imported_memories() const { return num_imported_memories_; }
  uint32_t num_imported_globals() const { return num_imported_globals_; }
  uint32_t num_funcs() const { return uint32_t(func_types_.size()); }
  uint32_t num_custom_sections() const { return num_custom_sections_; }

  const FuncType& func_type(uint32_t func_index) const { return types_[func_types_[func_index]]; }
  // Canonical signature id (equal for structurally equal types in any module).
  uint32_t canonical_type_id(uint32_t type_index) const { return type_ids_[type_index]; }
  const Export* FindExport(std::string_view name) const;

  // Lazily translated code of defined function `defined_index`; translates
  // on first use. Fails only on resource limits (the module is valid).
  Result<CompiledFunction*> GetCompiled(uint32_t defined_index) const;
  // The stable per-function record (code may still be untranslated).
  CompiledFunction* compiled_record(uint32_t defined_index) const;

 private:
  friend class ModuleDecoder;
  Module() = default;

  ModuleConfig config_;
  std::vector<uint8_t> bytes_;
  std::vector<FuncType> types_;
  std::vector<uint32_t> type_ids_;
  std::vector<Import> imports_;
  std::vector<Export> exports_;
  std::vector<uint32_t> func_types_;
  std::vector<TableType> tables_;
  std::vector<MemoryType> memories_;
  std::vector<Global> globals_;
  std::vector<ElemSegment> elems_;
  std::vector<DataSegment> datas_;
  std::vector<FunctionBody> bodies_;
  std::vector<FunctionInfo> infos_;
  bool has_start_ = false;
  uint32_t start_ = 0;
  uint32_t num_imported_funcs_ = 0;
  uint32_t num_imported_tables_ = 0;
  uint32_t num_imported_memories_ = 0;
  uint32_t num_imported_globals_ = 0;
  uint32_t num_custom_sections_ = 0;
  // One record per defined function (stable addresses: IR embeds pointers).
  std::unique_ptr<CompiledFunction[]> compiled_;
};

}  // namespace nearrt::wasm
