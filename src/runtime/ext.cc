#include "runtime/ext.h"

#include "primitives/hash_ids.h"

namespace nearrt::runtime {

namespace {

// Adapts the VM's tracker (VMStatus) to the store's hooks (bool), keeping the
// first error so the host function can return it.
class Hooks final : public store::StorageGasHooks {
 public:
  explicit Hooks(vm::StorageAccessTracker& t) : t_(t) {}
  bool TrieNodeTouched(uint64_t n) override { return Keep(t_.TrieNodeTouched(n)); }
  bool CachedTrieNodeAccess(uint64_t n) override { return Keep(t_.CachedTrieNodeAccess(n)); }
  bool DerefWriteEvictedValueBytes(uint64_t b) override { return Keep(t_.DerefWriteEvictedValueBytes(b)); }
  bool DerefRemovedValueBytes(uint64_t b) override { return Keep(t_.DerefRemovedValueBytes(b)); }
  vm::VMLogicError error() const { return error_; }

 private:
  bool Keep(vm::VMStatus s) {
    if (s.ok()) return true;
    error_ = s.error();
    return false;
  }
  vm::StorageAccessTracker& t_;
  vm::VMLogicError error_;
};

template <class T>
vm::VMResult<T> Convert(store::ContractStorageResult<T> r, const Hooks& hooks) {
  if (r.ok()) return std::move(r).value();
  if (r.error().kind == store::ContractStorageError::kGasHookFailed) return Err(hooks.error());
  return Err(vm::VMLogicError::External(r.error().storage.message));
}

class ExtValuePtr final : public vm::ValuePtr {
 public:
  ExtValuePtr(store::ContractStorage& s, store::UpdateValuePtr p) : s_(s), p_(std::move(p)) {}
  uint32_t len() const override { return p_.len(); }
  vm::VMResult<Bytes> Deref(vm::StorageAccessTracker& tracker) override {
    Hooks hooks(tracker);
    return Convert(s_.Deref(p_, hooks), hooks);
  }

