#include "vm/memory_external.h"

#include <algorithm>
#include <tuple>

#include "vm/utf.h"

namespace nearrt::vm {
namespace {

class MemoryValuePtr final : public ValuePtr {
 public:
  explicit MemoryValuePtr(Bytes value) : value_(std::move(value)) {}
  uint32_t len() const override { return static_cast<uint32_t>(value_.size()); }
  VMResult<Bytes> Deref(StorageAccessTracker&) override { return value_; }

 private:
  Bytes value_;
};

Bytes ToVec(ByteView v) { return Bytes(v.begin(), v.end()); }

}  // namespace

void MemoryExternal::AddPendingYield(const CryptoHash& data_id, std::optional<YieldId> yield_id) {
  yield_data_ids_.push_back(data_id);
  if (yield_id) yield_ids_[*yield_id] = data_id;
}

VMResult<std::optional<Bytes>> MemoryExternal::StorageSet(StorageAccessTracker& tracker,
                                                          ByteView key, ByteView value) {
  std::optional<Bytes> evicted;
  auto it = state_.find(ToVec(key));
  if (it != state_.end()) {
    if (charge_value_bytes_) NEARRT_TRY(tracker.DerefWriteEvictedValueBytes(it->second.size()));
    evicted = std::move(it->second);
    it->second = ToVec(value);
  } else {
    state_.emplace(ToVec(key), ToVec(value));
  }
  return evicted;
}

VMResult<std::unique_ptr<ValuePtr>> MemoryExternal::StorageGet(StorageAccessTracker&,
                                                               ByteView key) {
  auto it = state_.find(ToVec(key));
  if (it == state_.end()) return std::unique_ptr<ValuePtr>();
  return std::unique_ptr<ValuePtr>(std::make_unique<MemoryValuePtr>(it->second));
}

VMResult<std::optional<Bytes>> MemoryExternal::StorageRemove(StorageAccessTracker& tracker,
                                                             ByteView key) {
  auto it = state_.find(ToVec(key));
  if (it == state_.end()) return std::optional<Bytes>();
  if (charge_value_bytes_) NEARRT_TRY(tracker.DerefRemovedValueBytes(it->second.size()));
  std::optional<Bytes> removed = std::move(it->second);
  state_.erase(it);
  return removed;
}

VMResult<bool> MemoryExternal::StorageHasKey(StorageAccessTracker&, ByteView key) {
  return state_.count(ToVec(key)) > 0;
}

CryptoHash MemoryExternal::GenerateDataId() {
  // MockedExternal::generate_data_id: sha256 of the little-endian counter.
  uint8_t le[8];
  for (int i = 0; i < 8; ++i) le[i] = static_cast<uint8_t>(data_count_ >> (8 * i));
  ++data_count_;
  return CryptoHash::Of(ByteView(le, 8));
}

VMResult<std::optional<Balance>> MemoryExternal::ValidatorStake(const AccountId& id) const {
  auto it = validators_.find(id);
  if (it == validators_.end()) return std::optional<Balance>();
  return std::optional<Balance>(it->second);
}

VMResult<Balance> MemoryExternal::ValidatorTotalStake() const {
  Balance sum = 0;
  for (const auto& [id, stake] : validators_) {
    if (sum + stake < sum) return Err(VMLogicError::External("validator stake overflow"));
    sum += stake;
  }
  return sum;
}

VMResult<ReceiptIndex> MemoryExternal::CreateActionReceipt(std::vector<ReceiptIndex> indices,
                                                           AccountId receiver_id) {
  RecordedReceipt r;
  for (ReceiptIndex dep : indices) {
    if (dep >= receipts_.size()) return Err(HostError(HostErrorKind::InvalidReceiptIndex, dep));
    r.input_data_ids.push_back(GenerateDataId());
  }
  r.receiver_id = std::move(receiver_id);
  r.receipt_indices = std::move(indices);
  receipts_.push_back(std::move(r));
  return receipts_.size() - 1;
}

VMResult<std::pair<ReceiptIndex, CryptoHash>> MemoryExternal::CreatePromiseYieldReceipt(
    AccountId receiver_id) {
  CryptoHash data_id = GenerateDataId();
  RecordedReceipt r;
  r.receiver_id = std::move(receiver_id);
  r.input_data_ids.push_back(data_id);
  r.is_promise_yield = true;
  receipts_.push_back(std::move(r));
  yield_data_ids_.push_back(data_id);
  return std::make_pair(ReceiptIndex{receipts_.size() - 1}, data_id);
}

VMResult<std::optional<std::pair<ReceiptIndex, CryptoHash>>>
MemoryExternal::CreatePromiseYieldReceiptWithId(AccountId receiver_id, const YieldId& yield_id) {
  using Out = std::optional<std::pair<ReceiptIndex, CryptoHash>>;
  if (yield_ids_.count(yield_id)) return Out();
  NEARRT_ASSIGN_OR_RETURN(auto created, CreatePromiseYieldReceipt(std::move(receiver_id)));
  yield_ids_[yield_id] = created.second;
  return Out(created);
}

VMResult<bool> MemoryExternal::SubmitPromiseResumeData(const CryptoHash& data_id, Bytes data) {
  if (std::find(yield_data_ids_.begin(), yield_data_ids_.end(), data_id) ==
      yield_data_ids_.end()) {
    return false;
  }
  resumes_.emplace_back(data_id, std::move(data));
  return true;
}

VMResult<bool> MemoryExternal::SubmitPromiseResumeDataWithYieldId(const YieldId& yield_id,
                                                                  Bytes data) {
  auto it = yield_ids_.find(yield_id);
  if (it == yield_ids_.end()) return false;
  return SubmitPromiseResumeData(it->second, std::move(data));
}

RecordedReceipt& MemoryExternal::At(ReceiptIndex receipt_index) {
  return receipts_[static_cast<size_t>(receipt_index)];
}

ActionIndex MemoryExternal::Append(ReceiptIndex receipt_index, RecordedAction action) {
  std::vector<RecordedAction>& actions = At(receipt_index).actions;
  actions.push_back(std::move(action));
  return actions.size() - 1;
}

void MemoryExternal::AppendActionCreateAccount(ReceiptIndex receipt_index) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kCreateAccount;
  Append(receipt_index, std::move(a));
}

