#include "runtime/verifier.h"

#include "primitives/hash_ids.h"

namespace nearrt::runtime {

namespace {

std::optional<ValidationError> ValidateAction(const RuntimeParams& cfg, const Action& action,
                                              const AccountId& receiver_id, bool new_receipt) {
  const auto& lim = cfg.limits();
  switch (action.kind()) {
    case ActionKind::kDeployContract: {
      uint64_t size = action.get<DeployContractAction>()->code.size();
      if (size > lim.max_contract_size) {
        return MakeValidationError("ContractSizeExceeded",
                                   {{"size", JNum(size)}, {"limit", JNum(lim.max_contract_size)}});
      }
      break;
    }
    case ActionKind::kDeployGlobalContract: {
      uint64_t size = action.get<DeployGlobalContractAction>()->code.size();
      if (size > lim.max_contract_size) {
        return MakeValidationError("ContractSizeExceeded",
                                   {{"size", JNum(size)}, {"limit", JNum(lim.max_contract_size)}});
      }
      break;
    }
    case ActionKind::kFunctionCall: {
      auto* fc = action.get<FunctionCallAction>();
      if (fc->gas == 0) return MakeValidationError("FunctionCallZeroAttachedGas");
      if (fc->method_name.size() > lim.max_length_method_name) {
        return MakeValidationError("FunctionCallMethodNameLengthExceeded",
                                   {{"length", JNum(fc->method_name.size())},
                                    {"limit", JNum(lim.max_length_method_name)}});
      }
      if (fc->args.size() > lim.max_arguments_length) {
        return MakeValidationError("FunctionCallArgumentsLengthExceeded",
                                   {{"length", JNum(fc->args.size())},
                                    {"limit", JNum(lim.max_arguments_length)}});
      }
      break;
    }
    case ActionKind::kStake: {
      const PublicKey& pk = action.get<StakeAction>()->public_key;
      if (pk.type != KeyType::kEd25519) {
        return MakeValidationError("UnsuitableStakingKey", {{"public_key", JKey(pk)}});
      }
      break;
    }
    case ActionKind::kAddKey: {
      const auto& ak = action.get<AddKeyAction>()->access_key;
      if (const auto* fc = ak.permission.fc()) {
        if (!AccountId::Parse(fc->receiver_id).ok()) {
          return MakeValidationError("InvalidAccountId", {{"account_id", JStr(fc->receiver_id)}});
        }
        uint64_t total = 0;
        for (const auto& m : fc->method_names) {
          if (m.size() > lim.max_length_method_name) {
            return MakeValidationError("AddKeyMethodNameLengthExceeded",
                                       {{"length", JNum(m.size())},
                                        {"limit", JNum(lim.max_length_method_name)}});
          }
          total += m.size() + 1;
        }
        if (total > lim.max_number_bytes_method_names) {
          return MakeValidationError("AddKeyMethodNamesNumberOfBytesExceeded",
                                     {{"total_number_of_bytes", JNum(total)},
                                      {"limit", JNum(lim.max_number_bytes_method_names)}});
        }
      }
      if (ak.permission.is_gas_key()) {
        if (const auto* fc = ak.permission.fc(); fc && fc->allowance) {
          return MakeValidationError("GasKeyFunctionCallAllowanceNotAllowed");
        }
        uint16_t n = ak.permission.gas_key.num_nonces;
        if (n == 0 || n > kMaxNoncesForGasKey) {
          return MakeValidationError("GasKeyInvalidNumNonces",
                                     {{"requested_nonces", JNum(n)}, {"limit", JNum(kMaxNoncesForGasKey)}});
        }
        if (ak.permission.gas_key.balance != 0) {
          return MakeValidationError("AddGasKeyWithNonZeroBalance",
                                     {{"balance", JBal(ak.permission.gas_key.balance)}});
        }
      }
      break;
    }
    case ActionKind::kDeleteAccount: {
      // The beneficiary was parsed as an AccountId on decode.
      break;
    }
    case ActionKind::kUseGlobalContract:
      // An AccountId identifier was validated on decode.
      break;
    case ActionKind::kDeterministicStateInit: {
      const auto* a = action.get<DeterministicStateInitAction>();
      std::string derived = DeriveNearDeterministicAccountId(a->StateInitBorsh());
      if (derived != receiver_id.str()) {
        return MakeValidationError("InvalidDeterministicStateInitReceiver",
                                   {{"receiver_id", JStr(receiver_id.str())}, {"derived_id", JStr(derived)}});
      }
      for (const auto& [k, v] : a->data) {
        if (k.size() > lim.max_length_storage_key) {
          return MakeValidationError("DeterministicStateInitKeyLengthExceeded",
                                     {{"length", JNum(k.size())}, {"limit", JNum(lim.max_length_storage_key)}});
        }
        if (v.size() > lim.max_length_storage_value) {
          return MakeValidationError("DeterministicStateInitValueLengthExceeded",
                                     {{"length", JNum(v.size())}, {"limit", JNum(lim.max_length_storage_value)}});
        }
      }
      break;
    }
    case ActionKind::kDelegate:
    case ActionKind::kDelegateV2: {
      // validate_delegate_action: all of validate_actions_with_mode on the
      // inner actions, against the inner receiver (FixDelegatedDeterministicStateInit).
      const auto& d = action.delegate()->delegate_action;
      return ValidateActions(cfg, d.actions, d.receiver_id, new_receipt);
    }
    default:
      break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ValidationError> ValidateActions(const RuntimeParams& cfg,
                                               const std::vector<Action>& actions,
                                               const AccountId& receiver_id, bool new_receipt) {
  const auto& lim = cfg.limits();
  if (actions.size() > lim.max_actions_per_receipt) {
    return MakeValidationError("TotalNumberOfActionsExceeded",
                               {{"total_number_of_actions", JNum(actions.size())},
                                {"limit", JNum(lim.max_actions_per_receipt)}});
  }
  if (new_receipt) {
    uint64_t deploys = 0;
    for (const Action& a : actions) {
      if (a.kind() == ActionKind::kDeployContract || a.kind() == ActionKind::kDeployGlobalContract) {
        ++deploys;
      }
    }
    if (deploys > lim.max_deploy_actions_per_receipt) {
      return MakeValidationError("TotalNumberOfDeployActionsExceeded",
                                 {{"total_number_of_deploy_actions", JNum(deploys)},
                                  {"limit", JNum(lim.max_deploy_actions_per_receipt)}});
    }
  }
  bool found_delegate = false;
  for (size_t i = 0; i < actions.size(); ++i) {
    const Action& a = actions[i];
    if (a.kind() == ActionKind::kDeleteAccount && i + 1 != actions.size()) {
      return MakeValidationError("DeleteActionMustBeFinal");
    }
    if (a.kind() == ActionKind::kDelegate || a.kind() == ActionKind::kDelegateV2) {
      if (found_delegate) return MakeValidationError("DelegateActionMustBeOnlyOne");
      found_delegate = true;
    }
    if (auto e = ValidateAction(cfg, a, receiver_id, new_receipt)) return e;
  }
  auto total_gas = TotalPrepaidGas(actions);
  if (!total_gas) return MakeValidationError("IntegerOverflow");
  if (*total_gas > lim.max_total_prepaid_gas) {
    return MakeValidationError("TotalPrepaidGasExceeded",
                               {{"total_prepaid_gas", JNum(*total_gas)},
                                {"limit", JNum(lim.max_total_prepaid_gas)}});
  }
  return std::nullopt;
}

std::optional<TxExecutionError> ValidateTransaction(const RuntimeParams& cfg,
                                                    const SignedTransaction& tx) {
  if (auto e = ValidateActions(cfg, tx.transaction.actions, tx.transaction.receiver_id, false)) {
    TxExecutionError err = InvalidTx("ActionsValidation");
    err.kind = e->kind;
    err.kind_json = "{\"ActionsValidation\":" + e->json + "}";
    return err;
  }
  uint64_t limit = cfg.limits().max_transaction_size;
  if (tx.size > limit) {
    return InvalidTx("TransactionSizeExceeded", {{"size", JNum(tx.size)}, {"limit", JNum(limit)}});
  }
  if (!tx.signature.Verify(tx.hash.view(), tx.transaction.public_key)) {
    return InvalidTx("InvalidSignature");
  }
  return std::nullopt;
}

std::optional<ValidationError> ValidateReceipt(const RuntimeParams& cfg, const Receipt& receipt,
                                               bool new_receipt) {
  const auto& lim = cfg.limits();
  if (new_receipt) {
    uint64_t size = receipt.ToBorsh().size();
    if (size > lim.max_receipt_size) {
      return MakeValidationError("ReceiptSizeExceeded",
                                 {{"size", JNum(size)}, {"limit", JNum(lim.max_receipt_size)}});
    }
  }
  if (receipt.is_action_type()) {
    if (receipt.action.input_data_ids.size() > lim.max_number_input_data_dependencies) {
      return MakeValidationError("NumberInputDataDependenciesExceeded",
                                 {{"number_of_input_data_dependencies",
                                   JNum(receipt.action.input_data_ids.size())},
                                  {"limit", JNum(lim.max_number_input_data_dependencies)}});
    }
    if (auto e = ValidateActions(cfg, receipt.action.actions, receipt.receiver_id, new_receipt)) {
      ValidationError v;
      v.kind = e->kind;
      v.json = "{\"ActionsValidation\":" + e->json + "}";
      return v;
    }
  } else if (receipt.kind == ReceiptKind::kData || receipt.kind == ReceiptKind::kPromiseResume) {
    uint64_t len = receipt.data.data ? receipt.data.data->size() : 0;
    if (len > lim.max_length_returned_data) {
      return MakeValidationError("ReturnedValueLengthExceeded",
                                 {{"length", JNum(len)}, {"limit", JNum(lim.max_length_returned_data)}});
    }
  }
  return std::nullopt;
}

std::optional<Balance> CheckStorageStake(const RuntimeParams& cfg, const Account& account,
                                         Balance balance) {
  Balance per_byte = cfg.fees().storage_usage_config.storage_amount_per_byte;
  Balance required;
  if (__builtin_mul_overflow(per_byte, static_cast<Balance>(account.storage_usage()), &required)) {
    return ~static_cast<Balance>(0);
  }
  Balance available;
  if (__builtin_add_overflow(balance, account.locked(), &available)) {
    return ~static_cast<Balance>(0);
  }
  if (available >= required) return std::nullopt;
  if (account.storage_usage() <= kZeroBalanceAccountStorageLimit) return std::nullopt;
  return required - available;
}

namespace {

// verify_nonce.
std::optional<TxExecutionError> VerifyNonce(Nonce tx_nonce, Nonce current, NonceMode mode,
                                            uint64_t block_height) {
  bool ok = mode == NonceMode::kStrict ? (current != UINT64_MAX && tx_nonce == current + 1)
                                       : tx_nonce > current;
  if (!ok) return InvalidTx("InvalidNonce", {{"tx_nonce", JNum(tx_nonce)}, {"ak_nonce", JNum(current)}});
  uint64_t upper;
  if (__builtin_mul_overflow(block_height, kAccessKeyNonceRangeMultiplier, &upper)) upper = UINT64_MAX;
  if (tx_nonce >= upper) {
    return InvalidTx("NonceTooLarge", {{"tx_nonce", JNum(tx_nonce)}, {"upper_bound", JNum(upper)}});
  }
  return std::nullopt;
}

// verify_function_call_permission.
std::optional<TxExecutionError> VerifyFunctionCallPermission(const FunctionCallPermission& fc,
                                                             const Transaction& tx) {
  if (tx.actions.size() != 1 || tx.actions[0].kind() != ActionKind::kFunctionCall) {
    return InvalidAccessKey("RequiresFullAccess");
  }
  const auto* call = tx.actions[0].get<FunctionCallAction>();
  if (call->deposit > 0) return InvalidAccessKey("DepositWithFunctionCall");
  if (tx.receiver_id.str() != fc.receiver_id) {
    return InvalidAccessKey("ReceiverMismatch", {{"tx_receiver", JStr(tx.receiver_id.str())},
                                                 {"ak_receiver", JStr(fc.receiver_id)}});
  }
  if (!fc.method_names.empty()) {
    bool found = false;
    for (const auto& m : fc.method_names) found = found || m == call->method_name;
    if (!found) return InvalidAccessKey("MethodNameMismatch", {{"method_name", JStr(call->method_name)}});
  }
  return std::nullopt;
}

}  // namespace

Result<VerificationResult, TxExecutionError> VerifyAndChargeTx(const RuntimeParams& cfg,
                                                               const Account& account,
                                                               const AccessKey& access_key,
                                                               const Transaction& tx,
                                                               const TransactionCost& cost,
                                                               uint64_t block_height) {
  if (access_key.permission.is_gas_key()) {
    return Err(InvalidTx("InvalidNonceIndex",
                         {{"tx_nonce_index", "null"},
                          {"num_nonces", JNum(access_key.permission.gas_key.num_nonces)}}));
  }
  Nonce tx_nonce = tx.nonce.nonce;
  if (auto e = VerifyNonce(tx_nonce, access_key.nonce, tx.nonce_mode, block_height)) return Err(std::move(*e));
  if (account.amount() < cost.total_cost) {
    return Err(InvalidTx("NotEnoughBalance", {{"signer_id", JStr(tx.signer_id.str())},
                                              {"balance", JBal(account.amount())},
                                              {"cost", JBal(cost.total_cost)}}));
  }
  VerificationResult v;
  v.new_amount = account.amount() - cost.total_cost;
  v.new_nonce = tx_nonce;
  if (const auto* fc = access_key.permission.fc(); fc && fc->allowance) {
    if (*fc->allowance < cost.total_cost) {
      return Err(InvalidAccessKey("NotEnoughAllowance",
                                  {{"account_id", JStr(tx.signer_id.str())},
                                   {"public_key", JKey(tx.public_key)},
                                   {"allowance", JBal(*fc->allowance)},
                                   {"cost", JBal(cost.total_cost)}}));
    }
    v.new_allowance = *fc->allowance - cost.total_cost;
  }
  if (auto lack = CheckStorageStake(cfg, account, v.new_amount)) {
    return Err(InvalidTx("LackBalanceForState",
                         {{"signer_id", JStr(tx.signer_id.str())}, {"amount", JBal(*lack)}}));
  }
  if (const auto* fc = access_key.permission.fc()) {
    if (auto e = VerifyFunctionCallPermission(*fc, tx)) return Err(std::move(*e));
  }
  return v;
}

Result<GasKeyVerification, TxExecutionError> VerifyAndChargeGasKeyTx(const RuntimeParams& cfg,
                                                                     const Account& account,
                                                                     const AccessKey& access_key,
                                                                     Nonce current_nonce,
                                                                     const Transaction& tx,
                                                                     const TransactionCost& cost,
                                                                     uint64_t block_height) {
  const std::string signer = JStr(tx.signer_id.str());
  if (!access_key.permission.is_gas_key()) {
    return Err(InvalidAccessKey("AccessKeyNotFound", {{"account_id", signer}, {"public_key", JKey(tx.public_key)}}));
  }
  const GasKeyInfo& info = access_key.permission.gas_key;
  uint16_t index = tx.nonce.nonce_index.value_or(0);
  if (index >= info.num_nonces) {
    return Err(InvalidTx("InvalidNonceIndex", {{"tx_nonce_index", JNum(index)}, {"num_nonces", JNum(info.num_nonces)}}));
  }
  if (auto e = VerifyNonce(tx.nonce.nonce, current_nonce, tx.nonce_mode, block_height)) return Err(std::move(*e));
  if (info.balance < cost.gas_cost) {
    return Err(InvalidTx("NotEnoughGasKeyBalance",
                         {{"signer_id", signer}, {"balance", JBal(info.balance)}, {"cost", JBal(cost.gas_cost)}}));
  }
  // (balance >= gas_cost >= burnt_amount, so the deposit-failure balance cannot underflow.)
  if (const auto* fc = access_key.permission.fc()) {
    if (auto e = VerifyFunctionCallPermission(*fc, tx)) return Err(std::move(*e));
  }
  GasKeyVerification v;
  v.nonce_index = index;
  v.new_nonce = tx.nonce.nonce;
  v.new_amount = account.amount();
  v.new_key_balance = info.balance - cost.burnt_amount;
  if (account.amount() < cost.deposit_cost) {
    v.deposit_failed = true;
    v.deposit_error = InvalidTx("NotEnoughBalanceForDeposit", {{"signer_id", signer},
                                                               {"balance", JBal(account.amount())},
                                                               {"cost", JBal(cost.deposit_cost)},
                                                               {"reason", JStr("NotEnoughBalance")}});
    return v;
  }
  Balance new_amount = account.amount() - cost.deposit_cost;
  if (auto lack = CheckStorageStake(cfg, account, new_amount)) {
    v.deposit_failed = true;
    v.deposit_error = InvalidTx("NotEnoughBalanceForDeposit", {{"signer_id", signer},
                                                               {"balance", JBal(new_amount)},
                                                               {"cost", JBal(*lack)},
                                                               {"reason", JStr("LackBalanceForState")}});
    return v;
  }
  v.new_amount = new_amount;
  v.new_key_balance = info.balance - cost.gas_cost;
  return v;
}

}  // namespace nearrt::runtime
