// nearcore's whole-call vectors (vm.md §5, from runtime/near-vm-runner/src/
// tests/{runtime_errors,compile_errors,wasm_validation,regression_tests}.rs):
// exact gas, outcome and error message at PV 86.
#include "vm/runner.h"

#include <gtest/gtest.h>

#include "vm/config_store.h"
#include "vm/logic_test_util.h"
#include "vm/memory_external.h"
#include "vm/wat_for_test.h"

namespace nearrt::vm {
namespace {

using vm::testing::Wat;

// test_builder.rs defaults.
VMContext BuilderContext(Gas prepaid = 100'000'000'000'000) {
  VMContext c;
  c.current_account_id = AccountId::Unchecked("alice");
  c.signer_account_id = AccountId::Unchecked("bob");
  c.signer_account_pk = {0, 1, 2};
  c.predecessor_account_id = AccountId::Unchecked("carol");
  c.refund_to_account_id = AccountId::Unchecked("david");
  c.block_height = 10;
  c.block_timestamp = 42;
  c.epoch_height = 1;
  c.account_balance = 2;
  c.storage_usage = 12;
  c.attached_deposit = 2;
  c.prepaid_gas = prepaid;
  c.random_seed = {0, 1, 2};
  return c;
}

constexpr Gas kD = 100'000'000'000'000;  // test_builder's default prepaid gas

struct Vector {
  int number;
  const char* wat;
  const char* method;
  Gas prepaid;
  size_t expected_length;  // L: wasm bytes as Rust's `wat` crate emits them (0: unchecked)
  // nearcore's `{:?}` of the outcome, then "Err: <message>" if it failed.
  const char* expect;
};

const Vector kVectors[] = {
    {1, R"((module (func (export "main"))))", "main", kD, 34,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 79064041 used gas 79064041"},
    {2, R"((module (func (export "main"))))", "no-such-method", kD, 34,
     "VMOutcome: balance 0 storage_usage 0 return data None burnt gas 0 used gas 0\n"
     "Err: MethodNotFound"},
    {3, R"((module (func (export "main"))))", "", kD, 34,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
     "Err: MethodEmptyName"},
    {4, R"((module (func (export "main") (unreachable))))", "main", kD, 35,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 80976092 used gas 80976092\n"
     "Err: WebAssembly trap: An `unreachable` opcode was executed."},
    {5, R"((module (func $f (export "main") (unreachable)) (start $f)))", "main", kD, 51,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 98404812 used gas 98404812\n"
     "Err: WebAssembly trap: An `unreachable` opcode was executed."},
    {6, R"((module (func (export "main") i32.const 1 i32.const 0 i32.div_s return)))", "main", kD, 40,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 88068079 used gas 88068079\n"
     "Err: WebAssembly trap: An arithmetic exception, e.g. divided by zero."},
    {7, R"((module (func (export "main") f64.const 0x1p+1023 i32.trunc_f64_s return)))", "main", kD, 45,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 92691798 used gas 92691798\n"
     "Err: WebAssembly trap: An arithmetic exception, e.g. divided by zero."},
    {7, R"((module (func (export "main") f64.const 0x1p+1023 i32.trunc_f64_u return)))", "main", kD, 45,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 92691798 used gas 92691798\n"
     "Err: WebAssembly trap: An arithmetic exception, e.g. divided by zero."},
    {7, R"((module (func (export "main") f64.const 0x1p+1023 i64.trunc_f64_s return)))", "main", kD, 45,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 92691798 used gas 92691798\n"
     "Err: WebAssembly trap: An arithmetic exception, e.g. divided by zero."},
    {7, R"((module (func (export "main") f64.const 0x1p+1023 i64.trunc_f64_u return)))", "main", kD, 45,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 92691798 used gas 92691798\n"
     "Err: WebAssembly trap: An arithmetic exception, e.g. divided by zero."},
    {8, R"((module (type $ty (func)) (table 1 funcref) (func (export "main") i32.const 0 call_indirect (type $ty) return)))",
     "main", kD, 60, "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 109031223 used gas 109031223\n"
                    "Err: WebAssembly trap: Indirect call to null."},
    {9, R"((module (type $ty (func (result i32))) (func $f) (table 1 funcref) (elem (i32.const 0) $f) (func (export "main") i32.const 0 call_indirect (type $ty) return)))",
     "main", kD, 83, "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 134085008 used gas 134085008\n"
                    "Err: WebAssembly trap: Call indirect incorrect signature trap."},
    {10, R"((module (func (export "main") (param i32))))", "main", kD, 35,
     "VMOutcome: balance 0 storage_usage 0 return data None burnt gas 0 used gas 0\n"
     "Err: MethodInvalidSignature"},
    {11, R"((module (import "env" "panic" (func $panic)) (func (export "main") (call $panic))))", "main", kD, 68,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 381690938 used gas 381690938\n"
     "Err: Smart contract panicked: explicit guest panic"},
    {12, R"((module (import "env" "panic" (func $panic)) (export "main" (func $panic))))", "main", kD, 56,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 361214594 used gas 361214594\n"
     "Err: Smart contract panicked: explicit guest panic"},
    {13, R"((module (func $f (export "main") (call $f))))", "main", kD, 49,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 30418898602 used gas 30418898602\n"
     "Err: Accessed memory outside the bounds."},
    {15, R"((module (memory 1 128) (func (export "main") (drop (memory.grow (i32.const 1))))))", "main",
     10'000'000'000, 46,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 120932041 used gas 120932041"},
    {16, R"((module (memory 1 128) (func (export "main") (drop (memory.grow (i32.const 10))))))", "main",
     10'000'000'000, 46,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 128336845 used gas 128336845"},
    {17, R"((module (table 1 128 funcref) (func (export "main") (drop (table.grow 0 (ref.null func) (i32.const 1))))))",
     "main", 10'000'000'000, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 126111977 used gas 126111977"},
    {18, R"((module (table 1 128 funcref) (func (export "main") (drop (table.grow 0 (ref.null func) (i32.const 10))))))",
     "main", 10'000'000'000, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 133516781 used gas 133516781"},
    {19, R"((module (memory 17 32) (func (export "main") (loop (memory.grow (i32.const 1)) drop br 0))))", "main",
     10'000'000'000, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 10000000000 used gas 10000000000\n"
     "Err: Exceeded the prepaid gas."},
    {20, R"((module (func $start (loop (br 0))) (func (export "main")) (start $start)))", "main", 10'000'000'000, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 10000000000 used gas 10000000000\n"
     "Err: Exceeded the prepaid gas."},
    {21, R"((module (func $f (export "main") nop) (start $f)))", "main", 0, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
     "Err: Exceeded the prepaid gas."},
    {22, R"((module (import "env" "prepaid_gas" (func $prepaid_gas (result i64))) (func (export "main") (drop (call $prepaid_gas)))))",
     "main", kD, 85, "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 401031709 used gas 401031709"},
    {23, R"((module (import "env" "prepaid_gas" (func $prepaid_gas (result i64))) (func (export "main") (drop (call $prepaid_gas)))))",
     "main", 100, 85,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 100 used gas 100\n"
     "Err: Exceeded the prepaid gas."},
    {27, R"((module (func (export "main"))))", "non_empty_non_existing", 1, 34,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 1 used gas 1\n"
     "Err: Exceeded the prepaid gas."},
    {28, R"((module (import "env" "gas" (func $gas (param i32))) (func (export "main") (call $gas (i32.const 0xffff_ffff)))))",
     "main", kD, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 100000000000000 used gas 100000000000000\n"
     "Err: Exceeded the maximum amount of gas allowed to burn per contract."},
    {30, R"((module (type (;0;) (func)) (func (;0;) (type 0) memory.size drop) (memory (;0;) 1 1024) (export "foo" (func 0))))",
     "foo", kD, 43,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 90513208 used gas 90513208"},
    {36, R"((module (func (export "main") call 4294967295)))", "abort_with_zero", kD, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
     "Err: PrepareError: Error happened while deserializing the module."},
    {37, R"((module (func $f (param i32)) (start 0) (func (export "main"))))", "main", kD, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
     "Err: PrepareError: Error happened while deserializing the module."},
    {38, R"((module (import "no-such-module" "no-such-fn" (func $f)) (export "main" (func $f))))", "main", kD, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
     "Err: PrepareError: Error happened during instantiation."},
    {39, R"((module (import "env" "no-such-fn" (func $f)) (export "main" (func $f))))", "main", kD, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 97535778 used gas 97535778\n"
     "Err: unknown or invalid import"},
    {40, R"((module (memory (export "foo") 42 42) (func (export "main"))))", "main", kD, 46,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 92135581 used gas 92135581"},
    {41, R"((module (func (export "main")) (table 0 funcref) (table 0 funcref) (table 0 funcref) (table 0 funcref) (table 0 funcref) (table 0 funcref)))",
     "main", kD, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
     "Err: PrepareError: Too many tables declared in the contract."},
    {42, R"((module (func (export "main")) (table 1000001 funcref)))", "main", kD, 0,
     "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
     "Err: PrepareError: Too many table elements declared in the contract."},
};

// test_builder.rs: the outcome without its abort part, then "Err: <msg>".
std::string Describe(const VMOutcome& o) {
  std::string s = o.DebugString();
  size_t cut = s.find(" failed with ");
  if (cut != std::string::npos) s.resize(cut);
  if (o.aborted) s += "\nErr: " + o.aborted->Message();
  return s;
}

RuntimeConfig Pv86() {
  auto c = MainnetConfig(86);
  EXPECT_TRUE(c.ok());
  RuntimeConfig config = *c;
  config.fees = vm::testing::TestFees();
  return config;
}

TEST(RunnerVectors, NearcoreTestBuilderVectors) {
  RuntimeConfig config = Pv86();
  for (const Vector& v : kVectors) {
    SCOPED_TRACE("vector " + std::to_string(v.number) + ": " + v.wat);
    Bytes code = Wat(v.wat);
    ASSERT_FALSE(code.empty()) << "wat2wasm failed";
    if (v.expected_length) {
      EXPECT_EQ(code.size(), v.expected_length);
    }
    MemoryExternal ext;
    VMContext ctx = BuilderContext(v.prepaid);
    auto outcome = vm::Run(ContractCode::FromBytes(code), v.method, ext, ctx, config);
    ASSERT_TRUE(outcome.ok()) << outcome.error().Message();
    EXPECT_EQ(Describe(*outcome), v.expect);
  }
}

TEST(RunnerVectors, GarbageContract) {
  // compile_errors.rs test_garbage_contract: empty code.
  RuntimeConfig config = Pv86();
  MemoryExternal ext;
  auto outcome = vm::Run(ContractCode::FromBytes({}), "main", ext, BuilderContext(), config);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(Describe(*outcome),
            "VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\n"
            "Err: PrepareError: Error happened while deserializing the module.");
}

TEST(RunnerVectors, CacheGivesTheSameOutcome) {
  RuntimeConfig config = Pv86();
  ContractCache cache;
  Bytes code = Wat(R"((module (import "env" "panic" (func $panic)) (func (export "main") (call $panic))))");
  ContractCode cc = ContractCode::FromBytes(code);
  std::string first;
  for (int i = 0; i < 3; ++i) {
    MemoryExternal ext;
    auto outcome = vm::Run(cc, "main", ext, BuilderContext(), config, &cache);
    ASSERT_TRUE(outcome.ok());
    if (i == 0) first = Describe(*outcome);
    EXPECT_EQ(Describe(*outcome), first);
  }
  EXPECT_EQ(cache.size(), 1u);
}

}  // namespace
}  // namespace nearrt::vm
