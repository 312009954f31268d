// log_utf8 / log_utf16 / panic_utf8 / abort: nearcore runtime/near-vm-runner/
// src/logic/tests/logs.rs ported (charge counts and errors).
#include "gtest/gtest.h"
#include "vm/logic_test_util.h"

namespace nearrt::vm {
namespace {

using testing::IsHost;
using testing::MemSlice;
using testing::TestVM;
using E = ExtCost;

const std::string kText = "j ñ r'ø qò$`5 y'5 øò{%÷ `Võ%";

Bytes Utf16(std::string_view ascii_or_latin) {
  // Test strings here are ASCII or Latin-1 code points given as UTF-8.
  Bytes out;
  for (size_t i = 0; i < ascii_or_latin.size(); ++i) {
    uint32_t cp = static_cast<uint8_t>(ascii_or_latin[i]);
    if (cp >= 0xC0) {
      cp = ((cp & 0x1F) << 6) | (static_cast<uint8_t>(ascii_or_latin[++i]) & 0x3F);
    }
    out.push_back(static_cast<uint8_t>(cp));
    out.push_back(static_cast<uint8_t>(cp >> 8));
  }
  return out;
}

HostError TotalLogLen(uint64_t length, uint64_t limit) {
  return HostError(HostErrorKind::TotalLogLengthExceeded, length, limit);
}

TEST(LogicLogsTest, ValidUtf8) {
  TestVM vm;
  vm.Build();
  MemSlice b = vm.Write(kText);
  ASSERT_TRUE(vm->LogUtf8(b.len, b.ptr).ok());
  EXPECT_EQ(vm.Outcome().logs, std::vector<std::string>{kText});
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::log_base, 1}, {E::log_byte, b.len},
                      {E::read_memory_base, 1}, {E::read_memory_byte, b.len},
                      {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, b.len});
}

TEST(LogicLogsTest, InvalidUtf8) {
  TestVM vm;
  vm.Build();
  MemSlice b = vm.Write(Bytes{0x80});
  VMStatus s = vm->LogUtf8(b.len, b.ptr);
  EXPECT_EQ(s.error(), VMLogicError(HostErrorKind::BadUTF8));
  EXPECT_TRUE(vm.Outcome().logs.empty());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 1},
                      {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, 1});
}

TEST(LogicLogsTest, ValidNullTerminatedUtf8) {
  TestVM vm;
  vm.config.limit_config.max_total_log_length = kText.size();
  vm.Build();
  MemSlice b = vm.Write(kText + std::string(1, '\0'));
  ASSERT_TRUE(vm->LogUtf8(UINT64_MAX, b.ptr).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::log_base, 1}, {E::log_byte, kText.size()},
                      {E::read_memory_base, b.len}, {E::read_memory_byte, b.len},
                      {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, kText.size()});
  EXPECT_EQ(vm.Outcome().logs, std::vector<std::string>{kText});
}

TEST(LogicLogsTest, LogMaxLimit) {
  TestVM vm;
  uint64_t limit = kText.size() - 1;
  vm.config.limit_config.max_total_log_length = limit;
  vm.Build();
  MemSlice b = vm.Write(kText);
  EXPECT_EQ(vm->LogUtf8(b.len, b.ptr).error(), VMLogicError(TotalLogLen(b.len, limit)));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::utf8_decoding_base, 1});
  EXPECT_TRUE(vm.Outcome().logs.empty());
}

TEST(LogicLogsTest, TotalLengthLimit) {
  TestVM vm;
  const uint64_t num_logs = 10;
  uint64_t limit = kText.size() * num_logs - 1;
  vm.config.limit_config.max_total_log_length = limit;
  vm.config.limit_config.max_number_logs = num_logs;
  vm.Build();
  MemSlice b = vm.Write(kText);
  for (uint64_t i = 0; i < num_logs - 1; ++i) ASSERT_TRUE(vm->LogUtf8(b.len, b.ptr).ok());
  EXPECT_EQ(vm->LogUtf8(b.len, b.ptr).error(), VMLogicError(TotalLogLen(limit + 1, limit)));
  EXPECT_EQ(vm.Outcome().logs.size(), num_logs - 1);
}

