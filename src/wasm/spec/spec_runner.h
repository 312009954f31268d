// Runs WebAssembly spec tests (.wast via wabt's wast2json, or the JSON it
// produces) against the engine and counts results per command type.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "util/result.h"
#include "wasm/features.h"

namespace nearrt::wasm::spec {

struct SpecOptions {
  Features features = Features::All();
  bool metered = false;          // run with gas metering on (op cost 1, unlimited gas)
  bool canonicalize_nans = false;
  bool eager_translation = false;
  bool unoptimized = false;  // every translator optimization off (TranslatorOptions::None)
  bool verbose = false;          // print every failure
  // Metering self-check (implies metered): after each action that used U gas,
  // rerun it with gas U-1 (must run out of gas) and U (must not), checking
  // that charging chains is exactly per-instruction charging.
  bool gas_sweep = false;
};

struct SpecCounts {
  uint64_t passed = 0, failed = 0, skipped = 0;
  std::map<std::string, std::array<uint64_t, 3>> by_type;  // type -> {passed, failed, skipped}
  void Add(const std::string& type, int outcome);  // 0 pass, 1 fail, 2 skip
  void Merge(const SpecCounts& o);
};

// Runs one converted JSON file (its .wasm files next to it).
Result<SpecCounts> RunSpecJson(const std::string& json_path, const SpecOptions& opts, std::ostream& log);

// Converts a .wast with wast2json into a temporary folder and runs it.
Result<SpecCounts> RunSpecWast(const std::string& wast_path, const SpecOptions& opts, std::ostream& log);

}  // namespace nearrt::wasm::spec
