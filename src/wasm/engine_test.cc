// Engine behaviour beyond the spec suite: feature switches, bad input,
// NaN canonicalization, translation of branch-heavy code.
#include <gtest/gtest.h>

#include <bit>
#include <cstring>

#include "wasm/test_util.h"

namespace nearrt::wasm {
namespace {

using testing::F32Bits;
using testing::F64Bits;
using testing::Harness;
using testing::LoadWat;

const std::vector<uint8_t> kHeader = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

std::vector<uint8_t> Concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Result<std::shared_ptr<Module>> DecodeWith(const std::vector<uint8_t>& bytes, Features f) {
  ModuleConfig c;
  c.features = f;
  return Module::Decode(bytes, c);
}

TEST(Features, SignExtensionGated) {
  auto bytes = Concat({kHeader, {0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f}, {0x03, 0x02, 0x01, 0x00},
                       {0x0a, 0x07, 0x01, 0x05, 0x00, 0x20, 0x00, 0xc0, 0x0b}});
  EXPECT_TRUE(DecodeWith(bytes, Features::All()).ok());
  EXPECT_TRUE(DecodeWith(bytes, Features::Near()).ok());
  EXPECT_FALSE(DecodeWith(bytes, Features::Mvp()).ok());
}

TEST(Features, MultiValueGated) {
  // (func (result i32 i32) i32.const 1 i32.const 2)
  auto bytes = Concat({kHeader, {0x01, 0x06, 0x01, 0x60, 0x00, 0x02, 0x7f, 0x7f}, {0x03, 0x02, 0x01, 0x00},
                       {0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x01, 0x41, 0x02, 0x0b}});
  EXPECT_TRUE(DecodeWith(bytes, Features::All()).ok());
  auto near = DecodeWith(bytes, Features::Near());
  ASSERT_FALSE(near.ok());
  EXPECT_NE(near.error().message.find("multi-value"), std::string::npos) << near.error().message;
}

TEST(Features, ReferenceTypesGated) {
  // (func ref.null func drop)
  auto bytes = Concat({kHeader, {0x01, 0x04, 0x01, 0x60, 0x00, 0x00}, {0x03, 0x02, 0x01, 0x00},
                       {0x0a, 0x07, 0x01, 0x05, 0x00, 0xd0, 0x70, 0x1a, 0x0b}});
  EXPECT_TRUE(DecodeWith(bytes, Features::Near()).ok());
  EXPECT_FALSE(DecodeWith(bytes, Features::Mvp()).ok());
}

TEST(Features, SaturatingTruncGated) {
  // (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s)
  auto bytes = Concat({kHeader, {0x01, 0x06, 0x01, 0x60, 0x01, 0x7d, 0x01, 0x7f}, {0x03, 0x02, 0x01, 0x00},
                       {0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0xfc, 0x00, 0x0b}});
  EXPECT_TRUE(DecodeWith(bytes, Features::Near()).ok());
  EXPECT_FALSE(DecodeWith(bytes, Features::Mvp()).ok());
}

TEST(Decode, BadInputIsAnErrorNotACrash) {
  EXPECT_FALSE(Module::Decode(std::vector<uint8_t>{}).ok());
  EXPECT_FALSE(Module::Decode(std::vector<uint8_t>{0x00, 0x61, 0x73, 0x6d}).ok());
  EXPECT_FALSE(Module::Decode(Concat({kHeader, {0x01}})).ok());
  EXPECT_FALSE(Module::Decode(Concat({kHeader, {0x01, 0xff, 0xff, 0xff, 0xff, 0x0f}})).ok());
  // A huge declared count must not allocate.
  EXPECT_FALSE(Module::Decode(Concat({kHeader, {0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f}})).ok());
  auto r = Module::Decode(Concat({kHeader, {0x0d, 0x00}}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("section"), std::string::npos);
  // Garbage of every length up to 64 bytes: only errors.
  std::vector<uint8_t> g = kHeader;
  uint32_t x = 12345;
  for (int len = 0; len < 64; ++len) {
    x = x * 1103515245u + 12345u;
    g.push_back(uint8_t(x >> 16));
    (void)Module::Decode(g);
  }
}

TEST(Floats, NanCanonicalizationAsNearcore) {
  // nearcore wasmtime_runner::tests::nan_canonicalization.
  ModuleConfig canon;
  canon.canonicalize_nans = true;
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("floats", canon)));
  std::vector<uint64_t> r;
  ASSERT_TRUE(h.Call("f32_add", {0x7fc12345u, F32Bits(0.0f)}, &r).ok());
  EXPECT_EQ(r[0], 0x7fc00000u);
  ASSERT_TRUE(h.Call("f64_add", {0x7ff8000000012345ull, F64Bits(0.0)}, &r).ok());
  EXPECT_EQ(r[0], 0x7ff8000000000000ull);
  // Sign-bit operations keep the payload (cranelift does not canonicalize them).
  ASSERT_TRUE(h.Call("f32_neg", {0x7fc12345u}, &r).ok());
  EXPECT_EQ(r[0], 0xffc12345u);
  // runtime_errors::test_nan_sign: copysign(1, sqrt(-1)) is positive.
  ASSERT_TRUE(h.Call("copysign_sqrt", {}, &r).ok());
  EXPECT_EQ(r[0], F32Bits(1.0f));

