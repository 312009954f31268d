#include "runtime/runtime.h"

#include <deque>
#include <set>

#include "primitives/hash_ids.h"
#include "runtime/bandwidth.h"
#include "runtime/errors.h"
#include "runtime/fees.h"
#include "runtime/verifier.h"
#include "store/merkle.h"

namespace nearrt::runtime {

namespace {

using store::StateChangeCause;

const AccountId kSystem = AccountId::Unchecked("system");

StateChangeCause Cause(StateChangeCause::Kind k, const CryptoHash& h = CryptoHash()) {
  StateChangeCause c;
  c.kind = k;
  c.hash = h;
  return c;
}

// nearcore ActionResult.
struct ActionResult {
  Gas gas_burnt = 0;
  Gas gas_burnt_for_function_call = 0;
  Gas gas_used = 0;
  uint64_t compute = 0;
  std::optional<TxExecutionError> error;
  vm::ReturnData return_data;
  std::vector<std::string> logs;
  std::vector<Receipt> new_receipts;
  std::vector<ValidatorProposal> proposals;
  Balance tokens_burnt = 0;
  Balance subsidized = 0;

  void SetError(TxExecutionError e) {
    error = std::move(e);
    new_receipts.clear();
    proposals.clear();
    tokens_burnt = 0;
    subsidized = 0;
  }
  Status Merge(ActionResult next) {
    if (__builtin_add_overflow(gas_burnt, next.gas_burnt, &gas_burnt) ||
        __builtin_add_overflow(gas_burnt_for_function_call, next.gas_burnt_for_function_call,
                               &gas_burnt_for_function_call) ||
        __builtin_add_overflow(gas_used, next.gas_used, &gas_used) ||
        __builtin_add_overflow(compute, next.compute, &compute)) {
      return Err("integer overflow in ActionResult::merge");
    }
    for (auto& l : next.logs) logs.push_back(std::move(l));
    if (!next.error) {
      if (next.return_data.kind == vm::ReturnData::Kind::kReceiptIndex) {
        next.return_data.receipt_index += new_receipts.size();
      }
      error.reset();
      return_data = std::move(next.return_data);
      for (auto& r : next.new_receipts) new_receipts.push_back(std::move(r));
      for (auto& p : next.proposals) proposals.push_back(std::move(p));
      tokens_burnt += next.tokens_burnt;
      subsidized += next.subsidized;
    } else {
      SetError(std::move(*next.error));
    }
    return {};
  }
};

struct Processing {
  const ApplyState& as;
  const RuntimeParams& cfg;
  TrieUpdate update;
  store::AccountingCache cache;
  std::vector<ExecutionOutcomeWithId> outcomes;
  std::deque<Receipt> local_receipts;
  std::deque<Receipt> instant_receipts;
  std::vector<Receipt> outgoing;
  std::vector<ValidatorProposal> proposals;
  ApplyStats stats;
  Gas total_gas = 0;
  uint64_t total_compute = 0;
  QueueIndices delayed;
  QueueIndices delayed_initial;
  std::map<CryptoHash, std::shared_ptr<const Bytes>> codes;

  Processing(const ApplyState& s, store::Trie trie)
      : as(s), cfg(*s.config), update(std::move(trie)) {}

