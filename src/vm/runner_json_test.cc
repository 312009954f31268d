// JSON of the `nearrt run` command: the old near-vm-runner-standalone's inputs
// (runtime/near-vm-runner-standalone/src/{main,script}.rs, removed from
// nearcore in 85563483d "refactor: drop standalone vm runner (#7043)";
// shared/near/ecosystem.md section 2.2) and its output object.
#include "vm/runner_json.h"

#include <nlohmann/json.hpp>

#include "gtest/gtest.h"
#include "primitives/base58.h"
#include "vm/config_store.h"

namespace nearrt::vm {
namespace {

using json = nlohmann::json;

constexpr Gas kViewGas = 300'000'000'000'000;

AccountId Id(std::string_view s) { return AccountId::Unchecked(s); }
Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

Balance Pow10(int n) {
  Balance b = 1;
  for (int i = 0; i < n; ++i) b *= 10;
  return b;
}

// ---------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------

TEST(RunnerJsonTest, DefaultContextIsTheOldRunnersDefault) {
  VMContext c = DefaultRunnerContext();
  EXPECT_EQ(c.current_account_id.str(), "alice");
  EXPECT_EQ(c.signer_account_id.str(), "bob");
  EXPECT_EQ(c.predecessor_account_id.str(), "carol");
  EXPECT_EQ(c.refund_to_account_id.str(), "carol");
  EXPECT_EQ(c.signer_account_pk, (Bytes{0, 1, 2}));
  EXPECT_EQ(c.random_seed, (Bytes{0, 1, 2}));
  EXPECT_EQ(c.block_height, 1u);
  EXPECT_EQ(c.block_timestamp, 1586796191203000000ULL);
  EXPECT_EQ(c.epoch_height, 1u);
  EXPECT_TRUE(c.account_balance == Pow10(25));
  EXPECT_TRUE(c.account_locked_balance == 0);
  EXPECT_EQ(c.storage_usage, 100u);
  EXPECT_TRUE(c.attached_deposit == 0);
  EXPECT_EQ(c.prepaid_gas, 1000000000000000000ULL);
  EXPECT_FALSE(c.is_view());
  EXPECT_TRUE(c.output_data_receivers.empty());
  EXPECT_TRUE(c.promise_results.empty());
  EXPECT_TRUE(c.input->empty());
}

// The serde form of near-vm-logic's VMContext the old runner read with
// --context / --context-file (ecosystem.md 2.2: signer_account_pk and
// random_seed base58, input base64, u128 and block_timestamp decimal strings).
TEST(RunnerJsonTest, ParsesOldRunnerContext) {
  const char* text = R"({
    "current_account_id": "status.testnet",
    "signer_account_id": "alice.testnet",
    "signer_account_pk": "15T",
    "predecessor_account_id": "bob.testnet",
    "input": "eyJtZXNzYWdlIjogIjEyMzQ1In0=",
    "block_index": 10,
    "block_timestamp": "1586796191203000001",
    "epoch_height": 3,
    "account_balance": "100000000000000000000000000",
    "account_locked_balance": "5",
    "storage_usage": 182,
    "attached_deposit": "1000000000000000000000000",
    "prepaid_gas": 300000000000000,
    "random_seed": "15T",
    "is_view": false,
    "output_data_receivers": ["carol.testnet", "dave.testnet"]
  })";
  Result<VMContext> r = ParseContextJson(text, DefaultRunnerContext(), kViewGas);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const VMContext& c = *r;
  EXPECT_EQ(c.current_account_id.str(), "status.testnet");
  EXPECT_EQ(c.signer_account_id.str(), "alice.testnet");
  EXPECT_EQ(c.signer_account_pk, (Bytes{0, 1, 2}));
  EXPECT_EQ(c.predecessor_account_id.str(), "bob.testnet");
  // refund_to_account_id follows predecessor_account_id when not given.
  EXPECT_EQ(c.refund_to_account_id.str(), "bob.testnet");
  EXPECT_EQ(*c.input, B(R"({"message": "12345"})"));
  EXPECT_EQ(c.block_height, 10u);
  EXPECT_EQ(c.block_timestamp, 1586796191203000001ULL);
  EXPECT_EQ(c.epoch_height, 3u);
  EXPECT_TRUE(c.account_balance == Pow10(26));
  EXPECT_TRUE(c.account_locked_balance == 5);
  EXPECT_EQ(c.storage_usage, 182u);
  EXPECT_TRUE(c.attached_deposit == Pow10(24));
  EXPECT_EQ(c.prepaid_gas, 300000000000000ULL);
  EXPECT_EQ(c.random_seed, (Bytes{0, 1, 2}));
  EXPECT_FALSE(c.is_view());
  ASSERT_EQ(c.output_data_receivers.size(), 2u);
  EXPECT_EQ(c.output_data_receivers[0].str(), "carol.testnet");
  EXPECT_EQ(c.output_data_receivers[1].str(), "dave.testnet");
}

