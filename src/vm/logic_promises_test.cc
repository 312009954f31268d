// Promises, promise actions and yield/resume: nearcore runtime/near-vm-runner/
// src/logic/tests/{promises.rs, yield_resume.rs} ported, with their exact
// used_gas values (mainnet PV86 ext costs, RuntimeFeesConfig::test()).
// MockedExternal's action log is checked as the receipts MemoryExternal
// records (receipt indices 0, 1, ... as nearcore's ReceiptManager).
#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::IsHost;
using testing::MemSlice;
using testing::TestVM;
using testing::U128Le;
using testing::U64Le;
using E = ExtCost;

const Bytes& TestKey() {
  static const Bytes k = testing::TestPkBorsh("5do5nkAEVhL8iteDvXNgxi4pWK78Y7DDadX11ArFNyrf");
  return k;
}

// promises.rs assert_promise_create_preamble: receipt 0 to `receiver` with the
// promise_create function call first.
void AssertPreamble(const TestVM& vm, std::string_view receiver) {
  ASSERT_GE(vm.ext.receipts().size(), 1u);
  const RecordedReceipt& r = vm.ext.receipts()[0];
  EXPECT_EQ(r.receiver_id.str(), receiver);
  EXPECT_TRUE(r.receipt_indices.empty());
  ASSERT_GE(r.actions.size(), 1u);
  const RecordedAction& a = r.actions[0];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kFunctionCall);
  EXPECT_EQ(a.method_name, ToBytes("promise_create"));
  EXPECT_EQ(a.args, ToBytes("args"));
  EXPECT_TRUE(a.deposit == 0);
  EXPECT_EQ(a.gas, 0u);
  EXPECT_EQ(a.gas_weight, 0u);
}

// The shared shape of promises.rs: a bad index and a joint promise fail, the
// real index works, and used_gas is exact.
template <class Action>
void CheckBatchAction(Action action, Gas want_used_gas) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  VMStatus bad = action(vm, 123);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(IsHost(bad.error(), HostErrorKind::InvalidPromiseIndex));
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  VMStatus j = action(vm, joint);
  ASSERT_FALSE(j.ok());
  EXPECT_TRUE(IsHost(j.error(), HostErrorKind::CannotAppendActionToJointPromise));
  VMStatus ok = action(vm, index);
  ASSERT_TRUE(ok.ok()) << ok.error().Message();
  if (want_used_gas) {
    EXPECT_EQ(*vm->UsedGas(), want_used_gas);
  }
  AssertPreamble(vm, "rick.test");
}

TEST(LogicPromisesTest, PromiseResults) {
  TestVM vm;
  vm.context.promise_results = {PromiseResult::Successful(ToBytes("test")),
                                PromiseResult::Failed(), PromiseResult::NotReady()};
  vm.Build();
  EXPECT_EQ(*vm->PromiseResultsCount(), 3u);
  EXPECT_EQ(*vm->PromiseResult(0, 0), 1u);
  EXPECT_EQ(*vm->PromiseResult(1, 0), 2u);
  EXPECT_EQ(*vm->PromiseResult(2, 0), 0u);
  vm.AssertReadRegister(AsBytes("test"), 0);
  EXPECT_EQ(vm->PromiseResult(3, 0).error(),
            VMLogicError(HostError(HostErrorKind::InvalidPromiseResultIndex, 3)));
}

TEST(LogicPromisesTest, PromiseResultHasNoPerByteFee) {
  TestVM vm;
  vm.context.promise_results = {PromiseResult::Successful(Bytes(100, 0))};
  vm.Build();
  ASSERT_TRUE(vm->PromiseResult(0, 0).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::write_register_base, 1});
}

TEST(LogicPromisesTest, BatchActionFunctionCall) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  EXPECT_FALSE(testing::PromiseBatchActionFunctionCall(vm, 123, 0, 0).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(testing::PromiseBatchActionFunctionCall(vm, joint, 0, 0).ok());
  ASSERT_TRUE(testing::PromiseBatchActionFunctionCall(vm, index, 0, 0).ok());
  AssertPreamble(vm, "rick.test");
  const std::vector<RecordedAction>& actions = vm.ext.receipts()[0].actions;
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[1].method_name, ToBytes("promise_batch_action"));
  EXPECT_EQ(actions[1].args, ToBytes("promise_batch_action_args"));
}

