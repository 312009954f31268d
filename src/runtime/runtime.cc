#include "runtime/runtime.h"

#include <set>

#include "primitives/hash_ids.h"
#include "runtime/apply_internal.h"
#include "runtime/bandwidth.h"
#include "runtime/fees.h"
#include "runtime/verifier.h"
#include "store/merkle.h"

namespace nearrt::runtime {

namespace {

// The non-zero entries of a profile, named as nearcore's CostGasUsed view
// (core/primitives/src/views.rs): action costs and host costs upper-cased,
// plus WASM_INSTRUCTION; sorted by (category, name).
std::vector<std::pair<std::string, Gas>> ProfileEntries(const vm::ProfileData& p) {
  auto upper = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
  };
  std::map<std::string, Gas> actions, host;
  for (size_t i = 0; i < p.actions.size(); ++i) {
    if (p.actions[i] > 0) actions[upper(vm::ActionCostName(static_cast<vm::ActionCost>(i)))] = p.actions[i];
  }
  for (size_t i = 0; i < p.ext.size(); ++i) {
    if (p.ext[i] > 0) host[upper(vm::ExtCostName(static_cast<vm::ExtCost>(i)))] = p.ext[i];
  }
  if (p.wasm_gas > 0) host["WASM_INSTRUCTION"] = p.wasm_gas;
  std::vector<std::pair<std::string, Gas>> out(actions.begin(), actions.end());
  out.insert(out.end(), host.begin(), host.end());
  return out;
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
  o.profile = ProfileEntries(result.profile);
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
    case ReceiptKind::kGlobalContractDistribution: {
      // No outcome and no gas; its compute counts toward the chunk limit.
      NEARRT_ASSIGN_OR_RETURN(uint64_t compute, ApplyGlobalContractDistribution(ps, receipt));
      NEARRT_TRY(ps.AddTotal(0, compute));
      return R();
    }
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
    // Gas-key transactions pay gas from the key and use a nonce row.
    std::optional<GasKeyVerification> gk;
    std::optional<VerificationResult> verdict;
    if (tx.nonce.nonce_index) {
      uint16_t index = *tx.nonce.nonce_index;
      NEARRT_ASSIGN_OR_RETURN(auto row, GetGasKeyNonce(ps.update, tx.signer_id, tx.public_key, index));
      if (!row) {
        uint16_t n = ak->permission.is_gas_key() ? ak->permission.gas_key.num_nonces : 0;
        fail(InvalidTx("InvalidNonceIndex", {{"tx_nonce_index", JNum(index)}, {"num_nonces", JNum(n)}}));
        continue;
      }
      auto v = VerifyAndChargeGasKeyTx(ps.cfg, *account, *ak, *row, tx, *cost, ps.as.block_height);
      if (!v.ok()) {
        fail(v.error());
        continue;
      }
      gk = std::move(*v);
    } else {
      auto v = VerifyAndChargeTx(ps.cfg, *account, *ak, tx, *cost, ps.as.block_height);
      if (!v.ok()) {
        fail(v.error());
        continue;
      }
      verdict = *v;
    }
    ExecutionOutcomeWithId o;
    o.id = stx.hash;
    o.outcome.executor_id = tx.signer_id;
    o.outcome.gas_burnt = cost->gas_burnt;
    o.outcome.tokens_burnt = cost->burnt_amount;
    if (gk && gk->deposit_failed) {
      // ExecutionOutcomeWithId::failed_with_gas_burnt: compute = gas burnt.
      o.outcome.status = ExecutionStatus::Failure(gk->deposit_error);
      o.outcome.compute_usage = cost->gas_burnt;
    } else {
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
      o.outcome.status = ExecutionStatus::SuccessReceiptId(receipt_id);
      o.outcome.receipt_ids = {receipt_id};
      o.outcome.compute_usage = cost->compute_burnt;
      if (r.receiver_id == tx.signer_id) {
        ps.local_receipts.push_back(std::move(r));
      } else {
        ps.outgoing.push_back(std::move(r));
      }
    }
    ps.stats.tx_burnt_amount += cost->burnt_amount;
    NEARRT_TRY(ps.AddTotal(o.outcome.gas_burnt, o.outcome.compute_usage));
    ps.outcomes.push_back(std::move(o));
    if (gk) {
      account->set_amount(gk->new_amount);
      ak->permission.gas_key.balance = gk->new_key_balance;
      SetGasKeyNonce(ps.update, tx.signer_id, tx.public_key, gk->nonce_index, gk->new_nonce);
    } else {
      account->set_amount(verdict->new_amount);
      ak->nonce = verdict->new_nonce;
      if (verdict->new_allowance) ak->permission.function_call.allowance = verdict->new_allowance;
    }
    SetAccount(ps.update, tx.signer_id, *account);
    SetAccessKey(ps.update, tx.signer_id, tx.public_key, *ak);
    ps.update.Commit(Cause(StateChangeCause::kTransactionProcessing, stx.hash));
  }
  return {};
}

