// The import table against nearcore runtime/near-vm-runner/src/imports.rs:
// the list below was extracted from that file (module, name, parameter types
// l = u64/i64 and i = u32/i32, result, gating Config flag), sandbox and
// test_features imports excluded.
#include "vm/imports.h"

#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::IsHost;

struct Expected {
  const char* module;
  const char* name;
  const char* params;
  const char* result;
  const char* gate;
};

const Expected kImportsRs[] = {
    {"internal", "finite_wasm_gas", "l", "", ""},
    {"internal", "finite_wasm_memory_copy", "ill", "i", ""},
    {"internal", "finite_wasm_memory_fill", "ill", "i", ""},
    {"internal", "finite_wasm_memory_init", "ill", "i", ""},
    {"internal", "finite_wasm_table_copy", "ill", "i", ""},
    {"internal", "finite_wasm_table_fill", "ill", "i", ""},
    {"internal", "finite_wasm_table_init", "ill", "i", ""},
    {"internal", "finite_wasm_stack", "ll", "", ""},
    {"internal", "finite_wasm_unstack", "ll", "", ""},
    {"internal", "finite_wasm_gas_exhausted", "", "", ""},
    {"internal", "finite_wasm_stack_exhausted", "", "", ""},
    {"env", "read_register", "ll", "", ""},
    {"env", "register_len", "l", "l", ""},
    {"env", "write_register", "lll", "", ""},
    {"env", "current_account_id", "l", "", ""},
    {"env", "chain_id", "l", "", "chain_id_host_fn"},
    {"env", "signer_account_id", "l", "", ""},
    {"env", "signer_account_pk", "l", "", ""},
    {"env", "predecessor_account_id", "l", "", ""},
    {"env", "input", "l", "", ""},
    {"env", "block_index", "", "l", ""},
    {"env", "block_timestamp", "", "l", ""},
    {"env", "epoch_height", "", "l", ""},
    {"env", "storage_usage", "", "l", ""},
    {"env", "account_balance", "l", "", ""},
    {"env", "account_locked_balance", "l", "", ""},
    {"env", "attached_deposit", "l", "", ""},
    {"env", "prepaid_gas", "", "l", ""},
    {"env", "used_gas", "", "l", ""},
    {"env", "random_seed", "l", "", ""},
    {"env", "sha256", "lll", "", ""},
    {"env", "keccak256", "lll", "", ""},
    {"env", "keccak512", "lll", "", ""},
    {"env", "ed25519_verify", "llllll", "l", ""},
    {"env", "p256_verify", "llllll", "l", "p256_verify_host_fn"},
    {"env", "ripemd160", "lll", "", ""},
    {"env", "ecrecover", "lllllll", "l", ""},
    {"env", "value_return", "ll", "", ""},
    {"env", "panic", "", "", ""},
    {"env", "panic_utf8", "ll", "", ""},
    {"env", "log_utf8", "ll", "", ""},
    {"env", "log_utf16", "ll", "", ""},
    {"env", "abort", "iiii", "", ""},
    {"env", "promise_create", "llllllll", "l", ""},
    {"env", "promise_then", "lllllllll", "l", ""},
    {"env", "promise_and", "ll", "l", ""},
    {"env", "promise_batch_create", "ll", "l", ""},
    {"env", "promise_batch_then", "lll", "l", ""},
    {"env", "promise_set_refund_to", "lll", "", ""},
    {"env", "promise_batch_action_state_init", "llll", "l", ""},
    {"env", "promise_batch_action_state_init_by_account_id", "llll", "l", ""},
    {"env", "set_state_init_data_entry", "llllll", "", ""},
    {"env", "current_contract_code", "l", "l", ""},
    {"env", "refund_to_account_id", "l", "", ""},
    {"env", "promise_batch_action_create_account", "l", "", ""},
    {"env", "promise_batch_action_deploy_contract", "lll", "", ""},
    {"env", "promise_batch_action_deploy_global_contract", "lll", "", "global_contract_host_fns"},
    {"env", "promise_batch_action_deploy_global_contract_by_account_id", "lll", "", "global_contract_host_fns"},
    {"env", "promise_batch_action_use_global_contract", "lll", "", "global_contract_host_fns"},
    {"env", "promise_batch_action_use_global_contract_by_account_id", "lll", "", "global_contract_host_fns"},
    {"env", "promise_batch_action_function_call", "lllllll", "", ""},
    {"env", "promise_batch_action_function_call_weight", "llllllll", "", ""},
    {"env", "promise_batch_action_transfer", "ll", "", ""},
    {"env", "promise_batch_action_stake", "llll", "", ""},
    {"env", "promise_batch_action_add_key_with_full_access", "llll", "", ""},
    {"env", "promise_batch_action_add_key_with_function_call", "lllllllll", "", ""},
    {"env", "promise_batch_action_delete_key", "lll", "", ""},
    {"env", "promise_batch_action_delete_account", "lll", "", ""},
    {"env", "promise_batch_action_transfer_to_gas_key", "llll", "", "gas_key_host_fns"},
    {"env", "promise_batch_action_add_gas_key_with_full_access", "llll", "", "gas_key_host_fns"},
    {"env", "promise_batch_action_add_gas_key_with_function_call", "lllllllll", "", "gas_key_host_fns"},
    {"env", "promise_yield_create", "lllllll", "l", ""},
    {"env", "promise_yield_create_with_id", "lllllllll", "l", "yield_with_id_host_fns"},
    {"env", "promise_yield_resume", "llll", "i", ""},
    {"env", "promise_yield_resume_with_yield_id", "llll", "i", "yield_with_id_host_fns"},
    {"env", "promise_results_count", "", "l", ""},
    {"env", "promise_result", "ll", "l", ""},
    {"env", "promise_return", "l", "", ""},
    {"env", "storage_write", "lllll", "l", ""},
    {"env", "storage_read", "lll", "l", ""},
    {"env", "storage_remove", "lll", "l", ""},
    {"env", "storage_has_key", "ll", "l", ""},
    {"env", "storage_iter_prefix", "ll", "l", ""},
    {"env", "storage_iter_range", "llll", "l", ""},
    {"env", "storage_iter_next", "lll", "l", ""},
    {"env", "gas", "i", "", ""},
    {"env", "validator_stake", "lll", "", ""},
    {"env", "validator_total_stake", "l", "", ""},
    {"env", "alt_bn128_g1_multiexp", "lll", "", ""},
    {"env", "alt_bn128_g1_sum", "lll", "", ""},
    {"env", "alt_bn128_pairing_check", "ll", "l", ""},
    {"env", "bls12381_p1_sum", "lll", "l", ""},
    {"env", "bls12381_p2_sum", "lll", "l", ""},
    {"env", "bls12381_g1_multiexp", "lll", "l", ""},
    {"env", "bls12381_g2_multiexp", "lll", "l", ""},
    {"env", "bls12381_map_fp_to_g1", "lll", "l", ""},
    {"env", "bls12381_map_fp2_to_g2", "lll", "l", ""},
    {"env", "bls12381_pairing_check", "ll", "l", ""},
    {"env", "bls12381_p1_decompress", "lll", "l", ""},
    {"env", "bls12381_p2_decompress", "lll", "l", ""},
};

