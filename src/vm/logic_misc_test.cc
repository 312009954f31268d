// Hashes, signatures, curves, limits and value_return: nearcore
// runtime/near-vm-runner/src/logic/tests/{miscs.rs, ed25519_verify.rs,
// p256_verify.rs} ported, ecrecover against shared/testdata/crypto/
// ecrecover-nearcore.txt (nearcore's ecrecover-tests.json).
#include <fstream>
#include <sstream>

#include "crypto/sha256.h"
#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::IsHost;
using testing::MemSlice;
using testing::TestVM;
using E = ExtCost;

Bytes Hex(std::string_view h) { return *HexDecode(h); }

TEST(LogicMiscTest, Hashes) {
  struct Case {
    const char* name;
    VMStatus (VMLogic::*fn)(uint64_t, uint64_t, uint64_t);
    Bytes want;
    E base, per;
    uint64_t per_count;
  };
  // miscs.rs known answers for "tesdsst".
  const Case cases[] = {
      {"sha256", &VMLogic::Sha256,
       Bytes{18,  176, 115, 156, 45, 100, 241, 132, 180, 134, 77,  42,  105, 111, 199, 127,
             118, 112, 92,  255, 88, 43,  83,  147, 122, 55,  26,  36,  42,  156, 160, 158},
       E::sha256_base, E::sha256_byte, 7},
      {"keccak256", &VMLogic::Keccak256,
       Bytes{104, 110, 58,  122, 230, 181, 215, 145, 231, 229, 49, 162, 123, 167, 177, 58,
             26,  142, 129, 173, 7,   37,  9,   26,  233, 115, 64, 102, 61,  85,  10,  159},
       E::keccak256_base, E::keccak256_byte, 7},
      {"keccak512", &VMLogic::Keccak512,
       Bytes{55,  134, 96,  137, 168, 122, 187, 95,  67,  76,  18,  122, 146, 11,  225, 106,
             117, 194, 154, 157, 48,  160, 90,  146, 104, 209, 118, 126, 222, 230, 200, 125,
             48,  73,  197, 236, 123, 173, 192, 197, 90,  153, 167, 121, 100, 88,  209, 240,
             137, 86,  239, 41,  87,  128, 219, 249, 136, 203, 220, 109, 46,  168, 234, 190},
       E::keccak512_base, E::keccak512_byte, 7},
      {"ripemd160", &VMLogic::Ripemd160,
       Bytes{21, 102, 156, 115, 232, 3, 58, 215, 35, 84, 129, 30, 143, 86, 212, 104, 70, 97, 14,
             225},
       E::ripemd160_base, E::ripemd160_block, 1},
  };
  for (const Case& c : cases) {
    TestVM vm;
    vm.Build();
    MemSlice d = vm.Write("tesdsst");
    ASSERT_TRUE((vm.logic().*c.fn)(d.len, d.ptr, 0).ok()) << c.name;
    vm.AssertReadRegister(c.want, 0);
    uint64_t n = c.want.size();
    std::map<ExtCost, uint64_t> want = {{E::base, 1},
                                        {E::read_memory_base, 1},
                                        {E::read_memory_byte, d.len},
                                        {E::write_memory_base, 1},
                                        {E::write_memory_byte, n},
                                        {E::read_register_base, 1},
                                        {E::read_register_byte, n},
                                        {E::write_register_base, 1},
                                        {E::write_register_byte, n},
                                        {c.base, 1},
                                        {c.per, c.per_count}};
    EXPECT_EQ(testing::CostsToString(vm.TakeCosts()), testing::CostsToString(want)) << c.name;
  }
}

// miscs.rs test_hash256_register
TEST(LogicMiscTest, Sha256FromRegister) {
  TestVM vm;
  vm.Build();
  ASSERT_TRUE(vm.WriteRegisterInternal(1, AsBytes("tesdsst")).ok());
  ASSERT_TRUE(vm->Sha256(UINT64_MAX, 1, 0).ok());
  crypto::Digest32 want = crypto::Sha256Hash(AsBytes("tesdsst"));
  vm.AssertReadRegister(want, 0);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::write_memory_base, 1}, {E::write_memory_byte, 32},
                      {E::read_register_base, 2}, {E::read_register_byte, 39},
                      {E::write_register_base, 2}, {E::write_register_byte, 39},
                      {E::sha256_base, 1}, {E::sha256_byte, 7});
}

