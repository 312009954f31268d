// Action fees and transaction cost (nearcore runtime/runtime/src/config.rs):
// total_send_fees, exec_fee, total_prepaid_{send,exec}_fees,
// total_prepaid_gas, total_deposit, tx_cost. Every function fails (nullopt)
// where nearcore returns IntegerOverflowError.
#pragma once

#include <optional>
#include <vector>

#include "primitives/transaction.h"
#include "runtime/runtime_config.h"

namespace nearrt::runtime {

using vm::ParameterCost;

std::optional<ParameterCost> TotalSendFees(const RuntimeParams& cfg, bool sender_is_receiver,
                                           const std::vector<Action>& actions,
                                           const AccountId& receiver_id);
ParameterCost ExecFee(const RuntimeParams& cfg, const Action& action, const AccountId& receiver_id);
// Send fees of the inner actions of Delegate actions (burnt later, by the
// relayer's receipt).
std::optional<ParameterCost> TotalPrepaidSendFees(const RuntimeParams& cfg,
                                                  const std::vector<Action>& actions);
std::optional<ParameterCost> TotalPrepaidExecFees(const RuntimeParams& cfg,
                                                  const std::vector<Action>& actions,
                                                  const AccountId& receiver_id);
std::optional<Balance> TotalDeposit(const std::vector<Action>& actions);
std::optional<Gas> TotalPrepaidGas(const std::vector<Action>& actions);

struct TransactionCost {
  Gas gas_burnt = 0;
  uint64_t compute_burnt = 0;
  Gas gas_remaining = 0;
  Balance receipt_gas_price = 0;
  Balance burnt_amount = 0;
  Balance gas_cost = 0;
  Balance deposit_cost = 0;
  Balance total_cost = 0;
};

// calculate_tx_cost.
std::optional<TransactionCost> TxCost(const RuntimeParams& cfg, const Transaction& tx,
                                      Balance gas_price);

// Checked u128 helpers (safe_gas_to_balance / safe_add_balance).
inline std::optional<Balance> GasToBalance(Balance price, Gas gas) {
  Balance out;
  if (__builtin_mul_overflow(price, static_cast<Balance>(gas), &out)) return std::nullopt;
  return out;
}
inline std::optional<Balance> AddBalance(Balance a, Balance b) {
  Balance out;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

}  // namespace nearrt::runtime
