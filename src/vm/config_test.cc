// Pins the embedded runtime config against ../shared/near/parameters.md (the
// nearcore snapshot values): every ExtCost, wasm cost, flag, limit and action
// fee at PV86, the PV83..85 columns through the diff files, and the compute
// overrides of section 6. The tables are parsed from the document itself.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "util/bytes.h"
#include "vm/config_store.h"

namespace nearrt::vm {
namespace {

struct Row {
  int section;
  std::vector<std::string> cells;
};

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" `");
  size_t e = s.find_last_not_of(" `");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Row> ParametersMdRows() {
  std::ifstream in(std::string(NEARRT_SHARED_DIR) + "/near/parameters.md");
  EXPECT_TRUE(in.good()) << "parameters.md not found under " << NEARRT_SHARED_DIR;
  std::vector<Row> rows;
  int section = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      section = std::atoi(line.c_str() + 3);
      continue;
    }
    if (line.rfind("| ", 0) != 0 || line.rfind("|---", 0) == 0) continue;
    Row r{section, {}};
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) r.cells.push_back(Trim(cell));
    if (!r.cells.empty() && r.cells.back().empty()) r.cells.pop_back();
    if (r.cells.size() >= 2 && r.cells[0] != "parameter" && r.cells[0] != "fee") {
      rows.push_back(r);
    }
  }
  return rows;
}

uint64_t Num(const std::string& s) {
  std::string digits;
  for (char c : s) {
    if (c >= '0' && c <= '9') digits += c;
  }
  EXPECT_FALSE(digits.empty()) << s;
  return std::stoull(digits.empty() ? "0" : digits);
}

// "a / b / c".
Fee ParseFee(const std::string& s) {
  std::vector<uint64_t> v;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, '/')) v.push_back(Num(part));
  EXPECT_EQ(v.size(), 3u) << s;
  v.resize(3);
  return Fee{{v[0], v[0]}, {v[1], v[1]}, {v[2], v[2]}};
}

const RuntimeConfig& Config(uint32_t pv) {
  static std::map<uint32_t, RuntimeConfig> cache;
  auto it = cache.find(pv);
  if (it == cache.end()) {
    Result<RuntimeConfig> c = MainnetConfig(pv);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    it = cache.emplace(pv, c.ok() ? c.value() : RuntimeConfig{}).first;
  }
  return it->second;
}

