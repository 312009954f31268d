// Gas at the VMLogic level: nearcore runtime/near-vm-runner/src/logic/tests/
// gas_counter.rs ported (the out_of_gas_* consistency checks with their exact
// "<burnt> burnt <used> used" values), and whole-call gas totals of
// shared/near/vm.md section 5.2 replayed through the engine hooks.
#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::IsHost;
using testing::MemSlice;
using testing::TestVM;
using testing::U128Le;

constexpr Gas kTera = 1'000'000'000'000;

uint32_t OpLimit(Gas gas) { return static_cast<uint32_t>(gas / 822756); }

TEST(LogicGasTest, DontBurnGasWhenExceedingAttachedGasLimit) {
  const Gas limit = 100 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit * 2;
  vm.context.prepaid_gas = limit;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  EXPECT_FALSE(testing::PromiseBatchActionFunctionCall(vm, index, 0, limit * 2).ok());
  VMOutcome o = vm.Outcome();
  EXPECT_LT(o.burnt_gas, limit / 2);
  EXPECT_EQ(o.used_gas, limit);
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

TEST(LogicGasTest, LimitWasmGasAfterAttachingGas) {
  const Gas limit = 100 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit * 2;
  vm.context.prepaid_gas = limit;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  ASSERT_TRUE(testing::PromiseBatchActionFunctionCall(vm, index, 0, limit / 2).ok());
  EXPECT_FALSE(vm->GasSeenFromWasm(OpLimit(limit) / 2).ok());
  VMOutcome o = vm.Outcome();
  EXPECT_EQ(o.used_gas, limit);
  EXPECT_LT(limit / 2, o.burnt_gas);
  EXPECT_LT(o.burnt_gas, limit);
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

TEST(LogicGasTest, CantBurnMoreThanMaxGasBurnt) {
  const Gas limit = 100 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit;
  vm.context.prepaid_gas = limit * 2;
  vm.Build();
  EXPECT_FALSE(vm->GasSeenFromWasm(OpLimit(limit) * 3).ok());
  VMOutcome o = vm.Outcome();
  EXPECT_EQ(o.burnt_gas, limit);
  EXPECT_EQ(o.used_gas, limit * 2);
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

TEST(LogicGasTest, CantBurnMoreThanPrepaid) {
  const Gas limit = 100 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit * 2;
  vm.context.prepaid_gas = limit;
  vm.Build();
  EXPECT_FALSE(vm->GasSeenFromWasm(OpLimit(limit) * 3).ok());
  VMOutcome o = vm.Outcome();
  EXPECT_EQ(o.burnt_gas, limit);
  EXPECT_EQ(o.used_gas, limit);
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

TEST(LogicGasTest, HitMaxGasBurntLimit) {
  const Gas limit = 100 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit;
  vm.context.prepaid_gas = limit * 3;
  vm.Build();
  ASSERT_TRUE(testing::PromiseCreate(vm, "brick.test", 0, limit / 2).ok());
  EXPECT_FALSE(vm->GasSeenFromWasm(OpLimit(limit) * 2).ok());
  VMOutcome o = vm.Outcome();
  EXPECT_EQ(o.burnt_gas, limit);
  EXPECT_GT(o.used_gas, limit * 2);
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

TEST(LogicGasTest, HitPrepaidGasLimit) {
  const Gas limit = 100 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit * 3;
  vm.context.prepaid_gas = limit;
  vm.Build();
  ASSERT_TRUE(testing::PromiseCreate(vm, "brick.test", 0, limit / 2).ok());
  EXPECT_FALSE(vm->GasSeenFromWasm(OpLimit(limit) * 2).ok());
  VMOutcome o = vm.Outcome();
  EXPECT_EQ(o.burnt_gas, limit);
  EXPECT_EQ(o.used_gas, limit);
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

TEST(LogicGasTest, FunctionCallNoWeightRefund) {
  const Gas limit = 100 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit;
  vm.context.prepaid_gas = limit;
  vm.Build();
  uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
  ASSERT_TRUE(testing::PromiseBatchActionFunctionCallWeight(vm, index, 0, 1000, 0).ok());
  VMOutcome o = vm.Outcome();
  EXPECT_LT(o.used_gas, limit);
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

TEST(LogicGasTest, OverflowingBurnGasWithPromisesGas) {
  const Gas limit = 300 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit;
  vm.context.prepaid_gas = limit;
  vm.Build();
  MemSlice account = vm.Write("rick.test");
  MemSlice args = vm.Write("");
  MemSlice n100 = vm.Write(U128Le(100));
  MemSlice n10 = vm.Write(U128Le(10));
  uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
  ASSERT_TRUE(vm->PromiseBatchActionTransfer(index, n100.ptr).ok());
  uint64_t call = *vm->PromiseBatchThen(index, account.len, account.ptr);
  uint64_t needed = UINT64_MAX - vm->gas_counter().used_gas() - 1;
  uint64_t name_len = needed / vm.config.ext_costs.gas(ExtCost::read_memory_byte);
  VMStatus r =
      vm->PromiseBatchActionFunctionCall(call, name_len, 0, args.len, args.ptr, n10.ptr, 10000);
  EXPECT_TRUE(IsHost(r.error(), HostErrorKind::GasLimitExceeded));
  EXPECT_EQ(vm->gas_counter().used_gas(), limit);
}

TEST(LogicGasTest, OverflowingBurnGasWithPromisesGas2) {
  const Gas limit = 300 * kTera;
  Gas minimum_prepay;
  {
    TestVM vm;
    vm.config.limit_config.max_gas_burnt = limit;
    vm.context.prepaid_gas = limit / 2;
    vm.Build();
    MemSlice account = vm.Write("rick.test");
    vm.Write("");
    MemSlice n100 = vm.Write(U128Le(100));
    uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
    ASSERT_TRUE(vm->PromiseBatchActionTransfer(index, n100.ptr).ok());
    ASSERT_TRUE(vm->PromiseBatchThen(index, account.len, account.ptr).ok());
    minimum_prepay = vm->gas_counter().used_gas();
  }
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit;
  vm.context.prepaid_gas = minimum_prepay;
  vm.Build();
  MemSlice account = vm.Write("rick.test");
  MemSlice args = vm.Write("");
  MemSlice n100 = vm.Write(U128Le(100));
  uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
  ASSERT_TRUE(vm->PromiseBatchActionTransfer(index, n100.ptr).ok());
  uint64_t call = *vm->PromiseBatchThen(index, account.len, account.ptr);
  uint64_t needed = UINT64_MAX - vm->gas_counter().used_gas() - 1;
  uint64_t name_len = needed / vm.config.ext_costs.gas(ExtCost::read_memory_byte);
  VMStatus r = vm->PromiseBatchActionFunctionCall(call, name_len, 0, args.len, args.ptr,
                                                  /*amount_ptr=*/0x7fff0000, 10000);
  EXPECT_TRUE(IsHost(r.error(), HostErrorKind::GasExceeded));
  EXPECT_EQ(vm->gas_counter().used_gas(), minimum_prepay);
}

// ---- out_of_gas_* (gas_counter.rs) ----

using Exercise = VMStatus (*)(TestVM&);

Bytes TestPk() { return testing::TestPkBorsh("22W5rKuvbMRphnDoCj6nfrWhRKvh9Xf9SWXfGHaeXGde"); }

Bytes U128Be(Balance v) {
  Bytes b = U128Le(v);
  std::reverse(b.begin(), b.end());
  return b;
}

VMStatus Drop(const VMResult<uint64_t>& r) {
  if (r.ok()) return {};
  return Err(r.error());
}

VMStatus CreateActionReceipt(TestVM& vm) { return Drop(testing::PromiseBatchCreate(vm, "rick.test")); }

VMStatus CreatePromiseDependency(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice a = vm.Write("rick.test");
  return Drop(vm->PromiseBatchThen(idx, a.len, a.ptr));
}

VMStatus ValueReturn(TestVM& vm) {
  MemSlice v = vm.Write("lorem ipsum");
  return vm->ValueReturn(11, v.ptr);
}

VMStatus CreateAccount(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  return vm->PromiseBatchActionCreateAccount(idx);
}

VMStatus DeleteAccount(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "bob.test"));
  MemSlice b = vm.Write("alice.test");
  return vm->PromiseBatchActionDeleteAccount(idx, b.len, b.ptr);
}

VMStatus DeployContract(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice c = vm.Write("lorem ipsum with length 26");
  return vm->PromiseBatchActionDeployContract(idx, c.len, c.ptr);
}

VMStatus DeployGlobalContract(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice c = vm.Write("lorem ipsum with length 26");
  return vm->PromiseBatchActionDeployGlobalContract(idx, c.len, c.ptr);
}

VMStatus UseGlobalContract(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice h = vm.Write(CryptoHash::Of(AsBytes("arbitrary")).view());
  return vm->PromiseBatchActionUseGlobalContract(idx, h.len, h.ptr);
}

VMStatus UseGlobalContractByAccountId(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice a = vm.Write("alice.near");
  return vm->PromiseBatchActionUseGlobalContractByAccountId(idx, a.len, a.ptr);
}

VMStatus CrossContractCall(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  return testing::PromiseBatchActionFunctionCallExt(vm, idx, "fn_with_len_14",
                                                    "lorem ipsum with length 26", 1, 1);
}

VMStatus CrossContractCallGasWeight(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  return testing::PromiseBatchActionFunctionCallWeightExt(vm, idx, "fn_with_len_14",
                                                          "lorem ipsum with length 26", 1, 1, 1);
}

VMStatus PromiseTransfer(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "alice.test"));
  MemSlice amount = vm.Write(U128Be(1));
  return vm->PromiseBatchActionTransfer(idx, amount.ptr);
}

VMStatus PromiseStake(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "pool.test"));
  MemSlice amount = vm.Write(U128Be(1));
  MemSlice pk = vm.Write(TestPk());
  return vm->PromiseBatchActionStake(idx, amount.ptr, pk.len, pk.ptr);
}

VMStatus PromiseFullAccessKey(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "alice.test"));
  return testing::PromiseBatchActionAddKeyWithFullAccess(vm, idx, TestPk(), 0);
}

