// The vectors of nearcore core/store/src/db/refcount.rs (tests
// decode_value_with_rc and refcount_merge), plus overflow.
#include "store/refcount.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nearrt::store {
namespace {

const std::string kMinusTwo("\xfe\xff\xff\xff\xff\xff\xff\xff", 8);
const std::string kMinusOne("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
const std::string kZero(8, '\0');
const std::string kPlusOne("\x01\0\0\0\0\0\0\0", 8);
const std::string kPlusTwo("\x02\0\0\0\0\0\0\0", 8);

ByteView V(const std::string& s) { return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

void CheckDecode(std::optional<std::string> want_value, int64_t want_rc, const std::string& bytes) {
  RcValue v = DecodeRcValue(V(bytes));
  EXPECT_EQ(v.rc, want_rc);
  EXPECT_EQ(v.has_payload, want_value.has_value());
  if (want_value) {
    EXPECT_EQ(std::string(AsString(v.payload)), *want_value);
  }
}

TEST(Refcount, DecodeValueWithRc) {
  CheckDecode(std::nullopt, -2, kMinusTwo);
  CheckDecode(std::nullopt, -2, "foobar" + kMinusTwo);
  CheckDecode(std::nullopt, 0, "");
  CheckDecode(std::nullopt, 0, kZero);
  CheckDecode(std::nullopt, 0, "bar" + kZero);
  CheckDecode("", 2, kPlusTwo);
  CheckDecode("baz", 2, "baz" + kPlusTwo);
  CheckDecode(std::nullopt, 0, "short");  // release behaviour of nearcore
}

std::string Merge(const std::vector<std::string>& operands, bool first_is_existing) {
  std::vector<ByteView> ops;
  for (size_t i = first_is_existing ? 1 : 0; i < operands.size(); ++i) ops.push_back(V(operands[i]));
  ByteView existing = first_is_existing ? V(operands[0]) : ByteView();
  std::string out = "garbage";
  EXPECT_TRUE(MergeRcValues(first_is_existing ? &existing : nullptr, ops, &out));
  return out;
}

void CheckMerge(const std::string& want, const std::vector<std::string>& operands) {
  EXPECT_EQ(Merge(operands, false), want);
  if (!operands.empty()) {
    EXPECT_EQ(Merge(operands, true), want);
  }
}

TEST(Refcount, Merge) {
  CheckMerge("", {});
  CheckMerge("", {kZero});
  CheckMerge("", {kPlusOne, kMinusOne});
  CheckMerge("", {kPlusTwo, kMinusOne, kMinusOne});
  CheckMerge("", {"foo" + kPlusOne, kMinusOne});
  CheckMerge("", {"foo" + kPlusTwo, kMinusOne, kMinusOne});
  CheckMerge("", {"foo" + kPlusTwo, kMinusTwo});

  CheckMerge(kMinusOne, {kMinusOne});
  CheckMerge(kMinusOne, {"", kMinusOne});
  CheckMerge(kMinusOne, {kZero, kMinusOne});
  CheckMerge(kMinusOne, {"foo" + kPlusOne, kMinusTwo});
  CheckMerge(kMinusOne, {"foo" + kPlusOne, kMinusOne, kMinusOne});

  CheckMerge("foo" + kPlusTwo, {"foo" + kPlusOne, "foo" + kPlusOne});
  CheckMerge("foo" + kPlusOne, {"foo" + kPlusOne});
  CheckMerge("foo" + kPlusOne, {"foo" + kPlusTwo, kMinusOne});
}

TEST(Refcount, MergeOverflowFails) {
  std::string max;
  AppendRc(INT64_MAX, &max);
  EXPECT_EQ(max, std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8));
  std::vector<ByteView> ops{V(kPlusOne)};
  std::string keep = "x" + max;
  ByteView existing = V(keep);
  std::string out;
  EXPECT_FALSE(MergeRcValues(&existing, ops, &out));
  std::string min;
  AppendRc(INT64_MIN, &min);
  ByteView low = V(min);
  std::vector<ByteView> minus{V(kMinusOne)};
  EXPECT_FALSE(MergeRcValues(&low, minus, &out));
}

}  // namespace
}  // namespace nearrt::store
