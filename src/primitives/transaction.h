// Transactions (core/primitives/src/transaction.rs). Transaction::V0 is
// borsh-encoded with no tag; V1 is 0x01 ‖ TransactionV1 (nonce: TransactionNonce,
// then nonce_mode). The hash is sha256(borsh(Transaction)): the signature is
// not part of it.
#pragma once

#include <vector>

#include "primitives/action.h"

namespace nearrt {

enum class NonceMode : uint8_t { kMonotonic = 0, kStrict = 1 };

struct Transaction {
  bool v1 = false;
  AccountId signer_id;
  PublicKey public_key;
  TransactionNonce nonce;  // V0: nonce_index always empty
  AccountId receiver_id;
  CryptoHash block_hash;
  std::vector<Action> actions;
  NonceMode nonce_mode = NonceMode::kMonotonic;  // V1 only

  static Result<Transaction> Read(BorshReader& r);
  void Write(BorshWriter& w) const;
  Bytes ToBorsh() const;
  CryptoHash Hash() const { return CryptoHash::Of(ToBorsh()); }
};

struct SignedTransaction {
  Transaction transaction;
  Signature signature;
  // Cached by Finalize()/Read: sha256(borsh(transaction)) and the wire size.
  CryptoHash hash;
  uint64_t size = 0;

  static SignedTransaction Sign(Transaction tx, const Signer& signer);
  static Result<SignedTransaction> Read(BorshReader& r);
  static Result<SignedTransaction> FromBorsh(ByteView b);
  void Write(BorshWriter& w) const;
  Bytes ToBorsh() const;
  // Recomputes `hash` and `size`.
  void Finalize();
};

}  // namespace nearrt