TEST(LogicMiscTest, Ripemd160Blocks) {
  // (len + 8) / 64 + 1 blocks.
  for (auto [len, blocks] : std::vector<std::pair<uint64_t, uint64_t>>{
           {0, 1}, {55, 1}, {56, 2}, {119, 2}, {120, 3}}) {
    TestVM vm;
    vm.Build();
    MemSlice d = vm.Write(Bytes(len, 'a'));
    ASSERT_TRUE(vm->Ripemd160(d.len, d.ptr, 0).ok());
    EXPECT_EQ(vm.TakeCosts()[E::ripemd160_block], blocks) << len;
  }
}

// miscs.rs test_ecrecover over nearcore's vectors.
TEST(LogicMiscTest, EcrecoverVectors) {
  std::ifstream in(std::string(NEARRT_SHARED_DIR) + "/testdata/crypto/ecrecover-nearcore.txt");
  ASSERT_TRUE(in.good());
  std::string line;
  int n = 0, recovered = 0;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string m, v, sig, mc, res;
    if (!(ss >> m >> v >> sig >> mc >> res)) continue;
    TestVM vm;
    vm.Build();
    MemSlice mm = vm.Write(Hex(m));
    MemSlice ss2 = vm.Write(Hex(sig));
    VMResult<uint64_t> r =
        vm->Ecrecover(mm.len, mm.ptr, ss2.len, ss2.ptr, std::stoull(v), std::stoull(mc), 1);
    ASSERT_TRUE(r.ok()) << line;
    bool want = res != "-";
    EXPECT_EQ(*r, want ? 1u : 0u) << line;
    if (want) {
      NEARRT_EXPECT_COSTS(vm, {E::read_memory_base, 2}, {E::read_memory_byte, 96},
                          {E::write_register_base, 1}, {E::write_register_byte, 64},
                          {E::ecrecover_base, 1});
      vm.AssertReadRegister(Hex(res), 1);
      ++recovered;
    } else {
      NEARRT_EXPECT_COSTS(vm, {E::read_memory_base, 2}, {E::read_memory_byte, 96},
                          {E::ecrecover_base, 1});
    }
    ++n;
  }
  EXPECT_EQ(n, 161);  // every vector of the file ran
  EXPECT_EQ(recovered, 35);
}

TEST(LogicMiscTest, EcrecoverArgumentErrors) {
  TestVM vm;
  vm.Build();
  MemSlice h = vm.Write(Bytes(32, 1));
  MemSlice s63 = vm.Write(Bytes(63, 1));
  MemSlice s64 = vm.Write(Bytes(64, 1));
  MemSlice h31 = vm.Write(Bytes(31, 1));
  auto msg = [](const VMResult<uint64_t>& r) { return r.error().Message(); };
  EXPECT_EQ(msg(vm->Ecrecover(h.len, h.ptr, s63.len, s63.ptr, 0, 0, 1)),
            "ECDSA recover error: The length of the signature: 63, exceeds the limit of 64 bytes");
  NEARRT_EXPECT_COSTS(vm, {E::ecrecover_base, 1}, {E::read_memory_base, 1},
                      {E::read_memory_byte, 63});
  EXPECT_EQ(msg(vm->Ecrecover(h.len, h.ptr, s64.len, s64.ptr, 4, 0, 1)),
            "ECDSA recover error: V recovery byte 0 through 3 are valid but was provided 4");
  NEARRT_EXPECT_COSTS(vm, {E::ecrecover_base, 1}, {E::read_memory_base, 1},
                      {E::read_memory_byte, 64});
  EXPECT_EQ(msg(vm->Ecrecover(h31.len, h31.ptr, s64.len, s64.ptr, 0, 0, 1)),
            "ECDSA recover error: The length of the hash: 31, exceeds the limit of 32 bytes");
  EXPECT_EQ(msg(vm->Ecrecover(h.len, h.ptr, s64.len, s64.ptr, 0, 2, 1)),
            "ECDSA recover error: Malleability flag needs to be 0 or 1, but is instead 2");
}

