// The JSON forms of the local chain, shared by `nearrt apply`
// (src/cli/apply_command.cc) and the web package (web/src/api_chain.cc):
// genesis, actions, blocks of transactions in, block results out.
//
// Every reader checks the type of a field before reading it and never throws
// (a throwing nlohmann accessor aborts the process, and the module under
// emcc); a wrong type, a missing required field or a bad value is an Error
// naming where it is, e.g. "transaction 0: signer_id: expected a string" or
// "genesis: account 1 (bob.near): keys 0: public_key: ...". A field that is
// null counts as absent. Unknown fields are ignored.
//
// Values: balances (u128) are decimal strings, or JSON unsigned integers;
// gas, nonces and heights are JSON unsigned integers; public keys
// "ed25519:<base58>"; code hashes base58; bytes base64.
//
// Genesis: the object documented in src/chain/local_chain.h, plus
//   keys[i].permission: "FullAccess" | {"FunctionCall": {"receiver_id" (required),
//                        "allowance": balance | null, "method_names": [..]}}
//   runtime_config: "mainnet" | "test"; an account_id appears at most once.
//
// Actions (one per element of a transaction's "actions"):
//   "CreateAccount" | {"CreateAccount": ...}
//   {"Transfer": {"deposit"}}
//   {"FunctionCall": {"method_name", "args": "text" | <JSON, sent as its text>
//                     | "args_base64", "gas" (default 30 Tgas), "deposit" (default 0)}}
//   {"DeployContract": {"code_file" | "code_base64"}}
//   {"DeployGlobalContract": {"code_file" | "code_base64", "deploy_mode": "CodeHash" (default) | "AccountId"}}
//   {"UseGlobalContract": {"code_hash": base58} | {"account_id"}}
//   {"AddKey": {"public_key", "permission"?: as in genesis keys,
//               "gas_key_nonces"?: 0..65535 (a gas key)}}
//   {"DeleteKey": {"public_key"}}
//   {"Stake": {"stake", "public_key"}}
//   {"DeleteAccount": {"beneficiary_id"}}
//   {"TransferToGasKey": {"public_key", "deposit"}}
//   {"WithdrawFromGasKey": {"public_key", "amount"}}
//
// Transactions: an array of {"signed_tx_base64": borsh SignedTransaction} or
//   {"signer_id", "receiver_id", "nonce"?, "signer_seed"? | "secret_key"?, "actions"?}
// signed here (ed25519 InMemorySigner::from_seed of signer_seed, default the
// signer_id; or the secret key); the nonce defaults to the access key's nonce
// on the chain + 1, counting up over the transactions of the list.
//
// "code_file" paths resolve against a directory only where files exist (the
// CLI); without one (the web build) "code_file" is an error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/local_chain.h"

namespace nearrt::chain {

// The directory "code_file" paths are relative to; nullopt: no files.
using CodeFileDir = std::optional<std::string>;

Result<Genesis> GenesisFromJson(const nlohmann::json& genesis, const CodeFileDir& dir);

// One action; `at` prefixes error messages (e.g. "transaction 0: action 2: ").
Result<Action> ActionFromJson(const nlohmann::json& action, const CodeFileDir& dir,
                              const std::string& at = "");

// Signs the transactions of `list` for the next block of `chain` (block hash
// = the chain's last block hash; default nonces from its state).
Result<std::vector<SignedTransaction>> TransactionsFromJson(const nlohmann::json& list, const LocalChain& chain,
                                                            const CodeFileDir& dir);

// The block JSON of `nearrt apply`: height, block_hash, gas_price, state_root,
// outcome_root, gas_burnt, tokens_burnt, outcomes, outgoing_receipts; plus
// "witness": {nodes, bytes, borsh_base64} when the block was recorded.
nlohmann::json BlockToJson(const BlockResult& block);

// JSON text that never throws (invalid UTF-8 in strings is replaced).
std::string DumpJson(const nlohmann::json& j, int indent = -1);

// Parses JSON text without exceptions; `what` names the input in the error.
Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view what);

}  // namespace nearrt::chain
