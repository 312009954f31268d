#include "crypto/ec_edwards25519.h"

#include <algorithm>

namespace nearrt::crypto::ec {
namespace {

// p = 2^255 - 19
constexpr U256 kP = U256::FromWords(0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF,
                                    0xFFFFFFFFFFFFFFED);
// L = 2^252 + 27742317777372353535851937790883648493
constexpr U256 kL = U256::FromWords(0x1000000000000000, 0x0000000000000000, 0x14DEF9DEA2F79CD6,
                                    0x5812631A5CF5D3ED);

}  // namespace

Edwards25519::Edwards25519() : fp_(kP), fl_(kL) {
  const ModField& f = fp_;
  // d = -121665 / 121666
  d_ = f.Neg(f.Mul(f.ToMont(U256::Small(121665)), f.Inv(f.ToMont(U256::Small(121666)))));
  d2_ = f.Add(d_, d_);
  // sqrt(-1) = 2^((p - 1) / 4); (p - 1) / 4 = (p >> 2) since p = 1 mod 4.
  sqrtm1_ = f.Pow(f.ToMont(U256::Small(2)), ShiftRight1(ShiftRight1(kP)));
  // B: y = 4/5, x even (RFC 8032 section 5.1).
  U256 y = f.FromMont(f.Mul(f.ToMont(U256::Small(4)), f.Inv(f.ToMont(U256::Small(5)))));
  base_ = *Decompress(y.ToLittleEndian());
}

EdwardsPoint Edwards25519::Identity() const { return {U256(), fp_.one(), fp_.one(), U256()}; }

std::optional<EdwardsPoint> Edwards25519::Decompress(std::span<const uint8_t, 32> bytes) const {
  const ModField& f = fp_;
  std::array<uint8_t, 32> yb;
  std::copy(bytes.begin(), bytes.end(), yb.begin());
  bool sign = yb[31] >> 7;
  yb[31] &= 0x7F;
  U256 y = f.ToMont(U256::FromLittleEndian(yb));  // reduces y >= p
  U256 yy = f.Sqr(y);
  U256 u = f.Sub(yy, f.one());
  U256 v = f.Add(f.Mul(d_, yy), f.one());
  // x = u v^3 (u v^7)^((p - 5) / 8)  (RFC 8032 section 5.1.3)
  U256 v3 = f.Mul(f.Sqr(v), v);
  U256 v7 = f.Mul(f.Sqr(v3), v);
  U256 e;  // (p - 5) / 8 = (p >> 3) since p = 5 mod 8
  e = ShiftRight1(ShiftRight1(ShiftRight1(kP)));
  U256 x = f.Mul(f.Mul(u, v3), f.Pow(f.Mul(u, v7), e));
  U256 vxx = f.Mul(v, f.Sqr(x));
  if (!(vxx == u)) {
    if (!(vxx == f.Neg(u))) return std::nullopt;
    x = f.Mul(x, sqrtm1_);
  }
  // dalek: the non-negative root, negated when the sign bit is set; -0 = 0.
  if (f.IsOddMont(x) != sign) x = f.Neg(x);
  return EdwardsPoint{x, y, f.one(), f.Mul(x, y)};
}

std::array<uint8_t, 32> Edwards25519::Compress(const EdwardsPoint& p) const {
  const ModField& f = fp_;
  U256 zi = f.Inv(p.z);
  U256 x = f.FromMont(f.Mul(p.x, zi));
  U256 y = f.FromMont(f.Mul(p.y, zi));
  std::array<uint8_t, 32> out = y.ToLittleEndian();
  out[31] |= uint8_t(x.IsOdd()) << 7;
  return out;
}

// add-2008-hwcd-3 (a = -1); complete on edwards25519.
EdwardsPoint Edwards25519::Add(const EdwardsPoint& p, const EdwardsPoint& q) const {
  const ModField& f = fp_;
  U256 a = f.Mul(f.Sub(p.y, p.x), f.Sub(q.y, q.x));
  U256 b = f.Mul(f.Add(p.y, p.x), f.Add(q.y, q.x));
  U256 c = f.Mul(f.Mul(p.t, d2_), q.t);
  U256 d = f.Mul(p.z, q.z);
  d = f.Add(d, d);
  U256 e = f.Sub(b, a), ff = f.Sub(d, c), g = f.Add(d, c), h = f.Add(b, a);
  return {f.Mul(e, ff), f.Mul(g, h), f.Mul(ff, g), f.Mul(e, h)};
}

// dbl-2008-hwcd (a = -1).
EdwardsPoint Edwards25519::Double(const EdwardsPoint& p) const {
  const ModField& f = fp_;
  U256 a = f.Sqr(p.x);
  U256 b = f.Sqr(p.y);
  U256 c = f.Sqr(p.z);
  c = f.Add(c, c);
  U256 d = f.Neg(a);
  U256 e = f.Sub(f.Sub(f.Sqr(f.Add(p.x, p.y)), a), b);
  U256 g = f.Add(d, b);
  U256 ff = f.Sub(g, c);
  U256 h = f.Sub(d, b);
  return {f.Mul(e, ff), f.Mul(g, h), f.Mul(ff, g), f.Mul(e, h)};
}

EdwardsPoint Edwards25519::Negate(const EdwardsPoint& p) const {
  return {fp_.Neg(p.x), p.y, p.z, fp_.Neg(p.t)};
}

EdwardsPoint Edwards25519::Multiply(const EdwardsPoint& p, const U256& k) const {
  EdwardsPoint r = Identity();
  for (int i = k.BitLength() - 1; i >= 0; --i) {
    r = Double(r);
    if (k.Bit(i)) r = Add(r, p);
  }
  return r;
}

EdwardsPoint Edwards25519::MultiplyWithBase(const U256& k1, const EdwardsPoint& q,
                                            const U256& k2) const {
  const EdwardsPoint table[4] = {Identity(), base_, q, Add(base_, q)};
  int bits = std::max(k1.BitLength(), k2.BitLength());
  EdwardsPoint r = Identity();
  for (int i = bits - 1; i >= 0; --i) {
    r = Double(r);
    int idx = int(k1.Bit(i)) | (int(k2.Bit(i)) << 1);
    if (idx) r = Add(r, table[idx]);
  }
  return r;
}

bool Edwards25519::Equal(const EdwardsPoint& p, const EdwardsPoint& q) const {
  const ModField& f = fp_;
  return f.Mul(p.x, q.z) == f.Mul(q.x, p.z) && f.Mul(p.y, q.z) == f.Mul(q.y, p.z);
}

U256 Edwards25519::ReduceWide(std::span<const uint8_t, 64> bytes) const {
  U256 lo = U256::FromLittleEndian(bytes.first<32>());
  U256 hi = U256::FromLittleEndian(bytes.last<32>());
  // lo + hi * 2^256 = Reduce(lo) + ToMont(hi) (mod L): ToMont(hi) = hi * 2^256 mod L.
  return fl_.Add(fl_.Reduce(lo), fl_.ToMont(hi));
}

const Edwards25519& Ed25519Curve() {
  static const Edwards25519 curve;
  return curve;
}

}  // namespace nearrt::crypto::ec
