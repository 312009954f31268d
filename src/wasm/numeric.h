// Numeric semantics of WebAssembly that C++ does not give directly: float
// min/max with -0/NaN rules, NaN canonicalization, checked and saturating
// float-to-int truncation.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "util/bit_cast.h"
#include "wasm/trap.h"

namespace nearrt::wasm {

template <class F>
inline F FMin(F a, F b) {
  if (a != a || b != b) return a + b;  // NaN (quiet, payload propagated)
  if (a == b) return std::signbit(a) ? a : b;  // -0 < +0
  return a < b ? a : b;
}

template <class F>
inline F FMax(F a, F b) {
  if (a != a || b != b) return a + b;
  if (a == b) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

// Rounding functions: a NaN input gives a quiet NaN (libm may return a
// signaling NaN unchanged).
template <class F>
inline F Ceil(F a) { return a != a ? a + a : std::ceil(a); }
template <class F>
inline F Floor(F a) { return a != a ? a + a : std::floor(a); }
template <class F>
inline F Trunc(F a) { return a != a ? a + a : std::trunc(a); }
template <class F>
inline F Nearest(F a) { return a != a ? a + a : std::nearbyint(a); }

// nearcore (Wasmtime with cranelift_nan_canonicalization): a NaN result is
// replaced by the positive canonical quiet NaN.
inline float Canon(float v) { return v != v ? BitCast<float>(0x7FC00000u) : v; }
inline double Canon(double v) { return v != v ? BitCast<double>(0x7FF8000000000000ull) : v; }

// Exclusive bounds (lo, hi) such that a float x truncates to a value of I
// exactly when lo < x < hi.
template <class I, class F>
constexpr void TruncBounds(F* lo, F* hi) {
  if constexpr (std::is_signed_v<I>) {
    // -2^(N-1) - 1 < x < 2^(N-1); for f32 and N >= 32 the lower bound is
    // expressed as -2^(N-1) with >= (the value below is not representable).
    *lo = -F(std::numeric_limits<I>::max()) - F(1);  // = -2^(N-1)
    *hi = F(std::numeric_limits<I>::max()) + F(1);   // =  2^(N-1)
  } else {
    *lo = F(-1);
    *hi = F(std::numeric_limits<I>::max()) + F(1);  // 2^N (exact for N <= 64 in f32/f64)
  }
}

template <class I, class F>
inline I TruncChecked(F x, TrapCode& trap) {
  if (x != x) {
    trap = TrapCode::InvalidConversion;
    return 0;
  }
  F t = std::trunc(x);
  F lo, hi;
  TruncBounds<I, F>(&lo, &hi);
  bool ok = std::is_signed_v<I> ? (t >= lo && t < hi) : (t > lo && t < hi);
  if (!ok) {
    trap = TrapCode::IntegerOverflow;
    return 0;
  }
  return I(t);
}

template <class I, class F>
inline I TruncSat(F x) {
  if (x != x) return 0;
  F t = std::trunc(x);
  F lo, hi;
  TruncBounds<I, F>(&lo, &hi);
  if (std::is_signed_v<I> ? t < lo : t <= lo) return std::numeric_limits<I>::min();
  if (t >= hi) return std::numeric_limits<I>::max();
  return I(t);
}

}  // namespace nearrt::wasm
