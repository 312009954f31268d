// alt_bn128_* and bls12381_* host functions (nearcore wasmtime_runner/
// logic.rs, "Math API"): the charges in nearcore's order; the curve
// arithmetic is in src/crypto (alt_bn128.h, bls12_381.h).
#include "crypto/alt_bn128.h"
#include "crypto/bls12_381.h"
#include "vm/logic.h"

namespace nearrt::vm {
namespace {

HostError AltBn128Error(const Error& e) {
  return HostError(HostErrorKind::AltBn128InvalidInput, e.message);
}

HostError Bls12381Error(const Error& e) {
  return HostError(HostErrorKind::BLS12381InvalidInput, e.message);
}

}  // namespace

VMStatus VMLogic::AltBn128G1Multiexp(uint64_t value_len, uint64_t value_ptr,
                                     uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::alt_bn128_g1_multiexp_base));
  NEARRT_ASSIGN_OR_RETURN(Operand data, GetMemoryOrRegister(value_ptr, value_len));
  Result<uint64_t> n =
      crypto::AltBn128ElementCount(data.view.size(), crypto::kAltBn128G1MultiexpItemSize);
  if (!n.ok()) return Err(AltBn128Error(n.error()));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::alt_bn128_g1_multiexp_element, *n));
  Result<Bytes> res = crypto::AltBn128G1Multiexp(data.view);
  if (!res.ok()) return Err(AltBn128Error(res.error()));
  return SetRegister(register_id, *res);
}

VMStatus VMLogic::AltBn128G1Sum(uint64_t value_len, uint64_t value_ptr, uint64_t register_id) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::alt_bn128_g1_sum_base));
  NEARRT_ASSIGN_OR_RETURN(Operand data, GetMemoryOrRegister(value_ptr, value_len));
  Result<uint64_t> n =
      crypto::AltBn128ElementCount(data.view.size(), crypto::kAltBn128G1SumItemSize);
  if (!n.ok()) return Err(AltBn128Error(n.error()));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::alt_bn128_g1_sum_element, *n));
  Result<Bytes> res = crypto::AltBn128G1Sum(data.view);
  if (!res.ok()) return Err(AltBn128Error(res.error()));
  return SetRegister(register_id, *res);
}

VMResult<uint64_t> VMLogic::AltBn128PairingCheck(uint64_t value_len, uint64_t value_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::alt_bn128_pairing_check_base));
  NEARRT_ASSIGN_OR_RETURN(Operand data, GetMemoryOrRegister(value_ptr, value_len));
  Result<uint64_t> n =
      crypto::AltBn128ElementCount(data.view.size(), crypto::kAltBn128PairingItemSize);
  if (!n.ok()) return Err(AltBn128Error(n.error()));
  NEARRT_TRY(gas_counter().PayPer(ExtCost::alt_bn128_pairing_check_element, *n));
  Result<bool> res = crypto::AltBn128PairingCheck(data.view);
  if (!res.ok()) return Err(AltBn128Error(res.error()));
  return *res ? 1 : 0;
}

// bls12381_impl!: X_base, then X_element * (value_len / item) from the
// length argument before anything is read, then the read; 0 and the result
// in the register, or 1 (invalid point/encoding, nothing written).
template <class F>
VMResult<uint64_t> VMLogic::Bls12381Impl(ExtCost base, ExtCost element, size_t item_size,
                                         uint64_t value_len, uint64_t value_ptr,
                                         uint64_t register_id, F compute) {
  NEARRT_TRY(gas_counter().PayBase(base));
  NEARRT_TRY(gas_counter().PayPer(element, crypto::Bls12381ElementCount(value_len, item_size)));
  NEARRT_ASSIGN_OR_RETURN(Operand data, GetMemoryOrRegister(value_ptr, value_len));
  Result<crypto::Bls12381Output> res = compute(data.view);
  if (!res.ok()) return Err(Bls12381Error(res.error()));
  if (res->code != 0) return res->code;
  NEARRT_TRY(SetRegister(register_id, res->out));
  return 0;
}

VMResult<uint64_t> VMLogic::Bls12381P1Sum(uint64_t len, uint64_t ptr, uint64_t reg) {
  bool fix = config_.bls12381_not_in_group_fix;
  return Bls12381Impl(ExtCost::bls12381_p1_sum_base, ExtCost::bls12381_p1_sum_element,
                      crypto::kBls12381P1SumItemSize, len, ptr, reg,
                      [fix](ByteView d) { return crypto::Bls12381P1Sum(d, fix); });
}

