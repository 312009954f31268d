// Context, economics and register host functions: nearcore
// runtime/near-vm-runner/src/logic/tests/{context.rs, registers.rs,
// view_method.rs} ported.
#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::IsHost;
using testing::TestVM;
using E = ExtCost;

// context.rs decl_test_bytes!
TEST(LogicContextTest, BytesIntoRegister) {
  struct Case {
    const char* name;
    VMStatus (VMLogic::*fn)(uint64_t);
    Bytes (*want)(const VMContext&);
  };
  const Case cases[] = {
      {"current_account_id", &VMLogic::CurrentAccountId,
       [](const VMContext& c) { return ToBytes(c.current_account_id.str()); }},
      {"signer_account_id", &VMLogic::SignerAccountId,
       [](const VMContext& c) { return ToBytes(c.signer_account_id.str()); }},
      {"predecessor_account_id", &VMLogic::PredecessorAccountId,
       [](const VMContext& c) { return ToBytes(c.predecessor_account_id.str()); }},
      {"signer_account_pk", &VMLogic::SignerAccountPk,
       [](const VMContext& c) { return c.signer_account_pk; }},
      {"refund_to_account_id", &VMLogic::RefundToAccountId,
       [](const VMContext& c) { return ToBytes(c.refund_to_account_id.str()); }},
      {"random_seed", &VMLogic::RandomSeed, [](const VMContext& c) { return c.random_seed; }},
      {"input", &VMLogic::Input, [](const VMContext& c) { return *c.input; }},
  };
  for (const Case& c : cases) {
    TestVM vm;
    vm.Build();
    ASSERT_TRUE((vm.logic().*c.fn)(0).ok()) << c.name;
    vm.AssertReadRegister(c.want(vm.context), 0);
  }
}

// context.rs decl_test_u64!
TEST(LogicContextTest, U64Values) {
  TestVM vm;
  vm.Build();
  EXPECT_EQ(*vm->BlockIndex(), 10u);
  EXPECT_EQ(*vm->BlockTimestamp(), 42u);
  EXPECT_EQ(*vm->EpochHeight(), 1u);
  EXPECT_EQ(*vm->StorageUsage(), 0u);
  EXPECT_EQ(*vm->PrepaidGas(), 100'000'000'000'000u);
  NEARRT_EXPECT_COSTS(vm, {E::base, 5});
}

// context.rs decl_test_u128!
TEST(LogicContextTest, U128Values) {
  TestVM vm;
  vm.Build();
  ASSERT_TRUE(vm->AccountBalance(0).ok());
  EXPECT_EQ(LoadU128LE(vm.memory.data()), Balance{110});  // balance + deposit
  ASSERT_TRUE(vm->AccountLockedBalance(0).ok());
  EXPECT_EQ(LoadU128LE(vm.memory.data()), Balance{50});
  ASSERT_TRUE(vm->AttachedDeposit(0).ok());
  EXPECT_EQ(LoadU128LE(vm.memory.data()), Balance{10});
  NEARRT_EXPECT_COSTS(vm, {E::base, 3}, {E::write_memory_base, 3}, {E::write_memory_byte, 48});
}

TEST(LogicContextTest, AttachedDepositInView) {
  for (Balance amount : {Balance{0}, Balance{1}, ~Balance{0}}) {
    TestVM vm;
    vm.context.view_config = ViewConfig{vm.config.limit_config.max_gas_burnt};
    vm.context.account_balance = 0;
    vm.context.attached_deposit = amount;
    vm.Build();
    ASSERT_TRUE(vm->AttachedDeposit(0).ok());
    EXPECT_TRUE(LoadU128LE(vm.memory.data()) == amount);
  }
}

TEST(LogicContextTest, ChainId) {
  TestVM vm;
  vm.Build();
  ASSERT_TRUE(vm->ChainId(0).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::write_register_base, 1},
                      {E::write_register_byte, 4});  // "test"
  vm.AssertReadRegister(AsBytes("test"), 0);
}

TEST(LogicContextTest, InputHasNoPerByteFee) {
  TestVM vm;
  vm.context.input = std::make_shared<const Bytes>(Bytes(100, 0));
  vm.Build();
  ASSERT_TRUE(vm->Input(0).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::write_register_base, 1});
}

