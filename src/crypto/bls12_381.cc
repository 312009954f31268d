#include "crypto/bls12_381.h"

#include <string>
#include <vector>

#include "crypto/bls12_381_map.h"
#include "crypto/bls12_381_pairing.h"

namespace nearrt::crypto {
namespace {

using bls12_381::Fp;
using bls12_381::Fp2;
using bls12_381::G1;
using bls12_381::G2;

// blst's BLST_ERROR values that matter here.
enum class Decode { kSuccess, kBadEncoding, kNotOnCurve, kNotInGroup };

Status CheckInputSize(size_t len, size_t item, const char* name) {
  if (len % item != 0) {
    return Err(std::string("Incorrect input length for ") + name + ": " + std::to_string(len) +
               " is not divisible by " + std::to_string(item));
  }
  return {};
}

bool AllZero(const uint8_t* p, size_t n) {
  uint8_t acc = 0;
  for (size_t i = 0; i < n; ++i) acc |= p[i];
  return acc == 0;
}

// Big-endian Fp with the top 3 bits of the first byte optionally masked.
bool ReadFp(const uint8_t* in, Fp* out, bool mask_flags = false) {
  uint8_t buf[48];
  std::copy(in, in + 48, buf);
  if (mask_flags) buf[0] &= 0x1f;
  return Fp::FromBytesBE(buf, 48, out);
}
bool ReadFp2(const uint8_t* in, Fp2* out, bool mask_flags = false) {  // c1 ‖ c0
  return ReadFp(in, &out->c1, mask_flags) && ReadFp(in + 48, &out->c0);
}

struct Affine1 { Fp x, y; bool inf = false; };
struct Affine2 { Fp2 x, y; bool inf = false; };

// blst e1.c POINTonE1_Deserialize_Z for a 96-byte input.
Decode DeserializeG1(const uint8_t* in, Affine1* out) {
  uint8_t in0 = in[0];
  if ((in0 & 0xe0) == 0) {
    if (!ReadFp(in, &out->x) || !ReadFp(in + 48, &out->y)) return Decode::kBadEncoding;
    if (!G1::OnCurveAffine(out->x, out->y)) return Decode::kNotOnCurve;
    out->inf = false;
    return out->x.IsZero() ? Decode::kNotInGroup : Decode::kSuccess;
  }
  // (0x80 is rejected by the callers before blst is reached.)
  if ((in0 & 0x40) && (in0 & 0x3f) == 0 && AllZero(in + 1, 95)) {
    out->inf = true;
    return Decode::kSuccess;
  }
  return Decode::kBadEncoding;
}

// blst e2.c POINTonE2_Deserialize_Z for a 192-byte input (no x = 0 case).
Decode DeserializeG2(const uint8_t* in, Affine2* out) {
  uint8_t in0 = in[0];
  if ((in0 & 0xe0) == 0) {
    if (!ReadFp2(in, &out->x) || !ReadFp2(in + 96, &out->y)) return Decode::kBadEncoding;
    if (!G2::OnCurveAffine(out->x, out->y)) return Decode::kNotOnCurve;
    out->inf = false;
    return Decode::kSuccess;
  }
  if ((in0 & 0x40) && (in0 & 0x3f) == 0 && AllZero(in + 1, 191)) {
    out->inf = true;
    return Decode::kSuccess;
  }
  return Decode::kBadEncoding;
}

// blst POINTonE1_Uncompress_Z for a 48-byte input.
Decode UncompressG1(const uint8_t* in, Affine1* out) {
  uint8_t in0 = in[0];
  if ((in0 & 0x80) == 0) return Decode::kBadEncoding;
  if (in0 & 0x40) {
    if ((in0 & 0x3f) == 0 && AllZero(in + 1, 47)) {
      out->inf = true;
      return Decode::kSuccess;
    }
    return Decode::kBadEncoding;
  }
  if (!ReadFp(in, &out->x, /*mask_flags=*/true)) return Decode::kBadEncoding;
  Fp rhs = out->x.Square() * out->x + G1::F::FromU64(4);
  if (!rhs.Sqrt(&out->y)) return Decode::kNotOnCurve;
  if (out->y.IsLexLarger() != bool(in0 & 0x20)) out->y = -out->y;
  out->inf = false;
  return out->x.IsZero() ? Decode::kNotInGroup : Decode::kSuccess;
}

// blst POINTonE2_Uncompress_Z for a 96-byte input.
Decode UncompressG2(const uint8_t* in, Affine2* out) {
  uint8_t in0 = in[0];
  if ((in0 & 0x80) == 0) return Decode::kBadEncoding;
  if (in0 & 0x40) {
    if ((in0 & 0x3f) == 0 && AllZero(in + 1, 95)) {
      out->inf = true;
      return Decode::kSuccess;
    }
    return Decode::kBadEncoding;
  }
  if (!ReadFp2(in, &out->x, /*mask_flags=*/true)) return Decode::kBadEncoding;
  Fp2 rhs = out->x.Square() * out->x + bls12_381::G2Curve::B();
  if (!rhs.Sqrt(&out->y)) return Decode::kNotOnCurve;
  if (out->y.IsLexLarger() != bool(in0 & 0x20)) out->y = -out->y;
  out->inf = false;
  return Decode::kSuccess;
}

G1 ToJacobian(const Affine1& a) { return a.inf ? G1::Infinity() : G1::FromAffine(a.x, a.y); }
G2 ToJacobian(const Affine2& a) { return a.inf ? G2::Infinity() : G2::FromAffine(a.x, a.y); }

// nearcore parse_p1 / parse_p2.
bool ParseP1(const uint8_t* in, bool fix, G1* out) {
  if (in[0] & 0x80) return false;
  Affine1 a;
  Decode d = DeserializeG1(in, &a);
  if (!(d == Decode::kSuccess || (fix && d == Decode::kNotInGroup))) return false;
  *out = ToJacobian(a);
  return true;
}
bool ParseP2(const uint8_t* in, bool fix, G2* out) {
  if (in[0] & 0x80) return false;
  Affine2 a;
  Decode d = DeserializeG2(in, &a);
  if (!(d == Decode::kSuccess || (fix && d == Decode::kNotInGroup))) return false;
  *out = ToJacobian(a);
  return true;
}

// blst_p1_affine_serialize: infinity is 0x40 followed by zeros.
void SerializeAffine1(const Affine1& a, uint8_t* out) {
  std::fill(out, out + 96, 0);
  if (a.inf) { out[0] = 0x40; return; }
  a.x.ToBytesBE(out, 48);
  a.y.ToBytesBE(out + 48, 48);
}
void SerializeAffine2(const Affine2& a, uint8_t* out) {
  std::fill(out, out + 192, 0);
  if (a.inf) { out[0] = 0x40; return; }
  a.x.c1.ToBytesBE(out, 48);
  a.x.c0.ToBytesBE(out + 48, 48);
  a.y.c1.ToBytesBE(out + 96, 48);
  a.y.c0.ToBytesBE(out + 144, 48);
}
void Serialize(const G1& p, uint8_t* out) {
  Affine1 a;
  a.inf = !p.ToAffine(&a.x, &a.y);
  SerializeAffine1(a, out);
}
void Serialize(const G2& p, uint8_t* out) {
  Affine2 a;
  a.inf = !p.ToAffine(&a.x, &a.y);
  SerializeAffine2(a, out);
}

tower::Limbs<4> ReadScalarLE(const uint8_t* in) {
  tower::Limbs<4> k{};
  for (size_t i = 0; i < 32; ++i) k[i / 8] |= (uint64_t)in[i] << (8 * (i % 8));
  return k;
}

Bls12381Output Fail() { return {1, {}}; }

template <class G, size_t kPointSize, bool (*Parse)(const uint8_t*, bool, G*)>
Bls12381Output SumImpl(ByteView data, bool fix) {
  constexpr size_t kItem = 1 + kPointSize;
  G acc = G::Infinity();
  for (size_t off = 0; off < data.size(); off += kItem) {
    G p;
    if (!Parse(data.data() + off + 1, fix, &p)) return Fail();  // point before sign
    uint8_t sign = data[off];
    if (sign == 1) {
      p = p.Neg();
    } else if (sign != 0) {
      return Fail();
    }
    acc = acc + p;
  }
  Bls12381Output r;
  r.out.resize(kPointSize);
  Serialize(acc, r.out.data());
  return r;
}

template <class G, size_t kPointSize, bool (*Parse)(const uint8_t*, bool, G*), bool (*InGroup)(const G&)>
Bls12381Output MultiexpImpl(ByteView data, bool fix) {
  constexpr size_t kItem = kPointSize + 32;
  G acc = G::Infinity();
  for (size_t off = 0; off < data.size(); off += kItem) {
    G p;
    if (!Parse(data.data() + off, fix, &p)) return Fail();
    if (!InGroup(p)) return Fail();
    acc = acc + p.Mul(ReadScalarLE(data.data() + off + kPointSize));
  }
  Bls12381Output r;
  r.out.resize(kPointSize);
  Serialize(acc, r.out.data());
  return r;
}

}  // namespace

Result<Bls12381Output> Bls12381P1Sum(ByteView data, bool fix) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381P1SumItemSize, "bls12381_p1_sum"));
  return SumImpl<G1, 96, ParseP1>(data, fix);
}

