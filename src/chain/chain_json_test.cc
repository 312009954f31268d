// chain_json: well-formed genesis, actions and transactions parse to the
// values written out by hand below; every malformed input is an error that
// names the field, and nothing throws.
#include "chain/chain_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "primitives/base58.h"
#include "vm/types.h"

namespace nearrt::chain {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// InMemorySigner::test_signer keys (ed25519 from_seed(account)); the public
// keys are nearcore's (shared/near/runtime.md §12 D).
const char kAlicePk[] = "ed25519:22skMptHjFWNyuEWY22ftn2AbLPSYpmYwGJRGwpNHbTV";
const char kBobPk[] = "ed25519:4mhK4txd8Z5r71iCZ41UguSHuHFKUeCXPHv646DbQPYi";
// sha256("") in base58: CryptoHash::hash_bytes(&[]).
const char kEmptyHash[] = "GKot5hBsd81kMupNCXHaqbhv3huEbxAFMLnpcX2hniwn";
// "\0asm" version 1.
const char kWasmHeaderB64[] = "AGFzbQEAAAA=";
const Bytes kWasmHeader = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

json J(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}
AccountId Id(const char* s) { return *AccountId::Parse(s); }
PublicKey Pk(const char* s) { return *PublicKey::Parse(s); }
Balance B(const char* s) { return *vm::ParseBalance(s); }

// The error message of `r`, or "<ok>".
template <class T>
std::string ErrorOf(const Result<T>& r) {
  return r.ok() ? "<ok>" : r.error().message;
}

// ---- Genesis ----

TEST(GenesisJson, FullGenesisParsesToTheExpectedValues) {
  std::string text = std::string(R"({
    "chain_id": "testnet", "protocol_version": 80, "runtime_config": "test",
    "gas_price": "200000000", "min_gas_price": 100, "max_gas_price": "340282366920938463463374607431768211455",
    "gas_limit": 1000, "genesis_height": 7, "genesis_time": 9, "epoch_length": 5,
    "unknown_field": [[[{"ignored": true}]]],
    "accounts": [
      {"account_id": "alice.near", "amount": "1000000000000000000000000000", "locked": "5",
       "test_key_seed": "alice.near",
       "keys": [")") + kBobPk + R"(",
                {"public_key": ")" + kBobPk + R"(", "permission": "FullAccess"},
                {"public_key": ")" + kAlicePk + R"(", "permission": {"FunctionCall":
                  {"allowance": "100", "receiver_id": "c.near", "method_names": ["a", "b"]}}},
                {"public_key": ")" + kAlicePk + R"(", "permission": {"FunctionCall":
                  {"allowance": null, "receiver_id": "d.near"}}},
                {"public_key": ")" + kAlicePk + R"(", "permission": null}],
       "code_base64": ")" + kWasmHeaderB64 + R"(",
       "data": {"AQI=": "AwQ=", "": ""}},
      {"account_id": "bob.near", "amount": 18446744073709551615, "locked": null, "keys": null,
       "code_base64": null, "data": null}
    ]})";
  auto g = GenesisFromJson(J(text), std::nullopt);
  ASSERT_TRUE(g.ok()) << g.error().message;

  Genesis want;
  want.chain_id = "testnet";
  want.protocol_version = 80;
  want.runtime_config = "test";
  want.gas_price = 200'000'000;
  want.min_gas_price = 100;
  want.max_gas_price = ~Balance(0);
  want.gas_limit = 1000;
  want.genesis_height = 7;
  want.genesis_time = 9;
  want.epoch_length = 5;
  GenesisAccount alice;
  alice.account_id = Id("alice.near");
  alice.amount = B("1000000000000000000000000000");
  alice.locked = 5;
  AccessKey fc1 = AccessKey::FullAccess();
  fc1.permission.kind = AccessKeyPermission::Kind::kFunctionCall;
  fc1.permission.function_call = FunctionCallPermission{Balance(100), "c.near", {"a", "b"}};
  AccessKey fc2 = AccessKey::FullAccess();
  fc2.permission.kind = AccessKeyPermission::Kind::kFunctionCall;
  fc2.permission.function_call = FunctionCallPermission{std::nullopt, "d.near", {}};
  alice.keys = {{Pk(kAlicePk), AccessKey::FullAccess()},  // test_key_seed first
                {Pk(kBobPk), AccessKey::FullAccess()},
                {Pk(kBobPk), AccessKey::FullAccess()},
                {Pk(kAlicePk), fc1},
                {Pk(kAlicePk), fc2},
                {Pk(kAlicePk), AccessKey::FullAccess()}};
  alice.code = kWasmHeader;
  alice.data = {{Bytes{1, 2}, Bytes{3, 4}}, {Bytes{}, Bytes{}}};
  GenesisAccount bob;
  bob.account_id = Id("bob.near");
  bob.amount = 18446744073709551615ull;
  want.accounts = {alice, bob};

  ASSERT_EQ(g->accounts.size(), 2u);
  EXPECT_TRUE(g->accounts[0].keys == alice.keys);
  EXPECT_TRUE(g->accounts[0].data == alice.data);
  EXPECT_TRUE(g->accounts[0].amount == alice.amount);
  EXPECT_TRUE(g->accounts[1] == bob);
  EXPECT_TRUE(*g == want);
}

TEST(GenesisJson, DefaultsAndTheTextEntryPoint) {
  auto g = Genesis::FromJson(R"({"accounts": []})");
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_TRUE(*g == Genesis());
  EXPECT_EQ(ErrorOf(Genesis::FromJson("{\"accounts\": [")), "genesis: invalid JSON");
  EXPECT_EQ(ErrorOf(Genesis::FromJson("")), "genesis: invalid JSON");
  EXPECT_EQ(ErrorOf(Genesis::FromJson(R"({"accounts":[{"account_id":5}]})")),
            "genesis: account 0: account_id: expected a string");
}