VMStatus PromiseFunctionKey(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "alice.test"));
  return testing::PromiseBatchActionAddKeyWithFunctionCall(vm, idx, TestPk(), 0, 1, "alice.test",
                                                           "foo,baz");
}

VMStatus PromiseDeleteKey(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "alice.test"));
  MemSlice pk = vm.Write(TestPk());
  return vm->PromiseBatchActionDeleteKey(idx, pk.len, pk.ptr);
}

VMStatus StateInit(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice h = vm.Write(CryptoHash::Of(AsBytes("some code")).view());
  MemSlice amount = vm.Write(U128Le(110));
  return Drop(vm->PromiseBatchActionStateInit(idx, h.len, h.ptr, amount.ptr));
}

VMStatus StateInitByAccountId(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice a = vm.Write("global.near");
  MemSlice amount = vm.Write(U128Le(110));
  return Drop(vm->PromiseBatchActionStateInitByAccountId(idx, a.len, a.ptr, amount.ptr));
}

VMStatus StateInitBytes(TestVM& vm) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t idx, testing::PromiseBatchCreate(vm, "rick.test"));
  MemSlice h = vm.Write(CryptoHash::Of(AsBytes("some code")).view());
  MemSlice amount = vm.Write(U128Le(110));
  NEARRT_ASSIGN_OR_RETURN(uint64_t action, vm->PromiseBatchActionStateInit(idx, h.len, h.ptr,
                                                                           amount.ptr));
  MemSlice k = vm.Write("key");
  MemSlice v = vm.Write("value");
  return vm->SetStateInitDataEntry(idx, action, k.len, k.ptr, v.len, v.ptr);
}

