// Fungible-token transfers between users on nearcore's FT test contract
// (runtime/near-test-contracts/res/fungible_token.wasm, near-contract-standards
// NEP-141): new_default_meta, storage_deposit with a refund of the excess,
// ft_transfer, ft_transfer_call to a receiver that gives part of it back
// (ft_on_transfer -> ft_resolve_transfer reading the promise result), token
// balances, NEP-141 event logs, and NEAR balances to the yoctoNEAR.
#include <gtest/gtest.h>

#include "chain/scenario_env.h"

namespace nearrt::chain {
namespace {

using namespace scenario;  // NOLINT: test harness

const char kFt[] = "ft.near";
const char kRecv[] = "recv.near";  // rt_test contract: ft_on_transfer returns `msg`

Bytes J(std::string_view s) { return ToBytes(s); }

std::string Event(const char* kind, const char* data) {
  return std::string("EVENT_JSON:{\"standard\":\"nep141\",\"version\":\"1.0.0\",\"event\":\"") + kind +
         "\",\"data\":[" + data + "]}";
}

bool HasLog(const std::vector<std::string>& logs, const std::string& line) {
  for (const auto& l : logs) if (l == line) return true;
  return false;
}

TEST(FtScenarios, TransfersBetweenUsers) {
  auto ft = ReadFile(SharedContract("runtime__near-test-contracts__res__fungible_token.wasm"));
  ASSERT_TRUE(ft.ok());
  Bytes recv = TestContract("rt_test");
  ASSERT_FALSE(recv.empty()) << "rt_test.wasm was not built";
  Env env("mainnet", {Account(kFt, kNear * 100, *ft), Account(kRecv, kNear * 100, recv)});

  // Owner alice mints the total supply.
  size_t from = env.blocks.size();
  auto init = env.Call("alice.near", kFt, "new_default_meta",
                       J(R"({"owner_id":"alice.near","total_supply":"1000000"})"));
  env.Block({init});
  env.Idle();
  EXPECT_EQ(env.FinalValue(init.hash), "");
  EXPECT_TRUE(env.Logs(from).empty());  // this build of the contract emits no ft_mint event
  EXPECT_EQ(env.View(kFt, "ft_balance_of", R"({"account_id":"alice.near"})"), "\"1000000\"");
  EXPECT_EQ(env.View(kFt, "ft_total_supply", "{}"), "\"1000000\"");

  // bob registers with 0.01 N: the contract keeps the minimum and refunds the rest.
  std::string bounds = env.View(kFt, "storage_balance_bounds", "{}");
  size_t p = bounds.find("\"min\":\"") + 7;
  Balance min = B(bounds.substr(p, bounds.find('"', p) - p).c_str());
  // near-contract-standards: 64-byte account key + u128 + 40 record bytes... at 1e19 yN/byte.
  EXPECT_EQ(min % B("10000000000000000000"), 0u);
  EXPECT_GT(min, 0u);
  {
    Snapshot before(env, {"bob.near", kFt});
    auto tx = env.Call("bob.near", kFt, "storage_deposit", J("{}"), kNear / 100);
    env.Block({tx});
    env.Idle();
    EXPECT_NE(env.FinalValue(tx.hash).find("\"total\":\"" + vm::BalanceToString(min) + "\""), std::string::npos);
    ExpectLedger(env, before, "bob.near", min, {{kFt, min}});
  }

  // alice registers the receiver contract, then transfers.
  Snapshot before(env, {"alice.near", kFt, kRecv});
  auto reg = env.Call("alice.near", kFt, "storage_deposit", J(R"({"account_id":"recv.near"})"), min);
  env.Block({reg});
  env.Idle();
  from = env.blocks.size();
  auto t1 = env.Call("alice.near", kFt, "ft_transfer", J(R"({"receiver_id":"bob.near","amount":"100"})"), 1);
  env.Block({t1});
  env.Idle();
  EXPECT_EQ(env.FinalValue(t1.hash), "");
  EXPECT_TRUE(HasLog(env.Logs(from),
                     Event("ft_transfer", R"({"old_owner_id":"alice.near","new_owner_id":"bob.near","amount":"100"})")));
  // ft_transfer needs exactly one yoctoNEAR.
  auto no_yocto = env.Call("alice.near", kFt, "ft_transfer", J(R"({"receiver_id":"bob.near","amount":"1"})"));
  env.Block({no_yocto});
  env.Idle();
  const ExecutionStatus* st = env.FinalStatus(no_yocto.hash);
  ASSERT_NE(st, nullptr);
  EXPECT_TRUE(st->is_failure());
  EXPECT_NE(st->failure.ToJson().find("Requires attached deposit of exactly 1 yoctoNEAR"), std::string::npos)
      << st->failure.ToJson();

  // ft_transfer_call: 50 to recv.near, which reports 10 unused; resolve refunds them.
  from = env.blocks.size();
  auto t2 = env.Call("alice.near", kFt, "ft_transfer_call",
                     J(R"({"receiver_id":"recv.near","amount":"50","msg":"10"})"), 1, 100 * kTgas);
  env.Block({t2});
  env.Idle();
  EXPECT_EQ(env.FinalValue(t2.hash), "\"40\"");  // ft_resolve_transfer returns the used amount
  std::vector<std::string> logs = env.Logs(from);
  EXPECT_TRUE(HasLog(logs, Event("ft_transfer",
                                 R"({"old_owner_id":"alice.near","new_owner_id":"recv.near","amount":"50"})")));
  EXPECT_TRUE(HasLog(logs, "ft_on_transfer"));
  EXPECT_TRUE(HasLog(logs, Event("ft_transfer",
                                 R"({"old_owner_id":"recv.near","new_owner_id":"alice.near","amount":"10","memo":"refund"})")));

  EXPECT_EQ(env.View(kFt, "ft_balance_of", R"({"account_id":"alice.near"})"), "\"999860\"");
  EXPECT_EQ(env.View(kFt, "ft_balance_of", R"({"account_id":"bob.near"})"), "\"100\"");
  EXPECT_EQ(env.View(kFt, "ft_balance_of", R"({"account_id":"recv.near"})"), "\"40\"");
  EXPECT_EQ(env.View(kFt, "ft_total_supply", "{}"), "\"1000000\"");
  // NEAR: alice paid the gas, the storage deposit and two yoctoNEAR (the
  // failed call's yoctoless attempt refunds nothing: it attached none).
  ExpectLedger(env, before, "alice.near", min + 2, {{kFt, min + 2}, {kRecv, 0}});
}

}  // namespace
}  // namespace nearrt::chain