// ed25519_verify.rs
const Bytes kSig = {145, 193, 203, 18,  114, 227, 14,  117, 33,  213, 121, 66,  130,
                    14,  25,  4,   36,  120, 46,  142, 226, 215, 7,   66,  122, 112,
                    97,  30,  249, 135, 61,  165, 221, 249, 252, 23,  105, 40,  56,
                    70,  31,  152, 236, 141, 154, 122, 207, 20,  75,  118, 79,  90,
                    168, 6,   221, 122, 213, 29,  126, 196, 216, 104, 191, 6};
const Bytes kPk = {32,  122, 6,  120, 146, 130, 30,  37,  215, 112, 241,
                   251, 160, 196, 124, 17,  255, 75,  129, 62,  84,  22,
                   46,  206, 158, 184, 57,  224, 118, 35,  26,  182};
const Bytes kMsg = {107, 97,  106, 100, 108, 102, 107, 106, 97, 108, 107,
                    102, 106, 97,  107, 108, 102, 106, 100, 107, 108, 97,
                    100, 106, 102, 107, 108, 106, 97,  100, 115, 107};

struct SigCase {
  uint64_t sig_len;
  Bytes sig;
  uint64_t msg_len;
  Bytes msg;
  uint64_t pk_len;
  Bytes pk;
  std::optional<uint64_t> want;  // nullopt: the error `error`
  std::string error;
  std::map<ExtCost, uint64_t> costs;
};

template <class Fn>
void CheckSig(const SigCase& c, Fn call) {
  TestVM vm;
  vm.Build();
  auto place = [&](uint64_t len, const Bytes& data, uint64_t reg) -> uint64_t {
    if (len == UINT64_MAX) {
      EXPECT_TRUE(vm.WriteRegisterInternal(reg, data).ok());
      return reg;
    }
    return vm.Write(data).ptr;
  };
  uint64_t sp = place(c.sig_len, c.sig, 1);
  uint64_t mp = place(c.msg_len, c.msg, 2);
  uint64_t pp = place(c.pk_len, c.pk, 3);
  VMResult<uint64_t> r = call(vm.logic(), c.sig_len, sp, c.msg_len, mp, c.pk_len, pp);
  if (c.want) {
    ASSERT_TRUE(r.ok()) << r.error().Message();
    EXPECT_EQ(*r, *c.want);
  } else {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().Message(), c.error);
  }
  EXPECT_EQ(testing::CostsToString(vm.TakeCosts()), testing::CostsToString(c.costs));
}