  uint64_t compute_limit() const { return as.gas_limit ? *as.gas_limit : UINT64_MAX; }
  bool OverLimit() const {
    const store::TrieRecorder* rec = update.trie().recorder();
    return total_compute >= compute_limit() || (rec && rec->ProofSizeLimitExceeded());
  }
  Status AddTotal(Gas gas, uint64_t compute) {
    if (__builtin_add_overflow(total_gas, gas, &total_gas) ||
        __builtin_add_overflow(total_compute, compute, &total_compute)) {
      return Err("total gas overflow");
    }
    return {};
  }
};

std::string FunctionCallErrorJson(const vm::FunctionCallError& e) {
  using K = vm::FunctionCallError::Kind;
  switch (e.kind) {
    case K::CompilationError:
      if (e.compilation.kind == vm::CompilationError::Kind::CodeDoesNotExist) {
        return "{\"CompilationError\":{\"CodeDoesNotExist\":{\"account_id\":" +
               JStr(e.compilation.text) + "}}}";
      }
      if (e.compilation.kind == vm::CompilationError::Kind::PrepareError) {
        return "{\"CompilationError\":{\"PrepareError\":" +
               JStr(vm::PrepareErrorName(e.compilation.prepare)) + "}}";
      }
      return "{\"CompilationError\":" + JStr(e.compilation.Message()) + "}";
    case K::LinkError:
      return "{\"LinkError\":{\"msg\":" + JStr(e.msg) + "}}";
    case K::MethodResolveError:
      return "{\"MethodResolveError\":" + JStr(vm::MethodResolveErrorName(e.method)) + "}";
    default:
      // conversions.rs: traps and host errors reach RPC as ExecutionError(msg).
      return "{\"ExecutionError\":" + JStr(e.Message()) + "}";
  }
}

Bytes U32Le(uint32_t v) {
  BorshWriter w(4);
  w.U32(v);
  return w.Take();
}

Result<std::optional<uint32_t>> GetU32(const TrieUpdate& u, const TrieKey& k) {
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(u, k));
  if (!raw) return std::optional<uint32_t>();
  BorshReader r(*raw);
  NEARRT_ASSIGN_OR_RETURN(uint32_t v, r.U32());
  return std::optional<uint32_t>(v);
}

// ---- Contract code ----
Result<std::shared_ptr<const Bytes>> LoadCode(Processing& ps, const AccountId& account_id,
                                              const AccountContract& contract,
                                              CryptoHash* hash_out) {
  if (contract.kind == AccountContract::Kind::kNone) return std::shared_ptr<const Bytes>();
  if (contract.kind == AccountContract::Kind::kLocal) {
    *hash_out = contract.hash;
    if (ps.as.code_by_hash) {
      auto it = ps.as.code_by_hash->find(contract.hash);
      if (it == ps.as.code_by_hash->end()) return Err("contract code missing from the witness");
      return it->second;
    }
    auto it = ps.codes.find(contract.hash);
    if (it != ps.codes.end()) return it->second;
    NEARRT_ASSIGN_OR_RETURN(
        auto raw, FromStorage(ps.update.Get(TrieKey::ContractCode(account_id).ToBytes(),
                                            store::AccessOptions::NoSideEffects())));
    if (!raw) return std::shared_ptr<const Bytes>();
    auto code = std::make_shared<const Bytes>(std::move(*raw));
    ps.codes[contract.hash] = code;
    return code;
  }
  // Global contracts: GlobalContractCode{identifier}.
  store::GlobalContractCodeIdentifier gid;
  if (contract.kind == AccountContract::Kind::kGlobal) {
    gid.kind = store::GlobalContractCodeIdentifier::kCodeHash;
    gid.code_hash = contract.hash;
  } else {
    gid.kind = store::GlobalContractCodeIdentifier::kAccountId;
    gid.account_id = contract.account_id;
  }
  NEARRT_ASSIGN_OR_RETURN(auto raw, FromStorage(ps.update.Get(TrieKey::GlobalContractCode(gid).ToBytes(),
                                                              store::AccessOptions::NoSideEffects())));
  if (!raw) return std::shared_ptr<const Bytes>();
  auto code = std::make_shared<const Bytes>(std::move(*raw));
  *hash_out = CryptoHash::Of(*code);
  ps.codes[*hash_out] = code;
  return code;
}

vm::AccountContract ToVmContract(const AccountContract& c) {
  vm::AccountContract v;
  v.kind = static_cast<vm::AccountContract::Kind>(c.kind);
  v.hash = c.hash;
  v.account_id = c.account_id;
  return v;
}

// ---- Actions (actions.rs) ----
Status ActionFunctionCall(Processing& ps, Account& account, const Receipt& receipt,
                          const std::vector<vm::PromiseResult>& promise_results,
                          ActionResult& result, const FunctionCallAction& fc,
                          const CryptoHash& action_hash, bool is_last_action) {
  const AccountId& account_id = receipt.receiver_id;
  const ActionReceipt& ar = receipt.action;
  if (!AddBalance(account.amount(), fc.deposit)) {
    return Err("Account balance integer overflow during function call deposit");
  }
  ReceiptManager manager;
  RuntimeExt ext(ps.update, ps.cache, manager, account_id, action_hash, ps.as.block_height,
                 ps.as.chain, ps.cfg.vm.wasm_config.storage_get_mode == vm::StorageGetMode::kFlatStorage);
  vm::VMContext ctx;
  ctx.current_account_id = account_id;
  ctx.signer_account_id = ar.signer_id;
  ctx.signer_account_pk = ar.signer_public_key.ToBorsh();
  ctx.predecessor_account_id = receipt.predecessor_id;
  ctx.refund_to_account_id = ar.refund_to ? *ar.refund_to : receipt.predecessor_id;
  ctx.input = std::make_shared<const Bytes>(fc.args);
  ctx.promise_results = promise_results;
  ctx.block_height = ps.as.block_height;
  ctx.block_timestamp = ps.as.block_timestamp;
  ctx.epoch_height = ps.as.epoch_height;
  ctx.account_balance = account.amount();
  ctx.account_locked_balance = account.locked();
  ctx.storage_usage = account.storage_usage();
  ctx.account_contract = ToVmContract(account.contract());
  ctx.attached_deposit = fc.deposit;
  ctx.prepaid_gas = fc.gas;
  ctx.random_seed = CreateRandomSeed(action_hash, ps.as.random_seed);
  if (is_last_action) {
    for (const auto& d : ar.output_data_receivers) ctx.output_data_receivers.push_back(d.receiver_id);
  }
  CryptoHash code_hash;
  NEARRT_ASSIGN_OR_RETURN(auto code, LoadCode(ps, account_id, account.contract(), &code_hash));
  vm::VMOutcome outcome;
  if (!code) {
    vm::CompilationError ce;
    ce.kind = vm::CompilationError::Kind::CodeDoesNotExist;
    ce.text = account_id.str();
    outcome = vm::VMOutcome::Nop(vm::FunctionCallError::Compilation(ce));
  } else {
    ps.codes[code_hash] = code;
    vm::ContractCode cc{code, code_hash};
    auto run = vm::Run(cc, fc.method_name, ext, ctx, ps.cfg.vm, ps.as.contract_cache);
    if (!run.ok()) {
      const auto& e = run.error();
      if (e.kind == vm::VMRunnerError::Kind::LoadingError) {
        outcome = vm::VMOutcome::Nop(vm::FunctionCallError::Loading(e.msg));
      } else if (e.kind == vm::VMRunnerError::Kind::WasmUnknownError) {
        outcome = vm::VMOutcome::Nop(vm::FunctionCallError::WasmUnknown(e.msg));
      } else if (e.kind == vm::VMRunnerError::Kind::ContractCodeNotPresent) {
        vm::CompilationError ce;
        ce.kind = vm::CompilationError::Kind::CodeDoesNotExist;
        ce.text = account_id.str();
        outcome = vm::VMOutcome::Nop(vm::FunctionCallError::Compilation(ce));
      } else {
        return Err("VM runner error: " + e.Message());
      }
    } else {
      outcome = std::move(run).value();
      Gas unused = fc.gas > outcome.used_gas ? fc.gas - outcome.used_gas : 0;
      auto distributed = manager.DistributeGas(unused);
      if (!distributed) return Err("gas distribution overflow");
      outcome.used_gas += *distributed;
    }
  }
  bool ok = !outcome.aborted.has_value();
  if (!ok) {
    result.error = ActionErr("FunctionCallError");
    result.error->kind_json = "{\"FunctionCallError\":" + FunctionCallErrorJson(*outcome.aborted) + "}";
    result.error->kind = std::string(outcome.aborted->Name());
  }
  result.gas_burnt += outcome.burnt_gas;
  result.gas_burnt_for_function_call += outcome.burnt_gas;
  result.gas_used += outcome.used_gas;
  result.compute += outcome.compute_usage;
  for (auto& l : outcome.logs) result.logs.push_back(std::move(l));
  if (ok) {
    NEARRT_ASSIGN_OR_RETURN(QueueIndices yidx, GetIndices(ps.update, TrieKey::PromiseYieldIndices()));
    QueueIndices yidx0 = yidx;
    std::vector<Receipt> new_receipts;
    for (auto& m : manager.action_receipts) {
      if (m.is_promise_yield) {
        PromiseYieldTimeout t{account_id, m.input_data_ids[0],
                              ps.as.block_height + ps.cfg.limits().yield_timeout_length_in_blocks};
        SetRaw(ps.update, TrieKey::PromiseYieldTimeout(yidx.next_available_index), t.ToBorsh());
        yidx.next_available_index++;
      }
      Receipt r;
      r.predecessor_id = account_id;
      r.receiver_id = std::move(m.receiver_id);
      r.kind = m.is_promise_yield ? ReceiptKind::kPromiseYieldV2 : ReceiptKind::kActionV2;
      r.action.v2 = true;
      r.action.signer_id = ar.signer_id;
      r.action.signer_public_key = ar.signer_public_key;
      r.action.refund_to = std::move(m.refund_to);
      r.action.gas_price = ar.gas_price;
      r.action.output_data_receivers = std::move(m.output_data_receivers);
      r.action.input_data_ids = std::move(m.input_data_ids);
      r.action.actions = std::move(m.actions);
      new_receipts.push_back(std::move(r));
    }
    for (auto& d : manager.data_receipts) {
      Receipt r;
      r.predecessor_id = account_id;
      r.receiver_id = account_id;
      r.kind = d.is_promise_resume ? ReceiptKind::kPromiseResume : ReceiptKind::kData;
      r.data.data_id = d.data_id;
      r.data.data = std::move(d.data);
      new_receipts.push_back(std::move(r));
    }
    if (!(yidx == yidx0)) SetIndices(ps.update, TrieKey::PromiseYieldIndices(), yidx);
    account.set_amount(outcome.balance);
    account.set_storage_usage(outcome.storage_usage);
    result.subsidized += outcome.subsidized_amount;
    result.return_data = std::move(outcome.return_data);
    for (auto& r : new_receipts) result.new_receipts.push_back(std::move(r));
  }
  return {};
}

uint64_t AccessKeyStorageUsage(const RuntimeParams& cfg, const PublicKey& pk, const AccessKey& ak) {
  return pk.TrieIdLen() + ak.ToBorsh().size() + cfg.fees().storage_usage_config.num_extra_bytes_record;
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

Result<CryptoHash> EthWalletGlobalContractHash(const std::string& chain_id) {
  // runtime/near-wallet-contract/src/lib.rs (mainnet / testnet values, runtime.md §8 #11).
  if (chain_id == "mainnet" || chain_id == "mocknet") {
    return CryptoHash::FromBase58("2zodJZK2e4nnv5AqwCRnenNSmkikXhEd7PPY6BmfTmW4");
  }
  if (chain_id == "testnet") return CryptoHash::FromBase58("3PpYvRxBfC5BkZxTw8ZFG3D52w1ZRhvDDWirKoxphMDn");
  return Err("ETH-implicit accounts need the localnet wallet contract hash (not modelled)");
}

// The body of one action. `account`/`actor_id` follow nearcore's apply_action.
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
  auto acc_err = [&](const char* k) {
    result.error = ActionErr(k, {{"account_id", JStr(account_id.str())}});
  };
  // check_account_existence
  if (kind == ActionKind::kCreateAccount) {
    if (account) {
      acc_err("AccountAlreadyExists");
      return result;
    }
    if (IsImplicit(cfg, account_id)) {
      acc_err("OnlyImplicitAccountCreationAllowed");
      return result;
    }
  } else if (kind == ActionKind::kTransfer) {
    if (!account && !(implicit_eligible && IsImplicit(cfg, account_id))) {
      acc_err("AccountDoesNotExist");
      return result;
    }
  } else if (kind != ActionKind::kDeterministicStateInit && !account) {
    acc_err("AccountDoesNotExist");
    return result;
  }
  // check_actor_permissions
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
        result.error = ActionErr("ActorNoPermission", {{"account_id", JStr(account_id.str())},
                                                       {"actor_id", JStr(actor_id.str())}});
        return result;
      }
      if (kind == ActionKind::kDeleteAccount && account->locked() != 0) {
        acc_err("DeleteAccountStaking");
        return result;
      }
      break;
    default:
      break;
  }
  switch (kind) {
    case ActionKind::kCreateAccount: {
      const AccountId& pred = receipt.predecessor_id;
      if (account_id.IsTopLevel()) {
        if (account_id.size() < cfg.min_allowed_top_level_account_length &&
            pred != cfg.registrar_account_id) {
          result.error = ActionErr("CreateAccountOnlyByRegistrar",
                                   {{"account_id", JStr(account_id.str())},
                                    {"registrar_account_id", JStr(cfg.registrar_account_id.str())},
                                    {"predecessor_id", JStr(pred.str())}});
          return result;
        }
      } else if (!account_id.IsSubAccountOf(pred)) {
        result.error = ActionErr("CreateAccountNotAllowed", {{"account_id", JStr(account_id.str())},
                                                             {"predecessor_id", JStr(pred.str())}});
        return result;
      }
      actor_id = account_id;
      account = Account(0, 0, AccountContract(), cfg.fees().storage_usage_config.num_bytes_account);
      break;
    }
    case ActionKind::kDeployContract: {
      const Bytes& code = action.get<DeployContractAction>()->code;
      NEARRT_ASSIGN_OR_RETURN(uint64_t old, ContractStorageUsage(ps.update, account_id, *account));
      account->set_storage_usage(account->storage_usage() > old ? account->storage_usage() - old : 0);
      account->set_storage_usage(account->storage_usage() + code.size());
      CryptoHash h = CryptoHash::Of(code);
      AccountContract c;
      c.kind = AccountContract::Kind::kLocal;
      c.hash = h;
      account->set_contract(c);
      SetRaw(ps.update, TrieKey::ContractCode(account_id), code);
      ps.codes[h] = std::make_shared<const Bytes>(code);
      break;
    }
    case ActionKind::kFunctionCall:
      NEARRT_TRY(ActionFunctionCall(ps, *account, receipt, promise_results, result,
                                    *action.get<FunctionCallAction>(), action_hash,
                                    action_index + 1 == ar.actions.size()));
      break;
    case ActionKind::kTransfer: {
      Balance deposit = action.get<TransferAction>()->deposit;
      if (account) {
        bool is_gas_refund = is_refund && ar.signer_id == account_id;
        if (is_gas_refund) {
          NEARRT_ASSIGN_OR_RETURN(auto ak, GetAccessKey(ps.update, account_id, ar.signer_public_key));
          if (ak && ak->permission.is_gas_key()) {
            ak->permission.gas_key.balance += deposit;
            SetAccessKey(ps.update, account_id, ar.signer_public_key, *ak);
            break;
          }
        }
        auto sum = AddBalance(account->amount(), deposit);
        if (!sum) return Err("Account balance integer overflow");
        account->set_amount(*sum);
        if (is_gas_refund) {
          NEARRT_ASSIGN_OR_RETURN(auto ak, GetAccessKey(ps.update, account_id, ar.signer_public_key));
          if (ak && ak->permission.kind == AccessKeyPermission::Kind::kFunctionCall &&
              ak->permission.function_call.allowance) {
            Balance& al = *ak->permission.function_call.allowance;
            Balance na = al + deposit < al ? ~static_cast<Balance>(0) : al + deposit;
            if (na > al) {
              al = na;
              SetAccessKey(ps.update, account_id, ar.signer_public_key, *ak);
            }
          }
        }
      } else {
        // action_implicit_account_creation_transfer
        actor_id = account_id;
        const auto& su = cfg.fees().storage_usage_config;
        switch (account_id.GetAccountType()) {
          case AccountType::kNearImplicitAccount: {
            AccessKey ak = AccessKey::FullAccess((ps.as.block_height - 1) * kAccessKeyNonceRangeMultiplier);
            PublicKey pk;
            NEARRT_ASSIGN_OR_RETURN(pk.data, HexDecode(account_id.str()));
            account = Account(deposit, 0, AccountContract(),
                              su.num_bytes_account + pk.TrieIdLen() + ak.ToBorsh().size() +
                                  su.num_extra_bytes_record);
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
          default:
            account = Account(deposit, 0, AccountContract(), su.num_bytes_account);
            break;
        }
      }
      break;
    }
    case ActionKind::kStake: {
      const auto* s = action.get<StakeAction>();
      Balance increment = s->stake > account->locked() ? s->stake - account->locked() : 0;
      if (account->amount() >= increment) {
        if (account->locked() == 0 && s->stake == 0) {
          acc_err("TriesToUnstake");
          return result;
        }
        if (s->stake > 0 && s->stake < ps.as.minimum_stake) {
          result.error = ActionErr("InsufficientStake", {{"account_id", JStr(account_id.str())},
                                                         {"stake", JBal(s->stake)},
                                                         {"minimum_stake", JBal(ps.as.minimum_stake)}});
          return result;
        }
        result.proposals.push_back({account_id, s->public_key, s->stake});
        if (s->stake > account->locked()) {
          account->set_amount(account->amount() - increment);
          account->set_locked(s->stake);
        }
      } else {
        result.error = ActionErr("TriesToStake", {{"account_id", JStr(account_id.str())},
                                                  {"stake", JBal(s->stake)},
                                                  {"locked", JBal(account->locked())},
                                                  {"balance", JBal(account->amount())}});
        return result;
      }
      break;
    }
    case ActionKind::kAddKey: {
      const auto* a = action.get<AddKeyAction>();
      NEARRT_ASSIGN_OR_RETURN(auto existing, GetAccessKey(ps.update, account_id, a->public_key));
      if (existing) {
        result.error = ActionErr("AddKeyAlreadyExists", {{"account_id", JStr(account_id.str())},
                                                         {"public_key", JKey(a->public_key)}});
        return result;
      }
      if (a->access_key.permission.is_gas_key()) {
        return Err("gas keys are not supported by this runtime yet");
      }
      AccessKey ak = a->access_key;
      ak.nonce = (ps.as.block_height - 1) * kAccessKeyNonceRangeMultiplier;
      SetAccessKey(ps.update, account_id, a->public_key, ak);
      account->set_storage_usage(account->storage_usage() + AccessKeyStorageUsage(cfg, a->public_key, ak));
      break;
    }
    case ActionKind::kDeleteKey: {
      const auto* d = action.get<DeleteKeyAction>();
      NEARRT_ASSIGN_OR_RETURN(auto existing, GetAccessKey(ps.update, account_id, d->public_key));
      if (!existing) {
        result.error = ActionErr("DeleteKeyDoesNotExist", {{"account_id", JStr(account_id.str())},
                                                           {"public_key", JKey(d->public_key)}});
        return result;
      }
      if (existing->permission.is_gas_key()) {
        return Err("gas keys are not supported by this runtime yet");
      }
      uint64_t usage = AccessKeyStorageUsage(cfg, d->public_key, *existing);
      RemoveAccessKey(ps.update, account_id, d->public_key);
      account->set_storage_usage(account->storage_usage() > usage ? account->storage_usage() - usage : 0);
      break;
    }
    case ActionKind::kDeleteAccount: {
      const auto* d = action.get<DeleteAccountAction>();
      NEARRT_ASSIGN_OR_RETURN(uint64_t contract_storage,
                              ContractStorageUsage(ps.update, account_id, *account));
      uint64_t usage = account->storage_usage() > contract_storage
                           ? account->storage_usage() - contract_storage
                           : 0;
      if (usage > Account::kMaxAccountDeletionStorageUsage) {
        acc_err("DeleteAccountWithLargeState");
        return result;
      }
      if (account->amount() > 0) {
        result.new_receipts.push_back(Receipt::NewBalanceRefund(d->beneficiary_id, account->amount()));
      }
      NEARRT_TRY(RemoveAccount(ps.update, account_id));
      actor_id = receipt.predecessor_id;
      account.reset();
      break;
    }
    case ActionKind::kDelegate:
    case ActionKind::kDelegateV2: {
      const SignedDelegateAction& sda = *action.delegate();
      const DelegateAction& da = sda.delegate_action;
      if (!sda.Verify()) {
        result.error = ActionErr("DelegateActionInvalidSignature");
        return result;
      }
      if (ps.as.block_height > da.max_block_height) {
        result.error = ActionErr("DelegateActionExpired");
        return result;
      }
      if (da.sender_id != account_id) {
        result.error = ActionErr("DelegateActionSenderDoesNotMatchTxReceiver",
                                 {{"sender_id", JStr(da.sender_id.str())},
                                  {"receiver_id", JStr(account_id.str())}});
        return result;
      }
      NEARRT_ASSIGN_OR_RETURN(auto ak, GetAccessKey(ps.update, da.sender_id, da.public_key));
      if (!ak) {
        result.error = DelegateAccessKeyErr("AccessKeyNotFound", {{"account_id", JStr(da.sender_id.str())},
                                                                  {"public_key", JKey(da.public_key)}});
        return result;
      }
      if (da.nonce.nonce_index) return Err("gas-key delegate nonces are not supported yet");
      if (ak->permission.is_gas_key()) {
        result.error = DelegateAccessKeyErr("DelegateActionRequiresNonGasKey");
        return result;
      }
      if (da.nonce.nonce <= ak->nonce) {
        result.error = ActionErr("DelegateActionInvalidNonce", {{"delegate_nonce", JNum(da.nonce.nonce)},
                                                                {"ak_nonce", JNum(ak->nonce)}});
        return result;
      }
      uint64_t upper = ps.as.block_height * kAccessKeyNonceRangeMultiplier;
      if (da.nonce.nonce >= upper) {
        result.error = ActionErr("DelegateActionNonceTooLarge", {{"delegate_nonce", JNum(da.nonce.nonce)},
                                                                 {"upper_bound", JNum(upper)}});
        return result;
      }
      if (const auto* fcp = ak->permission.fc()) {
        if (da.actions.size() != 1 || da.actions[0].kind() != ActionKind::kFunctionCall) {
          result.error = DelegateAccessKeyErr("RequiresFullAccess");
          return result;
        }
        const auto* call = da.actions[0].get<FunctionCallAction>();
        if (call->deposit > 0) {
          result.error = DelegateAccessKeyErr("DepositWithFunctionCall");
          return result;
        }
        if (da.receiver_id.str() != fcp->receiver_id) {
          result.error = DelegateAccessKeyErr("ReceiverMismatch", {{"tx_receiver", JStr(da.receiver_id.str())},
                                                                   {"ak_receiver", JStr(fcp->receiver_id)}});
          return result;
        }
        if (!fcp->method_names.empty()) {
          bool found = false;
          for (const auto& m : fcp->method_names) found = found || m == call->method_name;
          if (!found) {
            result.error = DelegateAccessKeyErr("MethodNameMismatch", {{"method_name", JStr(call->method_name)}});
            return result;
          }
        }
      }
      ak->nonce = da.nonce.nonce;
      SetAccessKey(ps.update, da.sender_id, da.public_key, *ak);
      Receipt inner;
      inner.predecessor_id = account_id;
      inner.receiver_id = da.receiver_id;
      inner.kind = ReceiptKind::kAction;
      inner.action.signer_id = ar.signer_id;
      inner.action.signer_public_key = ar.signer_public_key;
      inner.action.gas_price = ar.gas_price;
      inner.action.actions = da.actions;
      auto prepaid_send = TotalPrepaidSendFees(cfg, ar.actions);
      auto exec_fees = TotalPrepaidExecFees(cfg, inner.action.actions, inner.receiver_id);
      auto attached = TotalPrepaidGas(inner.action.actions);
      if (!prepaid_send || !exec_fees || !attached) return Err("delegate gas overflow");
      Gas required = exec_fees->gas + *attached +
                     cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee().gas;
      result.gas_used += required + prepaid_send->gas;
      result.gas_burnt += prepaid_send->gas;
      result.compute += prepaid_send->compute;
      result.new_receipts.push_back(std::move(inner));
      break;
    }
    default:
      return Err("action " + std::to_string(static_cast<int>(kind)) +
                 " (global contracts / deterministic state init / gas keys) is not supported yet");
  }
  return result;
}

