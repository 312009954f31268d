// Key actions (runtime/runtime/src/access_keys.rs): AddKey and DeleteKey for
// regular keys and gas keys (PV85 GasKeys), TransferToGasKey,
// WithdrawFromGasKey, and the gas-key sums DeleteAccount needs
// (core/store/src/utils/mod.rs compute_gas_key_balance_sum / remove_account).
//
// Storage usage (runtime.md §6.3):
//   regular key: trie_id_len(pk) + borsh_len(AccessKey) + 40
//   gas key:     the same + num_nonces * (trie_id_len(pk) + 2 + 8 + 40)
#include "runtime/apply_internal.h"
#include "runtime/verifier.h"

namespace nearrt::runtime {

namespace {

uint64_t AccessKeyStorageUsage(const RuntimeParams& cfg, const PublicKey& pk, const AccessKey& ak) {
  return pk.TrieIdLen() + ak.ToBorsh().size() + cfg.fees().storage_usage_config.num_extra_bytes_record;
}

// gas_key_storage_cost.
uint64_t GasKeyStorageCost(const RuntimeParams& cfg, const PublicKey& pk, const AccessKey& ak,
                           uint16_t num_nonces) {
  uint64_t per_nonce = pk.TrieIdLen() + sizeof(uint16_t) + kGasKeyNonceValueLen +
                       cfg.fees().storage_usage_config.num_extra_bytes_record;
  return num_nonces * per_nonce + AccessKeyStorageUsage(cfg, pk, ak);
}

TxExecutionError GasKeyDoesNotExist(const AccountId& account_id, const PublicKey& pk) {
  return ActionErr("GasKeyDoesNotExist", {{"account_id", JStr(account_id.str())}, {"public_key", JKey(pk)}});
}

}  // namespace

uint64_t StorageRemovesCompute(const RuntimeParams& cfg, uint64_t count, uint64_t key_bytes,
                               uint64_t value_bytes) {
  const auto& ext = cfg.vm.wasm_config.ext_costs;
  return ext.compute(vm::ExtCost::storage_remove_base) * count +
         ext.compute(vm::ExtCost::storage_remove_key_byte) * key_bytes +
         ext.compute(vm::ExtCost::storage_remove_ret_value_byte) * value_bytes;
}

Status ActionAddKey(Processing& ps, Account& account, const AccountId& account_id, const AddKeyAction& a,
                    ActionResult& result) {
  NEARRT_ASSIGN_OR_RETURN(auto existing, GetAccessKey(ps.update, account_id, a.public_key));
  if (existing) {
    result.error = ActionErr("AddKeyAlreadyExists",
                             {{"account_id", JStr(account_id.str())}, {"public_key", JKey(a.public_key)}});
    return {};
  }
  AccessKey ak = a.access_key;
  Nonce initial = (ps.as.block_height - 1) * kAccessKeyNonceRangeMultiplier;  // initial_nonce_value
  uint64_t usage;
  if (ak.permission.is_gas_key()) {
    // add_gas_key: the key's own nonce is 0, each nonce row starts at the initial value.
    ak.nonce = 0;
    SetAccessKey(ps.update, account_id, a.public_key, ak);
    uint16_t n = ak.permission.gas_key.num_nonces;
    for (uint16_t i = 0; i < n; ++i) SetGasKeyNonce(ps.update, account_id, a.public_key, i, initial);
    usage = GasKeyStorageCost(ps.cfg, a.public_key, ak, n);
  } else {
    ak.nonce = initial;
    SetAccessKey(ps.update, account_id, a.public_key, ak);
    usage = AccessKeyStorageUsage(ps.cfg, a.public_key, ak);
  }
  uint64_t total;
  if (__builtin_add_overflow(account.storage_usage(), usage, &total)) {
    return Err("Storage usage integer overflow for account " + account_id.str());
  }
  account.set_storage_usage(total);
  return {};
}

Status ActionDeleteKey(Processing& ps, Account& account, const AccountId& account_id, const DeleteKeyAction& d,
                       ActionResult& result) {
  NEARRT_ASSIGN_OR_RETURN(auto existing, GetAccessKey(ps.update, account_id, d.public_key));
  if (!existing) {
    result.error = ActionErr("DeleteKeyDoesNotExist",
                             {{"account_id", JStr(account_id.str())}, {"public_key", JKey(d.public_key)}});
    return {};
  }
  uint64_t usage;
  if (existing->permission.is_gas_key()) {
    // delete_gas_key: at most 1 NEAR is burnt with the key.
    const GasKeyInfo& info = existing->permission.gas_key;
    if (info.balance > kGasKeyMaxBalanceToBurn) {
      result.error = ActionErr("GasKeyBalanceTooHigh", {{"account_id", JStr(account_id.str())},
                                                        {"public_key", JKey(d.public_key)},
                                                        {"balance", JBal(info.balance)}});
      return {};
    }
    result.tokens_burnt += info.balance;
    for (uint16_t i = 0; i < info.num_nonces; ++i) RemoveGasKeyNonce(ps.update, account_id, d.public_key, i);
    uint64_t key_len = TrieKey::GasKeyNonce(account_id, KeyHandle(d.public_key), 0).ToBytes().size();
    result.compute += StorageRemovesCompute(ps.cfg, info.num_nonces, key_len * info.num_nonces,
                                            kGasKeyNonceValueLen * info.num_nonces);
    usage = GasKeyStorageCost(ps.cfg, d.public_key, *existing, info.num_nonces);
  } else {
    usage = AccessKeyStorageUsage(ps.cfg, d.public_key, *existing);
  }
  RemoveAccessKey(ps.update, account_id, d.public_key);
  account.set_storage_usage(account.storage_usage() > usage ? account.storage_usage() - usage : 0);
  return {};
}

Status ActionTransferToGasKey(Processing& ps, const AccountId& account_id, const TransferToGasKeyAction& a,
                              ActionResult& result) {
  NEARRT_ASSIGN_OR_RETURN(auto ak, GetAccessKey(ps.update, account_id, a.public_key));
  if (!ak || !ak->permission.is_gas_key()) {
    result.error = GasKeyDoesNotExist(account_id, a.public_key);
    return {};
  }
  auto b = AddBalance(ak->permission.gas_key.balance, a.deposit);
  if (!b) return Err("gas key balance integer overflow");
  ak->permission.gas_key.balance = *b;
  SetAccessKey(ps.update, account_id, a.public_key, *ak);
  return {};
}

Status ActionWithdrawFromGasKey(Processing& ps, Account& account, const AccountId& account_id,
                                const WithdrawFromGasKeyAction& a, ActionResult& result) {
  NEARRT_ASSIGN_OR_RETURN(auto ak, GetAccessKey(ps.update, account_id, a.public_key));
  if (!ak || !ak->permission.is_gas_key()) {
    result.error = GasKeyDoesNotExist(account_id, a.public_key);
    return {};
  }
  Balance& balance = ak->permission.gas_key.balance;
  if (balance < a.amount) {
    result.error = ActionErr("InsufficientGasKeyBalance", {{"account_id", JStr(account_id.str())},
                                                           {"public_key", JKey(a.public_key)},
                                                           {"balance", JBal(balance)},
                                                           {"required", JBal(a.amount)}});
    return {};
  }
  balance -= a.amount;
  SetAccessKey(ps.update, account_id, a.public_key, *ak);
  auto amount = AddBalance(account.amount(), a.amount);
  if (!amount) return Err("Account balance integer overflow");
  account.set_amount(*amount);
  return {};
}

Result<GasKeyTotals> SumGasKeys(const TrieUpdate& u, const AccountId& account_id) {
  GasKeyTotals t;
  Bytes prefix = store::RawPrefixForAccessKeys(account_id);
  NEARRT_ASSIGN_OR_RETURN(auto it, FromStorage(u.Iter(prefix)));
  while (true) {
    NEARRT_ASSIGN_OR_RETURN(auto k, FromStorage(it.Next()));
    if (!k) break;
    // The rest of the key is borsh(PublicKeyHandle), then a u16 nonce index
    // for gas-key nonce rows (trie_key_parsers::parse_nonce_index_from_gas_key_key).
    if (k->size() <= prefix.size()) return Err("Can't parse key handle from raw key for AccessKey");
    uint8_t type = (*k)[prefix.size()];
    if (type != store::PublicKeyHandle::kEd25519 && type != store::PublicKeyHandle::kSecp256k1 &&
        type != store::PublicKeyHandle::kMlDsa65) {
      return Err("Can't parse key handle from raw key for AccessKey");
    }
    size_t handle_len = 1 + store::PublicKeyHandle::DataLength(static_cast<store::PublicKeyHandle::Type>(type));
    size_t rest = k->size() - prefix.size();
    if (rest == handle_len + sizeof(uint16_t)) {
      t.nonce_count++;
      t.nonce_key_bytes += k->size();
      continue;
    }
    if (rest != handle_len) return Err("Can't parse nonce index from raw key for AccessKey");
    NEARRT_ASSIGN_OR_RETURN(auto raw, FromStorage(u.Get(*k)));
    if (!raw) continue;
    NEARRT_ASSIGN_OR_RETURN(AccessKey ak, AccessKey::FromBorsh(*raw));
    if (ak.permission.is_gas_key()) {
      auto sum = AddBalance(t.balance, ak.permission.gas_key.balance);
      if (!sum) return Err("gas key balance sum overflow");
      t.balance = *sum;
    }
  }
  return t;
}

}  // namespace nearrt::runtime