TEST(LogicMiscTest, Ed25519Verify) {
  Bytes forged_sig = kSig;
  forged_sig[63] = 0xE1;
  Bytes forged_pk = kPk;
  forged_pk[31] = 0xE1;
  Bytes bad_sig(64, 1);
  const std::string kBadPk = "ED25519 signature verification error: invalid public key length";
  const std::string kBadSig = "ED25519 signature verification error: invalid signature length";
  const uint64_t M = UINT64_MAX;
  auto base = [](std::map<ExtCost, uint64_t> m) {
    m[E::ed25519_verify_base] = 1;
    return m;
  };
  const SigCase cases[] = {
      {64, kSig, 32, kMsg, 32, kPk, 1, "",
       base({{E::read_memory_byte, 128}, {E::read_memory_base, 3}, {E::ed25519_verify_byte, 32}})},
      {64, kSig, 32, kMsg, 32, forged_pk, 0, "",
       base({{E::read_memory_byte, 128}, {E::read_memory_base, 3}, {E::ed25519_verify_byte, 32}})},
      {64, kSig, 32, kMsg, 31, kPk, std::nullopt, kBadPk,
       base({{E::read_memory_byte, 127}, {E::read_memory_base, 3}, {E::ed25519_verify_byte, 32}})},
      {64, bad_sig, 32, kMsg, 32, kPk, 0, "",
       base({{E::read_memory_byte, 128}, {E::read_memory_base, 3}, {E::ed25519_verify_byte, 32}})},
      {63, kSig, 32, kMsg, 32, kPk, std::nullopt, kBadSig,
       base({{E::read_memory_base, 1}, {E::read_memory_byte, 63}})},
      {64, forged_sig, 32, kMsg, 32, kPk, 0, "",
       base({{E::read_memory_base, 1}, {E::read_memory_byte, 64}})},
      {64, forged_sig, 0, {}, 32, kPk, 0, "",
       base({{E::read_memory_base, 1}, {E::read_memory_byte, 64}})},
      {64, kSig, 0, {}, 32, kPk, 0, "",
       base({{E::read_memory_base, 3}, {E::read_memory_byte, 96}, {E::ed25519_verify_byte, 0}})},
      // From registers.
      {M, kSig, 32, kMsg, 32, kPk, 1, "",
       base({{E::write_register_base, 1}, {E::write_register_byte, 64},
             {E::read_register_base, 1}, {E::read_register_byte, 64}, {E::read_memory_base, 2},
             {E::read_memory_byte, 64}, {E::ed25519_verify_byte, 32}})},
      {64, kSig, M, kMsg, 32, kPk, 1, "",
       base({{E::write_register_base, 1}, {E::write_register_byte, 32},
             {E::read_register_base, 1}, {E::read_register_byte, 32}, {E::read_memory_base, 2},
             {E::read_memory_byte, 96}, {E::ed25519_verify_byte, 32}})},
      {64, kSig, 32, kMsg, M, kPk, 1, "",
       base({{E::write_register_base, 1}, {E::write_register_byte, 32},
             {E::read_register_base, 1}, {E::read_register_byte, 32}, {E::read_memory_base, 2},
             {E::read_memory_byte, 96}, {E::ed25519_verify_byte, 32}})},
      {M, bad_sig, 32, kMsg, 32, kPk, 0, "",
       base({{E::write_register_base, 1}, {E::write_register_byte, 64},
             {E::read_register_base, 1}, {E::read_register_byte, 64}, {E::read_memory_base, 2},
             {E::read_memory_byte, 64}, {E::ed25519_verify_byte, 32}})},
      {M, forged_sig, 32, kMsg, 32, kPk, 0, "",
       base({{E::write_register_base, 1}, {E::write_register_byte, 64},
             {E::read_register_base, 1}, {E::read_register_byte, 64}})},
      {M, Bytes{0}, 32, kMsg, 32, kPk, std::nullopt, kBadSig,
       base({{E::write_register_base, 1}, {E::write_register_byte, 1},
             {E::read_register_base, 1}, {E::read_register_byte, 1}})},
      {64, kSig, 32, kMsg, M, Bytes{0}, std::nullopt, kBadPk,
       base({{E::write_register_base, 1}, {E::write_register_byte, 1},
             {E::read_register_base, 1}, {E::read_register_byte, 1}, {E::read_memory_base, 2},
             {E::read_memory_byte, 96}, {E::ed25519_verify_byte, 32}})},
  };
  int i = 0;
  for (const SigCase& c : cases) {
    SCOPED_TRACE(i++);
    CheckSig(c, [](VMLogic& l, uint64_t a, uint64_t b, uint64_t cc, uint64_t d, uint64_t e,
                   uint64_t f) { return l.Ed25519Verify(a, b, cc, d, e, f); });
  }
}