Gas CongestionGas(const RuntimeParams& cfg, const Receipt& r) {
  if (!r.is_action()) return 0;
  auto exec = TotalPrepaidExecFees(cfg, r.action.actions, r.receiver_id);
  auto send = TotalPrepaidSendFees(cfg, r.action.actions);
  auto attached = TotalPrepaidGas(r.action.actions);
  if (!exec || !send || !attached) return UINT64_MAX;
  return exec->gas + cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee().gas + send->gas +
         *attached;
}

void PushDelayed(Processing& ps, const Receipt& r) {
  StateStoredReceipt s{r, CongestionGas(ps.cfg, r), r.ToBorsh().size()};
  SetRaw(ps.update, TrieKey::DelayedReceipt(ps.delayed.next_available_index), s.ToBorsh());
  ps.delayed.next_available_index++;
  SetIndices(ps.update, TrieKey::DelayedReceiptIndices(), ps.delayed);
}

Result<std::optional<Receipt>> PopDelayed(Processing& ps) {
  if (ps.delayed.first_index >= ps.delayed.next_available_index) return std::optional<Receipt>();
  TrieKey key = TrieKey::DelayedReceipt(ps.delayed.first_index);
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(ps.update, key));
  if (!raw) return Err("delayed receipt missing from the state");
  NEARRT_ASSIGN_OR_RETURN(StateStoredReceipt s, StateStoredReceipt::FromBorsh(*raw));
  RemoveKey(ps.update, key);
  ps.delayed.first_index++;
  SetIndices(ps.update, TrieKey::DelayedReceiptIndices(), ps.delayed);
  return std::optional<Receipt>(std::move(s.receipt));
}