void MemoryExternal::AppendActionDeployContract(ReceiptIndex receipt_index, Bytes code) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kDeployContract;
  a.code = std::move(code);
  Append(receipt_index, std::move(a));
}

void MemoryExternal::AppendActionDeployGlobalContract(ReceiptIndex receipt_index, Bytes code,
                                                      GlobalContractDeployMode mode) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kDeployGlobalContract;
  a.code = std::move(code);
  a.deploy_mode = mode;
  Append(receipt_index, std::move(a));
}

void MemoryExternal::AppendActionUseGlobalContract(ReceiptIndex receipt_index,
                                                   GlobalContractIdentifier contract_id) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kUseGlobalContract;
  a.contract_id = std::move(contract_id);
  Append(receipt_index, std::move(a));
}

ActionIndex MemoryExternal::AppendActionDeterministicStateInit(
    ReceiptIndex receipt_index, GlobalContractIdentifier contract_id, Balance amount) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kDeterministicStateInit;
  a.contract_id = std::move(contract_id);
  a.deposit = amount;
  return Append(receipt_index, std::move(a));
}

VMStatus MemoryExternal::SetDeterministicStateInitDataEntry(ReceiptIndex receipt_index,
                                                            ActionIndex action_index, Bytes key,
                                                            Bytes value) {
  std::vector<RecordedAction>& actions = At(receipt_index).actions;
  if (action_index >= actions.size() ||
      actions[action_index].kind != RecordedAction::Kind::kDeterministicStateInit) {
    return Err(HostError(HostErrorKind::InvalidActionIndex, receipt_index, action_index));
  }
  auto inserted = actions[action_index].state_init_data.insert_or_assign(std::move(key),
                                                                         std::move(value));
  if (!inserted.second) return Err(HostErrorKind::DataEntryAlreadyExists);
  return {};
}

VMStatus MemoryExternal::AppendActionFunctionCallWeight(ReceiptIndex receipt_index,
                                                        Bytes method_name, Bytes args,
                                                        Balance attached_deposit,
                                                        Gas prepaid_gas, uint64_t gas_weight) {
  if (!IsValidUtf8(method_name)) return Err(HostErrorKind::InvalidMethodName);
  RecordedAction a;
  a.kind = RecordedAction::Kind::kFunctionCall;
  a.method_name = std::move(method_name);
  a.args = std::move(args);
  a.deposit = attached_deposit;
  a.gas = prepaid_gas;
  a.gas_weight = gas_weight;
  ActionIndex index = Append(receipt_index, std::move(a));
  if (gas_weight > 0) gas_weights_.emplace_back(receipt_index, index, gas_weight);
  return {};
}

void MemoryExternal::AppendActionTransfer(ReceiptIndex receipt_index, Balance deposit) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kTransfer;
  a.deposit = deposit;
  Append(receipt_index, std::move(a));
}

void MemoryExternal::AppendActionTransferToGasKey(ReceiptIndex receipt_index,
                                                  PublicKey public_key, Balance deposit) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kTransferToGasKey;
  a.public_key = std::move(public_key);
  a.deposit = deposit;
  Append(receipt_index, std::move(a));
}

