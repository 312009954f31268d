// Benchmarks of the alt_bn128 / BLS12-381 host-function primitives through
// their public byte APIs (decoding and subgroup checks included).
//   cmake -S . -B build-bench -G Ninja -DNEARRT_BENCH=ON && ninja -C build-bench bench_curves
#include <benchmark/benchmark.h>

#include <random>

#include "crypto/alt_bn128.h"
#include "crypto/bls12_381.h"
#include "crypto/bls12_381_pairing.h"
#include "crypto/bn254_pairing.h"

namespace nearrt::crypto {
namespace {

std::mt19937_64 rng(42);

template <size_t N>
tower::Limbs<N> RandLimbs(unsigned top_mask_bits) {
  tower::Limbs<N> k;
  for (auto& w : k) w = rng();
  k[N - 1] >>= top_mask_bits;
  return k;
}

// ---- BN254 helpers (little-endian, real-first) ----
bn254::G1 BnG1() { return bn254::G1::FromAffine(bn254::Fq::FromU64(1), bn254::Fq::FromU64(2)); }
bn254::G2 BnG2() {
  using bn254::Fq;
  return bn254::G2::FromAffine(
      {Fq::FromHex("1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"),
       Fq::FromHex("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2")},
      {Fq::FromHex("12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa"),
       Fq::FromHex("090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b")});
}
void PutBn(const bn254::G1& p, Bytes& out) {
  bn254::Fq x, y;
  p.ToAffine(&x, &y);
  size_t o = out.size();
  out.resize(o + 64);
  x.ToBytesLE(&out[o], 32);
  y.ToBytesLE(&out[o + 32], 32);
}
void PutBn(const bn254::G2& p, Bytes& out) {
  bn254::Fq2 x, y;
  p.ToAffine(&x, &y);
  size_t o = out.size();
  out.resize(o + 128);
  x.c0.ToBytesLE(&out[o], 32);
  x.c1.ToBytesLE(&out[o + 32], 32);
  y.c0.ToBytesLE(&out[o + 64], 32);
  y.c1.ToBytesLE(&out[o + 96], 32);
}

// ---- BLS12-381 helpers (big-endian, c1 first) ----
bls12_381::G1 BlsG1() {
  using bls12_381::Fp;
  return bls12_381::G1::FromAffine(
      Fp::FromHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
      Fp::FromHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));
}
bls12_381::G2 BlsG2() {
  using bls12_381::Fp;
  return bls12_381::G2::FromAffine(
      {Fp::FromHex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"),
       Fp::FromHex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")},
      {Fp::FromHex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"),
       Fp::FromHex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")});
}
void PutBls(const bls12_381::G1& p, Bytes& out) {
  bls12_381::Fp x, y;
  p.ToAffine(&x, &y);
  size_t o = out.size();
  out.resize(o + 96);
  x.ToBytesBE(&out[o], 48);
  y.ToBytesBE(&out[o + 48], 48);
}
void PutBls(const bls12_381::G2& p, Bytes& out) {
  bls12_381::Fp2 x, y;
  p.ToAffine(&x, &y);
  size_t o = out.size();
  out.resize(o + 192);
  x.c1.ToBytesBE(&out[o], 48);
  x.c0.ToBytesBE(&out[o + 48], 48);
  y.c1.ToBytesBE(&out[o + 96], 48);
  y.c0.ToBytesBE(&out[o + 144], 48);
}
void PutScalarLE(const tower::Limbs<4>& k, Bytes& out) {
  for (int i = 0; i < 32; ++i) out.push_back(uint8_t(k[i / 8] >> (8 * (i % 8))));
}

// e(aP, Q) * e(-P, aQ) == 1
void BM_AltBn128PairingCheck2(benchmark::State& state) {
  auto a = RandLimbs<4>(4);
  Bytes in;
  PutBn(BnG1().Mul(a), in);
  PutBn(BnG2(), in);
  PutBn(BnG1().Neg(), in);
  PutBn(BnG2().Mul(a), in);
  for (auto _ : state) {
    auto r = AltBn128PairingCheck(in);
    if (!r.ok() || !*r) state.SkipWithError("wrong result");
  }
}
BENCHMARK(BM_AltBn128PairingCheck2)->Unit(benchmark::kMillisecond);

void BM_Bls12381PairingCheck2(benchmark::State& state) {
  auto a = RandLimbs<4>(4);
  Bytes in;
  PutBls(BlsG1().Mul(a), in);
  PutBls(BlsG2(), in);
  PutBls(BlsG1().Neg(), in);
  PutBls(BlsG2().Mul(a), in);
  for (auto _ : state) {
    auto r = Bls12381PairingCheck(in);
    if (!r.ok() || *r != 0) state.SkipWithError("wrong result");
  }
}
BENCHMARK(BM_Bls12381PairingCheck2)->Unit(benchmark::kMillisecond);

void BM_AltBn128G1Multiexp(benchmark::State& state) {
  Bytes in;
  for (int i = 0; i < state.range(0); ++i) {
    PutBn(BnG1().Mul(RandLimbs<4>(4)), in);
    PutScalarLE(RandLimbs<4>(4), in);
  }
  for (auto _ : state) benchmark::DoNotOptimize(AltBn128G1Multiexp(in));
}
BENCHMARK(BM_AltBn128G1Multiexp)->Arg(1)->Arg(8)->Arg(32)->Unit(benchmark::kMicrosecond);

void BM_Bls12381G1Multiexp(benchmark::State& state) {
  Bytes in;
  for (int i = 0; i < state.range(0); ++i) {
    PutBls(BlsG1().Mul(RandLimbs<4>(1)), in);
    PutScalarLE(RandLimbs<4>(0), in);
  }
  for (auto _ : state) benchmark::DoNotOptimize(Bls12381G1Multiexp(in));
}
BENCHMARK(BM_Bls12381G1Multiexp)->Arg(1)->Arg(8)->Arg(32)->Unit(benchmark::kMicrosecond);

void BM_Bls12381G2Multiexp(benchmark::State& state) {
  Bytes in;
  for (int i = 0; i < state.range(0); ++i) {
    PutBls(BlsG2().Mul(RandLimbs<4>(1)), in);
    PutScalarLE(RandLimbs<4>(0), in);
  }
  for (auto _ : state) benchmark::DoNotOptimize(Bls12381G2Multiexp(in));
}
BENCHMARK(BM_Bls12381G2Multiexp)->Arg(1)->Arg(8)->Arg(32)->Unit(benchmark::kMicrosecond);

void BM_Bls12381MapFpToG1(benchmark::State& state) {
  Bytes in(48, 0x11);
  for (auto _ : state) benchmark::DoNotOptimize(Bls12381MapFpToG1(in));
}
BENCHMARK(BM_Bls12381MapFpToG1)->Unit(benchmark::kMicrosecond);

void BM_Bls12381MapFp2ToG2(benchmark::State& state) {
  Bytes in(96, 0x11);
  for (auto _ : state) benchmark::DoNotOptimize(Bls12381MapFp2ToG2(in));
}
BENCHMARK(BM_Bls12381MapFp2ToG2)->Unit(benchmark::kMicrosecond);

void BM_Bls12381P2Decompress(benchmark::State& state) {
  Bytes full;
  PutBls(BlsG2().Mul(RandLimbs<4>(1)), full);
  Bytes in(full.begin(), full.begin() + 96);
  in[0] |= 0x80;  // either sign: valid
  for (auto _ : state) benchmark::DoNotOptimize(Bls12381P2Decompress(in));
}
BENCHMARK(BM_Bls12381P2Decompress)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nearrt::crypto