TEST(LogicPromisesTest, UseGlobalContractByAccountIdRejectsInvalidAccount) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  MemSlice bad = vm.Write("not a valid account id");
  EXPECT_EQ(vm->PromiseBatchActionUseGlobalContractByAccountId(index, bad.len, bad.ptr).error(),
            VMLogicError(HostErrorKind::InvalidAccountId));
}

TEST(LogicPromisesTest, CreateAccount) {
  CheckBatchAction(
      [](TestVM& vm, uint64_t idx) { return vm->PromiseBatchActionCreateAccount(idx); },
      12578263688564);
}

TEST(LogicPromisesTest, DeployContract) {
  CheckBatchAction(
      [](TestVM& vm, uint64_t idx) {
        MemSlice code = vm.Write("sample");
        return vm->PromiseBatchActionDeployContract(idx, code.len, code.ptr);
      },
      0);  // the code is written before each call; checked separately below
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  MemSlice code = vm.Write("sample");
  EXPECT_FALSE(vm->PromiseBatchActionDeployContract(123, code.len, code.ptr).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(vm->PromiseBatchActionDeployContract(joint, code.len, code.ptr).ok());
  ASSERT_TRUE(vm->PromiseBatchActionDeployContract(index, code.len, code.ptr).ok());
  EXPECT_EQ(*vm->UsedGas(), 5255774958146u);
  EXPECT_EQ(vm.ext.receipts()[0].actions[1].code, ToBytes("sample"));
}

TEST(LogicPromisesTest, DeployGlobalContract) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  MemSlice code = vm.Write("sample");
  EXPECT_FALSE(vm->PromiseBatchActionDeployGlobalContract(123, code.len, code.ptr).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(vm->PromiseBatchActionDeployGlobalContract(joint, code.len, code.ptr).ok());
  ASSERT_TRUE(vm->PromiseBatchActionDeployGlobalContract(index, code.len, code.ptr).ok());
  EXPECT_EQ(*vm->UsedGas(), 5256154080152u);
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kDeployGlobalContract);
  EXPECT_EQ(a.code, ToBytes("sample"));
  EXPECT_EQ(a.deploy_mode, GlobalContractDeployMode::kCodeHash);
}

TEST(LogicPromisesTest, UseGlobalContract) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  CryptoHash h = CryptoHash::Of(AsBytes("arbitrary"));
  MemSlice hash = vm.Write(h.view());
  MemSlice malformed = vm.Write("not a valid CryptoHash repr");
  EXPECT_FALSE(vm->PromiseBatchActionUseGlobalContract(123, hash.len, hash.ptr).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(vm->PromiseBatchActionUseGlobalContract(joint, hash.len, hash.ptr).ok());
  EXPECT_EQ(vm->PromiseBatchActionUseGlobalContract(123, malformed.len, malformed.ptr).error(),
            VMLogicError(HostErrorKind::ContractCodeHashMalformed));
  ASSERT_TRUE(vm->PromiseBatchActionUseGlobalContract(index, hash.len, hash.ptr).ok());
  EXPECT_EQ(*vm->UsedGas(), 5262559186522u);
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kUseGlobalContract);
  EXPECT_EQ(a.contract_id.code_hash, h);
}

TEST(LogicPromisesTest, Transfer) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  MemSlice n110 = vm.Write(U128Le(110));
  MemSlice n1 = vm.Write(U128Le(1));
  EXPECT_FALSE(vm->PromiseBatchActionTransfer(123, n110.ptr).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(vm->PromiseBatchActionTransfer(joint, n110.ptr).ok());
  ASSERT_TRUE(vm->PromiseBatchActionTransfer(index, n110.ptr).ok());
  EXPECT_EQ(vm->PromiseBatchActionTransfer(index, n1.ptr).error(),
            VMLogicError(HostErrorKind::BalanceExceeded));
  EXPECT_EQ(*vm->UsedGas(), 5349703444787u);
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kTransfer);
  EXPECT_TRUE(a.deposit == 110);
  EXPECT_EQ(vm.ext.receipts()[0].actions.size(), 2u);
}

