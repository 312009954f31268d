// Scalar types shared by the VM layer: gas, balances (u128), hashes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nearrt::vm {

using Gas = uint64_t;
using Compute = uint64_t;
using StorageUsage = uint64_t;
using PromiseIndex = uint64_t;
using ReceiptIndex = uint64_t;
using ActionIndex = uint64_t;
using Nonce = uint64_t;
using NonceIndex = uint16_t;

// NEAR balances are u128 yoctoNEAR. Both g++/clang and emcc support
// unsigned __int128, so arithmetic is native and identical everywhere.
using Balance = unsigned __int128;

// 32-byte hashes (CryptoHash, data ids, yield ids).
using Hash32 = std::array<uint8_t, 32>;

// Decimal rendering and parsing of u128 values (JSON uses decimal strings).
std::string BalanceToString(Balance value);
std::optional<Balance> ParseBalance(std::string_view text);

inline Balance LoadU128LE(const uint8_t* p) {
  Balance v = 0;
  for (int i = 15; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
inline void StoreU128LE(Balance v, uint8_t* p) {
  for (int i = 0; i < 16; ++i) {
    p[i] = static_cast<uint8_t>(v);
    v >>= 8;
  }
}
inline uint64_t LoadU64LE(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Checked arithmetic helpers (nearcore uses checked_* everywhere gas is
// computed; an overflow is an error, never a wrap).
inline bool CheckedAdd(uint64_t a, uint64_t b, uint64_t* out) {
  return !__builtin_add_overflow(a, b, out);
}
inline bool CheckedMul(uint64_t a, uint64_t b, uint64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}
inline uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  uint64_t r;
  return __builtin_add_overflow(a, b, &r) ? UINT64_MAX : r;
}
inline uint64_t SaturatingSub(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }

}  // namespace nearrt::vm