  // Without canonicalization the payload propagates (quieted).
  Harness plain;
  ASSERT_TRUE(plain.Instantiate(LoadWat("floats")));
  ASSERT_TRUE(plain.Call("f32_add", {0x7fc12345u, F32Bits(0.0f)}, &r).ok());
  EXPECT_EQ(r[0], 0x7fc12345u);
}

TEST(Translation, BranchesWithValues) {
  for (bool metered : {false, true}) {
    Harness h;
    ASSERT_TRUE(h.Instantiate(LoadWat("branches", metered ? testing::Metered() : ModuleConfig{})));
    std::vector<uint64_t> r;
    // br_table $a $b $c $d (default $d) on 100, then +1/+2/+3 per block.
    const uint32_t expect[] = {101, 102, 103, 100, 100};
    for (uint32_t x = 0; x < 5; ++x) {
      ASSERT_TRUE(h.Call("classify", {x}, &r).ok());
      EXPECT_EQ(r[0], expect[x]) << "x=" << x << " metered=" << metered;
    }
    // sum_if(n): odd k adds k, even k subtracts 1.
    for (uint32_t n : {0u, 1u, 2u, 7u, 100u}) {
      int32_t s = 0;
      for (uint32_t k = n; k > 0; --k) s = (k & 1) ? s + int32_t(k) : s - 1;
      ASSERT_TRUE(h.Call("sum_if", {n}, &r).ok());
      EXPECT_EQ(int32_t(r[0]), s) << "n=" << n;
    }
  }
}

TEST(Runtime, MemoryGrowWithinMaximum) {
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("grow")));
  std::vector<uint64_t> r;
  ASSERT_TRUE(h.Call("grow", {2}, &r).ok());
  EXPECT_EQ(r[0], 1u);
  ASSERT_TRUE(h.Call("grow", {2}, &r).ok());
  EXPECT_EQ(r[0], 0xFFFFFFFFu);  // 5 pages > max 4
  ASSERT_TRUE(h.Call("grow", {1}, &r).ok());
  EXPECT_EQ(r[0], 3u);
}

TEST(Runtime, DeepRecursionIsATrapNotACrash) {
  Harness h;
  ASSERT_TRUE(h.Instantiate(LoadWat("recurse")));
  EXPECT_EQ(h.Call("main", {}).trap, TrapCode::CallStackExhausted);
  // The thread is reusable afterwards.
  EXPECT_EQ(h.Call("main", {}).trap, TrapCode::CallStackExhausted);
}

}  // namespace
}  // namespace nearrt::wasm

namespace nearrt::wasm {
namespace {

TEST(Runtime, PooledMemoryComesBackZeroed) {
  MemoryPool pool;
  auto module = testing::LoadWat("scribble");
  ASSERT_TRUE(module);
  const uint8_t* first_data = nullptr;
  for (int round = 0; round < 3; ++round) {
    Store store(&pool);
    Thread thread;
    auto inst = store.Instantiate(module, {}, thread);
    ASSERT_TRUE(inst.ok() && inst->exec.ok());
    MemoryInstance* mem = inst->instance->memory0();
    ASSERT_EQ(mem->pages(), 1u) << "round " << round;
    if (round == 0) first_data = mem->data();
    if (round > 0) EXPECT_EQ(mem->data(), first_data) << "the pooled memory is reused";
    // Everything but the data segment is zero, whatever the last call wrote.
    for (uint64_t i = 0; i < mem->size(); ++i) {
      if (i >= 100 && i < 112) continue;
      ASSERT_EQ(mem->data()[i], 0) << "byte " << i << " round " << round;
    }
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(mem->data()) + 100, 12), "data segment");
    FuncInst* f = inst->instance->GetFunction("scribble");
    ASSERT_TRUE(thread.Invoke(f, {}, nullptr).ok());
    EXPECT_EQ(mem->pages(), 3u);
    EXPECT_EQ(mem->data()[65535], 0xFF);
    EXPECT_EQ(mem->data()[65536 + 3], 0xFF);  // the i64 store crossed into page 1
    EXPECT_EQ(mem->data()[131072 + 999], 0xAB);
    EXPECT_EQ(mem->data()[100000], 5);
  }
  EXPECT_EQ(pool.size(), 1u);
  // After growth the bytes beyond the initial size are zero again too.
  Store store(&pool);
  Thread thread;
  auto inst = store.Instantiate(module, {}, thread);
  ASSERT_TRUE(inst.ok());
  MemoryInstance* mem = inst->instance->memory0();
  ASSERT_EQ(mem->Grow(3), 1u);
  for (uint64_t i = 65536; i < mem->size(); ++i) ASSERT_EQ(mem->data()[i], 0) << "byte " << i;
}

}  // namespace
}  // namespace nearrt::wasm