TEST(LogicPromisesTest, TransferToGasKey) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  MemSlice key = vm.Write(TestKey());
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  MemSlice n110 = vm.Write(U128Le(110));
  MemSlice n1 = vm.Write(U128Le(1));
  EXPECT_FALSE(vm->PromiseBatchActionTransferToGasKey(123, key.len, key.ptr, n110.ptr).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(vm->PromiseBatchActionTransferToGasKey(joint, key.len, key.ptr, n110.ptr).ok());
  ASSERT_TRUE(vm->PromiseBatchActionTransferToGasKey(index, key.len, key.ptr, n110.ptr).ok());
  EXPECT_EQ(vm->PromiseBatchActionTransferToGasKey(index, key.len, key.ptr, n1.ptr).error(),
            VMLogicError(HostErrorKind::BalanceExceeded));
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kTransferToGasKey);
  EXPECT_EQ(a.public_key.ToBorsh(), TestKey());
  EXPECT_TRUE(a.deposit == 110);
}

TEST(LogicPromisesTest, Stake) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  MemSlice key = vm.Write(TestKey());
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  MemSlice n110 = vm.Write(U128Le(110));
  EXPECT_FALSE(vm->PromiseBatchActionStake(123, n110.ptr, key.len, key.ptr).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(vm->PromiseBatchActionStake(joint, n110.ptr, key.len, key.ptr).ok());
  ASSERT_TRUE(vm->PromiseBatchActionStake(index, n110.ptr, key.len, key.ptr).ok());
  EXPECT_EQ(*vm->UsedGas(), 5138414976215u);
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kStake);
  EXPECT_TRUE(a.deposit == 110);
  EXPECT_EQ(a.public_key.ToString(), "ed25519:5do5nkAEVhL8iteDvXNgxi4pWK78Y7DDadX11ArFNyrf");
}

TEST(LogicPromisesTest, AddKeyWithFunctionCall) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  EXPECT_FALSE(testing::PromiseBatchActionAddKeyWithFunctionCall(vm, 123, TestKey(), 1, 999,
                                                                  "sam", "foo,bar")
                   .ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(testing::PromiseBatchActionAddKeyWithFunctionCall(vm, joint, TestKey(), 1, 999,
                                                                  "sam", "foo,bar")
                   .ok());
  ASSERT_TRUE(testing::PromiseBatchActionAddKeyWithFunctionCall(vm, index, TestKey(), 1, 999,
                                                                 "sam", "foo,bar")
                  .ok());
  EXPECT_EQ(*vm->UsedGas(), 5126680499695u);
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kAddKeyWithFunctionCall);
  EXPECT_EQ(a.nonce, 1u);
  EXPECT_TRUE(a.allowance && *a.allowance == 999);
  EXPECT_EQ(a.receiver_id.str(), "sam");
  EXPECT_EQ(a.method_names, (std::vector<Bytes>{ToBytes("foo"), ToBytes("bar")}));
}

TEST(LogicPromisesTest, BatchThen) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  MemSlice account = vm.Write("rick.test");
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  EXPECT_FALSE(vm->PromiseBatchThen(123, account.len, account.ptr).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  ASSERT_TRUE(vm->PromiseBatchThen(joint, account.len, account.ptr).ok());
  ASSERT_TRUE(vm->PromiseBatchThen(index, account.len, account.ptr).ok());
  EXPECT_EQ(*vm->UsedGas(), 24124999601771u);
  const std::vector<RecordedReceipt>& r = vm.ext.receipts();
  ASSERT_EQ(r.size(), 3u);
  for (size_t i : {1, 2}) {
    EXPECT_EQ(r[i].receipt_indices, std::vector<ReceiptIndex>{0});
    EXPECT_EQ(r[i].receiver_id.str(), "rick.test");
    EXPECT_TRUE(r[i].actions.empty());
  }
}

