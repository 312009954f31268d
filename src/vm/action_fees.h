// Fee formulas that depend on more than one fee parameter (nearcore
// core/parameters/src/cost.rs: transfer_*_fee, gas_key_*_fee).
#pragma once

#include <cstdint>
#include <optional>

#include "primitives/account_id.h"
#include "vm/config.h"
#include "vm/gas_counter.h"

namespace nearrt::vm {

// Borsh length of GasKeyInfo {balance: u128, num_nonces: u16}.
inline constexpr uint64_t kGasKeyInfoBorshLen = 18;
// Borsh length of the smallest gas-key AccessKey (nonce u64 + tag + GasKeyInfo).
inline constexpr uint64_t kMinGasKeyAccessKeyBorshLen = 27;
// A gas-key nonce value is a u64.
inline constexpr uint64_t kNonceValueLen = 8;

// Transfer fees: implicit receivers add the fees of the implied
// CreateAccount (and, for NEAR-implicit, AddFullAccessKey) actions.
ParameterCost TransferSendFee(const RuntimeFeesConfig& fees, bool sender_is_receiver,
                              bool eth_implicit_accounts, AccountType receiver_type);
ParameterCost TransferExecFee(const RuntimeFeesConfig& fees, bool eth_implicit_accounts,
                              AccountType receiver_type);

// Length of an access key's trie key: column byte + account id + separator + key.
// nullopt on overflow (nearcore panics).
std::optional<uint64_t> AccessKeyKeyLen(uint64_t account_id_len, uint64_t public_key_len);

// nullopt where nearcore's unchecked arithmetic would overflow (a panic there).
std::optional<SplitFee> GasKeyTransferSendFee(const RuntimeFeesConfig& fees,
                                              bool sender_is_receiver, uint64_t public_key_len);
std::optional<SplitFee> GasKeyTransferExecFee(const RuntimeFeesConfig& fees,
                                              uint64_t account_id_len, uint64_t public_key_len);
std::optional<ParameterCost> GasKeyAddKeySendFee(const RuntimeFeesConfig& fees,
                                                 bool sender_is_receiver);
std::optional<SplitFee> GasKeyAddKeyExecFee(const RuntimeFeesConfig& fees,
                                            uint64_t account_id_len, uint64_t public_key_len,
                                            NonceIndex num_nonces);

// ParameterCost arithmetic, checked on both gas and compute.
std::optional<ParameterCost> CostAdd(const ParameterCost& a, const ParameterCost& b);
std::optional<ParameterCost> CostMul(const ParameterCost& a, uint64_t n);

}  // namespace nearrt::vm
