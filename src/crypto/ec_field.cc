#include "crypto/ec_field.h"

namespace nearrt::crypto::ec {
namespace {

using u128 = unsigned __int128;

}  // namespace

U256 U256::FromBigEndian(std::span<const uint8_t, 32> b) {
  U256 r;
  for (int i = 0; i < 32; ++i) r.w[3 - i / 8] = (r.w[3 - i / 8] << 8) | b[i];
  return r;
}

U256 U256::FromLittleEndian(std::span<const uint8_t, 32> b) {
  U256 r;
  for (int i = 31; i >= 0; --i) r.w[i / 8] = (r.w[i / 8] << 8) | b[i];
  return r;
}

std::array<uint8_t, 32> U256::ToBigEndian() const {
  std::array<uint8_t, 32> out;
  for (int i = 0; i < 32; ++i) out[i] = uint8_t(w[3 - i / 8] >> (56 - 8 * (i % 8)));
  return out;
}

std::array<uint8_t, 32> U256::ToLittleEndian() const {
  std::array<uint8_t, 32> out;
  for (int i = 0; i < 32; ++i) out[i] = uint8_t(w[i / 8] >> (8 * (i % 8)));
  return out;
}

int U256::BitLength() const {
  for (int i = 3; i >= 0; --i) {
    if (w[i]) return 64 * i + 64 - __builtin_clzll(w[i]);
  }
  return 0;
}

int Compare(const U256& a, const U256& b) {
  for (int i = 3; i >= 0; --i) {
    if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
  }
  return 0;
}

uint64_t AddWithCarry(U256& r, const U256& a, const U256& b) {
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) {
    u128 t = u128(a.w[i]) + b.w[i] + carry;
    r.w[i] = uint64_t(t);
    carry = uint64_t(t >> 64);
  }
  return carry;
}

uint64_t SubWithBorrow(U256& r, const U256& a, const U256& b) {
  uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) {
    u128 t = u128(a.w[i]) - b.w[i] - borrow;
    r.w[i] = uint64_t(t);
    borrow = uint64_t(t >> 64) & 1;
  }
  return borrow;
}

U256 ShiftRight1(const U256& a, uint64_t top) {
  U256 r;
  for (int i = 0; i < 3; ++i) r.w[i] = (a.w[i] >> 1) | (a.w[i + 1] << 63);
  r.w[3] = (a.w[3] >> 1) | (top << 63);
  return r;
}

ModField::ModField(const U256& modulus) : m_(modulus) {
  // Newton iteration for m^-1 mod 2^64 (m odd), doubling correct bits each step.
  uint64_t inv = 1;
  for (int i = 0; i < 7; ++i) inv *= 2 - m_.w[0] * inv;
  m0inv_ = ~inv + 1;
  // one_ = 2^256 mod m and r2_ = 2^512 mod m by repeated modular doubling.
  U256 x = U256::Small(1);
  for (int i = 0; i < 512; ++i) {
    U256 d;
    uint64_t carry = AddWithCarry(d, x, x);
    if (carry || Compare(d, m_) >= 0) SubWithBorrow(d, d, m_);
    x = d;
    if (i == 255) one_ = x;
  }
  r2_ = x;
}

// Montgomery multiplication (CIOS): a * b * 2^-256 mod m.
// REQUIRES: a * b < m * 2^256 (true when either input is < m).
U256 ModField::Mul(const U256& a, const U256& b) const {
  uint64_t t[6] = {0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    uint64_t c = 0;
    for (int j = 0; j < 4; ++j) {
      u128 s = u128(a.w[j]) * b.w[i] + t[j] + c;
      t[j] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    u128 s = u128(t[4]) + c;
    t[4] = uint64_t(s);
    t[5] = uint64_t(s >> 64);
    uint64_t q = t[0] * m0inv_;
    s = u128(q) * m_.w[0] + t[0];
    c = uint64_t(s >> 64);
    for (int j = 1; j < 4; ++j) {
      s = u128(q) * m_.w[j] + t[j] + c;
      t[j - 1] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    s = u128(t[4]) + c;
    t[3] = uint64_t(s);
    t[4] = t[5] + uint64_t(s >> 64);
  }
  U256 r = U256::FromWords(t[3], t[2], t[1], t[0]);
  if (t[4] || Compare(r, m_) >= 0) SubWithBorrow(r, r, m_);
  return r;
}

U256 ModField::Add(const U256& a, const U256& b) const {
  U256 r;
  uint64_t carry = AddWithCarry(r, a, b);
  if (carry || Compare(r, m_) >= 0) SubWithBorrow(r, r, m_);
  return r;
}

U256 ModField::Sub(const U256& a, const U256& b) const {
  U256 r;
  if (SubWithBorrow(r, a, b)) AddWithCarry(r, r, m_);
  return r;
}

U256 ModField::Neg(const U256& a) const {
  if (a.IsZero()) return a;
  U256 r;
  SubWithBorrow(r, m_, a);
  return r;
}

U256 ModField::Pow(const U256& a, const U256& e) const {
  U256 r = one_;
  for (int i = e.BitLength() - 1; i >= 0; --i) {
    r = Sqr(r);
    if (e.Bit(i)) r = Mul(r, a);
  }
  return r;
}

U256 ModField::Inv(const U256& a) const {
  U256 e;
  SubWithBorrow(e, m_, U256::Small(2));
  return Pow(a, e);
}

bool ModField::Sqrt3Mod4(const U256& a, U256& root) const {
  // (m + 1) / 4, computed without overflow as (m >> 2) + 1 since m = 3 mod 4.
  U256 e = ShiftRight1(ShiftRight1(m_));
  AddWithCarry(e, e, U256::Small(1));
  U256 r = Pow(a, e);
  if (!(Sqr(r) == a)) return false;
  root = r;
  return true;
}

}  // namespace nearrt::crypto::ec