// ---- apply_action_receipt (lib.rs) ----
Result<ExecutionOutcomeWithId> ApplyActionReceipt(Processing& ps, const Receipt& receipt) {
  const RuntimeParams& cfg = ps.cfg;
  const ApplyState& as = ps.as;
  const AccountId& account_id = receipt.receiver_id;
  const ActionReceipt& ar = receipt.action;
  std::vector<vm::PromiseResult> promise_results;
  for (const auto& data_id : ar.input_data_ids) {
    TrieKey k = TrieKey::ReceivedData(account_id, data_id);
    NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(ps.update, k));
    if (!raw) return Err("received data should be in the state");
    NEARRT_ASSIGN_OR_RETURN(ReceivedData rd, ReceivedData::FromBorsh(*raw));
    RemoveKey(ps.update, k);
    promise_results.push_back(rd.data ? vm::PromiseResult::Successful(std::move(*rd.data))
                                      : vm::PromiseResult::Failed());
  }
  ps.update.Commit(Cause(StateChangeCause::kActionReceiptProcessingStarted, receipt.receipt_id));

  NEARRT_ASSIGN_OR_RETURN(std::optional<Account> account, GetAccount(ps.update, account_id));
  bool account_did_not_exist = !account.has_value();
  AccountId actor_id = receipt.predecessor_id;
  ActionResult result;
  ParameterCost receipt_exec = cfg.fees().fee(vm::ActionCost::new_action_receipt).ExecFee();
  result.gas_used = result.gas_burnt = receipt_exec.gas;
  result.compute = receipt_exec.compute;
  for (size_t i = 0; i < ar.actions.size(); ++i) {
    CryptoHash action_hash = ActionHashFromReceiptId(receipt.receipt_id, as.block_height, i);
    NEARRT_ASSIGN_OR_RETURN(ActionResult r, ApplyAction(ps, ar.actions[i], account, actor_id, receipt,
                                                        promise_results, action_hash, i));
    if (!r.error) {
      for (const auto& nr : r.new_receipts) {
        if (auto e = ValidateReceipt(cfg, nr, /*new_receipt=*/true)) {
          r.error = ActionErr("NewReceiptValidationError");
          r.error->kind = e->kind;
          r.error->kind_json = "{\"NewReceiptValidationError\":" + e->json + "}";
          break;
        }
      }
    }
    NEARRT_TRY(result.Merge(std::move(r)));
    if (result.error) {
      result.error->index = i;
      break;
    }
  }
  if (!result.error && account) {
    if (auto lack = CheckStorageStake(cfg, *account, account->amount())) {
      TxExecutionError e = ActionErr("LackBalanceForState", {{"account_id", JStr(account_id.str())},
                                                              {"amount", JBal(*lack)}});
      result.SetError(std::move(e));
    } else {
      SetAccount(ps.update, account_id, *account);
    }
  }
  Balance purchase_price = ar.gas_price;
  Balance burn_price = std::min(purchase_price, as.gas_price);

  Balance refund_penalty_amount = 0, create_account_charge = 0;
  if (receipt.predecessor_id.IsSystem()) {
    if (result.error) {
      auto d = TotalDeposit(ar.actions);
      ps.stats.other_burnt_amount += d ? *d : 0;
    }
  } else {
    bool created = account_did_not_exist && account && !result.error;
    auto total_deposit = TotalDeposit(ar.actions);
    auto prepaid_gas = TotalPrepaidGas(ar.actions);
    auto prepaid_send = TotalPrepaidSendFees(cfg, ar.actions);
    auto prepaid_exec = TotalPrepaidExecFees(cfg, ar.actions, account_id);
    if (!total_deposit || !prepaid_gas || !prepaid_send || !prepaid_exec) return Err("refund overflow");
    Gas prepaid = *prepaid_gas + prepaid_send->gas + prepaid_exec->gas + receipt_exec.gas;
    Gas spent = result.error ? result.gas_burnt : result.gas_used;
    Gas gross_refund = prepaid - spent;
    Gas penalty = cfg.GasPenaltyForGasRefund(gross_refund);
    refund_penalty_amount = burn_price * penalty;
    Balance unused = purchase_price * gross_refund;
    unused = unused > refund_penalty_amount ? unused - refund_penalty_amount : 0;
    Balance surplus = (purchase_price - burn_price) * result.gas_burnt;
    Balance burned_gas_refund = surplus;
    if (created) {
      Balance burned_cost = burn_price * cfg.fees().fee(vm::ActionCost::create_account).ExecFee().gas;
      Balance desired = cfg.vm.account_creation_charge;
      Balance to_charge = desired > burned_cost ? desired - burned_cost : 0;
      create_account_charge = std::min(to_charge, burned_gas_refund);
      burned_gas_refund -= create_account_charge;
    }
    Balance gas_balance_refund = unused + burned_gas_refund;
    if (result.error && *total_deposit > 0) {
      result.new_receipts.push_back(Receipt::NewBalanceRefund(receipt.BalanceRefundReceiver(), *total_deposit));
    }
    if (gas_balance_refund > 0) {
      result.new_receipts.push_back(
          Receipt::NewGasRefund(ar.signer_id, gas_balance_refund, ar.signer_public_key));
    }
  }
  for (auto& p : result.proposals) ps.proposals.push_back(std::move(p));
  result.proposals.clear();
  if (!result.error) {
    ps.update.Commit(Cause(StateChangeCause::kReceiptProcessing, receipt.receipt_id));
  } else {
    ps.update.Rollback();
  }
  Gas gas_burnt = receipt.predecessor_id.IsSystem() ? 0 : result.gas_burnt;
  Balance tx_burnt = burn_price * gas_burnt + refund_penalty_amount + create_account_charge + result.tokens_burnt;
  Balance tokens_burnt = tx_burnt;
  Gas reward_gas = result.gas_burnt_for_function_call * static_cast<uint64_t>(cfg.fees().burnt_gas_reward.numer) /
                   static_cast<uint64_t>(cfg.fees().burnt_gas_reward.denom);
  Balance reward = burn_price * reward_gas;
  if (reward > 0) {
    NEARRT_ASSIGN_OR_RETURN(auto acc, GetAccount(ps.update, account_id));
    if (acc) {
      tx_burnt -= reward;
      acc->set_amount(acc->amount() + reward);
      SetAccount(ps.update, account_id, *acc);
      ps.update.Commit(Cause(StateChangeCause::kActionReceiptGasReward, receipt.receipt_id));
    }
  }
  ps.stats.tx_burnt_amount += tx_burnt;
  ps.stats.subsidized_amount += result.subsidized;

  if (!ar.output_data_receivers.empty()) {
    if (!result.error && result.return_data.kind == vm::ReturnData::Kind::kReceiptIndex) {
      auto& target = result.new_receipts.at(result.return_data.receipt_index);
      for (const auto& d : ar.output_data_receivers) target.action.output_data_receivers.push_back(d);
    } else {
      std::optional<Bytes> data;
      if (!result.error) {
        data = result.return_data.kind == vm::ReturnData::Kind::kValue ? result.return_data.value : Bytes();
      }
      for (const auto& d : ar.output_data_receivers) {
        Receipt r;
        r.predecessor_id = account_id;
        r.receiver_id = d.receiver_id;
        r.kind = ReceiptKind::kData;
        r.data.data_id = d.data_id;
        r.data.data = data;
        result.new_receipts.push_back(std::move(r));
      }
    }
  }
  std::vector<CryptoHash> receipt_ids;
  for (size_t j = 0; j < result.new_receipts.size(); ++j) {
    Receipt& nr = result.new_receipts[j];
    nr.receipt_id = ReceiptIdFromReceiptId(receipt.receipt_id, as.block_height, j);
    if (nr.is_action_type()) receipt_ids.push_back(nr.receipt_id);
    if (nr.IsInstant()) {
      ps.instant_receipts.push_back(std::move(nr));
    } else {
      ps.outgoing.push_back(std::move(nr));
    }
  }
  ExecutionOutcomeWithId out;
  out.id = receipt.receipt_id;
  ExecutionOutcome& o = out.outcome;
  if (result.error) {
    o.status = ExecutionStatus::Failure(std::move(*result.error));
  } else if (result.return_data.kind == vm::ReturnData::Kind::kReceiptIndex) {
    o.status = ExecutionStatus::SuccessReceiptId(
        ReceiptIdFromReceiptId(receipt.receipt_id, as.block_height, result.return_data.receipt_index));
  } else if (result.return_data.kind == vm::ReturnData::Kind::kValue) {
    o.status = ExecutionStatus::SuccessValue(std::move(result.return_data.value));
  } else {
    o.status = ExecutionStatus::SuccessValue({});
  }
  o.logs = std::move(result.logs);
  o.receipt_ids = std::move(receipt_ids);
  o.gas_burnt = result.gas_burnt;
  o.compute_usage = result.compute;
  o.tokens_burnt = tokens_burnt;
  o.executor_id = account_id;
  return out;
}