TEST(LogicContextTest, CurrentContractCode) {
  CryptoHash h = CryptoHash::Of(AsBytes("seed"));
  struct Case {
    AccountContract::Kind kind;
    uint64_t want;
  };
  for (Case c : {Case{AccountContract::Kind::kNone, 0}, Case{AccountContract::Kind::kLocal, 1},
                 Case{AccountContract::Kind::kGlobal, 2},
                 Case{AccountContract::Kind::kGlobalByAccount, 3}}) {
    TestVM vm;
    vm.context.account_contract.kind = c.kind;
    vm.context.account_contract.hash = h;
    vm.context.account_contract.account_id = AccountId::Unchecked("alice.near");
    vm.Build();
    ASSERT_EQ(*vm->CurrentContractCode(0), c.want);
    if (c.want == 0) {
      EXPECT_EQ(vm->registers().GetLen(0), std::nullopt);
    } else if (c.want == 3) {
      vm.AssertReadRegister(AsBytes("alice.near"), 0);
    } else {
      vm.AssertReadRegister(h.view(), 0);
    }
  }
}

// registers.rs
TEST(LogicRegistersTest, OneRegister) {
  TestVM vm;
  vm.Build();
  ASSERT_TRUE(vm.WriteRegisterInternal(0, Bytes{0, 1, 2}).ok());
  EXPECT_EQ(*vm->RegisterLen(0), 3u);
  vm.AssertReadRegister(Bytes{0, 1, 2}, 0);
}

TEST(LogicRegistersTest, NonExistentRegister) {
  TestVM vm;
  vm.Build();
  EXPECT_EQ(*vm->RegisterLen(0), UINT64_MAX);
  VMStatus s = vm->ReadRegister(0, 0);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), VMLogicError(HostError(HostErrorKind::InvalidRegisterId, 0)));
}

TEST(LogicRegistersTest, ManyRegisters) {
  TestVM vm;
  uint64_t max = vm.config.limit_config.max_number_registers;
  vm.Build();
  for (uint64_t i = 0; i < max; ++i) {
    Bytes value = testing::U64Le(i * 10);
    ASSERT_TRUE(vm.WriteRegisterInternal(i, value).ok());
    vm.AssertReadRegister(value, i);
  }
  VMStatus s = vm.WriteRegisterInternal(max, {});
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(IsHost(s.error(), HostErrorKind::MemoryAccessViolation));
}

TEST(LogicRegistersTest, MaxRegisterSize) {
  auto vm = TestVM::Free();
  uint64_t max = vm->config.limit_config.max_register_size;
  vm->Build();
  VMStatus s = vm->WriteRegisterInternal(0, Bytes(max + 1, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(IsHost(s.error(), HostErrorKind::MemoryAccessViolation));
}

TEST(LogicRegistersTest, MaxRegisterMemoryLimit) {
  auto vm = TestVM::Free();
  const LimitConfig& l = vm->config.limit_config;
  uint64_t n = l.registers_memory_limit / l.max_register_size;
  vm->Build();
  // One shared buffer (same limits as copies, a tenth of the memory).
  auto big = std::make_shared<const Bytes>(Bytes(l.max_register_size, 1));
  GasCounter& gas = vm->logic().gas_counter();
  for (uint64_t i = 0; i < n; ++i) {
    ASSERT_TRUE(vm->logic().registers().SetShared(gas, l, i, big).ok());
  }
  VMStatus s = vm->logic().registers().SetShared(gas, l, n, big);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(IsHost(s.error(), HostErrorKind::MemoryAccessViolation));
}

// write_register / read_register with charges and memory access checks.
TEST(LogicRegistersTest, WriteAndReadRegisterCharges) {
  TestVM vm;
  vm.Build();
  testing::MemSlice d = vm.Write("hello");
  ASSERT_TRUE(vm->WriteRegister(7, d.len, d.ptr).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 5},
                      {E::write_register_base, 1}, {E::write_register_byte, 5});
  // Out of bounds: the charges happen, then MemoryAccessViolation.
  VMStatus s = vm->ReadRegister(7, TestVM::kMemorySize - 4);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(IsHost(s.error(), HostErrorKind::MemoryAccessViolation));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_register_base, 1}, {E::read_register_byte, 5},
                      {E::write_memory_base, 1}, {E::write_memory_byte, 5});
  s = vm->WriteRegister(8, 5, UINT64_MAX - 1);  // ptr + len overflows
  EXPECT_TRUE(IsHost(s.error(), HostErrorKind::MemoryAccessViolation));
  s = vm->WriteRegister(8, 0, TestVM::kMemorySize + 1);  // empty, but past the end
  EXPECT_TRUE(IsHost(s.error(), HostErrorKind::MemoryAccessViolation));
  EXPECT_TRUE(vm->WriteRegister(8, 0, TestVM::kMemorySize).ok());
  // A huge length overflows the per-byte charge first.
  s = vm->WriteRegister(8, 1ULL << 62, 0);
  EXPECT_TRUE(IsHost(s.error(), HostErrorKind::IntegerOverflow));
}

