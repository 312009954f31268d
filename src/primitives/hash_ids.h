// Id derivations of nearcore core/primitives/src/utils.rs (PV >= 77: the
// block HEIGHT, not the block hash, is mixed in):
//   create_hash_index(base, h, salt) = sha256(base ‖ u64le(h) ‖ u64le(salt))
// and the implicit-account derivations.
#pragma once

#include <cstdint>
#include <string>

#include "primitives/crypto_hash.h"
#include "primitives/public_key.h"
#include "util/bytes.h"

namespace nearrt {

CryptoHash CreateHashIndex(const CryptoHash& base, uint64_t block_height, uint64_t salt);
// create_receipt_id_from_transaction: salt 0.
inline CryptoHash ReceiptIdFromTransaction(const CryptoHash& tx_hash, uint64_t h) {
  return CreateHashIndex(tx_hash, h, 0);
}
// create_receipt_id_from_receipt_id: salt = index of the new receipt.
inline CryptoHash ReceiptIdFromReceiptId(const CryptoHash& parent, uint64_t h, uint64_t index) {
  return CreateHashIndex(parent, h, index);
}
// create_action_hash_from_receipt_id: salt u64::MAX - action_index.
inline CryptoHash ActionHashFromReceiptId(const CryptoHash& receipt_id, uint64_t h,
                                          uint64_t action_index) {
  return CreateHashIndex(receipt_id, h, UINT64_MAX - action_index);
}
// create_receipt_id_from_action_hash: data ids (salt = data counter).
inline CryptoHash DataIdFromActionHash(const CryptoHash& action_hash, uint64_t h, uint64_t k) {
  return CreateHashIndex(action_hash, h, k);
}
// create_random_seed: sha256(action_hash ‖ block random seed), 32 bytes.
Bytes CreateRandomSeed(const CryptoHash& action_hash, const CryptoHash& random_seed);

// hex(ed25519 public key): the NEAR-implicit account id.
std::string DeriveNearImplicitAccountId(const PublicKey& ed25519_key);
// "0x" ‖ hex(keccak256(secp256k1 key)[12..32]).
std::string DeriveEthImplicitAccountId(const PublicKey& secp256k1_key);
// NEP-616 deterministic account id (core/primitives/src/utils.rs
// derive_near_deterministic_account_id):
// "0s" ‖ hex(keccak256(borsh(DeterministicAccountStateInit))[12..32]).
std::string DeriveNearDeterministicAccountId(ByteView state_init_borsh);

}  // namespace nearrt
