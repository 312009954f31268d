// Portable P-256 ECDSA verification (see p256.h for the rules).
#include <algorithm>

#include "crypto/ec_weierstrass.h"
#include "crypto/p256.h"

namespace nearrt::crypto {

bool P256SignatureIsValid(std::span<const uint8_t, 64> sig) {
  const ec::U256& n = ec::P256Curve().n();
  ec::U256 r = ec::U256::FromBigEndian(sig.first<32>());
  ec::U256 s = ec::U256::FromBigEndian(sig.last<32>());
  return !r.IsZero() && !s.IsZero() && Compare(r, n) < 0 && Compare(s, n) < 0;
}

bool P256PrehashToField(std::span<const uint8_t> prehash, std::span<uint8_t, 32> out) {
  if (prehash.size() < 16) return false;
  std::fill(out.begin(), out.end(), 0);
  size_t n = std::min<size_t>(prehash.size(), 32);
  std::copy(prehash.begin(), prehash.begin() + n, out.begin() + (32 - n));
  return true;
}

namespace portable {

bool P256VerifyPrehash(std::span<const uint8_t, 64> sig, std::span<const uint8_t> prehash,
                       std::span<const uint8_t, 33> public_key) {
  if (!P256SignatureIsValid(sig)) return false;
  const ec::Curve& c = ec::P256Curve();
  const ec::ModField& fn = c.fn();
  // VerifyingKey::from_sec1_bytes, compressed form only (33 bytes).
  if (public_key[0] != 0x02 && public_key[0] != 0x03) return false;
  ec::U256 x = ec::U256::FromBigEndian(public_key.last<32>());
  if (!c.fp().IsReduced(x)) return false;
  std::optional<ec::AffinePoint> q = c.LiftX(x, public_key[0] == 0x03);
  if (!q) return false;
  std::array<uint8_t, 32> field;
  if (!P256PrehashToField(prehash, field)) return false;
  // ecdsa::hazmat::verify_prehashed
  ec::U256 r = ec::U256::FromBigEndian(sig.first<32>());
  ec::U256 s = ec::U256::FromBigEndian(sig.last<32>());
  ec::U256 z = fn.ToMont(ec::U256::FromBigEndian(field));
  ec::U256 s_inv = fn.Inv(fn.ToMont(s));
  ec::U256 u1 = fn.FromMont(fn.Mul(z, s_inv));
  ec::U256 u2 = fn.FromMont(fn.Mul(fn.ToMont(r), s_inv));
  std::optional<ec::AffinePoint> p = c.ToAffine(c.MultiplyWithGenerator(u1, c.FromAffine(*q), u2));
  return p && fn.Reduce(p->x) == r;
}

}  // namespace portable
}  // namespace nearrt::crypto