Result<std::optional<ExecutionOutcomeWithId>> ProcessReceipt(Processing& ps, const Receipt& receipt) {
  using R = std::optional<ExecutionOutcomeWithId>;
  const AccountId& account_id = receipt.receiver_id;
  switch (receipt.kind) {
    case ReceiptKind::kData: {
      const DataReceipt& d = receipt.data;
      SetRaw(ps.update, TrieKey::ReceivedData(account_id, d.data_id), ReceivedData{d.data}.ToBorsh());
      TrieKey pid = TrieKey::PostponedReceiptId(account_id, d.data_id);
      NEARRT_ASSIGN_OR_RETURN(auto rid_raw, GetRaw(ps.update, pid));
      if (rid_raw) {
        NEARRT_ASSIGN_OR_RETURN(CryptoHash rid, CryptoHash::FromBytes(*rid_raw));
        RemoveKey(ps.update, pid);
        TrieKey cnt_key = TrieKey::PendingDataCount(account_id, rid);
        NEARRT_ASSIGN_OR_RETURN(auto cnt, GetU32(ps.update, cnt_key));
        if (!cnt) return Err("pending data count should be in the state");
        if (*cnt == 1) {
          RemoveKey(ps.update, cnt_key);
          TrieKey pr = TrieKey::PostponedReceipt(account_id, rid);
          NEARRT_ASSIGN_OR_RETURN(auto ready, GetReceipt(ps.update, pr));
          if (!ready) return Err("pending receipt should be in the state");
          RemoveKey(ps.update, pr);
          NEARRT_ASSIGN_OR_RETURN(auto o, ApplyActionReceipt(ps, *ready));
          return R(std::move(o));
        }
        if (*cnt == 0) return Err("pending data count is 0, but there is a new DataReceipt");
        SetRaw(ps.update, cnt_key, U32Le(*cnt - 1));
      }
      break;
    }
    case ReceiptKind::kAction:
    case ReceiptKind::kActionV2: {
      uint32_t pending = 0;
      for (const auto& data_id : receipt.action.input_data_ids) {
        NEARRT_ASSIGN_OR_RETURN(bool has, Has(ps.update, TrieKey::ReceivedData(account_id, data_id)));
        if (!has) {
          ++pending;
          SetRaw(ps.update, TrieKey::PostponedReceiptId(account_id, data_id),
                 Bytes(receipt.receipt_id.bytes.begin(), receipt.receipt_id.bytes.end()));
        }
      }
      if (pending == 0) {
        NEARRT_ASSIGN_OR_RETURN(auto o, ApplyActionReceipt(ps, receipt));
        return R(std::move(o));
      }
      SetRaw(ps.update, TrieKey::PendingDataCount(account_id, receipt.receipt_id), U32Le(pending));
      SetRaw(ps.update, TrieKey::PostponedReceipt(account_id, receipt.receipt_id), receipt.ToBorsh());
      break;
    }
    case ReceiptKind::kPromiseYield:
    case ReceiptKind::kPromiseYieldV2:
      SetRaw(ps.update, TrieKey::PromiseYieldReceipt(account_id, receipt.action.input_data_ids.at(0)),
             receipt.ToBorsh());
      break;
    case ReceiptKind::kPromiseResume: {
      const DataReceipt& d = receipt.data;
      TrieKey status_key = TrieKey::PromiseYieldStatus(account_id, d.data_id);
      if (!d.data) {
        NEARRT_ASSIGN_OR_RETURN(auto st, GetRaw(ps.update, status_key));
        if (st && st->size() == 1 && (*st)[0] == 1) return R();
      }
      TrieKey yk = TrieKey::PromiseYieldReceipt(account_id, d.data_id);
      NEARRT_ASSIGN_OR_RETURN(auto yr, GetReceipt(ps.update, yk));
      if (!yr) return R();
      RemoveKey(ps.update, yk);
      RemoveKey(ps.update, status_key);
      TrieKey d2y = TrieKey::DataIdToYieldId(account_id, d.data_id);
      NEARRT_ASSIGN_OR_RETURN(auto yid_raw, GetRaw(ps.update, d2y));
      if (yid_raw) {
        NEARRT_ASSIGN_OR_RETURN(CryptoHash yid, CryptoHash::FromBytes(*yid_raw));
        RemoveKey(ps.update, TrieKey::YieldIdToDataId(account_id, yid));
        RemoveKey(ps.update, d2y);
      }
      SetRaw(ps.update, TrieKey::ReceivedData(account_id, d.data_id), ReceivedData{d.data}.ToBorsh());
      NEARRT_ASSIGN_OR_RETURN(auto o, ApplyActionReceipt(ps, *yr));
      return R(std::move(o));
    }
    case ReceiptKind::kGlobalContractDistribution:
      return Err("global contract distribution receipts are not supported yet");
  }
  ps.update.Commit(Cause(StateChangeCause::kPostponedReceipt, receipt.receipt_id));
  return R();
}

