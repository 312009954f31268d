// Portable secp256k1 ECDSA, following libsecp256k1's rules (see secp256k1.h).
#include <algorithm>
#include <cstring>
#include <initializer_list>

#include "crypto/ec_weierstrass.h"
#include "crypto/secp256k1.h"
#include "crypto/sha256.h"

namespace nearrt::crypto {
namespace {

using ec::U256;

// (N - 1) / 2 + 1: nearcore's SECP256K1_N_HALF_ONE (core/crypto/src/signature.rs).
constexpr U256 kHalfNPlusOne = U256::FromWords(0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF,
                                               0x5D576E7357A4501D, 0xDFE92F46681B20A1);

std::array<uint8_t, 64> SerializeXY(const ec::AffinePoint& p) {
  std::array<uint8_t, 64> out;
  std::array<uint8_t, 32> x = p.x.ToBigEndian(), y = p.y.ToBigEndian();
  std::copy(x.begin(), x.end(), out.begin());
  std::copy(y.begin(), y.end(), out.begin() + 32);
  return out;
}

// libsecp256k1 `secp256k1_scalar_is_high`: s > N/2, i.e. s >= (N-1)/2 + 1.
bool IsHigh(const U256& s) { return Compare(s, kHalfNPlusOne) >= 0; }

// A valid secret key or nonce: 0 < d < N.
std::optional<U256> ParseScalar(std::span<const uint8_t, 32> bytes) {
  U256 d = U256::FromBigEndian(bytes);
  if (d.IsZero() || Compare(d, ec::Secp256k1Curve().n()) >= 0) return std::nullopt;
  return d;
}

// HMAC-SHA256 with a 32-byte key over the concatenation of `parts`.
Digest32 HmacSha256(const Digest32& key, std::initializer_list<std::span<const uint8_t>> parts) {
  uint8_t pad[64];
  std::memset(pad, 0x36, sizeof(pad));
  for (int i = 0; i < 32; ++i) pad[i] ^= key[i];
  Sha256 inner;
  inner.Update(pad);
  for (std::span<const uint8_t> p : parts) inner.Update(p);
  Digest32 inner_hash = inner.Finish();
  std::memset(pad, 0x5c, sizeof(pad));
  for (int i = 0; i < 32; ++i) pad[i] ^= key[i];
  Sha256 outer;
  outer.Update(pad);
  outer.Update(inner_hash);
  return outer.Finish();
}

// libsecp256k1 `nonce_function_rfc6979` without extra data: the HMAC-DRBG of
// RFC 6979 section 3.2 seeded with key32 || (msg32 mod N); attempt number
// `counter` returns the (counter + 1)-th output block.
Digest32 Rfc6979Nonce(std::span<const uint8_t, 32> key32, std::span<const uint8_t, 32> msg,
                      unsigned counter) {
  const std::array<uint8_t, 32> msg32 =
      ec::Secp256k1Curve().fn().Reduce(U256::FromBigEndian(msg)).ToBigEndian();
  Digest32 v, k;
  v.fill(0x01);
  k.fill(0x00);
  const uint8_t zero = 0x00, one = 0x01;
  k = HmacSha256(k, {v, {&zero, 1}, key32, msg32});
  v = HmacSha256(k, {v});
  k = HmacSha256(k, {v, {&one, 1}, key32, msg32});
  v = HmacSha256(k, {v});
  for (unsigned i = 0; i <= counter; ++i) {
    if (i > 0) {
      k = HmacSha256(k, {v, {&zero, 1}});
      v = HmacSha256(k, {v});
    }
    v = HmacSha256(k, {v});
  }
  return v;
}

}  // namespace

bool Secp256k1CheckSignatureValues(std::span<const uint8_t, 64> sig, bool reject_upper) {
  U256 r = U256::FromBigEndian(sig.first<32>());
  U256 s = U256::FromBigEndian(sig.last<32>());
  const U256& n = ec::Secp256k1Curve().n();
  return Compare(r, n) < 0 && Compare(s, reject_upper ? kHalfNPlusOne : n) < 0;
}

namespace portable {

std::optional<std::array<uint8_t, 64>> EcRecover(std::span<const uint8_t, 32> hash,
                                                 std::span<const uint8_t, 64> sig, uint8_t v,
                                                 bool check_malleability) {
  if (v >= 4) return std::nullopt;
  if (!Secp256k1CheckSignatureValues(sig, check_malleability)) return std::nullopt;
  const ec::Curve& c = ec::Secp256k1Curve();
  const ec::ModField& fn = c.fn();
  U256 r = U256::FromBigEndian(sig.first<32>());
  U256 s = U256::FromBigEndian(sig.last<32>());
  // libsecp256k1 `secp256k1_ecdsa_sig_recover`.
  if (r.IsZero() || s.IsZero()) return std::nullopt;
  U256 x = r;
  if (v & 2) {
    // x = r + N must stay below p.
    if (AddWithCarry(x, r, c.n()) || Compare(x, c.p()) >= 0) return std::nullopt;
  }
  std::optional<ec::AffinePoint> big_r = c.LiftX(x, v & 1);
  if (!big_r) return std::nullopt;
  // Q = r^-1 * (s * R - e * G)
  U256 r_inv = fn.Inv(fn.ToMont(r));
  U256 e = fn.ToMont(U256::FromBigEndian(hash));
  U256 u1 = fn.FromMont(fn.Neg(fn.Mul(r_inv, e)));
  U256 u2 = fn.FromMont(fn.Mul(r_inv, fn.ToMont(s)));
  std::optional<ec::AffinePoint> q =
      c.ToAffine(c.MultiplyWithGenerator(u1, c.FromAffine(*big_r), u2));
  if (!q) return std::nullopt;
  return SerializeXY(*q);
}

bool Secp256k1VerifyNear(std::span<const uint8_t, 65> sig, std::span<const uint8_t, 32> msg_hash,
                         std::span<const uint8_t, 64> public_key) {
  // RecoveryId::from_i32, then RecoverableSignature::from_compact (r, s < N).
  if (sig[64] >= 4) return false;
  const ec::Curve& c = ec::Secp256k1Curve();
  const ec::ModField& fn = c.fn();
  U256 r = U256::FromBigEndian(sig.first<32>());
  U256 s = U256::FromBigEndian(sig.subspan<32, 32>());
  if (Compare(r, c.n()) >= 0 || Compare(s, c.n()) >= 0) return false;
  // PublicKey::from_slice(0x04 || key): coordinates < p and on the curve.
  ec::AffinePoint q{U256::FromBigEndian(public_key.first<32>()),
                    U256::FromBigEndian(public_key.last<32>())};
  if (!c.fp().IsReduced(q.x) || !c.fp().IsReduced(q.y) || !c.IsOnCurve(q)) return false;
  // secp256k1_ecdsa_verify: low s only, then secp256k1_ecdsa_sig_verify.
  if (IsHigh(s) || r.IsZero() || s.IsZero()) return false;
  U256 s_inv = fn.Inv(fn.ToMont(s));
  U256 e = fn.ToMont(U256::FromBigEndian(msg_hash));
  U256 u1 = fn.FromMont(fn.Mul(e, s_inv));
  U256 u2 = fn.FromMont(fn.Mul(fn.ToMont(r), s_inv));
  std::optional<ec::AffinePoint> p = c.ToAffine(c.MultiplyWithGenerator(u1, c.FromAffine(q), u2));
  return p && fn.Reduce(p->x) == r;
}

std::optional<std::array<uint8_t, 65>> Secp256k1Sign(std::span<const uint8_t, 32> secret_key,
                                                     std::span<const uint8_t, 32> msg_hash) {
  std::optional<U256> d = ParseScalar(secret_key);
  if (!d) return std::nullopt;
  const ec::Curve& c = ec::Secp256k1Curve();
  const ec::ModField& fn = c.fn();
  U256 e = fn.ToMont(U256::FromBigEndian(msg_hash));
  // secp256k1_ecdsa_sign_inner / secp256k1_ecdsa_sig_sign.
  for (unsigned counter = 0;; ++counter) {
    std::optional<U256> k = ParseScalar(Rfc6979Nonce(secret_key, msg_hash, counter));
    if (!k) continue;
    ec::AffinePoint big_r = *c.ToAffine(c.Multiply(c.Generator(), *k));
    bool overflow = Compare(big_r.x, c.n()) >= 0;
    U256 r = fn.Reduce(big_r.x);
    uint8_t recid = uint8_t((overflow ? 2 : 0) | (big_r.y.IsOdd() ? 1 : 0));
    // s = k^-1 (e + r d)
    U256 t = fn.Add(e, fn.Mul(fn.ToMont(r), fn.ToMont(*d)));
    U256 s = fn.FromMont(fn.Mul(fn.Inv(fn.ToMont(*k)), t));
    if (IsHigh(s)) {
      s = fn.Neg(s);
      recid ^= 1;
    }
    if (r.IsZero() || s.IsZero()) continue;
    std::array<uint8_t, 65> out;
    std::array<uint8_t, 32> rb = r.ToBigEndian(), sb = s.ToBigEndian();
    std::copy(rb.begin(), rb.end(), out.begin());
    std::copy(sb.begin(), sb.end(), out.begin() + 32);
    out[64] = recid;
    return out;
  }
}

std::optional<std::array<uint8_t, 64>> Secp256k1PublicKey(std::span<const uint8_t, 32> secret_key) {
  std::optional<U256> d = ParseScalar(secret_key);
  if (!d) return std::nullopt;
  const ec::Curve& c = ec::Secp256k1Curve();
  return SerializeXY(*c.ToAffine(c.Multiply(c.Generator(), *d)));
}

}  // namespace portable
}  // namespace nearrt::crypto