TEST(RunnerJsonTest, ParsesCurrentFieldNames) {
  Bytes seed(32, 7);
  std::string text = R"({
    "current_account_id": "c.near", "predecessor_account_id": "p.near",
    "refund_to_account_id": "r.near",
    "signer_account_pk": "ed25519:11111111111111111111111111111111",
    "block_height": 99, "block_timestamp": 42,
    "account_balance": 17, "attached_deposit": 0,
    "random_seed": ")" + Base58Encode(seed) + R"(",
    "view_config": {"max_gas_burnt": 1234},
    "account_contract": {"GlobalByAccount": "g.near"},
    "promise_results": ["NotReady", "Failed", {"Successful": "ok"},
                        {"SuccessfulBase64": "AAH/"}],
    "some_future_field": [1, 2, 3]
  })";
  Result<VMContext> r = ParseContextJson(text, DefaultRunnerContext(), kViewGas);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const VMContext& c = *r;
  EXPECT_EQ(c.refund_to_account_id.str(), "r.near");
  Bytes pk(33, 0);  // borsh: tag 0 + 32 zero bytes
  EXPECT_EQ(c.signer_account_pk, pk);
  EXPECT_EQ(c.block_height, 99u);
  EXPECT_EQ(c.block_timestamp, 42u);
  EXPECT_TRUE(c.account_balance == 17);
  EXPECT_EQ(c.random_seed, seed);
  ASSERT_TRUE(c.is_view());
  EXPECT_EQ(c.view_config->max_gas_burnt, 1234u);
  EXPECT_EQ(c.account_contract.kind, AccountContract::Kind::kGlobalByAccount);
  EXPECT_EQ(c.account_contract.account_id.str(), "g.near");
  ASSERT_EQ(c.promise_results.size(), 4u);
  EXPECT_EQ(c.promise_results[0].kind, PromiseResult::Kind::kNotReady);
  EXPECT_EQ(c.promise_results[1].kind, PromiseResult::Kind::kFailed);
  EXPECT_EQ(c.promise_results[2].kind, PromiseResult::Kind::kSuccessful);
  EXPECT_EQ(*c.promise_results[2].data, B("ok"));
  EXPECT_EQ(*c.promise_results[3].data, (Bytes{0, 1, 255}));
  // Fields not given keep the defaults.
  EXPECT_EQ(c.signer_account_id.str(), "bob");
  EXPECT_EQ(c.prepaid_gas, 1000000000000000000ULL);
}

TEST(RunnerJsonTest, IsViewUsesTheViewGasLimit) {
  Result<VMContext> r = ParseContextJson(R"({"is_view": true})", DefaultRunnerContext(), kViewGas);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->is_view());
  EXPECT_EQ(r->view_config->max_gas_burnt, kViewGas);
  r = ParseContextJson(R"({"view_config": null})", *r, kViewGas);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->is_view());
}