TEST(LogicLogsTest, NumberLimit) {
  TestVM vm;
  const std::string text = "blabla";
  const uint64_t max_logs = 3;
  vm.config.limit_config.max_total_log_length = (text.size() + 1) * (max_logs + 1);
  vm.config.limit_config.max_number_logs = max_logs;
  vm.Build();
  MemSlice b = vm.Write(text);
  for (uint64_t i = 0; i < max_logs; ++i) ASSERT_TRUE(vm->LogUtf8(b.len, b.ptr).ok());
  EXPECT_EQ(vm->LogUtf8(b.len, b.ptr).error(),
            VMLogicError(HostError(HostErrorKind::NumberOfLogsExceeded, max_logs)));
  NEARRT_EXPECT_COSTS(vm, {E::base, max_logs + 1}, {E::log_base, max_logs},
                      {E::log_byte, b.len * max_logs}, {E::read_memory_base, max_logs},
                      {E::read_memory_byte, b.len * max_logs}, {E::utf8_decoding_base, max_logs},
                      {E::utf8_decoding_byte, b.len * max_logs});
  EXPECT_EQ(vm.Outcome().logs.size(), max_logs);
}

TEST(LogicLogsTest, Utf16NumberLimit) {
  const std::string text = "$ qò$`";
  Bytes bytes = Utf16(text);
  TestVM vm;
  const uint64_t max_logs = 3;
  vm.config.limit_config.max_total_log_length = (bytes.size() + 1) * (max_logs + 1);
  vm.config.limit_config.max_number_logs = max_logs;
  vm.Build();
  MemSlice b = vm.Write(bytes);
  for (uint64_t i = 0; i < max_logs; ++i) ASSERT_TRUE(vm->LogUtf16(b.len, b.ptr).ok());
  EXPECT_EQ(vm->LogUtf16(b.len, b.ptr).error(),
            VMLogicError(HostError(HostErrorKind::NumberOfLogsExceeded, max_logs)));
  NEARRT_EXPECT_COSTS(vm, {E::base, max_logs + 1}, {E::log_base, max_logs},
                      {E::log_byte, text.size() * max_logs}, {E::read_memory_base, max_logs},
                      {E::read_memory_byte, b.len * max_logs},
                      {E::utf16_decoding_base, max_logs},
                      {E::utf16_decoding_byte, b.len * max_logs});
  EXPECT_EQ(vm.Outcome().logs.size(), max_logs);
}

TEST(LogicLogsTest, TotalLengthLimitMixed) {
  TestVM vm;
  const std::string text = "abc";
  const uint64_t each = 10;
  uint64_t limit = text.size() * (each * 2 + 1) - 1;
  vm.config.limit_config.max_total_log_length = limit;
  vm.config.limit_config.max_number_logs = each * 2 + 1;
  vm.Build();
  MemSlice u8 = vm.Write(text);
  MemSlice u16 = vm.Write(Utf16(text));
  for (uint64_t i = 0; i < each; ++i) {
    ASSERT_TRUE(vm->LogUtf16(u16.len, u16.ptr).ok());
    ASSERT_TRUE(vm->LogUtf8(u8.len, u8.ptr).ok());
  }
  EXPECT_EQ(vm->LogUtf8(u8.len, u8.ptr).error(), VMLogicError(TotalLogLen(limit + 1, limit)));
  EXPECT_EQ(vm.Outcome().logs.size(), each * 2);
}

TEST(LogicLogsTest, Utf8MaxLimitNullTerminated) {
  TestVM vm;
  std::string bytes = kText + std::string(1, '\0');
  uint64_t limit = bytes.size() - 2;
  vm.config.limit_config.max_total_log_length = limit;
  vm.Build();
  MemSlice b = vm.Write(bytes);
  EXPECT_EQ(vm->LogUtf8(UINT64_MAX, b.ptr).error(), VMLogicError(TotalLogLen(limit + 1, limit)));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, b.len - 1},
                      {E::read_memory_byte, b.len - 1}, {E::utf8_decoding_base, 1});
  EXPECT_TRUE(vm.Outcome().logs.empty());
}

TEST(LogicLogsTest, ValidUtf16) {
  TestVM vm;
  vm.Build();
  const std::string text = "$ qò$`";
  MemSlice b = vm.Write(Utf16(text));
  ASSERT_TRUE(vm->LogUtf16(b.len, b.ptr).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, b.len},
                      {E::utf16_decoding_base, 1}, {E::utf16_decoding_byte, b.len},
                      {E::log_base, 1}, {E::log_byte, text.size()});
  EXPECT_EQ(vm.Outcome().logs, std::vector<std::string>{text});
}

TEST(LogicLogsTest, Utf16MaxLogLenNotEven) {
  TestVM vm;
  vm.config.limit_config.max_total_log_length = 5;
  vm.Build();
  Bytes ab = Utf16(std::string("ab") + std::string(1, '\0'));
  MemSlice b = vm.Write(ab);
  ASSERT_TRUE(vm->LogUtf16(UINT64_MAX, b.ptr).ok());
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, b.len / 2},
                      {E::read_memory_byte, b.len}, {E::utf16_decoding_base, 1},
                      {E::utf16_decoding_byte, b.len - 2}, {E::log_base, 1}, {E::log_byte, 2});
  MemSlice c = vm.Write(Utf16(std::string("abc") + std::string(1, '\0')));
  EXPECT_EQ(vm->LogUtf16(UINT64_MAX, c.ptr).error(), VMLogicError(TotalLogLen(6, 5)));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 2}, {E::read_memory_byte, 4},
                      {E::utf16_decoding_base, 1});
}