TEST(LogicPromisesTest, StateInit) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 9},
                      {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, 9});
  MemSlice account = vm.Write("global.near");
  MemSlice key = vm.Write("key");
  MemSlice value = vm.Write("value");
  MemSlice amount = vm.Write(U128Le(110));
  ASSERT_TRUE(vm.WriteRegisterInternal(0, AsBytes("key2")).ok());
  ASSERT_TRUE(vm.WriteRegisterInternal(1, AsBytes("value2")).ok());
  vm.TakeCosts();

  uint64_t action_index = *vm->PromiseBatchActionStateInitByAccountId(index, account.len,
                                                                      account.ptr, amount.ptr);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 2},
                      {E::read_memory_byte, account.len + amount.len},
                      {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, account.len});
  ASSERT_TRUE(
      vm->SetStateInitDataEntry(index, action_index, key.len, key.ptr, value.len, value.ptr).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 2},
                      {E::read_memory_byte, key.len + value.len});
  ASSERT_TRUE(vm->SetStateInitDataEntry(index, action_index, UINT64_MAX, 0, UINT64_MAX, 1).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_register_base, 2}, {E::read_register_byte, 10});

  const ProfileData profile = vm->gas_counter().profile();
  EXPECT_EQ(*vm->UsedGas(), 8'586'074'959'513u);
  EXPECT_EQ(profile.action_cost(ActionCost::deterministic_state_init_base) / 1'000'000'000,
            3850u);
  EXPECT_EQ(profile.action_cost(ActionCost::deterministic_state_init_entry), 0u);
  EXPECT_EQ(profile.action_cost(ActionCost::deterministic_state_init_byte), 1'296'000'000u);
  EXPECT_EQ(profile.action_cost(ActionCost::new_action_receipt) / 1'000'000'000, 108u);

  const RecordedReceipt& r = vm.ext.receipts()[0];
  ASSERT_EQ(r.actions.size(), 1u);
  const RecordedAction& a = r.actions[0];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kDeterministicStateInit);
  EXPECT_EQ(a.contract_id.account_id.str(), "global.near");
  EXPECT_TRUE(a.deposit == 110);
  std::map<Bytes, Bytes> want = {{ToBytes("key"), ToBytes("value")},
                                 {ToBytes("key2"), ToBytes("value2")}};
  EXPECT_EQ(a.state_init_data, want);
  // A second entry for the same key, and a bad action index.
  EXPECT_EQ(vm->SetStateInitDataEntry(index, action_index, key.len, key.ptr, 0, 0).error(),
            VMLogicError(HostErrorKind::DataEntryAlreadyExists));
  EXPECT_EQ(vm->SetStateInitDataEntry(index, 7, key.len, key.ptr, 0, 0).error(),
            VMLogicError(HostError(HostErrorKind::InvalidActionIndex, index, 7)));
}

TEST(LogicPromisesTest, AddGasKeyWithFullAccess) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  MemSlice key = vm.Write(TestKey());
  EXPECT_FALSE(vm->PromiseBatchActionAddGasKeyWithFullAccess(123, key.len, key.ptr, 4).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(vm->PromiseBatchActionAddGasKeyWithFullAccess(joint, key.len, key.ptr, 4).ok());
  ASSERT_TRUE(vm->PromiseBatchActionAddGasKeyWithFullAccess(index, key.len, key.ptr, 4).ok());
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kAddGasKeyWithFullAccess);
  EXPECT_EQ(a.num_nonces, 4u);
  // num_nonces must fit u16.
  EXPECT_EQ(vm->PromiseBatchActionAddGasKeyWithFullAccess(index, key.len, key.ptr, 65536).error(),
            VMLogicError(HostErrorKind::IntegerOverflow));
}

TEST(LogicPromisesTest, AddGasKeyWithFunctionCall) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  uint64_t index_ptr = vm.Write(U64Le(index)).ptr;
  auto call = [&](uint64_t idx) {
    MemSlice pk = vm.Write(TestKey());
    MemSlice r = vm.Write("sam");
    MemSlice al = vm.Write(U128Le(999));
    MemSlice mn = vm.Write("foo,bar");
    return vm->PromiseBatchActionAddGasKeyWithFunctionCall(idx, pk.len, pk.ptr, 2, al.ptr, r.len,
                                                           r.ptr, mn.len, mn.ptr);
  };
  EXPECT_FALSE(call(123).ok());
  uint64_t joint = *vm->PromiseAnd(index_ptr, 1);
  EXPECT_FALSE(call(joint).ok());
  ASSERT_TRUE(call(index).ok());
  const RecordedAction& a = vm.ext.receipts()[0].actions[1];
  EXPECT_EQ(a.kind, RecordedAction::Kind::kAddGasKeyWithFunctionCall);
  EXPECT_EQ(a.num_nonces, 2u);
  EXPECT_TRUE(a.allowance && *a.allowance == 999);
  EXPECT_EQ(a.method_names, (std::vector<Bytes>{ToBytes("foo"), ToBytes("bar")}));
}

