#include "primitives/receipt.h"

namespace nearrt {

namespace {

const AccountId& SystemAccount() {
  static const AccountId kSystem = AccountId::Unchecked("system");
  return kSystem;
}

Result<AccountId> ReadAccountId(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(std::string s, r.String());
  return AccountId::Parse(s);
}

Result<CryptoHash> ReadHash(BorshReader& r) {
  NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
  return CryptoHash::FromBytes(h);
}

Result<ActionReceipt> ReadActionReceipt(BorshReader& r, bool v2) {
  ActionReceipt a;
  a.v2 = v2;
  NEARRT_ASSIGN_OR_RETURN(a.signer_id, ReadAccountId(r));
  if (v2) {
    NEARRT_ASSIGN_OR_RETURN(a.refund_to, r.Option<AccountId>(ReadAccountId));
  }
  NEARRT_ASSIGN_OR_RETURN(a.signer_public_key, PublicKey::Read(r));
  NEARRT_ASSIGN_OR_RETURN(a.gas_price, r.U128());
  NEARRT_ASSIGN_OR_RETURN(a.output_data_receivers, r.Vector<DataReceiver>([](BorshReader& x) -> Result<DataReceiver> {
    DataReceiver d;
    NEARRT_ASSIGN_OR_RETURN(d.data_id, ReadHash(x));
    NEARRT_ASSIGN_OR_RETURN(d.receiver_id, ReadAccountId(x));
    return d;
  }));
  NEARRT_ASSIGN_OR_RETURN(a.input_data_ids, r.Vector<CryptoHash>(ReadHash));
  NEARRT_ASSIGN_OR_RETURN(a.actions, ReadActions(r));
  return a;
}

void WriteActionReceipt(BorshWriter& w, const ActionReceipt& a) {
  w.String(a.signer_id.str());
  if (a.v2) {
    w.Option(a.refund_to, [](BorshWriter& x, const AccountId& id) { x.String(id.str()); });
  }
  a.signer_public_key.Write(w);
  w.U128(a.gas_price);
  w.Vector(a.output_data_receivers, [](BorshWriter& x, const DataReceiver& d) {
    x.Fixed(d.data_id.view());
    x.String(d.receiver_id.str());
  });
  w.Vector(a.input_data_ids, [](BorshWriter& x, const CryptoHash& h) { x.Fixed(h.view()); });
  WriteActions(w, a.actions);
}

Result<DataReceipt> ReadDataReceipt(BorshReader& r) {
  DataReceipt d;
  NEARRT_ASSIGN_OR_RETURN(d.data_id, ReadHash(r));
  NEARRT_ASSIGN_OR_RETURN(d.data, r.Option<Bytes>([](BorshReader& x) { return x.Bytes(); }));
  return d;
}

void WriteDataReceipt(BorshWriter& w, const DataReceipt& d) {
  w.Fixed(d.data_id.view());
  w.Option(d.data, [](BorshWriter& x, const Bytes& b) { x.Bytes(b); });
}

}  // namespace

bool Receipt::IsInstant() const {
  if (is_promise_yield()) return true;
  if (!is_action()) return false;
  return action.actions.size() == 1 && action.input_data_ids.empty() &&
         action.actions[0].kind() == ActionKind::kDeleteAccount;
}

Receipt Receipt::NewBalanceRefund(const AccountId& receiver, Balance refund) {
  Receipt r;
  r.predecessor_id = SystemAccount();
  r.receiver_id = receiver;
  r.kind = ReceiptKind::kAction;
  r.action.signer_id = SystemAccount();
  r.action.signer_public_key = PublicKey::EmptyEd25519();
  r.action.gas_price = 0;
  r.action.actions.push_back(TransferAction{refund});
  return r;
}

Receipt Receipt::NewGasRefund(const AccountId& receiver, Balance refund, PublicKey signer_key) {
  Receipt r;
  r.predecessor_id = SystemAccount();
  r.receiver_id = receiver;
  r.kind = ReceiptKind::kAction;
  r.action.signer_id = receiver;
  r.action.signer_public_key = std::move(signer_key);
  r.action.gas_price = 0;
  r.action.actions.push_back(TransferAction{refund});
  return r;
}

Result<Receipt> Receipt::Read(BorshReader& r) {
  Receipt rc;
  NEARRT_ASSIGN_OR_RETURN(rc.predecessor_id, ReadAccountId(r));
  NEARRT_ASSIGN_OR_RETURN(rc.receiver_id, ReadAccountId(r));
  NEARRT_ASSIGN_OR_RETURN(rc.receipt_id, ReadHash(r));
  NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
  if (tag > 6) return Err("invalid ReceiptEnum tag " + std::to_string(tag));
  rc.kind = static_cast<ReceiptKind>(tag);
  switch (rc.kind) {
    case ReceiptKind::kAction:
    case ReceiptKind::kPromiseYield: {
      NEARRT_ASSIGN_OR_RETURN(rc.action, ReadActionReceipt(r, false));
      break;
    }
    case ReceiptKind::kActionV2:
    case ReceiptKind::kPromiseYieldV2: {
      NEARRT_ASSIGN_OR_RETURN(rc.action, ReadActionReceipt(r, true));
      break;
    }
    case ReceiptKind::kData:
    case ReceiptKind::kPromiseResume: {
      NEARRT_ASSIGN_OR_RETURN(rc.data, ReadDataReceipt(r));
      break;
    }
    case ReceiptKind::kGlobalContractDistribution: {
      auto& g = rc.global;
      NEARRT_ASSIGN_OR_RETURN(g.version, r.U8());
      if (g.version > 1) return Err("invalid GlobalContractDistributionReceipt tag");
      NEARRT_ASSIGN_OR_RETURN(g.id, GlobalContractId::Read(r));
      NEARRT_ASSIGN_OR_RETURN(g.target_shard, r.U64());
      NEARRT_ASSIGN_OR_RETURN(g.already_delivered_shards,
                              r.Vector<uint64_t>([](BorshReader& x) { return x.U64(); }));
      NEARRT_ASSIGN_OR_RETURN(g.code, r.Bytes());
      if (g.version == 1) {
        NEARRT_ASSIGN_OR_RETURN(g.nonce, r.U64());
      }
      break;
    }
  }
  return rc;
}

Result<Receipt> Receipt::FromBorsh(ByteView b) {
  BorshReader r(b);
  NEARRT_ASSIGN_OR_RETURN(Receipt rc, Read(r));
  NEARRT_TRY(r.ExpectEnd());
  return rc;
}

void Receipt::Write(BorshWriter& w) const {
  w.String(predecessor_id.str());
  w.String(receiver_id.str());
  w.Fixed(receipt_id.view());
  w.U8(static_cast<uint8_t>(kind));
  switch (kind) {
    case ReceiptKind::kAction:
    case ReceiptKind::kPromiseYield:
    case ReceiptKind::kActionV2:
    case ReceiptKind::kPromiseYieldV2:
      WriteActionReceipt(w, action);
      break;
    case ReceiptKind::kData:
    case ReceiptKind::kPromiseResume:
      WriteDataReceipt(w, data);
      break;
    case ReceiptKind::kGlobalContractDistribution:
      w.U8(global.version);
      global.id.Write(w);
      w.U64(global.target_shard);
      w.Vector(global.already_delivered_shards, [](BorshWriter& x, uint64_t s) { x.U64(s); });
      w.Bytes(global.code);
      if (global.version == 1) w.U64(global.nonce);
      break;
  }
}

Bytes Receipt::ToBorsh() const {
  BorshWriter w;
  Write(w);
  return w.Take();
}

Bytes ReceivedData::ToBorsh() const {
  BorshWriter w;
  w.Option(data, [](BorshWriter& x, const Bytes& b) { x.Bytes(b); });
  return w.Take();
}

Result<ReceivedData> ReceivedData::FromBorsh(ByteView b) {
  BorshReader r(b);
  ReceivedData d;
  NEARRT_ASSIGN_OR_RETURN(d.data, r.Option<Bytes>([](BorshReader& x) { return x.Bytes(); }));
  NEARRT_TRY(r.ExpectEnd());
  return d;
}

Bytes StateStoredReceipt::ToBorsh() const {
  BorshWriter w;
  if (format == Format::kPlainReceipt) {
    receipt.Write(w);
    return w.Take();
  }
  w.U8(0xFF);
  w.U8(0xFF);
  w.U8(format == Format::kV0 ? 0 : 1);
  receipt.Write(w);
  w.U64(congestion_gas);
  w.U64(congestion_size);
  return w.Take();
}

Result<StateStoredReceipt> StateStoredReceipt::FromBorsh(ByteView b) {
  StateStoredReceipt s;
  BorshReader r(b);
  if (b.size() >= 2 && b[0] == 0xFF && b[1] == 0xFF) {
    NEARRT_TRY(r.Fixed(2));
    NEARRT_ASSIGN_OR_RETURN(uint8_t version, r.U8());
    if (version > 1) return Err("invalid StateStoredReceipt version");
    s.format = version == 0 ? Format::kV0 : Format::kV1;
    NEARRT_ASSIGN_OR_RETURN(s.receipt, Receipt::Read(r));
    NEARRT_ASSIGN_OR_RETURN(s.congestion_gas, r.U64());
    NEARRT_ASSIGN_OR_RETURN(s.congestion_size, r.U64());
  } else {
    s.format = Format::kPlainReceipt;
    NEARRT_ASSIGN_OR_RETURN(s.receipt, Receipt::Read(r));
  }
  NEARRT_TRY(r.ExpectEnd());
  return s;
}

}  // namespace nearrt
