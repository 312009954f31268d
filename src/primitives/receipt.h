// Receipts (core/primitives/src/receipt.rs). Receipt borsh = ReceiptV0
// directly (no tag): predecessor_id, receiver_id, receipt_id, then the
// u8-tagged ReceiptEnum. Delayed receipts are stored as StateStoredReceipt
// (0xFF 0xFF ‖ version ‖ receipt ‖ congestion gas ‖ congestion size).
#pragma once

#include <optional>
#include <vector>

#include "primitives/action.h"

namespace nearrt {

struct DataReceiver {
  CryptoHash data_id;
  AccountId receiver_id;
  bool operator==(const DataReceiver&) const = default;
};

// ActionReceipt (v2 = false) and ActionReceiptV2 (v2 = true, has refund_to).
struct ActionReceipt {
  bool v2 = false;
  AccountId signer_id;
  std::optional<AccountId> refund_to;  // V2 only
  PublicKey signer_public_key;
  Balance gas_price = 0;
  std::vector<DataReceiver> output_data_receivers;
  std::vector<CryptoHash> input_data_ids;
  std::vector<Action> actions;
  bool operator==(const ActionReceipt&) const = default;
};

struct DataReceipt {
  CryptoHash data_id;
  std::optional<Bytes> data;
  bool operator==(const DataReceipt&) const = default;
};

struct GlobalContractDistributionReceipt {
  uint8_t version = 1;  // 0 V1, 1 V2 (has nonce)
  GlobalContractId id;
  uint64_t target_shard = 0;
  std::vector<uint64_t> already_delivered_shards;
  Bytes code;
  uint64_t nonce = 0;
  bool operator==(const GlobalContractDistributionReceipt&) const = default;
};

enum class ReceiptKind : uint8_t {
  kAction = 0,
  kData = 1,
  kPromiseYield = 2,
  kPromiseResume = 3,
  kGlobalContractDistribution = 4,
  kActionV2 = 5,
  kPromiseYieldV2 = 6,
};

struct Receipt {
  AccountId predecessor_id;
  AccountId receiver_id;
  CryptoHash receipt_id;
  ReceiptKind kind = ReceiptKind::kAction;
  ActionReceipt action;  // Action, ActionV2, PromiseYield, PromiseYieldV2
  DataReceipt data;      // Data, PromiseResume
  GlobalContractDistributionReceipt global;

  bool is_action() const {
    return kind == ReceiptKind::kAction || kind == ReceiptKind::kActionV2;
  }
  bool is_promise_yield() const {
    return kind == ReceiptKind::kPromiseYield || kind == ReceiptKind::kPromiseYieldV2;
  }
  // Action, ActionV2, PromiseYield, PromiseYieldV2 (listed in outcome receipt_ids).
  bool is_action_type() const { return is_action() || is_promise_yield(); }
  // Receipt::is_instant_receipt: PromiseYield receipts and action receipts that
  // are exactly [DeleteAccount] with no input data.
  bool IsInstant() const;
  // refund_to (ActionReceiptV2) or the predecessor.
  const AccountId& BalanceRefundReceiver() const {
    return action.refund_to ? *action.refund_to : predecessor_id;
  }

  // Receipt::new_balance_refund / new_gas_refund (receipt id left zero).
  static Receipt NewBalanceRefund(const AccountId& receiver, Balance refund);
  static Receipt NewGasRefund(const AccountId& receiver, Balance refund, PublicKey signer_key);

  static Result<Receipt> Read(BorshReader& r);
  static Result<Receipt> FromBorsh(ByteView b);
  void Write(BorshWriter& w) const;
  Bytes ToBorsh() const;
  bool operator==(const Receipt&) const = default;
};

struct ReceivedData {
  std::optional<Bytes> data;
  Bytes ToBorsh() const;
  static Result<ReceivedData> FromBorsh(ByteView b);
};

// The delayed-queue encoding (nearcore ReceiptOrStateStoredReceipt):
// StateStoredReceipt::V1 (what is written), V0, or a plain legacy Receipt.
struct StateStoredReceipt {
  enum class Format : uint8_t { kV1, kV0, kPlainReceipt };
  Receipt receipt;
  uint64_t congestion_gas = 0;
  uint64_t congestion_size = 0;
  // The encoding it was read from; ToBorsh writes the same one.
  Format format = Format::kV1;
  Bytes ToBorsh() const;
  static Result<StateStoredReceipt> FromBorsh(ByteView b);
};

}  // namespace nearrt