Result<Bls12381Output> Bls12381P2Sum(ByteView data, bool fix) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381P2SumItemSize, "bls12381_p2_sum"));
  return SumImpl<G2, 192, ParseP2>(data, fix);
}

Result<Bls12381Output> Bls12381G1Multiexp(ByteView data, bool fix) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381G1MultiexpItemSize, "bls12381_p1_multiexp"));
  return MultiexpImpl<G1, 96, ParseP1, bls12_381::G1InSubgroup>(data, fix);
}

Result<Bls12381Output> Bls12381G2Multiexp(ByteView data, bool fix) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381G2MultiexpItemSize, "bls12381_p2_multiexp"));
  return MultiexpImpl<G2, 192, ParseP2, bls12_381::G2InSubgroup>(data, fix);
}

Result<Bls12381Output> Bls12381MapFpToG1(ByteView data) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381MapFpToG1ItemSize, "bls12381_map_fp_to_g1"));
  Bls12381Output r;
  r.out.resize(data.size() / 48 * 96);
  for (size_t i = 0; i * 48 < data.size(); ++i) {
    Fp u;
    if (!ReadFp(data.data() + i * 48, &u)) return Fail();  // must be canonical
    Serialize(bls12_381::MapToG1(u), r.out.data() + i * 96);
  }
  return r;
}