// The gas-key fees by hand from nearcore cost.rs (test fees: gas_key_byte
// 59357464 send / 101435400 exec, gas_key_transfer_base 115123062500 send /
// 235676644250 exec, gas_key_nonce_write_base 64196736000 exec,
// add_full_access_key 101765125000). The key is 33 bytes (borsh of ed25519),
// the receiver "rick.test" 9 bytes, not sir.
TEST(LogicPromisesTest, GasKeyFeesByHand) {
  {
    TestVM vm;
    vm.Build();
    uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
    MemSlice key = vm.Write(TestKey());
    Gas promises_before = vm->gas_counter().promises_gas();
    ASSERT_TRUE(vm->PromiseBatchActionAddGasKeyWithFullAccess(index, key.len, key.ptr, 3).ok());
    const ProfileData& p = vm->gas_counter().profile();
    EXPECT_EQ(p.action_cost(ActionCost::add_full_access_key), 101765125000u);
    EXPECT_EQ(p.action_cost(ActionCost::gas_key_nonce_write_base), 0u);  // exec only
    EXPECT_EQ(p.action_cost(ActionCost::gas_key_byte), 18ULL * 59357464);  // GasKeyInfo bytes
    // Reserved for execution: the key's exec fee, 3 nonce writes, and per
    // nonce (1 + 9 + 1 + 33 + 2) key + 8 value bytes.
    EXPECT_EQ(vm->gas_counter().promises_gas() - promises_before,
              101765125000ULL + 3 * 64196736000ULL + 3 * 54 * 101435400ULL);
  }
  {
    TestVM vm;
    vm.Build();
    uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
    MemSlice key = vm.Write(TestKey());
    MemSlice amt = vm.Write(U128Le(5));
    Gas promises_before = vm->gas_counter().promises_gas();
    ASSERT_TRUE(vm->PromiseBatchActionTransferToGasKey(index, key.len, key.ptr, amt.ptr).ok());
    const ProfileData& p = vm->gas_counter().profile();
    EXPECT_EQ(p.action_cost(ActionCost::gas_key_transfer_base), 115123062500u);
    EXPECT_EQ(p.action_cost(ActionCost::gas_key_byte), 33ULL * 59357464);
    // Exec: base + (access-key trie key 1 + 9 + 1 + 33, min gas-key value 27) bytes.
    EXPECT_EQ(vm->gas_counter().promises_gas() - promises_before,
              235676644250ULL + 71ULL * 101435400);
    EXPECT_TRUE(vm->result_state().current_account_balance == 105);
  }
}

TEST(LogicPromisesTest, GasKeyFeeOverflowWithRegisterKeyIsNodeLevel) {
  // nearcore passes the length argument (u64::MAX for a register) to the
  // fee formula and panics on the overflow; here it is an inconsistent state.
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
  ASSERT_TRUE(vm.WriteRegisterInternal(5, TestKey()).ok());
  MemSlice amt = vm.Write(U128Le(1));
  VMStatus s = vm->PromiseBatchActionTransferToGasKey(index, UINT64_MAX, 5, amt.ptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, VMLogicError::Kind::kInconsistentState);
}

TEST(LogicPromisesTest, InvalidPublicKeyAfterTheFees) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
  MemSlice bad = vm.Write(Bytes{9, 1, 2});
  vm.TakeCosts();
  EXPECT_EQ(vm->PromiseBatchActionDeleteKey(index, bad.len, bad.ptr).error(),
            VMLogicError(HostErrorKind::InvalidPublicKey));
  EXPECT_EQ(vm->gas_counter().profile().action_cost(ActionCost::delete_key),
            94946625000u);  // charged before the key is decoded
}