TEST(RunnerJsonTest, AccountContractForms) {
  CryptoHash h = CryptoHash::Of(B("code"));
  for (const char* kind : {"Local", "Global"}) {
    std::string text =
        std::string(R"({"account_contract": {")") + kind + R"(": ")" + h.ToBase58() + "\"}}";
    Result<VMContext> r = ParseContextJson(text, DefaultRunnerContext(), kViewGas);
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_EQ(r->account_contract.hash, h);
    EXPECT_EQ(r->account_contract.kind, std::string(kind) == "Local"
                                            ? AccountContract::Kind::kLocal
                                            : AccountContract::Kind::kGlobal);
  }
  Result<VMContext> r =
      ParseContextJson(R"({"account_contract": "None"})", DefaultRunnerContext(), kViewGas);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->account_contract.kind, AccountContract::Kind::kNone);
}

TEST(RunnerJsonTest, MalformedContextIsAnError) {
  const char* bad[] = {
      "",
      "{",
      "[]",
      "null",
      "42",
      "\"alice\"",
      R"({"current_account_id": 5})",
      R"({"current_account_id": "Not A Valid Id!"})",
      R"({"current_account_id": ""})",
      R"({"signer_account_pk": "0OIl"})",       // not base58
      R"({"signer_account_pk": "ed25519:111"})",  // wrong length
      R"({"signer_account_pk": "rsa:111"})",
      R"({"input": "***"})",
      R"({"input": 12})",
      R"({"random_seed": 1})",
      R"({"block_index": -1})",
      R"({"block_index": 1.5})",
      R"({"block_index": "18446744073709551616"})",  // u64 overflow
      R"({"block_timestamp": "soon"})",
      R"({"prepaid_gas": {}})",
      R"({"account_balance": "340282366920938463463374607431768211456"})",  // u128 overflow
      R"({"account_balance": "-1"})",
      R"({"attached_deposit": true})",
      R"({"is_view": "yes"})",
      R"({"view_config": {"max": 1}})",
      R"({"output_data_receivers": "bob"})",
      R"({"output_data_receivers": [1]})",
      R"({"account_contract": {"Local": "xyz0"}})",
      R"({"account_contract": {"Other": "a"}})",
      R"({"promise_results": [{"Successful": 1}]})",
      R"({"promise_results": ["Pending"]})",
      R"({"promise_results": {}})",
  };
  for (const char* text : bad) {
    Result<VMContext> r = ParseContextJson(text, DefaultRunnerContext(), kViewGas);
    EXPECT_FALSE(r.ok()) << text;
  }
}

TEST(RunnerJsonTest, U128Extremes) {
  Result<VMContext> r = ParseContextJson(
      R"({"account_balance": "340282366920938463463374607431768211455", "account_locked_balance": 0})",
      DefaultRunnerContext(), kViewGas);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->account_balance == ~Balance{0});
  EXPECT_EQ(BalanceToString(r->account_balance), "340282366920938463463374607431768211455");
}

// Arbitrary bytes must never crash the parsers.
TEST(RunnerJsonTest, GarbageNeverCrashes) {
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  RuntimeConfig config = *MainnetConfig();
  const std::string alphabet = "{}[]\":,0123456789-.eE truefalsnul\\ab";
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    size_t len = round % 40;
    for (size_t i = 0; i < len; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      s += (round & 1) ? alphabet[x % alphabet.size()] : static_cast<char>(x & 0xff);
    }
    (void)ParseContextJson(s, DefaultRunnerContext(), kViewGas);
    (void)ParseStateJson(s);
    (void)ParsePromiseResultJson(s);
    (void)ApplyConfigJson(s, &config);
  }
}

// ---------------------------------------------------------------------------
// State, promise results, config
// ---------------------------------------------------------------------------