TEST(GenesisJson, CodeFileOnlyWithADirectory) {
  std::string dir = ::testing::TempDir();
  if (!dir.empty() && dir.back() == '/') dir.pop_back();
  std::string name = "chain_json_test_code.wasm";
  {
    std::ofstream f(dir + "/" + name, std::ios::binary);
    f.write(reinterpret_cast<const char*>(kWasmHeader.data()), kWasmHeader.size());
  }
  std::string text = R"({"accounts": [{"account_id": "c.near", "code_file": ")" + name + R"("}]})";
  auto g = GenesisFromJson(J(text), dir);
  ASSERT_TRUE(g.ok()) << g.error().message;
  ASSERT_TRUE(g->accounts[0].code.has_value());
  EXPECT_EQ(*g->accounts[0].code, kWasmHeader);
  // Through the text entry point too, and code_file wins over code_base64.
  std::string both = R"({"accounts": [{"account_id": "c.near", "code_file": ")" + name +
                     R"(", "code_base64": "AQID"}]})";
  auto g2 = Genesis::FromJson(both, dir);
  ASSERT_TRUE(g2.ok()) << g2.error().message;
  EXPECT_EQ(*g2->accounts[0].code, kWasmHeader);
  // No directory (the web build): an error, not a file read.
  EXPECT_EQ(ErrorOf(GenesisFromJson(J(text), std::nullopt)),
            "genesis: account 0 (c.near): code_file: no files here: give the code as code_base64");
  EXPECT_THAT(ErrorOf(GenesisFromJson(J(R"({"accounts": [{"account_id": "c.near", "code_file": "nope.wasm"}]})"), dir)),
              HasSubstr("genesis: account 0 (c.near): code_file: "));
  std::remove((dir + "/" + name).c_str());
}

struct Case {
  std::string input;
  std::string error;  // a substring of the expected message
};

// `parse(json of input)` must not throw and must return an error containing c.error.
template <class Parse>
void ExpectErrors(const std::vector<Case>& cases, Parse parse) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input.substr(0, 200));
    json j = J(c.input);
    std::string msg;
    EXPECT_NO_THROW(msg = parse(j));
    EXPECT_THAT(msg, HasSubstr(c.error));
  }
}

