// Transaction and receipt validation, storage staking and signer charging
// (nearcore runtime/runtime/src/verifier.rs, action_validation.rs).
#pragma once

#include <optional>

#include "primitives/account.h"
#include "primitives/receipt.h"
#include "primitives/transaction.h"
#include "runtime/errors.h"
#include "runtime/fees.h"

namespace nearrt::runtime {

// validate_actions_with_mode; `new_receipt` adds the deploy-count limit.
std::optional<ValidationError> ValidateActions(const RuntimeParams& cfg,
                                               const std::vector<Action>& actions,
                                               const AccountId& receiver_id, bool new_receipt);

// validate_transaction: actions, size, then the signature. nullopt = valid.
std::optional<TxExecutionError> ValidateTransaction(const RuntimeParams& cfg,
                                                    const SignedTransaction& tx);

// validate_receipt (ReceiptValidationError JSON); nullopt = valid.
std::optional<ValidationError> ValidateReceipt(const RuntimeParams& cfg, const Receipt& receipt,
                                               bool new_receipt);

// check_storage_stake: nullopt when `balance + locked` covers storage (or
// the account is a zero-balance account, storage_usage <= 770), else the
// missing amount. An overflow is reported as a missing amount of u128::MAX.
std::optional<Balance> CheckStorageStake(const RuntimeParams& cfg, const Account& account,
                                         Balance balance);

struct VerificationResult {
  Balance new_amount = 0;
  Nonce new_nonce = 0;
  std::optional<Balance> new_allowance;
};

// verify_and_charge_tx_ephemeral (regular access keys).
Result<VerificationResult, TxExecutionError> VerifyAndChargeTx(const RuntimeParams& cfg,
                                                               const Account& account,
                                                               const AccessKey& access_key,
                                                               const Transaction& tx,
                                                               const TransactionCost& cost,
                                                               uint64_t block_height);

// verify_and_charge_gas_key_tx_ephemeral (PV85 gas keys): gas is paid from
// the gas key, the deposit from the account. `deposit_failed` is nearcore's
// TxVerdict::DepositFailed: the gas burnt to convert the transaction is
// still taken from the key and the nonce still advances, but no receipt is
// created and the outcome is `deposit_error`.
struct GasKeyVerification {
  Balance new_amount = 0;       // account balance
  Balance new_key_balance = 0;  // gas key balance
  uint16_t nonce_index = 0;
  Nonce new_nonce = 0;
  bool deposit_failed = false;
  TxExecutionError deposit_error;
};
Result<GasKeyVerification, TxExecutionError> VerifyAndChargeGasKeyTx(const RuntimeParams& cfg,
                                                                     const Account& account,
                                                                     const AccessKey& access_key,
                                                                     Nonce current_nonce,
                                                                     const Transaction& tx,
                                                                     const TransactionCost& cost,
                                                                     uint64_t block_height);

inline constexpr uint64_t kZeroBalanceAccountStorageLimit = 770;
inline constexpr uint16_t kMaxNoncesForGasKey = 1024;  // AccessKeyPermission::MAX_NONCES_FOR_GAS_KEY
inline constexpr uint64_t kAccessKeyNonceRangeMultiplier = 1'000'000;

}  // namespace nearrt::runtime