TEST(RunnerJsonTest, ParsesState) {
  // The old runner's README example: key "STATE", a borsh status-message map.
  Result<std::map<Bytes, Bytes>> r = ParseStateJson(R"({"U1RBVEU=":"AQAAAAMAAABib2IFAAAAMTIzNDU="})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->begin()->first, B("STATE"));
  Bytes want = {1, 0, 0, 0, 3, 0, 0, 0, 'b', 'o', 'b', 5, 0, 0, 0, '1', '2', '3', '4', '5'};
  EXPECT_EQ(r->begin()->second, want);

  Result<std::map<Bytes, Bytes>> empty = ParseStateJson("{}");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  Result<std::map<Bytes, Bytes>> empty_key = ParseStateJson(R"({"": ""})");
  ASSERT_TRUE(empty_key.ok());
  EXPECT_EQ(empty_key->count(Bytes{}), 1u);

  for (const char* bad : {"", "[]", "null", R"({"U1RBVEU=": 5})", R"({"***": "AA=="})",
                          R"({"AA==": "***"})", R"({"AA==": null})"}) {
    EXPECT_FALSE(ParseStateJson(bad).ok()) << bad;
  }
}

TEST(RunnerJsonTest, ParsesPromiseResults) {
  Result<PromiseResult> r = ParsePromiseResultJson(R"({"Successful": "{\"a\":1}"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, PromiseResult::Kind::kSuccessful);
  EXPECT_EQ(*r->data, B(R"({"a":1})"));
  r = ParsePromiseResultJson(R"("Failed")");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, PromiseResult::Kind::kFailed);
  r = ParsePromiseResultJson(R"("NotReady")");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, PromiseResult::Kind::kNotReady);
  r = ParsePromiseResultJson(R"({"SuccessfulBase64": ""})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->data->empty());
  for (const char* bad : {"", "Failed", R"("Successful")", R"({"Successful": "a", "x": 1})",
                          R"({"SuccessfulBase64": "!"})", "[]", "{}"}) {
    EXPECT_FALSE(ParsePromiseResultJson(bad).ok()) << bad;
  }
}

TEST(RunnerJsonTest, ConfigOverridesByParameterName) {
  RuntimeConfig config = *MainnetConfig();
  ASSERT_TRUE(ApplyConfigJson(R"({"wasm_base": 1, "max_gas_burnt": 7000, "wasm_regular_op_cost": 3})",
                              &config)
                  .ok());
  EXPECT_EQ(config.wasm_config.ext_costs.gas(ExtCost::base), 1u);
  EXPECT_EQ(config.wasm_config.limit_config.max_gas_burnt, 7000u);
  EXPECT_EQ(config.wasm_config.regular_op_cost, 3u);
}

TEST(RunnerJsonTest, ConfigOverridesInVMConfigShape) {
  RuntimeConfig config = *MainnetConfig();
  Gas log_byte = config.wasm_config.ext_costs.gas(ExtCost::log_byte);
  ASSERT_TRUE(ApplyConfigJson(R"({
      "ext_costs": {"base": 2, "sha256_base": 5},
      "grow_mem_cost": 4, "regular_op_cost": 9,
      "limit_config": {"max_gas_burnt": 123456, "max_number_logs": 3}})",
                              &config)
                  .ok());
  EXPECT_EQ(config.wasm_config.ext_costs.gas(ExtCost::base), 2u);
  EXPECT_EQ(config.wasm_config.ext_costs.gas(ExtCost::sha256_base), 5u);
  EXPECT_EQ(config.wasm_config.ext_costs.gas(ExtCost::log_byte), log_byte);  // untouched
  EXPECT_EQ(config.wasm_config.grow_mem_cost, 4u);
  EXPECT_EQ(config.wasm_config.regular_op_cost, 9u);
  EXPECT_EQ(config.wasm_config.limit_config.max_gas_burnt, 123456u);
  EXPECT_EQ(config.wasm_config.limit_config.max_number_logs, 3u);
}