std::string GateName(ImportGate g) {
  switch (g) {
    case ImportGate::kAlways: return "";
    case ImportGate::kGlobalContractHostFns: return "global_contract_host_fns";
    case ImportGate::kGasKeyHostFns: return "gas_key_host_fns";
    case ImportGate::kP256VerifyHostFn: return "p256_verify_host_fn";
    case ImportGate::kYieldWithIdHostFns: return "yield_with_id_host_fns";
    case ImportGate::kChainIdHostFn: return "chain_id_host_fn";
  }
  return "?";
}

TEST(ImportsTest, MatchImportsRsExactly) {
  std::vector<const HostImport*> ours;
  for (const HostImport& i : InternalImports()) ours.push_back(&i);
  for (const HostImport& i : EnvImports()) ours.push_back(&i);
  ASSERT_EQ(ours.size(), std::size(kImportsRs));
  EXPECT_EQ(EnvImports().size(), 89u);
  for (size_t k = 0; k < ours.size(); ++k) {
    const HostImport& i = *ours[k];
    const Expected& e = kImportsRs[k];
    EXPECT_EQ(i.module, e.module) << k;
    EXPECT_EQ(i.name, e.name) << k;
    EXPECT_EQ(i.params, e.params) << e.name;
    EXPECT_EQ(std::string(i.result ? std::string(1, i.result) : ""), e.result) << e.name;
    EXPECT_EQ(GateName(i.gate), e.gate) << e.name;
    EXPECT_NE(i.call, nullptr) << e.name;
  }
}

