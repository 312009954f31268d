#include "runtime/fees.h"

#include "vm/action_fees.h"

namespace nearrt::runtime {

namespace {

using vm::ActionCost;

// base + byte * n (nearcore unwraps here: cannot overflow with real fees;
// saturate instead of crashing).
ParameterCost BasePlusBytes(const ParameterCost& base, const ParameterCost& byte, uint64_t n) {
  auto mul = vm::CostMul(byte, n);
  if (!mul) return {UINT64_MAX, UINT64_MAX};
  auto sum = vm::CostAdd(base, *mul);
  return sum ? *sum : ParameterCost{UINT64_MAX, UINT64_MAX};
}

ParameterCost SendPair(const RuntimeParams& cfg, ActionCost base, ActionCost byte, bool sir,
                       uint64_t n) {
  return BasePlusBytes(cfg.fees().fee(base).SendFee(sir), cfg.fees().fee(byte).SendFee(sir), n);
}

ParameterCost ExecPair(const RuntimeParams& cfg, ActionCost base, ActionCost byte, uint64_t n) {
  return BasePlusBytes(cfg.fees().fee(base).ExecFee(), cfg.fees().fee(byte).ExecFee(), n);
}

uint64_t MethodNamesBytes(const FunctionCallPermission& p) {
  uint64_t n = 0;
  for (const auto& m : p.method_names) n += m.size() + 1;
  return n;
}

uint64_t StateInitBytes(const DeterministicStateInitAction& a) {
  uint64_t n = 0;
  for (const auto& [k, v] : a.data) n += k.size() + v.size();
  return n;
}

ParameterCost Add(const ParameterCost& a, const ParameterCost& b) {
  auto s = vm::CostAdd(a, b);
  return s ? *s : ParameterCost{UINT64_MAX, UINT64_MAX};
}

std::optional<ParameterCost> CheckedAdd(const ParameterCost& a, const ParameterCost& b) {
  return vm::CostAdd(a, b);
}

}  // namespace

std::optional<ParameterCost> TotalSendFees(const RuntimeParams& cfg, bool sir,
                                           const std::vector<Action>& actions,
                                           const AccountId& receiver_id) {
  const auto& fees = cfg.fees();
  ParameterCost result;
  for (const Action& action : actions) {
    ParameterCost delta;
    switch (action.kind()) {
      case ActionKind::kCreateAccount:
        delta = fees.fee(ActionCost::create_account).SendFee(sir);
        break;
      case ActionKind::kDeployContract:
        delta = SendPair(cfg, ActionCost::deploy_contract_base, ActionCost::deploy_contract_byte, sir,
                         action.get<DeployContractAction>()->code.size());
        break;
      case ActionKind::kFunctionCall: {
        auto* fc = action.get<FunctionCallAction>();
        delta = SendPair(cfg, ActionCost::function_call_base, ActionCost::function_call_byte, sir,
                         fc->method_name.size() + fc->args.size());
        break;
      }
      case ActionKind::kTransfer:
        delta = vm::TransferSendFee(fees, sir, cfg.vm.wasm_config.eth_implicit_accounts,
                                    receiver_id.GetAccountType());
        break;
      case ActionKind::kStake:
        delta = fees.fee(ActionCost::stake).SendFee(sir);
        break;
      case ActionKind::kAddKey: {
        const auto& perm = action.get<AddKeyAction>()->access_key.permission;
        if (perm.fc()) {
          delta = SendPair(cfg, ActionCost::add_function_call_key_base,
                           ActionCost::add_function_call_key_byte, sir, MethodNamesBytes(*perm.fc()));
        } else {
          delta = fees.fee(ActionCost::add_full_access_key).SendFee(sir);
        }
        if (perm.is_gas_key()) {
          auto extra = vm::GasKeyAddKeySendFee(fees, sir);
          delta = Add(delta, extra ? *extra : ParameterCost{UINT64_MAX, UINT64_MAX});
        }
        break;
      }
      case ActionKind::kDeleteKey:
        delta = fees.fee(ActionCost::delete_key).SendFee(sir);
        break;
      case ActionKind::kDeleteAccount:
        delta = fees.fee(ActionCost::delete_account).SendFee(sir);
        break;
      case ActionKind::kDelegate:
      case ActionKind::kDelegateV2: {
        const auto& d = action.delegate()->delegate_action;
        auto inner = TotalSendFees(cfg, sir, d.actions, d.receiver_id);
        if (!inner) return std::nullopt;
        delta = Add(fees.fee(ActionCost::delegate).SendFee(sir), *inner);
        break;
      }
      case ActionKind::kDeployGlobalContract:
        delta = SendPair(cfg, ActionCost::deploy_global_contract_base,
                         ActionCost::deploy_global_contract_byte, sir,
                         action.get<DeployGlobalContractAction>()->code.size());
        break;
      case ActionKind::kUseGlobalContract:
        delta = SendPair(cfg, ActionCost::use_global_contract_base, ActionCost::use_global_contract_byte,
                         sir, action.get<UseGlobalContractAction>()->contract_identifier.len());
        break;
      case ActionKind::kDeterministicStateInit: {
        auto* a = action.get<DeterministicStateInitAction>();
        delta = SendPair(cfg, ActionCost::deterministic_state_init_base,
                         ActionCost::deterministic_state_init_byte, sir, StateInitBytes(*a));
        auto entries = vm::CostMul(fees.fee(ActionCost::deterministic_state_init_entry).SendFee(sir),
                                   a->data.size());
        delta = Add(delta, entries ? *entries : ParameterCost{UINT64_MAX, UINT64_MAX});
        break;
      }
      case ActionKind::kTransferToGasKey:
      case ActionKind::kWithdrawFromGasKey: {
        const PublicKey& pk = action.kind() == ActionKind::kTransferToGasKey
                                  ? action.get<TransferToGasKeyAction>()->public_key
                                  : action.get<WithdrawFromGasKeyAction>()->public_key;
        auto f = vm::GasKeyTransferSendFee(fees, sir, pk.TrieIdLen());
        delta = f ? Add(f->base, f->per_byte) : ParameterCost{UINT64_MAX, UINT64_MAX};
        break;
      }
    }
    auto sum = CheckedAdd(result, delta);
    if (!sum) return std::nullopt;
    result = *sum;
  }
  return result;
}

ParameterCost ExecFee(const RuntimeParams& cfg, const Action& action, const AccountId& receiver_id) {
  const auto& fees = cfg.fees();
  switch (action.kind()) {
    case ActionKind::kCreateAccount:
      return fees.fee(ActionCost::create_account).ExecFee();
    case ActionKind::kDeployContract:
      return ExecPair(cfg, ActionCost::deploy_contract_base, ActionCost::deploy_contract_byte,
                      action.get<DeployContractAction>()->code.size());
    case ActionKind::kFunctionCall: {
      auto* fc = action.get<FunctionCallAction>();
      return ExecPair(cfg, ActionCost::function_call_base, ActionCost::function_call_byte,
                      fc->method_name.size() + fc->args.size());
    }
    case ActionKind::kTransfer:
      return vm::TransferExecFee(fees, cfg.vm.wasm_config.eth_implicit_accounts,
                                 receiver_id.GetAccountType());
    case ActionKind::kStake:
      return fees.fee(ActionCost::stake).ExecFee();
    case ActionKind::kAddKey: {
      auto* ak = action.get<AddKeyAction>();
      const auto& perm = ak->access_key.permission;
      ParameterCost key = perm.fc() ? ExecPair(cfg, ActionCost::add_function_call_key_base,
                                               ActionCost::add_function_call_key_byte,
                                               MethodNamesBytes(*perm.fc()))
                                    : fees.fee(ActionCost::add_full_access_key).ExecFee();
      if (perm.is_gas_key()) {
        auto extra = vm::GasKeyAddKeyExecFee(fees, receiver_id.size(), ak->public_key.TrieIdLen(),
                                             perm.gas_key.num_nonces);
        key = Add(key, extra ? Add(extra->base, extra->per_byte) : ParameterCost{UINT64_MAX, UINT64_MAX});
      }
      return key;
    }
    case ActionKind::kDeleteKey:
      return fees.fee(ActionCost::delete_key).ExecFee();
    case ActionKind::kDeleteAccount:
      return fees.fee(ActionCost::delete_account).ExecFee();
    case ActionKind::kDelegate:
    case ActionKind::kDelegateV2:
      return fees.fee(ActionCost::delegate).ExecFee();
    case ActionKind::kDeployGlobalContract:
      return ExecPair(cfg, ActionCost::deploy_global_contract_base,
                      ActionCost::deploy_global_contract_byte,
                      action.get<DeployGlobalContractAction>()->code.size());
    case ActionKind::kUseGlobalContract:
      return ExecPair(cfg, ActionCost::use_global_contract_base, ActionCost::use_global_contract_byte,
                      action.get<UseGlobalContractAction>()->contract_identifier.len());
    case ActionKind::kDeterministicStateInit: {
      auto* a = action.get<DeterministicStateInitAction>();
      ParameterCost c = ExecPair(cfg, ActionCost::deterministic_state_init_base,
                                 ActionCost::deterministic_state_init_byte, StateInitBytes(*a));
      auto entries = vm::CostMul(fees.fee(ActionCost::deterministic_state_init_entry).ExecFee(),
                                 a->data.size());
      return Add(c, entries ? *entries : ParameterCost{UINT64_MAX, UINT64_MAX});
    }
    case ActionKind::kTransferToGasKey:
    case ActionKind::kWithdrawFromGasKey: {
      const PublicKey& pk = action.kind() == ActionKind::kTransferToGasKey
                                ? action.get<TransferToGasKeyAction>()->public_key
                                : action.get<WithdrawFromGasKeyAction>()->public_key;
      auto f = vm::GasKeyTransferExecFee(fees, receiver_id.size(), pk.TrieIdLen());
      return f ? Add(f->base, f->per_byte) : ParameterCost{UINT64_MAX, UINT64_MAX};
    }
  }
  return {};
}

std::optional<ParameterCost> TotalPrepaidSendFees(const RuntimeParams& cfg,
                                                  const std::vector<Action>& actions) {
  ParameterCost result;
  for (const Action& a : actions) {
    if (auto d = a.delegate()) {
      const auto& da = d->delegate_action;
      auto inner = TotalSendFees(cfg, da.sender_id == da.receiver_id, da.actions, da.receiver_id);
      if (!inner) return std::nullopt;
      auto sum = CheckedAdd(result, *inner);
      if (!sum) return std::nullopt;
      result = *sum;
    }
  }
  return result;
}

std::optional<ParameterCost> TotalPrepaidExecFees(const RuntimeParams& cfg,
                                                  const std::vector<Action>& actions,
                                                  const AccountId& receiver_id) {
  ParameterCost result;
  for (const Action& a : actions) {
    std::optional<ParameterCost> delta;
    if (auto d = a.delegate()) {
      const auto& da = d->delegate_action;
      delta = TotalPrepaidExecFees(cfg, da.actions, da.receiver_id);
      if (!delta) return std::nullopt;
      delta = CheckedAdd(*delta, ExecFee(cfg, a, da.receiver_id));
      if (!delta) return std::nullopt;
      delta = CheckedAdd(*delta, cfg.fees().fee(ActionCost::new_action_receipt).ExecFee());
    } else {
      delta = ExecFee(cfg, a, receiver_id);
    }
    if (!delta) return std::nullopt;
    auto sum = CheckedAdd(result, *delta);
    if (!sum) return std::nullopt;
    result = *sum;
  }
  return result;
}

std::optional<Balance> TotalDeposit(const std::vector<Action>& actions) {
  Balance total = 0;
  for (const Action& a : actions) {
    Balance d = 0;
    if (auto del = a.delegate()) {
      auto inner = TotalDeposit(del->delegate_action.actions);
      if (!inner) return std::nullopt;
      d = *inner;
    } else if (auto fc = a.get<FunctionCallAction>()) {
      d = fc->deposit;
    } else if (auto t = a.get<TransferAction>()) {
      d = t->deposit;
    } else if (auto s = a.get<DeterministicStateInitAction>()) {
      d = s->deposit;
    } else if (auto g = a.get<TransferToGasKeyAction>()) {
      d = g->deposit;
    }
    auto sum = AddBalance(total, d);
    if (!sum) return std::nullopt;
    total = *sum;
  }
  return total;
}

std::optional<Gas> TotalPrepaidGas(const std::vector<Action>& actions) {
  Gas total = 0;
  for (const Action& a : actions) {
    Gas g = 0;
    if (auto del = a.delegate()) {
      auto inner = TotalPrepaidGas(del->delegate_action.actions);
      if (!inner) return std::nullopt;
      g = *inner;
    } else if (auto fc = a.get<FunctionCallAction>()) {
      g = fc->gas;
    }
    if (__builtin_add_overflow(total, g, &total)) return std::nullopt;
  }
  return total;
}

std::optional<TransactionCost> TxCost(const RuntimeParams& cfg, const Transaction& tx,
                                      Balance gas_price) {
  bool sir = tx.receiver_id == tx.signer_id;
  const auto& fees = cfg.fees();
  ParameterCost burnt = fees.fee(ActionCost::new_action_receipt).SendFee(sir);
  auto send = TotalSendFees(cfg, sir, tx.actions, tx.receiver_id);
  if (!send) return std::nullopt;
  auto b = CheckedAdd(burnt, *send);
  if (!b) return std::nullopt;
  burnt = *b;
  // Signature verification: only ML-DSA-65 keys cost anything (PV85).
  if (tx.public_key.type == KeyType::kMlDsa65) burnt = Add(burnt, fees.ml_dsa_65_verification_cost);
  for (const Action& a : tx.actions) {
    if (auto d = a.delegate(); d && d->delegate_action.public_key.type == KeyType::kMlDsa65) {
      burnt = Add(burnt, fees.ml_dsa_65_verification_cost);
    }
  }
  auto prepaid_gas = TotalPrepaidGas(tx.actions);
  auto prepaid_send = TotalPrepaidSendFees(cfg, tx.actions);
  auto prepaid_exec = TotalPrepaidExecFees(cfg, tx.actions, tx.receiver_id);
  if (!prepaid_gas || !prepaid_send || !prepaid_exec) return std::nullopt;
  TransactionCost c;
  Gas remaining = *prepaid_gas;
  if (__builtin_add_overflow(remaining, prepaid_send->gas, &remaining) ||
      __builtin_add_overflow(remaining, fees.fee(ActionCost::new_action_receipt).ExecFee().gas,
                             &remaining) ||
      __builtin_add_overflow(remaining, prepaid_exec->gas, &remaining)) {
    return std::nullopt;
  }
  c.gas_burnt = burnt.gas;
  c.compute_burnt = burnt.compute;
  c.gas_remaining = remaining;
  auto burnt_amount = GasToBalance(gas_price, burnt.gas);
  if (!burnt_amount) return std::nullopt;
  c.burnt_amount = *burnt_amount;
  c.receipt_gas_price = std::max(gas_price, cfg.vm.min_gas_purchase_price);
  auto remaining_amount = GasToBalance(c.receipt_gas_price, remaining);
  if (!remaining_amount) return std::nullopt;
  auto gas_cost = AddBalance(c.burnt_amount, *remaining_amount);
  auto deposit = TotalDeposit(tx.actions);
  if (!gas_cost || !deposit) return std::nullopt;
  c.gas_cost = *gas_cost;
  c.deposit_cost = *deposit;
  auto total = AddBalance(c.gas_cost, c.deposit_cost);
  if (!total) return std::nullopt;
  c.total_cost = *total;
  return c;
}

}  // namespace nearrt::runtime
