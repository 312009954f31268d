// The cost kinds nearcore accounts for: ExtCosts (host-function costs) and
// ActionCosts (fees for actions of outgoing receipts).
//
// DO NOT CHANGE THE ORDER: the numeric values equal nearcore's enum
// discriminants (core/parameters/src/cost.rs), which fix the order of profile
// entries and their borsh encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace nearrt::vm {

// X(name): ExtCosts in discriminant order. The runtime-config parameter name
// is "wasm_" + name (core/parameters/src/parameter.rs).
#define NEARRT_EXT_COSTS(X)            \
  X(base)                              \
  X(contract_loading_base)             \
  X(contract_loading_bytes)            \
  X(read_memory_base)                  \
  X(read_memory_byte)                  \
  X(write_memory_base)                 \
  X(write_memory_byte)                 \
  X(read_register_base)                \
  X(read_register_byte)                \
  X(write_register_base)               \
  X(write_register_byte)               \
  X(utf8_decoding_base)                \
  X(utf8_decoding_byte)                \
  X(utf16_decoding_base)               \
  X(utf16_decoding_byte)               \
  X(sha256_base)                       \
  X(sha256_byte)                       \
  X(keccak256_base)                    \
  X(keccak256_byte)                    \
  X(keccak512_base)                    \
  X(keccak512_byte)                    \
  X(ripemd160_base)                    \
  X(ripemd160_block)                   \
  X(ecrecover_base)                    \
  X(log_base)                          \
  X(log_byte)                          \
  X(storage_write_base)                \
  X(storage_write_key_byte)            \
  X(storage_write_value_byte)          \
  X(storage_write_evicted_byte)        \
  X(storage_read_base)                 \
  X(storage_read_key_byte)             \
  X(storage_read_value_byte)           \
  X(storage_remove_base)               \
  X(storage_remove_key_byte)           \
  X(storage_remove_ret_value_byte)     \
  X(storage_has_key_base)              \
  X(storage_has_key_byte)              \
  X(storage_iter_create_prefix_base)   \
  X(storage_iter_create_prefix_byte)   \
  X(storage_iter_create_range_base)    \
  X(storage_iter_create_from_byte)     \
  X(storage_iter_create_to_byte)       \
  X(storage_iter_next_base)            \
  X(storage_iter_next_key_byte)        \
  X(storage_iter_next_value_byte)      \
  X(touching_trie_node)                \
  X(read_cached_trie_node)             \
  X(promise_and_base)                  \
  X(promise_and_per_promise)           \
  X(promise_return)                    \
  X(validator_stake_base)              \
  X(validator_total_stake_base)        \
  X(alt_bn128_g1_multiexp_base)        \
  X(alt_bn128_g1_multiexp_element)     \
  X(alt_bn128_pairing_check_base)      \
  X(alt_bn128_pairing_check_element)   \
  X(alt_bn128_g1_sum_base)             \
  X(alt_bn128_g1_sum_element)          \
  X(ed25519_verify_base)               \
  X(ed25519_verify_byte)               \
  X(yield_create_base)                 \
  X(yield_create_byte)                 \
  X(yield_resume_base)                 \
  X(yield_resume_byte)                 \
  X(bls12381_p1_sum_base)              \
  X(bls12381_p1_sum_element)           \
  X(bls12381_p2_sum_base)              \
  X(bls12381_p2_sum_element)           \
  X(bls12381_g1_multiexp_base)         \
  X(bls12381_g1_multiexp_element)      \
  X(bls12381_g2_multiexp_base)         \
  X(bls12381_g2_multiexp_element)      \
  X(bls12381_map_fp_to_g1_base)        \
  X(bls12381_map_fp_to_g1_element)     \
  X(bls12381_map_fp2_to_g2_base)       \
  X(bls12381_map_fp2_to_g2_element)    \
  X(bls12381_pairing_base)             \
  X(bls12381_pairing_element)          \
  X(bls12381_p1_decompress_base)       \
  X(bls12381_p1_decompress_element)    \
  X(bls12381_p2_decompress_base)       \
  X(bls12381_p2_decompress_element)    \
  X(storage_large_read_overhead_base)  \
  X(storage_large_read_overhead_byte)  \
  X(p256_verify_base)                  \
  X(p256_verify_byte)                  \
  X(yield_create_with_id_base)

