// JSON of the `nearrt run` command, a drop-in for nearcore's former
// near-vm-runner-standalone (runtime/near-vm-runner-standalone/src/main.rs at
// near/nearcore@0360067c; shared/near/ecosystem.md section 2.2): the VMContext,
// state, promise-result and config inputs, and the output object
//   {"outcome": {...} | null, "err": null | {...}, "receipts": [...], "state": {...}}.
// Parsing never throws or crashes: malformed input is an error value.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "util/bytes.h"
#include "util/result.h"
#include "vm/config.h"
#include "vm/context.h"
#include "vm/errors.h"
#include "vm/memory_external.h"
#include "vm/outcome.h"

namespace nearrt::vm {

// The standalone runner's default context (script.rs default_vm_context):
// alice / bob / carol, signer_account_pk and random_seed [0,1,2],
// block_index 1, block_timestamp 1586796191203000000, epoch_height 1,
// account_balance 10^25, locked 0, storage_usage 100, deposit 0,
// prepaid_gas 10^18, not a view, no output receivers; refund_to =
// predecessor, account_contract None, no promise results.
VMContext DefaultRunnerContext();

// Parses a VMContext JSON object over `defaults` (fields absent keep the
// default). Field names and forms of the old runner (serde of near-vm-logic's
// VMContext) and of current nearcore:
//   current_account_id, signer_account_id, predecessor_account_id,
//   refund_to_account_id: account id strings (validated);
//   signer_account_pk: base58 of the borsh key bytes, or "ed25519:<base58>";
//   input: base64; random_seed: base58;
//   block_index | block_height, epoch_height, storage_usage, prepaid_gas:
//     numbers (or decimal strings); block_timestamp: decimal string or number;
//   account_balance, account_locked_balance, attached_deposit: u128 as a
//     decimal string or a number;
//   is_view: bool (view_config = {max_gas_burnt: view_max_gas_burnt}), or
//     view_config: null | {"max_gas_burnt": n};
//   output_data_receivers: [account ids];
//   account_contract: null | "None" | {"Local"|"Global": "<base58 hash>"} |
//     {"GlobalByAccount": "<account id>"};
//   promise_results: [promise result JSON, see ParsePromiseResultJson].
// Unknown fields are ignored (as serde does).
Result<VMContext> ParseContextJson(std::string_view text, const VMContext& defaults,
                                   Gas view_max_gas_burnt);

// "NotReady" | "Failed" | {"Successful": "<UTF-8 string>"} (old serde form,
// bytes_as_str) | {"SuccessfulBase64": "<base64>"}.
Result<PromiseResult> ParsePromiseResultJson(std::string_view text);

// {"<base64 key>": "<base64 value>", ...}.
Result<std::map<Bytes, Bytes>> ParseStateJson(std::string_view text);

// Config overrides: either nearcore parameter names ({"wasm_base": 1, ...},
// see config_store.h) or the serde shape of nearcore's VMConfig
// ({"ext_costs": {"base": 1, ...}, "regular_op_cost": n, "grow_mem_cost": n,
//   "limit_config": {"max_gas_burnt": n, ...}}). Unknown names are errors.
Status ApplyConfigJson(std::string_view text, RuntimeConfig* config);

struct RunnerJsonOptions {
  // Adds "err_message": nearcore's Display text of the error (not printed by
  // the old runner; consumers that ignore unknown keys are unaffected).
  bool include_error_message = true;
};

// The output object. `outcome` may be null (no outcome: then `runner_error`
// says why). Outcome fields: balance (decimal string), storage_usage,
// return_data ({"Value": "<UTF-8>"} | {"ReceiptIndex": n} | "None"; non-UTF-8
// values as {"ValueBase64": ...} where the old runner crashed), burnt_gas,
// used_gas, logs, then profile (nearcore's RPC gas_profile list:
// [{"cost_category", "cost", "gas_used"}]) and compute_usage. `err` is the
// serde form of nearcore's VMError, e.g.
// {"FunctionCallError": {"HostError": {"GuestPanic": {"panic_msg": "..."}}}}.
std::string FormatRunnerOutput(const VMOutcome* outcome, const VMRunnerError* runner_error,
                               const MemoryExternal& ext, const RunnerJsonOptions& options = {});

// The "err" value alone (serde form of FunctionCallError inside VMError).
std::string FunctionCallErrorJson(const FunctionCallError& error);

}  // namespace nearrt::vm
