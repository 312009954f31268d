// The C API of the nearrt web package (web/): JSON text in, JSON text out.
//
// Every function returns a NUL-terminated JSON text owned by the module; it
// stays valid until the next call of any nearrt_web_* function (the module is
// single-threaded: one instance per page or worker). Nothing here aborts on
// bad input: a request that cannot be parsed gives
//   {"error": {"kind": "InvalidInput", "message": "..."}}
// and contract failures are part of the normal output, in nearcore's error
// kinds and messages (the `err` and `err_message` fields of `nearrt run`).
//
// The thin JavaScript wrapper (web/src/nearrt.js) is the documented API; this
// header is what it calls through the emscripten module.
#pragma once

#include <cstdint>

extern "C" {

// {"nearrt": "<version>", "protocol_version": <loaded config's version>}
const char* nearrt_web_version();

// Loads the runtime config used by later calls:
//   {"protocol_version": 86, "overrides": {<nearrt run --config JSON>}}
// (both optional). Returns {"protocol_version": n} or an error. Clears the
// prepared-contract cache.
const char* nearrt_web_load_config(const char* request);

// The parameter table of the loaded protocol version (nearcore parameter
// names -> JSON values), before overrides: {"protocol_version": n, "parameters": {...}}.
const char* nearrt_web_parameters();

// Runs one method, exactly as `nearrt run` (src/cli/run_command.cc), and
// returns the very same JSON text. `code`/`code_len` is the contract; the
// request is
//   {"method": "name",                      (required)
//    "input": "utf-8 text" | "input_base64": "...",   (--input; overrides the context's)
//    "context": {...},                      (--context)
//    "state": {"<b64 key>": "<b64 value>"}, (--state)
//    "promise_results": [...],              (each one --promise-results)
//    "config": {...},                       (--config, on top of the loaded config)
//    "pending_yields": ["<base58 data id>"],  (yields a promise_yield_resume may resume)
//    "cache": true}                         (reuse prepared contracts; default true)
const char* nearrt_web_run(const uint8_t* code, uint32_t code_len, const char* request);

// What the last nearrt_web_run recorded beside its output:
//   {"resumes": [{"data_id": "<base58>", "payload_base64": "..."}]}
const char* nearrt_web_last_run_extras();

// The contract's exports: {"exports": [{"name", "kind", "callable"}], "imports": [...]}
// (`callable`: a function without params and results, the only kind NEAR calls).
const char* nearrt_web_exports(const uint8_t* code, uint32_t code_len);

// State roots and proofs of a contract's storage, as NEAR's state trie holds
// it (keys TrieKey::ContractData{account_id, key}):
//   state_root {"account_id", "state": {b64: b64}} -> {"state_root": base58, "entries": n}
//   prove {"account_id", "state", "key_base64"} ->
//     {"state_root", "trie_key_base64", "value_base64" | null, "proof": [b64 nodes, root first]}
//   verify {"state_root", "account_id", "key_base64", "proof", "value_base64"?} ->
//     {"valid": bool, "present": bool, "message"?}
const char* nearrt_web_state_root(const char* request);
const char* nearrt_web_prove(const char* request);
const char* nearrt_web_verify(const char* request);

// A local single-shard chain (src/chain LocalChain: runtime::Apply at PV86),
// one per module; present when the chain layer is built (nearrt_web_version
// says "chain": true). Requests and block JSON as `nearrt apply`:
//   chain_create {"genesis": {...}} (code_base64, not code_file) ->
//     {"height", "state_root", "block_hash", "genesis_supply"}
//   chain_block {"transactions": [...], "record": bool} -> the block of
//     `nearrt apply` (+ "witness": {nodes, bytes, borsh_base64} when recorded)
//   chain_idle {"max_blocks": n} -> {"blocks": [...], "state_root", "pending_receipts"}
//   chain_view {"account_id", "method", "args" | "args_base64"} ->
//     {"return_base64"?, "logs", "burnt_gas", "err_message"?}
//   chain_account {"account_id"} -> {"account": {amount, locked, storage_usage, code_hash?} | null, ...}
const char* nearrt_web_chain_create(const char* request);
const char* nearrt_web_chain_block(const char* request);
const char* nearrt_web_chain_idle(const char* request);
const char* nearrt_web_chain_view(const char* request);
const char* nearrt_web_chain_account(const char* request);

}  // extern "C"
