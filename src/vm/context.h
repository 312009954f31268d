// What a function call knows about its environment (nearcore runtime/
// near-vm-runner/src/logic/context.rs VMContext).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "primitives/account_id.h"
#include "primitives/crypto_hash.h"
#include "util/bytes.h"
#include "vm/types.h"

namespace nearrt::vm {

// Result of a promise the call depends on (callbacks).
struct PromiseResult {
  enum class Kind : uint8_t { kNotReady, kSuccessful, kFailed };
  Kind kind = Kind::kNotReady;
  std::shared_ptr<const Bytes> data;  // kSuccessful only

  static PromiseResult Successful(Bytes data) {
    return {Kind::kSuccessful, std::make_shared<const Bytes>(std::move(data))};
  }
  static PromiseResult Failed() { return {Kind::kFailed, nullptr}; }
  static PromiseResult NotReady() { return {Kind::kNotReady, nullptr}; }
};

// The contract an account uses (near_primitives_core::account::AccountContract).
struct AccountContract {
  enum class Kind : uint8_t { kNone, kLocal, kGlobal, kGlobalByAccount };
  Kind kind = Kind::kNone;
  CryptoHash hash;       // kLocal, kGlobal
  AccountId account_id;  // kGlobalByAccount
};

struct ViewConfig {
  Gas max_gas_burnt = 0;
};

struct VMContext {
  AccountId current_account_id;
  AccountId signer_account_id;
  // Borsh-encoded public key of the signer (as given; not validated here).
  Bytes signer_account_pk;
  AccountId predecessor_account_id;
  AccountId refund_to_account_id;
  // Shared so that `input` can hand it to a register without a copy.
  std::shared_ptr<const Bytes> input = std::make_shared<const Bytes>();
  std::vector<PromiseResult> promise_results;
  uint64_t block_height = 0;
  uint64_t block_timestamp = 0;  // nanoseconds
  uint64_t epoch_height = 0;
  // Excludes attached_deposit; the call starts with balance + deposit.
  Balance account_balance = 0;
  Balance account_locked_balance = 0;
  StorageUsage storage_usage = 0;
  AccountContract account_contract;
  Balance attached_deposit = 0;
  Gas prepaid_gas = 0;
  Bytes random_seed;
  // Set for view calls (read-only; many host functions are prohibited).
  std::optional<ViewConfig> view_config;
  // Receivers of this call's result (data receipts).
  std::vector<AccountId> output_data_receivers;

  bool is_view() const { return view_config.has_value(); }
};

}  // namespace nearrt::vm
