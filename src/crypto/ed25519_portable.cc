// Portable Ed25519 with ed25519-dalek 2.2 `verify` rules (see ed25519.h).
#include <algorithm>

#include "crypto/ec_edwards25519.h"
#include "crypto/ed25519.h"
#include "crypto/sha512.h"

namespace nearrt::crypto::portable {
namespace {

using ec::U256;

// SHA-512(parts...) reduced mod L.
U256 HashToScalar(std::span<const uint8_t> a, std::span<const uint8_t> b,
                  std::span<const uint8_t> c) {
  Sha512 h;
  h.Update(a);
  h.Update(b);
  h.Update(c);
  return ec::Ed25519Curve().ReduceWide(h.Finish());
}

struct ExpandedKey {
  U256 scalar;                     // clamped, plain (not reduced mod L)
  std::array<uint8_t, 32> prefix;  // second half of SHA-512(seed)
};

ExpandedKey Expand(std::span<const uint8_t, 32> seed) {
  Digest64 h = Sha512Hash(seed);
  std::array<uint8_t, 32> a;
  std::copy(h.begin(), h.begin() + 32, a.begin());
  a[0] &= 248;
  a[31] &= 127;
  a[31] |= 64;
  ExpandedKey k;
  k.scalar = U256::FromLittleEndian(a);
  std::copy(h.begin() + 32, h.end(), k.prefix.begin());
  return k;
}

}  // namespace

bool Ed25519Verify(std::span<const uint8_t, 64> sig, std::span<const uint8_t> msg,
                   std::span<const uint8_t, 32> public_key) {
  const ec::Edwards25519& curve = ec::Ed25519Curve();
  // dalek `check_scalar` without legacy_compatibility: s must be < L.
  U256 s = U256::FromLittleEndian(sig.last<32>());
  if (Compare(s, curve.l()) >= 0) return false;
  // dalek `VerifyingKey::from_bytes`: lenient decompression.
  std::optional<ec::EdwardsPoint> a = curve.Decompress(public_key);
  if (!a) return false;
  // k = H(R || A as given || M); R' = [s]B - [k]A, compared as bytes.
  U256 k = HashToScalar(sig.first<32>(), public_key, msg);
  ec::EdwardsPoint r = curve.MultiplyWithBase(s, curve.Negate(*a), k);
  std::array<uint8_t, 32> r_bytes = curve.Compress(r);
  return std::equal(r_bytes.begin(), r_bytes.end(), sig.begin());
}

std::array<uint8_t, 32> Ed25519PublicKeyFromSeed(std::span<const uint8_t, 32> seed) {
  const ec::Edwards25519& curve = ec::Ed25519Curve();
  return curve.Compress(curve.Multiply(curve.Base(), Expand(seed).scalar));
}

std::array<uint8_t, 64> Ed25519Sign(std::span<const uint8_t, 32> seed,
                                    std::span<const uint8_t> msg) {
  const ec::Edwards25519& curve = ec::Ed25519Curve();
  const ec::ModField& fl = curve.fl();
  ExpandedKey key = Expand(seed);
  std::array<uint8_t, 32> pk = curve.Compress(curve.Multiply(curve.Base(), key.scalar));
  U256 r = HashToScalar(key.prefix, msg, {});
  std::array<uint8_t, 32> r_bytes = curve.Compress(curve.Multiply(curve.Base(), r));
  U256 k = HashToScalar(r_bytes, pk, msg);
  // S = r + k * a mod L
  U256 ka = fl.FromMont(fl.Mul(fl.ToMont(k), fl.ToMont(key.scalar)));
  U256 s = fl.Add(r, ka);
  std::array<uint8_t, 64> sig;
  std::copy(r_bytes.begin(), r_bytes.end(), sig.begin());
  std::array<uint8_t, 32> s_bytes = s.ToLittleEndian();
  std::copy(s_bytes.begin(), s_bytes.end(), sig.begin() + 32);
  return sig;
}

}  // namespace nearrt::crypto::portable