// check_action_gas_exceeds_limit
void CheckExceedsLimit(ActionCost cost, uint64_t num_paid, Exercise exercise) {
  const Gas limit = 10 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = limit;
  uint64_t a = limit / num_paid + 1, b = limit / num_paid + 10;
  vm.fees.fee(cost) = Fee{{a, a}, {b, b}, {1, 1}};
  vm.context.prepaid_gas = limit;
  vm.context.output_data_receivers = {AccountId::Unchecked("alice.test")};
  vm.Build();
  VMStatus r = exercise(vm);
  ASSERT_FALSE(r.ok()) << ActionCostName(cost);
  EXPECT_EQ(r.error(), VMLogicError(HostErrorKind::GasLimitExceeded)) << ActionCostName(cost);
  EXPECT_EQ(vm->gas_counter().burnt_gas(), limit);
  EXPECT_EQ(vm->gas_counter().used_gas(), limit);
  EXPECT_EQ(vm.Outcome().compute_usage, limit);
}

// check_action_gas_exceeds_attached
void CheckExceedsAttached(ActionCost cost, uint64_t num_paid, const std::string& expected,
                          Exercise exercise) {
  const Gas attached = 10 * kTera;
  TestVM vm;
  vm.config.limit_config.max_gas_burnt = 100 * kTera;
  uint64_t e = attached / num_paid + 1;
  vm.fees.fee(cost) = Fee{{1, 1}, {10, 10}, {e, e}};
  vm.context.prepaid_gas = attached;
  vm.context.output_data_receivers = {AccountId::Unchecked("alice.test")};
  vm.Build();
  VMStatus r = exercise(vm);
  ASSERT_FALSE(r.ok()) << ActionCostName(cost);
  EXPECT_EQ(r.error(), VMLogicError(HostErrorKind::GasExceeded)) << ActionCostName(cost);
  EXPECT_EQ(std::to_string(vm->gas_counter().burnt_gas()) + " burnt " +
                std::to_string(vm->gas_counter().used_gas()) + " used",
            expected)
      << ActionCostName(cost);
  VMOutcome o = vm.Outcome();
  EXPECT_EQ(o.burnt_gas, o.compute_usage);
}

