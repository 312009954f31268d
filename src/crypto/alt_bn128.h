// alt_bn128 (BN254) host-function primitives, byte-exact with nearcore
// (runtime/near-vm-runner/src/logic/alt_bn128.rs on zeropool-bn 0.5.11).
//
// Each function takes exactly the bytes the host function reads from guest
// memory and returns what nearcore computes. Errors are nearcore's
// HostError::AltBn128InvalidInput; Error::message is its `msg` text exactly:
//   "slice of size N cannot be precisely split into chunks of size K"
//   "invalid fq: [..]" / "invalid fr: [..]" / "invalid g1: [..]" /
//   "invalid g2: [..]" / "invalid bool: [..]"
// where [..] is Rust's `{:X?}` rendering of the offending raw bytes
// (e.g. "[8B, 0, 1A]").
//
// Encoding (all little-endian):
//   Fq, Fr   32-byte LE integers, must be < q resp. < r (no reduction).
//   G1       x ‖ y (64 bytes); (0, 0) is the point at infinity; otherwise the
//            point must be on y^2 = x^3 + 3 (cofactor 1: no subgroup check).
//   Fq2      c0 (real) ‖ c1 (imaginary), 64 bytes.
//   G2       x ‖ y (128 bytes); (0, 0) is infinity; otherwise on the twist and
//            r * Q == O.
//   sign     1 byte: 0 = +, 1 = -, anything else is an error.
//
// Gas (charged by the VM, logic.rs): X_base; read memory; split the input
// (a length that is not a multiple of the item size is the HostError above,
// raised before the per-element charge); X_element * n where
// n = AltBn128ElementCount(...); compute (decode errors raised here); for
// multiexp/sum write a 64-byte register.
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::crypto {

inline constexpr size_t kAltBn128G1MultiexpItemSize = 96;  // G1 (64) ‖ Fr (32)
inline constexpr size_t kAltBn128G1SumItemSize = 65;       // sign (1) ‖ G1 (64)
inline constexpr size_t kAltBn128PairingItemSize = 192;    // G1 (64) ‖ G2 (128)

// nearcore's split_elements: len / item_size, or the inexact-chunking error.
Result<uint64_t> AltBn128ElementCount(size_t data_len, size_t item_size);

// sum_i s_i * P_i; 64-byte encoded G1 (infinity = 64 zero bytes).
Result<Bytes> AltBn128G1Multiexp(ByteView data);
// sum_i (-1)^sign_i * P_i folded from zero; 64-byte encoded G1.
Result<Bytes> AltBn128G1Sum(ByteView data);
// prod_i e(P_i, Q_i) == 1 (host function returns 1 for true, 0 for false).
// Pairs with either point at infinity are skipped; empty input is true.
Result<bool> AltBn128PairingCheck(ByteView data);

}  // namespace nearrt::crypto