 private:
  store::ContractStorage& s_;
  store::UpdateValuePtr p_;
};

Bytes StatusByte(uint8_t v) { return Bytes{v}; }

}  // namespace

PublicKey FromVmKey(const vm::PublicKey& k) {
  PublicKey pk;
  pk.type = static_cast<KeyType>(k.type);
  pk.data = k.data;
  return pk;
}

std::optional<vm::Gas> ReceiptManager::DistributeGas(vm::Gas unused_gas) {
  unsigned __int128 sum = 0;
  for (const auto& [r, a, w] : gas_weights) sum += w;
  if (sum == 0 || unused_gas == 0) return vm::Gas{0};
  vm::Gas distributed = 0;
  for (size_t i = 0; i < gas_weights.size(); ++i) {
    auto [r, a, w] = gas_weights[i];
    auto* fc = action_receipts[r].actions[a].get<FunctionCallAction>();
    vm::Gas assign = static_cast<vm::Gas>(static_cast<unsigned __int128>(unused_gas) * w / sum);
    if (__builtin_add_overflow(fc->gas, assign, &fc->gas)) return std::nullopt;
    distributed += assign;
    if (i + 1 == gas_weights.size()) {
      vm::Gas remainder = unused_gas - distributed;
      distributed += remainder;
      if (__builtin_add_overflow(fc->gas, remainder, &fc->gas)) return std::nullopt;
    }
  }
  return distributed;
}

vm::VMResult<std::optional<Bytes>> RuntimeExt::StorageSet(vm::StorageAccessTracker& tracker,
                                                          ByteView key, ByteView value) {
  Hooks hooks(tracker);
  return Convert(storage_.Set(key, value, hooks), hooks);
}

vm::VMResult<std::unique_ptr<vm::ValuePtr>> RuntimeExt::StorageGet(vm::StorageAccessTracker& tracker,
                                                                   ByteView key) {
  Hooks hooks(tracker);
  NEARRT_ASSIGN_OR_RETURN(auto ref, Convert(storage_.GetRef(key, hooks), hooks));
  if (!ref) return std::unique_ptr<vm::ValuePtr>();
  return std::unique_ptr<vm::ValuePtr>(new ExtValuePtr(storage_, std::move(*ref)));
}

vm::VMResult<std::optional<Bytes>> RuntimeExt::StorageRemove(vm::StorageAccessTracker& tracker,
                                                             ByteView key) {
  Hooks hooks(tracker);
  return Convert(storage_.Remove(key, hooks), hooks);
}

vm::VMResult<bool> RuntimeExt::StorageHasKey(vm::StorageAccessTracker& tracker, ByteView key) {
  Hooks hooks(tracker);
  return Convert(storage_.HasKey(key, hooks), hooks);
}

CryptoHash RuntimeExt::GenerateDataId() {
  return DataIdFromActionHash(action_hash_, block_height_, data_count_++);
}

vm::VMResult<std::optional<vm::Balance>> RuntimeExt::ValidatorStake(const AccountId& id) const {
  auto it = chain_.validator_stakes.find(id);
  if (it == chain_.validator_stakes.end()) return std::optional<vm::Balance>();
  return std::optional<vm::Balance>(it->second);
}

vm::VMResult<vm::Balance> RuntimeExt::ValidatorTotalStake() const {
  vm::Balance total = 0;
  for (const auto& [id, s] : chain_.validator_stakes) total += s;
  return total;
}

vm::VMResult<vm::ReceiptIndex> RuntimeExt::CreateActionReceipt(
    std::vector<vm::ReceiptIndex> receipt_indices, AccountId receiver_id) {
  std::vector<CryptoHash> data_ids;
  for (size_t i = 0; i < receipt_indices.size(); ++i) data_ids.push_back(GenerateDataId());
  for (size_t i = 0; i < receipt_indices.size(); ++i) {
    if (receipt_indices[i] >= receipts_.action_receipts.size()) {
      return Err(vm::VMLogicError(vm::HostError(vm::HostErrorKind::InvalidReceiptIndex, receipt_indices[i])));
    }
    receipts_.action_receipts[receipt_indices[i]].output_data_receivers.push_back(
        DataReceiver{data_ids[i], receiver_id});
  }
  ReceiptMetadata r;
  r.receiver_id = std::move(receiver_id);
  r.input_data_ids = std::move(data_ids);
  receipts_.action_receipts.push_back(std::move(r));
  return static_cast<vm::ReceiptIndex>(receipts_.action_receipts.size() - 1);
}

vm::VMResult<std::pair<vm::ReceiptIndex, CryptoHash>> RuntimeExt::CreatePromiseYieldReceipt(
    AccountId receiver_id) {
  CryptoHash data_id = GenerateDataId();
  ReceiptMetadata r;
  r.receiver_id = receiver_id;
  r.input_data_ids = {data_id};
  r.is_promise_yield = true;
  receipts_.action_receipts.push_back(std::move(r));
  SetRaw(update_, TrieKey::PromiseYieldStatus(receiver_id, data_id), StatusByte(0));
  return std::make_pair(static_cast<vm::ReceiptIndex>(receipts_.action_receipts.size() - 1), data_id);
}

vm::VMResult<std::optional<std::pair<vm::ReceiptIndex, CryptoHash>>>
RuntimeExt::CreatePromiseYieldReceiptWithId(AccountId receiver_id, const vm::YieldId& yield_id) {
  auto has = Has(update_, TrieKey::YieldIdToDataId(receiver_id, yield_id));
  if (!has.ok()) return Err(vm::VMLogicError::External(has.error().message));
  if (*has) return std::optional<std::pair<vm::ReceiptIndex, CryptoHash>>();
  CryptoHash data_id = GenerateDataId();
  SetRaw(update_, TrieKey::YieldIdToDataId(receiver_id, yield_id),
         Bytes(data_id.bytes.begin(), data_id.bytes.end()));
  SetRaw(update_, TrieKey::DataIdToYieldId(receiver_id, data_id),
         Bytes(yield_id.bytes.begin(), yield_id.bytes.end()));
  ReceiptMetadata r;
  r.receiver_id = receiver_id;
  r.input_data_ids = {data_id};
  r.is_promise_yield = true;
  receipts_.action_receipts.push_back(std::move(r));
  SetRaw(update_, TrieKey::PromiseYieldStatus(receiver_id, data_id), StatusByte(0));
  return std::optional<std::pair<vm::ReceiptIndex, CryptoHash>>(
      std::make_pair(static_cast<vm::ReceiptIndex>(receipts_.action_receipts.size() - 1), data_id));
}

vm::VMResult<bool> RuntimeExt::SubmitPromiseResumeData(const CryptoHash& data_id, Bytes data) {
  auto has_receipt = Has(update_, TrieKey::PromiseYieldReceipt(account_id_, data_id));
  if (!has_receipt.ok()) return Err(vm::VMLogicError::External(has_receipt.error().message));
  auto has_status = Has(update_, TrieKey::PromiseYieldStatus(account_id_, data_id));
  if (!has_status.ok()) return Err(vm::VMLogicError::External(has_status.error().message));
  if (!*has_receipt && !*has_status) return false;
  receipts_.data_receipts.push_back(DataReceiptMetadata{data_id, std::move(data), true});
  SetRaw(update_, TrieKey::PromiseYieldStatus(account_id_, data_id), StatusByte(1));
  return true;
}

vm::VMResult<bool> RuntimeExt::SubmitPromiseResumeDataWithYieldId(const vm::YieldId& yield_id,
                                                                  Bytes data) {
  auto raw = GetRaw(update_, TrieKey::YieldIdToDataId(account_id_, yield_id));
  if (!raw.ok()) return Err(vm::VMLogicError::External(raw.error().message));
  if (!*raw) return false;
  auto data_id = CryptoHash::FromBytes(**raw);
  if (!data_id.ok()) return Err(vm::VMLogicError::External("malformed yield id mapping"));
  return SubmitPromiseResumeData(*data_id, std::move(data));
}

size_t RuntimeExt::Append(vm::ReceiptIndex receipt_index, Action action) {
  auto& actions = receipts_.action_receipts[receipt_index].actions;
  actions.push_back(std::move(action));
  return actions.size() - 1;
}

void RuntimeExt::AppendActionCreateAccount(vm::ReceiptIndex i) { Append(i, CreateAccountAction{}); }

void RuntimeExt::AppendActionDeployContract(vm::ReceiptIndex i, Bytes code) {
  Append(i, DeployContractAction{std::move(code)});
}

namespace {
GlobalContractId ToId(const vm::GlobalContractIdentifier& id) {
  GlobalContractId g;
  g.kind = id.kind == vm::GlobalContractIdentifier::Kind::kCodeHash ? GlobalContractId::Kind::kCodeHash
                                                                     : GlobalContractId::Kind::kAccountId;
  g.code_hash = id.code_hash;
  g.account_id = id.account_id;
  return g;
}
}  // namespace

void RuntimeExt::AppendActionDeployGlobalContract(vm::ReceiptIndex i, Bytes code,
                                                  vm::GlobalContractDeployMode mode) {
  Append(i, DeployGlobalContractAction{std::move(code), static_cast<uint8_t>(mode)});
}

void RuntimeExt::AppendActionUseGlobalContract(vm::ReceiptIndex i, vm::GlobalContractIdentifier id) {
  Append(i, UseGlobalContractAction{ToId(id)});
}

vm::ActionIndex RuntimeExt::AppendActionDeterministicStateInit(vm::ReceiptIndex i,
                                                               vm::GlobalContractIdentifier id,
                                                               vm::Balance amount) {
  DeterministicStateInitAction a;
  a.code = ToId(id);
  a.deposit = amount;
  return Append(i, std::move(a));
}

vm::VMStatus RuntimeExt::SetDeterministicStateInitDataEntry(vm::ReceiptIndex i, vm::ActionIndex a,
                                                            Bytes key, Bytes value) {
  auto& actions = receipts_.action_receipts[i].actions;
  DeterministicStateInitAction* s = a < actions.size() ? actions[a].get<DeterministicStateInitAction>() : nullptr;
  if (!s) return Err(vm::VMLogicError(vm::HostError(vm::HostErrorKind::InvalidActionIndex, i, a)));
  if (!s->data.emplace(std::move(key), std::move(value)).second) {
    return Err(vm::VMLogicError(vm::HostErrorKind::DataEntryAlreadyExists));
  }
  return {};
}

vm::VMStatus RuntimeExt::AppendActionFunctionCallWeight(vm::ReceiptIndex i, Bytes method_name,
                                                        Bytes args, vm::Balance deposit,
                                                        vm::Gas gas, uint64_t weight) {
  std::string name(method_name.begin(), method_name.end());
  if (!IsValidUtf8(name)) return Err(vm::VMLogicError(vm::HostErrorKind::InvalidMethodName));
  size_t idx = Append(i, FunctionCallAction{std::move(name), std::move(args), gas, deposit});
  if (weight > 0) receipts_.gas_weights.emplace_back(i, idx, weight);
  return {};
}

void RuntimeExt::AppendActionTransfer(vm::ReceiptIndex i, vm::Balance deposit) {
  Append(i, TransferAction{deposit});
}

void RuntimeExt::AppendActionTransferToGasKey(vm::ReceiptIndex i, vm::PublicKey pk, vm::Balance d) {
  Append(i, TransferToGasKeyAction{FromVmKey(pk), d});
}

void RuntimeExt::AppendActionAddGasKeyWithFullAccess(vm::ReceiptIndex i, vm::PublicKey pk,
                                                     vm::NonceIndex num_nonces) {
  AccessKey ak;
  ak.permission.kind = AccessKeyPermission::Kind::kGasKeyFullAccess;
  ak.permission.gas_key.num_nonces = num_nonces;
  Append(i, AddKeyAction{FromVmKey(pk), ak});
}

namespace {
vm::VMResult<std::vector<std::string>> MethodNames(std::vector<Bytes> names) {
  std::vector<std::string> out;
  for (auto& n : names) {
    std::string s(n.begin(), n.end());
    if (!IsValidUtf8(s)) return Err(vm::VMLogicError(vm::HostErrorKind::InvalidMethodName));
    out.push_back(std::move(s));
  }
  return out;
}
}  // namespace

vm::VMStatus RuntimeExt::AppendActionAddGasKeyWithFunctionCall(
    vm::ReceiptIndex i, vm::PublicKey pk, vm::NonceIndex num_nonces,
    std::optional<vm::Balance> allowance, AccountId receiver_id, std::vector<Bytes> method_names) {
  NEARRT_ASSIGN_OR_RETURN(auto names, MethodNames(std::move(method_names)));
  AccessKey ak;
  ak.permission.kind = AccessKeyPermission::Kind::kGasKeyFunctionCall;
  ak.permission.gas_key.num_nonces = num_nonces;
  ak.permission.function_call = {allowance, receiver_id.str(), std::move(names)};
  Append(i, AddKeyAction{FromVmKey(pk), ak});
  return {};
}

void RuntimeExt::AppendActionStake(vm::ReceiptIndex i, vm::Balance stake, vm::PublicKey pk) {
  Append(i, StakeAction{stake, FromVmKey(pk)});
}

void RuntimeExt::AppendActionAddKeyWithFullAccess(vm::ReceiptIndex i, vm::PublicKey pk,
                                                  vm::Nonce nonce) {
  Append(i, AddKeyAction{FromVmKey(pk), AccessKey::FullAccess(nonce)});
}

vm::VMStatus RuntimeExt::AppendActionAddKeyWithFunctionCall(vm::ReceiptIndex i, vm::PublicKey pk,
                                                            vm::Nonce nonce,
                                                            std::optional<vm::Balance> allowance,
                                                            AccountId receiver_id,
                                                            std::vector<Bytes> method_names) {
  NEARRT_ASSIGN_OR_RETURN(auto names, MethodNames(std::move(method_names)));
  AccessKey ak;
  ak.nonce = nonce;
  ak.permission.kind = AccessKeyPermission::Kind::kFunctionCall;
  ak.permission.function_call = {allowance, receiver_id.str(), std::move(names)};
  Append(i, AddKeyAction{FromVmKey(pk), ak});
  return {};
}

void RuntimeExt::AppendActionDeleteKey(vm::ReceiptIndex i, vm::PublicKey pk) {
  Append(i, DeleteKeyAction{FromVmKey(pk)});
}

void RuntimeExt::AppendActionDeleteAccount(vm::ReceiptIndex i, AccountId beneficiary_id) {
  Append(i, DeleteAccountAction{std::move(beneficiary_id)});
}

const AccountId* RuntimeExt::GetReceiptReceiver(vm::ReceiptIndex i) const {
  return i < receipts_.action_receipts.size() ? &receipts_.action_receipts[i].receiver_id : nullptr;
}

void RuntimeExt::SetRefundTo(vm::ReceiptIndex i, AccountId refund_to) {
  if (i < receipts_.action_receipts.size()) receipts_.action_receipts[i].refund_to = std::move(refund_to);
}

}  // namespace nearrt::runtime