TEST(ImportsTest, FindRespectsGates) {
  VMConfig config = testing::Mainnet().wasm_config;
  EXPECT_NE(FindImport("env", "chain_id", config), nullptr);
  EXPECT_NE(FindImport("env", "p256_verify", config), nullptr);
  EXPECT_NE(FindImport("internal", "finite_wasm_gas", config), nullptr);
  EXPECT_EQ(FindImport("env", "finite_wasm_gas", config), nullptr);
  EXPECT_EQ(FindImport("env", "sleep_nanos", config), nullptr);
  EXPECT_EQ(FindImport("env", "sandbox_debug_log", config), nullptr);
  EXPECT_EQ(FindImport("other", "panic", config), nullptr);
  config.chain_id_host_fn = false;
  config.gas_key_host_fns = false;
  EXPECT_EQ(FindImport("env", "chain_id", config), nullptr);
  EXPECT_EQ(FindImport("env", "promise_batch_action_transfer_to_gas_key", config), nullptr);
  EXPECT_NE(FindImport("env", "panic", config), nullptr);
}

VMResult<uint64_t> Call(testing::TestVM& vm, std::string_view name, std::vector<uint64_t> args) {
  const HostImport* imp = FindImport("env", name, vm.config);
  EXPECT_NE(imp, nullptr) << name;
  EXPECT_EQ(imp->num_params(), args.size()) << name;
  return imp->call(vm.logic(), args.data());
}

TEST(ImportsTest, AdaptersCallTheHostFunctions) {
  testing::TestVM vm;
  vm.Build();
  EXPECT_EQ(*Call(vm, "block_index", {}), 10u);
  EXPECT_EQ(*Call(vm, "register_len", {0}), UINT64_MAX);
  EXPECT_EQ(*Call(vm, "current_account_id", {3}), 0u);  // no result: 0
  EXPECT_EQ(*Call(vm, "register_len", {3}), 10u);       // "alice.near"
  // promise_yield_resume returns an i32: 0 for an unknown data id.
  testing::MemSlice id = vm.Write(Bytes(32, 1));
  EXPECT_EQ(*Call(vm, "promise_yield_resume", {id.len, id.ptr, 0, 0}), 0u);
  // abort takes i32s; a pointer < 4 is BadUTF16.
  EXPECT_EQ(Call(vm, "abort", {1, 8, 0, 0}).error(), VMLogicError(HostErrorKind::BadUTF16));
  // The legacy gas import burns opcodes * regular_op_cost.
  Gas before = vm->gas_counter().burnt_gas();
  ASSERT_TRUE(Call(vm, "gas", {3}).ok());
  EXPECT_EQ(vm->gas_counter().burnt_gas() - before, 3ULL * 822756);
  // Deprecated iterators: an error, nothing charged.
  before = vm->gas_counter().burnt_gas();
  EXPECT_TRUE(IsHost(Call(vm, "storage_iter_next", {0, 0, 1}).error(),
                     HostErrorKind::Deprecated));
  EXPECT_EQ(vm->gas_counter().burnt_gas(), before);
  // A panic reaches the caller as a host error.
  EXPECT_EQ(Call(vm, "panic", {}).error().Message(),
            "Smart contract panicked: explicit guest panic");
}

TEST(ImportsTest, InternalStackAccounting) {
  testing::TestVM vm;
  vm.Build();
  const HostImport* stack = FindImport("internal", "finite_wasm_stack", vm.config);
  const HostImport* unstack = FindImport("internal", "finite_wasm_unstack", vm.config);
  ASSERT_NE(stack, nullptr);
  ASSERT_NE(unstack, nullptr);
  // 64-byte frames (vm.md 3.3): 262144 / 64 = 4096 fit; each charges 8 ops.
  uint64_t args[2] = {0, 64};
  for (int i = 0; i < 4096; ++i) ASSERT_TRUE(stack->call(vm.logic(), args).ok()) << i;
  EXPECT_EQ(vm->gas_counter().burnt_gas(), 4096ULL * 8 * 822756);
  VMResult<uint64_t> r = stack->call(vm.logic(), args);
  EXPECT_TRUE(IsHost(r.error(), HostErrorKind::MemoryAccessViolation));
  ASSERT_TRUE(unstack->call(vm.logic(), args).ok());
  EXPECT_EQ(vm->remaining_stack(), 64u);
  // Linear ops: returns the count (i32), charges constant + count * linear.
  const HostImport* copy = FindImport("internal", "finite_wasm_memory_copy", vm.config);
  uint64_t cargs[3] = {25, 822756, 26328192};
  Gas before = vm->gas_counter().burnt_gas();
  EXPECT_EQ(*copy->call(vm.logic(), cargs), 25u);
  EXPECT_EQ(vm->gas_counter().burnt_gas() - before, 26328192ULL + 25 * 822756ULL);
}

}  // namespace
}  // namespace nearrt::vm
