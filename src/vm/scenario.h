// Contract scenarios: a JSON file describing a sequence of contract calls on
// one or more accounts, with state, balance and storage usage carried from
// call to call (as the runtime would), and expectations on each call. The
// same files drive the native tests, `nearrt scenario` and the browser
// build's determinism test (each step's outcome is the `nearrt run` JSON).
//
// Format:
// {
//   "description": "...",
//   "accounts": {"ft.near": {"code": "shared:testdata/contracts/X.wasm", "balance": "10^26 as decimal"}},
//   "context": {<VMContext fields applied to every call, runner_json names>},
//   "steps": [
//     {"call": "ft.near", "method": "ft_transfer", "args": {...JSON...} | "args_text": "..." |
//      "args_base64": "...", "predecessor": "alice.near", "signer": "alice.near" (default: predecessor),
//      "deposit": "1", "gas": 300000000000000, "view": false,
//      "promise_results": [<runner promise result JSON>...],
//      "expect": {"ok": true|false, "return": "<exact UTF-8 value>", "return_json": <JSON value>,
//                 "logs": ["exact", ...], "logs_contain": ["substring", ...], "error": "substring of the
//                 error message", "receipts": <count>, "burnt_gas": <exact>}}
//   ]
// }
// Code references: "shared:<path>" (relative to the shared data folder),
// otherwise relative to the scenario file's folder.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::vm {

struct ScenarioStepResult {
  std::string label;        // "account.method"
  std::string output_json;  // the step's outcome, exactly as `nearrt run` prints it
  bool passed = true;
  std::string failure;      // why an expectation failed
};

struct ScenarioResult {
  std::string description;
  std::vector<ScenarioStepResult> steps;
  bool passed() const {
    for (const auto& s : steps)
      if (!s.passed) return false;
    return true;
  }
};

// Loads a contract's code given its reference in the scenario.
using CodeLoader = std::function<Result<Bytes>(const std::string& ref)>;

// Runs a scenario. Errors are for malformed scenarios (or unloadable code),
// not for failed expectations (those are in the result).
Result<ScenarioResult> RunScenario(std::string_view json_text, const CodeLoader& load_code);

// A CodeLoader reading files: "shared:" refs under `shared_dir`, others under
// `base_dir`.
CodeLoader FileCodeLoader(std::string shared_dir, std::string base_dir);

}  // namespace nearrt::vm
