#include "runtime/outcome_json.h"

#include "vm/types.h"

namespace nearrt::runtime {

using nlohmann::json;

namespace {
std::string Bal(Balance b) { return vm::BalanceToString(b); }
}  // namespace

json StatusToJson(const ExecutionStatus& s) {
  switch (s.kind) {
    case ExecutionStatus::Kind::kUnknown:
      return "Unknown";
    case ExecutionStatus::Kind::kFailure:
      return json{{"Failure", json::parse(s.failure.ToJson(), nullptr, false)}};
    case ExecutionStatus::Kind::kSuccessValue:
      return json{{"SuccessValue", Base64Encode(s.value)}};
    case ExecutionStatus::Kind::kSuccessReceiptId:
      return json{{"SuccessReceiptId", s.receipt_id.ToBase58()}};
  }
  return nullptr;
}

json OutcomeToJson(const ExecutionOutcomeWithId& o) {
  json ids = json::array();
  for (const auto& id : o.outcome.receipt_ids) ids.push_back(id.ToBase58());
  return json{{"id", o.id.ToBase58()},
              {"outcome",
               {{"logs", o.outcome.logs},
                {"receipt_ids", ids},
                {"gas_burnt", o.outcome.gas_burnt},
                {"tokens_burnt", Bal(o.outcome.tokens_burnt)},
                {"executor_id", o.outcome.executor_id.str()},
                {"status", StatusToJson(o.outcome.status)}}}};
}

namespace {
json GlobalIdToJson(const GlobalContractId& id) {
  if (id.kind == GlobalContractId::Kind::kCodeHash) return json{{"CodeHash", id.code_hash.ToBase58()}};
  return json{{"AccountId", id.account_id.str()}};
}
}  // namespace

json ActionToJson(const Action& a) {
  switch (a.kind()) {
    case ActionKind::kCreateAccount:
      return "CreateAccount";
    case ActionKind::kDeployContract:
      return json{{"DeployContract", {{"code_len", a.get<DeployContractAction>()->code.size()}}}};
    case ActionKind::kFunctionCall: {
      auto* f = a.get<FunctionCallAction>();
      return json{{"FunctionCall",
                   {{"method_name", f->method_name},
                    {"args", Base64Encode(f->args)},
                    {"gas", f->gas},
                    {"deposit", Bal(f->deposit)}}}};
    }
    case ActionKind::kTransfer:
      return json{{"Transfer", {{"deposit", Bal(a.get<TransferAction>()->deposit)}}}};
    case ActionKind::kStake:
      return json{{"Stake",
                   {{"stake", Bal(a.get<StakeAction>()->stake)},
                    {"public_key", a.get<StakeAction>()->public_key.ToString()}}}};
    case ActionKind::kAddKey:
      return json{{"AddKey", {{"public_key", a.get<AddKeyAction>()->public_key.ToString()}}}};
    case ActionKind::kDeleteKey:
      return json{{"DeleteKey", {{"public_key", a.get<DeleteKeyAction>()->public_key.ToString()}}}};
    case ActionKind::kDeleteAccount:
      return json{{"DeleteAccount", {{"beneficiary_id", a.get<DeleteAccountAction>()->beneficiary_id.str()}}}};
    case ActionKind::kDelegate:
    case ActionKind::kDelegateV2: {
      const auto& d = a.delegate()->delegate_action;
      json inner = json::array();
      for (const auto& x : d.actions) inner.push_back(ActionToJson(x));
      return json{{a.kind() == ActionKind::kDelegate ? "Delegate" : "DelegateV2",
                   {{"sender_id", d.sender_id.str()},
                    {"receiver_id", d.receiver_id.str()},
                    {"actions", inner},
                    {"nonce", d.nonce.nonce},
                    {"max_block_height", d.max_block_height}}}};
    }
    case ActionKind::kDeployGlobalContract: {
      auto* g = a.get<DeployGlobalContractAction>();
      return json{{"DeployGlobalContract",
                   {{"code_len", g->code.size()}, {"deploy_mode", g->deploy_mode == 0 ? "CodeHash" : "AccountId"}}}};
    }
    case ActionKind::kUseGlobalContract:
      return json{{"UseGlobalContract",
                   {{"contract_identifier", GlobalIdToJson(a.get<UseGlobalContractAction>()->contract_identifier)}}}};
    case ActionKind::kDeterministicStateInit: {
      auto* d = a.get<DeterministicStateInitAction>();
      json data = json::object();
      for (const auto& [k, v] : d->data) data[Base64Encode(k)] = Base64Encode(v);
      return json{{"DeterministicStateInit",
                   {{"code", GlobalIdToJson(d->code)}, {"data", data}, {"deposit", Bal(d->deposit)}}}};
    }
    case ActionKind::kTransferToGasKey: {
      auto* t = a.get<TransferToGasKeyAction>();
      return json{{"TransferToGasKey", {{"public_key", t->public_key.ToString()}, {"deposit", Bal(t->deposit)}}}};
    }
    case ActionKind::kWithdrawFromGasKey: {
      auto* w = a.get<WithdrawFromGasKeyAction>();
      return json{{"WithdrawFromGasKey", {{"public_key", w->public_key.ToString()}, {"amount", Bal(w->amount)}}}};
    }
  }
  return json{{"Action", static_cast<int>(a.kind())}};
}

json ReceiptToJson(const Receipt& r) {
  json j{{"predecessor_id", r.predecessor_id.str()},
         {"receiver_id", r.receiver_id.str()},
         {"receipt_id", r.receipt_id.ToBase58()}};
  static const char* kNames[] = {"Action", "Data", "PromiseYield", "PromiseResume",
                                 "GlobalContractDistribution", "ActionV2", "PromiseYieldV2"};
  j["kind"] = kNames[static_cast<int>(r.kind)];
  if (r.is_action_type()) {
    json actions = json::array();
    for (const auto& a : r.action.actions) actions.push_back(ActionToJson(a));
    j["signer_id"] = r.action.signer_id.str();
    j["gas_price"] = Bal(r.action.gas_price);
    j["actions"] = actions;
    if (!r.action.input_data_ids.empty()) {
      json ids = json::array();
      for (const auto& d : r.action.input_data_ids) ids.push_back(d.ToBase58());
      j["input_data_ids"] = ids;
    }
  } else if (r.kind == ReceiptKind::kData || r.kind == ReceiptKind::kPromiseResume) {
    j["data_id"] = r.data.data_id.ToBase58();
    j["data"] = r.data.data ? json(Base64Encode(*r.data.data)) : json(nullptr);
  } else if (r.kind == ReceiptKind::kGlobalContractDistribution) {
    j["id"] = GlobalIdToJson(r.global.id);
    j["target_shard"] = r.global.target_shard;
    j["code_len"] = r.global.code.size();
    if (r.global.version == 1) j["nonce"] = r.global.nonce;
  }
  return j;
}

}  // namespace nearrt::runtime
