// The twisted Edwards curve edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2 over
// GF(2^255 - 19)) in extended coordinates, for the portable Ed25519 code.
// Not constant time (see ec_field.h).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "crypto/ec_field.h"

namespace nearrt::crypto::ec {

// Montgomery-form coordinates of Edwards25519::fp(); x = X/Z, y = Y/Z, T = XY/Z.
struct EdwardsPoint {
  U256 x, y, z, t;
};

class Edwards25519 {
 public:
  Edwards25519();

  const ModField& fp() const { return fp_; }
  const ModField& fl() const { return fl_; }  // scalars mod L
  const U256& l() const { return fl_.modulus(); }

  EdwardsPoint Identity() const;
  const EdwardsPoint& Base() const { return base_; }

  // ed25519-dalek / curve25519-dalek 4 `CompressedEdwardsY::decompress`:
  // bit 255 is the sign of x, the low 255 bits are y, taken mod p (so y >= p is
  // accepted); x = 0 with the sign bit set is accepted. Fails only when
  // (y^2 - 1) / (d y^2 + 1) is not a square.
  std::optional<EdwardsPoint> Decompress(std::span<const uint8_t, 32> bytes) const;
  // Canonical encoding (y < p, sign bit = x mod 2).
  std::array<uint8_t, 32> Compress(const EdwardsPoint& p) const;

  EdwardsPoint Add(const EdwardsPoint& p, const EdwardsPoint& q) const;
  EdwardsPoint Double(const EdwardsPoint& p) const;
  EdwardsPoint Negate(const EdwardsPoint& p) const;
  // k * p for any plain 256-bit k.
  EdwardsPoint Multiply(const EdwardsPoint& p, const U256& k) const;
  // k1 * B + k2 * q, plain scalars.
  EdwardsPoint MultiplyWithBase(const U256& k1, const EdwardsPoint& q, const U256& k2) const;
  bool Equal(const EdwardsPoint& p, const EdwardsPoint& q) const;

  // A 64-byte little-endian integer (a SHA-512 output) reduced mod L, plain.
  U256 ReduceWide(std::span<const uint8_t, 64> bytes) const;

 private:
  ModField fp_;
  ModField fl_;
  U256 d_;       // Montgomery form
  U256 d2_;      // 2d
  U256 sqrtm1_;  // sqrt(-1) = 2^((p-1)/4)
  EdwardsPoint base_;
};

const Edwards25519& Ed25519Curve();

}  // namespace nearrt::crypto::ec