// The value of a parameter in a config, by parameters.md's section-2/3 name;
// "none" for an absent optional, "?" if unknown.
std::string WasmOrLimitValue(const RuntimeConfig& c, const std::string& name) {
  const VMConfig& w = c.wasm_config;
  const LimitConfig& l = w.limit_config;
  auto b = [](bool v) { return std::string(v ? "True" : "False"); };
  auto o = [](const auto& v) { return v ? std::to_string(*v) : std::string("none"); };
  if (name == "grow_mem_cost") return std::to_string(w.grow_mem_cost);
  if (name == "regular_op_cost") return std::to_string(w.regular_op_cost);
  if (name == "linear_op_base_cost") return std::to_string(w.linear_op_base_cost);
  if (name == "linear_op_unit_cost") return std::to_string(w.linear_op_unit_cost);
  if (name == "discard_custom_sections") return b(w.discard_custom_sections);
  if (name == "global_contract_host_fns") return b(w.global_contract_host_fns);
  if (name == "reftypes_bulk_memory") return b(w.reftypes_bulk_memory);
  if (name == "gas_key_host_fns") return b(w.gas_key_host_fns);
  if (name == "one_yocto_on_promise") return b(w.one_yocto_on_promise);
  if (name == "p256_verify_host_fn") return b(w.p256_verify_host_fn);
  if (name == "yield_with_id_host_fns") return b(w.yield_with_id_host_fns);
  if (name == "chain_id_host_fn") return b(w.chain_id_host_fn);
  if (name == "bls12381_not_in_group_fix") return b(w.bls12381_not_in_group_fix);
  if (name == "fix_contract_loading_cost") return b(w.fix_contract_loading_cost);
  if (name == "eth_implicit_accounts") return b(w.eth_implicit_accounts);
  if (name == "storage_get_mode") {
    return w.storage_get_mode == StorageGetMode::kFlatStorage ? "FlatStorage" : "Trie";
  }
#define L(f) \
  if (name == #f) return std::to_string(l.f);
#define LO(f) \
  if (name == #f) return o(l.f);
  L(max_gas_burnt) L(max_stack_height) L(initial_memory_pages) L(max_memory_pages)
  L(registers_memory_limit) L(max_register_size) L(max_number_registers) L(max_number_logs)
  L(max_total_log_length) L(max_total_prepaid_gas) L(max_actions_per_receipt)
  L(max_deploy_actions_per_receipt) L(max_number_bytes_method_names) L(max_length_method_name)
  L(max_arguments_length) L(max_length_returned_data) L(max_contract_size)
  L(max_transaction_size) L(max_receipt_size) L(max_length_storage_key)
  L(max_length_storage_value) L(max_promises_per_function_call_action)
  L(max_number_input_data_dependencies) LO(max_functions_number_per_contract)
  LO(max_locals_per_contract) LO(max_params_per_contract) LO(max_params_per_function)
  LO(max_operand_stack_bytes_per_function) LO(max_tables_per_contract)
  LO(max_elements_per_contract_table) LO(max_function_body_size)
  LO(max_instrumented_code_size) LO(max_blocks_per_function) LO(max_blocks_per_contract)
  LO(max_types_per_contract) L(yield_timeout_length_in_blocks) L(max_yield_payload_size)
  L(per_receipt_storage_proof_size_limit)
  if (name == "account_id_validity_rules_version") {
    return std::to_string(l.account_id_validity_rules_version);
  }
#undef L
#undef LO
  return "?";
}

// parameters.md cell -> expected string ("—" = absent).
std::string Expect(const std::string& cell, const std::string& pv86) {
  std::string c = cell == "=" ? pv86 : cell;
  if (c == "—") return "none";
  if (c == "True" || c == "False" || c == "FlatStorage") return c;
  return std::to_string(Num(c));
}

constexpr uint32_t kColumns[] = {86, 83, 84, 85};

TEST(ConfigTest, EmbeddedDataLoads) {
  Result<const RuntimeConfigStore*> store = RuntimeConfigStore::Mainnet();
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->base_version(), 86u);
  EXPECT_EQ((*store)->diff_versions(), (std::vector<uint32_t>{84, 85, 86}));
}

TEST(ConfigTest, ExtCostsMatchParametersMd) {
  int checked = 0;
  for (const Row& r : ParametersMdRows()) {
    if (r.section != 1) continue;
    if (r.cells[0] == "contract_compile_base" || r.cells[0] == "contract_compile_bytes") {
      continue;  // view-only fields, not ExtCosts
    }
    std::optional<ExtCost> cost = ExtCostFromName(r.cells[0]);
    ASSERT_TRUE(cost.has_value()) << "unknown ExtCost in parameters.md: " << r.cells[0];
    ASSERT_GE(r.cells.size(), 5u);
    for (size_t col = 0; col < 4; ++col) {
      uint64_t want = Num(r.cells[col + 1] == "=" ? r.cells[1] : r.cells[col + 1]);
      EXPECT_EQ(Config(kColumns[col]).wasm_config.ext_costs.gas(*cost), want)
          << r.cells[0] << " at PV" << kColumns[col];
    }
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(kNumExtCosts));
}

TEST(ConfigTest, WasmCostsFlagsAndLimitsMatchParametersMd) {
  int checked = 0;
  for (const Row& r : ParametersMdRows()) {
    if (r.section != 2 && r.section != 3) continue;
    // vm_kind is redacted in the snapshot (checked below); nrrt has no
    // implicit_account_creation flag (always on at these versions).
    if (r.cells[0] == "vm_kind" || r.cells[0] == "implicit_account_creation") continue;
    ASSERT_GE(r.cells.size(), 5u) << r.cells[0];
    for (size_t col = 0; col < 4; ++col) {
      EXPECT_EQ(WasmOrLimitValue(Config(kColumns[col]), r.cells[0]),
                Expect(r.cells[col + 1], r.cells[1]))
          << r.cells[0] << " at PV" << kColumns[col];
    }
    ++checked;
  }
  EXPECT_EQ(checked, 16 + 39);  // section 2 rows (without the two above) + section 3 rows
  // vm_kind from the yaml history: NearVm (62) -> Wasmtime (84).
  EXPECT_EQ(Config(86).wasm_config.vm_kind, VMKind::kWasmtime);
  EXPECT_EQ(Config(84).wasm_config.vm_kind, VMKind::kWasmtime);
  EXPECT_EQ(Config(83).wasm_config.vm_kind, VMKind::kNearVm);
  // Prose facts of sections 2 and 3.
  EXPECT_TRUE(Config(86).wasm_config.fix_contract_loading_error);
  EXPECT_FALSE(Config(85).wasm_config.fix_contract_loading_error);
  EXPECT_EQ(Config(86).max_gas_burnt_view, 1'000'000'000'000'000u);
}

TEST(ConfigTest, ActionFeesMatchParametersMd) {
  const std::map<std::string, ActionCost> names = {
      {"action_receipt_creation_config", ActionCost::new_action_receipt},
      {"data_receipt_creation_config.base_cost", ActionCost::new_data_receipt_base},
      {"data_receipt_creation_config.cost_per_byte", ActionCost::new_data_receipt_byte},
      {"action_creation_config.create_account_cost", ActionCost::create_account},
      {"action_creation_config.deploy_contract_cost", ActionCost::deploy_contract_base},
      {"action_creation_config.deploy_contract_cost_per_byte", ActionCost::deploy_contract_byte},
      {"action_creation_config.function_call_cost", ActionCost::function_call_base},
      {"action_creation_config.function_call_cost_per_byte", ActionCost::function_call_byte},
      {"action_creation_config.transfer_cost", ActionCost::transfer},
      {"action_creation_config.stake_cost", ActionCost::stake},
      {"action_creation_config.add_key_cost.full_access_cost", ActionCost::add_full_access_key},
      {"action_creation_config.add_key_cost.function_call_cost",
       ActionCost::add_function_call_key_base},
      {"action_creation_config.add_key_cost.function_call_cost_per_byte",
       ActionCost::add_function_call_key_byte},
      {"action_creation_config.delete_key_cost", ActionCost::delete_key},
      {"action_creation_config.delete_account_cost", ActionCost::delete_account},
      {"action_creation_config.delegate_cost", ActionCost::delegate},
  };
  auto gas_only = [](Fee f) {
    return std::vector<Gas>{f.send_sir.gas, f.send_not_sir.gas, f.execution.gas};
  };
  int checked = 0;
  for (const Row& r : ParametersMdRows()) {
    if (r.section != 4) continue;
    auto it = names.find(r.cells[0]);
    if (it != names.end()) {
      Fee want86 = ParseFee(r.cells[1]);
      EXPECT_EQ(gas_only(Config(86).fees.fee(it->second)), gas_only(want86)) << r.cells[0];
      Fee want83 = r.cells[2] == "=" ? want86 : ParseFee(r.cells[2]);
      EXPECT_EQ(gas_only(Config(83).fees.fee(it->second)), gas_only(want83)) << r.cells[0];
      ++checked;
    } else if (r.cells[0] == "storage_usage_config.num_bytes_account") {
      EXPECT_EQ(Config(86).fees.storage_usage_config.num_bytes_account, Num(r.cells[1]));
      ++checked;
    } else if (r.cells[0] == "storage_usage_config.num_extra_bytes_record") {
      EXPECT_EQ(Config(86).fees.storage_usage_config.num_extra_bytes_record, Num(r.cells[1]));
      ++checked;
    } else if (r.cells[0] == "burnt_gas_reward") {
      EXPECT_EQ(r.cells[1], "[3, 10]");
      EXPECT_EQ(Config(86).fees.burnt_gas_reward, (Ratio{3, 10}));
      ++checked;
    } else if (r.cells[0] == "pessimistic_gas_price_inflation_ratio") {
      EXPECT_EQ(r.cells[1], "[1, 1]");
      EXPECT_EQ(Config(86).fees.pessimistic_gas_price_inflation_ratio, (Ratio{1, 1}));
      ++checked;
    } else if (r.cells[0] == "ml_dsa_65_verification_cost") {
      EXPECT_EQ(Config(86).fees.ml_dsa_65_verification_cost.gas, Num(r.cells[1]));
      EXPECT_EQ(Config(83).fees.ml_dsa_65_verification_cost.gas, Num(r.cells[2]));
      ++checked;
    }
  }
  EXPECT_EQ(checked, 21);

  // The fees parameters.md gives in prose (from the yaml, section 4).
  auto fee = [](uint64_t a, uint64_t b, uint64_t c) {
    return std::vector<Gas>{a, b, c};
  };
  const RuntimeFeesConfig& f = Config(86).fees;
  using A = ActionCost;
  EXPECT_EQ(gas_only(f.fee(A::deploy_global_contract_base)),
            fee(184'765'750'000, 184'765'750'000, 184'765'750'000));
  EXPECT_EQ(gas_only(f.fee(A::deploy_global_contract_byte)),
            fee(6'812'999, 47'683'715, 70'000'000));
  EXPECT_EQ(gas_only(f.fee(A::use_global_contract_base)),
            fee(184'765'750'000, 184'765'750'000, 184'765'750'000));
  EXPECT_EQ(gas_only(f.fee(A::use_global_contract_byte)),
            fee(6'812'999, 47'683'715, 64'572'944));
  EXPECT_EQ(gas_only(f.fee(A::deterministic_state_init_base)),
            fee(500'000'000'000, 500'000'000'000, 7'430'000'000'000));
  EXPECT_EQ(gas_only(Config(84).fees.fee(A::deterministic_state_init_base)),
            fee(3'850'000'000'000, 3'850'000'000'000, 4'080'000'000'000));
  EXPECT_EQ(gas_only(f.fee(A::deterministic_state_init_entry)), fee(0, 0, 200'000'000'000));
  EXPECT_EQ(gas_only(f.fee(A::deterministic_state_init_byte)),
            fee(72'000'000, 72'000'000, 70'000'000));
  EXPECT_EQ(gas_only(f.fee(A::gas_key_transfer_base)),
            fee(115'123'062'500, 115'123'062'500, 235'676'644'250));
  EXPECT_EQ(gas_only(f.fee(A::gas_key_byte)), fee(59'357'464, 59'357'464, 101'435'400));
  EXPECT_EQ(gas_only(f.fee(A::gas_key_nonce_write_base)), fee(0, 0, 64'196'736'000));
  EXPECT_EQ(gas_only(f.fee(A::delegate)), fee(200'000'000'000, 200'000'000'000, 200'000'000'000));
  EXPECT_EQ(f.fee(A::deploy_contract_base).execution.compute, 20'000'000'000'000u);
  EXPECT_EQ(f.fee(A::deploy_contract_byte).execution.compute, 250'000'000u);
  EXPECT_EQ(Config(83).fees.fee(A::deploy_contract_byte).execution.compute, 64'572'944u);
  EXPECT_EQ(f.deploy_global_contract_execution_base, 20'000'000'000'000u);
  EXPECT_EQ(f.deploy_global_contract_execution_per_byte, 250'000'000u);
  EXPECT_EQ(Config(83).fees.deploy_global_contract_execution_base, 0u);
  // Section 5.
  EXPECT_EQ(BalanceToString(f.storage_usage_config.storage_amount_per_byte),
            "10000000000000000000");
  EXPECT_EQ(BalanceToString(Config(86).min_gas_purchase_price), "1000000000");
  EXPECT_EQ(BalanceToString(Config(86).account_creation_charge), "7000000000000000000000");
  EXPECT_EQ(BalanceToString(Config(84).account_creation_charge), "0");
}

TEST(ConfigTest, ComputeOverridesMatchParametersMd) {
  int checked = 0;
  for (const Row& r : ParametersMdRows()) {
    if (r.section != 6 || r.cells[0].rfind("wasm_", 0) != 0) continue;
    std::optional<ExtCost> cost = ExtCostFromName(r.cells[0].substr(5));
    ASSERT_TRUE(cost.has_value()) << r.cells[0];
    const ParameterCost& c = Config(86).wasm_config.ext_costs.costs[Index(*cost)];
    EXPECT_EQ(c.gas, Num(r.cells[1])) << r.cells[0];
    EXPECT_EQ(c.compute, Num(r.cells[2])) << r.cells[0];
    ++checked;
  }
  EXPECT_EQ(checked, 11);
  // Every other ExtCost has compute == gas.
  int equal = 0;
  for (const ParameterCost& c : Config(86).wasm_config.ext_costs.costs) equal += c.gas == c.compute;
  EXPECT_EQ(equal, static_cast<int>(kNumExtCosts) - 11);
}

// ---- The store mechanism ----

constexpr std::string_view kBase = R"({"protocol_version": 10, "parameters": {PARAMS}})";

std::string BaseWith(const std::string& extra) {
  // The PV86 parameters, as a new base at version 10, with `extra` merged in.
  Result<const RuntimeConfigStore*> store = RuntimeConfigStore::Mainnet();
  EXPECT_TRUE(store.ok());
  Result<std::map<std::string, std::string>> table = (*store)->ParameterTableFor(86);
  EXPECT_TRUE(table.ok());
  std::string params;
  for (const auto& [k, v] : *table) {
    if (!params.empty()) params += ",";
    params += "\"" + k + "\":" + v;
  }
  if (!extra.empty()) params += "," + extra;
  std::string out(kBase);
  out.replace(out.find("PARAMS"), 6, params);
  return out;
}

TEST(ConfigStoreTest, DiffsApplyForwardAndBackward) {
  std::string diff12 =
      R"({"protocol_version": 12, "changes": {"wasm_base": {"old": 264768111, "new": 7}}})";
  Result<RuntimeConfigStore> store = RuntimeConfigStore::FromJson(BaseWith(""), {diff12});
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ(store->ForProtocolVersion(10)->wasm_config.ext_costs.gas(ExtCost::base), 264768111u);
  EXPECT_EQ(store->ForProtocolVersion(11)->wasm_config.ext_costs.gas(ExtCost::base), 264768111u);
  EXPECT_EQ(store->ForProtocolVersion(12)->wasm_config.ext_costs.gas(ExtCost::base), 7u);
  EXPECT_EQ(store->ForProtocolVersion(99)->wasm_config.ext_costs.gas(ExtCost::base), 7u);
  EXPECT_EQ(store->ForProtocolVersion(99)->protocol_version, 99u);

  // A diff at or below the base is undone for older versions.
  std::string diff9 =
      R"({"protocol_version": 9, "changes": {"max_types_per_contract": {"new": 1024}}})";
  Result<RuntimeConfigStore> s2 = RuntimeConfigStore::FromJson(BaseWith(""), {diff9});
  ASSERT_TRUE(s2.ok()) << s2.error().message;
  EXPECT_EQ(s2->ForProtocolVersion(9)->wasm_config.limit_config.max_types_per_contract, 1024u);
  EXPECT_FALSE(s2->ForProtocolVersion(8)->wasm_config.limit_config.max_types_per_contract);
}

TEST(ConfigStoreTest, RejectsBrokenFiles) {
  EXPECT_FALSE(RuntimeConfigStore::FromJson("{", {}).ok());
  EXPECT_FALSE(RuntimeConfigStore::FromJson("[]", {}).ok());
  EXPECT_FALSE(RuntimeConfigStore::FromJson(R"({"protocol_version": 1})", {}).ok());
  // Missing required parameters.
  EXPECT_FALSE(
      RuntimeConfigStore::FromJson(R"({"protocol_version": 1, "parameters": {}})", {}).ok());
  // Unknown parameter.
  EXPECT_FALSE(RuntimeConfigStore::FromJson(BaseWith(R"("wasm_no_such_cost": 1)"), {}).ok());
  // Ill-typed values.
  RuntimeConfig c = *MainnetConfig();
  for (const char* bad : {R"("wasm_base": -1)", R"("wasm_base": "x")", R"("wasm_base": 1.5)",
                          R"("wasm_base": {"gas": 1})", R"("vm_kind": "Wasmer9")",
                          R"("max_stack_height": 99999999999)", R"("action_transfer": 5)",
                          R"("storage_amount_per_byte": "-3")", R"("chain_id_host_fn": 1)"}) {
    EXPECT_FALSE(ApplyParameterOverrides(std::string("{") + bad + "}", &c).ok()) << bad;
  }
  // A diff whose old value does not match.
  std::string wrong =
      R"({"protocol_version": 12, "changes": {"wasm_base": {"old": 1, "new": 7}}})";
  EXPECT_FALSE(RuntimeConfigStore::FromJson(BaseWith(""), {wrong}).ok());
  // Duplicate versions.
  std::string d = R"({"protocol_version": 12, "changes": {}})";
  EXPECT_FALSE(RuntimeConfigStore::FromJson(BaseWith(""), {d, d}).ok());
}

TEST(ConfigStoreTest, Overrides) {
  RuntimeConfig c = *MainnetConfig();
  ASSERT_TRUE(ApplyParameterOverrides(
                  R"({"wasm_base": 1, "max_number_logs": 7, "action_transfer":
                      {"send_sir": 1, "send_not_sir": 2, "execution": {"gas": 3, "compute": 4}},
                      "max_params_per_function": null, "chain_id_host_fn": false})",
                  &c)
                  .ok());
  EXPECT_EQ(c.wasm_config.ext_costs.gas(ExtCost::base), 1u);
  EXPECT_EQ(c.wasm_config.limit_config.max_number_logs, 7u);
  EXPECT_EQ(c.fees.fee(ActionCost::transfer).send_not_sir.gas, 2u);
  EXPECT_EQ(c.fees.fee(ActionCost::transfer).execution.compute, 4u);
  EXPECT_FALSE(c.wasm_config.limit_config.max_params_per_function);
  EXPECT_FALSE(c.wasm_config.chain_id_host_fn);
  // A failing override changes nothing.
  EXPECT_FALSE(ApplyParameterOverrides(R"({"wasm_base": 2, "nope": 1})", &c).ok());
  EXPECT_EQ(c.wasm_config.ext_costs.gas(ExtCost::base), 1u);
  EXPECT_FALSE(ApplyParameterOverrides("not json", &c).ok());
}

TEST(ConfigStoreTest, VersionBelowOldestDiffIsOldestConfig) {
  // Like nearcore's store lookup, there is no older data: PV50 = PV83 here.
  EXPECT_EQ(Config(50).wasm_config.linear_op_base_cost, Config(83).wasm_config.linear_op_base_cost);
  EXPECT_EQ(Config(83).wasm_config.linear_op_base_cost, 300'000'000'000'000u);
}

}  // namespace
}  // namespace nearrt::vm