// p256_verify.rs, with Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 1 (as in
// nearcore's p256_verify_wycheproof.rs): the message is the SHA-256 prehash.
TEST(LogicMiscTest, P256Verify) {
  Bytes pk = Hex("022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838");
  crypto::Digest32 d = crypto::Sha256Hash(Hex("313233343030"));
  Bytes msg(d.begin(), d.end());
  Bytes sig = Hex(
      "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
      "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76");
  Bytes bad_msg = msg;
  bad_msg[0] ^= 1;
  auto base = [](std::map<ExtCost, uint64_t> m) {
    m[E::p256_verify_base] = 1;
    return m;
  };
  const std::string kBadPk = "P256 signature verification error: invalid public key length";
  const std::string kBadSig = "P256 signature verification error: invalid signature length";
  const SigCase cases[] = {
      {64, sig, 32, msg, 33, pk, 1, "",
       base({{E::read_memory_base, 3}, {E::read_memory_byte, 129}, {E::p256_verify_byte, 32}})},
      {64, sig, 32, bad_msg, 33, pk, 0, "",
       base({{E::read_memory_base, 3}, {E::read_memory_byte, 129}, {E::p256_verify_byte, 32}})},
      // An unparsable signature returns 0 before the message is read.
      {64, Bytes(64, 0), 32, msg, 33, pk, 0, "",
       base({{E::read_memory_base, 1}, {E::read_memory_byte, 64}})},
      {63, sig, 32, msg, 33, pk, std::nullopt, kBadSig,
       base({{E::read_memory_base, 1}, {E::read_memory_byte, 63}})},
      {64, sig, 32, msg, 32, pk, std::nullopt, kBadPk,
       base({{E::read_memory_base, 3}, {E::read_memory_byte, 128}, {E::p256_verify_byte, 32}})},
      // A 33-byte key that is not a curve point: 0.
      {64, sig, 32, msg, 33, Bytes(33, 5), 0, "",
       base({{E::read_memory_base, 3}, {E::read_memory_byte, 129}, {E::p256_verify_byte, 32}})},
  };
  int i = 0;
  for (const SigCase& c : cases) {
    SCOPED_TRACE(i++);
    CheckSig(c, [](VMLogic& l, uint64_t a, uint64_t b, uint64_t cc, uint64_t d, uint64_t e,
                   uint64_t f) { return l.P256Verify(a, b, cc, d, e, f); });
  }
}

TEST(LogicMiscTest, CurveFunctionsChargeInOrder) {
  {
    TestVM vm;
    vm.Build();
    MemSlice d = vm.Write(Bytes(5, 0));
    VMStatus s = vm->AltBn128G1Sum(d.len, d.ptr, 0);
    EXPECT_EQ(s.error().Message(),
              "AltBn128 invalid input: slice of size 5 cannot be precisely split into chunks of "
              "size 65");
    NEARRT_EXPECT_COSTS(vm, {E::alt_bn128_g1_sum_base, 1}, {E::read_memory_base, 1},
                        {E::read_memory_byte, 5});
    // The empty sum is the point at infinity: 64 zero bytes.
    ASSERT_TRUE(vm->AltBn128G1Sum(0, 0, 3).ok());
    NEARRT_EXPECT_COSTS(vm, {E::alt_bn128_g1_sum_base, 1}, {E::read_memory_base, 1},
                        {E::read_memory_byte, 0}, {E::alt_bn128_g1_sum_element, 0},
                        {E::write_register_base, 1}, {E::write_register_byte, 64});
    EXPECT_EQ(*vm->registers().GetForFree(3), Bytes(64, 0));
    EXPECT_EQ(*vm->AltBn128PairingCheck(0, 0), 1u);
  }
  {
    TestVM vm;
    vm.Build();
    MemSlice d = vm.Write(Bytes(200, 0));
    // Element count from the length argument (200 / 97 = 2), before the read.
    VMResult<uint64_t> r = vm->Bls12381P1Sum(d.len, d.ptr, 0);
    EXPECT_EQ(r.error().Message(),
              "BLS12-381 invalid input: Incorrect input length for bls12381_p1_sum: 200 is not "
              "divisible by 97");
    NEARRT_EXPECT_COSTS(vm, {E::bls12381_p1_sum_base, 1}, {E::bls12381_p1_sum_element, 2},
                        {E::read_memory_base, 1}, {E::read_memory_byte, 200});
    // Pairing: the count from the data read, after the read.
    VMResult<uint64_t> p = vm->Bls12381PairingCheck(d.len, d.ptr);
    EXPECT_FALSE(p.ok());
    NEARRT_EXPECT_COSTS(vm, {E::bls12381_pairing_base, 1}, {E::read_memory_base, 1},
                        {E::read_memory_byte, 200}, {E::bls12381_pairing_element, 0});
    // 97 zero bytes: sign 0 and the all-zero point, which is invalid: 1.
    EXPECT_EQ(*vm->Bls12381P1Sum(97, d.ptr, 0), 1u);
    EXPECT_EQ(vm->registers().GetLen(0), std::nullopt);
  }
}