TEST(LogicLogsTest, Utf8MaxLimitNullTerminatedFail) {
  TestVM vm;
  vm.config.limit_config.max_total_log_length = 3;
  vm.Build();
  MemSlice b = vm.Write(std::string("abcdefgh") + std::string(1, '\0'));
  EXPECT_EQ(vm->LogUtf8(UINT64_MAX, b.ptr).error(), VMLogicError(TotalLogLen(4, 3)));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 4}, {E::read_memory_byte, 4},
                      {E::utf8_decoding_base, 1});
}

TEST(LogicLogsTest, ValidUtf16NullTerminated) {
  TestVM vm;
  vm.Build();
  const std::string text = "$ qò$`";
  Bytes bytes = Utf16(text);
  bytes.push_back(0);
  bytes.push_back(0);
  MemSlice b = vm.Write(bytes);
  ASSERT_TRUE(vm->LogUtf16(UINT64_MAX, b.ptr).ok());
  EXPECT_EQ(vm.Outcome().logs, std::vector<std::string>{text});
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, b.len / 2},
                      {E::read_memory_byte, b.len}, {E::utf16_decoding_base, 1},
                      {E::utf16_decoding_byte, b.len - 2}, {E::log_base, 1},
                      {E::log_byte, text.size()});
}

TEST(LogicLogsTest, InvalidUtf16) {
  TestVM vm;
  vm.Build();
  Bytes bytes;
  for (uint16_t u : {0xD834, 0xDD1E, 0x006d, 0x0075, 0xD800, 0x0069, 0x0063}) {
    bytes.push_back(static_cast<uint8_t>(u));
    bytes.push_back(static_cast<uint8_t>(u >> 8));
  }
  MemSlice b = vm.Write(bytes);
  EXPECT_EQ(vm->LogUtf16(b.len, b.ptr).error(), VMLogicError(HostErrorKind::BadUTF16));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, b.len},
                      {E::utf16_decoding_base, 1}, {E::utf16_decoding_byte, b.len});
}

TEST(LogicLogsTest, Utf16NullTerminatedFail) {
  TestVM vm;
  vm.Build();
  Bytes bytes = Utf16("$ qò$`");
  bytes.push_back(0x00);
  bytes.push_back(0xD8);  // U+D800, unpaired surrogate
  Bytes tail = Utf16(std::string("foobarbaz") + std::string(1, '\0'));
  bytes.insert(bytes.end(), tail.begin(), tail.end());
  MemSlice b = vm.Write(bytes);
  EXPECT_EQ(vm->LogUtf16(UINT64_MAX, b.ptr).error(), VMLogicError(HostErrorKind::BadUTF16));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, b.len / 2},
                      {E::read_memory_byte, b.len}, {E::utf16_decoding_base, 1},
                      {E::utf16_decoding_byte, b.len - 2});
}

// logs.rs utf8_mem_violation
TEST(LogicLogsTest, Utf8MemoryViolation) {
  const Bytes data = ToBytes("foo bar \xff baz qux");
  {
    TestVM vm;
    vm.Build();
    MemSlice s = vm.WriteAt(TestVM::kMemorySize - data.size(), data);
    EXPECT_EQ(vm->LogUtf8(s.len, s.ptr).error(), VMLogicError(HostErrorKind::BadUTF8));
    NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 17},
                        {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, 17});
  }
  {
    TestVM vm;
    vm.Build();
    MemSlice s = vm.WriteAt(TestVM::kMemorySize - data.size(), data);
    EXPECT_EQ(vm->LogUtf8(s.len + 1, s.ptr).error(),
              VMLogicError(HostErrorKind::MemoryAccessViolation));
    NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 18},
                        {E::utf8_decoding_base, 1});
  }
  {
    TestVM vm;
    vm.Build();
    MemSlice s = vm.WriteAt(TestVM::kMemorySize - data.size(), data);
    EXPECT_EQ(vm->LogUtf8(UINT64_MAX, s.ptr).error(),
              VMLogicError(HostErrorKind::MemoryAccessViolation));
    NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 18}, {E::read_memory_byte, 18},
                        {E::utf8_decoding_base, 1});
  }
}

