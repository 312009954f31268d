#include "vm/imports.h"

#include "vm/logic.h"

namespace nearrt::vm {
namespace {

VMResult<uint64_t> W(VMStatus s) {
  if (!s.ok()) return Err(std::move(s).error());
  return uint64_t{0};
}
template <class T>
VMResult<uint64_t> W(VMResult<T> r) {
  if (!r.ok()) return Err(std::move(r).error());
  return static_cast<uint64_t>(r.value());
}
inline uint32_t U32(uint64_t v) { return static_cast<uint32_t>(v); }

#define NEARRT_FN(expr) \
  [](VMLogic& l, const uint64_t* a) -> VMResult<uint64_t> { (void)a; return W(l.expr); }

using G = ImportGate;

// DO NOT REORDER: imports.rs order.
const HostImport kEnv[] = {
    // Registers
    {"env", "read_register", "ll", 0, NEARRT_FN(ReadRegister(a[0], a[1])), G::kAlways},
    {"env", "register_len", "l", 'l', NEARRT_FN(RegisterLen(a[0])), G::kAlways},
    {"env", "write_register", "lll", 0, NEARRT_FN(WriteRegister(a[0], a[1], a[2])), G::kAlways},
    // Context API
    {"env", "current_account_id", "l", 0, NEARRT_FN(CurrentAccountId(a[0])), G::kAlways},
    {"env", "chain_id", "l", 0, NEARRT_FN(ChainId(a[0])), G::kChainIdHostFn},
    {"env", "signer_account_id", "l", 0, NEARRT_FN(SignerAccountId(a[0])), G::kAlways},
    {"env", "signer_account_pk", "l", 0, NEARRT_FN(SignerAccountPk(a[0])), G::kAlways},
    {"env", "predecessor_account_id", "l", 0, NEARRT_FN(PredecessorAccountId(a[0])), G::kAlways},
    {"env", "input", "l", 0, NEARRT_FN(Input(a[0])), G::kAlways},
    {"env", "block_index", "", 'l', NEARRT_FN(BlockIndex()), G::kAlways},
    {"env", "block_timestamp", "", 'l', NEARRT_FN(BlockTimestamp()), G::kAlways},
    {"env", "epoch_height", "", 'l', NEARRT_FN(EpochHeight()), G::kAlways},
    {"env", "storage_usage", "", 'l', NEARRT_FN(StorageUsage()), G::kAlways},
    // Economics API
    {"env", "account_balance", "l", 0, NEARRT_FN(AccountBalance(a[0])), G::kAlways},
    {"env", "account_locked_balance", "l", 0, NEARRT_FN(AccountLockedBalance(a[0])), G::kAlways},
    {"env", "attached_deposit", "l", 0, NEARRT_FN(AttachedDeposit(a[0])), G::kAlways},
    {"env", "prepaid_gas", "", 'l', NEARRT_FN(PrepaidGas()), G::kAlways},
    {"env", "used_gas", "", 'l', NEARRT_FN(UsedGas()), G::kAlways},
    // Math API
    {"env", "random_seed", "l", 0, NEARRT_FN(RandomSeed(a[0])), G::kAlways},
    {"env", "sha256", "lll", 0, NEARRT_FN(Sha256(a[0], a[1], a[2])), G::kAlways},
    {"env", "keccak256", "lll", 0, NEARRT_FN(Keccak256(a[0], a[1], a[2])), G::kAlways},
    {"env", "keccak512", "lll", 0, NEARRT_FN(Keccak512(a[0], a[1], a[2])), G::kAlways},
    {"env", "ed25519_verify", "llllll", 'l',
     NEARRT_FN(Ed25519Verify(a[0], a[1], a[2], a[3], a[4], a[5])), G::kAlways},
    {"env", "p256_verify", "llllll", 'l',
     NEARRT_FN(P256Verify(a[0], a[1], a[2], a[3], a[4], a[5])), G::kP256VerifyHostFn},
    {"env", "ripemd160", "lll", 0, NEARRT_FN(Ripemd160(a[0], a[1], a[2])), G::kAlways},
    {"env", "ecrecover", "lllllll", 'l',
     NEARRT_FN(Ecrecover(a[0], a[1], a[2], a[3], a[4], a[5], a[6])), G::kAlways},
    // Miscellaneous API
    {"env", "value_return", "ll", 0, NEARRT_FN(ValueReturn(a[0], a[1])), G::kAlways},
    {"env", "panic", "", 0, NEARRT_FN(Panic()), G::kAlways},
    {"env", "panic_utf8", "ll", 0, NEARRT_FN(PanicUtf8(a[0], a[1])), G::kAlways},
    {"env", "log_utf8", "ll", 0, NEARRT_FN(LogUtf8(a[0], a[1])), G::kAlways},
    {"env", "log_utf16", "ll", 0, NEARRT_FN(LogUtf16(a[0], a[1])), G::kAlways},
    {"env", "abort", "iiii", 0, NEARRT_FN(Abort(U32(a[0]), U32(a[1]), U32(a[2]), U32(a[3]))),
     G::kAlways},
    // Promises API
    {"env", "promise_create", "llllllll", 'l',
     NEARRT_FN(PromiseCreate(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])), G::kAlways},
    {"env", "promise_then", "lllllllll", 'l',
     NEARRT_FN(PromiseThen(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8])), G::kAlways},
    {"env", "promise_and", "ll", 'l', NEARRT_FN(PromiseAnd(a[0], a[1])), G::kAlways},
    {"env", "promise_batch_create", "ll", 'l', NEARRT_FN(PromiseBatchCreate(a[0], a[1])),
     G::kAlways},
    {"env", "promise_batch_then", "lll", 'l', NEARRT_FN(PromiseBatchThen(a[0], a[1], a[2])),
     G::kAlways},
    {"env", "promise_set_refund_to", "lll", 0, NEARRT_FN(PromiseSetRefundTo(a[0], a[1], a[2])),
     G::kAlways},
    {"env", "promise_batch_action_state_init", "llll", 'l',
     NEARRT_FN(PromiseBatchActionStateInit(a[0], a[1], a[2], a[3])), G::kAlways},
    {"env", "promise_batch_action_state_init_by_account_id", "llll", 'l',
     NEARRT_FN(PromiseBatchActionStateInitByAccountId(a[0], a[1], a[2], a[3])), G::kAlways},
    {"env", "set_state_init_data_entry", "llllll", 0,
     NEARRT_FN(SetStateInitDataEntry(a[0], a[1], a[2], a[3], a[4], a[5])), G::kAlways},
    {"env", "current_contract_code", "l", 'l', NEARRT_FN(CurrentContractCode(a[0])), G::kAlways},
    {"env", "refund_to_account_id", "l", 0, NEARRT_FN(RefundToAccountId(a[0])), G::kAlways},
    // Promise API actions
    {"env", "promise_batch_action_create_account", "l", 0,
     NEARRT_FN(PromiseBatchActionCreateAccount(a[0])), G::kAlways},
    {"env", "promise_batch_action_deploy_contract", "lll", 0,
     NEARRT_FN(PromiseBatchActionDeployContract(a[0], a[1], a[2])), G::kAlways},
    {"env", "promise_batch_action_deploy_global_contract", "lll", 0,
     NEARRT_FN(PromiseBatchActionDeployGlobalContract(a[0], a[1], a[2])),
     G::kGlobalContractHostFns},
    {"env", "promise_batch_action_deploy_global_contract_by_account_id", "lll", 0,
     NEARRT_FN(PromiseBatchActionDeployGlobalContractByAccountId(a[0], a[1], a[2])),
     G::kGlobalContractHostFns},
    {"env", "promise_batch_action_use_global_contract", "lll", 0,
     NEARRT_FN(PromiseBatchActionUseGlobalContract(a[0], a[1], a[2])),
     G::kGlobalContractHostFns},
    {"env", "promise_batch_action_use_global_contract_by_account_id", "lll", 0,
     NEARRT_FN(PromiseBatchActionUseGlobalContractByAccountId(a[0], a[1], a[2])),
     G::kGlobalContractHostFns},
    {"env", "promise_batch_action_function_call", "lllllll", 0,
     NEARRT_FN(PromiseBatchActionFunctionCall(a[0], a[1], a[2], a[3], a[4], a[5], a[6])),
     G::kAlways},
    {"env", "promise_batch_action_function_call_weight", "llllllll", 0,
     NEARRT_FN(
         PromiseBatchActionFunctionCallWeight(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])),
     G::kAlways},
    {"env", "promise_batch_action_transfer", "ll", 0,
     NEARRT_FN(PromiseBatchActionTransfer(a[0], a[1])), G::kAlways},
    {"env", "promise_batch_action_stake", "llll", 0,
     NEARRT_FN(PromiseBatchActionStake(a[0], a[1], a[2], a[3])), G::kAlways},
    {"env", "promise_batch_action_add_key_with_full_access", "llll", 0,
     NEARRT_FN(PromiseBatchActionAddKeyWithFullAccess(a[0], a[1], a[2], a[3])), G::kAlways},
    {"env", "promise_batch_action_add_key_with_function_call", "lllllllll", 0,
     NEARRT_FN(PromiseBatchActionAddKeyWithFunctionCall(a[0], a[1], a[2], a[3], a[4], a[5], a[6],
                                                        a[7], a[8])),
     G::kAlways},
    {"env", "promise_batch_action_delete_key", "lll", 0,
     NEARRT_FN(PromiseBatchActionDeleteKey(a[0], a[1], a[2])), G::kAlways},
    {"env", "promise_batch_action_delete_account", "lll", 0,
     NEARRT_FN(PromiseBatchActionDeleteAccount(a[0], a[1], a[2])), G::kAlways},
    {"env", "promise_batch_action_transfer_to_gas_key", "llll", 0,
     NEARRT_FN(PromiseBatchActionTransferToGasKey(a[0], a[1], a[2], a[3])), G::kGasKeyHostFns},
    {"env", "promise_batch_action_add_gas_key_with_full_access", "llll", 0,
     NEARRT_FN(PromiseBatchActionAddGasKeyWithFullAccess(a[0], a[1], a[2], a[3])),
     G::kGasKeyHostFns},
    {"env", "promise_batch_action_add_gas_key_with_function_call", "lllllllll", 0,
     NEARRT_FN(PromiseBatchActionAddGasKeyWithFunctionCall(a[0], a[1], a[2], a[3], a[4], a[5],
                                                           a[6], a[7], a[8])),
     G::kGasKeyHostFns},
    // Promise API yield/resume
    {"env", "promise_yield_create", "lllllll", 'l',
     NEARRT_FN(PromiseYieldCreate(a[0], a[1], a[2], a[3], a[4], a[5], a[6])), G::kAlways},
    {"env", "promise_yield_create_with_id", "lllllllll", 'l',
     NEARRT_FN(PromiseYieldCreateWithId(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8])),
     G::kYieldWithIdHostFns},
    {"env", "promise_yield_resume", "llll", 'i',
     NEARRT_FN(PromiseYieldResume(a[0], a[1], a[2], a[3])), G::kAlways},
    {"env", "promise_yield_resume_with_yield_id", "llll", 'i',
     NEARRT_FN(PromiseYieldResumeWithYieldId(a[0], a[1], a[2], a[3])), G::kYieldWithIdHostFns},
    // Promise API results
    {"env", "promise_results_count", "", 'l', NEARRT_FN(PromiseResultsCount()), G::kAlways},
    {"env", "promise_result", "ll", 'l', NEARRT_FN(PromiseResult(a[0], a[1])), G::kAlways},
    {"env", "promise_return", "l", 0, NEARRT_FN(PromiseReturn(a[0])), G::kAlways},
    // Storage API
    {"env", "storage_write", "lllll", 'l',
     NEARRT_FN(StorageWrite(a[0], a[1], a[2], a[3], a[4])), G::kAlways},
    {"env", "storage_read", "lll", 'l', NEARRT_FN(StorageRead(a[0], a[1], a[2])), G::kAlways},
    {"env", "storage_remove", "lll", 'l', NEARRT_FN(StorageRemove(a[0], a[1], a[2])),
     G::kAlways},
    {"env", "storage_has_key", "ll", 'l', NEARRT_FN(StorageHasKey(a[0], a[1])), G::kAlways},
    {"env", "storage_iter_prefix", "ll", 'l', NEARRT_FN(StorageIterPrefix(a[0], a[1])),
     G::kAlways},
    {"env", "storage_iter_range", "llll", 'l',
     NEARRT_FN(StorageIterRange(a[0], a[1], a[2], a[3])), G::kAlways},
    {"env", "storage_iter_next", "lll", 'l', NEARRT_FN(StorageIterNext(a[0], a[1], a[2])),
     G::kAlways},
    // The injected gas counter of old instrumentation (`@as gas: gas_seen_from_wasm`).
    {"env", "gas", "i", 0, NEARRT_FN(GasSeenFromWasm(U32(a[0]))), G::kAlways},
    // Validator API
    {"env", "validator_stake", "lll", 0, NEARRT_FN(ValidatorStake(a[0], a[1], a[2])), G::kAlways},
    {"env", "validator_total_stake", "l", 0, NEARRT_FN(ValidatorTotalStake(a[0])), G::kAlways},
    // Alt BN128
    {"env", "alt_bn128_g1_multiexp", "lll", 0,
     NEARRT_FN(AltBn128G1Multiexp(a[0], a[1], a[2])), G::kAlways},
    {"env", "alt_bn128_g1_sum", "lll", 0, NEARRT_FN(AltBn128G1Sum(a[0], a[1], a[2])), G::kAlways},
    {"env", "alt_bn128_pairing_check", "ll", 'l', NEARRT_FN(AltBn128PairingCheck(a[0], a[1])),
     G::kAlways},
    // BLS12-381
    {"env", "bls12381_p1_sum", "lll", 'l', NEARRT_FN(Bls12381P1Sum(a[0], a[1], a[2])), G::kAlways},
    {"env", "bls12381_p2_sum", "lll", 'l', NEARRT_FN(Bls12381P2Sum(a[0], a[1], a[2])), G::kAlways},
    {"env", "bls12381_g1_multiexp", "lll", 'l',
     NEARRT_FN(Bls12381G1Multiexp(a[0], a[1], a[2])), G::kAlways},
    {"env", "bls12381_g2_multiexp", "lll", 'l',
     NEARRT_FN(Bls12381G2Multiexp(a[0], a[1], a[2])), G::kAlways},
    {"env", "bls12381_map_fp_to_g1", "lll", 'l',
     NEARRT_FN(Bls12381MapFpToG1(a[0], a[1], a[2])), G::kAlways},
    {"env", "bls12381_map_fp2_to_g2", "lll", 'l',
     NEARRT_FN(Bls12381MapFp2ToG2(a[0], a[1], a[2])),
     G::kAlways},
    {"env", "bls12381_pairing_check", "ll", 'l',
     NEARRT_FN(Bls12381PairingCheck(a[0], a[1])), G::kAlways},
    {"env", "bls12381_p1_decompress", "lll", 'l',
     NEARRT_FN(Bls12381P1Decompress(a[0], a[1], a[2])),
     G::kAlways},
    {"env", "bls12381_p2_decompress", "lll", 'l',
     NEARRT_FN(Bls12381P2Decompress(a[0], a[1], a[2])),
     G::kAlways},
};