using A = ActionCost;
const std::string k10T = "10000000000000 burnt 10000000000000 used";

TEST(LogicOutOfGasTest, NewActionReceipt) {
  CheckExceedsLimit(A::new_action_receipt, 1, CreateActionReceipt);
  CheckExceedsLimit(A::new_action_receipt, 2, CreatePromiseDependency);
  CheckExceedsAttached(A::new_action_receipt, 1, "8644846690 burnt 10000000000000 used",
                       CreateActionReceipt);
  CheckExceedsAttached(A::new_action_receipt, 2, "9411968532130 burnt 10000000000000 used",
                       CreatePromiseDependency);
}

TEST(LogicOutOfGasTest, NewDataReceipt) {
  CheckExceedsLimit(A::new_data_receipt_base, 1, CreatePromiseDependency);
  CheckExceedsAttached(A::new_data_receipt_base, 1, k10T, CreatePromiseDependency);
  CheckExceedsLimit(A::new_data_receipt_byte, 11, ValueReturn);
  CheckExceedsAttached(A::new_data_receipt_byte, 11, k10T, ValueReturn);
}

TEST(LogicOutOfGasTest, CreateAndDeleteAccount) {
  CheckExceedsLimit(A::create_account, 1, CreateAccount);
  CheckExceedsAttached(A::create_account, 1, "116969114801 burnt 10000000000000 used",
                       CreateAccount);
  CheckExceedsLimit(A::delete_account, 1, DeleteAccount);
  CheckExceedsAttached(A::delete_account, 1, "125349193370 burnt 10000000000000 used",
                       DeleteAccount);
}

TEST(LogicOutOfGasTest, DeployContract) {
  CheckExceedsLimit(A::deploy_contract_base, 1, DeployContract);
  CheckExceedsAttached(A::deploy_contract_base, 1, "119677812659 burnt 10000000000000 used",
                       DeployContract);
  CheckExceedsLimit(A::deploy_contract_byte, 26, DeployContract);
  CheckExceedsAttached(A::deploy_contract_byte, 26, "304443562909 burnt 10000000000000 used",
                       DeployContract);
  CheckExceedsLimit(A::deploy_global_contract_base, 1, DeployGlobalContract);
  CheckExceedsAttached(A::deploy_global_contract_base, 1,
                       "119677812659 burnt 10000000000000 used", DeployGlobalContract);
  CheckExceedsLimit(A::deploy_global_contract_byte, 26, DeployGlobalContract);
  CheckExceedsAttached(A::deploy_global_contract_byte, 26,
                       "304443562909 burnt 10000000000000 used", DeployGlobalContract);
}