void MemoryExternal::AppendActionAddGasKeyWithFullAccess(ReceiptIndex receipt_index,
                                                         PublicKey public_key,
                                                         NonceIndex num_nonces) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kAddGasKeyWithFullAccess;
  a.public_key = std::move(public_key);
  a.num_nonces = num_nonces;
  Append(receipt_index, std::move(a));
}

VMStatus MemoryExternal::AppendActionAddGasKeyWithFunctionCall(
    ReceiptIndex receipt_index, PublicKey public_key, NonceIndex num_nonces,
    std::optional<Balance> allowance, AccountId receiver_id, std::vector<Bytes> method_names) {
  for (const Bytes& m : method_names) {
    if (!IsValidUtf8(m)) return Err(HostErrorKind::InvalidMethodName);
  }
  RecordedAction a;
  a.kind = RecordedAction::Kind::kAddGasKeyWithFunctionCall;
  a.public_key = std::move(public_key);
  a.num_nonces = num_nonces;
  a.allowance = allowance;
  a.receiver_id = std::move(receiver_id);
  a.method_names = std::move(method_names);
  Append(receipt_index, std::move(a));
  return {};
}

void MemoryExternal::AppendActionStake(ReceiptIndex receipt_index, Balance stake,
                                       PublicKey public_key) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kStake;
  a.deposit = stake;
  a.public_key = std::move(public_key);
  Append(receipt_index, std::move(a));
}

void MemoryExternal::AppendActionAddKeyWithFullAccess(ReceiptIndex receipt_index,
                                                      PublicKey public_key, Nonce nonce) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kAddKeyWithFullAccess;
  a.public_key = std::move(public_key);
  a.nonce = nonce;
  Append(receipt_index, std::move(a));
}

VMStatus MemoryExternal::AppendActionAddKeyWithFunctionCall(ReceiptIndex receipt_index,
                                                            PublicKey public_key, Nonce nonce,
                                                            std::optional<Balance> allowance,
                                                            AccountId receiver_id,
                                                            std::vector<Bytes> method_names) {
  for (const Bytes& m : method_names) {
    if (!IsValidUtf8(m)) return Err(HostErrorKind::InvalidMethodName);
  }
  RecordedAction a;
  a.kind = RecordedAction::Kind::kAddKeyWithFunctionCall;
  a.public_key = std::move(public_key);
  a.nonce = nonce;
  a.allowance = allowance;
  a.receiver_id = std::move(receiver_id);
  a.method_names = std::move(method_names);
  Append(receipt_index, std::move(a));
  return {};
}

void MemoryExternal::AppendActionDeleteKey(ReceiptIndex receipt_index, PublicKey public_key) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kDeleteKey;
  a.public_key = std::move(public_key);
  Append(receipt_index, std::move(a));
}

void MemoryExternal::AppendActionDeleteAccount(ReceiptIndex receipt_index,
                                               AccountId beneficiary_id) {
  RecordedAction a;
  a.kind = RecordedAction::Kind::kDeleteAccount;
  a.beneficiary_id = std::move(beneficiary_id);
  Append(receipt_index, std::move(a));
}

const AccountId* MemoryExternal::GetReceiptReceiver(ReceiptIndex receipt_index) const {
  if (receipt_index >= receipts_.size()) return nullptr;
  return &receipts_[static_cast<size_t>(receipt_index)].receiver_id;
}

void MemoryExternal::SetRefundTo(ReceiptIndex receipt_index, AccountId refund_to) {
  At(receipt_index).refund_to = std::move(refund_to);
}

VMResult<Gas> MemoryExternal::DistributeGas(Gas unused_gas) {
  unsigned __int128 weight_sum = 0;
  for (const auto& [r, a, w] : gas_weights_) weight_sum += w;
  if (weight_sum == 0 || unused_gas == 0) return Gas{0};
  Gas distributed = 0;
  for (size_t i = 0; i < gas_weights_.size(); ++i) {
    const auto& [r, a, w] = gas_weights_[i];
    RecordedAction& action = At(r).actions[static_cast<size_t>(a)];
    Gas to_assign = static_cast<Gas>(static_cast<unsigned __int128>(unused_gas) * w / weight_sum);
    if (i + 1 == gas_weights_.size()) {
      // The last one also takes the rounding remainder.
      to_assign = unused_gas - distributed;
    }
    if (!CheckedAdd(action.gas, to_assign, &action.gas)) {
      return Err(HostErrorKind::IntegerOverflow);
    }
    distributed += to_assign;
  }
  return distributed;
}

}  // namespace nearrt::vm
