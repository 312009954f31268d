#include "vm/action_fees.h"

namespace nearrt::vm {

std::optional<ParameterCost> CostAdd(const ParameterCost& a, const ParameterCost& b) {
  ParameterCost r;
  if (!CheckedAdd(a.gas, b.gas, &r.gas) || !CheckedAdd(a.compute, b.compute, &r.compute)) {
    return std::nullopt;
  }
  return r;
}

std::optional<ParameterCost> CostMul(const ParameterCost& a, uint64_t n) {
  ParameterCost r;
  if (!CheckedMul(a.gas, n, &r.gas) || !CheckedMul(a.compute, n, &r.compute)) return std::nullopt;
  return r;
}

namespace {

// Fee sums of real parameters never overflow (nearcore unwraps them).
ParameterCost Sum(const ParameterCost& a, const ParameterCost& b) {
  return CostAdd(a, b).value_or(ParameterCost{UINT64_MAX, UINT64_MAX});
}

}  // namespace

ParameterCost TransferSendFee(const RuntimeFeesConfig& fees, bool sir, bool eth_implicit_accounts,
                              AccountType receiver_type) {
  ParameterCost fee = fees.fee(ActionCost::transfer).SendFee(sir);
  const ParameterCost& create = fees.fee(ActionCost::create_account).SendFee(sir);
  switch (receiver_type) {
    case AccountType::kNamedAccount:
      return fee;
    case AccountType::kEthImplicitAccount:
      return eth_implicit_accounts ? Sum(fee, create) : fee;
    case AccountType::kNearImplicitAccount:
      return Sum(Sum(fee, create), fees.fee(ActionCost::add_full_access_key).SendFee(sir));
    case AccountType::kNearDeterministicAccount:
      return Sum(fee, create);
  }
  return fee;
}

ParameterCost TransferExecFee(const RuntimeFeesConfig& fees, bool eth_implicit_accounts,
                              AccountType receiver_type) {
  ParameterCost fee = fees.fee(ActionCost::transfer).ExecFee();
  const ParameterCost& create = fees.fee(ActionCost::create_account).ExecFee();
  switch (receiver_type) {
    case AccountType::kNamedAccount:
      return fee;
    case AccountType::kEthImplicitAccount:
      return eth_implicit_accounts ? Sum(fee, create) : fee;
    case AccountType::kNearImplicitAccount:
      return Sum(Sum(fee, create), fees.fee(ActionCost::add_full_access_key).ExecFee());
    case AccountType::kNearDeterministicAccount:
      return Sum(fee, create);
  }
  return fee;
}

std::optional<uint64_t> AccessKeyKeyLen(uint64_t account_id_len, uint64_t public_key_len) {
  uint64_t a, b;
  if (!CheckedAdd(1, account_id_len, &a) || !CheckedAdd(a, 1, &a) ||
      !CheckedAdd(a, public_key_len, &b)) {
    return std::nullopt;
  }
  return b;
}

std::optional<SplitFee> GasKeyTransferSendFee(const RuntimeFeesConfig& fees, bool sir,
                                              uint64_t public_key_len) {
  SplitFee f;
  f.base = fees.fee(ActionCost::gas_key_transfer_base).SendFee(sir);
  std::optional<ParameterCost> per = CostMul(fees.fee(ActionCost::gas_key_byte).SendFee(sir),
                                             public_key_len);
  if (!per) return std::nullopt;
  f.per_byte = *per;
  return f;
}

std::optional<SplitFee> GasKeyTransferExecFee(const RuntimeFeesConfig& fees,
                                              uint64_t account_id_len, uint64_t public_key_len) {
  SplitFee f;
  f.base = fees.fee(ActionCost::gas_key_transfer_base).ExecFee();
  std::optional<uint64_t> key_len = AccessKeyKeyLen(account_id_len, public_key_len);
  uint64_t bytes;
  if (!key_len || !CheckedAdd(*key_len, kMinGasKeyAccessKeyBorshLen, &bytes)) return std::nullopt;
  std::optional<ParameterCost> per = CostMul(fees.fee(ActionCost::gas_key_byte).ExecFee(), bytes);
  if (!per) return std::nullopt;
  f.per_byte = *per;
  return f;
}

std::optional<ParameterCost> GasKeyAddKeySendFee(const RuntimeFeesConfig& fees, bool sir) {
  return CostMul(fees.fee(ActionCost::gas_key_byte).SendFee(sir), kGasKeyInfoBorshLen);
}

std::optional<SplitFee> GasKeyAddKeyExecFee(const RuntimeFeesConfig& fees,
                                            uint64_t account_id_len, uint64_t public_key_len,
                                            NonceIndex num_nonces) {
  SplitFee f;
  std::optional<ParameterCost> base =
      CostMul(fees.fee(ActionCost::gas_key_nonce_write_base).ExecFee(), num_nonces);
  std::optional<uint64_t> key_len = AccessKeyKeyLen(account_id_len, public_key_len);
  uint64_t nonce_key_len, bytes;
  if (!base || !key_len || !CheckedAdd(*key_len, sizeof(NonceIndex), &nonce_key_len) ||
      !CheckedAdd(nonce_key_len, kNonceValueLen, &bytes)) {
    return std::nullopt;
  }
  std::optional<ParameterCost> per = CostMul(fees.fee(ActionCost::gas_key_byte).ExecFee(), bytes);
  if (!per) return std::nullopt;
  per = CostMul(*per, num_nonces);
  if (!per) return std::nullopt;
  f.base = *base;
  f.per_byte = *per;
  return f;
}

}  // namespace nearrt::vm
