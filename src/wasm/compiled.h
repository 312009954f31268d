// Translated code of one function plus the side tables the interpreter
// consults on rare paths (trap gas refunds, out-of-gas replay).
#pragma once

#include <cstdint>
#include <vector>

#include "util/result.h"
#include "wasm/ir.h"

namespace nearrt::wasm {

class Module;

// A gas boundary inside a segment (positions are word indices into code).
struct GasPoint {
  enum Kind : uint8_t {
    kTrapSite,    // after an instruction that may trap
    kLabel,       // a branch-target label (finite-wasm splits its points here)
    kTerminator,  // the segment's last instruction (branch, call, return, linear op...)
  };
  uint32_t pos;
  Kind kind;
  uint32_t segment;
  uint64_t running;  // static cost emitted up to this boundary
};

// Straight-line code between two terminators; every gas chain that enters it
// ends at its terminator.
struct GasSegment {
  uint64_t end_running;
  uint32_t first_point;  // index into gas_points
  uint32_t end_point;    // one past the last point (the terminator is end_point-1)
};

// A 64-bit cost operand that charges a chain.
struct GasCell {
  uint32_t pos;              // word index of the cost operand
  uint32_t segment;
  uint32_t chain_start_pos;  // first instruction of the chain
  uint64_t chain_start_running;
  uint64_t extra;            // cost charged before the chain (function entry cost)
};

struct CompiledFunction {
  const Module* module = nullptr;
  uint32_t defined_index = 0;
  uint32_t num_params = 0;
  uint32_t num_results = 0;
  uint32_t num_locals = 0;   // params + declared locals
  uint32_t frame_slots = 0;  // locals + operand stack temporaries
  uint64_t stack_cost = 0;
  uint64_t entry_cost = 0;
  uint32_t type_id = 0;      // canonical signature id
  const Word* code = nullptr;  // null until translated

  std::vector<Word> code_storage;
  std::vector<GasPoint> gas_points;
  std::vector<GasSegment> segments;
  std::vector<GasCell> cells;  // sorted by pos
};

// Translates a defined function of a validated module (translator.cc).
Status TranslateFunction(const Module& m, uint32_t defined_index, CompiledFunction* out);

// Canonical id of a function signature, equal for structurally equal types
// across modules (used by call_indirect and import checks).
uint32_t CanonicalTypeId(const struct FuncType& t);

}  // namespace nearrt::wasm
