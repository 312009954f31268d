#include "primitives/action.h"

namespace nearrt {

namespace {

Result<AccountId> ReadAccountId(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(std::string s, r.String());
  return AccountId::Parse(s);
}

Result<FunctionCallPermission> ReadFcPermission(BorshReader& r) {
  FunctionCallPermission p;
  NEARRT_ASSIGN_OR_RETURN(p.allowance, r.Option<Balance>([](BorshReader& x) { return x.U128(); }));
  NEARRT_ASSIGN_OR_RETURN(p.receiver_id, r.String());
  NEARRT_ASSIGN_OR_RETURN(p.method_names,
                          r.Vector<std::string>([](BorshReader& x) { return x.String(); }));
  return p;
}

void WriteFcPermission(BorshWriter& w, const FunctionCallPermission& p) {
  w.Option(p.allowance, [](BorshWriter& x, Balance v) { x.U128(v); });
  w.String(p.receiver_id);
  w.Vector(p.method_names, [](BorshWriter& x, const std::string& s) { x.String(s); });
}

Result<GasKeyInfo> ReadGasKeyInfo(BorshReader& r) {
  GasKeyInfo g;
  NEARRT_ASSIGN_OR_RETURN(g.balance, r.U128());
  NEARRT_ASSIGN_OR_RETURN(g.num_nonces, r.U16());
  return g;
}

void WriteDelegatePayload(BorshWriter& w, const DelegateAction& d) {
  if (d.v2) w.U8(0);  // VersionedDelegateActionPayload::V2
  w.String(d.sender_id.str());
  w.String(d.receiver_id.str());
  WriteActions(w, d.actions);
  if (d.v2) {
    d.nonce.Write(w);
  } else {
    w.U64(d.nonce.nonce);
  }
  w.U64(d.max_block_height);
  d.public_key.Write(w);
}

Result<DelegateAction> ReadDelegatePayload(BorshReader& r, bool v2) {
  DelegateAction d;
  d.v2 = v2;
  if (v2) {
    NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
    if (tag != 0) return Err("invalid VersionedDelegateActionPayload tag");
  }
  NEARRT_ASSIGN_OR_RETURN(d.sender_id, ReadAccountId(r));
  NEARRT_ASSIGN_OR_RETURN(d.receiver_id, ReadAccountId(r));
  NEARRT_ASSIGN_OR_RETURN(d.actions, ReadActions(r, /*allow_delegate=*/false));
  if (v2) {
    NEARRT_ASSIGN_OR_RETURN(d.nonce, TransactionNonce::Read(r));
  } else {
    NEARRT_ASSIGN_OR_RETURN(d.nonce.nonce, r.U64());
  }
  NEARRT_ASSIGN_OR_RETURN(d.max_block_height, r.U64());
  NEARRT_ASSIGN_OR_RETURN(d.public_key, PublicKey::Read(r));
  return d;
}

}  // namespace

Result<AccessKey> AccessKey::Read(BorshReader& r) {
  AccessKey ak;
  NEARRT_ASSIGN_OR_RETURN(ak.nonce, r.U64());
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  using K = AccessKeyPermission::Kind;
  if (tag > 3) return Err("invalid AccessKeyPermission tag " + std::to_string(tag));
  ak.permission.kind = static_cast<K>(tag);
  if (ak.permission.is_gas_key()) {
    NEARRT_ASSIGN_OR_RETURN(ak.permission.gas_key, ReadGasKeyInfo(r));
  }
  if (ak.permission.fc()) {
    NEARRT_ASSIGN_OR_RETURN(ak.permission.function_call, ReadFcPermission(r));
  }
  return ak;
}

void AccessKey::Write(BorshWriter& w) const {
  w.U64(nonce);
  w.U8(static_cast<uint8_t>(permission.kind));
  if (permission.is_gas_key()) {
    w.U128(permission.gas_key.balance);
    w.U16(permission.gas_key.num_nonces);
  }
  if (permission.fc()) WriteFcPermission(w, permission.function_call);
}

Bytes AccessKey::ToBorsh() const {
  BorshWriter w;
  Write(w);
  return w.Take();
}

Result<AccessKey> AccessKey::FromBorsh(ByteView b) {
  BorshReader r(b);
  NEARRT_ASSIGN_OR_RETURN(AccessKey ak, Read(r));
  NEARRT_TRY(r.ExpectEnd());
  return ak;
}

Result<GlobalContractId> GlobalContractId::Read(BorshReader& r) {
  GlobalContractId id;
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  if (tag == 0) {
    NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
    NEARRT_ASSIGN_OR_RETURN(id.code_hash, CryptoHash::FromBytes(h));
  } else if (tag == 1) {
    id.kind = Kind::kAccountId;
    NEARRT_ASSIGN_OR_RETURN(id.account_id, ReadAccountId(r));
  } else {
    return Err("invalid GlobalContractIdentifier tag");
  }
  return id;
}

Bytes DeterministicStateInitAction::StateInitBorsh() const {
  BorshWriter w;
  w.U8(0);
  code.Write(w);
  w.U32(static_cast<uint32_t>(data.size()));
  for (const auto& [k, v] : data) {
    w.Bytes(k);
    w.Bytes(v);
  }
  return w.Take();
}

void GlobalContractId::Write(BorshWriter& w) const {
  w.U8(static_cast<uint8_t>(kind));
  if (kind == Kind::kCodeHash) {
    w.Fixed(code_hash.view());
  } else {
    w.String(account_id.str());
  }
}

Result<TransactionNonce> TransactionNonce::Read(BorshReader& r) {
  TransactionNonce n;
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  NEARRT_ASSIGN_OR_RETURN(n.nonce, r.U64());
  if (tag == 1) {
    NEARRT_ASSIGN_OR_RETURN(uint16_t idx, r.U16());
    n.nonce_index = idx;
  } else if (tag != 0) {
    return Err("invalid TransactionNonce tag");
  }
  return n;
}

void TransactionNonce::Write(BorshWriter& w) const {
  w.U8(nonce_index ? 1 : 0);
  w.U64(nonce);
  if (nonce_index) w.U16(*nonce_index);
}

CryptoHash DelegateAction::SigningHash() const {
  BorshWriter w;
  w.U32(v2 ? kDelegateV2Prefix : kDelegateV1Prefix);
  WriteDelegatePayload(w, *this);
  return CryptoHash::Of(w.data());
}

bool DelegateAction::operator==(const DelegateAction& o) const {
  return v2 == o.v2 && sender_id == o.sender_id && receiver_id == o.receiver_id &&
         actions == o.actions && nonce == o.nonce && max_block_height == o.max_block_height &&
         public_key == o.public_key;
}

ActionKind Action::kind() const {
  if (auto d = delegate()) return d->delegate_action.v2 ? ActionKind::kDelegateV2 : ActionKind::kDelegate;
  static constexpr ActionKind kByIndex[] = {
      ActionKind::kCreateAccount,        ActionKind::kDeployContract,
      ActionKind::kFunctionCall,         ActionKind::kTransfer,
      ActionKind::kStake,                ActionKind::kAddKey,
      ActionKind::kDeleteKey,            ActionKind::kDeleteAccount,
      ActionKind::kDelegate,             ActionKind::kDeployGlobalContract,
      ActionKind::kUseGlobalContract,    ActionKind::kDeterministicStateInit,
      ActionKind::kTransferToGasKey,     ActionKind::kWithdrawFromGasKey};
  return kByIndex[v.index()];
}

bool Action::operator==(const Action& o) const {
  if (v.index() != o.v.index()) return false;
  if (auto d = delegate()) return *d == *o.delegate();
  return v == o.v;
}

Result<Action> Action::Read(BorshReader& r, bool allow_delegate) {
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  switch (tag) {
    case 0:
      return Action(CreateAccountAction{});
    case 1: {
      NEARRT_ASSIGN_OR_RETURN(Bytes code, r.Bytes());
      return Action(DeployContractAction{std::move(code)});
    }
    case 2: {
      FunctionCallAction a;
      NEARRT_ASSIGN_OR_RETURN(a.method_name, r.String());
      NEARRT_ASSIGN_OR_RETURN(a.args, r.Bytes());
      NEARRT_ASSIGN_OR_RETURN(a.gas, r.U64());
      NEARRT_ASSIGN_OR_RETURN(a.deposit, r.U128());
      return Action(std::move(a));
    }
    case 3: {
      NEARRT_ASSIGN_OR_RETURN(Balance d, r.U128());
      return Action(TransferAction{d});
    }
    case 4: {
      StakeAction a;
      NEARRT_ASSIGN_OR_RETURN(a.stake, r.U128());
      NEARRT_ASSIGN_OR_RETURN(a.public_key, PublicKey::Read(r));
      return Action(std::move(a));
    }
    case 5: {
      AddKeyAction a;
      NEARRT_ASSIGN_OR_RETURN(a.public_key, PublicKey::Read(r));
      NEARRT_ASSIGN_OR_RETURN(a.access_key, AccessKey::Read(r));
      return Action(std::move(a));
    }
    case 6: {
      NEARRT_ASSIGN_OR_RETURN(PublicKey pk, PublicKey::Read(r));
      return Action(DeleteKeyAction{std::move(pk)});
    }
    case 7: {
      NEARRT_ASSIGN_OR_RETURN(AccountId b, ReadAccountId(r));
      return Action(DeleteAccountAction{std::move(b)});
    }
    case 8:
    case 14: {
      if (!allow_delegate) return Err("DelegateAction mustn't contain a nested one");
      auto s = std::make_shared<SignedDelegateAction>();
      NEARRT_ASSIGN_OR_RETURN(s->delegate_action, ReadDelegatePayload(r, tag == 14));
      NEARRT_ASSIGN_OR_RETURN(s->signature, Signature::Read(r));
      return Action(std::shared_ptr<const SignedDelegateAction>(std::move(s)));
    }
    case 9: {
      DeployGlobalContractAction a;
      NEARRT_ASSIGN_OR_RETURN(a.code, r.Bytes());
      NEARRT_ASSIGN_OR_RETURN(a.deploy_mode, r.U8());
      if (a.deploy_mode > 1) return Err("invalid GlobalContractDeployMode");
      return Action(std::move(a));
    }
    case 10: {
      NEARRT_ASSIGN_OR_RETURN(GlobalContractId id, GlobalContractId::Read(r));
      return Action(UseGlobalContractAction{std::move(id)});
    }
    case 11: {
      DeterministicStateInitAction a;
      NEARRT_ASSIGN_OR_RETURN(uint8_t v, r.U8());
      if (v != 0) return Err("invalid DeterministicAccountStateInit tag");
      NEARRT_ASSIGN_OR_RETURN(a.code, GlobalContractId::Read(r));
      NEARRT_ASSIGN_OR_RETURN(uint32_t n, r.U32());
      // BTreeMap borsh without borsh's `de_strict_order` feature (nearcore does
      // not enable it): entries in any order are accepted and collected, a
      // later duplicate key replacing the earlier value (Rust's
      // BTreeMap::from_iter). Re-encoding then gives the sorted form.
      for (uint32_t i = 0; i < n; ++i) {
        NEARRT_ASSIGN_OR_RETURN(Bytes k, r.Bytes());
        NEARRT_ASSIGN_OR_RETURN(Bytes val, r.Bytes());
        a.data.insert_or_assign(std::move(k), std::move(val));
      }
      NEARRT_ASSIGN_OR_RETURN(a.deposit, r.U128());
      return Action(std::move(a));
    }
    case 12: {
      TransferToGasKeyAction a;
      NEARRT_ASSIGN_OR_RETURN(a.public_key, PublicKey::Read(r));
      NEARRT_ASSIGN_OR_RETURN(a.deposit, r.U128());
      return Action(std::move(a));
    }
    case 13: {
      WithdrawFromGasKeyAction a;
      NEARRT_ASSIGN_OR_RETURN(a.public_key, PublicKey::Read(r));
      NEARRT_ASSIGN_OR_RETURN(a.amount, r.U128());
      return Action(std::move(a));
    }
    default:
      return Err("invalid Action tag " + std::to_string(tag));
  }
}

void Action::Write(BorshWriter& w) const {
  w.U8(static_cast<uint8_t>(kind()));
  std::visit(
      [&w](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, CreateAccountAction>) {
        } else if constexpr (std::is_same_v<T, DeployContractAction>) {
          w.Bytes(a.code);
        } else if constexpr (std::is_same_v<T, FunctionCallAction>) {
          w.String(a.method_name);
          w.Bytes(a.args);
          w.U64(a.gas);
          w.U128(a.deposit);
        } else if constexpr (std::is_same_v<T, TransferAction>) {
          w.U128(a.deposit);
        } else if constexpr (std::is_same_v<T, StakeAction>) {
          w.U128(a.stake);
          a.public_key.Write(w);
        } else if constexpr (std::is_same_v<T, AddKeyAction>) {
          a.public_key.Write(w);
          a.access_key.Write(w);
        } else if constexpr (std::is_same_v<T, DeleteKeyAction>) {
          a.public_key.Write(w);
        } else if constexpr (std::is_same_v<T, DeleteAccountAction>) {
          w.String(a.beneficiary_id.str());
        } else if constexpr (std::is_same_v<T, std::shared_ptr<const SignedDelegateAction>>) {
          WriteDelegatePayload(w, a->delegate_action);
          a->signature.Write(w);
        } else if constexpr (std::is_same_v<T, DeployGlobalContractAction>) {
          w.Bytes(a.code);
          w.U8(a.deploy_mode);
        } else if constexpr (std::is_same_v<T, UseGlobalContractAction>) {
          a.contract_identifier.Write(w);
        } else if constexpr (std::is_same_v<T, DeterministicStateInitAction>) {
          w.Fixed(a.StateInitBorsh());
          w.U128(a.deposit);
        } else if constexpr (std::is_same_v<T, TransferToGasKeyAction>) {
          a.public_key.Write(w);
          w.U128(a.deposit);
        } else if constexpr (std::is_same_v<T, WithdrawFromGasKeyAction>) {
          a.public_key.Write(w);
          w.U128(a.amount);
        }
      },
      v);
}

Result<std::vector<Action>> ReadActions(BorshReader& r, bool allow_delegate) {
  return r.Vector<Action>([allow_delegate](BorshReader& x) { return Action::Read(x, allow_delegate); });
}

void WriteActions(BorshWriter& w, const std::vector<Action>& actions) {
  w.Vector(actions, [](BorshWriter& x, const Action& a) { a.Write(x); });
}

}  // namespace nearrt