TEST(LogicOutOfGasTest, UseGlobalContract) {
  CheckExceedsLimit(A::use_global_contract_base, 1, UseGlobalContract);
  CheckExceedsLimit(A::use_global_contract_base, 1, UseGlobalContractByAccountId);
  CheckExceedsAttached(A::use_global_contract_base, 1, "119700620657 burnt 10000000000000 used",
                       UseGlobalContract);
  CheckExceedsAttached(A::use_global_contract_base, 1, "125644575182 burnt 10000000000000 used",
                       UseGlobalContractByAccountId);
  CheckExceedsLimit(A::use_global_contract_byte, 32, UseGlobalContract);
  CheckExceedsLimit(A::use_global_contract_byte, 10, UseGlobalContractByAccountId);
  CheckExceedsAttached(A::use_global_contract_byte, 32, "304466370967 burnt 10000000000000 used",
                       UseGlobalContract);
  CheckExceedsAttached(A::use_global_contract_byte, 10, "310410325272 burnt 10000000000000 used",
                       UseGlobalContractByAccountId);
}

TEST(LogicOutOfGasTest, FunctionCall) {
  for (Exercise e : {CrossContractCall, CrossContractCallGasWeight}) {
    CheckExceedsLimit(A::function_call_base, 1, e);
    CheckExceedsAttached(A::function_call_base, 1, "125011579049 burnt 10000000000000 used", e);
    CheckExceedsLimit(A::function_call_byte, 40, e);
    CheckExceedsAttached(A::function_call_byte, 40, "2444873079439 burnt 10000000000000 used",
                         e);
  }
}

TEST(LogicOutOfGasTest, TransferAndStake) {
  CheckExceedsLimit(A::transfer, 1, PromiseTransfer);
  CheckExceedsAttached(A::transfer, 1, "119935181141 burnt 10000000000000 used",
                       PromiseTransfer);
  CheckExceedsLimit(A::stake, 1, PromiseStake);
  CheckExceedsAttached(A::stake, 1, "122375106518 burnt 10000000000000 used", PromiseStake);
}

TEST(LogicOutOfGasTest, AccessKeys) {
  CheckExceedsLimit(A::add_full_access_key, 1, PromiseFullAccessKey);
  CheckExceedsAttached(A::add_full_access_key, 1, "119999803802 burnt 10000000000000 used",
                       PromiseFullAccessKey);
  CheckExceedsLimit(A::add_function_call_key_base, 1, PromiseFunctionKey);
  CheckExceedsAttached(A::add_function_call_key_base, 1,
                       "133982421242 burnt 10000000000000 used", PromiseFunctionKey);
  CheckExceedsLimit(A::add_function_call_key_byte, 7, PromiseFunctionKey);
  CheckExceedsAttached(A::add_function_call_key_byte, 7,
                       "236200046312 burnt 10000000000000 used", PromiseFunctionKey);
  CheckExceedsLimit(A::delete_key, 1, PromiseDeleteKey);
  CheckExceedsAttached(A::delete_key, 1, "119999803802 burnt 10000000000000 used",
                       PromiseDeleteKey);
}

TEST(LogicOutOfGasTest, DeterministicStateInit) {
  CheckExceedsLimit(A::deterministic_state_init_base, 1, StateInit);
  CheckExceedsLimit(A::deterministic_state_init_base, 1, StateInitByAccountId);
  CheckExceedsLimit(A::deterministic_state_init_entry, 1, StateInitBytes);
  CheckExceedsLimit(A::deterministic_state_init_byte, 1, StateInitBytes);
  CheckExceedsAttached(A::deterministic_state_init_base, 1,
                       "122371305185 burnt 10000000000000 used", StateInit);
  CheckExceedsAttached(A::deterministic_state_init_entry, 1,
                       "3977886210360 burnt 10000000000000 used", StateInitBytes);
  CheckExceedsAttached(A::deterministic_state_init_byte, 8,
                       "3977886210430 burnt 10000000000000 used", StateInitBytes);
}

// ---- Whole calls (vm.md 5.2) through the engine hooks ----
// The engine part is simulated: loading fee, N regular ops before the host
// call (SyncFromWasm), the host function, the rest after it.

