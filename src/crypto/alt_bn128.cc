#include "crypto/alt_bn128.h"

#include <string>
#include <vector>

#include "crypto/bn254_pairing.h"

namespace nearrt::crypto {
namespace {

using bn254::Fq;
using bn254::Fq2;
using bn254::G1;
using bn254::G2;

// Rust's format!("{msg}: {bad_value:X?}") for a byte slice.
Error InvalidInput(const char* msg, const uint8_t* raw, size_t len) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string s = msg;
  s += ": [";
  for (size_t i = 0; i < len; ++i) {
    if (i) s += ", ";
    if (raw[i] >= 16) s += kHex[raw[i] >> 4];
    s += kHex[raw[i] & 15];
  }
  s += "]";
  return Error(std::move(s));
}

Result<Fq> DecodeFq(const uint8_t* raw) {
  Fq v;
  if (!Fq::FromBytesLE(raw, 32, &v)) return Err(InvalidInput("invalid fq", raw, 32));
  return v;
}

Result<G1> DecodeG1(const uint8_t* raw) {
  NEARRT_ASSIGN_OR_RETURN(Fq x, DecodeFq(raw));
  NEARRT_ASSIGN_OR_RETURN(Fq y, DecodeFq(raw + 32));
  if (x.IsZero() && y.IsZero()) return G1::Infinity();
  if (!G1::OnCurveAffine(x, y)) return Err(InvalidInput("invalid g1", raw, 64));
  return G1::FromAffine(x, y);
}

Result<Fq2> DecodeFq2(const uint8_t* raw) {
  NEARRT_ASSIGN_OR_RETURN(Fq re, DecodeFq(raw));
  NEARRT_ASSIGN_OR_RETURN(Fq im, DecodeFq(raw + 32));
  return Fq2{re, im};
}

Result<G2> DecodeG2(const uint8_t* raw) {
  NEARRT_ASSIGN_OR_RETURN(Fq2 x, DecodeFq2(raw));
  NEARRT_ASSIGN_OR_RETURN(Fq2 y, DecodeFq2(raw + 64));
  if (x.IsZero() && y.IsZero()) return G2::Infinity();
  G2 q = G2::FromAffine(x, y);
  if (!G2::OnCurveAffine(x, y) || !bn254::G2InSubgroup(q)) {
    return Err(InvalidInput("invalid g2", raw, 128));
  }
  return q;
}

Result<tower::Limbs<4>> DecodeFr(const uint8_t* raw) {
  tower::Limbs<4> k{};
  for (size_t i = 0; i < 32; ++i) k[i / 8] |= (uint64_t)raw[i] << (8 * (i % 8));
  if (tower::GeqLimbs<4>(k, bn254::kOrder)) return Err(InvalidInput("invalid fr", raw, 32));
  return k;
}

Result<bool> DecodeBool(const uint8_t* raw) {
  if (raw[0] == 0) return false;
  if (raw[0] == 1) return true;
  return Err(InvalidInput("invalid bool", raw, 1));
}

Bytes EncodeG1(const G1& p) {
  Bytes out(64, 0);
  Fq x, y;
  if (p.ToAffine(&x, &y)) {
    x.ToBytesLE(out.data(), 32);
    y.ToBytesLE(out.data() + 32, 32);
  }
  return out;
}

}  // namespace

Result<uint64_t> AltBn128ElementCount(size_t data_len, size_t item_size) {
  if (data_len % item_size != 0) {
    return Err("slice of size " + std::to_string(data_len) +
               " cannot be precisely split into chunks of size " + std::to_string(item_size));
  }
  return uint64_t(data_len / item_size);
}

Result<Bytes> AltBn128G1Multiexp(ByteView data) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t n, AltBn128ElementCount(data.size(), kAltBn128G1MultiexpItemSize));
  std::vector<std::pair<G1, tower::Limbs<4>>> items;
  items.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const uint8_t* chunk = data.data() + i * kAltBn128G1MultiexpItemSize;
    NEARRT_ASSIGN_OR_RETURN(G1 p, DecodeG1(chunk));
    NEARRT_ASSIGN_OR_RETURN(auto k, DecodeFr(chunk + 64));
    items.emplace_back(p, k);
  }
  G1 acc = G1::Infinity();
  for (const auto& [p, k] : items) acc = acc + p.Mul(k);
  return EncodeG1(acc);
}

Result<Bytes> AltBn128G1Sum(ByteView data) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t n, AltBn128ElementCount(data.size(), kAltBn128G1SumItemSize));
  std::vector<std::pair<bool, G1>> items;
  items.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const uint8_t* chunk = data.data() + i * kAltBn128G1SumItemSize;
    NEARRT_ASSIGN_OR_RETURN(bool neg, DecodeBool(chunk));
    NEARRT_ASSIGN_OR_RETURN(G1 p, DecodeG1(chunk + 1));
    items.emplace_back(neg, p);
  }
  G1 acc = G1::Infinity();
  for (const auto& [neg, p] : items) acc = neg ? acc - p : acc + p;
  return EncodeG1(acc);
}

Result<bool> AltBn128PairingCheck(ByteView data) {
  NEARRT_ASSIGN_OR_RETURN(uint64_t n, AltBn128ElementCount(data.size(), kAltBn128PairingItemSize));
  std::vector<bn254::PairInput> pairs;
  for (uint64_t i = 0; i < n; ++i) {
    const uint8_t* chunk = data.data() + i * kAltBn128PairingItemSize;
    NEARRT_ASSIGN_OR_RETURN(G1 p, DecodeG1(chunk));
    NEARRT_ASSIGN_OR_RETURN(G2 q, DecodeG2(chunk + 64));
    bn254::PairInput in;
    // zeropool-bn pairing_batch skips pairs where either point is zero.
    if (!p.ToAffine(&in.px, &in.py) || !q.ToAffine(&in.qx, &in.qy)) continue;
    pairs.push_back(in);
  }
  return bn254::PairingProductIsOne(pairs);
}

}  // namespace nearrt::crypto