TEST(RunnerJsonTest, BadConfigIsAnErrorAndLeavesConfigUnchanged) {
  RuntimeConfig config = *MainnetConfig();
  const RuntimeConfig before = config;
  for (const char* bad : {"", "[]", R"({"no_such_parameter": 1})", R"({"ext_costs": 1})",
                          R"({"ext_costs": {"nope": 1}})", R"({"limit_config": []})",
                          R"({"wasm_base": "x"})", R"({"wasm_base": 1, "bogus": 2})"}) {
    EXPECT_FALSE(ApplyConfigJson(bad, &config).ok()) << bad;
    EXPECT_EQ(config.wasm_config.ext_costs.gas(ExtCost::base),
              before.wasm_config.ext_costs.gas(ExtCost::base))
        << bad;
  }
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

PublicKey Ed25519Key(uint8_t fill) { return PublicKey{KeyType::kEd25519, Bytes(32, fill)}; }

TEST(RunnerJsonTest, FormatsSuccessfulOutcomeExactly) {
  MemoryExternal ext;
  ext.state()[B("STATE")] = B("v");
  ReceiptIndex r0 = *ext.CreateActionReceipt({}, Id("bob.near"));
  ASSERT_TRUE(ext.AppendActionFunctionCallWeight(r0, B("hello"), B("{}"), Pow10(24), 5000, 0).ok());
  ext.AppendActionTransfer(r0, 7);
  ReceiptIndex r1 = *ext.CreateActionReceipt({r0}, Id("carol.near"));
  ext.AppendActionCreateAccount(r1);
  ext.AppendActionAddKeyWithFullAccess(r1, Ed25519Key(0), 3);
  ext.AppendActionDeleteAccount(r1, Id("bob.near"));

  VMOutcome o;
  o.balance = Pow10(25);
  o.storage_usage = 150;
  o.return_data.kind = ReturnData::Kind::kValue;
  o.return_data.value = B("\"hi\"");
  o.burnt_gas = 3000;
  o.used_gas = 8000;
  o.compute_usage = 3000;
  o.logs = {"log \xC3\xA9"};
  o.profile.AddExtCost(ExtCost::base, 264768111);
  o.profile.AddExtCost(ExtCost::log_byte, 10);
  o.profile.AddActionCost(ActionCost::transfer, 115123062500);
  o.profile.wasm_gas = 40;

  std::string out = FormatRunnerOutput(&o, nullptr, ext);
  std::string want =
      R"({"outcome":{"balance":"10000000000000000000000000","storage_usage":150,)"
      R"("return_data":{"Value":"\"hi\""},"burnt_gas":3000,"used_gas":8000,)"
      "\"logs\":[\"log \xC3\xA9\"],"
      R"("profile":[{"cost_category":"ACTION_COST","cost":"TRANSFER","gas_used":"115123062500"},)"
      R"({"cost_category":"WASM_HOST_COST","cost":"BASE","gas_used":"264768111"},)"
      R"({"cost_category":"WASM_HOST_COST","cost":"LOG_BYTE","gas_used":"10"},)"
      R"({"cost_category":"WASM_HOST_COST","cost":"WASM_INSTRUCTION","gas_used":"40"}],)"
      R"("compute_usage":3000},"err":null,)"
      R"("receipts":[{"receipt_indices":[],"receiver_id":"bob.near","actions":[)"
      R"({"FunctionCall":{"method_name":"hello","args":"{}","gas":5000,"deposit":1000000000000000000000000}},)"
      R"({"Transfer":{"deposit":7}}]},)"
      R"({"receipt_indices":[0],"receiver_id":"carol.near","actions":["CreateAccount",)"
      // public_key: base58 of the borsh bytes (tag 0 + 32 zero bytes).
      R"({"AddKeyWithFullAccess":{"public_key":"111111111111111111111111111111111","nonce":3}},)"
      R"({"DeleteAccount":{"beneficiary_id":"bob.near"}}]}],)"
      R"("state":{"U1RBVEU=":"dg=="}})";
  EXPECT_EQ(out, want);
  json doc = json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_TRUE(doc["err"].is_null());
}

TEST(RunnerJsonTest, FormatsAbortedOutcome) {
  MemoryExternal ext;
  VMOutcome o;
  o.balance = 4;
  o.storage_usage = 12;
  o.burnt_gas = 79064041;
  o.used_gas = 79064041;
  o.aborted = FunctionCallError::Host(HostError(HostErrorKind::GuestPanic, std::string("oops")));
  std::string out = FormatRunnerOutput(&o, nullptr, ext);
  std::string want =
      R"({"outcome":{"balance":"4","storage_usage":12,"return_data":"None",)"
      R"("burnt_gas":79064041,"used_gas":79064041,"logs":[],"profile":[],"compute_usage":0},)"
      R"("err":{"FunctionCallError":{"HostError":{"GuestPanic":{"panic_msg":"oops"}}}},)"
      R"("receipts":[],"state":{},"err_message":"Smart contract panicked: oops"})";
  EXPECT_EQ(out, want);
  RunnerJsonOptions no_message;
  no_message.include_error_message = false;
  EXPECT_EQ(FormatRunnerOutput(&o, nullptr, ext, no_message).find("err_message"),
            std::string::npos);
}