TEST(GenesisJson, MalformedGenesisIsAnErrorNamingTheField) {
  const std::string acc = R"({"accounts": [{"account_id": "alice.near", )";
  const std::string key = acc + R"("keys": [{"public_key": ")" + std::string(kAlicePk) + R"(", )";
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  const std::vector<Case> cases = {
      {"5", "genesis: expected a JSON object"},
      {"[]", "genesis: expected a JSON object"},
      {"null", "genesis: expected a JSON object"},
      {"\"x\"", "genesis: expected a JSON object"},
      {"{}", "genesis: accounts: required (an array of accounts)"},
      {R"({"accounts": null})", "genesis: accounts: required"},
      {R"({"accounts": {}})", "genesis: accounts: required"},
      {R"({"accounts": "x"})", "genesis: accounts: required"},
      {R"({"chain_id": 5, "accounts": []})", "genesis: chain_id: expected a string"},
      {R"({"protocol_version": "86", "accounts": []})", "genesis: protocol_version: expected an integer in 0..4294967295"},
      {R"({"protocol_version": 4294967296, "accounts": []})", "genesis: protocol_version: expected an integer"},
      {R"({"protocol_version": -1, "accounts": []})", "genesis: protocol_version: expected an integer"},
      {R"({"protocol_version": 86.0, "accounts": []})", "genesis: protocol_version: expected an integer"},
      {R"({"runtime_config": "Test", "accounts": []})", R"(genesis: runtime_config: expected "mainnet" or "test", got "Test")"},
      {R"({"runtime_config": true, "accounts": []})", "genesis: runtime_config: expected a string"},
      {R"({"gas_price": [], "accounts": []})", "genesis: gas_price: expected a balance (a decimal string)"},
      {R"({"gas_price": -1, "accounts": []})", "genesis: gas_price: expected a balance"},
      {R"({"gas_price": 1.5, "accounts": []})", "genesis: gas_price: expected a balance"},
      {R"({"gas_price": 1e30, "accounts": []})", "genesis: gas_price: expected a balance"},
      {R"({"gas_price": 18446744073709551616, "accounts": []})", "genesis: gas_price: expected a balance"},
      {R"({"gas_price": "1e3", "accounts": []})", R"(genesis: gas_price: invalid balance "1e3")"},
      {R"({"gas_price": "-5", "accounts": []})", "genesis: gas_price: invalid balance"},
      {R"({"gas_price": "", "accounts": []})", "genesis: gas_price: invalid balance"},
      {R"({"gas_price": " 5", "accounts": []})", "genesis: gas_price: invalid balance"},
      {R"({"gas_price": "0x10", "accounts": []})", "genesis: gas_price: invalid balance"},
      {R"({"gas_price": "340282366920938463463374607431768211456", "accounts": []})", "genesis: gas_price: invalid balance"},
      {R"({"gas_price": ")" + std::string(1000, '9') + R"(", "accounts": []})", "genesis: gas_price: invalid balance"},
      {R"({"min_gas_price": {}, "accounts": []})", "genesis: min_gas_price: expected a balance"},
      {R"({"max_gas_price": true, "accounts": []})", "genesis: max_gas_price: expected a balance"},
      {R"({"gas_limit": "1000", "accounts": []})", "genesis: gas_limit: expected an unsigned integer below 2^64"},
      {R"({"gas_limit": 18446744073709551616, "accounts": []})", "genesis: gas_limit: expected an unsigned integer"},
      {R"({"gas_limit": -1, "accounts": []})", "genesis: gas_limit: expected an unsigned integer"},
      {R"({"gas_limit": 1.0, "accounts": []})", "genesis: gas_limit: expected an unsigned integer"},
      {R"({"genesis_height": "0", "accounts": []})", "genesis: genesis_height: expected an unsigned integer"},
      {R"({"genesis_time": {}, "accounts": []})", "genesis: genesis_time: expected an unsigned integer"},
      {R"({"epoch_length": -3, "accounts": []})", "genesis: epoch_length: expected an unsigned integer"},
      {R"({"accounts": [5]})", "genesis: account 0: expected an object"},
      {R"({"accounts": [null]})", "genesis: account 0: expected an object"},
      {R"({"accounts": [)" + deep + "]}", "genesis: account 0: expected an object"},
      {R"({"accounts": [{}]})", "genesis: account 0: account_id: required (a string)"},
      {R"({"accounts": [{"account_id": 5}]})", "genesis: account 0: account_id: expected a string"},
      {R"({"accounts": [{"account_id": ["alice.near"]}]})", "genesis: account 0: account_id: expected a string"},
      {R"({"accounts": [{"account_id": "A"}]})", R"(genesis: account 0: account_id: invalid account id "A")"},
      {R"({"accounts": [{"account_id": ")" + std::string(200, 'a') + R"("}]})", "genesis: account 0: account_id: invalid account id"},
      {acc + R"("amount": {}}]})", "genesis: account 0 (alice.near): amount: expected a balance"},
      {acc + R"("amount": "1.5"}]})", "genesis: account 0 (alice.near): amount: invalid balance"},
      {acc + R"("locked": "x"}]})", "genesis: account 0 (alice.near): locked: invalid balance"},
      {acc + R"("test_key_seed": 5}]})", "genesis: account 0 (alice.near): test_key_seed: expected a string"},
      {acc + R"("keys": "ed25519:x"}]})", "genesis: account 0 (alice.near): keys: expected an array"},
      {acc + R"("keys": {}}]})", "genesis: account 0 (alice.near): keys: expected an array"},
      {acc + R"("keys": [5]}]})", "genesis: account 0 (alice.near): keys 0: expected a public key string"},
      {acc + R"("keys": [[]]}]})", "genesis: account 0 (alice.near): keys 0: expected a public key string"},
      {acc + R"("keys": ["ed25519:0OIl"]}]})", R"(keys 0: public_key: invalid public key "ed25519:0OIl")"},
      {acc + R"("keys": ["ed25519:abc"]}]})", "keys 0: public_key: invalid public key"},
      {acc + R"("keys": ["rsa:22skMptHjFWNyuEWY22ftn2AbLPSYpmYwGJRGwpNHbTV"]}]})", "keys 0: public_key: invalid public key"},
      {acc + R"("keys": [""]}]})", "keys 0: public_key: invalid public key"},
      {acc + R"("keys": [{}]}]})", "genesis: account 0 (alice.near): keys 0: public_key: required"},
      {acc + R"("keys": [{"public_key": 5}]}]})", "keys 0: public_key: expected a string"},
      {key + R"("permission": "Full"}]}]})", R"(keys 0: permission: expected "FullAccess" or {"FunctionCall": {...}})"},
      {key + R"("permission": 5}]}]})", "keys 0: permission: expected"},
      {key + R"("permission": {"Foo": {}}}]}]})", "keys 0: permission: expected"},
      {key + R"("permission": {"FunctionCall": {"receiver_id": "x"}, "X": 1}}]}]})", "keys 0: permission: expected"},
      {key + R"("permission": {"FunctionCall": 5}}]}]})", "keys 0: permission: FunctionCall: expected an object"},
      {key + R"("permission": {"FunctionCall": {}}}]}]})", "keys 0: permission: FunctionCall: receiver_id: required"},
      {key + R"("permission": {"FunctionCall": {"receiver_id": 1}}}]}]})", "FunctionCall: receiver_id: expected a string"},
      {key + R"("permission": {"FunctionCall": {"receiver_id": "x", "allowance": -1}}}]}]})",
       "FunctionCall: allowance: expected a balance"},
      {key + R"("permission": {"FunctionCall": {"receiver_id": "x", "method_names": "a"}}}]}]})",
       "FunctionCall: method_names: expected an array of strings"},
      {key + R"("permission": {"FunctionCall": {"receiver_id": "x", "method_names": ["a", 1]}}}]}]})",
       "FunctionCall: method_names: expected an array of strings"},
      {acc + R"("code_base64": 5}]})", "genesis: account 0 (alice.near): code_base64: expected a string"},
      {acc + R"("code_base64": "@@@"}]})", "genesis: account 0 (alice.near): code_base64: not base64"},
      {acc + R"("code_file": "a.wasm"}]})", "genesis: account 0 (alice.near): code_file: no files here"},
      {acc + R"("code_file": 5}]})", "genesis: account 0 (alice.near): code_file: expected a string"},
      {acc + R"("data": []}]})", "genesis: account 0 (alice.near): data: expected {"},
      {acc + R"("data": "AA=="}]})", "genesis: account 0 (alice.near): data: expected {"},
      {acc + R"("data": {"!!": "AA=="}}]})", R"(genesis: account 0 (alice.near): data: key "!!" is not base64)"},
      {acc + R"("data": {"AA==": 1}}]})", R"(data: the value of "AA==" must be a base64 string)"},
      {acc + R"("data": {"AA==": null}}]})", R"(data: the value of "AA==" must be a base64 string)"},
      {acc + R"("data": {"AA==": "%"}}]})", R"(data: the value of "AA==" is not base64)"},
      {R"({"accounts": [{"account_id": "alice.near"}, {"account_id": "alice.near"}]})",
       R"(genesis: account 1: duplicate account_id "alice.near")"},
      {R"({"accounts": [{"account_id": "alice.near"}, {"account_id": "bob.near", "amount": false}]})",
       "genesis: account 1 (bob.near): amount: expected a balance"},
  };
  ExpectErrors(cases, [&](const json& j) { return ErrorOf(GenesisFromJson(j, std::nullopt)); });
}

