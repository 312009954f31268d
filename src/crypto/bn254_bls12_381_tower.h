// Field arithmetic shared by the BN254 (alt_bn128) and BLS12-381 code:
// a Montgomery prime field with 64-bit limbs and the pairing tower
//   Fp2  = Fp[u]  / (u^2 + 1)
//   Fp6  = Fp2[v] / (v^3 - xi)
//   Fp12 = Fp6[w] / (w^2 - v)
// The only curve-specific inputs are the modulus (Fp params) and xi (Fp6
// params: xi = 9 + u for BN254, 1 + u for BLS12-381).
//
// All inputs to the NEAR host functions are public, so nothing here needs to
// hide data-dependent timing; the basic Fp operations are branch-free anyway,
// exponentiations branch on the (public) exponent bits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>
#define NEARRT_TOWER_X86_CARRY 1
#endif

namespace nearrt::crypto::tower {

using u128 = unsigned __int128;

// Add/subtract with carry. On x86-64 the intrinsics compile to adc/sbb
// chains (GCC's code for the portable unsigned __int128 form is about twice
// as long); both forms compute the same values.
inline uint8_t AddC(uint8_t c, uint64_t a, uint64_t b, uint64_t* out) {
#ifdef NEARRT_TOWER_X86_CARRY
  unsigned long long o;
  c = _addcarry_u64(c, a, b, &o);
  *out = o;
  return c;
#else
  u128 s = (u128)a + b + c;
  *out = (uint64_t)s;
  return (uint8_t)(s >> 64);
#endif
}
// 64 x 64 -> 128-bit product: lo + hi * 2^64. wasm32 has no widening
// multiply and lowers unsigned __int128 products to a __multi3 call (a full
// 128 x 128 product); four 32-bit partial products inline are cheaper there.
// (Natively the plain __int128 product is used: GCC schedules it better.)
#if defined(__EMSCRIPTEN__) || defined(__wasm__)
#define NEARRT_TOWER_MUL_WIDE(a, b, lo, hi)                                      \
  uint64_t lo, hi;                                                               \
  {                                                                              \
    uint64_t a0_ = (uint32_t)(a), a1_ = (a) >> 32, b0_ = (uint32_t)(b), b1_ = (b) >> 32; \
    uint64_t p00_ = a0_ * b0_, p01_ = a0_ * b1_, p10_ = a1_ * b0_, p11_ = a1_ * b1_;     \
    uint64_t mid_ = (p00_ >> 32) + (uint32_t)p01_ + (uint32_t)p10_;                      \
    lo = (mid_ << 32) | (uint32_t)p00_;                                          \
    hi = p11_ + (p01_ >> 32) + (p10_ >> 32) + (mid_ >> 32);                      \
  }
#else
#define NEARRT_TOWER_MUL_WIDE(a, b, lo, hi) \
  u128 lo##_p = (u128)(a) * (b);            \
  uint64_t lo = (uint64_t)lo##_p, hi = (uint64_t)(lo##_p >> 64)
#endif
inline uint8_t SubB(uint8_t b, uint64_t x, uint64_t y, uint64_t* out) {
#ifdef NEARRT_TOWER_X86_CARRY
  unsigned long long o;
  b = _subborrow_u64(b, x, y, &o);
  *out = o;
  return b;
#else
  u128 d = (u128)x - y - b;
  *out = (uint64_t)d;
  return (uint8_t)((d >> 64) & 1);
#endif
}

// ---------------------------------------------------------------------------
// Compile-time helpers on little-endian limb arrays.
// ---------------------------------------------------------------------------
template <size_t N>
using Limbs = std::array<uint64_t, N>;

template <size_t N>
constexpr bool GeqLimbs(const Limbs<N>& a, const Limbs<N>& b) {
  for (size_t i = N; i-- > 0;) {
    if (a[i] != b[i]) return a[i] > b[i];
  }
  return true;
}

template <size_t N>
constexpr uint64_t SubLimbs(Limbs<N>& a, const Limbs<N>& b) {  // a -= b, returns borrow
  uint64_t borrow = 0;
  for (size_t i = 0; i < N; ++i) {
    u128 d = (u128)a[i] - b[i] - borrow;
    a[i] = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
  }
  return borrow;
}

template <size_t N>
constexpr uint64_t AddLimbs(Limbs<N>& a, const Limbs<N>& b) {  // a += b, returns carry
  uint64_t carry = 0;
  for (size_t i = 0; i < N; ++i) {
    u128 s = (u128)a[i] + b[i] + carry;
    a[i] = (uint64_t)s;
    carry = (uint64_t)(s >> 64);
  }
  return carry;
}

// 2^(64N) mod p, by repeated doubling of 1 (p < 2^(64N-1)).
template <size_t N>
constexpr Limbs<N> DoubleModRepeatedly(Limbs<N> x, const Limbs<N>& p, int times) {
  for (int t = 0; t < times; ++t) {
    uint64_t carry = 0;
    for (size_t i = 0; i < N; ++i) {
      uint64_t nc = x[i] >> 63;
      x[i] = (x[i] << 1) | carry;
      carry = nc;
    }
    if (carry || GeqLimbs<N>(x, p)) SubLimbs<N>(x, p);
  }
  return x;
}

// x >> k for small k, and x +- small constant (no overflow expected).
template <size_t N>
constexpr Limbs<N> ShrLimbs(Limbs<N> x, int k) {
  for (size_t i = 0; i < N; ++i) {
    x[i] = (x[i] >> k) | (i + 1 < N ? x[i + 1] << (64 - k) : 0);
  }
  return x;
}
template <size_t N>
constexpr Limbs<N> AddSmall(Limbs<N> x, uint64_t c) {
  Limbs<N> y{};
  y[0] = c;
  AddLimbs<N>(x, y);
  return x;
}
template <size_t N>
constexpr Limbs<N> SubSmall(Limbs<N> x, uint64_t c) {
  Limbs<N> y{};
  y[0] = c;
  SubLimbs<N>(x, y);
  return x;
}
// x / d for a small divisor d (exact or floor).
template <size_t N>
constexpr Limbs<N> DivSmall(Limbs<N> x, uint64_t d) {
  u128 rem = 0;
  for (size_t i = N; i-- > 0;) {
    u128 cur = (rem << 64) | x[i];
    x[i] = (uint64_t)(cur / d);
    rem = cur % d;
  }
  return x;
}

template <size_t N>
constexpr bool BitOf(const Limbs<N>& e, size_t i) {
  return (e[i / 64] >> (i % 64)) & 1;
}
template <size_t N>
constexpr size_t BitLength(const Limbs<N>& e) {
  for (size_t i = N; i-- > 0;) {
    if (e[i]) return i * 64 + 64 - (size_t)__builtin_clzll(e[i]);
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Fp: Montgomery form, R = 2^(64N). Params provides
//   static constexpr size_t kN; static constexpr Limbs<kN> kModulus;
// The modulus must leave the top bit of the top limb free (both curves do),
// which allows the carry-free CIOS multiplication below.
// ---------------------------------------------------------------------------
template <class Params>
class Fp {
 public:
  static constexpr size_t N = Params::kN;
  using L = Limbs<N>;
  static constexpr L kP = Params::kModulus;
  static_assert(kP[N - 1] < (~uint64_t{0} >> 1) - 1, "modulus too large for no-carry CIOS");

  static constexpr uint64_t ComputeInv() {  // -p^-1 mod 2^64 (Newton)
    uint64_t inv = 1;
    for (int i = 0; i < 7; ++i) inv *= 2 - kP[0] * inv;
    return ~inv + 1;
  }
  static constexpr uint64_t kInv = ComputeInv();
  static constexpr L kOneLimbs = [] { L one{}; one[0] = 1; return one; }();
  static constexpr L kR = DoubleModRepeatedly<N>(kOneLimbs, kP, 64 * N);
  static constexpr L kR2 = DoubleModRepeatedly<N>(kR, kP, 64 * N);
  static constexpr L kPMinus2 = SubSmall<N>(kP, 2);
  static constexpr L kPPlus1Div4 = ShrLimbs<N>(AddSmall<N>(kP, 1), 2);
  static constexpr L kPMinus1Div2 = ShrLimbs<N>(SubSmall<N>(kP, 1), 1);
  static constexpr L kPMinus3Div4 = ShrLimbs<N>(SubSmall<N>(kP, 3), 2);
  static_assert((kP[0] & 3) == 3, "sqrt assumes p = 3 mod 4");

  L v{};  // Montgomery representation, always fully reduced (< p).

  static Fp Zero() { return Fp(); }
  static Fp One() { Fp r; r.v = kR; return r; }
  static Fp FromMont(const L& m) { Fp r; r.v = m; return r; }
  // From a canonical integer < p.
  static Fp FromInt(const L& a) {
    Fp t; t.v = a;
    Fp r2; r2.v = kR2;
    return t * r2;
  }
  static Fp FromU64(uint64_t x) { L a{}; a[0] = x; return FromInt(a); }
  // From a big-endian hex string (no prefix) of a value < p; used for
  // constants only.
  static Fp FromHex(const char* hex) {
    L a{};
    size_t len = std::strlen(hex);
    for (size_t i = 0; i < len; ++i) {
      char c = hex[len - 1 - i];
      uint64_t d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;
      a[i / 16] |= d << (4 * (i % 16));
    }
    return FromInt(a);
  }
  L ToInt() const {
    Fp one; one.v = kOneLimbs;
    return (*this * one).v;
  }

  // Big-endian bytes (N*8 or fewer, e.g. 48 for BLS12-381) <-> integer.
  // Returns false if the value is >= p.
  static bool FromBytesBE(const uint8_t* in, size_t len, Fp* out) {
    L a{};
    for (size_t i = 0; i < len; ++i) {
      size_t bit = (len - 1 - i) * 8;
      a[bit / 64] |= (uint64_t)in[i] << (bit % 64);
    }
    if (GeqLimbs<N>(a, kP)) return false;
    *out = FromInt(a);
    return true;
  }
  static bool FromBytesLE(const uint8_t* in, size_t len, Fp* out) {
    L a{};
    for (size_t i = 0; i < len; ++i) a[i / 8] |= (uint64_t)in[i] << (8 * (i % 8));
    if (GeqLimbs<N>(a, kP)) return false;
    *out = FromInt(a);
    return true;
  }
  void ToBytesBE(uint8_t* out, size_t len) const {
    L a = ToInt();
    for (size_t i = 0; i < len; ++i) {
      size_t bit = (len - 1 - i) * 8;
      out[i] = (uint8_t)(a[bit / 64] >> (bit % 64));
    }
  }
  void ToBytesLE(uint8_t* out, size_t len) const {
    L a = ToInt();
    for (size_t i = 0; i < len; ++i) out[i] = (uint8_t)(a[i / 8] >> (8 * (i % 8)));
  }

  bool IsZero() const {
    uint64_t acc = 0;
    for (size_t i = 0; i < N; ++i) acc |= v[i];
    return acc == 0;
  }
  bool operator==(const Fp& o) const {
    uint64_t acc = 0;
    for (size_t i = 0; i < N; ++i) acc |= v[i] ^ o.v[i];
    return acc == 0;
  }
  bool operator!=(const Fp& o) const { return !(*this == o); }

  // r = s if s < p else s - p (s < 2p).
  static void CondSubP(const uint64_t* s, uint64_t* r) {
    uint64_t d[N];
    uint8_t br = 0;
    for (size_t i = 0; i < N; ++i) br = SubB(br, s[i], kP[i], &d[i]);
    uint64_t mask = 0 - (uint64_t)br;  // borrow -> keep s
    for (size_t i = 0; i < N; ++i) r[i] = (s[i] & mask) | (d[i] & ~mask);
  }
  friend Fp operator+(const Fp& a, const Fp& b) {
    uint64_t s[N];
    uint8_t c = 0;  // no carry out: a, b < p < 2^(64N-1)
    for (size_t i = 0; i < N; ++i) c = AddC(c, a.v[i], b.v[i], &s[i]);
    Fp r;
    CondSubP(s, r.v.data());
    return r;
  }
  friend Fp operator-(const Fp& a, const Fp& b) {
    uint64_t d[N];
    uint8_t br = 0;
    for (size_t i = 0; i < N; ++i) br = SubB(br, a.v[i], b.v[i], &d[i]);
    uint64_t mask = 0 - (uint64_t)br;
    uint8_t c = 0;
    Fp r;
    for (size_t i = 0; i < N; ++i) c = AddC(c, d[i], kP[i] & mask, &r.v[i]);
    return r;
  }
  Fp operator-() const { return Zero() - *this; }
  Fp& operator+=(const Fp& o) { return *this = *this + o; }
  Fp& operator-=(const Fp& o) { return *this = *this - o; }
  Fp& operator*=(const Fp& o) { return *this = *this * o; }
  Fp Dbl() const { return *this + *this; }
  Fp Half() const {  // works on the Montgomery form directly (linear)
    uint64_t x[N];
    uint64_t mask = 0 - (v[0] & 1);
    uint8_t c = 0;
    for (size_t i = 0; i < N; ++i) c = AddC(c, v[i], kP[i] & mask, &x[i]);  // < 2^(64N)
    Fp r;
    for (size_t i = 0; i < N; ++i) r.v[i] = (x[i] >> 1) | (i + 1 < N ? x[i + 1] << 63 : 0);
    return r;
  }

  // Montgomery product (CIOS). With p < 2^(64N-1) every intermediate t stays
  // below 2p, so t fits in N words plus one carry word per row and a single
  // conditional subtraction finishes.
  friend Fp operator*(const Fp& a, const Fp& b) {
    uint64_t t[N] = {0};
    for (size_t i = 0; i < N; ++i) {
      uint64_t c = 0;
      for (size_t j = 0; j < N; ++j) {  // t += a * b[i]
        NEARRT_TOWER_MUL_WIDE(a.v[j], b.v[i], lo, hi);
        hi += AddC(0, lo, t[j], &lo);
        hi += AddC(0, lo, c, &lo);
        t[j] = lo;
        c = hi;
      }
      uint64_t top = c;
      uint64_t m = t[0] * kInv;
      c = 0;
      for (size_t j = 0; j < N; ++j) {  // (t + m p) / 2^64
        NEARRT_TOWER_MUL_WIDE(m, kP[j], lo, hi);
        hi += AddC(0, lo, t[j], &lo);
        hi += AddC(0, lo, c, &lo);
        if (j) t[j - 1] = lo;
        c = hi;
      }
      t[N - 1] = top + c;
    }
    Fp r;
    CondSubP(t, r.v.data());
    return r;
  }
  Fp Square() const { return *this * *this; }

  template <size_t M>
  Fp Pow(const Limbs<M>& e) const {
    Fp r = One();
    for (size_t i = BitLength<M>(e); i-- > 0;) {
      r = r.Square();
      if (BitOf<M>(e, i)) r = r * *this;
    }
    return r;
  }
  Fp Inverse() const { return Pow(kPMinus2); }  // 0 -> 0
  // Returns true and a root if this is a square (p = 3 mod 4).
  bool Sqrt(Fp* out) const {
    Fp c = Pow(kPPlus1Div4);
    if (c.Square() != *this) return false;
    *out = c;
    return true;
  }
  // "Sign" in the ZCash/blst sense: value > (p-1)/2.
  bool IsLexLarger() const {
    L a = ToInt();
    return !GeqLimbs<N>(kPMinus1Div2, a);
  }
  // RFC 9380 sgn0 for m = 1: parity of the canonical integer.
  bool Sgn0() const { return ToInt()[0] & 1; }
};

// ---------------------------------------------------------------------------
// Fp2 = Fp[u]/(u^2+1)
// ---------------------------------------------------------------------------
template <class F>
struct Fp2 {
  F c0, c1;

  static Fp2 Zero() { return {F::Zero(), F::Zero()}; }
  static Fp2 One() { return {F::One(), F::Zero()}; }
  bool IsZero() const { return c0.IsZero() && c1.IsZero(); }
  bool operator==(const Fp2& o) const { return c0 == o.c0 && c1 == o.c1; }
  bool operator!=(const Fp2& o) const { return !(*this == o); }
  friend Fp2 operator+(const Fp2& a, const Fp2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fp2 operator-(const Fp2& a, const Fp2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  Fp2 operator-() const { return {-c0, -c1}; }
  Fp2& operator+=(const Fp2& o) { return *this = *this + o; }
  Fp2& operator-=(const Fp2& o) { return *this = *this - o; }
  Fp2& operator*=(const Fp2& o) { return *this = *this * o; }
  Fp2 Dbl() const { return {c0.Dbl(), c1.Dbl()}; }
  Fp2 Half() const { return {c0.Half(), c1.Half()}; }
  friend Fp2 operator*(const Fp2& a, const Fp2& b) {
    F t0 = a.c0 * b.c0, t1 = a.c1 * b.c1;
    F s = (a.c0 + a.c1) * (b.c0 + b.c1);
    return {t0 - t1, s - t0 - t1};
  }
  Fp2 MulFp(const F& s) const { return {c0 * s, c1 * s}; }
  Fp2 Square() const {
    F a = c0 + c1, b = c0 - c1, m = c0 * c1;
    return {a * b, m.Dbl()};
  }
  Fp2 Conj() const { return {c0, -c1}; }
  F Norm() const { return c0.Square() + c1.Square(); }
  Fp2 Inverse() const {
    F n = Norm().Inverse();
    return {c0 * n, -(c1 * n)};
  }
  Fp2 MulByU() const { return {-c1, c0}; }  // * u
  template <size_t M>
  Fp2 Pow(const Limbs<M>& e) const {
    Fp2 r = One();
    for (size_t i = BitLength<M>(e); i-- > 0;) {
      r = r.Square();
      if (BitOf<M>(e, i)) r = r * *this;
    }
    return r;
  }
  // Square root for p = 3 mod 4 (Adj, Rodriguez-Henriquez, alg. 9); the result
  // is verified, so a false return means "not a square".
  bool Sqrt(Fp2* out) const {
    if (IsZero()) { *out = Zero(); return true; }
    Fp2 a1 = Pow(F::kPMinus3Div4);
    Fp2 alpha = a1.Square() * *this;
    Fp2 x0 = a1 * *this;
    Fp2 x;
    Fp2 minus_one = -One();
    if (alpha == minus_one) {
      x = x0.MulByU();
    } else {
      Fp2 b = (One() + alpha).Pow(F::kPMinus1Div2);
      x = b * x0;
    }
    if (x.Square() != *this) return false;
    *out = x;
    return true;
  }
  // ZCash/blst sign: c1 != 0 ? c1 > (p-1)/2 : c0 > (p-1)/2.
  bool IsLexLarger() const { return c1.IsZero() ? c0.IsLexLarger() : c1.IsLexLarger(); }
  // RFC 9380 sgn0 for m = 2.
  bool Sgn0() const {
    bool sign0 = c0.Sgn0();
    bool zero0 = c0.IsZero();
    bool sign1 = c1.Sgn0();
    return sign0 || (zero0 && sign1);
  }
};

// ---------------------------------------------------------------------------
// Fp6 = Fp2[v]/(v^3 - xi). Params: using F2 = Fp2<...>; static F2 MulByXi(F2).
// ---------------------------------------------------------------------------
template <class P>
struct Fp6 {
  using F2 = typename P::F2;
  F2 c0, c1, c2;

  static Fp6 Zero() { return {F2::Zero(), F2::Zero(), F2::Zero()}; }
  static Fp6 One() { return {F2::One(), F2::Zero(), F2::Zero()}; }
  bool IsZero() const { return c0.IsZero() && c1.IsZero() && c2.IsZero(); }
  bool operator==(const Fp6& o) const { return c0 == o.c0 && c1 == o.c1 && c2 == o.c2; }
  friend Fp6 operator+(const Fp6& a, const Fp6& b) { return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2}; }
  friend Fp6 operator-(const Fp6& a, const Fp6& b) { return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2}; }
  Fp6 operator-() const { return {-c0, -c1, -c2}; }
  Fp6 MulByV() const { return {P::MulByXi(c2), c0, c1}; }
  Fp6 MulFp2(const F2& s) const { return {c0 * s, c1 * s, c2 * s}; }
  friend Fp6 operator*(const Fp6& a, const Fp6& b) {
    F2 t0 = a.c0 * b.c0, t1 = a.c1 * b.c1, t2 = a.c2 * b.c2;
    F2 r0 = P::MulByXi((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2) + t0;
    F2 r1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + P::MulByXi(t2);
    F2 r2 = (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1;
    return {r0, r1, r2};
  }
  // this * (b0 + b1 v)
  Fp6 MulBy01(const F2& b0, const F2& b1) const {
    F2 t0 = c0 * b0, t1 = c1 * b1;
    F2 r0 = P::MulByXi((c1 + c2) * b1 - t1) + t0;
    F2 r1 = (c0 + c1) * (b0 + b1) - t0 - t1;
    F2 r2 = (c0 + c2) * b0 - t0 + t1;
    return {r0, r1, r2};
  }
  // this * (b1 v)
  Fp6 MulBy1(const F2& b1) const { return {P::MulByXi(c2 * b1), c0 * b1, c1 * b1}; }
  Fp6 Square() const {
    F2 s0 = c0.Square();
    F2 s1 = (c0 * c1).Dbl();
    F2 s2 = (c0 - c1 + c2).Square();
    F2 s3 = (c1 * c2).Dbl();
    F2 s4 = c2.Square();
    return {s0 + P::MulByXi(s3), s1 + P::MulByXi(s4), s1 + s2 + s3 - s0 - s4};
  }
  Fp6 Inverse() const {
    F2 t0 = c0.Square() - P::MulByXi(c1 * c2);
    F2 t1 = P::MulByXi(c2.Square()) - c0 * c1;
    F2 t2 = c1.Square() - c0 * c2;
    F2 d = c0 * t0 + P::MulByXi(c2 * t1 + c1 * t2);
    F2 di = d.Inverse();
    return {t0 * di, t1 * di, t2 * di};
  }
};

// ---------------------------------------------------------------------------
// Fp12 = Fp6[w]/(w^2 - v). In the basis w^0..w^5 (w^6 = xi) the coefficients
// are (c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2).
// ---------------------------------------------------------------------------
template <class P>
struct Fp12 {
  using F2 = typename P::F2;
  using F6 = Fp6<P>;
  F6 c0, c1;

  static Fp12 One() { return {F6::One(), F6::Zero()}; }
  bool IsZero() const { return c0.IsZero() && c1.IsZero(); }
  bool IsOne() const { return c0 == F6::One() && c1.IsZero(); }
  bool operator==(const Fp12& o) const { return c0 == o.c0 && c1 == o.c1; }
  friend Fp12 operator*(const Fp12& a, const Fp12& b) {
    F6 t0 = a.c0 * b.c0, t1 = a.c1 * b.c1;
    F6 r1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1;
    return {t0 + t1.MulByV(), r1};
  }
  Fp12 Square() const {
    F6 ab = c0 * c1;
    F6 r0 = (c0 + c1) * (c0 + c1.MulByV()) - ab - ab.MulByV();
    return {r0, ab + ab};
  }
  Fp12 Conj() const { return {c0, -c1}; }
  Fp12 Inverse() const {
    F6 t = (c0.Square() - c1.Square().MulByV()).Inverse();
    return {c0 * t, -(c1 * t)};
  }
  // Sparse products with a line a + b w (a, b in Fp6, given as their nonzero
  // Fp2 coefficients).
  // D-type twist lines: a = (a0, 0, 0), b = (b0, b1, 0).
  Fp12 MulByLineD(const F2& a0, const F2& b0, const F2& b1) const {
    F6 t0 = c0.MulFp2(a0);
    F6 t1 = c1.MulBy01(b0, b1);
    F6 r1 = (c0 + c1).MulBy01(a0 + b0, b1) - t0 - t1;
    return {t0 + t1.MulByV(), r1};
  }
  // M-type twist lines: a = (a0, a1, 0), b = (0, b1, 0).
  Fp12 MulByLineM(const F2& a0, const F2& a1, const F2& b1) const {
    F6 t0 = c0.MulBy01(a0, a1);
    F6 t1 = c1.MulBy1(b1);
    F6 r1 = (c0 + c1).MulBy01(a0, a1 + b1) - t0 - t1;
    return {t0 + t1.MulByV(), r1};
  }

  // Frobenius x -> x^(p^k), k = 1, 2, 3. gamma[k-1][i] multiplies the
  // coefficient of w^i (after conjugating it k times).
  Fp12 Frobenius(int k, const std::array<std::array<F2, 6>, 3>& gamma) const {
    F2 g[6] = {c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2};
    for (int i = 0; i < 6; ++i) {
      if (k & 1) g[i] = g[i].Conj();
      if (i) g[i] = g[i] * gamma[k - 1][i];
    }
    return {{g[0], g[2], g[4]}, {g[1], g[3], g[5]}};
  }

  // Granger-Scott squaring, valid in the cyclotomic subgroup. View the element
  // as z0 + z1 w + z2 w^2 over Fp4 = Fp2[s]/(s^2 - xi), s = w^3.
  Fp12 CyclotomicSquare() const {
    // z0 = (c0.c0, c1.c1), z1 = (c1.c0, c0.c2), z2 = (c0.c1, c1.c2)
    auto fp4sq = [](const F2& x, const F2& y, F2* rx, F2* ry) {
      F2 x2 = x.Square(), y2 = y.Square();
      *rx = x2 + P::MulByXi(y2);
      *ry = (x + y).Square() - x2 - y2;
    };
    F2 z0x = c0.c0, z0y = c1.c1, z1x = c1.c0, z1y = c0.c2, z2x = c0.c1, z2y = c1.c2;
    F2 ax, ay, bx, by, cx, cy;
    fp4sq(z0x, z0y, &ax, &ay);
    fp4sq(z1x, z1y, &bx, &by);
    fp4sq(z2x, z2y, &cx, &cy);
    // z0' = 3A - 2 conj(z0)
    F2 n0x = (ax - z0x).Dbl() + ax;
    F2 n0y = (ay + z0y).Dbl() + ay;
    // z1' = 3 s C + 2 conj(z1); s*(cx + cy s) = xi*cy + cx s
    F2 scx = P::MulByXi(cy), scy = cx;
    F2 n1x = (scx + z1x).Dbl() + scx;
    F2 n1y = (scy - z1y).Dbl() + scy;
    // z2' = 3B - 2 conj(z2)
    F2 n2x = (bx - z2x).Dbl() + bx;
    F2 n2y = (by + z2y).Dbl() + by;
    Fp12 r;
    r.c0.c0 = n0x; r.c1.c1 = n0y;
    r.c1.c0 = n1x; r.c0.c2 = n1y;
    r.c0.c1 = n2x; r.c1.c2 = n2y;
    return r;
  }
};

// gamma[k][i] = xi^(i (p^(k+1) - 1) / 6) for the Frobenius above.
template <class P, class F>
std::array<std::array<typename P::F2, 6>, 3> ComputeFrobeniusGammas() {
  using F2 = typename P::F2;
  std::array<std::array<F2, 6>, 3> g;
  F2 xi = P::MulByXi(F2::One());
  auto e = DivSmall<F::N>(SubSmall<F::N>(F::kP, 1), 6);
  F2 base = xi.Pow(e);
  F2 acc = F2::One();
  for (int i = 0; i < 6; ++i) {
    g[0][i] = acc;
    g[1][i] = acc.Conj() * acc;   // gamma2 = conj(gamma1) * gamma1
    acc = acc * base;
  }
  for (int i = 0; i < 6; ++i) g[2][i] = g[0][i] * g[1][i];
  return g;
}

}  // namespace nearrt::crypto::tower