// miscs.rs limit tests.
TEST(LogicLimitsTest, KeyLengthLimit) {
  TestVM vm;
  const uint64_t limit = 1024;
  vm.config.limit_config.max_length_storage_key = limit;
  vm.Build();
  EXPECT_TRUE(vm->StorageHasKey(limit, 0).ok());
  EXPECT_TRUE(vm->StorageWrite(limit, 0, 5, 0, 0).ok());
  EXPECT_TRUE(vm->StorageRead(limit, 0, 0).ok());
  EXPECT_TRUE(vm->StorageRemove(limit, 0, 0).ok());
  VMLogicError want(HostError(HostErrorKind::KeyLengthExceeded, limit + 1, limit));
  EXPECT_EQ(vm->StorageHasKey(limit + 1, 0).error(), want);
  EXPECT_EQ(vm->StorageWrite(limit + 1, 0, 5, 0, 0).error(), want);
  EXPECT_EQ(vm->StorageRead(limit + 1, 0, 0).error(), want);
  EXPECT_EQ(vm->StorageRemove(limit + 1, 0, 0).error(), want);
}

TEST(LogicLimitsTest, ValueLengthLimit) {
  TestVM vm;
  const uint64_t limit = 1024;
  vm.config.limit_config.max_length_storage_value = limit;
  vm.Build();
  MemSlice k = vm.Write("hello");
  EXPECT_TRUE(vm->StorageWrite(k.len, k.ptr, limit / 2, 0, 0).ok());
  EXPECT_TRUE(vm->StorageWrite(k.len, k.ptr, limit, 0, 0).ok());
  EXPECT_EQ(vm->StorageWrite(k.len, k.ptr, limit + 1, 0, 0).error(),
            VMLogicError(HostError(HostErrorKind::ValueLengthExceeded, limit + 1, limit)));
}

TEST(LogicLimitsTest, NumPromises) {
  TestVM vm;
  const uint64_t n = 10;
  vm.config.limit_config.max_promises_per_function_call_action = n;
  vm.Build();
  MemSlice a = vm.Write("alice");
  for (uint64_t i = 0; i < n; ++i) ASSERT_TRUE(vm->PromiseBatchCreate(a.len, a.ptr).ok());
  EXPECT_EQ(vm->PromiseBatchCreate(a.len, a.ptr).error(),
            VMLogicError(HostError(HostErrorKind::NumberPromisesExceeded, n + 1, n)));
}

TEST(LogicLimitsTest, NumJoinedPromises) {
  TestVM vm;
  const uint64_t deps = 10;
  vm.config.limit_config.max_number_input_data_dependencies = deps;
  vm.Build();
  MemSlice a = vm.Write("alice");
  uint64_t id = *vm->PromiseBatchCreate(a.len, a.ptr);
  Bytes ids;
  for (uint64_t i = 0; i < deps + 1; ++i) {
    Bytes b = testing::U64Le(id);
    ids.insert(ids.end(), b.begin(), b.end());
  }
  MemSlice p = vm.Write(ids);
  for (uint64_t num = 0; num < deps; ++num) ASSERT_TRUE(vm->PromiseAnd(p.ptr, num).ok());
  EXPECT_EQ(vm->PromiseAnd(p.ptr, deps + 1).error(),
            VMLogicError(HostError(HostErrorKind::NumberInputDataDependenciesExceeded, deps + 1,
                                   deps)));
}

