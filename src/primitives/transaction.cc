#include "primitives/transaction.h"

namespace nearrt {

Result<Transaction> Transaction::Read(BorshReader& r) {
  // transaction.rs: a V0 starts with the signer id's u32 length, whose second
  // byte is 0 (ids are at most 64 bytes); V1 starts with the tag 1.
  if (r.remaining() < 2) return Err("transaction too short");
  size_t start = r.position();
  NEARRT_ASSIGN_OR_RETURN(uint8_t b0, r.U8());
  NEARRT_ASSIGN_OR_RETURN(uint8_t b1, r.U8());
  (void)start;
  Transaction tx;
  if (b1 == 0) {
    // Re-read from the start: re-parse as V0 (the two bytes belong to the length).
    NEARRT_ASSIGN_OR_RETURN(uint8_t b2, r.U8());
    NEARRT_ASSIGN_OR_RETURN(uint8_t b3, r.U8());
    uint32_t len = b0 | (b1 << 8) | (b2 << 16) | (static_cast<uint32_t>(b3) << 24);
    NEARRT_ASSIGN_OR_RETURN(ByteView raw, r.Fixed(len));
    if (!IsValidUtf8(AsString(raw))) return Err("signer id is not UTF-8");
    NEARRT_ASSIGN_OR_RETURN(tx.signer_id, AccountId::Parse(AsString(raw)));
  } else if (b0 == 1) {
    tx.v1 = true;
    // b1 is the first byte of the signer id length; rebuild it.
    NEARRT_ASSIGN_OR_RETURN(ByteView rest, r.Fixed(3));
    uint32_t len = b1 | (rest[0] << 8) | (rest[1] << 16) | (static_cast<uint32_t>(rest[2]) << 24);
    NEARRT_ASSIGN_OR_RETURN(ByteView raw, r.Fixed(len));
    if (!IsValidUtf8(AsString(raw))) return Err("signer id is not UTF-8");
    NEARRT_ASSIGN_OR_RETURN(tx.signer_id, AccountId::Parse(AsString(raw)));
  } else {
    return Err("invalid transaction version tag");
  }
  NEARRT_ASSIGN_OR_RETURN(tx.public_key, PublicKey::Read(r));
  if (tx.v1) {
    NEARRT_ASSIGN_OR_RETURN(tx.nonce, TransactionNonce::Read(r));
  } else {
    NEARRT_ASSIGN_OR_RETURN(tx.nonce.nonce, r.U64());
  }
  NEARRT_ASSIGN_OR_RETURN(std::string receiver, r.String());
  NEARRT_ASSIGN_OR_RETURN(tx.receiver_id, AccountId::Parse(receiver));
  NEARRT_ASSIGN_OR_RETURN(ByteView bh, r.Fixed(32));
  NEARRT_ASSIGN_OR_RETURN(tx.block_hash, CryptoHash::FromBytes(bh));
  NEARRT_ASSIGN_OR_RETURN(tx.actions, ReadActions(r));
  if (tx.v1) {
    NEARRT_ASSIGN_OR_RETURN(uint8_t mode, r.U8());
    if (mode > 1) return Err("invalid NonceMode");
    tx.nonce_mode = static_cast<NonceMode>(mode);
  }
  return tx;
}

void Transaction::Write(BorshWriter& w) const {
  if (v1) w.U8(1);
  w.String(signer_id.str());
  public_key.Write(w);
  if (v1) {
    nonce.Write(w);
  } else {
    w.U64(nonce.nonce);
  }
  w.String(receiver_id.str());
  w.Fixed(block_hash.view());
  WriteActions(w, actions);
  if (v1) w.U8(static_cast<uint8_t>(nonce_mode));
}

Bytes Transaction::ToBorsh() const {
  BorshWriter w;
  Write(w);
  return w.Take();
}

SignedTransaction SignedTransaction::Sign(Transaction tx, const Signer& signer) {
  SignedTransaction s;
  s.transaction = std::move(tx);
  s.hash = s.transaction.Hash();
  s.signature = signer.Sign(s.hash.view());
  s.Finalize();
  return s;
}

Result<SignedTransaction> SignedTransaction::Read(BorshReader& r) {
  SignedTransaction s;
  NEARRT_ASSIGN_OR_RETURN(s.transaction, Transaction::Read(r));
  NEARRT_ASSIGN_OR_RETURN(s.signature, Signature::Read(r));
  // nearcore's SignedTransaction::init: hash and size come from the
  // re-serialized transaction, not from the bytes read (they differ when a
  // DeterministicStateInit map was not in canonical order).
  s.Finalize();
  return s;
}

Result<SignedTransaction> SignedTransaction::FromBorsh(ByteView b) {
  BorshReader r(b);
  NEARRT_ASSIGN_OR_RETURN(SignedTransaction s, Read(r));
  NEARRT_TRY(r.ExpectEnd());
  return s;
}

void SignedTransaction::Write(BorshWriter& w) const {
  transaction.Write(w);
  signature.Write(w);
}

Bytes SignedTransaction::ToBorsh() const {
  BorshWriter w;
  Write(w);
  return w.Take();
}

void SignedTransaction::Finalize() {
  Bytes tx = transaction.ToBorsh();
  hash = CryptoHash::Of(tx);
  size = tx.size() + 1 + signature.data.size();
}

}  // namespace nearrt