Result<Bls12381Output> Bls12381MapFp2ToG2(ByteView data) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381MapFp2ToG2ItemSize, "bls12381_map_fp2_to_g2"));
  Bls12381Output r;
  r.out.resize(data.size() / 96 * 192);
  for (size_t i = 0; i * 96 < data.size(); ++i) {
    Fp2 u;
    if (!ReadFp2(data.data() + i * 96, &u)) return Fail();
    Serialize(bls12_381::MapToG2(u), r.out.data() + i * 192);
  }
  return r;
}

Result<Bls12381Output> Bls12381P1Decompress(ByteView data, bool fix) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381P1DecompressItemSize, "bls12381_p1_decompress"));
  Bls12381Output r;
  r.out.resize(data.size() / 48 * 96);
  for (size_t i = 0; i * 48 < data.size(); ++i) {
    const uint8_t* in = data.data() + i * 48;
    if ((in[0] & 0x80) == 0) return Fail();
    Affine1 a;
    Decode d = UncompressG1(in, &a);
    if (!(d == Decode::kSuccess || (fix && d == Decode::kNotInGroup))) return Fail();
    SerializeAffine1(a, r.out.data() + i * 96);
  }
  return r;
}

Result<Bls12381Output> Bls12381P2Decompress(ByteView data, bool fix) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381P2DecompressItemSize, "bls12381_p2_decompress"));
  Bls12381Output r;
  r.out.resize(data.size() / 96 * 192);
  for (size_t i = 0; i * 96 < data.size(); ++i) {
    const uint8_t* in = data.data() + i * 96;
    if ((in[0] & 0x80) == 0) return Fail();
    Affine2 a;
    Decode d = UncompressG2(in, &a);
    if (!(d == Decode::kSuccess || (fix && d == Decode::kNotInGroup))) return Fail();
    SerializeAffine2(a, r.out.data() + i * 192);
  }
  return r;
}

Result<uint64_t> Bls12381PairingCheck(ByteView data) {
  NEARRT_TRY(CheckInputSize(data.size(), kBls12381PairingItemSize, "bls12381_pairing_check"));
  std::vector<bls12_381::PairInput> pairs;
  for (size_t off = 0; off < data.size(); off += kBls12381PairingItemSize) {
    const uint8_t* p1 = data.data() + off;
    const uint8_t* p2 = p1 + 96;
    Affine1 a1;
    Affine2 a2;
    if (p1[0] & 0x80) return uint64_t(1);
    if (DeserializeG1(p1, &a1) != Decode::kSuccess) return uint64_t(1);
    if (!bls12_381::G1InSubgroup(ToJacobian(a1))) return uint64_t(1);
    if (p2[0] & 0x80) return uint64_t(1);
    if (DeserializeG2(p2, &a2) != Decode::kSuccess) return uint64_t(1);
    if (!bls12_381::G2InSubgroup(ToJacobian(a2))) return uint64_t(1);
    // blst's miller_loop returns one when either point is infinity.
    if (a1.inf || a2.inf) continue;
    pairs.push_back({a1.x, a1.y, a2.x, a2.y});
  }
  return uint64_t(bls12_381::PairingProductIsOne(pairs) ? 0 : 2);
}

}  // namespace nearrt::crypto