// view_method.rs
TEST(LogicViewTest, ProhibitedMethods) {
  using Fn = std::function<VMStatus(VMLogic&)>;
  auto s = [](auto r) -> VMStatus {
    if (r.ok()) return {};
    return Err(r.error());
  };
  const std::vector<std::pair<const char*, Fn>> cases = {
      {"signer_account_id", [](VMLogic& l) { return l.SignerAccountId(0); }},
      {"signer_account_pk", [](VMLogic& l) { return l.SignerAccountPk(0); }},
      {"predecessor_account_id", [](VMLogic& l) { return l.PredecessorAccountId(0); }},
      {"refund_to_account_id", [](VMLogic& l) { return l.RefundToAccountId(0); }},
      {"prepaid_gas", [s](VMLogic& l) { return s(l.PrepaidGas()); }},
      {"used_gas", [s](VMLogic& l) { return s(l.UsedGas()); }},
      // promise_create / promise_then fail inside the batch call they start with.
      {"promise_batch_create",
       [s](VMLogic& l) { return s(l.PromiseCreate(0, 0, 0, 0, 0, 0, 0, 0)); }},
      {"promise_batch_then",
       [s](VMLogic& l) { return s(l.PromiseThen(0, 0, 0, 0, 0, 0, 0, 0, 0)); }},
      {"promise_and", [s](VMLogic& l) { return s(l.PromiseAnd(0, 0)); }},
      {"promise_batch_create", [s](VMLogic& l) { return s(l.PromiseBatchCreate(0, 0)); }},
      {"promise_batch_then", [s](VMLogic& l) { return s(l.PromiseBatchThen(0, 0, 0)); }},
      {"promise_set_refund_to", [](VMLogic& l) { return l.PromiseSetRefundTo(0, 0, 0); }},
      {"promise_batch_action_create_account",
       [](VMLogic& l) { return l.PromiseBatchActionCreateAccount(0); }},
      {"promise_batch_action_deploy_contract",
       [](VMLogic& l) { return l.PromiseBatchActionDeployContract(0, 0, 0); }},
      {"promise_batch_action_deploy_global_contract",
       [](VMLogic& l) { return l.PromiseBatchActionDeployGlobalContract(0, 0, 0); }},
      {"promise_batch_action_deploy_global_contract_by_account_id",
       [](VMLogic& l) { return l.PromiseBatchActionDeployGlobalContractByAccountId(0, 0, 0); }},
      {"promise_batch_action_use_global_contract",
       [](VMLogic& l) { return l.PromiseBatchActionUseGlobalContract(0, 0, 0); }},
      {"promise_batch_action_use_global_contract_by_account_id",
       [](VMLogic& l) { return l.PromiseBatchActionUseGlobalContractByAccountId(0, 0, 0); }},
      {"promise_batch_action_state_init",
       [s](VMLogic& l) { return s(l.PromiseBatchActionStateInit(0, 0, 0, 0)); }},
      {"promise_batch_action_state_init_by_account_id",
       [s](VMLogic& l) { return s(l.PromiseBatchActionStateInitByAccountId(0, 0, 0, 0)); }},
      {"set_state_init_data_entry",
       [](VMLogic& l) { return l.SetStateInitDataEntry(0, 0, 0, 0, 0, 0); }},
      {"promise_batch_action_function_call",
       [](VMLogic& l) { return l.PromiseBatchActionFunctionCall(0, 0, 0, 0, 0, 0, 0); }},
      {"promise_batch_action_function_call",  // the weight variant reports this name
       [](VMLogic& l) { return l.PromiseBatchActionFunctionCallWeight(0, 0, 0, 0, 0, 0, 0, 0); }},
      {"promise_batch_action_transfer",
       [](VMLogic& l) { return l.PromiseBatchActionTransfer(0, 0); }},
      {"promise_batch_action_transfer_to_gas_key",
       [](VMLogic& l) { return l.PromiseBatchActionTransferToGasKey(0, 0, 0, 0); }},
      {"promise_batch_action_add_gas_key_with_full_access",
       [](VMLogic& l) { return l.PromiseBatchActionAddGasKeyWithFullAccess(0, 0, 0, 0); }},
      {"promise_batch_action_add_gas_key_with_function_call",
       [](VMLogic& l) {
         return l.PromiseBatchActionAddGasKeyWithFunctionCall(0, 0, 0, 0, 0, 0, 0, 0, 0);
       }},
      {"promise_batch_action_stake",
       [](VMLogic& l) { return l.PromiseBatchActionStake(0, 0, 0, 0); }},
      {"promise_batch_action_add_key_with_full_access",
       [](VMLogic& l) { return l.PromiseBatchActionAddKeyWithFullAccess(0, 0, 0, 0); }},
      {"promise_batch_action_add_key_with_function_call",
       [](VMLogic& l) {
         return l.PromiseBatchActionAddKeyWithFunctionCall(0, 0, 0, 0, 0, 0, 0, 0, 0);
       }},
      {"promise_batch_action_delete_key",
       [](VMLogic& l) { return l.PromiseBatchActionDeleteKey(0, 0, 0); }},
      {"promise_batch_action_delete_account",
       [](VMLogic& l) { return l.PromiseBatchActionDeleteAccount(0, 0, 0); }},
      {"promise_yield_create",
       [s](VMLogic& l) { return s(l.PromiseYieldCreate(0, 0, 0, 0, 0, 0, 0)); }},
      {"promise_yield_create_with_id",
       [s](VMLogic& l) { return s(l.PromiseYieldCreateWithId(0, 0, 0, 0, 0, 0, 0, 0, 0)); }},
      {"promise_yield_resume", [s](VMLogic& l) { return s(l.PromiseYieldResume(0, 0, 0, 0)); }},
      {"promise_yield_resume_with_yield_id",
       [s](VMLogic& l) { return s(l.PromiseYieldResumeWithYieldId(0, 0, 0, 0)); }},
      {"promise_results_count", [s](VMLogic& l) { return s(l.PromiseResultsCount()); }},
      {"promise_result", [s](VMLogic& l) { return s(l.PromiseResult(0, 0)); }},
      {"promise_return", [](VMLogic& l) { return l.PromiseReturn(0); }},
      {"storage_write", [s](VMLogic& l) { return s(l.StorageWrite(0, 0, 0, 0, 0)); }},
      {"storage_remove", [s](VMLogic& l) { return s(l.StorageRemove(0, 0, 0)); }},
  };
  for (const auto& [name, fn] : cases) {
    auto vm = TestVM::View();
    vm->Build();
    VMStatus r = fn(vm->logic());
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error(), VMLogicError(HostError(HostErrorKind::ProhibitedInView, name)));
    EXPECT_EQ(r.error().Message(), std::string(name) + " is not allowed in view calls");
    // base is charged before the check.
    EXPECT_GE(vm->TakeCosts()[E::base], 1u) << name;
  }
}

TEST(LogicViewTest, AllowedMethods) {
  auto vm = TestVM::View();
  vm->Build();
  EXPECT_EQ(*vm->logic().BlockIndex(), vm->context.block_height);
  testing::MemSlice k = vm->Write("k");
  EXPECT_EQ(*vm->logic().StorageRead(k.len, k.ptr, 0), 0u);
  EXPECT_EQ(*vm->logic().StorageHasKey(k.len, k.ptr), 0u);
  EXPECT_TRUE(vm->logic().CurrentAccountId(0).ok());
}

}  // namespace
}  // namespace nearrt::vm