TEST(LogicPromisesTest, OneYoctoOnPromiseEnabled) {
  TestVM vm;
  vm.config.one_yocto_on_promise = true;
  vm.context.account_balance = 0;
  vm.context.attached_deposit = 0;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  ASSERT_TRUE(testing::PromiseBatchActionFunctionCallWeight(vm, index, 1, 0, 0).ok());
  EXPECT_FALSE(testing::PromiseBatchActionFunctionCallWeight(vm, index, 2, 0, 0).ok());
  MemSlice n1 = vm.Write(U128Le(1));
  EXPECT_FALSE(vm->PromiseBatchActionTransfer(index, n1.ptr).ok());
  EXPECT_TRUE(vm->result_state().subsidized_amount == 1);
  EXPECT_TRUE(vm.Outcome().subsidized_amount == 1);
}

TEST(LogicPromisesTest, OneYoctoOnPromiseDeductsWithNonzeroBalance) {
  TestVM vm;
  vm.config.one_yocto_on_promise = true;
  vm.context.account_balance = 1;
  vm.context.attached_deposit = 0;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  ASSERT_TRUE(testing::PromiseBatchActionFunctionCallWeight(vm, index, 1, 0, 0).ok());
  EXPECT_TRUE(vm->result_state().current_account_balance == 0);
  EXPECT_TRUE(vm->result_state().subsidized_amount == 0);
  ASSERT_TRUE(testing::PromiseBatchActionFunctionCallWeight(vm, index, 1, 0, 0).ok());
  EXPECT_TRUE(vm->result_state().subsidized_amount == 1);
}

TEST(LogicPromisesTest, OneYoctoOnPromiseDisabled) {
  TestVM vm;
  vm.config.one_yocto_on_promise = false;
  vm.context.account_balance = 0;
  vm.context.attached_deposit = 0;
  vm.Build();
  uint64_t index = *testing::PromiseCreate(vm, "rick.test", 0, 0);
  EXPECT_FALSE(testing::PromiseBatchActionFunctionCallWeight(vm, index, 1, 0, 0).ok());
}

TEST(LogicPromisesTest, PromiseReturnAndRefundTo) {
  TestVM vm;
  vm.Build();
  uint64_t a = *testing::PromiseBatchCreate(vm, "rick.test");
  uint64_t b = *testing::PromiseBatchCreate(vm, "bob.test");
  uint64_t ptr = vm.Write(U64Le(a)).ptr;
  vm.Write(U64Le(b));
  uint64_t joint = *vm->PromiseAnd(ptr, 2);
  EXPECT_EQ(vm->PromiseReturn(joint).error(),
            VMLogicError(HostErrorKind::CannotReturnJointPromise));
  ASSERT_TRUE(vm->PromiseReturn(b).ok());
  EXPECT_EQ(vm.Outcome().return_data.kind, ReturnData::Kind::kReceiptIndex);
  EXPECT_EQ(vm.Outcome().return_data.receipt_index, 1u);
  MemSlice who = vm.Write("refund.test");
  EXPECT_EQ(vm->PromiseSetRefundTo(joint, who.len, who.ptr).error(),
            VMLogicError(HostErrorKind::CannotSetRefundToOnJointPromise));
  ASSERT_TRUE(vm->PromiseSetRefundTo(a, who.len, who.ptr).ok());
  EXPECT_EQ(vm.ext.receipts()[0].refund_to->str(), "refund.test");
  vm.TakeCosts();
  ASSERT_TRUE(vm->PromiseReturn(a).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::promise_return, 1});
}

TEST(LogicPromisesTest, NonUtf8MethodNameIsRejectedByTheReceiptManager) {
  TestVM vm;
  vm.Build();
  uint64_t index = *testing::PromiseBatchCreate(vm, "rick.test");
  MemSlice m = vm.Write(Bytes{0xff});
  MemSlice am = vm.Write(U128Le(0));
  EXPECT_EQ(vm->PromiseBatchActionFunctionCall(index, m.len, m.ptr, 0, 0, am.ptr, 0).error(),
            VMLogicError(HostErrorKind::InvalidMethodName));
  MemSlice empty = vm.Write("");
  EXPECT_EQ(
      vm->PromiseBatchActionFunctionCall(index, empty.len, empty.ptr, 0, 0, am.ptr, 0).error(),
      VMLogicError(HostErrorKind::EmptyMethodName));
}

