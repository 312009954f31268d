// Contract scenarios: a JSON file describing a sequence of contract calls on
// one or more accounts, with state, balance and storage usage carried from
// call to call (as the runtime would), and expectations on each call. The
// same files drive the native tests, `nearrt scenario` and the browser
// build's determinism test (each step's outcome is the `nearrt run` JSON).
//
// Format:
// {
//   "description": "...",
//   "accounts": {"ft.near": {"code": "shared:testdata/contracts/X.wasm", "balance": "10^26 as decimal",
//                            "storage_usage": 0}},
//   "context": {<VMContext fields applied to every call, runner_json names>},
//   "validators": {"v1.near": "<stake, decimal>", ...}   (validator_stake / validator_total_stake)
//   "steps": [
//     {"call": "ft.near", "method": "ft_transfer", "args": {...JSON...} | "args_text": "..." |
//      "args_base64": "...", "predecessor": "alice.near", "signer": "alice.near" (default: predecessor),
//      "deposit": "1", "gas": 300000000000000, "view": false,
//      "context": {<VMContext fields for this call only, applied last: they override everything,
//                  e.g. epoch_height, block_timestamp, signer_account_pk, account_balance>},
//      "promise_results": [<runner promise result JSON>...],
//      "note": "free text: why the step is there or why it is expected to fail",
//      "expect": {"ok": true|false, "return": "<exact UTF-8 value>", "return_json": <JSON value>,
//                 "return_contains": "substring of the UTF-8 return value",
//                 "return_base64": "<exact return value, base64: for binary values>",
//                 "return_receipt": <index of the receipt whose result the call returns (promise_return)>,
//                 "logs": ["exact", ...], "logs_contain": ["substring", ...], "error": "substring of the
//                 error message", "receipts": <count>, "burnt_gas": <exact>,
//                 "receipts_like": [<one pattern per receipt, in order: JSON of the receipt as `nearrt run`
//                                   prints it, objects matched on the keys given, arrays element-wise
//                                   with the same length, other values exactly; amounts beyond u64,
//                                   printed as JSON numbers by `nearrt run`, are matched as decimal
//                                   strings: write them as "1000000000000000000000000">],
//                 "balance": "<account balance after the call>", "storage_usage": <after the call>,
//                 "state": {"<base64 key>": "<base64 value>" | null (absent), ...} (after the call)}}
//   ]
// }
// Each step runs on the state, balance and storage usage left by the last
// successful call on that account (a failed call changes nothing); receipts
// are recorded per call and not executed.
// Code references: "shared:<path>" (relative to the shared data folder),
// "build:<path>" (relative to the current directory, which the CTest tests set
// to the build tree: code fetched at test time, e.g. build/npm-contracts),
// an absolute path, otherwise relative to the scenario file's folder.
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
