#include "crypto/crypto_random_workload.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "crypto/ec_edwards25519.h"
#include "crypto/ec_weierstrass.h"
#include "crypto/ed25519.h"
#include "crypto/p256.h"
#include "crypto/secp256k1.h"
#include "crypto/sha256.h"

namespace nearrt::crypto::testing {
namespace {

using ec::U256;

template <size_t N>
std::array<uint8_t, N> RandomArray(TestRng& rng) {
  std::array<uint8_t, N> a;
  rng.Fill(a);
  return a;
}

Bytes RandomBytes(TestRng& rng, size_t n) {
  Bytes b(n);
  rng.Fill(b);
  return b;
}

template <size_t N>
void FlipRandomBit(TestRng& rng, std::array<uint8_t, N>& a) {
  a[rng.Below(N)] ^= uint8_t(1u << rng.Below(8));
}

void Put(std::span<uint8_t> dst, const std::array<uint8_t, 32>& src) {
  std::copy(src.begin(), src.end(), dst.begin());
}

// Encodings of interesting edwards25519 points: the 8 torsion points (small
// order), every non-canonical y (p <= y < 2^255) with both signs, and -0 forms.
const std::vector<std::array<uint8_t, 32>>& EdwardsEdgeEncodings() {
  static const std::vector<std::array<uint8_t, 32>> list = [] {
    const ec::Edwards25519& c = ec::Ed25519Curve();
    std::vector<std::array<uint8_t, 32>> out;
    // A generator of the 8-torsion: [L]P for a point P with a full-order
    // torsion component (P = decompress(y) for y = 2, 3, ...).
    for (uint64_t y = 2; out.size() < 8 && y < 100; ++y) {
      auto p = c.Decompress(U256::Small(y).ToLittleEndian());
      if (!p) continue;
      ec::EdwardsPoint t = c.Multiply(*p, c.l());
      std::vector<std::array<uint8_t, 32>> group;
      ec::EdwardsPoint q = c.Identity();
      for (int i = 0; i < 8; ++i) {
        group.push_back(c.Compress(q));
        q = c.Add(q, t);
      }
      std::sort(group.begin(), group.end());
      if (std::unique(group.begin(), group.end()) == group.end()) out = group;
    }
    // y = p + j for j = 0..18 (the only non-canonical y values), both signs.
    U256 p = c.fp().modulus();
    for (uint64_t j = 0; j < 19; ++j) {
      U256 y;
      AddWithCarry(y, p, U256::Small(j));
      auto enc = y.ToLittleEndian();
      out.push_back(enc);
      enc[31] |= 0x80;
      out.push_back(enc);
    }
    // x = 0 with the sign bit: y = 1 and y = p - 1.
    auto one = U256::Small(1).ToLittleEndian();
    one[31] |= 0x80;
    out.push_back(one);
    U256 pm1;
    SubWithBorrow(pm1, p, U256::Small(1));
    auto minus_one = pm1.ToLittleEndian();
    minus_one[31] |= 0x80;
    out.push_back(minus_one);
    return out;
  }();
  return list;
}

// Plain ECDSA signing on a Weierstrass curve with a random nonce (test only).
std::optional<std::array<uint8_t, 64>> EcdsaSign(const ec::Curve& c, const U256& d, const U256& z,
                                                 const U256& k) {
  const ec::ModField& fn = c.fn();
  auto rp = c.ToAffine(c.Multiply(c.Generator(), k));
  if (!rp) return std::nullopt;
  U256 r = fn.Reduce(rp->x);
  U256 t = fn.Add(fn.ToMont(z), fn.Mul(fn.ToMont(r), fn.ToMont(d)));
  U256 s = fn.FromMont(fn.Mul(fn.Inv(fn.ToMont(k)), t));
  if (r.IsZero() || s.IsZero()) return std::nullopt;
  std::array<uint8_t, 64> out;
  Put(std::span(out).first<32>(), r.ToBigEndian());
  Put(std::span(out).last<32>(), s.ToBigEndian());
  return out;
}

// A random scalar in [1, n).
U256 RandomScalar(TestRng& rng, const U256& n) {
  for (;;) {
    U256 k = U256::FromBigEndian(RandomArray<32>(rng));
    if (!k.IsZero() && Compare(k, n) < 0) return k;
  }
}

// Values near the interesting bounds of a 256-bit big-endian field.
std::array<uint8_t, 32> EdgeScalar(TestRng& rng, const U256& n, const U256& p) {
  U256 v;
  switch (rng.Below(8)) {
    case 0: v = U256(); break;
    case 1: v = U256::Small(rng.Below(4)); break;
    case 2: SubWithBorrow(v, n, U256::Small(rng.Below(3))); break;  // n, n-1, n-2
    case 3: AddWithCarry(v, n, U256::Small(rng.Below(3))); break;
    case 4: v = ShiftRight1(n); AddWithCarry(v, v, U256::Small(rng.Below(3))); break;  // ~n/2
    case 5: SubWithBorrow(v, p, n); SubWithBorrow(v, v, U256::Small(rng.Below(3))); break;  // p-n
    case 6: v = U256::FromWords(~0ull, ~0ull, ~0ull, ~0ull); break;
    default: v = U256::FromBigEndian(RandomArray<32>(rng)); break;
  }
  return v.ToBigEndian();
}

void RunRipemd(const Backend& b, TestRng& rng, const WorkloadSink& sink) {
  Bytes msg = RandomBytes(rng, rng.Below(300));
  sink("ripemd160", b.ripemd160(msg));
}

void RunEd25519(const Backend& b, TestRng& rng, const WorkloadSink& sink) {
  auto bool_out = [&](const std::string& label, bool v) {
    uint8_t byte = v;
    sink(label, {&byte, 1});
  };
  auto seed = RandomArray<32>(rng);
  Bytes msg = RandomBytes(rng, rng.Below(200));
  sink("ed25519.pk", b.ed25519_public_key(seed));
  sink("ed25519.sign", b.ed25519_sign(seed, msg));
  // Inputs below come from the portable code and the RNG only, so both
  // backends see identical inputs.
  auto pk = portable::Ed25519PublicKeyFromSeed(seed);
  auto sig = portable::Ed25519Sign(seed, msg);
  bool_out("ed25519.verify", b.ed25519_verify(sig, msg, pk));
  const auto& edges = EdwardsEdgeEncodings();
  for (int m = 0; m < 8; ++m) {
    auto s2 = sig;
    auto pk2 = pk;
    Bytes msg2 = msg;
    switch (rng.Below(10)) {
      case 0: FlipRandomBit(rng, s2); break;
      case 1: FlipRandomBit(rng, pk2); break;
      case 9: {
        // Small-order A (a torsion point, or y = p + 1), R = identity, s = 0:
        // accepted exactly when [k]A is the identity (k = H(R || A || M)).
        static constexpr size_t kPick[] = {0, 1, 2, 3, 4, 5, 6, 7, 10, 11};
        pk2 = edges[kPick[rng.Below(std::size(kPick))]];
        s2.fill(0);
        s2[0] = 1;
        break;
      }
      case 2:
        if (msg2.empty()) msg2.push_back(0);
        msg2[rng.Below(msg2.size())] ^= 1;
        break;
      case 3: {  // s + L: the same scalar, non-canonical
        U256 s = U256::FromLittleEndian(std::span(s2).last<32>());
        AddWithCarry(s, s, ec::Ed25519Curve().l());
        Put(std::span(s2).last<32>(), s.ToLittleEndian());
        break;
      }
      case 4: pk2 = edges[rng.Below(edges.size())]; break;
      case 5: Put(std::span(s2).first<32>(), edges[rng.Below(edges.size())]); break;
      case 6: {  // small-order / non-canonical A and R, s small
        pk2 = edges[rng.Below(edges.size())];
        Put(std::span(s2).first<32>(), edges[rng.Below(edges.size())]);
        Put(std::span(s2).last<32>(), U256::Small(rng.Below(3)).ToLittleEndian());
        break;
      }
      case 7: rng.Fill(pk2); break;
      default: rng.Fill(s2); s2[63] &= 0x1F; break;
    }
    bool_out("ed25519.verify.mutated", b.ed25519_verify(s2, msg2, pk2));
  }
}

void RunSecp256k1(const Backend& b, TestRng& rng, const WorkloadSink& sink) {
  auto bool_out = [&](const std::string& label, bool v) {
    uint8_t byte = v;
    sink(label, {&byte, 1});
  };
  auto opt_out = [&](const std::string& label, const auto& v) {
    if (v) sink(label, *v); else sink(label, {});
  };
  const ec::Curve& c = ec::Secp256k1Curve();
  auto secret = RandomArray<32>(rng);
  if (rng.Below(50) == 0) secret = EdgeScalar(rng, c.n(), c.p());
  auto hash = RandomArray<32>(rng);
  if (rng.Below(20) == 0) hash = EdgeScalar(rng, c.n(), c.p());
  opt_out("secp256k1.pk", b.secp256k1_public_key(secret));
  opt_out("secp256k1.sign", b.secp256k1_sign(secret, hash));
  auto pub = portable::Secp256k1PublicKey(secret);
  auto sig = portable::Secp256k1Sign(secret, hash);
  if (!pub || !sig) return;
  std::span<const uint8_t, 64> rs(sig->data(), 64);
  opt_out("secp256k1.ecrecover", b.ecrecover(hash, rs, (*sig)[64], rng.Below(2)));
  bool_out("secp256k1.verify", b.secp256k1_verify(*sig, hash, *pub));
  for (int m = 0; m < 8; ++m) {
    auto s2 = *sig;
    auto pub2 = *pub;
    auto h2 = hash;
    switch (rng.Below(8)) {
      case 0: s2[rng.Below(64)] ^= uint8_t(1u << rng.Below(8)); break;
      case 1: s2[64] = uint8_t(rng.Below(5)); break;
      case 2: {  // s -> N - s (high s)
        U256 s = U256::FromBigEndian(std::span(s2).subspan<32, 32>());
        SubWithBorrow(s, c.n(), s);
        Put(std::span(s2).subspan<32, 32>(), s.ToBigEndian());
        break;
      }
      case 3:
        Put(std::span(s2).first<32>(), EdgeScalar(rng, c.n(), c.p()));
        Put(std::span(s2).subspan<32, 32>(), EdgeScalar(rng, c.n(), c.p()));
        break;
      case 4: {  // small r with v = 2/3: x = r + N
        uint64_t hi = rng.Next(), lo = rng.Next();  // sequenced: identical on every compiler
        U256 r = U256::FromWords(0, 1, hi, lo);
        Put(std::span(s2).first<32>(), r.ToBigEndian());
        s2[64] = uint8_t(2 + rng.Below(2));
        break;
      }
      case 5: FlipRandomBit(rng, pub2); break;
      case 6: {  // another valid key, or x >= p
        auto x = EdgeScalar(rng, c.p(), c.p());
        std::copy(x.begin(), x.end(), pub2.begin());
        if (auto lifted = c.LiftX(U256::FromBigEndian(x), rng.Below(2));
            lifted && c.fp().IsReduced(U256::FromBigEndian(x))) {
          Put(std::span(pub2).last<32>(), lifted->y.ToBigEndian());
        }
        break;
      }
      default: FlipRandomBit(rng, h2); break;
    }
    std::span<const uint8_t, 64> rs2(s2.data(), 64);
    opt_out("secp256k1.ecrecover.mutated", b.ecrecover(h2, rs2, s2[64], rng.Below(2)));
    bool_out("secp256k1.verify.mutated", b.secp256k1_verify(s2, h2, pub2));
  }
}

void RunP256(const Backend& b, TestRng& rng, const WorkloadSink& sink) {
  auto bool_out = [&](const std::string& label, bool v) {
    uint8_t byte = v;
    sink(label, {&byte, 1});
  };
  const ec::Curve& c = ec::P256Curve();
  U256 d = RandomScalar(rng, c.n());
  ec::AffinePoint q = *c.ToAffine(c.Multiply(c.Generator(), d));
  std::array<uint8_t, 33> pk;
  pk[0] = q.y.IsOdd() ? 0x03 : 0x02;
  Put(std::span(pk).last<32>(), q.x.ToBigEndian());
  static constexpr size_t kLens[] = {0, 8, 15, 16, 17, 31, 32, 32, 32, 33, 64, 100};
  Bytes prehash = RandomBytes(rng, kLens[rng.Below(std::size(kLens))]);
  std::array<uint8_t, 32> field{};
  bool field_ok = P256PrehashToField(prehash, field);
  auto sig = EcdsaSign(c, d, U256::FromBigEndian(field), RandomScalar(rng, c.n()));
  if (!sig || !field_ok) {
    std::array<uint8_t, 64> any = RandomArray<64>(rng);
    bool_out("p256.verify.short", b.p256_verify(any, prehash, pk));
    return;
  }
  bool_out("p256.verify", b.p256_verify(*sig, prehash, pk));
  for (int m = 0; m < 6; ++m) {
    auto s2 = *sig;
    auto pk2 = pk;
    Bytes h2 = prehash;
    switch (rng.Below(7)) {
      case 0: FlipRandomBit(rng, s2); break;
      case 1: {  // high s is accepted by p256
        U256 s = U256::FromBigEndian(std::span(s2).last<32>());
        SubWithBorrow(s, c.n(), s);
        Put(std::span(s2).last<32>(), s.ToBigEndian());
        break;
      }
      case 2:
        Put(std::span(s2).first<32>(), EdgeScalar(rng, c.n(), c.p()));
        if (rng.Below(2)) Put(std::span(s2).last<32>(), EdgeScalar(rng, c.n(), c.p()));
        break;
      case 3: pk2[0] ^= 1; break;
      case 4:
        pk2[0] = uint8_t(rng.Below(2) ? rng.Next() : 0x02);
        Put(std::span(pk2).last<32>(), EdgeScalar(rng, c.p(), c.p()));
        break;
      case 5: h2.resize(rng.Below(h2.size() + 1)); break;
      default: h2.push_back(uint8_t(rng.Next())); h2[rng.Below(h2.size())] ^= 1; break;
    }
    bool_out("p256.verify.mutated", b.p256_verify(s2, h2, pk2));
  }
}

}  // namespace

uint64_t TestRng::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void TestRng::Fill(std::span<uint8_t> out) {
  for (size_t i = 0; i < out.size(); i += 8) {
    uint64_t v = Next();
    for (size_t j = 0; j < 8 && i + j < out.size(); ++j) out[i + j] = uint8_t(v >> (8 * j));
  }
}

void RunRandomWorkload(const Backend& b, uint64_t seed, int rounds, const WorkloadSink& sink) {
  TestRng rng(seed);
  for (int i = 0; i < rounds; ++i) {
    std::string prefix = std::to_string(i) + ".";
    WorkloadSink labelled = [&](const std::string& label, ByteView out) {
      sink(prefix + label, out);
    };
    RunRipemd(b, rng, labelled);
    RunEd25519(b, rng, labelled);
    RunSecp256k1(b, rng, labelled);
    RunP256(b, rng, labelled);
  }
}

Transcript WorkloadTranscript(const Backend& b, uint64_t seed, int rounds) {
  Sha256 h;
  Transcript t;
  RunRandomWorkload(b, seed, rounds, [&](const std::string& label, ByteView out) {
    uint8_t sizes[2] = {uint8_t(label.size()), uint8_t(out.size())};
    h.Update(sizes);
    h.Update(AsBytes(label));
    h.Update(out);
    ++t.operations;
  });
  t.digest = HexEncode(h.Finish());
  return t;
}

}  // namespace nearrt::crypto::testing