// ---- yield_resume.rs ----

TEST(LogicYieldTest, CreateEmptyMethodName) {
  auto vm = TestVM::Free();
  vm->Build();
  MemSlice m = vm->Write("");
  MemSlice a = vm->Write("args");
  EXPECT_EQ(vm->logic().PromiseYieldCreate(m.len, m.ptr, a.len, a.ptr, 0, 1, 0).error(),
            VMLogicError(HostErrorKind::EmptyMethodName));
}

TEST(LogicYieldTest, ResumeMalformedDataId) {
  auto vm = TestVM::Free();
  vm->Build();
  MemSlice id = vm->Write(Bytes(16, 0));
  MemSlice p = vm->Write("payload");
  EXPECT_EQ(vm->logic().PromiseYieldResume(id.len, id.ptr, p.len, p.ptr).error(),
            VMLogicError(HostErrorKind::DataIdMalformed));
}

VMResult<uint64_t> YieldCreateWithId(TestVM& vm, const Bytes& yield_id, Balance amount) {
  MemSlice m = vm.Write("callback");
  MemSlice a = vm.Write("args");
  MemSlice y = vm.Write(yield_id);
  MemSlice am = vm.Write(U128Le(amount));
  return vm->PromiseYieldCreateWithId(m.len, m.ptr, a.len, a.ptr, am.ptr, 0, 1, y.len, y.ptr);
}

TEST(LogicYieldTest, CreateWithIdValidation) {
  auto vm = TestVM::Free();
  vm->Build();
  EXPECT_EQ(YieldCreateWithId(*vm, Bytes(16, 0), 0).error(),
            VMLogicError(HostErrorKind::YieldIdMalformed));
  MemSlice m = vm->Write("");
  MemSlice a = vm->Write("args");
  MemSlice y = vm->Write(Bytes(32, 1));
  MemSlice am = vm->Write(Bytes(16, 0));
  EXPECT_EQ(
      vm->logic().PromiseYieldCreateWithId(m.len, m.ptr, a.len, a.ptr, am.ptr, 0, 1, y.len, y.ptr)
          .error(),
      VMLogicError(HostErrorKind::EmptyMethodName));
  MemSlice y16 = vm->Write(Bytes(16, 0));
  MemSlice p = vm->Write("payload");
  EXPECT_EQ(vm->logic().PromiseYieldResumeWithYieldId(y16.len, y16.ptr, p.len, p.ptr).error(),
            VMLogicError(HostErrorKind::YieldIdMalformed));
}

TEST(LogicYieldTest, ViewProhibited) {
  auto vm = TestVM::View();
  vm->config.MakeFree();
  vm->Build();
  VMResult<uint64_t> r = YieldCreateWithId(*vm, Bytes(32, 1), 0);
  EXPECT_TRUE(IsHost(r.error(), HostErrorKind::ProhibitedInView));
  MemSlice y = vm->Write(Bytes(32, 1));
  MemSlice p = vm->Write("payload");
  EXPECT_TRUE(IsHost(vm->logic().PromiseYieldResumeWithYieldId(y.len, y.ptr, p.len, p.ptr).error(),
                     HostErrorKind::ProhibitedInView));
}

TEST(LogicYieldTest, CreateWithIdBalance) {
  {
    auto vm = TestVM::Free();
    vm->context.account_balance = 100;
    vm->context.attached_deposit = 0;
    vm->Build();
    ASSERT_TRUE(YieldCreateWithId(*vm, Bytes(32, 1), 25).ok());
    EXPECT_TRUE(vm->logic().result_state().current_account_balance == 75);
    EXPECT_TRUE(vm->logic().result_state().subsidized_amount == 0);
  }
  {
    auto vm = TestVM::Free();
    vm->context.account_balance = 10;
    vm->context.attached_deposit = 0;
    vm->Build();
    EXPECT_EQ(YieldCreateWithId(*vm, Bytes(32, 1), 100).error(),
              VMLogicError(HostErrorKind::BalanceExceeded));
    EXPECT_TRUE(vm->logic().result_state().current_account_balance == 10);
  }
  {
    auto vm = TestVM::Free();
    vm->config.one_yocto_on_promise = true;
    vm->context.account_balance = 0;
    vm->context.attached_deposit = 0;
    vm->Build();
    ASSERT_TRUE(YieldCreateWithId(*vm, Bytes(32, 1), 1).ok());
    EXPECT_TRUE(vm->logic().result_state().subsidized_amount == 1);
    EXPECT_EQ(YieldCreateWithId(*vm, Bytes(32, 2), 2).error(),
              VMLogicError(HostErrorKind::BalanceExceeded));
  }
  {
    auto vm = TestVM::Free();
    vm->config.one_yocto_on_promise = false;
    vm->context.account_balance = 0;
    vm->context.attached_deposit = 0;
    vm->Build();
    EXPECT_EQ(YieldCreateWithId(*vm, Bytes(32, 1), 1).error(),
              VMLogicError(HostErrorKind::BalanceExceeded));
  }
}