TEST(GenesisJson, LongValuesAreCutInMessages) {
  std::string text = R"({"runtime_config": ")" + std::string(10000, 'x') + R"(", "accounts": []})";
  std::string msg = ErrorOf(GenesisFromJson(J(text), std::nullopt));
  EXPECT_THAT(msg, HasSubstr("runtime_config: expected"));
  EXPECT_LT(msg.size(), 200u);
}

// ---- Actions ----

Action Parse(const std::string& text, const CodeFileDir& dir = std::nullopt) {
  auto a = ActionFromJson(J(text), dir);
  EXPECT_TRUE(a.ok()) << text << ": " << a.error().message;
  return a.ok() ? *a : Action();
}

TEST(ActionJson, EveryActionParsesToTheExpectedValue) {
  const std::string alice = kAlicePk;
  EXPECT_TRUE(Parse(R"("CreateAccount")") == Action(CreateAccountAction{}));
  EXPECT_TRUE(Parse(R"({"CreateAccount": {}})") == Action(CreateAccountAction{}));
  EXPECT_TRUE(Parse(R"({"Transfer": {"deposit": "1000000000000000000000000"}})") ==
              Action(TransferAction{B("1000000000000000000000000")}));
  EXPECT_TRUE(Parse(R"({"Transfer": {"deposit": 5}})") == Action(TransferAction{5}));
  EXPECT_TRUE(Parse(R"({"FunctionCall": {"method_name": "m", "args": "{\"a\":1}", "gas": 100, "deposit": "7"}})") ==
              Action(FunctionCallAction{"m", ToBytes("{\"a\":1}"), 100, 7}));
  EXPECT_TRUE(Parse(R"({"FunctionCall": {"method_name": "m", "args": {"b": [1, 2], "a": null}}})") ==
              Action(FunctionCallAction{"m", ToBytes(R"({"a":null,"b":[1,2]})"), 30'000'000'000'000, 0}));
  EXPECT_TRUE(Parse(R"({"FunctionCall": {"method_name": "m", "args_base64": "AQID", "args": "ignored"}})") ==
              Action(FunctionCallAction{"m", Bytes{1, 2, 3}, 30'000'000'000'000, 0}));
  EXPECT_TRUE(Parse(R"({"FunctionCall": {"method_name": ""}})") ==
              Action(FunctionCallAction{"", Bytes{}, 30'000'000'000'000, 0}));
  EXPECT_TRUE(Parse(std::string(R"({"DeployContract": {"code_base64": ")") + kWasmHeaderB64 + "\"}}") ==
              Action(DeployContractAction{kWasmHeader}));
  EXPECT_TRUE(Parse(R"({"DeployGlobalContract": {"code_base64": "AQID"}})") ==
              Action(DeployGlobalContractAction{Bytes{1, 2, 3}, 0}));
  EXPECT_TRUE(Parse(R"({"DeployGlobalContract": {"code_base64": "AQID", "deploy_mode": "CodeHash"}})") ==
              Action(DeployGlobalContractAction{Bytes{1, 2, 3}, 0}));
  EXPECT_TRUE(Parse(R"({"DeployGlobalContract": {"code_base64": "AQID", "deploy_mode": "AccountId"}})") ==
              Action(DeployGlobalContractAction{Bytes{1, 2, 3}, 1}));
  GlobalContractId by_hash;
  by_hash.code_hash = CryptoHash::Of(Bytes{});
  EXPECT_TRUE(Parse(std::string(R"({"UseGlobalContract": {"code_hash": ")") + kEmptyHash + "\"}}") ==
              Action(UseGlobalContractAction{by_hash}));
  GlobalContractId by_account;
  by_account.kind = GlobalContractId::Kind::kAccountId;
  by_account.account_id = Id("global.near");
  EXPECT_TRUE(Parse(R"({"UseGlobalContract": {"account_id": "global.near"}})") ==
              Action(UseGlobalContractAction{by_account}));
  EXPECT_TRUE(Parse(R"({"AddKey": {"public_key": ")" + alice + "\"}}") ==
              Action(AddKeyAction{Pk(kAlicePk), AccessKey::FullAccess()}));
  AccessKey gas_key = AccessKey::FullAccess();
  gas_key.permission.kind = AccessKeyPermission::Kind::kGasKeyFullAccess;
  gas_key.permission.gas_key.num_nonces = 4;
  EXPECT_TRUE(Parse(R"({"AddKey": {"public_key": ")" + alice + R"(", "gas_key_nonces": 4}})") ==
              Action(AddKeyAction{Pk(kAlicePk), gas_key}));
  AccessKey fc = AccessKey::FullAccess();
  fc.permission.kind = AccessKeyPermission::Kind::kFunctionCall;
  fc.permission.function_call = FunctionCallPermission{Balance(9), "c.near", {"m"}};
  EXPECT_TRUE(Parse(R"({"AddKey": {"public_key": ")" + alice +
                    R"(", "permission": {"FunctionCall": {"allowance": "9", "receiver_id": "c.near", "method_names": ["m"]}}}})") ==
              Action(AddKeyAction{Pk(kAlicePk), fc}));
  AccessKey fc_gas = fc;
  fc_gas.permission.kind = AccessKeyPermission::Kind::kGasKeyFunctionCall;
  fc_gas.permission.gas_key.num_nonces = 65535;
  EXPECT_TRUE(Parse(R"({"AddKey": {"public_key": ")" + alice +
                    R"(", "gas_key_nonces": 65535, "permission": {"FunctionCall": {"allowance": "9", "receiver_id": "c.near", "method_names": ["m"]}}}})") ==
              Action(AddKeyAction{Pk(kAlicePk), fc_gas}));
  EXPECT_TRUE(Parse(R"({"DeleteKey": {"public_key": ")" + alice + "\"}}") == Action(DeleteKeyAction{Pk(kAlicePk)}));
  EXPECT_TRUE(Parse(R"({"Stake": {"stake": "123", "public_key": ")" + alice + "\"}}") ==
              Action(StakeAction{123, Pk(kAlicePk)}));
  EXPECT_TRUE(Parse(R"({"DeleteAccount": {"beneficiary_id": "bob.near"}})") ==
              Action(DeleteAccountAction{Id("bob.near")}));
  EXPECT_TRUE(Parse(R"({"TransferToGasKey": {"public_key": ")" + alice + R"(", "deposit": "10"}})") ==
              Action(TransferToGasKeyAction{Pk(kAlicePk), 10}));
  EXPECT_TRUE(Parse(R"({"WithdrawFromGasKey": {"public_key": ")" + alice + R"(", "amount": "11"}})") ==
              Action(WithdrawFromGasKeyAction{Pk(kAlicePk), 11}));
}