Status ProcessReceiptWithTotals(Processing& ps, const Receipt& r) {
  NEARRT_ASSIGN_OR_RETURN(auto o, ProcessReceipt(ps, r));
  if (o) {
    NEARRT_TRY(ps.AddTotal(o->outcome.gas_burnt, o->outcome.compute_usage));
    ps.outcomes.push_back(std::move(*o));
  }
  return {};
}

Status ProcessReceiptAndInstant(Processing& ps, const Receipt& r) {
  NEARRT_TRY(ProcessReceiptWithTotals(ps, r));
  while (!ps.instant_receipts.empty()) {
    Receipt ir = std::move(ps.instant_receipts.front());
    ps.instant_receipts.pop_front();
    NEARRT_TRY(ProcessReceiptWithTotals(ps, ir));
  }
  return {};
}

Status ProcessTransactions(Processing& ps, const std::vector<SignedTransaction>& txs,
                           const std::vector<bool>& valid_period) {
  std::set<CryptoHash> seen;
  for (size_t i = 0; i < txs.size(); ++i) {
    const SignedTransaction& stx = txs[i];
    const Transaction& tx = stx.transaction;
    if (!seen.insert(stx.hash).second) continue;  // UniqueChunkTransactions
    auto fail = [&](TxExecutionError e) {
      ExecutionOutcomeWithId o;
      o.id = stx.hash;
      o.outcome.executor_id = tx.signer_id;
      o.outcome.status = ExecutionStatus::Failure(std::move(e));
      ps.outcomes.push_back(std::move(o));
    };
    if (i < valid_period.size() && !valid_period[i]) {
      fail(InvalidTx("Expired"));
      continue;
    }
    if (auto e = ValidateTransaction(ps.cfg, stx)) {
      fail(std::move(*e));
      continue;
    }
    auto cost = TxCost(ps.cfg, tx, ps.as.gas_price);
    if (!cost) {
      fail(InvalidTx("CostOverflow"));
      continue;
    }
    NEARRT_ASSIGN_OR_RETURN(auto account, GetAccount(ps.update, tx.signer_id));
    if (!account) {
      fail(InvalidTx("InvalidSignerId", {{"signer_id", JStr(tx.signer_id.str())}}));
      continue;
    }
    NEARRT_ASSIGN_OR_RETURN(auto ak, GetAccessKey(ps.update, tx.signer_id, tx.public_key));
    if (!ak) {
      fail(InvalidAccessKey("AccessKeyNotFound", {{"account_id", JStr(tx.signer_id.str())},
                                                  {"public_key", JKey(tx.public_key)}}));
      continue;
    }
    if (tx.nonce.nonce_index) {
      if (!ak->permission.is_gas_key()) {
        fail(InvalidTx("InvalidNonceIndex", {{"tx_nonce_index", JNum(*tx.nonce.nonce_index)},
                                             {"num_nonces", JNum(0)}}));
        continue;
      }
      return Err("gas-key transactions are not supported by this runtime yet");
    }
    auto verdict = VerifyAndChargeTx(ps.cfg, *account, *ak, tx, *cost, ps.as.block_height);
    if (!verdict.ok()) {
      fail(verdict.error());
      continue;
    }
    CryptoHash receipt_id = ReceiptIdFromTransaction(stx.hash, ps.as.block_height);
    Receipt r;
    r.predecessor_id = tx.signer_id;
    r.receiver_id = tx.receiver_id;
    r.receipt_id = receipt_id;
    r.kind = ReceiptKind::kAction;
    r.action.signer_id = tx.signer_id;
    r.action.signer_public_key = tx.public_key;
    r.action.gas_price = cost->receipt_gas_price;
    r.action.actions = tx.actions;
    ExecutionOutcomeWithId o;
    o.id = stx.hash;
    o.outcome.status = ExecutionStatus::SuccessReceiptId(receipt_id);
    o.outcome.receipt_ids = {receipt_id};
    o.outcome.gas_burnt = cost->gas_burnt;
    o.outcome.compute_usage = cost->compute_burnt;
    o.outcome.tokens_burnt = cost->burnt_amount;
    o.outcome.executor_id = tx.signer_id;
    if (r.receiver_id == tx.signer_id) {
      ps.local_receipts.push_back(std::move(r));
    } else {
      ps.outgoing.push_back(std::move(r));
    }
    ps.stats.tx_burnt_amount += cost->burnt_amount;
    NEARRT_TRY(ps.AddTotal(cost->gas_burnt, cost->compute_burnt));
    ps.outcomes.push_back(std::move(o));
    account->set_amount(verdict->new_amount);
    ak->nonce = verdict->new_nonce;
    if (verdict->new_allowance) ak->permission.function_call.allowance = verdict->new_allowance;
    SetAccount(ps.update, tx.signer_id, *account);
    SetAccessKey(ps.update, tx.signer_id, tx.public_key, *ak);
    ps.update.Commit(Cause(StateChangeCause::kTransactionProcessing, stx.hash));
  }
  return {};
}