TEST(RunnerJsonTest, ErrorJsonForms) {
  EXPECT_EQ(FunctionCallErrorJson(FunctionCallError::Host(HostErrorKind::IntegerOverflow)),
            R"({"FunctionCallError":{"HostError":"IntegerOverflow"}})");
  EXPECT_EQ(FunctionCallErrorJson(
                FunctionCallError::Host(HostError(HostErrorKind::InvalidRegisterId, 7))),
            R"({"FunctionCallError":{"HostError":{"InvalidRegisterId":{"register_id":7}}}})");
  EXPECT_EQ(FunctionCallErrorJson(FunctionCallError::Host(
                HostError(HostErrorKind::TotalLogLengthExceeded, 16385, 16384))),
            R"({"FunctionCallError":{"HostError":{"TotalLogLengthExceeded":{"length":16385,"limit":16384}}}})");
  EXPECT_EQ(FunctionCallErrorJson(FunctionCallError::Trap(WasmTrap::Unreachable)),
            R"({"FunctionCallError":{"WasmTrap":"Unreachable"}})");
  EXPECT_EQ(FunctionCallErrorJson(FunctionCallError::MethodResolve(MethodResolveError::MethodNotFound)),
            R"({"FunctionCallError":{"MethodResolveError":"MethodNotFound"}})");
  EXPECT_EQ(FunctionCallErrorJson(FunctionCallError::Prepare(PrepareError::Deserialization)),
            R"({"FunctionCallError":{"CompilationError":{"PrepareError":"Deserialization"}}})");
  EXPECT_EQ(FunctionCallErrorJson(FunctionCallError::Link("bad import")),
            R"({"FunctionCallError":{"LinkError":{"msg":"bad import"}}})");
}

TEST(RunnerJsonTest, FormatsRunnerErrorWithoutOutcome) {
  MemoryExternal ext;
  VMRunnerError e;
  e.kind = VMRunnerError::Kind::ContractCodeNotPresent;
  std::string out = FormatRunnerOutput(nullptr, &e, ext);
  json doc = json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  EXPECT_TRUE(doc["outcome"].is_null());
  EXPECT_EQ(doc["err"], "ContractCodeNotPresent");
  EXPECT_TRUE(doc["receipts"].is_array());
  EXPECT_TRUE(doc["state"].is_object());
}

TEST(RunnerJsonTest, NonUtf8BytesStayValidJson) {
  MemoryExternal ext;
  ReceiptIndex r = *ext.CreateActionReceipt({}, Id("bob.near"));
  ASSERT_TRUE(ext.AppendActionFunctionCallWeight(r, B("m"), Bytes{0xff, 0x00}, 0, 1, 1).ok());
  VMOutcome o;
  o.return_data.kind = ReturnData::Kind::kValue;
  o.return_data.value = Bytes{0xc3};
  std::string out = FormatRunnerOutput(&o, nullptr, ext);
  json doc = json::parse(out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << out;
  EXPECT_EQ(doc["outcome"]["return_data"]["ValueBase64"], "ww==");
  const json& call = doc["receipts"][0]["actions"][0]["FunctionCall"];
  EXPECT_EQ(call["method_name"], "m");
  EXPECT_EQ(call["args_base64"], "/wA=");
  EXPECT_EQ(call["gas_weight"], 1);
  EXPECT_EQ(doc["outcome"]["return_data"].size(), 1u);
}

TEST(RunnerJsonTest, ReceiptIndexReturnData) {
  MemoryExternal ext;
  VMOutcome o;
  o.return_data.kind = ReturnData::Kind::kReceiptIndex;
  o.return_data.receipt_index = 2;
  std::string out = FormatRunnerOutput(&o, nullptr, ext);
  EXPECT_NE(out.find(R"("return_data":{"ReceiptIndex":2})"), std::string::npos) << out;
}

}  // namespace
}  // namespace nearrt::vm