TEST(ActionJson, CodeFileReadsRelativeToTheDirectory) {
  std::string dir = ::testing::TempDir();
  if (!dir.empty() && dir.back() == '/') dir.pop_back();
  {
    std::ofstream f(dir + "/chain_json_action.wasm", std::ios::binary);
    f << "abc";
  }
  EXPECT_TRUE(Parse(R"({"DeployContract": {"code_file": "chain_json_action.wasm"}})", dir) ==
              Action(DeployContractAction{ToBytes("abc")}));
  EXPECT_TRUE(Parse(R"({"DeployGlobalContract": {"code_file": ")" + dir +
                        R"(/chain_json_action.wasm", "deploy_mode": "AccountId"}})",
                    std::string("/nonexistent")) == Action(DeployGlobalContractAction{ToBytes("abc"), 1}));
  EXPECT_EQ(ErrorOf(ActionFromJson(J(R"({"DeployContract": {"code_file": "chain_json_action.wasm"}})"), std::nullopt)),
            "DeployContract: code_file: no files here: give the code as code_base64");
  EXPECT_EQ(ErrorOf(ActionFromJson(J(R"({"DeployContract": {}})"), dir)),
            "DeployContract: code_file or code_base64 required");
  EXPECT_THAT(ErrorOf(ActionFromJson(J(R"({"DeployContract": {"code_file": "missing.wasm"}})"), dir)),
              HasSubstr("DeployContract: code_file: "));
  std::remove((dir + "/chain_json_action.wasm").c_str());
}

