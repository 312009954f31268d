// BLS12-381 host-function primitives, byte-exact with nearcore
// (runtime/near-vm-runner/src/logic/bls12381.rs on blst 0.3.11).
//
// Each function takes exactly the bytes the host function reads from guest
// memory. The error path is nearcore's HostError::BLS12381InvalidInput, raised
// only for a length that is not a multiple of the item size; Error::message is
// its msg: "Incorrect input length for <name>: <len> is not divisible by <k>"
// with <name> one of bls12381_p1_sum, bls12381_p2_sum, bls12381_p1_multiexp,
// bls12381_p2_multiexp (sic: nearcore's names for g1/g2_multiexp),
// bls12381_map_fp_to_g1, bls12381_map_fp2_to_g2, bls12381_p1_decompress,
// bls12381_p2_decompress, bls12381_pairing_check.
// Everything else is a return code (Bls12381Output::code): 0 = success and
// `out` goes to the register, 1 = invalid point/encoding and nothing is
// written. Pairing returns 0 (product is one), 2 (not one) or 1 (bad input).
//
// Encodings (ZCash / blst): Fp is 48 bytes big-endian; Fp2 is c1 ‖ c0;
// scalars are 32 bytes little-endian, any 256-bit value. Uncompressed points
// (G1 96 bytes, G2 192) carry flags in the top 3 bits of byte 0: 0x80 must be
// clear, 0x40 = infinity (rest all zero), 0x20 alone is invalid; an all-zero
// point is (0, 0), not on the curve, hence invalid. Compressed points (48 / 96
// bytes) need 0x80; 0x40 = infinity; 0x20 selects the lexicographically
// larger y. Sums and decompression check only the curve equation; multiexp and
// pairing also check subgroup membership. Points with x = 0 ((0, +-2) on E1)
// are rejected unless `not_in_group_fix` (NEP-488, nightly only: false at
// protocol version 86); the pairing rejects them regardless.
//
// Gas (charged by the VM): for sum/multiexp/map/decompress, X_base then
// X_element * (value_len / item) computed from the *argument* value_len before
// memory is read (so the floor of a non-multiple length is charged before
// the length HostError); for pairing, bls12381_pairing_base, then the memory
// read, then bls12381_pairing_element * (len / 288) before the length check.
// Bls12381ElementCount gives that floor.
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::crypto {

inline constexpr size_t kBls12381P1SumItemSize = 97;          // sign ‖ G1
inline constexpr size_t kBls12381P2SumItemSize = 193;         // sign ‖ G2
inline constexpr size_t kBls12381G1MultiexpItemSize = 128;    // G1 ‖ scalar
inline constexpr size_t kBls12381G2MultiexpItemSize = 224;    // G2 ‖ scalar
inline constexpr size_t kBls12381MapFpToG1ItemSize = 48;
inline constexpr size_t kBls12381MapFp2ToG2ItemSize = 96;
inline constexpr size_t kBls12381P1DecompressItemSize = 48;
inline constexpr size_t kBls12381P2DecompressItemSize = 96;
inline constexpr size_t kBls12381PairingItemSize = 288;       // G1 ‖ G2

inline constexpr uint64_t Bls12381ElementCount(uint64_t len, size_t item_size) {
  return len / item_size;
}

struct Bls12381Output {
  uint64_t code = 0;  // host function return value
  Bytes out;          // register contents when code == 0 (not for pairing)
};

Result<Bls12381Output> Bls12381P1Sum(ByteView data, bool not_in_group_fix = false);
Result<Bls12381Output> Bls12381P2Sum(ByteView data, bool not_in_group_fix = false);
Result<Bls12381Output> Bls12381G1Multiexp(ByteView data, bool not_in_group_fix = false);
Result<Bls12381Output> Bls12381G2Multiexp(ByteView data, bool not_in_group_fix = false);
Result<Bls12381Output> Bls12381MapFpToG1(ByteView data);
Result<Bls12381Output> Bls12381MapFp2ToG2(ByteView data);
Result<Bls12381Output> Bls12381P1Decompress(ByteView data, bool not_in_group_fix = false);
Result<Bls12381Output> Bls12381P2Decompress(ByteView data, bool not_in_group_fix = false);
// Returns the host function's value: 0, 1 or 2.
Result<uint64_t> Bls12381PairingCheck(ByteView data);

}  // namespace nearrt::crypto