// X(name, parameter): ActionCosts in discriminant order with the name of the
// fee parameter (FeeParameter in core/parameters/src/parameter.rs).
#define NEARRT_ACTION_COSTS(X)                                                   \
  X(create_account, "action_create_account")                                     \
  X(delete_account, "action_delete_account")                                     \
  X(deploy_contract_base, "action_deploy_contract")                              \
  X(deploy_contract_byte, "action_deploy_contract_per_byte")                     \
  X(function_call_base, "action_function_call")                                  \
  X(function_call_byte, "action_function_call_per_byte")                         \
  X(transfer, "action_transfer")                                                 \
  X(stake, "action_stake")                                                       \
  X(add_full_access_key, "action_add_full_access_key")                           \
  X(add_function_call_key_base, "action_add_function_call_key")                  \
  X(add_function_call_key_byte, "action_add_function_call_key_per_byte")         \
  X(delete_key, "action_delete_key")                                             \
  X(new_action_receipt, "action_receipt_creation")                               \
  X(new_data_receipt_base, "data_receipt_creation_base")                         \
  X(new_data_receipt_byte, "data_receipt_creation_per_byte")                     \
  X(delegate, "action_delegate")                                                 \
  X(deploy_global_contract_base, "action_deploy_global_contract")                \
  X(deploy_global_contract_byte, "action_deploy_global_contract_per_byte")       \
  X(use_global_contract_base, "action_use_global_contract")                      \
  X(use_global_contract_byte, "action_use_global_contract_per_identifier_byte")  \
  X(deterministic_state_init_base, "action_deterministic_state_init")            \
  X(deterministic_state_init_byte, "action_deterministic_state_init_per_byte")   \
  X(deterministic_state_init_entry, "action_deterministic_state_init_per_entry") \
  X(gas_key_transfer_base, "action_gas_key_transfer")                            \
  X(gas_key_byte, "action_gas_key_byte")                                         \
  X(gas_key_nonce_write_base, "action_gas_key_nonce_write_base")

enum class ExtCost : uint8_t {
#define NEARRT_X(name) name,
  NEARRT_EXT_COSTS(NEARRT_X)
#undef NEARRT_X
};

enum class ActionCost : uint8_t {
#define NEARRT_X(name, param) name,
  NEARRT_ACTION_COSTS(NEARRT_X)
#undef NEARRT_X
};

inline constexpr size_t kNumExtCosts = 0
#define NEARRT_X(name) +1
    NEARRT_EXT_COSTS(NEARRT_X)
#undef NEARRT_X
    ;
inline constexpr size_t kNumActionCosts = 0
#define NEARRT_X(name, param) +1
    NEARRT_ACTION_COSTS(NEARRT_X)
#undef NEARRT_X
    ;
static_assert(kNumExtCosts == 88, "ExtCosts count at PV86");
static_assert(kNumActionCosts == 26, "ActionCosts count at PV86");

// nearcore's Debug/Display name, e.g. "read_memory_base".
std::string_view ExtCostName(ExtCost cost);
std::string_view ActionCostName(ActionCost cost);
// Runtime-config parameter names: "wasm_read_memory_base", "action_transfer".
std::string ExtCostParameter(ExtCost cost);
std::string_view ActionCostParameter(ActionCost cost);
std::optional<ExtCost> ExtCostFromName(std::string_view name);
std::optional<ActionCost> ActionCostFromName(std::string_view name);

inline size_t Index(ExtCost c) { return static_cast<size_t>(c); }
inline size_t Index(ActionCost c) { return static_cast<size_t>(c); }

}  // namespace nearrt::vm