Result<uint64_t> ResolveYieldTimeouts(Processing& ps) {
  NEARRT_ASSIGN_OR_RETURN(QueueIndices idx, GetIndices(ps.update, TrieKey::PromiseYieldIndices()));
  QueueIndices initial = idx;
  uint64_t n = 0, processed = 0;
  while (idx.first_index < idx.next_available_index) {
    if (ps.OverLimit()) break;
    TrieKey qk = TrieKey::PromiseYieldTimeout(idx.first_index);
    NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(ps.update, qk));
    if (!raw) return Err("PromiseYield timeout queue entry should be in the state");
    NEARRT_ASSIGN_OR_RETURN(PromiseYieldTimeout t, PromiseYieldTimeout::FromBorsh(*raw));
    if (t.expires_at > ps.as.block_height) break;
    NEARRT_ASSIGN_OR_RETURN(bool pending, Has(ps.update, TrieKey::PromiseYieldReceipt(t.account_id, t.data_id)));
    if (pending) {
      Receipt r;
      r.predecessor_id = t.account_id;
      r.receiver_id = t.account_id;
      r.receipt_id = ReceiptIdFromReceiptId(t.data_id, ps.as.block_height, n++);
      r.kind = ReceiptKind::kPromiseResume;
      r.data.data_id = t.data_id;
      ps.outgoing.push_back(std::move(r));
    }
    ++processed;
    RemoveKey(ps.update, qk);
    idx.first_index++;
  }
  if (!(idx == initial)) SetIndices(ps.update, TrieKey::PromiseYieldIndices(), idx);
  return processed;
}

}  // namespace

