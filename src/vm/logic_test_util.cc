#include "vm/logic_test_util.h"

#include "primitives/base58.h"
#include "vm/config_store.h"

namespace nearrt::vm::testing {

namespace {

Fee F(uint64_t v) { return Fee{{v, v}, {v, v}, {v, v}}; }
Fee F3(uint64_t sir, uint64_t not_sir, uint64_t exec) {
  return Fee{{sir, sir}, {not_sir, not_sir}, {exec, exec}};
}

}  // namespace

RuntimeFeesConfig TestFees() {
  RuntimeFeesConfig f;
  using A = ActionCost;
  // AccountCostIncrease is enabled at PROTOCOL_VERSION 86.
  f.fee(A::create_account) = F3(500'000'000'000, 500'000'000'000, 7'200'000'000'000);
  f.fee(A::delete_account) = F(147489000000);
  f.fee(A::deploy_contract_base) = F(184765750000);
  f.fee(A::deploy_contract_byte) = F(6812999);
  f.fee(A::function_call_base) = F(2319861500000);
  f.fee(A::function_call_byte) = F(2235934);
  f.fee(A::transfer) = F(115123062500);
  f.fee(A::stake) = F3(141715687500, 141715687500, 102217625000);
  f.fee(A::add_full_access_key) = F(101765125000);
  f.fee(A::add_function_call_key_base) = F(102217625000);
  f.fee(A::add_function_call_key_byte) = F(1925331);
  f.fee(A::delete_key) = F(94946625000);
  f.fee(A::new_action_receipt) = F(108059500000);
  f.fee(A::new_data_receipt_base) = F(4697339419375);
  f.fee(A::new_data_receipt_byte) = F(59357464);
  f.fee(A::delegate) = F(200'000'000'000);
  f.fee(A::deploy_global_contract_base) = F(184'765'750'000);
  f.fee(A::deploy_global_contract_byte) = F3(6'812'999, 6'812'999, 70'000'000);
  f.fee(A::use_global_contract_base) = F(184'765'750'000);
  f.fee(A::use_global_contract_byte) = F3(6'812'999, 47'683'715, 64'572'944);
  f.fee(A::deterministic_state_init_base) =
      F3(3'850'000'000'000, 3'850'000'000'000, 4'080'000'000'000);
  f.fee(A::deterministic_state_init_byte) = F3(72'000'000, 72'000'000, 70'000'000);
  f.fee(A::deterministic_state_init_entry) = F3(0, 0, 200'000'000'000);
  f.fee(A::gas_key_transfer_base) = F3(115'123'062'500, 115'123'062'500, 235'676'644'250);
  f.fee(A::gas_key_byte) = F3(59'357'464, 59'357'464, 101'435'400);
  f.fee(A::gas_key_nonce_write_base) = F3(0, 0, 64'196'736'000);
  f.storage_usage_config.num_bytes_account = 100;
  f.storage_usage_config.num_extra_bytes_record = 40;
  return f;
}

ExtCostsConfig TestExtCosts() {
  ExtCostsConfig c;
  auto set = [&](ExtCost e, uint64_t v) { c.costs[Index(e)] = {v, v}; };
  using E = ExtCost;
  constexpr uint64_t k = 3;  // SAFETY_MULTIPLIER
  set(E::base, k * 88256037);
  set(E::contract_loading_base, k * 11815321);
  set(E::contract_loading_bytes, k * 72250);
  set(E::read_memory_base, k * 869954400);
  set(E::read_memory_byte, k * 1267111);
  set(E::write_memory_base, k * 934598287);
  set(E::write_memory_byte, k * 907924);
  set(E::read_register_base, k * 839055062);
  set(E::read_register_byte, k * 32854);
  set(E::write_register_base, k * 955174162);
  set(E::write_register_byte, k * 1267188);
  set(E::utf8_decoding_base, k * 1037259687);
  set(E::utf8_decoding_byte, k * 97193493);
  set(E::utf16_decoding_base, k * 1181104350);
  set(E::utf16_decoding_byte, k * 54525831);
  set(E::sha256_base, k * 1513656750);
  set(E::sha256_byte, k * 8039117);
  set(E::keccak256_base, k * 1959830425);
  set(E::keccak256_byte, k * 7157035);
  set(E::keccak512_base, k * 1937129412);
  set(E::keccak512_byte, k * 12216567);
  set(E::ripemd160_base, k * 284558362);
  set(E::ed25519_verify_base, k * 1513656750);
  set(E::ed25519_verify_byte, k * 7157035);
  set(E::ripemd160_block, k * 226702528);
  set(E::ecrecover_base, k * 1121789875000);
  set(E::p256_verify_base, k * 433'333'333'333);
  set(E::p256_verify_byte, k * 4'333'333);
  set(E::log_base, k * 1181104350);
  set(E::log_byte, k * 4399597);
  set(E::storage_write_base, k * 21398912000);
  set(E::storage_write_key_byte, k * 23494289);
  set(E::storage_write_value_byte, k * 10339513);
  set(E::storage_write_evicted_byte, k * 10705769);
  set(E::storage_read_base, k * 18785615250);
  set(E::storage_read_key_byte, k * 10317511);
  set(E::storage_read_value_byte, k * 1870335);
  set(E::storage_remove_base, k * 17824343500);
  set(E::storage_remove_key_byte, k * 12740128);
  set(E::storage_remove_ret_value_byte, k * 3843852);
  set(E::storage_has_key_base, k * 18013298875);
  set(E::storage_has_key_byte, k * 10263615);
  set(E::touching_trie_node, k * 5367318642);
  set(E::read_cached_trie_node, k * 760'000'000);
  set(E::promise_and_base, k * 488337800);
  set(E::promise_and_per_promise, k * 1817392);
  set(E::promise_return, k * 186717462);
  set(E::validator_stake_base, k * 303944908800);
  set(E::validator_total_stake_base, k * 303944908800);
  set(E::alt_bn128_g1_multiexp_base, 713'000'000'000);
  set(E::alt_bn128_g1_multiexp_element, 320'000'000'000);
  set(E::alt_bn128_pairing_check_base, 9'686'000'000'000);
  set(E::alt_bn128_pairing_check_element, 5'102'000'000'000);
  set(E::alt_bn128_g1_sum_base, 3'000'000'000);
  set(E::alt_bn128_g1_sum_element, 5'000'000'000);
  set(E::bls12381_p1_sum_base, k * 5'500'000'000);
  set(E::bls12381_p1_sum_element, k * 2'000'000'000);
  set(E::bls12381_p2_sum_base, k * 6'200'000'000);
  set(E::bls12381_p2_sum_element, k * 5'000'000'000);
  set(E::bls12381_g1_multiexp_base, k * 5'500'000'000);
  set(E::bls12381_g1_multiexp_element, k * 310'000'000'000);
  set(E::bls12381_g2_multiexp_base, k * 6'200'000'000);
  set(E::bls12381_g2_multiexp_element, k * 665'000'000'000);
  set(E::bls12381_map_fp_to_g1_base, k * 500'000'000);
  set(E::bls12381_map_fp_to_g1_element, k * 84'000'000'000);
  set(E::bls12381_map_fp2_to_g2_base, k * 500'000'000);
  set(E::bls12381_map_fp2_to_g2_element, k * 300'000'000'000);
  set(E::bls12381_pairing_base, k * 710'000'000'000);
  set(E::bls12381_pairing_element, k * 710'000'000'000);
  set(E::bls12381_p1_decompress_base, k * 500'000'000);
  set(E::bls12381_p1_decompress_element, k * 27'000'000'000);
  set(E::bls12381_p2_decompress_base, k * 500'000'000);
  set(E::bls12381_p2_decompress_element, k * 55'000'000'000);
  set(E::yield_create_base, 300'000'000'000'000);
  set(E::yield_create_byte, 300'000'000'000'000);
  set(E::yield_create_with_id_base, 300'000'000'000'000);
  set(E::yield_resume_base, 300'000'000'000'000);
  set(E::yield_resume_byte, 300'000'000'000'000);
  return c;
}

RuntimeConfig Mainnet() {
  Result<RuntimeConfig> c = MainnetConfig();
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? c.value() : RuntimeConfig{};
}

TestVM::TestVM() : config(Mainnet().wasm_config), fees(TestFees()) {
  // vm_logic_builder.rs get_context().
  context.current_account_id = AccountId::Unchecked("alice.near");
  context.signer_account_id = AccountId::Unchecked("bob.near");
  context.signer_account_pk = {0, 1, 2, 3, 4};
  context.predecessor_account_id = AccountId::Unchecked("carol.near");
  context.refund_to_account_id = AccountId::Unchecked("david.near");
  context.input = std::make_shared<const Bytes>(Bytes{0, 1, 2, 3, 4});
  context.block_height = 10;
  context.block_timestamp = 42;
  context.epoch_height = 1;
  context.account_balance = 100;
  context.storage_usage = 0;
  context.account_locked_balance = 50;
  context.attached_deposit = 10;
  context.prepaid_gas = 100'000'000'000'000;
  context.random_seed = {0, 1, 2};
}

std::unique_ptr<TestVM> TestVM::View() {
  auto vm = std::make_unique<TestVM>();
  vm->context.view_config = ViewConfig{vm->config.limit_config.max_gas_burnt};
  return vm;
}

std::unique_ptr<TestVM> TestVM::Free() {
  auto vm = std::make_unique<TestVM>();
  vm->config.MakeFree();
  vm->fees = RuntimeFeesConfig{};
  return vm;
}

VMLogic& TestVM::Build() {
  VMResult<ExecutionResultState> state =
      ExecutionResultState::Create(context, MakeGasCounter(context, config), config);
  EXPECT_TRUE(state.ok());
  logic_ = std::make_unique<VMLogic>(ext, context, config, fees, std::move(state).value());
  logic_->set_memory(MemoryView{memory.data(), memory.size()});
  return *logic_;
}

MemSlice TestVM::Write(ByteView data) {
  MemSlice s = WriteAt(write_offset_, data);
  write_offset_ += data.size();
  return s;
}

MemSlice TestVM::WriteAt(uint64_t ptr, ByteView data) {
  std::copy(data.begin(), data.end(), memory.begin() + static_cast<ptrdiff_t>(ptr));
  return {ptr, data.size()};
}

Bytes TestVM::Read(uint64_t ptr, uint64_t len) const {
  return Bytes(memory.begin() + static_cast<ptrdiff_t>(ptr),
               memory.begin() + static_cast<ptrdiff_t>(ptr + len));
}

void TestVM::AssertReadRegister(ByteView want, uint64_t register_id) {
  std::optional<uint64_t> len = logic_->registers().GetLen(register_id);
  ASSERT_TRUE(len.has_value());
  uint64_t ptr = kMemorySize - *len;
  ASSERT_TRUE(logic_->ReadRegister(register_id, ptr).ok());
  EXPECT_EQ(Read(ptr, *len), Bytes(want.begin(), want.end()));
}

VMStatus TestVM::WriteRegisterInternal(uint64_t register_id, ByteView data) {
  return logic_->SetRegister(register_id, data);
}

std::map<ExtCost, uint64_t> TestVM::TakeCosts() {
  std::map<ExtCost, uint64_t> c = logic_->gas_counter().CostCounts();
  logic_->gas_counter().ResetCostCounts();
  return c;
}

Bytes U128Le(Balance v) {
  Bytes b(16);
  StoreU128LE(v, b.data());
  return b;
}

Bytes U64Le(uint64_t v) {
  Bytes b(8);
  for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v >> (8 * i));
  return b;
}

VMResult<uint64_t> PromiseCreate(TestVM& vm, std::string_view account_id, Balance amount,
                                 Gas gas) {
  MemSlice a = vm.Write(account_id);
  MemSlice m = vm.Write("promise_create");
  MemSlice g = vm.Write("args");
  MemSlice am = vm.Write(U128Le(amount));
  return vm->PromiseCreate(a.len, a.ptr, m.len, m.ptr, g.len, g.ptr, am.ptr, gas);
}

VMResult<uint64_t> PromiseBatchCreate(TestVM& vm, std::string_view account_id) {
  MemSlice a = vm.Write(account_id);
  return vm->PromiseBatchCreate(a.len, a.ptr);
}

VMStatus PromiseBatchActionFunctionCallExt(TestVM& vm, uint64_t promise_index,
                                           std::string_view method, std::string_view args,
                                           Balance amount, Gas gas) {
  MemSlice m = vm.Write(method);
  MemSlice a = vm.Write(args);
  MemSlice am = vm.Write(U128Le(amount));
  return vm->PromiseBatchActionFunctionCall(promise_index, m.len, m.ptr, a.len, a.ptr, am.ptr,
                                            gas);
}

VMStatus PromiseBatchActionFunctionCall(TestVM& vm, uint64_t promise_index, Balance amount,
                                        Gas gas) {
  return PromiseBatchActionFunctionCallExt(vm, promise_index, "promise_batch_action",
                                           "promise_batch_action_args", amount, gas);
}

VMStatus PromiseBatchActionFunctionCallWeightExt(TestVM& vm, uint64_t promise_index,
                                                 std::string_view method, std::string_view args,
                                                 Balance amount, Gas gas, uint64_t weight) {
  MemSlice m = vm.Write(method);
  MemSlice a = vm.Write(args);
  MemSlice am = vm.Write(U128Le(amount));
  return vm->PromiseBatchActionFunctionCallWeight(promise_index, m.len, m.ptr, a.len, a.ptr,
                                                  am.ptr, gas, weight);
}

VMStatus PromiseBatchActionFunctionCallWeight(TestVM& vm, uint64_t promise_index, Balance amount,
                                              Gas gas, uint64_t weight) {
  return PromiseBatchActionFunctionCallWeightExt(vm, promise_index, "promise_batch_action",
                                                 "promise_batch_action_args", amount, gas, weight);
}

VMStatus PromiseBatchActionAddKeyWithFunctionCall(TestVM& vm, uint64_t promise_index,
                                                  ByteView public_key, uint64_t nonce,
                                                  Balance allowance, std::string_view receiver_id,
                                                  std::string_view method_names) {
  MemSlice pk = vm.Write(public_key);
  MemSlice r = vm.Write(receiver_id);
  MemSlice al = vm.Write(U128Le(allowance));
  MemSlice mn = vm.Write(method_names);
  return vm->PromiseBatchActionAddKeyWithFunctionCall(promise_index, pk.len, pk.ptr, nonce,
                                                      al.ptr, r.len, r.ptr, mn.len, mn.ptr);
}

VMStatus PromiseBatchActionAddKeyWithFullAccess(TestVM& vm, uint64_t promise_index,
                                                ByteView public_key, uint64_t nonce) {
  MemSlice pk = vm.Write(public_key);
  return vm->PromiseBatchActionAddKeyWithFullAccess(promise_index, pk.len, pk.ptr, nonce);
}

Bytes TestPkBorsh(std::string_view base58_key) {
  Result<Bytes> key = Base58Decode(base58_key);
  EXPECT_TRUE(key.ok());
  Bytes out{0};
  if (key.ok()) out.insert(out.end(), key->begin(), key->end());
  return out;
}

std::string CostsToString(const std::map<ExtCost, uint64_t>& costs) {
  std::string s;
  for (const auto& [c, n] : costs) s += std::string(ExtCostName(c)) + ":" + std::to_string(n) + " ";
  return s;
}

}  // namespace nearrt::vm::testing