TEST(LogicYieldTest, CreateResumeRoundTrip) {
  TestVM vm;
  vm.Build();
  MemSlice m = vm.Write("callback");
  MemSlice a = vm.Write("args");
  uint64_t idx = *vm->PromiseYieldCreate(m.len, m.ptr, a.len, a.ptr, 1000, 1, 7);
  EXPECT_EQ(idx, 0u);
  const Bytes* data_id = vm->registers().GetForFree(7);
  ASSERT_NE(data_id, nullptr);
  ASSERT_EQ(data_id->size(), 32u);
  // MockedExternal's data id: sha256 of the u64 counter 0.
  CryptoHash want_id = CryptoHash::Of(U64Le(0));
  EXPECT_EQ(*data_id, Bytes(want_id.bytes.begin(), want_id.bytes.end()));
  const RecordedReceipt& r = vm.ext.receipts()[0];
  EXPECT_TRUE(r.is_promise_yield);
  EXPECT_EQ(r.receiver_id.str(), "alice.near");
  EXPECT_EQ(r.actions[0].gas, 1000u);
  EXPECT_EQ(r.actions[0].gas_weight, 1u);
  MemSlice id = vm.Write(*data_id);
  MemSlice payload = vm.Write("payload");
  vm.TakeCosts();
  EXPECT_EQ(*vm->PromiseYieldResume(id.len, id.ptr, payload.len, payload.ptr), 1u);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::yield_resume_base, 1}, {E::yield_resume_byte, 7},
                      {E::read_memory_base, 2}, {E::read_memory_byte, 39});
  MemSlice other = vm.Write(Bytes(32, 9));
  EXPECT_EQ(*vm->PromiseYieldResume(other.len, other.ptr, payload.len, payload.ptr), 0u);
  // Payload limit.
  vm.config.limit_config.max_yield_payload_size = 3;
  EXPECT_EQ(vm->PromiseYieldResume(id.len, id.ptr, payload.len, payload.ptr).error(),
            VMLogicError(HostError(HostErrorKind::YieldPayloadLength, 7, 3)));
  // With id: a pending id returns u64::MAX and charges no receipt.
  Bytes yid(32, 4);
  ASSERT_NE(*YieldCreateWithId(vm, yid, 0), UINT64_MAX);
  Gas used = vm->gas_counter().used_gas();
  ProfileData actions_before = vm->gas_counter().profile();
  vm.TakeCosts();
  EXPECT_EQ(*YieldCreateWithId(vm, yid, 0), UINT64_MAX);
  std::map<ExtCost, uint64_t> costs = vm.TakeCosts();
  std::map<ExtCost, uint64_t> want = {{E::base, 1}, {E::yield_create_with_id_base, 1},
                                      {E::read_memory_base, 4},
                                      {E::read_memory_byte, 16 + 8 + 4 + 32},
                                      {E::yield_create_byte, 12}};
  EXPECT_EQ(testing::CostsToString(costs), testing::CostsToString(want));
  // Only those ext costs: no receipt or action fee, no prepaid gas.
  Gas ext = 0;
  for (const auto& [c, n] : costs) ext += vm.config.ext_costs.gas(c) * n;
  EXPECT_EQ(vm->gas_counter().used_gas() - used, ext);
  EXPECT_EQ(vm->gas_counter().profile().actions, actions_before.actions);
}

}  // namespace
}  // namespace nearrt::vm