Gas ReceiptCongestionGas(const RuntimeParams& cfg, const Receipt& r) { return CongestionGas(cfg, r); }

CryptoHash ComputeOutcomeRoot(const std::vector<ExecutionOutcomeWithId>& outcomes) {
  std::vector<Bytes> items;
  items.reserve(outcomes.size());
  for (const auto& o : outcomes) {
    BorshWriter w;
    w.Vector(o.ToHashes(), [](BorshWriter& x, const CryptoHash& h) { x.Fixed(h.view()); });
    items.push_back(w.Take());
  }
  return store::Merklize(items).first;
}

CryptoHash ApplyResult::OutcomeRoot() const { return ComputeOutcomeRoot(outcomes); }

Result<ApplyResult> Apply(store::Trie trie, const ApplyState& state,
                          const std::vector<Receipt>& incoming_receipts,
                          const std::vector<SignedTransaction>& transactions,
                          const std::vector<bool>& tx_valid_period) {
  if (!state.config) return Err("ApplyState.config is not set");
  Processing ps(state, std::move(trie));
  NEARRT_ASSIGN_OR_RETURN(ps.delayed, GetIndices(ps.update, TrieKey::DelayedReceiptIndices()));
  ps.delayed_initial = ps.delayed;
  ApplyResult out;
  NEARRT_ASSIGN_OR_RETURN(out.bandwidth_scheduler_state_hash, RunBandwidthScheduler(ps.update, state));
  if (state.is_new_chunk) {
    NEARRT_TRY(ProcessTransactions(ps, transactions, tx_valid_period));
    while (!ps.local_receipts.empty()) {
      Receipt r = std::move(ps.local_receipts.front());
      ps.local_receipts.pop_front();
      if (ps.OverLimit()) {
        PushDelayed(ps, r);
      } else {
        NEARRT_TRY(ProcessReceiptAndInstant(ps, r));
      }
    }
    while (!ps.OverLimit()) {
      NEARRT_ASSIGN_OR_RETURN(auto r, PopDelayed(ps));
      if (!r) break;
      if (auto e = ValidateReceipt(ps.cfg, *r, false)) return Err("delayed receipt is invalid: " + e->json);
      NEARRT_TRY(ProcessReceiptAndInstant(ps, *r));
    }
    for (const Receipt& r : incoming_receipts) {
      if (auto e = ValidateReceipt(ps.cfg, r, false)) return Err("invalid incoming receipt: " + e->json);
      if (ps.OverLimit()) {
        PushDelayed(ps, r);
      } else {
        NEARRT_TRY(ProcessReceiptAndInstant(ps, r));
      }
    }
    NEARRT_ASSIGN_OR_RETURN(out.processed_yield_timeouts, ResolveYieldTimeouts(ps));
    ps.update.Commit(Cause(StateChangeCause::kUpdatedDelayedReceipts));
  }
  store::TrieRecorder* recorder = ps.update.trie().recorder();
  NEARRT_ASSIGN_OR_RETURN(store::FinalizeResult fin, FromStorage(ps.update.Finalize()));
  out.state_root = fin.new_root();
  out.trie = std::move(fin.trie);
  out.state_changes = std::move(fin.state_changes);
  if (recorder) out.proof = recorder->ToPartialState();
  // Dedup proposals: iterate in reverse, keep the first per account.
  std::set<AccountId> seen;
  for (auto it = ps.proposals.rbegin(); it != ps.proposals.rend(); ++it) {
    if (seen.insert(it->account_id).second) out.validator_proposals.push_back(*it);
  }
  out.outgoing_receipts = std::move(ps.outgoing);
  out.outcomes = std::move(ps.outcomes);
  out.stats = ps.stats;
  out.delayed_receipts_count = ps.delayed.len();
  out.total_gas_burnt = ps.total_gas;
  out.total_balance_burnt = ps.stats.tx_burnt_amount + ps.stats.other_burnt_amount;
  out.contract_codes = std::move(ps.codes);
  return out;
}

}  // namespace nearrt::runtime
