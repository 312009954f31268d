#include "primitives/account_id.h"

#include <gtest/gtest.h>

namespace nearrt {
namespace {

// near-account-id-rs src/test_data.rs.
const char* kOk[] = {"aa", "a-a", "a-aa", "100", "0o", "com", "near", "bowen", "b-o_w_e-n",
                     "b.owen", "bro.wen", "a.ha", "a.b-a.ra", "system", "over.9000",
                     "google.com", "illia.cheapaccounts.near", "0o0ooo00oo00o", "alex-skidanov",
                     "10-4.8-2", "b-o_w_e-n", "no_lols",
                     "0123456789012345678901234567890123456789012345678901234567890123", "near.a"};
const char* kBad[] = {
    "a", "A", "Abc", "-near", "near-", "-near-", "near.", ".near", "near@", "@near",
    "\xd0\xbd\xd0\xb5\xd0\xb0\xd1\x80", "@@@@@", "0__0", "0_-_0", "0_-_0", "..", "a..near",
    "nEar", "_bowen", "hello world",
    "abcdefghijklmnopqrstuvwxyz.abcdefghijklmnopqrstuvwxyz.abcdefghijklmnopqrstuvwxyz",
    "01234567890123456789012345678901234567890123456789012345678901234",
    "some-complex-address@gmail.com", "sub.buy_d1gitz@atata@b0-rg.c_0_m"};

TEST(AccountId, ValidAndInvalidLists) {
  for (const char* id : kOk) EXPECT_TRUE(AccountId::Parse(id).ok()) << id;
  for (const char* id : kBad) EXPECT_FALSE(AccountId::Parse(id).ok()) << id;
}

// Messages follow near-account-id's ParseAccountError Display.
TEST(AccountId, ErrorMessages) {
  EXPECT_EQ(AccountId::Parse("a").error().message, "the Account ID is too short");
  EXPECT_EQ(AccountId::Parse(std::string(65, 'a')).error().message, "the Account ID is too long");
  EXPECT_EQ(AccountId::Parse("near.").error().message,
            "the Account ID has a redundant separator '.' at index 4");
  EXPECT_EQ(AccountId::Parse("-near").error().message,
            "the Account ID has a redundant separator '-' at index 0");
  EXPECT_EQ(AccountId::Parse("a..near").error().message,
            "the Account ID has a redundant separator '.' at index 2");
  EXPECT_EQ(AccountId::Parse("nEar").error().message,
            "the Account ID contains an invalid character 'E' at index 1");
  EXPECT_EQ(AccountId::Parse("\xd0\xbd\xd0\xb5\xd0\xb0\xd1\x80").error().message,
            "the Account ID contains an invalid character '\xd0\xbd' at index 0");
  EXPECT_EQ(AccountId::Parse("ab\xd0\xbd" "c").error().message,
            "the Account ID contains an invalid character '\xd0\xbd' at index 2");
}

TEST(AccountId, Classification) {
  std::string hex64(64, 'a');
  EXPECT_EQ(AccountId::Parse(hex64)->GetAccountType(), AccountType::kNearImplicitAccount);
  std::string eth = "0x" + std::string(40, 'b');
  EXPECT_EQ(AccountId::Parse(eth)->GetAccountType(), AccountType::kEthImplicitAccount);
  std::string det = "0s" + std::string(40, 'c');
  EXPECT_EQ(AccountId::Parse(det)->GetAccountType(), AccountType::kNearDeterministicAccount);
  EXPECT_EQ(AccountId::Parse("alice.near")->GetAccountType(), AccountType::kNamedAccount);
  // 64 chars but not all hex: named.
  std::string almost = std::string(63, 'a') + "g";
  EXPECT_EQ(AccountId::Parse(almost)->GetAccountType(), AccountType::kNamedAccount);
  EXPECT_EQ(AccountId::Parse("0x" + std::string(39, 'b'))->GetAccountType(),
            AccountType::kNamedAccount);
}

TEST(AccountId, Hierarchy) {
  auto id = [](const char* s) { return *AccountId::Parse(s); };
  EXPECT_TRUE(id("near").IsTopLevel());
  EXPECT_FALSE(id("system").IsTopLevel());
  EXPECT_TRUE(id("system").IsSystem());
  EXPECT_FALSE(id("alice.near").IsTopLevel());
  EXPECT_TRUE(id("alice.near").IsSubAccountOf(id("near")));
  EXPECT_FALSE(id("bob.alice.near").IsSubAccountOf(id("near")));
  EXPECT_TRUE(id("bob.alice.near").IsSubAccountOf(id("alice.near")));
  EXPECT_FALSE(id("near").IsSubAccountOf(id("near")));
  EXPECT_FALSE(id("xnear").IsSubAccountOf(id("near")));
}

}  // namespace
}  // namespace nearrt