TEST(ActionJson, MalformedActionsAreErrorsNamingTheField) {
  const std::string pk = std::string("\"public_key\": \"") + kAlicePk + "\"";
  std::string deep_args = R"({"FunctionCall": {"method_name": "m", "args": )" + std::string(300, '[') +
                          std::string(300, ']') + "}}";
  std::string ok_args = R"({"FunctionCall": {"method_name": "m", "args": )" + std::string(200, '[') +
                        std::string(200, ']') + "}}";
  ASSERT_TRUE(ActionFromJson(J(ok_args), std::nullopt).ok());
  const std::vector<Case> cases = {
      {"5", R"(at: expected "CreateAccount" or an object with one action name, got number)"},
      {"null", "at: expected \"CreateAccount\" or an object with one action name, got null"},
      {R"("Transfer")", "at: expected \"CreateAccount\" or an object"},
      {"[]", "at: expected \"CreateAccount\" or an object"},
      {"{}", "at: expected \"CreateAccount\" or an object"},
      {R"({"Transfer": {"deposit": "1"}, "Stake": {}})", "at: expected \"CreateAccount\" or an object"},
      {R"({"Foo": {}})", R"(at: unsupported action "Foo")"},
      {R"({"transfer": {"deposit": "1"}})", R"(at: unsupported action "transfer")"},
      {R"({"Transfer": 5})", "at: Transfer: expected an object"},
      {R"({"Transfer": null})", "at: Transfer: expected an object"},
      {R"({"Transfer": [1]})", "at: Transfer: expected an object"},
      {R"({"Transfer": {}})", "at: Transfer: deposit: required (a balance)"},
      {R"({"Transfer": {"deposit": []}})", "at: Transfer: deposit: expected a balance"},
      {R"({"Transfer": {"deposit": "-1"}})", "at: Transfer: deposit: invalid balance \"-1\""},
      {R"({"Transfer": {"deposit": -1}})", "at: Transfer: deposit: expected a balance"},
      {R"({"Transfer": {"deposit": 1e40}})", "at: Transfer: deposit: expected a balance"},
      {R"({"FunctionCall": {}})", "at: FunctionCall: method_name: required (a string)"},
      {R"({"FunctionCall": {"method_name": 5}})", "at: FunctionCall: method_name: expected a string"},
      {R"({"FunctionCall": {"method_name": "m", "args_base64": 5}})", "at: FunctionCall: args_base64: expected a string"},
      {R"({"FunctionCall": {"method_name": "m", "args_base64": "%%"}})", "at: FunctionCall: args_base64: not base64"},
      {R"({"FunctionCall": {"method_name": "m", "gas": "1"}})", "at: FunctionCall: gas: expected an unsigned integer"},
      {R"({"FunctionCall": {"method_name": "m", "gas": -1}})", "at: FunctionCall: gas: expected an unsigned integer"},
      {R"({"FunctionCall": {"method_name": "m", "gas": 1.5}})", "at: FunctionCall: gas: expected an unsigned integer"},
      {R"({"FunctionCall": {"method_name": "m", "gas": 1e20}})", "at: FunctionCall: gas: expected an unsigned integer"},
      {R"({"FunctionCall": {"method_name": "m", "deposit": {}}})", "at: FunctionCall: deposit: expected a balance"},
      {deep_args, "at: FunctionCall: args: nested deeper than 256 levels"},
      {R"({"DeployContract": {}})", "at: DeployContract: code_base64 required"},
      {R"({"DeployContract": {"code_base64": 7}})", "at: DeployContract: code_base64: expected a string"},
      {R"({"DeployContract": {"code_base64": "A"}})", "at: DeployContract: code_base64: not base64"},
      {R"({"DeployContract": {"code_file": "x.wasm"}})", "at: DeployContract: code_file: no files here"},
      {R"({"DeployGlobalContract": {"code_base64": "AA==", "deploy_mode": "Hash"}})",
       R"(at: DeployGlobalContract: deploy_mode: expected "CodeHash" or "AccountId", got "Hash")"},
      {R"({"DeployGlobalContract": {"code_base64": "AA==", "deploy_mode": 1}})",
       "at: DeployGlobalContract: deploy_mode: expected a string"},
      {R"({"DeployGlobalContract": {"deploy_mode": "CodeHash"}})", "at: DeployGlobalContract: code_base64 required"},
      {R"({"UseGlobalContract": {}})", "at: UseGlobalContract: expected one of code_hash or account_id"},
      {R"({"UseGlobalContract": {"code_hash": ")" + std::string(kEmptyHash) + R"(", "account_id": "a.near"}})",
       "at: UseGlobalContract: expected one of code_hash or account_id"},
      {R"({"UseGlobalContract": {"code_hash": "0OIl"}})", R"(at: UseGlobalContract: code_hash: invalid hash "0OIl")"},
      {R"({"UseGlobalContract": {"code_hash": "abc"}})", "at: UseGlobalContract: code_hash: invalid hash"},
      {R"({"UseGlobalContract": {"code_hash": 5}})", "at: UseGlobalContract: code_hash: expected a string"},
      {R"({"UseGlobalContract": {"account_id": 5}})", "at: UseGlobalContract: account_id: expected a string"},
      {R"({"UseGlobalContract": {"account_id": "UPPER.near"}})", "at: UseGlobalContract: account_id: invalid account id"},
      {R"({"AddKey": {}})", "at: AddKey: public_key: required (a string)"},
      {R"({"AddKey": {"public_key": "ed25519:"}})", "at: AddKey: public_key: invalid public key"},
      {R"({"AddKey": {"public_key": "ed25519:22skMptHjFWNyuEWY22ftn2AbLPSYpmYwGJRGwpNHbT"}})",
       "at: AddKey: public_key: invalid public key"},
      {"{\"AddKey\": {" + pk + R"(, "gas_key_nonces": 65536}})", "at: AddKey: gas_key_nonces: expected an integer in 0..65535"},
      {"{\"AddKey\": {" + pk + R"(, "gas_key_nonces": -1}})", "at: AddKey: gas_key_nonces: expected an integer in 0..65535"},
      {"{\"AddKey\": {" + pk + R"(, "gas_key_nonces": "4"}})", "at: AddKey: gas_key_nonces: expected an integer"},
      {"{\"AddKey\": {" + pk + R"(, "permission": {"FunctionCall": {}}}})", "at: AddKey: permission: FunctionCall: receiver_id: required"},
      {"{\"AddKey\": {" + pk + R"(, "permission": "FunctionCall"}})", "at: AddKey: permission: expected"},
      {R"({"DeleteKey": {"public_key": 5}})", "at: DeleteKey: public_key: expected a string"},
      {"{\"Stake\": {" + pk + "}}", "at: Stake: stake: required (a balance)"},
      {R"({"Stake": {"stake": "1"}})", "at: Stake: public_key: required"},
      {R"({"DeleteAccount": {}})", "at: DeleteAccount: beneficiary_id: required"},
      {R"({"DeleteAccount": {"beneficiary_id": "X!"}})", R"(at: DeleteAccount: beneficiary_id: invalid account id "X!")"},
      {"{\"TransferToGasKey\": {" + pk + "}}", "at: TransferToGasKey: deposit: required"},
      {R"({"TransferToGasKey": {"deposit": "1"}})", "at: TransferToGasKey: public_key: required"},
      {"{\"WithdrawFromGasKey\": {" + pk + R"(, "amount": true}})", "at: WithdrawFromGasKey: amount: expected a balance"},
      {"{\"WithdrawFromGasKey\": {" + pk + "}}", "at: WithdrawFromGasKey: amount: required"},
  };
  ExpectErrors(cases, [&](const json& j) { return ErrorOf(ActionFromJson(j, std::nullopt, "at: ")); });
}

// ---- Transactions ----

class TransactionsJson : public ::testing::Test {
 protected:
  void SetUp() override {
    Genesis g;
    for (const char* name : {"alice.near", "bob.near"}) {
      GenesisAccount a;
      a.account_id = Id(name);
      a.amount = B("1000000000000000000000000000");
      a.keys.emplace_back(Pk(std::string(name) == "alice.near" ? kAlicePk : kBobPk), AccessKey::FullAccess());
      g.accounts.push_back(std::move(a));
    }
    auto c = LocalChain::Create(g);
    ASSERT_TRUE(c.ok()) << c.error().message;
    chain = std::move(*c);
  }

