// Global contracts (runtime/runtime/src/global_contracts.rs) and NEP-616
// DeterministicStateInit (deterministic_account_id.rs) on a single shard.
//
// DeployGlobalContract burns global_contract_storage_amount_per_byte * len
// from the deployer, bumps GlobalContractNonce{id} right away and emits a
// GlobalContractDistribution V2 receipt (receiver "system"). Processing that
// receipt writes GlobalContractCode{id} when its nonce is not older than the
// stored one; with one shard there is no next shard to forward it to. It has
// no outcome, no gas, only compute.
#include "runtime/apply_internal.h"
#include "runtime/fees.h"
#include "runtime/verifier.h"

namespace nearrt::runtime {

namespace {

Result<uint64_t> GetNonce(const TrieUpdate& u, const TrieKey& key) {
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(u, key));
  if (!raw) return uint64_t{0};
  if (raw->size() != 8) return Err("GlobalContractNonce should be 8 bytes");
  BorshReader r(*raw);
  return r.U64();
}

void SetNonce(TrieUpdate& u, const TrieKey& key, uint64_t nonce) {
  BorshWriter w(8);
  w.U64(nonce);
  SetRaw(u, key, w.Take());
}

}  // namespace

store::GlobalContractCodeIdentifier ToStoreId(const GlobalContractId& id) {
  store::GlobalContractCodeIdentifier g;
  if (id.kind == GlobalContractId::Kind::kCodeHash) {
    g.kind = store::GlobalContractCodeIdentifier::kCodeHash;
    g.code_hash = id.code_hash;
  } else {
    g.kind = store::GlobalContractCodeIdentifier::kAccountId;
    g.account_id = id.account_id;
  }
  return g;
}

std::string GlobalContractIdJson(const GlobalContractId& id) {
  if (id.kind == GlobalContractId::Kind::kCodeHash) return "{\"CodeHash\":" + JStr(id.code_hash.ToBase58()) + "}";
  return "{\"AccountId\":" + JStr(id.account_id.str()) + "}";
}

Status ActionDeployGlobalContract(Processing& ps, Account& account, const AccountId& account_id,
                                  const DeployGlobalContractAction& a, ActionResult& result) {
  Balance per_byte = ps.cfg.global_contract_storage_amount_per_byte;
  Balance cost;
  if (__builtin_mul_overflow(per_byte, static_cast<Balance>(a.code.size()), &cost)) cost = ~static_cast<Balance>(0);
  if (account.amount() < cost) {
    result.error = ActionErr("LackBalanceForState", {{"account_id", JStr(account_id.str())}, {"amount", JBal(cost)}});
    return {};
  }
  auto burnt = AddBalance(result.tokens_burnt, cost);
  if (!burnt) return Err("integer overflow in tokens_burnt");
  result.tokens_burnt = *burnt;
  account.set_amount(account.amount() - cost);
  // initiate_distribution
  GlobalContractId id;
  if (a.deploy_mode == 0) {
    id.code_hash = CryptoHash::Of(a.code);
  } else {
    id.kind = GlobalContractId::Kind::kAccountId;
    id.account_id = account_id;
  }
  TrieKey nonce_key = TrieKey::GlobalContractNonce(ToStoreId(id));
  NEARRT_ASSIGN_OR_RETURN(uint64_t stored, GetNonce(ps.update, nonce_key));
  if (stored == UINT64_MAX) return Err("increment_global_contract_nonce overflow");
  SetNonce(ps.update, nonce_key, stored + 1);
  Receipt r;
  r.predecessor_id = account_id;
  r.receiver_id = AccountId::Unchecked("system");
  r.kind = ReceiptKind::kGlobalContractDistribution;
  r.global.version = 1;  // GlobalContractDistributionReceipt::new = V2
  r.global.id = id;
  r.global.target_shard = 0;
  r.global.code = a.code;
  r.global.nonce = stored + 1;
  result.new_receipts.push_back(std::move(r));
  return {};
}

