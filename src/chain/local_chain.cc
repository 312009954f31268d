#include "chain/local_chain.h"

#include <algorithm>
#include <set>

#include "chain/chain_json.h"
#include "primitives/hash_ids.h"
#include "runtime/state.h"

namespace nearrt::chain {

using runtime::TrieKey;

namespace {

// a*n/d without overflowing u128 (a up to 2^100, n and d below 2^60).
Balance MulDiv(Balance a, Balance n, Balance d) { return (a / d) * n + ((a % d) * n) / d; }

}  // namespace

Balance NextGasPrice(Balance price, Gas used, Gas limit, Balance min_price, Balance max_price) {
  if (limit == 0) return price;
  const Balance num = 1, den = 100;  // GAS_PRICE_ADJUSTMENT_RATE
  Balance L = limit, U = used;
  Balance numer = 2 * den * L + 2 * num * U - num * L;
  Balance next = MulDiv(price, numer, 2 * den * L);
  return std::clamp(next, min_price, max_price);
}

Result<Genesis> Genesis::FromJson(std::string_view text, const std::string& base_dir) {
  NEARRT_ASSIGN_OR_RETURN(nlohmann::json j, ParseJsonText(text, "genesis"));
  return GenesisFromJson(j, base_dir);
}

Result<std::unique_ptr<LocalChain>> LocalChain::Create(const Genesis& genesis,
                                                       std::unique_ptr<store::StateStore> store) {
  std::unique_ptr<LocalChain> c(new LocalChain());
  c->genesis_ = genesis;
  c->store_ = store ? std::move(store) : std::make_unique<store::StateStore>();
  if (genesis.runtime_config == "test") {
    NEARRT_ASSIGN_OR_RETURN(auto p, runtime::RuntimeParams::Test());
    c->config_ = std::make_unique<runtime::RuntimeParams>(std::move(p));
  } else {
    NEARRT_ASSIGN_OR_RETURN(auto p, runtime::RuntimeParams::Mainnet(genesis.protocol_version));
    c->config_ = std::make_unique<runtime::RuntimeParams>(std::move(p));
  }
  c->cache_ = std::make_unique<vm::ContractCache>();
  c->height_ = genesis.genesis_height;
  c->gas_price_ = genesis.gas_price;
  const auto& su = c->config_->fees().storage_usage_config;
  // Genesis state (StorageComputer: 100 per account, key/data records + 40, code).
  store::TrieUpdate u = c->store_->NewUpdate(c->store_->head());
  for (const auto& a : genesis.accounts) {
    uint64_t usage = su.num_bytes_account;
    AccountContract contract;
    for (const auto& [pk, ak] : a.keys) {
      runtime::SetAccessKey(u, a.account_id, pk, ak);
      usage += pk.TrieIdLen() + ak.ToBorsh().size() + su.num_extra_bytes_record;
    }
    if (a.code) {
      runtime::SetRaw(u, TrieKey::ContractCode(a.account_id), *a.code);
      contract = AccountContract::FromLocalCodeHash(CryptoHash::Of(*a.code));
      usage += a.code->size();
    }
    for (const auto& [k, v] : a.data) {
      runtime::SetRaw(u, TrieKey::ContractData(a.account_id, k), v);
      usage += k.size() + v.size() + su.num_extra_bytes_record;
    }
    runtime::SetAccount(u, a.account_id, Account(a.amount, a.locked, contract, usage));
    c->genesis_supply_ += a.amount + a.locked;
    if (a.locked > 0) c->genesis_locked_[a.account_id] = a.locked;
  }
  store::StateChangeCause cause;
  cause.kind = store::StateChangeCause::kInitialState;
  u.Commit(cause);
  NEARRT_ASSIGN_OR_RETURN(auto fin, runtime::FromStorage(u.Finalize(c->store_->update_options())));
  NEARRT_TRY(runtime::FromStorage(c->store_->Commit(fin.trie)));
  c->block_hash_ = CryptoHash::Of(fin.new_root().view());
  auto& t = c->template_;
  t.config = c->config_.get();
  t.chain.chain_id = genesis.chain_id;
  t.gas_limit = genesis.gas_limit;
  t.contract_cache = c->cache_.get();
  return c;
}

Result<BlockResult> LocalChain::ProduceBlock(const std::vector<SignedTransaction>& txs, bool record) {
  BlockResult b;
  b.height = height_ + 1;
  b.gas_price = gas_price_;
  b.prev_state_root = store_->head();
  runtime::ApplyState st = template_;
  st.block_height = b.height;
  st.prev_block_hash = block_hash_;
  st.block_timestamp = genesis_.genesis_time + b.height * 1'000'000'000ull;
  st.gas_price = gas_price_;
  st.random_seed = CreateHashIndex(block_hash_, b.height, 1);
  store::Trie trie = store_->GetTrie(store_->head());
  std::unique_ptr<store::TrieRecorder> recorder;
  if (record) {
    recorder = std::make_unique<store::TrieRecorder>();
    trie.set_recorder(recorder.get());
  }
  b.incoming = std::move(pending_);
  pending_.clear();
  std::optional<runtime::ValidatorAccountsUpdate> vu = EpochUpdate(b.height);
  NEARRT_ASSIGN_OR_RETURN(b.apply, runtime::Apply(trie, st, b.incoming, txs, {}, vu ? &*vu : nullptr));
  if (genesis_.epoch_length > 0) {
    auto& props = epoch_proposals_[(b.height - genesis_.genesis_height - 1) / genesis_.epoch_length];
    // ApplyResult lists the last proposal per account (in reverse order).
    for (const auto& p : b.apply.validator_proposals) props[p.account_id] = p.stake;
  }
  NEARRT_TRY(runtime::FromStorage(store_->Commit(b.apply.trie)));
  b.outcome_root = b.apply.OutcomeRoot();
  pending_ = b.apply.outgoing_receipts;
  total_burnt_ += b.apply.stats.tx_burnt_amount + b.apply.stats.other_burnt_amount;
  BorshWriter w;
  w.U64(b.height);
  w.Fixed(block_hash_.view());
  w.Fixed(b.apply.state_root.view());
  w.Fixed(b.outcome_root.view());
  block_hash_ = CryptoHash::Of(w.data());
  b.block_hash = block_hash_;
  height_ = b.height;
  gas_price_ = NextGasPrice(gas_price_, b.apply.total_gas_burnt, genesis_.gas_limit,
                            genesis_.min_gas_price, genesis_.max_gas_price);
  return b;
}

Balance LocalChain::StakeAt(const AccountId& id, int64_t epoch) const {
  for (auto it = epoch_proposals_.rbegin(); it != epoch_proposals_.rend(); ++it) {
    if (static_cast<int64_t>(it->first) > epoch - 2) continue;
    auto p = it->second.find(id);
    if (p != it->second.end()) return p->second;
  }
  auto g = genesis_locked_.find(id);
  return g == genesis_locked_.end() ? 0 : g->second;
}

std::optional<runtime::ValidatorAccountsUpdate> LocalChain::EpochUpdate(uint64_t height) const {
  uint64_t n = genesis_.epoch_length;
  if (n == 0 || height <= genesis_.genesis_height + 1 || (height - genesis_.genesis_height - 1) % n != 0) {
    return std::nullopt;
  }
  int64_t epoch = static_cast<int64_t>((height - genesis_.genesis_height - 1) / n);
  std::set<AccountId> accounts;
  for (const auto& [id, locked] : genesis_locked_) accounts.insert(id);
  for (const auto& [e, props] : epoch_proposals_) {
    for (const auto& [id, stake] : props) accounts.insert(id);
  }
  runtime::ValidatorAccountsUpdate u;
  for (const AccountId& id : accounts) {
    u.stake_info[id] = std::max({StakeAt(id, epoch), StakeAt(id, epoch - 1), StakeAt(id, epoch - 2)});
  }
  auto last = epoch_proposals_.find(static_cast<uint64_t>(epoch - 1));
  if (last != epoch_proposals_.end()) u.last_proposals = last->second;
  return u;
}

Status LocalChain::RunUntilIdle(uint64_t max_blocks) {
  for (uint64_t i = 0; i < max_blocks && !pending_.empty(); ++i) {
    NEARRT_TRY(ProduceBlock({}));
  }
  // Delayed receipts are processed by later blocks too.
  return {};
}

Result<std::optional<Account>> LocalChain::GetAccount(const AccountId& id) const {
  store::TrieUpdate u = store_->NewUpdate(store_->head());
  return runtime::GetAccount(u, id);
}

Result<std::optional<AccessKey>> LocalChain::GetAccessKey(const AccountId& id, const PublicKey& pk) const {
  store::TrieUpdate u = store_->NewUpdate(store_->head());
  return runtime::GetAccessKey(u, id, pk);
}

Result<std::optional<Bytes>> LocalChain::GetContractData(const AccountId& id, ByteView key) const {
  store::TrieUpdate u = store_->NewUpdate(store_->head());
  return runtime::GetRaw(u, TrieKey::ContractData(id, key));
}

Result<vm::VMOutcome> LocalChain::ViewCall(const AccountId& id, const std::string& method,
                                           ByteView args) const {
  store::TrieUpdate u = store_->NewUpdate(store_->head());
  NEARRT_ASSIGN_OR_RETURN(auto acc, runtime::GetAccount(u, id));
  if (!acc) return Err("account " + id.str() + " does not exist");
  // The code: local, or a global contract by hash or by account.
  TrieKey code_key = TrieKey::ContractCode(id);
  const AccountContract& contract = acc->contract();
  if (contract.kind == AccountContract::Kind::kNone) return Err("no contract on " + id.str());
  if (contract.kind != AccountContract::Kind::kLocal) {
    store::GlobalContractCodeIdentifier gid;
    if (contract.kind == AccountContract::Kind::kGlobal) {
      gid.code_hash = contract.hash;
    } else {
      gid.kind = store::GlobalContractCodeIdentifier::kAccountId;
      gid.account_id = contract.account_id;
    }
    code_key = TrieKey::GlobalContractCode(gid);
  }
  NEARRT_ASSIGN_OR_RETURN(auto code, runtime::GetRaw(u, code_key));
  if (!code) return Err("no contract code");
  CryptoHash code_hash = CryptoHash::Of(*code);
  store::AccountingCache cache;
  runtime::ReceiptManager rm;
  runtime::RuntimeExt ext(u, cache, rm, id, CryptoHash(), height_, template_.chain, true);
  vm::VMContext ctx;
  ctx.current_account_id = id;
  ctx.signer_account_id = id;
  ctx.predecessor_account_id = id;
  ctx.refund_to_account_id = id;
  ctx.input = std::make_shared<const Bytes>(args.begin(), args.end());
  ctx.block_height = height_;
  ctx.account_balance = acc->amount();
  ctx.account_locked_balance = acc->locked();
  ctx.storage_usage = acc->storage_usage();
  ctx.account_contract.kind = static_cast<vm::AccountContract::Kind>(contract.kind);
  ctx.account_contract.hash = contract.hash;
  ctx.account_contract.account_id = contract.account_id;
  ctx.random_seed = Bytes(32, 0);
  ctx.view_config = vm::ViewConfig{config_->vm.max_gas_burnt_view};
  vm::ContractCode cc{std::make_shared<const Bytes>(std::move(*code)), code_hash};
  auto r = vm::Run(cc, method, ext, ctx, config_->vm, cache_.get());
  if (!r.ok()) return Err(r.error().Message());
  return std::move(r).value();
}

Result<Balance> LocalChain::ComputeTotalBalances() const {
  store::TrieUpdate u = store_->NewUpdate(store_->head());
  Balance total = 0;
  // Accounts: amount + locked.
  {
    Bytes prefix{store::col::kAccount};
    NEARRT_ASSIGN_OR_RETURN(auto it, runtime::FromStorage(u.Iter(prefix)));
    while (true) {
      NEARRT_ASSIGN_OR_RETURN(auto k, runtime::FromStorage(it.Next()));
      if (!k) break;
      NEARRT_ASSIGN_OR_RETURN(auto v, runtime::FromStorage(u.Get(*k)));
      if (!v) continue;
      NEARRT_ASSIGN_OR_RETURN(Account a, Account::FromBorsh(*v));
      total += a.amount() + a.locked();
    }
  }
  // Gas-key balances (PV85 gas keys hold NEAR outside the account balance).
  // Key layout: 02 ‖ account ‖ 02 ‖ borsh(PublicKeyHandle) [‖ u16 nonce index].
  Bytes prefix{store::col::kAccessKey};
  NEARRT_ASSIGN_OR_RETURN(auto it, runtime::FromStorage(u.Iter(prefix)));
  while (true) {
    NEARRT_ASSIGN_OR_RETURN(auto k, runtime::FromStorage(it.Next()));
    if (!k) break;
    size_t sep = 1;
    while (sep < k->size() && (*k)[sep] != store::kAccessKeySeparator) ++sep;
    if (sep + 1 >= k->size()) return Err("malformed access key trie key");
    auto type = static_cast<store::PublicKeyHandle::Type>((*k)[sep + 1]);
    if (k->size() - (sep + 1) != 1 + store::PublicKeyHandle::DataLength(type)) continue;  // a nonce row
    NEARRT_ASSIGN_OR_RETURN(auto v, runtime::FromStorage(u.Get(*k)));
    if (!v) continue;
    NEARRT_ASSIGN_OR_RETURN(AccessKey ak, AccessKey::FromBorsh(*v));
    if (ak.permission.is_gas_key()) total += ak.permission.gas_key.balance;
  }
  return total;
}

}  // namespace nearrt::chain