  // The borsh of what the list parses to, or the error message.
  std::vector<Bytes> Parsed(const std::string& text) {
    auto txs = TransactionsFromJson(J(text), *chain, std::nullopt);
    EXPECT_TRUE(txs.ok()) << text << ": " << txs.error().message;
    std::vector<Bytes> out;
    if (txs.ok()) {
      for (const auto& t : *txs) out.push_back(t.ToBorsh());
    }
    return out;
  }

  Bytes Expected(const char* signer, const char* receiver, Nonce nonce, std::vector<Action> actions) {
    Transaction tx;
    tx.signer_id = Id(signer);
    tx.public_key = Pk(std::string(signer) == "alice.near" ? kAlicePk : kBobPk);
    tx.nonce.nonce = nonce;
    tx.receiver_id = Id(receiver);
    tx.block_hash = chain->last_block_hash();
    tx.actions = std::move(actions);
    return SignedTransaction::Sign(std::move(tx), Signer::FromSeed(KeyType::kEd25519, signer)).ToBorsh();
  }

  std::unique_ptr<LocalChain> chain;
};

TEST_F(TransactionsJson, SignedHereWithDefaultNonces) {
  // The secret key text of from_seed("alice.near"): base58(seed ‖ public key).
  Bytes secret = ToBytes("alice.near");
  secret.resize(32, ' ');
  Bytes pk = Pk(kAlicePk).data;
  secret.insert(secret.end(), pk.begin(), pk.end());
  std::string secret_text = "ed25519:" + Base58Encode(secret);
  std::string text = R"([
    {"signer_id": "alice.near", "receiver_id": "bob.near", "actions": [{"Transfer": {"deposit": "5"}}]},
    {"signer_id": "alice.near", "receiver_id": "bob.near", "signer_seed": "alice.near", "actions": []},
    {"signer_id": "alice.near", "receiver_id": "bob.near", "nonce": 10},
    {"signer_id": "bob.near", "receiver_id": "alice.near", "actions": ["CreateAccount"], "nonce": null},
    {"signer_id": "alice.near", "receiver_id": "carol.near", "secret_key": ")" + secret_text + R"("},
    {"signer_id": "alice.near", "receiver_id": "bob.near", "signer_seed": "bob.near", "nonce": 3}
  ])";
  std::vector<Bytes> got = Parsed(text);
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0], Expected("alice.near", "bob.near", 1, {TransferAction{5}}));
  EXPECT_EQ(got[1], Expected("alice.near", "bob.near", 2, {}));
  EXPECT_EQ(got[2], Expected("alice.near", "bob.near", 10, {}));
  EXPECT_EQ(got[3], Expected("bob.near", "alice.near", 1, {CreateAccountAction{}}));
  EXPECT_EQ(got[4], Expected("alice.near", "carol.near", 3, {}));
  // alice.near signing with bob's key: signer alice, key and signature bob's.
  Transaction tx;
  tx.signer_id = Id("alice.near");
  tx.public_key = Pk(kBobPk);
  tx.nonce.nonce = 3;
  tx.receiver_id = Id("bob.near");
  tx.block_hash = chain->last_block_hash();
  EXPECT_EQ(got[5], SignedTransaction::Sign(tx, Signer::FromSeed(KeyType::kEd25519, "bob.near")).ToBorsh());
}

TEST_F(TransactionsJson, DefaultNonceFollowsTheKeysNonceOnTheChain) {
  auto txs = TransactionsFromJson(
      J(R"([{"signer_id": "alice.near", "receiver_id": "bob.near", "nonce": 41, "actions": [{"Transfer": {"deposit": "1"}}]}])"),
      *chain, std::nullopt);
  ASSERT_TRUE(txs.ok()) << txs.error().message;
  auto b = chain->ProduceBlock(*txs);
  ASSERT_TRUE(b.ok()) << b.error().message;
  auto ak = chain->GetAccessKey(Id("alice.near"), Pk(kAlicePk));
  ASSERT_TRUE(ak.ok() && ak->has_value());
  ASSERT_EQ((*ak)->nonce, 41u);
  std::vector<Bytes> got = Parsed(R"([{"signer_id": "alice.near", "receiver_id": "bob.near"},
                                      {"signer_id": "alice.near", "receiver_id": "bob.near"},
                                      {"signer_id": "bob.near", "receiver_id": "bob.near"}])");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], Expected("alice.near", "bob.near", 42, {}));
  EXPECT_EQ(got[1], Expected("alice.near", "bob.near", 43, {}));
  EXPECT_EQ(got[2], Expected("bob.near", "bob.near", 1, {}));
}

TEST_F(TransactionsJson, SignedTxBase64IsTakenAsIs) {
  Bytes signed_tx = Expected("bob.near", "alice.near", 77, {TransferAction{9}});
  std::vector<Bytes> got = Parsed(R"([{"signed_tx_base64": ")" + Base64Encode(signed_tx) +
                                  R"(", "signer_id": 5}, {"signer_id": "alice.near", "receiver_id": "bob.near"}])");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], signed_tx);
  EXPECT_EQ(got[1], Expected("alice.near", "bob.near", 1, {}));  // signed transactions do not count
  EXPECT_TRUE(Parsed("[]").empty());
}

