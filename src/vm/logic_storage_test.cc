// Storage and validator host functions: nearcore runtime/near-vm-runner/src/
// logic/tests/{storage_read_write.rs, storage_usage.rs} ported, plus the
// charge order of vm.md 1.8 (large reads, evicted bytes, proof-size limit).
#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::IsHost;
using testing::MemSlice;
using testing::TestVM;
using E = ExtCost;

TEST(LogicStorageTest, WriteWithRegister) {
  TestVM vm;
  vm.Build();
  ASSERT_TRUE(vm.WriteRegisterInternal(1, AsBytes("foo")).ok());
  ASSERT_TRUE(vm.WriteRegisterInternal(2, AsBytes("bar")).ok());
  ASSERT_TRUE(vm->StorageWrite(UINT64_MAX, 1, UINT64_MAX, 2, 0).ok());
  EXPECT_EQ(vm.ext.state().at(ToBytes("foo")), ToBytes("bar"));
}

TEST(LogicStorageTest, ReadWithRegister) {
  TestVM vm;
  vm.ext.state()[ToBytes("foo")] = ToBytes("bar");
  vm.Build();
  ASSERT_TRUE(vm.WriteRegisterInternal(1, AsBytes("foo")).ok());
  EXPECT_EQ(*vm->StorageRead(UINT64_MAX, 1, 0), 1u);
  vm.AssertReadRegister(AsBytes("bar"), 0);
}

TEST(LogicStorageTest, RemoveWithRegister) {
  TestVM vm;
  vm.Build();
  MemSlice k = vm.Write("foo");
  MemSlice v = vm.Write("bar");
  ASSERT_TRUE(vm->StorageWrite(k.len, k.ptr, v.len, v.ptr, 0).ok());
  ASSERT_TRUE(vm.WriteRegisterInternal(1, AsBytes("foo")).ok());
  EXPECT_EQ(*vm->StorageRemove(UINT64_MAX, 1, 0), 1u);
  vm.AssertReadRegister(AsBytes("bar"), 0);
  EXPECT_TRUE(vm.ext.state().empty());
}

TEST(LogicStorageTest, HasKeyWithRegister) {
  TestVM vm;
  vm.ext.state()[ToBytes("foo")] = ToBytes("bar");
  vm.Build();
  ASSERT_TRUE(vm.WriteRegisterInternal(1, AsBytes("foo")).ok());
  EXPECT_EQ(*vm->StorageHasKey(UINT64_MAX, 1), 1u);
}

// storage_usage.rs
TEST(LogicStorageTest, WriteCounter) {
  TestVM vm;
  uint64_t record = vm.fees.storage_usage_config.num_extra_bytes_record;
  vm.Build();
  MemSlice k = vm.Write("foo");
  MemSlice v = vm.Write("bar");
  ASSERT_TRUE(vm->StorageWrite(k.len, k.ptr, v.len, v.ptr, 0).ok());
  EXPECT_EQ(*vm->StorageUsage(), record + k.len + v.len);
  ASSERT_TRUE(vm->StorageWrite(k.len, k.ptr, v.len, v.ptr, 0).ok());
  EXPECT_EQ(*vm->StorageUsage(), record + k.len + v.len);
}

TEST(LogicStorageTest, RemoveCounter) {
  TestVM vm;
  vm.Build();
  MemSlice k = vm.Write("foo");
  MemSlice v = vm.Write("bar");
  ASSERT_TRUE(vm->StorageWrite(k.len, k.ptr, v.len, v.ptr, 0).ok());
  ASSERT_TRUE(vm->StorageRemove(k.len, k.ptr, 0).ok());
  EXPECT_EQ(*vm->StorageUsage(), 0u);
}

TEST(LogicStorageTest, WriteChargesAndEvictedValue) {
  TestVM vm;
  vm.Build();
  MemSlice k = vm.Write("key");
  MemSlice v1 = vm.Write("value");
  MemSlice v2 = vm.Write("v2");
  EXPECT_EQ(*vm->StorageWrite(k.len, k.ptr, v1.len, v1.ptr, 0), 0u);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::storage_write_base, 1}, {E::read_memory_base, 2},
                      {E::read_memory_byte, 8}, {E::storage_write_key_byte, 3},
                      {E::storage_write_value_byte, 5});
  EXPECT_EQ(*vm->StorageWrite(k.len, k.ptr, v2.len, v2.ptr, 4), 1u);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::storage_write_base, 1}, {E::read_memory_base, 2},
                      {E::read_memory_byte, 5}, {E::storage_write_key_byte, 3},
                      {E::storage_write_value_byte, 2}, {E::write_register_base, 1},
                      {E::write_register_byte, 5});
  vm.AssertReadRegister(AsBytes("value"), 4);
  // Usage: 3 + 5 + 40, then the value shrinks by 3.
  EXPECT_EQ(vm.Outcome().storage_usage, 45u);
}

TEST(LogicStorageTest, EvictedAndRemovedBytesWhenTheExternalChargesThem) {
  TestVM vm;
  vm.ext.set_charge_value_bytes(true);
  vm.ext.state()[ToBytes("k")] = Bytes(10, 1);
  vm.context.storage_usage = 100;
  vm.Build();
  MemSlice k = vm.Write("k");
  MemSlice v = vm.Write("v");
  ASSERT_TRUE(vm->StorageWrite(k.len, k.ptr, v.len, v.ptr, 0).ok());
  EXPECT_EQ(vm.TakeCosts()[E::storage_write_evicted_byte], 10u);
  ASSERT_TRUE(vm->StorageRemove(k.len, k.ptr, 0).ok());
  EXPECT_EQ(vm.TakeCosts()[E::storage_remove_ret_value_byte], 1u);
  EXPECT_EQ(vm.Outcome().storage_usage, 100u - 9 - (1 + 1 + 40));
}