// logs.rs utf16_mem_violation
TEST(LogicLogsTest, Utf16MemoryViolation) {
  Bytes data = Utf16("$ qò$`");
  data.push_back(0x00);
  data.push_back(0xD8);
  Bytes tail = Utf16("foobarbaz");
  data.insert(data.end(), tail.begin(), tail.end());
  ASSERT_EQ(data.size(), 32u);
  {
    TestVM vm;
    vm.Build();
    MemSlice s = vm.WriteAt(TestVM::kMemorySize - data.size(), data);
    EXPECT_EQ(vm->LogUtf16(s.len, s.ptr).error(), VMLogicError(HostErrorKind::BadUTF16));
    NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 32},
                        {E::utf16_decoding_base, 1}, {E::utf16_decoding_byte, 32});
  }
  {
    TestVM vm;
    vm.Build();
    MemSlice s = vm.WriteAt(TestVM::kMemorySize - data.size(), data);
    EXPECT_EQ(vm->LogUtf16(s.len + 2, s.ptr).error(),
              VMLogicError(HostErrorKind::MemoryAccessViolation));
    NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 34},
                        {E::utf16_decoding_base, 1});
  }
  {
    TestVM vm;
    vm.Build();
    MemSlice s = vm.WriteAt(TestVM::kMemorySize - data.size(), data);
    EXPECT_EQ(vm->LogUtf16(UINT64_MAX, s.ptr).error(),
              VMLogicError(HostErrorKind::MemoryAccessViolation));
    NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 17}, {E::read_memory_byte, 34},
                        {E::utf16_decoding_base, 1});
  }
}

// A UTF-16 log can be longer in UTF-8 than in UTF-16: checked_push_log then
// fails, counting the message twice in the reported length.
TEST(LogicLogsTest, Utf16ExpandsPastTheLimit) {
  TestVM vm;
  vm.config.limit_config.max_total_log_length = 4;
  vm.Build();
  MemSlice b = vm.Write(Bytes{0xAC, 0x20, 0xAC, 0x20});  // "€€": 4 bytes UTF-16, 6 UTF-8
  EXPECT_EQ(vm->LogUtf16(b.len, b.ptr).error(), VMLogicError(TotalLogLen(12, 4)));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 4},
                      {E::utf16_decoding_base, 1}, {E::utf16_decoding_byte, 4},
                      {E::log_base, 1}, {E::log_byte, 6});
}

TEST(LogicPanicTest, PanicAndPanicUtf8) {
  TestVM vm;
  vm.Build();
  VMStatus p = vm->Panic();
  EXPECT_EQ(p.error().Message(), "Smart contract panicked: explicit guest panic");
  NEARRT_EXPECT_COSTS(vm, {E::base, 1});
  MemSlice m = vm.Write("oops");
  VMStatus u = vm->PanicUtf8(m.len, m.ptr);
  EXPECT_EQ(u.error(), VMLogicError(HostError(HostErrorKind::GuestPanic, "oops")));
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 1}, {E::read_memory_byte, 4},
                      {E::utf8_decoding_base, 1}, {E::utf8_decoding_byte, 4});
  EXPECT_TRUE(vm.Outcome().logs.empty());
}

TEST(LogicPanicTest, AbortLogsAndPanics) {
  TestVM vm;
  vm.Build();
  // AssemblyScript strings: u32 byte length, then UTF-16.
  Bytes msg = Utf16("bad");
  Bytes file = Utf16("a.ts");
  MemSlice ml = vm.Write(Bytes{6, 0, 0, 0});
  MemSlice mp = vm.Write(msg);
  vm.Write(Bytes{8, 0, 0, 0});
  MemSlice fp = vm.Write(file);
  (void)ml;
  VMStatus s = vm->Abort(static_cast<uint32_t>(mp.ptr), static_cast<uint32_t>(fp.ptr), 7, 9);
  const std::string message = "bad, filename: \"a.ts\" line: 7 col: 9";
  EXPECT_EQ(s.error(), VMLogicError(HostError(HostErrorKind::GuestPanic, message)));
  EXPECT_EQ(vm.Outcome().logs, std::vector<std::string>{"ABORT: " + message});
  NEARRT_EXPECT_COSTS(vm, {E::base, 1}, {E::read_memory_base, 4}, {E::read_memory_byte, 22},
                      {E::utf16_decoding_base, 2}, {E::utf16_decoding_byte, 14},
                      {E::log_base, 1}, {E::log_byte, message.size()});
  // Pointers below 4 cannot carry a length prefix.
  TestVM vm2;
  vm2.Build();
  EXPECT_EQ(vm2->Abort(3, 8, 0, 0).error(), VMLogicError(HostErrorKind::BadUTF16));
  NEARRT_EXPECT_COSTS(vm2, {E::base, 1});
}

}  // namespace
}  // namespace nearrt::vm
