// nearcore Action and the types it carries (core/primitives/src/action/,
// core/primitives-core/src/account.rs for AccessKey). Borsh layouts are
// nearcore's: Action is a u8-tagged enum (tags 0..14 at PV 86).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "primitives/account_id.h"
#include "primitives/borsh.h"
#include "primitives/crypto_hash.h"
#include "primitives/public_key.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt {

using Balance = uint128;
using Gas = uint64_t;
using Nonce = uint64_t;

// ---- Access keys ----
struct FunctionCallPermission {
  std::optional<Balance> allowance;
  std::string receiver_id;  // not validated on decode (a String in nearcore)
  std::vector<std::string> method_names;
  bool operator==(const FunctionCallPermission&) const = default;
};

struct GasKeyInfo {
  Balance balance = 0;
  uint16_t num_nonces = 0;
  bool operator==(const GasKeyInfo&) const = default;
};

struct AccessKeyPermission {
  enum class Kind : uint8_t {
    kFunctionCall = 0,
    kFullAccess = 1,
    kGasKeyFunctionCall = 2,
    kGasKeyFullAccess = 3,
  };
  Kind kind = Kind::kFullAccess;
  FunctionCallPermission function_call;  // kFunctionCall, kGasKeyFunctionCall
  GasKeyInfo gas_key;                    // kGasKey*

  bool is_gas_key() const { return kind == Kind::kGasKeyFunctionCall || kind == Kind::kGasKeyFullAccess; }
  // The function-call permission, if any (plain or gas key).
  const FunctionCallPermission* fc() const {
    return kind == Kind::kFunctionCall || kind == Kind::kGasKeyFunctionCall ? &function_call
                                                                             : nullptr;
  }
  FunctionCallPermission* fc() {
    return kind == Kind::kFunctionCall || kind == Kind::kGasKeyFunctionCall ? &function_call
                                                                             : nullptr;
  }
  bool operator==(const AccessKeyPermission&) const = default;
};

struct AccessKey {
  Nonce nonce = 0;
  AccessKeyPermission permission;

  static AccessKey FullAccess(Nonce nonce = 0) { return AccessKey{nonce, {}}; }
  static Result<AccessKey> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  Bytes ToBorsh() const;
  static Result<AccessKey> FromBorsh(ByteView b);
  size_t BorshLen() const { return ToBorsh().size(); }
  bool operator==(const AccessKey&) const = default;
};

// ---- Global contracts ----
struct GlobalContractId {
  enum class Kind : uint8_t { kCodeHash = 0, kAccountId = 1 };
  Kind kind = Kind::kCodeHash;
  CryptoHash code_hash;
  AccountId account_id;

  static Result<GlobalContractId> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  // Storage charged for the identifier: 32, or the account id length.
  uint64_t len() const { return kind == Kind::kCodeHash ? 32 : account_id.size(); }
  bool operator==(const GlobalContractId&) const = default;
};

// ---- Actions ----
struct Action;

struct CreateAccountAction {
  bool operator==(const CreateAccountAction&) const = default;
};
struct DeployContractAction {
  Bytes code;
  bool operator==(const DeployContractAction&) const = default;
};
struct FunctionCallAction {
  std::string method_name;
  Bytes args;
  Gas gas = 0;
  Balance deposit = 0;
  bool operator==(const FunctionCallAction&) const = default;
};
struct TransferAction {
  Balance deposit = 0;
  bool operator==(const TransferAction&) const = default;
};
struct StakeAction {
  Balance stake = 0;
  PublicKey public_key;
  bool operator==(const StakeAction&) const = default;
};
struct AddKeyAction {
  PublicKey public_key;
  AccessKey access_key;
  bool operator==(const AddKeyAction&) const = default;
};
struct DeleteKeyAction {
  PublicKey public_key;
  bool operator==(const DeleteKeyAction&) const = default;
};
struct DeleteAccountAction {
  AccountId beneficiary_id;
  bool operator==(const DeleteAccountAction&) const = default;
};
struct DeployGlobalContractAction {
  Bytes code;
  uint8_t deploy_mode = 0;  // 0 CodeHash, 1 AccountId
  bool operator==(const DeployGlobalContractAction&) const = default;
};
struct UseGlobalContractAction {
  GlobalContractId contract_identifier;
  bool operator==(const UseGlobalContractAction&) const = default;
};
struct DeterministicStateInitAction {
  GlobalContractId code;  // DeterministicAccountStateInit::V1 (tag 0)
  std::map<Bytes, Bytes> data;
  Balance deposit = 0;
  // borsh(DeterministicAccountStateInit::V1{code, data}) (no deposit).
  Bytes StateInitBorsh() const;
  bool operator==(const DeterministicStateInitAction&) const = default;
};
struct TransferToGasKeyAction {
  PublicKey public_key;
  Balance deposit = 0;
  bool operator==(const TransferToGasKeyAction&) const = default;
};
struct WithdrawFromGasKeyAction {
  PublicKey public_key;
  Balance amount = 0;
  bool operator==(const WithdrawFromGasKeyAction&) const = default;
};