const HostImport kInternal[] = {
    {"internal", "finite_wasm_gas", "l", 0, NEARRT_FN(FiniteWasmGas(a[0])), G::kAlways},
    {"internal", "finite_wasm_memory_copy", "ill", 'i',
     NEARRT_FN(FiniteWasmLinear(U32(a[0]), a[1], a[2])), G::kAlways},
    {"internal", "finite_wasm_memory_fill", "ill", 'i',
     NEARRT_FN(FiniteWasmLinear(U32(a[0]), a[1], a[2])), G::kAlways},
    {"internal", "finite_wasm_memory_init", "ill", 'i',
     NEARRT_FN(FiniteWasmLinear(U32(a[0]), a[1], a[2])), G::kAlways},
    {"internal", "finite_wasm_table_copy", "ill", 'i',
     NEARRT_FN(FiniteWasmLinear(U32(a[0]), a[1], a[2])), G::kAlways},
    {"internal", "finite_wasm_table_fill", "ill", 'i',
     NEARRT_FN(FiniteWasmLinear(U32(a[0]), a[1], a[2])), G::kAlways},
    {"internal", "finite_wasm_table_init", "ill", 'i',
     NEARRT_FN(FiniteWasmLinear(U32(a[0]), a[1], a[2])), G::kAlways},
    {"internal", "finite_wasm_stack", "ll", 0, NEARRT_FN(FiniteWasmStack(a[0], a[1])),
     G::kAlways},
    {"internal", "finite_wasm_unstack", "ll", 0, NEARRT_FN(FiniteWasmUnstack(a[0], a[1])),
     G::kAlways},
    {"internal", "finite_wasm_gas_exhausted", "", 0, NEARRT_FN(FiniteWasmGasExhausted()),
     G::kAlways},
    {"internal", "finite_wasm_stack_exhausted", "", 0, NEARRT_FN(FiniteWasmStackExhausted()),
     G::kAlways},
};

#undef NEARRT_FN

}  // namespace

bool HostImport::AvailableIn(const VMConfig& config) const {
  switch (gate) {
    case ImportGate::kAlways: return true;
    case ImportGate::kGlobalContractHostFns: return config.global_contract_host_fns;
    case ImportGate::kGasKeyHostFns: return config.gas_key_host_fns;
    case ImportGate::kP256VerifyHostFn: return config.p256_verify_host_fn;
    case ImportGate::kYieldWithIdHostFns: return config.yield_with_id_host_fns;
    case ImportGate::kChainIdHostFn: return config.chain_id_host_fn;
  }
  return false;
}

std::span<const HostImport> EnvImports() { return kEnv; }
std::span<const HostImport> InternalImports() { return kInternal; }

const HostImport* FindImport(std::string_view module, std::string_view name,
                             const VMConfig& config) {
  std::span<const HostImport> table =
      module == "env" ? EnvImports() : module == "internal" ? InternalImports()
                                                            : std::span<const HostImport>();
  for (const HostImport& imp : table) {
    if (imp.name == name) return imp.AvailableIn(config) ? &imp : nullptr;
  }
  return nullptr;
}

}  // namespace nearrt::vm