// update_validator_accounts (lib.rs): rewards are added to locked, then the
// stake above max(max of the last three epochs, last proposal) is returned.
Status UpdateValidatorAccounts(Processing& ps, const ValidatorAccountsUpdate& v) {
  for (const auto& [account_id, max_of_stakes] : v.stake_info) {
    NEARRT_ASSIGN_OR_RETURN(auto account, GetAccount(ps.update, account_id));
    if (!account) {
      if (max_of_stakes > 0) {
        return Err("Account " + account_id.str() + " with max of stakes " + vm::BalanceToString(max_of_stakes) +
                   " is not found");
      }
      continue;
    }
    if (auto it = v.validator_rewards.find(account_id); it != v.validator_rewards.end()) {
      auto locked = AddBalance(account->locked(), it->second);
      if (!locked) return Err("update_validator_accounts overflow");
      account->set_locked(*locked);
    }
    if (account->locked() < max_of_stakes) {
      return Err("FATAL: staking invariant does not hold. Account stake " + vm::BalanceToString(account->locked()) +
                 " is less than maximum of stakes " + vm::BalanceToString(max_of_stakes) +
                 " in the past three epochs");
    }
    Balance last_proposal = 0;
    if (auto it = v.last_proposals.find(account_id); it != v.last_proposals.end()) last_proposal = it->second;
    Balance keep = std::max(max_of_stakes, last_proposal);
    if (account->locked() < keep) return Err("update_validator_accounts - return stake underflow");
    Balance return_stake = account->locked() - keep;
    auto amount = AddBalance(account->amount(), return_stake);
    if (!amount) return Err("update_validator_accounts - set_amount overflow");
    account->set_locked(keep);
    account->set_amount(*amount);
    SetAccount(ps.update, account_id, *account);
  }
  if (v.protocol_treasury_account_id && !v.stake_info.count(*v.protocol_treasury_account_id)) {
    const AccountId& treasury = *v.protocol_treasury_account_id;
    NEARRT_ASSIGN_OR_RETURN(auto account, GetAccount(ps.update, treasury));
    if (!account) return Err("Protocol treasury account " + treasury.str() + " is not found");
    auto it = v.validator_rewards.find(treasury);
    if (it == v.validator_rewards.end()) {
      return Err("Validator reward for the protocol treasury account " + treasury.str() + " is not found");
    }
    auto amount = AddBalance(account->amount(), it->second);
    if (!amount) return Err("update_validator_accounts - treasury reward overflow");
    account->set_amount(*amount);
    SetAccount(ps.update, treasury, *account);
  }
  ps.update.Commit(Cause(StateChangeCause::kValidatorAccountsUpdate));
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
                          const std::vector<bool>& tx_valid_period,
                          const ValidatorAccountsUpdate* validator_update) {
  if (!state.config) return Err("ApplyState.config is not set");
  Processing ps(state, std::move(trie));
  if (validator_update) NEARRT_TRY(UpdateValidatorAccounts(ps, *validator_update));
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
