// apply_action (runtime/runtime/src/lib.rs) and the actions of
// runtime/runtime/src/actions.rs: account existence and actor checks, then
// CreateAccount, DeployContract, Transfer (incl. implicit account creation and
// gas refunds to gas keys), Stake, DeleteAccount, Delegate / DelegateV2.
// Key actions live in access_keys.cc, global contracts and
// DeterministicStateInit in global_contracts.cc, FunctionCall in
// function_call.cc.
#include "runtime/apply_internal.h"
#include "runtime/fees.h"
#include "runtime/verifier.h"

namespace nearrt::runtime {

namespace {

Result<CryptoHash> EthWalletGlobalContractHash(const std::string& chain_id) {
  // runtime/near-wallet-contract/src/lib.rs (mainnet / testnet values, runtime.md §8 #11).
  if (chain_id == "mainnet" || chain_id == "mocknet") {
    return CryptoHash::FromBase58("2zodJZK2e4nnv5AqwCRnenNSmkikXhEd7PPY6BmfTmW4");
  }
  if (chain_id == "testnet") return CryptoHash::FromBase58("3PpYvRxBfC5BkZxTw8ZFG3D52w1ZRhvDDWirKoxphMDn");
  return Err("ETH-implicit accounts need the localnet wallet contract hash (not modelled)");
}

TxExecutionError AccountErr(const char* kind, const AccountId& id) {
  return ActionErr(kind, {{"account_id", JStr(id.str())}});
}

// check_account_existence.
std::optional<TxExecutionError> CheckAccountExistence(const RuntimeParams& cfg, ActionKind kind,
                                                      const std::optional<Account>& account,
                                                      const AccountId& account_id,
                                                      bool implicit_eligible) {
  switch (kind) {
    case ActionKind::kCreateAccount:
      if (account) return AccountErr("AccountAlreadyExists", account_id);
      if (IsImplicit(cfg, account_id)) return AccountErr("OnlyImplicitAccountCreationAllowed", account_id);
      return std::nullopt;
    case ActionKind::kTransfer:
      if (!account && !(implicit_eligible && IsImplicit(cfg, account_id))) {
        return AccountErr("AccountDoesNotExist", account_id);
      }
      return std::nullopt;
    case ActionKind::kDeterministicStateInit:
      return std::nullopt;  // creates the account when it is missing
    default:
      if (!account) return AccountErr("AccountDoesNotExist", account_id);
      return std::nullopt;
  }
}

// check_actor_permissions.
std::optional<TxExecutionError> CheckActorPermissions(ActionKind kind, const std::optional<Account>& account,
                                                      const AccountId& actor_id,
                                                      const AccountId& account_id) {
  switch (kind) {
    case ActionKind::kDeployContract:
    case ActionKind::kStake:
    case ActionKind::kAddKey:
    case ActionKind::kDeleteKey:
    case ActionKind::kDeployGlobalContract:
    case ActionKind::kUseGlobalContract:
    case ActionKind::kWithdrawFromGasKey:
    case ActionKind::kDeleteAccount:
      if (actor_id != account_id) {
        return ActionErr("ActorNoPermission",
                         {{"account_id", JStr(account_id.str())}, {"actor_id", JStr(actor_id.str())}});
      }
      if (kind == ActionKind::kDeleteAccount && account->locked() != 0) {
        return AccountErr("DeleteAccountStaking", account_id);
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

void ActionCreateAccount(const RuntimeParams& cfg, std::optional<Account>& account, AccountId& actor_id,
                         const AccountId& account_id, const AccountId& pred, ActionResult& result) {
  if (account_id.IsTopLevel()) {
    if (account_id.size() < cfg.min_allowed_top_level_account_length && pred != cfg.registrar_account_id) {
      result.error = ActionErr("CreateAccountOnlyByRegistrar",
                               {{"account_id", JStr(account_id.str())},
                                {"registrar_account_id", JStr(cfg.registrar_account_id.str())},
                                {"predecessor_id", JStr(pred.str())}});
      return;
    }
  } else if (!account_id.IsSubAccountOf(pred)) {
    result.error = ActionErr("CreateAccountNotAllowed",
                             {{"account_id", JStr(account_id.str())}, {"predecessor_id", JStr(pred.str())}});
    return;
  }
  actor_id = account_id;
  account = Account(0, 0, AccountContract(), cfg.fees().storage_usage_config.num_bytes_account);
}

Status ActionDeployContract(Processing& ps, Account& account, const AccountId& account_id,
                            const DeployContractAction& d) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t old, ContractStorageUsage(ps.update, account_id, account));
  account.set_storage_usage(account.storage_usage() > old ? account.storage_usage() - old : 0);
  account.set_storage_usage(account.storage_usage() + d.code.size());
  CryptoHash h = CryptoHash::Of(d.code);
  AccountContract c;
  c.kind = AccountContract::Kind::kLocal;
  c.hash = h;
  account.set_contract(c);
  SetRaw(ps.update, TrieKey::ContractCode(account_id), d.code);
  ps.codes[h] = std::make_shared<const Bytes>(d.code);
  return {};
}

// action_transfer_or_implicit_account_creation (lib.rs).
Status ActionTransfer(Processing& ps, std::optional<Account>& account, AccountId& actor_id,
                      const Receipt& receipt, Balance deposit) {
  const AccountId& account_id = receipt.receiver_id;
  const ActionReceipt& ar = receipt.action;
  bool is_refund = receipt.predecessor_id.IsSystem();
  if (account) {
    bool is_gas_refund = is_refund && ar.signer_id == account_id;
    std::optional<AccessKey> ak;
    if (is_gas_refund) {
      // try_refund_gas_key_balance: a gas-key signer gets the refund on the key.
      NEARRT_ASSIGN_OR_RETURN(ak, GetAccessKey(ps.update, account_id, ar.signer_public_key));
      if (ak && ak->permission.is_gas_key()) {
        auto b = AddBalance(ak->permission.gas_key.balance, deposit);
        if (!b) return Err("gas key balance integer overflow");
        ak->permission.gas_key.balance = *b;
        SetAccessKey(ps.update, account_id, ar.signer_public_key, *ak);
        return {};
      }
    }
    auto sum = AddBalance(account->amount(), deposit);
    if (!sum) return Err("Account balance integer overflow");
    account->set_amount(*sum);
    // try_refund_allowance: only plain FunctionCall keys have an allowance to restore.
    if (is_gas_refund && ak && ak->permission.kind == AccessKeyPermission::Kind::kFunctionCall &&
        ak->permission.function_call.allowance) {
      Balance& al = *ak->permission.function_call.allowance;
      Balance na = al + deposit < al ? ~static_cast<Balance>(0) : al + deposit;
      if (na > al) {
        al = na;
        SetAccessKey(ps.update, account_id, ar.signer_public_key, *ak);
      }
    }
    return {};
  }
  // action_implicit_account_creation_transfer
  actor_id = account_id;
  const auto& su = ps.cfg.fees().storage_usage_config;
  switch (account_id.GetAccountType()) {
    case AccountType::kNearImplicitAccount: {
      AccessKey ak = AccessKey::FullAccess((ps.as.block_height - 1) * kAccessKeyNonceRangeMultiplier);
      PublicKey pk;
      NEARRT_ASSIGN_OR_RETURN(pk.data, HexDecode(account_id.str()));
      account = Account(deposit, 0, AccountContract(),
                        su.num_bytes_account + pk.TrieIdLen() + ak.ToBorsh().size() + su.num_extra_bytes_record);
      SetAccessKey(ps.update, account_id, pk, ak);
      break;
    }
    case AccountType::kEthImplicitAccount: {
      NEARRT_ASSIGN_OR_RETURN(CryptoHash h, EthWalletGlobalContractHash(ps.as.chain.chain_id));
      AccountContract c;
      c.kind = AccountContract::Kind::kGlobal;
      c.hash = h;
      account = Account(deposit, 0, c, su.num_bytes_account + 32);
      break;
    }
    default:  // NEP-616 deterministic account: create_deterministic_account
      account = Account(deposit, 0, AccountContract(), su.num_bytes_account);
      break;
  }
  return {};
}

void ActionStake(Processing& ps, Account& account, const AccountId& account_id, const StakeAction& s,
                 ActionResult& result) {
  Balance increment = s.stake > account.locked() ? s.stake - account.locked() : 0;
  if (account.amount() < increment) {
    result.error = ActionErr("TriesToStake", {{"account_id", JStr(account_id.str())},
                                              {"stake", JBal(s.stake)},
                                              {"locked", JBal(account.locked())},
                                              {"balance", JBal(account.amount())}});
    return;
  }
  if (account.locked() == 0 && s.stake == 0) {
    result.error = AccountErr("TriesToUnstake", account_id);
    return;
  }
  if (s.stake > 0 && s.stake < ps.as.minimum_stake) {
    result.error = ActionErr("InsufficientStake", {{"account_id", JStr(account_id.str())},
                                                   {"stake", JBal(s.stake)},
                                                   {"minimum_stake", JBal(ps.as.minimum_stake)}});
    return;
  }
  result.proposals.push_back({account_id, s.public_key, s.stake});
  if (s.stake > account.locked()) {
    account.set_amount(account.amount() - increment);
    account.set_locked(s.stake);
  }
}

// action_delete_account (PV85 FixDeleteAccountGlobalContractStorageUsage:
// the contract's storage, local or global, is not counted).
Status ActionDeleteAccount(Processing& ps, std::optional<Account>& account, AccountId& actor_id,
                           const Receipt& receipt, const DeleteAccountAction& d, ActionResult& result) {
  const AccountId& account_id = receipt.receiver_id;
  NEARRT_ASSIGN_OR_RETURN(uint64_t contract_storage, ContractStorageUsage(ps.update, account_id, *account));
  uint64_t usage = account->storage_usage() > contract_storage ? account->storage_usage() - contract_storage : 0;
  if (usage > Account::kMaxAccountDeletionStorageUsage) {
    result.error = AccountErr("DeleteAccountWithLargeState", account_id);
    return {};
  }
  NEARRT_ASSIGN_OR_RETURN(GasKeyTotals gas_keys, SumGasKeys(ps.update, account_id));
  if (gas_keys.balance > kGasKeyMaxBalanceToBurn) {
    result.error = ActionErr("GasKeyBalanceTooHigh", {{"account_id", JStr(account_id.str())},
                                                      {"public_key", "null"},
                                                      {"balance", JBal(gas_keys.balance)}});
    return {};
  }
  if (account->amount() > 0) {
    result.new_receipts.push_back(Receipt::NewBalanceRefund(d.beneficiary_id, account->amount()));
  }
  NEARRT_TRY(RemoveAccount(ps.update, account_id));
  result.tokens_burnt += gas_keys.balance;
  if (gas_keys.nonce_count > 0) {
    result.compute += StorageRemovesCompute(ps.cfg, gas_keys.nonce_count, gas_keys.nonce_key_bytes,
                                            kGasKeyNonceValueLen * gas_keys.nonce_count);
  }
  actor_id = receipt.predecessor_id;
  account.reset();
  return {};
}

// validate_delegate_action_key: the key, the nonce (plain or gas-key nonce)
// and the FunctionCall permission; bumps the nonce on success.
Status ValidateDelegateKey(Processing& ps, const DelegateAction& da, ActionResult& result) {
  NEARRT_ASSIGN_OR_RETURN(auto ak, GetAccessKey(ps.update, da.sender_id, da.public_key));
  if (!ak) {
    result.error = DelegateAccessKeyErr("AccessKeyNotFound", {{"account_id", JStr(da.sender_id.str())},
                                                              {"public_key", JKey(da.public_key)}});
    return {};
  }
  Nonce current = 0;
  if (!da.nonce.nonce_index) {
    if (ak->permission.is_gas_key()) {
      result.error = DelegateAccessKeyErr("DelegateActionRequiresNonGasKey");
      return {};
    }
    current = ak->nonce;
  } else {
    if (!ak->permission.is_gas_key()) {
      result.error = DelegateAccessKeyErr("DelegateActionRequiresGasKey");
      return {};
    }
    uint16_t index = *da.nonce.nonce_index;
    uint16_t n = ak->permission.gas_key.num_nonces;
    if (index >= n) {
      result.error = ActionErr("DelegateActionInvalidNonceIndex", {{"nonce_index", JNum(index)},
                                                                   {"num_nonces", JNum(n)}});
      return {};
    }
    NEARRT_ASSIGN_OR_RETURN(auto row, GetGasKeyNonce(ps.update, da.sender_id, da.public_key, index));
    if (!row) return Err("gas key nonce row missing at an in-range index");
    current = *row;
  }
  if (da.nonce.nonce <= current) {
    result.error = ActionErr("DelegateActionInvalidNonce", {{"delegate_nonce", JNum(da.nonce.nonce)},
                                                            {"ak_nonce", JNum(current)}});
    return {};
  }
  uint64_t upper = ps.as.block_height * kAccessKeyNonceRangeMultiplier;
  if (da.nonce.nonce >= upper) {
    result.error = ActionErr("DelegateActionNonceTooLarge", {{"delegate_nonce", JNum(da.nonce.nonce)},
                                                             {"upper_bound", JNum(upper)}});
    return {};
  }
  if (const auto* fcp = ak->permission.fc()) {
    if (da.actions.size() != 1 || da.actions[0].kind() != ActionKind::kFunctionCall) {
      result.error = DelegateAccessKeyErr("RequiresFullAccess");
      return {};
    }
    const auto* call = da.actions[0].get<FunctionCallAction>();
    if (call->deposit > 0) {  // FixDelegateActionDepositWithFunctionCallError: stop here
      result.error = DelegateAccessKeyErr("DepositWithFunctionCall");
      return {};
    }
    if (da.receiver_id.str() != fcp->receiver_id) {
      result.error = DelegateAccessKeyErr("ReceiverMismatch", {{"tx_receiver", JStr(da.receiver_id.str())},
                                                               {"ak_receiver", JStr(fcp->receiver_id)}});
      return {};
    }
    if (!fcp->method_names.empty()) {
      bool found = false;
      for (const auto& m : fcp->method_names) found = found || m == call->method_name;
      if (!found) {
        result.error = DelegateAccessKeyErr("MethodNameMismatch", {{"method_name", JStr(call->method_name)}});
        return {};
      }
    }
  }
  if (da.nonce.nonce_index) {
    SetGasKeyNonce(ps.update, da.sender_id, da.public_key, *da.nonce.nonce_index, da.nonce.nonce);
  } else {
    ak->nonce = da.nonce.nonce;
    SetAccessKey(ps.update, da.sender_id, da.public_key, *ak);
  }
  return {};
}

// apply_delegate_action (Delegate and DelegateV2).
Status ActionDelegate(Processing& ps, const Receipt& receipt, const SignedDelegateAction& sda,
                      ActionResult& result) {
  const RuntimeParams& cfg = ps.cfg;
  const AccountId& account_id = receipt.receiver_id;
  const ActionReceipt& ar = receipt.action;
  const DelegateAction& da = sda.delegate_action;
  if (!sda.Verify()) {
    result.error = ActionErr("DelegateActionInvalidSignature");
    return {};
  }
  if (ps.as.block_height > da.max_block_height) {
    result.error = ActionErr("DelegateActionExpired");
    return {};
  }
  if (da.sender_id != account_id) {
    result.error = ActionErr("DelegateActionSenderDoesNotMatchTxReceiver",
                             {{"sender_id", JStr(da.sender_id.str())}, {"receiver_id", JStr(account_id.str())}});
    return {};
  }
  NEARRT_TRY(ValidateDelegateKey(ps, da, result));
  if (result.error) return {};
  Receipt inner;
  inner.predecessor_id = account_id;
  inner.receiver_id = da.receiver_id;
  inner.kind = ReceiptKind::kAction;
  inner.action.signer_id = ar.signer_id;
  inner.action.signer_public_key = ar.signer_public_key;
  inner.action.gas_price = ar.gas_price;
  inner.action.actions = da.actions;
  // The relayer prepaid the inner receipt: its send fees are burnt now, its
  // exec fees and attached gas are "used" (receipt_required_cost).
  auto prepaid_send = TotalPrepaidSendFees(cfg, ar.actions);
  auto exec_fees = TotalPrepaidExecFees(cfg, inner.action.actions, inner.receiver_id);
  auto attached = TotalPrepaidGas(inner.action.actions);
  if (!prepaid_send || !exec_fees || !attached) return Err("delegate gas overflow");
  Gas required = exec_fees->gas + *attached + cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee().gas;
  result.gas_used += required + prepaid_send->gas;
  result.gas_burnt += prepaid_send->gas;
  result.compute += prepaid_send->compute;
  result.new_receipts.push_back(std::move(inner));
  return {};
}

}  // namespace

Status ActionResult::Merge(ActionResult next) {
  if (__builtin_add_overflow(gas_burnt, next.gas_burnt, &gas_burnt) ||
      __builtin_add_overflow(gas_burnt_for_function_call, next.gas_burnt_for_function_call,
                             &gas_burnt_for_function_call) ||
      __builtin_add_overflow(gas_used, next.gas_used, &gas_used) ||
      __builtin_add_overflow(compute, next.compute, &compute)) {
    return Err("integer overflow in ActionResult::merge");
  }
  MergeProfile(profile, next.profile);
  for (auto& l : next.logs) logs.push_back(std::move(l));
  if (!next.error) {
    if (next.return_data.kind == vm::ReturnData::Kind::kReceiptIndex) {
      next.return_data.receipt_index += new_receipts.size();
    }
    error.reset();
    return_data = std::move(next.return_data);
    for (auto& r : next.new_receipts) new_receipts.push_back(std::move(r));
    for (auto& p : next.proposals) proposals.push_back(std::move(p));
    if (!AddBalance(tokens_burnt, next.tokens_burnt) || !AddBalance(subsidized, next.subsidized)) {
      return Err("integer overflow in ActionResult::merge");
    }
    tokens_burnt += next.tokens_burnt;
    subsidized += next.subsidized;
  } else {
    SetError(std::move(*next.error));
  }
  return {};
}

void MergeProfile(vm::ProfileData& a, const vm::ProfileData& b) {
  for (size_t i = 0; i < a.actions.size(); ++i) a.actions[i] = vm::SaturatingAdd(a.actions[i], b.actions[i]);
  for (size_t i = 0; i < a.ext.size(); ++i) a.ext[i] = vm::SaturatingAdd(a.ext[i], b.ext[i]);
  a.wasm_gas = vm::SaturatingAdd(a.wasm_gas, b.wasm_gas);
}

Result<uint64_t> ContractStorageUsage(const TrieUpdate& u, const AccountId& id, const Account& a) {
  switch (a.contract().kind) {
    case AccountContract::Kind::kNone:
      return uint64_t{0};
    case AccountContract::Kind::kLocal: {
      NEARRT_ASSIGN_OR_RETURN(auto len, GetCodeLen(u, id));
      return len ? *len : 0;
    }
    default:
      return a.contract().IdentifierLen();
  }
}

bool IsImplicit(const RuntimeParams& cfg, const AccountId& id) {
  switch (id.GetAccountType()) {
    case AccountType::kNearImplicitAccount:
    case AccountType::kNearDeterministicAccount:
      return true;
    case AccountType::kEthImplicitAccount:
      return cfg.vm.wasm_config.eth_implicit_accounts;
    default:
      return false;
  }
}

Result<ActionResult> ApplyAction(Processing& ps, const Action& action, std::optional<Account>& account,
                                 AccountId& actor_id, const Receipt& receipt,
                                 const std::vector<vm::PromiseResult>& promise_results,
                                 const CryptoHash& action_hash, size_t action_index) {
  const RuntimeParams& cfg = ps.cfg;
  const AccountId& account_id = receipt.receiver_id;
  const ActionReceipt& ar = receipt.action;
  ActionResult result;
  ParameterCost exec = ExecFee(cfg, action, account_id);
  result.gas_used = result.gas_burnt = exec.gas;
  result.compute = exec.compute;
  bool is_refund = receipt.predecessor_id.IsSystem();
  bool implicit_eligible = ar.actions.size() == 1 && !is_refund;
  ActionKind kind = action.kind();
  if (auto e = CheckAccountExistence(cfg, kind, account, account_id, implicit_eligible)) {
    result.error = std::move(e);
    return result;
  }
  if (auto e = CheckActorPermissions(kind, account, actor_id, account_id)) {
    result.error = std::move(e);
    return result;
  }
  switch (kind) {
    case ActionKind::kCreateAccount:
      ActionCreateAccount(cfg, account, actor_id, account_id, receipt.predecessor_id, result);
      break;
    case ActionKind::kDeployContract:
      NEARRT_TRY(ActionDeployContract(ps, *account, account_id, *action.get<DeployContractAction>()));
      break;
    case ActionKind::kFunctionCall:
      NEARRT_TRY(ActionFunctionCall(ps, *account, receipt, promise_results, result,
                                    *action.get<FunctionCallAction>(), action_hash,
                                    action_index + 1 == ar.actions.size()));
      break;
    case ActionKind::kTransfer:
      NEARRT_TRY(ActionTransfer(ps, account, actor_id, receipt, action.get<TransferAction>()->deposit));
      break;
    case ActionKind::kStake:
      ActionStake(ps, *account, account_id, *action.get<StakeAction>(), result);
      break;
    case ActionKind::kAddKey:
      NEARRT_TRY(ActionAddKey(ps, *account, account_id, *action.get<AddKeyAction>(), result));
      break;
    case ActionKind::kDeleteKey:
      NEARRT_TRY(ActionDeleteKey(ps, *account, account_id, *action.get<DeleteKeyAction>(), result));
      break;
    case ActionKind::kDeleteAccount:
      NEARRT_TRY(ActionDeleteAccount(ps, account, actor_id, receipt, *action.get<DeleteAccountAction>(), result));
      break;
    case ActionKind::kDelegate:
    case ActionKind::kDelegateV2:
      NEARRT_TRY(ActionDelegate(ps, receipt, *action.delegate(), result));
      break;
    case ActionKind::kDeployGlobalContract:
      NEARRT_TRY(ActionDeployGlobalContract(ps, *account, account_id,
                                            *action.get<DeployGlobalContractAction>(), result));
      break;
    case ActionKind::kUseGlobalContract:
      NEARRT_TRY(ActionUseGlobalContract(ps, *account, account_id,
                                         action.get<UseGlobalContractAction>()->contract_identifier, result));
      break;
    case ActionKind::kDeterministicStateInit:
      NEARRT_TRY(ActionDeterministicStateInit(ps, account, receipt,
                                              *action.get<DeterministicStateInitAction>(), result));
      break;
    case ActionKind::kTransferToGasKey:
      NEARRT_TRY(ActionTransferToGasKey(ps, account_id, *action.get<TransferToGasKeyAction>(), result));
      break;
    case ActionKind::kWithdrawFromGasKey:
      NEARRT_TRY(ActionWithdrawFromGasKey(ps, *account, account_id,
                                          *action.get<WithdrawFromGasKeyAction>(), result));
      break;
  }
  return result;
}

}  // namespace nearrt::runtime