TEST_F(TransactionsJson, MalformedTransactionsAreErrorsNamingTheField) {
  const std::string t = R"([{"signer_id": "alice.near", "receiver_id": "bob.near", )";
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  const std::vector<Case> cases = {
      {"{}", "transactions: expected an array"},
      {"null", "transactions: expected an array"},
      {"5", "transactions: expected an array"},
      {R"("x")", "transactions: expected an array"},
      {R"({"signer_id": "alice.near"})", "transactions: expected an array"},
      {"[5]", "transaction 0: expected an object"},
      {"[null]", "transaction 0: expected an object"},
      {"[[]]", "transaction 0: expected an object"},
      {"[" + deep + "]", "transaction 0: expected an object"},
      {"[{}]", "transaction 0: signer_id: required (a string)"},
      {R"([{"signer_id": 5}])", "transaction 0: signer_id: expected a string"},
      {R"([{"signer_id": {"a": 1}}])", "transaction 0: signer_id: expected a string"},
      {R"([{"signer_id": "Alice"}])", R"(transaction 0: signer_id: invalid account id "Alice")"},
      {R"([{"signer_id": "alice.near"}])", "transaction 0: receiver_id: required (a string)"},
      {R"([{"signer_id": "alice.near", "receiver_id": []}])", "transaction 0: receiver_id: expected a string"},
      {t + R"("secret_key": 5}])", "transaction 0: secret_key: expected a string"},
      {t + R"("secret_key": "ed25519:abc"}])", "transaction 0: secret_key: invalid secret key"},
      {t + R"("secret_key": "nokey"}])", "transaction 0: secret_key: invalid secret key"},
      {t + R"("signer_seed": {}}])", "transaction 0: signer_seed: expected a string"},
      {t + R"("nonce": "1"}])", "transaction 0: nonce: expected an unsigned integer"},
      {t + R"("nonce": -1}])", "transaction 0: nonce: expected an unsigned integer"},
      {t + R"("nonce": 1.5}])", "transaction 0: nonce: expected an unsigned integer"},
      {t + R"("nonce": 18446744073709551616}])", "transaction 0: nonce: expected an unsigned integer"},
      {t + R"("actions": {}}])", "transaction 0: actions: expected an array"},
      {t + R"("actions": "CreateAccount"}])", "transaction 0: actions: expected an array"},
      {t + R"("actions": [5]}])", "transaction 0: action 0: expected \"CreateAccount\" or an object"},
      {t + R"("actions": ["CreateAccount", {"Transfer": {"deposit": []}}]}])",
       "transaction 0: action 1: Transfer: deposit: expected a balance"},
      {t + R"("actions": [)" + deep + "]}]", "transaction 0: action 0: expected \"CreateAccount\" or an object"},
      {t + R"("actions": [{"FunctionCall": {"method_name": "m", "args": )" + deep + "}}]}]",
       "transaction 0: action 0: FunctionCall: args: nested deeper than 256 levels"},
      {t + R"("nonce": 1}, {"signer_id": 5}])", "transaction 1: signer_id: expected a string"},
      {R"([{"signed_tx_base64": 5}])", "transaction 0: signed_tx_base64: expected a string"},
      {R"([{"signed_tx_base64": "%%%"}])", "transaction 0: signed_tx_base64: not base64"},
      {R"([{"signed_tx_base64": "AAAA"}])", "transaction 0: signed_tx_base64: "},
      {R"([{"signed_tx_base64": ""}])", "transaction 0: signed_tx_base64: "},
  };
  ExpectErrors(cases, [&](const json& j) { return ErrorOf(TransactionsFromJson(j, *chain, std::nullopt)); });
}

// ---- Block output ----

TEST_F(TransactionsJson, BlockJsonHasTheFieldsOfNearrtApply) {
  auto txs = TransactionsFromJson(
      J(R"([{"signer_id": "alice.near", "receiver_id": "bob.near", "actions": [{"Transfer": {"deposit": "1"}}]}])"),
      *chain, std::nullopt);
  ASSERT_TRUE(txs.ok()) << txs.error().message;
  auto b = chain->ProduceBlock(*txs);
  ASSERT_TRUE(b.ok()) << b.error().message;
  json j = BlockToJson(*b);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"block_hash", "gas_burnt", "gas_price", "height", "outcome_root",
                                            "outcomes", "outgoing_receipts", "state_root", "tokens_burnt"}));
  EXPECT_EQ(j["height"], 1);
  EXPECT_EQ(j["gas_price"], "100000000");  // genesis gas price
  EXPECT_EQ(j["block_hash"], b->block_hash.ToBase58());
  EXPECT_EQ(j["state_root"], chain->state_root().ToBase58());
  ASSERT_EQ(j["outcomes"].size(), 1u);
  EXPECT_EQ(j["outcomes"][0]["id"], (*txs)[0].hash.ToBase58());
  EXPECT_EQ(j["outgoing_receipts"].size(), 1u);  // the transfer receipt
  auto recorded = chain->ProduceBlock({}, /*record=*/true);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  json w = BlockToJson(*recorded);
  ASSERT_TRUE(w.contains("witness"));
  EXPECT_GT(w["witness"]["nodes"].get<uint64_t>(), 0u);
}

TEST(JsonText, DumpNeverThrowsAndParseReportsErrors) {
  json j = json::object();
  j["s"] = std::string("a\xff" "b");
  std::string text;
  EXPECT_NO_THROW(text = DumpJson(j));
  EXPECT_EQ(text, "{\"s\":\"a\xEF\xBF\xBD" "b\"}");  // U+FFFD
  EXPECT_EQ(DumpJson(json{{"a", 1}}, 2), "{\n  \"a\": 1\n}");
  EXPECT_EQ(ErrorOf(ParseJsonText("[1,", "b.json")), "b.json: invalid JSON");
  EXPECT_EQ(ErrorOf(ParseJsonText("\"\xff\"", "b.json")), "b.json: invalid JSON");
  auto ok = ParseJsonText("[1]", "b.json");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, json::array({1}));
}

}  // namespace
}  // namespace nearrt::chain