TEST(LogicStorageTest, ReadChargesAndLargeValueOverhead) {
  TestVM vm;
  vm.ext.state()[ToBytes("small")] = Bytes(4000, 1);
  vm.ext.state()[ToBytes("large")] = Bytes(4001, 1);
  vm.Build();
  MemSlice s = vm.Write("small");
  MemSlice l = vm.Write("large");
  MemSlice m = vm.Write("missing");
  EXPECT_EQ(*vm->StorageRead(s.len, s.ptr, 0), 1u);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::storage_read_base, 1}, {E::read_memory_base, 1},
                      {E::read_memory_byte, 5}, {E::storage_read_key_byte, 5},
                      {E::storage_read_value_byte, 4000}, {E::write_register_base, 1},
                      {E::write_register_byte, 4000});
  EXPECT_EQ(*vm->StorageRead(l.len, l.ptr, 0), 1u);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::storage_read_base, 1}, {E::read_memory_base, 1},
                      {E::read_memory_byte, 5}, {E::storage_read_key_byte, 5},
                      {E::storage_read_value_byte, 4001},
                      {E::storage_large_read_overhead_base, 1},
                      {E::storage_large_read_overhead_byte, 4001}, {E::write_register_base, 1},
                      {E::write_register_byte, 4001});
  EXPECT_EQ(*vm->StorageRead(m.len, m.ptr, 0), 0u);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::storage_read_base, 1}, {E::read_memory_base, 1},
                      {E::read_memory_byte, 7}, {E::storage_read_key_byte, 7});
  // compute_usage counts the large-read overhead at its compute cost.
  VMOutcome o = vm.Outcome();
  EXPECT_GT(o.compute_usage, o.burnt_gas + 40'000'000'000u);
}

TEST(LogicStorageTest, ExactGasOfAWrite) {
  // base + storage_write_base + read 2 x (base + n bytes) + key/value bytes,
  // with the mainnet PV86 costs of parameters.md.
  TestVM vm;
  vm.Build();
  MemSlice k = vm.Write("abc");
  MemSlice v = vm.Write("hello");
  ASSERT_TRUE(vm->StorageWrite(k.len, k.ptr, v.len, v.ptr, 0).ok());
  Gas want = 264768111ULL + 64196736000ULL + 2 * 2609863200ULL + 8 * 3801333ULL +
             3 * 70482867ULL + 5 * 31018539ULL;
  EXPECT_EQ(vm.Outcome().burnt_gas, want);
  EXPECT_EQ(vm.Outcome().used_gas, want);
}

class ProofSizeExternal : public MemoryExternal {
 public:
  uint64_t GetRecordedStorageSize() const override { return size; }
  uint64_t size = 1000;
};

TEST(LogicStorageTest, RecordedStorageLimit) {
  ProofSizeExternal ext;
  TestVM vm;
  VMResult<ExecutionResultState> st =
      ExecutionResultState::Create(vm.context, MakeGasCounter(vm.context, vm.config), vm.config);
  VMLogic logic(ext, vm.context, vm.config, vm.fees, std::move(st).value());
  logic.set_memory(MemoryView{vm.memory.data(), vm.memory.size()});
  MemSlice k = vm.Write("k");
  ext.size = 1000 + 4'000'000;  // exactly the limit recorded by this receipt
  EXPECT_TRUE(logic.StorageHasKey(k.len, k.ptr).ok());
  ext.size = 1000 + 4'000'001;
  VMResult<uint64_t> r = logic.StorageHasKey(k.len, k.ptr);
  EXPECT_EQ(r.error(),
            VMLogicError(HostError(HostErrorKind::RecordedStorageExceeded, 4'000'000)));
  EXPECT_EQ(r.error().Message(),
            "Size of the recorded trie storage proof has exceeded the allowed limit (4.0 MB)");
}

TEST(LogicValidatorTest, StakeAndTotal) {
  TestVM vm;
  vm.ext.validators()[AccountId::Unchecked("v1.near")] = 100;
  vm.ext.validators()[AccountId::Unchecked("v2.near")] = 50;
  vm.Build();
  MemSlice a = vm.Write("v1.near");
  MemSlice none = vm.Write("nobody.near");
  ASSERT_TRUE(vm->ValidatorStake(a.len, a.ptr, 1000).ok());
  EXPECT_TRUE(LoadU128LE(vm.memory.data() + 1000) == 100);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 7},
                      {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, 7},
                      {E::validator_stake_base, 1}, {E::write_memory_base, 1},
                      {E::write_memory_byte, 16});
  ASSERT_TRUE(vm->ValidatorStake(none.len, none.ptr, 1000).ok());
  EXPECT_TRUE(LoadU128LE(vm.memory.data() + 1000) == 0);
  vm.TakeCosts();
  ASSERT_TRUE(vm->ValidatorTotalStake(2000).ok());
  EXPECT_TRUE(LoadU128LE(vm.memory.data() + 2000) == 150);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::validator_total_stake_base, 1},
                      {E::write_memory_base, 1}, {E::write_memory_byte, 16});
  MemSlice bad = vm.Write("Not.Valid");
  EXPECT_EQ(vm->ValidatorStake(bad.len, bad.ptr, 0).error(),
            VMLogicError(HostErrorKind::InvalidAccountId));
  MemSlice bad8 = vm.Write(Bytes{0xff, 0xfe});
  EXPECT_EQ(vm->ValidatorStake(bad8.len, bad8.ptr, 0).error(),
            VMLogicError(HostErrorKind::BadUTF8));
}

}  // namespace
}  // namespace nearrt::vm