Status ActionUseGlobalContract(Processing& ps, Account& account, const AccountId& account_id,
                               const GlobalContractId& id, ActionResult& result) {
  NEARRT_ASSIGN_OR_RETURN(bool exists, Has(ps.update, TrieKey::GlobalContractCode(ToStoreId(id))));
  if (!exists) {
    result.error = ActionErr("GlobalContractDoesNotExist", {{"identifier", GlobalContractIdJson(id)}});
    return {};
  }
  // clear_account_contract_storage_usage, then drop a local code.
  NEARRT_ASSIGN_OR_RETURN(uint64_t old, ContractStorageUsage(ps.update, account_id, account));
  account.set_storage_usage(account.storage_usage() > old ? account.storage_usage() - old : 0);
  if (account.contract().kind == AccountContract::Kind::kLocal) RemoveKey(ps.update, TrieKey::ContractCode(account_id));
  uint64_t usage;
  if (__builtin_add_overflow(account.storage_usage(), id.len(), &usage)) {
    return Err("Storage usage integer overflow for account " + account_id.str());
  }
  account.set_storage_usage(usage);
  AccountContract c;
  if (id.kind == GlobalContractId::Kind::kCodeHash) {
    c.kind = AccountContract::Kind::kGlobal;
    c.hash = id.code_hash;
  } else {
    c.kind = AccountContract::Kind::kGlobalByAccount;
    c.account_id = id.account_id;
  }
  account.set_contract(c);
  return {};
}

Result<uint64_t> ApplyGlobalContractDistribution(Processing& ps, const Receipt& receipt) {
  const GlobalContractDistributionReceipt& g = receipt.global;
  store::GlobalContractCodeIdentifier sid = ToStoreId(g.id);
  // check_and_update_nonce: V1 receipts carry nonce 0; the same nonce is fresh.
  TrieKey nonce_key = TrieKey::GlobalContractNonce(sid);
  NEARRT_ASSIGN_OR_RETURN(uint64_t stored, GetNonce(ps.update, nonce_key));
  uint64_t incoming = g.version == 0 ? 0 : g.nonce;
  if (incoming < stored) return uint64_t{0};
  SetNonce(ps.update, nonce_key, incoming);
  SetRaw(ps.update, TrieKey::GlobalContractCode(sid), g.code);
  ps.update.Commit(Cause(StateChangeCause::kReceiptProcessing, receipt.receipt_id));
  const auto& fees = ps.cfg.fees();
  uint64_t per_byte, compute;
  if (__builtin_mul_overflow(fees.deploy_global_contract_execution_per_byte, g.code.size(), &per_byte) ||
      __builtin_add_overflow(fees.deploy_global_contract_execution_base, per_byte, &compute)) {
    return Err("integer overflow in global contract distribution compute");
  }
  // A single shard has no next shard to forward the distribution to.
  return compute;
}

Status ActionDeterministicStateInit(Processing& ps, std::optional<Account>& account, const Receipt& receipt,
                                    const DeterministicStateInitAction& a, ActionResult& result) {
  const AccountId& account_id = receipt.receiver_id;
  const auto& su = ps.cfg.fees().storage_usage_config;
  // nonexist -> uninit: a zero-balance account; the actor does not change.
  if (!account) account = Account(0, 0, AccountContract(), su.num_bytes_account);
  if (account->contract().kind == AccountContract::Kind::kNone) {
    // uninit -> active: use the global contract, then write the data entries.
    NEARRT_TRY(ActionUseGlobalContract(ps, *account, account_id, a.code, result));
    if (result.error) return {};
    uint64_t usage = account->storage_usage();
    for (const auto& [k, v] : a.data) {
      SetRaw(ps.update, TrieKey::ContractData(account_id, k), v);
      if (__builtin_add_overflow(usage, k.size() + v.size() + su.num_extra_bytes_record, &usage)) {
        return Err("integer overflow in storage usage");
      }
    }
    account->set_storage_usage(usage);
  }
  // Top up from the deposit just enough for storage staking, refund the rest.
  Balance refund = a.deposit;
  if (auto missing = CheckStorageStake(ps.cfg, *account, account->amount())) {
    if (*missing > a.deposit) {
      result.error = ActionErr("LackBalanceForState",
                               {{"account_id", JStr(account_id.str())}, {"amount", JBal(*missing)}});
      return {};
    }
    auto amount = AddBalance(account->amount(), *missing);
    if (!amount) return Err("integer overflow in balance");
    account->set_amount(*amount);
    refund = a.deposit - *missing;
  }
  if (refund > 0) result.new_receipts.push_back(Receipt::NewBalanceRefund(receipt.BalanceRefundReceiver(), refund));
  return {};
}

}  // namespace nearrt::runtime