// TransactionNonce: Nonce{nonce} (0) | GasKeyNonce{nonce, nonce_index} (1).
struct TransactionNonce {
  Nonce nonce = 0;
  std::optional<uint16_t> nonce_index;  // set for GasKeyNonce
  static Result<TransactionNonce> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  bool operator==(const TransactionNonce&) const = default;
};

// DelegateAction (NEP-366, Delegate) and DelegateActionV2 (DelegateV2);
// `v2` selects the layout and the signing prefix.
struct DelegateAction {
  bool v2 = false;
  AccountId sender_id;
  AccountId receiver_id;
  std::vector<Action> actions;  // never Delegate / DelegateV2
  TransactionNonce nonce;       // V1: nonce_index is always empty
  uint64_t max_block_height = 0;
  PublicKey public_key;

  // Bytes that are signed: sha256(u32le(prefix) ‖ borsh(payload)).
  CryptoHash SigningHash() const;
  bool operator==(const DelegateAction&) const;
};
struct SignedDelegateAction {
  DelegateAction delegate_action;
  Signature signature;
  bool Verify() const { return signature.Verify(delegate_action.SigningHash().view(), delegate_action.public_key); }
  bool operator==(const SignedDelegateAction&) const = default;
};

enum class ActionKind : uint8_t {
  kCreateAccount = 0,
  kDeployContract = 1,
  kFunctionCall = 2,
  kTransfer = 3,
  kStake = 4,
  kAddKey = 5,
  kDeleteKey = 6,
  kDeleteAccount = 7,
  kDelegate = 8,
  kDeployGlobalContract = 9,
  kUseGlobalContract = 10,
  kDeterministicStateInit = 11,
  kTransferToGasKey = 12,
  kWithdrawFromGasKey = 13,
  kDelegateV2 = 14,
};

struct Action {
  using Variant =
      std::variant<CreateAccountAction, DeployContractAction, FunctionCallAction, TransferAction,
                   StakeAction, AddKeyAction, DeleteKeyAction, DeleteAccountAction,
                   std::shared_ptr<const SignedDelegateAction>, DeployGlobalContractAction,
                   UseGlobalContractAction, DeterministicStateInitAction, TransferToGasKeyAction,
                   WithdrawFromGasKeyAction>;
  Variant v;

  Action() = default;
  template <class T>
  Action(T x) : v(std::move(x)) {}  // NOLINT: implicit from any action body

  ActionKind kind() const;
  template <class T>
  const T* get() const { return std::get_if<T>(&v); }
  template <class T>
  T* get() { return std::get_if<T>(&v); }
  const SignedDelegateAction* delegate() const {
    auto p = std::get_if<std::shared_ptr<const SignedDelegateAction>>(&v);
    return p ? p->get() : nullptr;
  }

  // `allow_delegate` false: NonDelegateAction (tags 8 and 14 rejected).
  static Result<Action> Read(BorshReader& r, bool allow_delegate = true);
  void Write(BorshWriter& w) const;
  bool operator==(const Action& o) const;
};

Result<std::vector<Action>> ReadActions(BorshReader& r, bool allow_delegate = true);
void WriteActions(BorshWriter& w, const std::vector<Action>& actions);

// Delegate signing prefixes: 2^30 + NEP number (366 and 611).
inline constexpr uint32_t kDelegateV1Prefix = (1u << 30) + 366;
inline constexpr uint32_t kDelegateV2Prefix = (1u << 30) + 611;

}  // namespace nearrt
