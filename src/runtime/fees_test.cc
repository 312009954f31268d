// Fee, cost and refund vectors (runtime.md §8.2 #16-#20).
#include <gtest/gtest.h>

#include "runtime/ext.h"
#include "runtime/fees.h"

namespace nearrt::runtime {
namespace {

AccountId Id(const char* s) { return *AccountId::Parse(s); }
Balance B(const char* s) { return *vm::ParseBalance(s); }
constexpr Balance kNear = static_cast<Balance>(1'000'000'000'000ull) * 1'000'000'000'000ull;

RuntimeParams Mainnet() { return *RuntimeParams::Mainnet(); }

Transaction Tx(const char* signer, const char* receiver, std::vector<Action> actions) {
  Transaction tx;
  tx.signer_id = Id(signer);
  tx.receiver_id = Id(receiver);
  tx.public_key = Signer::FromSeed(KeyType::kEd25519, signer).public_key();
  tx.nonce.nonce = 1;
  tx.actions = std::move(actions);
  return tx;
}

// #17: Transfer alice -> bob, PV86 mainnet, gas price 1e8.
TEST(Fees, TransferCostVector17) {
  RuntimeParams cfg = Mainnet();
  auto c = TxCost(cfg, Tx("alice.near", "bob.near", {TransferAction{kNear}}), 100'000'000);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->gas_burnt, 223'182'562'500u);
  EXPECT_EQ(c->burnt_amount, B("22318256250000000000"));
  EXPECT_EQ(c->receipt_gas_price, static_cast<Balance>(1'000'000'000));
  EXPECT_EQ(c->gas_cost, B("245500818750000000000"));
  EXPECT_EQ(c->total_cost, B("245500818750000000000") + kNear);
  // Receipt side: exec = new_action_receipt.exec + transfer.exec = the same gas.
  Gas exec = cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee().gas +
             ExecFee(cfg, TransferAction{kNear}, Id("bob.near")).gas;
  EXPECT_EQ(exec, 223'182'562'500u);
  // Gas refund = (1e9 - 1e8) * exec.
  EXPECT_EQ(static_cast<Balance>(900'000'000) * exec,
            B("200864306250000000000"));
}

// #16: function call "main" with no args, 300 Tgas, signer != receiver.
TEST(Fees, FunctionCallTxGasVector16) {
  RuntimeParams cfg = Mainnet();
  auto c = TxCost(cfg, Tx("alice.near", "bob.near", {FunctionCallAction{"main", {}, 300'000'000'000'000, 0}}),
                  100'000'000);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->gas_burnt, 308'250'234'860u);
  Gas exec = cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee().gas +
             ExecFee(cfg, FunctionCallAction{"main", {}, 1, 0}, Id("bob.near")).gas;
  EXPECT_EQ(exec + 85'066'733, 888'153'510'469u);
}

// #18: CreateAccount + Transfer + AddKey(full), not sir.
TEST(Fees, CreateAccountVector18) {
  RuntimeParams cfg = Mainnet();
  PublicKey pk = Signer::FromSeed(KeyType::kEd25519, "new").public_key();
  std::vector<Action> actions{CreateAccountAction{}, TransferAction{kNear},
                              AddKeyAction{pk, AccessKey::FullAccess()}};
  auto c = TxCost(cfg, Tx("alice.near", "new.alice.near", actions), 100'000'000);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->gas_burnt, 824'947'687'500u);
  Gas exec = cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee().gas +
             TotalPrepaidExecFees(cfg, actions, Id("new.alice.near"))->gas;
  EXPECT_EQ(exec, 7'524'947'687'500u);
  // Account-creation charge: 7e21 - 1e8 * 7.2e12.
  Balance charge = cfg.vm.account_creation_charge - static_cast<Balance>(100'000'000) * 7'200'000'000'000ull;
  EXPECT_EQ(charge, static_cast<Balance>(6'280'000'000ull) * 1'000'000'000'000ull);
  Balance surplus = static_cast<Balance>(900'000'000) * exec;
  EXPECT_EQ(surplus, static_cast<Balance>(6'772'452'918'750ull) * 1'000'000'000ull);
  EXPECT_EQ(surplus - charge, static_cast<Balance>(492'452'918'750ull) * 1'000'000'000ull);
}

// #19: transfer to implicit accounts.
TEST(Fees, ImplicitTransferVector19) {
  RuntimeParams cfg = Mainnet();
  AccountId near_implicit = Id("bb4dc639b212e075a751685b26bdcea5920a504181ff2910e8549742127092a0");
  AccountId eth_implicit = Id("0x96791e923f8cf697ad9c3290f2c9059f0231b24c");
  Gas receipt_send = cfg.fees().fee(vm::ActionCost::new_action_receipt).SendFee(false).gas;
  Gas receipt_exec = cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee().gas;
  auto send = TotalSendFees(cfg, false, {TransferAction{1}}, near_implicit);
  EXPECT_EQ(send->gas + receipt_send, 824'947'687'500u);
  EXPECT_EQ(ExecFee(cfg, TransferAction{1}, near_implicit).gas + receipt_exec, 7'524'947'687'500u);
  auto send_eth = TotalSendFees(cfg, false, {TransferAction{1}}, eth_implicit);
  EXPECT_EQ(send_eth->gas + receipt_send, 723'182'562'500u);
  EXPECT_EQ(ExecFee(cfg, TransferAction{1}, eth_implicit).gas + receipt_exec, 7'423'182'562'500u);
}

// #20: receipt_manager.rs::function_call_weight_basic_cases_test. Each call
// is its own receipt with (static gas, weight); the gas limit of 10 Ggas
// less the static gas is distributed, and each call ends with static + share.
TEST(Fees, DistributeGasVector20) {
  struct Call {
    Gas static_gas;
    uint64_t weight;
    Gas expected;
  };
  auto check = [](std::vector<Call> calls) {
    ReceiptManager m;
    Gas limit = 10'000'000'000;
    for (const auto& c : calls) {
      m.action_receipts.emplace_back();
      limit = limit > c.static_gas ? limit - c.static_gas : 0;
      m.action_receipts.back().actions.push_back(FunctionCallAction{"", {}, c.static_gas, 0});
      if (c.weight > 0) m.gas_weights.emplace_back(m.action_receipts.size() - 1, 0, c.weight);
    }
    auto d = m.DistributeGas(limit);
    ASSERT_TRUE(d.has_value());
    for (size_t i = 0; i < calls.size(); ++i) {
      EXPECT_EQ(m.action_receipts[i].actions[0].get<FunctionCallAction>()->gas, calls[i].expected) << i;
    }
  };
  const Gas G = 1'000'000'000;
  check({{0, 1, 10 * G}});
  check({{888, 1, 10 * G}});
  check({{0, 88888, 10 * G}});
  check({{0, 379'749'833'583'241 /* 11^14 */, 10 * G}});
  check({{0, 3, 6 * G}, {0, 2, 4 * G}});
  check({{1'000'000, 3, 5'998'600'000}, {3'000'000, 2, 4'001'400'000}});
  check({{1'000'000, 3, 2'699'800'000},
         {3'000'000, 2, 1'802'200'000},
         {0, 1, 899'600'000},
         {G, 0, G},
         {0, 4, 3'598'400'000}});
  check({{0, UINT64_MAX, 9'999'999'999}, {0, 1000, 1}});
  check({{0, 10 * G, 4'999'999'999}, {0, 1, 0}, {0, 10 * G, 5'000'000'001}});
  check({{0, 0, 0}, {0, 1, 10 * G}});
}

// RuntimeConfig::test() differs from mainnet (runtime.md §8.2 notes).
TEST(Fees, TestConfigDiffers) {
  RuntimeParams t = *RuntimeParams::Test();
  EXPECT_EQ(t.fees().fee(vm::ActionCost::function_call_base).ExecFee().gas, 2'319'861'500'000u);
  EXPECT_EQ(t.fees().fee(vm::ActionCost::new_data_receipt_base).ExecFee().gas, 4'697'339'419'375u);
  EXPECT_EQ(t.limits().yield_timeout_length_in_blocks, 10u);
  EXPECT_EQ(t.GasPenaltyForGasRefund(100'000'000'000'000), 5'000'000'000'000u);
  EXPECT_EQ(t.GasPenaltyForGasRefund(100), 100u);
  EXPECT_EQ(Mainnet().GasPenaltyForGasRefund(100'000'000'000'000), 0u);
}

}  // namespace
}  // namespace nearrt::runtime