VMResult<uint64_t> VMLogic::Bls12381P2Sum(uint64_t len, uint64_t ptr, uint64_t reg) {
  bool fix = config_.bls12381_not_in_group_fix;
  return Bls12381Impl(ExtCost::bls12381_p2_sum_base, ExtCost::bls12381_p2_sum_element,
                      crypto::kBls12381P2SumItemSize, len, ptr, reg,
                      [fix](ByteView d) { return crypto::Bls12381P2Sum(d, fix); });
}

VMResult<uint64_t> VMLogic::Bls12381G1Multiexp(uint64_t len, uint64_t ptr, uint64_t reg) {
  bool fix = config_.bls12381_not_in_group_fix;
  return Bls12381Impl(ExtCost::bls12381_g1_multiexp_base, ExtCost::bls12381_g1_multiexp_element,
                      crypto::kBls12381G1MultiexpItemSize, len, ptr, reg,
                      [fix](ByteView d) { return crypto::Bls12381G1Multiexp(d, fix); });
}

VMResult<uint64_t> VMLogic::Bls12381G2Multiexp(uint64_t len, uint64_t ptr, uint64_t reg) {
  bool fix = config_.bls12381_not_in_group_fix;
  return Bls12381Impl(ExtCost::bls12381_g2_multiexp_base, ExtCost::bls12381_g2_multiexp_element,
                      crypto::kBls12381G2MultiexpItemSize, len, ptr, reg,
                      [fix](ByteView d) { return crypto::Bls12381G2Multiexp(d, fix); });
}

VMResult<uint64_t> VMLogic::Bls12381MapFpToG1(uint64_t len, uint64_t ptr, uint64_t reg) {
  return Bls12381Impl(ExtCost::bls12381_map_fp_to_g1_base,
                      ExtCost::bls12381_map_fp_to_g1_element,
                      crypto::kBls12381MapFpToG1ItemSize, len, ptr, reg,
                      [](ByteView d) { return crypto::Bls12381MapFpToG1(d); });
}

VMResult<uint64_t> VMLogic::Bls12381MapFp2ToG2(uint64_t len, uint64_t ptr, uint64_t reg) {
  return Bls12381Impl(ExtCost::bls12381_map_fp2_to_g2_base,
                      ExtCost::bls12381_map_fp2_to_g2_element,
                      crypto::kBls12381MapFp2ToG2ItemSize, len, ptr, reg,
                      [](ByteView d) { return crypto::Bls12381MapFp2ToG2(d); });
}

VMResult<uint64_t> VMLogic::Bls12381P1Decompress(uint64_t len, uint64_t ptr, uint64_t reg) {
  bool fix = config_.bls12381_not_in_group_fix;
  return Bls12381Impl(ExtCost::bls12381_p1_decompress_base,
                      ExtCost::bls12381_p1_decompress_element,
                      crypto::kBls12381P1DecompressItemSize, len, ptr, reg,
                      [fix](ByteView d) { return crypto::Bls12381P1Decompress(d, fix); });
}

VMResult<uint64_t> VMLogic::Bls12381P2Decompress(uint64_t len, uint64_t ptr, uint64_t reg) {
  bool fix = config_.bls12381_not_in_group_fix;
  return Bls12381Impl(ExtCost::bls12381_p2_decompress_base,
                      ExtCost::bls12381_p2_decompress_element,
                      crypto::kBls12381P2DecompressItemSize, len, ptr, reg,
                      [fix](ByteView d) { return crypto::Bls12381P2Decompress(d, fix); });
}

VMResult<uint64_t> VMLogic::Bls12381PairingCheck(uint64_t value_len, uint64_t value_ptr) {
  NEARRT_TRY(gas_counter().PayBase(ExtCost::bls12381_pairing_base));
  NEARRT_ASSIGN_OR_RETURN(Operand data, GetMemoryOrRegister(value_ptr, value_len));
  // The element count comes from the data read (not the argument), before
  // the length check.
  NEARRT_TRY(gas_counter().PayPer(
      ExtCost::bls12381_pairing_element,
      crypto::Bls12381ElementCount(data.view.size(), crypto::kBls12381PairingItemSize)));
  Result<uint64_t> res = crypto::Bls12381PairingCheck(data.view);
  if (!res.ok()) return Err(Bls12381Error(res.error()));
  return *res;
}

}  // namespace nearrt::vm
