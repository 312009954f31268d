// Hash and signature host functions (nearcore wasmtime_runner/logic.rs,
// "Math API"). The argument checks and charges are here; the primitives are
// in src/crypto.
#include <array>
#include <span>

#include "crypto/ed25519.h"
#include "crypto/keccak.h"
#include "crypto/p256.h"
#include "crypto/ripemd160.h"
#include "crypto/secp256k1.h"
#include "vm/logic.h"

namespace nearrt::vm {

VMStatus VMLogic::Keccak256(uint64_t value_len, uint64_t value_ptr, uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::keccak256_base));
  NEARRT_ASSIGN_OR_RETURN(Operand value, GetMemoryOrRegister(value_ptr, value_len));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::keccak256_byte, value.view.size()));
  std::array<uint8_t, 32> hash = crypto::Keccak256(value.view);
  return SetRegister(register_id, ByteView(hash.data(), hash.size()));
}

VMStatus VMLogic::Keccak512(uint64_t value_len, uint64_t value_ptr, uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::keccak512_base));
  NEARRT_ASSIGN_OR_RETURN(Operand value, GetMemoryOrRegister(value_ptr, value_len));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::keccak512_byte, value.view.size()));
  std::array<uint8_t, 64> hash = crypto::Keccak512(value.view);
  return SetRegister(register_id, ByteView(hash.data(), hash.size()));
}

VMStatus VMLogic::Ripemd160(uint64_t value_len, uint64_t value_ptr, uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::ripemd160_base));
  NEARRT_ASSIGN_OR_RETURN(Operand value, GetMemoryOrRegister(value_ptr, value_len));
  // Message blocks including padding: (len + 8) / 64 + 1.
  uint64_t padded;
  if (!CheckedAdd(value.view.size(), 8, &padded)) return Err(HostErrorKind::IntegerOverflow);
  NEARRT_TRY(gas_counter().PayPer(ExtCost::ripemd160_block, padded / 64 + 1));
  crypto::Digest20 hash = crypto::Ripemd160(value.view);
  return SetRegister(register_id, ByteView(hash.data(), hash.size()));
}

VMResult<uint64_t> VMLogic::Ecrecover(uint64_t hash_len, uint64_t hash_ptr, uint64_t sig_len,
                                      uint64_t sig_ptr, uint64_t v, uint64_t malleability_flag,
                                      uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::ecrecover_base));
  std::array<uint8_t, 64> sig;
  {
    NEARRT_ASSIGN_OR_RETURN(Operand s, GetMemoryOrRegister(sig_ptr, sig_len));
    if (s.view.size() != 64) {
      return Err(HostError(HostErrorKind::ECRecoverError,
                           "The length of the signature: " + std::to_string(s.view.size()) +
                               ", exceeds the limit of 64 bytes"));
    }
    std::copy(s.view.begin(), s.view.end(), sig.begin());
  }
  if (v >= 4) {
    return Err(HostError(HostErrorKind::ECRecoverError,
                         "V recovery byte 0 through 3 are valid but was provided " +
                             std::to_string(v)));
  }
  std::array<uint8_t, 32> hash;
  {
    NEARRT_ASSIGN_OR_RETURN(Operand h, GetMemoryOrRegister(hash_ptr, hash_len));
    if (h.view.size() != 32) {
      return Err(HostError(HostErrorKind::ECRecoverError,
                           "The length of the hash: " + std::to_string(h.view.size()) +
                               ", exceeds the limit of 32 bytes"));
    }
    std::copy(h.view.begin(), h.view.end(), hash.begin());
  }
  if (malleability_flag != 0 && malleability_flag != 1) {
    return Err(HostError(HostErrorKind::ECRecoverError,
                         "Malleability flag needs to be 0 or 1, but is instead " +
                             std::to_string(malleability_flag)));
  }
  std::optional<std::array<uint8_t, 64>> pk =
      crypto::EcRecover(hash, sig, static_cast<uint8_t>(v), malleability_flag != 0);
  if (!pk) return 0;
  NEARRT_TRY(SetRegister(register_id, ByteView(pk->data(), pk->size())));
  return 1;
}

VMResult<uint64_t> VMLogic::Ed25519Verify(uint64_t sig_len, uint64_t sig_ptr, uint64_t msg_len,
                                          uint64_t msg_ptr, uint64_t pub_key_len,
                                          uint64_t pub_key_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::ed25519_verify_base));
  std::array<uint8_t, 64> sig;
  {
    NEARRT_ASSIGN_OR_RETURN(Operand s, GetMemoryOrRegister(sig_ptr, sig_len));
    if (s.view.size() != 64) {
      return Err(HostError(HostErrorKind::Ed25519VerifyInvalidInput, "invalid signature length"));
    }
    // The sanity check ed25519-dalek 1.x did in from_bytes; kept so costs
    // do not change: such signatures return 0 before the message is read.
    if ((s.view[63] & 0xE0) != 0) return 0;
    std::copy(s.view.begin(), s.view.end(), sig.begin());
  }
  NEARRT_ASSIGN_OR_RETURN(Operand msg, GetMemoryOrRegister(msg_ptr, msg_len));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::ed25519_verify_byte, msg.view.size()));
  NEARRT_ASSIGN_OR_RETURN(Operand key, GetMemoryOrRegister(pub_key_ptr, pub_key_len));
  if (key.view.size() != 32) {
    return Err(HostError(HostErrorKind::Ed25519VerifyInvalidInput, "invalid public key length"));
  }
  // A key that does not decompress also fails verification (returns 0).
  return crypto::Ed25519Verify(sig, msg.view, std::span<const uint8_t, 32>(key.view.data(), 32))
             ? 1
             : 0;
}

VMResult<uint64_t> VMLogic::P256Verify(uint64_t sig_len, uint64_t sig_ptr, uint64_t msg_len,
                                       uint64_t msg_ptr, uint64_t pub_key_len,
                                       uint64_t pub_key_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::p256_verify_base));
  std::array<uint8_t, 64> sig;
  {
    NEARRT_ASSIGN_OR_RETURN(Operand s, GetMemoryOrRegister(sig_ptr, sig_len));
    if (s.view.size() != 64) {
      return Err(HostError(HostErrorKind::P256VerifyInvalidInput, "invalid signature length"));
    }
    std::copy(s.view.begin(), s.view.end(), sig.begin());
  }
  // Signature::from_slice failing returns 0 before the message is read.
  if (!crypto::P256SignatureIsValid(sig)) return 0;
  NEARRT_ASSIGN_OR_RETURN(Operand msg, GetMemoryOrRegister(msg_ptr, msg_len));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::p256_verify_byte, msg.view.size()));
  NEARRT_ASSIGN_OR_RETURN(Operand key, GetMemoryOrRegister(pub_key_ptr, pub_key_len));
  if (key.view.size() != 33) {
    return Err(HostError(HostErrorKind::P256VerifyInvalidInput, "invalid public key length"));
  }
  // The message is the prehash (verify_prehash); a bad key also returns 0.
  return crypto::P256VerifyPrehash(sig, msg.view,
                                   std::span<const uint8_t, 33>(key.view.data(), 33))
             ? 1
             : 0;
}

}  // namespace nearrt::vm