constexpr uint64_t kOp = 822756;

struct Replay {
  TestVM vm;
  uint64_t wasm_gas = 0;
  explicit Replay(Gas prepaid) {
    vm.context.current_account_id = AccountId::Unchecked("alice");
    vm.context.account_balance = 2;
    vm.context.attached_deposit = 2;
    vm.context.storage_usage = 12;
    vm.context.prepaid_gas = prepaid;
    vm.fees = testing::Mainnet().fees;
    vm.Build();
  }
  void Load(uint64_t wasm_len) {
    ASSERT_TRUE(vm->gas_counter().AddContractLoadingFee(wasm_len).ok());
    wasm_gas = vm->gas_counter().WasmGasBudget();  // CallingWasm
  }
  void Ops(uint64_t n) { wasm_gas -= n * kOp; }
  VMStatus BeforeHost() { return vm->gas_counter().SyncFromWasm(wasm_gas); }
  void AfterHost() { wasm_gas = vm->gas_counter().WasmGasBudget(); }
};

// runtime_errors::test_guest_panic: L = 68, 9 ops, then panic -> 381,690,938.
TEST(LogicWholeCallTest, GuestPanic) {
  Replay r(100 * kTera);
  r.Load(68);
  r.Ops(9);
  ASSERT_TRUE(r.BeforeHost().ok());
  VMStatus s = r.vm->Panic();
  ASSERT_FALSE(s.ok());
  VMOutcome o = VMOutcome::Abort(r.vm->result_state(), *ToFunctionCallError(s.error()));
  EXPECT_EQ(o.burnt_gas, 381'690'938u);
  EXPECT_EQ(o.used_gas, 381'690'938u);
  EXPECT_TRUE(o.balance == 4);
  EXPECT_EQ(o.storage_usage, 12u);
  EXPECT_EQ(o.DebugString(),
            "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 381690938 used gas "
            "381690938 failed with Smart contract panicked: explicit guest panic");
}

// runtime_errors::test_panic_re_export: L = 56, no wasm ops -> 361,214,594.
TEST(LogicWholeCallTest, PanicReExport) {
  Replay r(100 * kTera);
  r.Load(56);
  ASSERT_TRUE(r.BeforeHost().ok());
  EXPECT_FALSE(r.vm->Panic().ok());
  EXPECT_EQ(r.vm.Outcome().burnt_gas, 361'214'594u);
}

// runtime_errors::test_external_call_ok: L = 85, prepaid_gas(), 10 ops -> 401,031,709.
TEST(LogicWholeCallTest, ExternalCallOk) {
  Replay r(100 * kTera);
  r.Load(85);
  r.Ops(9);  // prologue + call
  ASSERT_TRUE(r.BeforeHost().ok());
  ASSERT_TRUE(r.vm->PrepaidGas().ok());
  r.AfterHost();
  r.Ops(1);  // drop
  ASSERT_TRUE(r.vm->gas_counter().SyncFromWasm(r.wasm_gas).ok());  // ReturningFromWasm
  VMOutcome o = r.vm.Outcome();
  EXPECT_EQ(o.burnt_gas, 401'031'709u);
  EXPECT_EQ(o.profile.ext_cost(ExtCost::base), 264'768'111u);
  EXPECT_EQ(o.profile.wasm_gas, 10 * kOp);
  EXPECT_EQ(o.compute_usage, o.burnt_gas);
}

// runtime_errors::test_external_call_error: prepaid 100 -> the loading fee
// already fails: burnt = used = 100, GasExceeded.
TEST(LogicWholeCallTest, ExternalCallError) {
  Replay r(100);
  VMConfig config = r.vm.config;
  std::optional<FunctionCallError> e = r.vm->gas_counter().AfterLoadingExecutable(config, 85);
  ASSERT_TRUE(e.has_value());
  VMOutcome o = VMOutcome::Abort(r.vm->result_state(), *e);
  EXPECT_EQ(o.burnt_gas, 100u);
  EXPECT_EQ(o.used_gas, 100u);
  EXPECT_EQ(o.aborted->Message(), "Exceeded the prepaid gas.");
}

}  // namespace
}  // namespace nearrt::vm
