// 256-bit integers and arithmetic modulo an odd 256-bit prime, for the
// portable signature code (secp256k1, P-256, ed25519). Not constant time:
// verification only handles public data, and signing is for tests.
//
// Naming key: a `U256` is a plain integer; values passed to and returned by
// `ModField` arithmetic (Mul, Add, ...) are in Montgomery form ("mont") and
// always fully reduced (< modulus). `ToMont`/`FromMont` convert.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace nearrt::crypto::ec {

// Little-endian 64-bit limbs: w[0] is least significant.
struct U256 {
  uint64_t w[4] = {0, 0, 0, 0};

  static U256 FromBigEndian(std::span<const uint8_t, 32> b);
  static U256 FromLittleEndian(std::span<const uint8_t, 32> b);
  static constexpr U256 FromWords(uint64_t w3, uint64_t w2, uint64_t w1, uint64_t w0) {
    U256 r;
    r.w[0] = w0;
    r.w[1] = w1;
    r.w[2] = w2;
    r.w[3] = w3;
    return r;
  }
  static constexpr U256 Small(uint64_t v) { return FromWords(0, 0, 0, v); }

  std::array<uint8_t, 32> ToBigEndian() const;
  std::array<uint8_t, 32> ToLittleEndian() const;

  bool IsZero() const { return (w[0] | w[1] | w[2] | w[3]) == 0; }
  bool Bit(int i) const { return (w[i >> 6] >> (i & 63)) & 1; }
  bool IsOdd() const { return w[0] & 1; }
  // Index of the highest set bit plus one; 0 for zero.
  int BitLength() const;

  friend bool operator==(const U256& a, const U256& b) {
    return a.w[0] == b.w[0] && a.w[1] == b.w[1] && a.w[2] == b.w[2] && a.w[3] == b.w[3];
  }
};

// -1, 0 or 1.
int Compare(const U256& a, const U256& b);
// r = a + b; returns the carry out (0 or 1).
uint64_t AddWithCarry(U256& r, const U256& a, const U256& b);
// r = a - b; returns the borrow out (0 or 1).
uint64_t SubWithBorrow(U256& r, const U256& a, const U256& b);
// a >> 1 with `top` shifted into bit 255.
U256 ShiftRight1(const U256& a, uint64_t top = 0);

// Arithmetic modulo an odd modulus m < 2^256 (prime for Inv and Sqrt).
class ModField {
 public:
  explicit ModField(const U256& modulus);

  const U256& modulus() const { return m_; }
  const U256& one() const { return one_; }  // 1 in Montgomery form

  // Any x < 2^256 (not only x < m) is accepted by ToMont and Reduce.
  U256 ToMont(const U256& x) const { return Mul(x, r2_); }
  U256 FromMont(const U256& a) const { return Mul(a, U256::Small(1)); }
  // x mod m, plain in and out.
  U256 Reduce(const U256& x) const { return FromMont(ToMont(x)); }

  U256 Mul(const U256& a, const U256& b) const;
  U256 Sqr(const U256& a) const { return Mul(a, a); }
  U256 Add(const U256& a, const U256& b) const;
  U256 Sub(const U256& a, const U256& b) const;
  U256 Neg(const U256& a) const;
  // a^e for a plain exponent e.
  U256 Pow(const U256& a, const U256& e) const;
  // a^-1 by Fermat (m prime); 0 maps to 0.
  U256 Inv(const U256& a) const;
  // For m = 3 mod 4: writes a square root of `a` to `root` and returns true,
  // or returns false if `a` is not a square.
  bool Sqrt3Mod4(const U256& a, U256& root) const;

  // Plain value helpers.
  bool IsReduced(const U256& x) const { return Compare(x, m_) < 0; }
  // The plain value of a Montgomery element is odd (sign in SEC1 / RFC 8032).
  bool IsOddMont(const U256& a) const { return FromMont(a).IsOdd(); }

 private:
  U256 m_;
  uint64_t m0inv_;  // -m^-1 mod 2^64
  U256 r2_;         // 2^512 mod m
  U256 one_;        // 2^256 mod m
};

}  // namespace nearrt::crypto::ec