TEST(LogicLimitsTest, NumInputDependenciesRecursiveJoin) {
  TestVM vm;
  const uint64_t steps = 10;
  const uint64_t limit = 1 << steps;
  vm.config.limit_config.max_number_input_data_dependencies = limit;
  vm.Build();
  MemSlice a = vm.Write("alice");
  uint64_t original = *vm->PromiseBatchCreate(a.len, a.ptr);
  uint64_t id = original;
  for (uint64_t i = 1; i < steps; ++i) {
    uint64_t ptr = vm.Write(testing::U64Le(id)).ptr;
    vm.Write(testing::U64Le(id));
    id = *vm->PromiseAnd(ptr, 2);
  }
  uint64_t ptr = vm.Write(testing::U64Le(id)).ptr;
  vm.Write(testing::U64Le(id));
  ASSERT_TRUE(vm->PromiseAnd(ptr, 2).ok());  // exactly the limit
  ptr = vm.Write(testing::U64Le(id)).ptr;
  vm.Write(testing::U64Le(id));
  vm.Write(testing::U64Le(original));
  EXPECT_EQ(vm->PromiseAnd(ptr, 3).error(),
            VMLogicError(HostError(HostErrorKind::NumberInputDataDependenciesExceeded, limit + 1,
                                   limit)));
}

TEST(LogicLimitsTest, ReturnValueLimit) {
  TestVM vm;
  const uint64_t limit = 1024;
  vm.config.limit_config.max_length_returned_data = limit;
  vm.Build();
  EXPECT_TRUE(vm->ValueReturn(limit, 0).ok());
  EXPECT_EQ(vm->ValueReturn(limit + 1, 0).error(),
            VMLogicError(HostError(HostErrorKind::ReturnedValueLengthExceeded, limit + 1, limit)));
}

TEST(LogicLimitsTest, ContractSizeLimit) {
  TestVM vm;
  const uint64_t limit = 1024;
  vm.config.limit_config.max_contract_size = limit;
  vm.Build();
  MemSlice a = vm.Write("alice");
  uint64_t id = *vm->PromiseBatchCreate(a.len, a.ptr);
  EXPECT_TRUE(vm->PromiseBatchActionDeployContract(id, limit, 0).ok());
  VMLogicError want(HostError(HostErrorKind::ContractSizeExceeded, limit + 1, limit));
  EXPECT_EQ(vm->PromiseBatchActionDeployContract(id, limit + 1, 0).error(), want);
  EXPECT_TRUE(vm->PromiseBatchActionDeployGlobalContract(id, limit, 0).ok());
  EXPECT_EQ(vm->PromiseBatchActionDeployGlobalContract(id, limit + 1, 0).error(), want);
}

TEST(LogicMiscTest, ValueReturnPaysDataReceipts) {
  TestVM vm;
  vm.context.output_data_receivers = {AccountId::Unchecked("alice.near"),
                                      AccountId::Unchecked("bob.near")};
  vm.Build();
  MemSlice v = vm.Write("12345");
  ASSERT_TRUE(vm->ValueReturn(v.len, v.ptr).ok());
  VMOutcome o = vm.Outcome();
  ASSERT_EQ(o.return_data.kind, ReturnData::Kind::kValue);
  EXPECT_EQ(o.return_data.value, ToBytes("12345"));
  // 5 bytes x (send + exec) for each of 2 receivers, all burnt (test fees: 59357464).
  EXPECT_EQ(o.profile.action_cost(ActionCost::new_data_receipt_byte), 2ULL * 2 * 5 * 59357464);
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 5});
  EXPECT_EQ(o.burnt_gas, o.used_gas);
  // The last call wins.
  ASSERT_TRUE(vm->ValueReturn(0, 0).ok());
  EXPECT_TRUE(vm.Outcome().return_data.value.empty());
}

TEST(LogicMiscTest, DeprecatedIteratorsChargeNothing) {
  TestVM vm;
  vm.Build();
  EXPECT_EQ(vm->StorageIterPrefix(1, 0).error(),
            VMLogicError(HostError(HostErrorKind::Deprecated, "storage_iter_prefix")));
  EXPECT_EQ(vm->StorageIterRange(1, 0, 1, 0).error(),
            VMLogicError(HostError(HostErrorKind::Deprecated, "storage_iter_range")));
  EXPECT_EQ(vm->StorageIterNext(0, 0, 1).error(),
            VMLogicError(HostError(HostErrorKind::Deprecated, "storage_iter_next")));
  EXPECT_TRUE(vm.TakeCosts().empty());
  EXPECT_EQ(vm.Outcome().burnt_gas, 0u);
}

}  // namespace
}  // namespace nearrt::vm
