#include "crypto/bls12_381.h"
#include "crypto/bn254_bls12_381_vectors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace nearrt::crypto {
namespace {

Bytes Hex(std::string_view h) {
  auto r = HexDecode(h);
  EXPECT_TRUE(r.ok()) << h;
  return r.ok() ? *r : Bytes{};
}

Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
Bytes Sub(const Bytes& b, size_t from, size_t to) { return Bytes(b.begin() + from, b.begin() + to); }

// Result column of a nearcore/EIP-2537 CSV.
std::vector<Bytes> CsvResults(const std::string& name) {
  auto file = ReadFile(std::string(NEARRT_SOURCE_DIR) + "/src/crypto/testdata/bls12381/" + name);
  EXPECT_TRUE(file.ok()) << name;
  std::vector<Bytes> out;
  if (!file.ok()) return out;
  std::istringstream in(std::string(AsString(*file)));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(Hex(line.substr(line.find(',') + 1)));
  }
  return out;
}

// All nearcore EIP-2537 CSVs (sum, mul, multiexp, map, pairing, error rows,
// g1_add_x0) with nearcore's converters and both not_in_group_fix values.
TEST(Bls12381, Eip2537Vectors) {
  VectorReport rep = RunBls12381CsvVectors(std::string(NEARRT_SOURCE_DIR) + "/src/crypto/testdata");
  for (const auto& f : rep.failures) ADD_FAILURE() << f;
  EXPECT_EQ(rep.passed, 2414);
}

// shared/testdata/crypto/bls12381-vectors.md decompress vectors (compressed
// forms of g1_add/g1_mul/g2_add results).
TEST(Bls12381, DecompressVectors) {
  struct V { const char* in; const char* out; };
  const V g1[] = {
      {"9466e1373ae4a7e7ba885c5f0c3ccfa48cdb50661646ac6b779952f466ac9fc92730dcaed9be831cd1f8c4fefffd5209",
       "1466e1373ae4a7e7ba885c5f0c3ccfa48cdb50661646ac6b779952f466ac9fc92730dcaed9be831cd1f8c4fefffd52090c1fb750d2285d4ca0378e1e8cdbf6044151867c34a711b73ae818aee6dbe9e886f53d7928cc6ed9c851e0422f609b11"},
      {"b6b8ab56b45a9294466809b8e858c1ad15ad0d52cfcb62f8f5753dc94cee1de6efaaebce10701e3ec2ecaa9551024ea6",
       "16b8ab56b45a9294466809b8e858c1ad15ad0d52cfcb62f8f5753dc94cee1de6efaaebce10701e3ec2ecaa9551024ea6124571eec37c0b1361023188d66ec17c1ec230d31b515e0e81e599ec19e40c8a7c8cdea9735bc3d8b4e37ca7e5dd71f6"},
      {"af1f230329be03ac700ba718bc43c8ee59a4b2d1e20c7de95b22df14e7867eae4658ed2f2dfed4f775d4dcedb4235cf0",
       "0f1f230329be03ac700ba718bc43c8ee59a4b2d1e20c7de95b22df14e7867eae4658ed2f2dfed4f775d4dcedb4235cf012924104fdb82fb074cfc868bdd22012694b5bae2c0141851a5d6a97d8bc6f22ecb2f6ddec18cba6483f2e73faa5b942"},
      {"995592b927f3f1783a0c7b5117702cb09fa4f95bb2d35aa2a70fe89ba84aa4f385bdb2bfd4e1aaffbb0bfa002ac0e51b",
       "195592b927f3f1783a0c7b5117702cb09fa4f95bb2d35aa2a70fe89ba84aa4f385bdb2bfd4e1aaffbb0bfa002ac0e51b0607f070f4ae567633d019a63d0411a07d767bd7b6fe258c3ba1e720279e94c31f23166b806eabdb830bb632b003ca8b"},
      {"b4f9bc24d65e3a2d046dbae935781596fb277359ba785808fd9ff7fd135ba8c1ddc27d97a16cc844427afbf4f8fc75a6",
       "14f9bc24d65e3a2d046dbae935781596fb277359ba785808fd9ff7fd135ba8c1ddc27d97a16cc844427afbf4f8fc75a617e3a485f84e2f2bdcf3255fe939945abe60dca5e0ae55eae9675dcc8d73e06d00b440a27ab4dc21c37f0bd492d70cf4"},
  };
  Bytes all_in, all_out;
  for (const auto& v : g1) {
    auto r = Bls12381P1Decompress(Hex(v.in));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->code, 0u);
    EXPECT_EQ(HexEncode(r->out), v.out);
    Bytes i = Hex(v.in), o = Hex(v.out);
    all_in.insert(all_in.end(), i.begin(), i.end());
    all_out.insert(all_out.end(), o.begin(), o.end());
  }
  auto many = Bls12381P1Decompress(all_in);
  ASSERT_TRUE(many.ok());
  EXPECT_EQ(many->out, all_out);
  const V g2[] = {
      {"8b963b527aa3ec36813b108f2294115f732c878ac28551b5490615b436406773b5bb6a3f002be0e54db0bcebe40cb2e20a9b880c2c13da05bdeda62ea8f61e5fc2bf0b7aa5cc31eaf512bef7c5073d9e9927084b512e818dbf05eab697ba0661",
       "0b963b527aa3ec36813b108f2294115f732c878ac28551b5490615b436406773b5bb6a3f002be0e54db0bcebe40cb2e20a9b880c2c13da05bdeda62ea8f61e5fc2bf0b7aa5cc31eaf512bef7c5073d9e9927084b512e818dbf05eab697ba06610a374afd32bc3bb20c22a8864ce0dafe298bda17260b9d1d598a80830400c3fd4e8a8f677630eae5d4aa0a76a434e0ba0bd6e9060b42e36b57d88bc95b8b993da2d9d5acd95b73bad0509c2324212bcf7a94a46901932c0750535d00008a34f7"},
      {"a0d9739acc3a60f6dffb26f9b5f1fd114a21f2983deea192663c53e012b9f8e1cabd4942ad039badbd4745ddc0a26a911963e94d1501b6038de347037236c18a0a0c8cec677e48fc514e9fc9753a7d8dcf0acc4b3b64572cb571aebbe0b69664",
       "00d9739acc3a60f6dffb26f9b5f1fd114a21f2983deea192663c53e012b9f8e1cabd4942ad039badbd4745ddc0a26a911963e94d1501b6038de347037236c18a0a0c8cec677e48fc514e9fc9753a7d8dcf0acc4b3b64572cb571aebbe0b69664100758b888fa27e9258ddd5d83409e8aeac576874bc399b33b8bc50d77fce5358cb091d42f9a1b1ed09be3f2009599890b4206dcdb80d62195febb6773acab25fa2c09a2e4be9416ca019faeb72f1fad1dfdc51e8cea39b371a045b18947d40a"},
  };
  for (const auto& v : g2) {
    auto r = Bls12381P2Decompress(Hex(v.in));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->code, 0u);
    EXPECT_EQ(HexEncode(r->out), v.out);
  }
}

// Round trip: every g1_add/g2_add result, compressed by the ZCash rule with
// the sign bit taken from the expected uncompressed y, decompresses back.
TEST(Bls12381, DecompressRoundTrip) {
  for (bool g2 : {false, true}) {
    int n = 0;
    for (const auto& result : CsvResults(g2 ? "g2_add.csv" : "g1_add.csv")) {
      Bytes full = Eip2537PointToNear(result, g2);
      size_t half = full.size() / 2;
      Bytes comp = Sub(full, 0, half);
      if (full[0] & 0x40) {
        comp[0] |= 0x80;
      } else {
        // y > -y lexicographically <=> y > (p-1)/2: compare y with p - y.
        Bytes y = Sub(full, half, full.size());
        // For Fp2 the sign comes from c1 (first 48 bytes) unless it is zero.
        size_t off = 0;
        if (g2 && std::all_of(y.begin(), y.begin() + 48, [](uint8_t c) { return c == 0; })) off = 48;
        Bytes c = Sub(y, off, off + 48);
        // p in big-endian
        Bytes p = Hex("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");
        Bytes neg(48);  // p - c
        int borrow = 0;
        for (int i = 47; i >= 0; --i) {
          int d = p[i] - c[i] - borrow;
          borrow = d < 0;
          neg[i] = uint8_t(d + (borrow ? 256 : 0));
        }
        bool larger = c > neg;
        comp[0] |= 0x80 | (larger ? 0x20 : 0);
      }
      auto r = g2 ? Bls12381P2Decompress(comp) : Bls12381P1Decompress(comp);
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->code, 0u) << n;
      EXPECT_EQ(r->out, full) << (g2 ? "g2 " : "g1 ") << n;
      ++n;
    }
    EXPECT_EQ(n, 100);
  }
}

TEST(Bls12381, EmptyInputs) {
  Bytes inf1(96, 0), inf2(192, 0);
  inf1[0] = inf2[0] = 0x40;
  EXPECT_EQ(Bls12381P1Sum({})->out, inf1);
  EXPECT_EQ(Bls12381P2Sum({})->out, inf2);
  EXPECT_EQ(Bls12381G1Multiexp({})->out, inf1);
  EXPECT_EQ(Bls12381G2Multiexp({})->out, inf2);
  for (auto r : {Bls12381MapFpToG1({}), Bls12381MapFp2ToG2({}), Bls12381P1Decompress({}),
                 Bls12381P2Decompress({})}) {
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, 0u);
    EXPECT_TRUE(r->out.empty());
  }
  EXPECT_EQ(*Bls12381PairingCheck({}), 0u);
}

TEST(Bls12381, LengthErrors) {
  Bytes b(5, 0);
  EXPECT_EQ(Bls12381P1Sum(b).error().message, "Incorrect input length for bls12381_p1_sum: 5 is not divisible by 97");
  EXPECT_EQ(Bls12381P2Sum(b).error().message, "Incorrect input length for bls12381_p2_sum: 5 is not divisible by 193");
  EXPECT_EQ(Bls12381G1Multiexp(b).error().message,
            "Incorrect input length for bls12381_p1_multiexp: 5 is not divisible by 128");
  EXPECT_EQ(Bls12381G2Multiexp(b).error().message,
            "Incorrect input length for bls12381_p2_multiexp: 5 is not divisible by 224");
  EXPECT_EQ(Bls12381MapFpToG1(b).error().message,
            "Incorrect input length for bls12381_map_fp_to_g1: 5 is not divisible by 48");
  EXPECT_EQ(Bls12381MapFp2ToG2(b).error().message,
            "Incorrect input length for bls12381_map_fp2_to_g2: 5 is not divisible by 96");
  EXPECT_EQ(Bls12381P1Decompress(b).error().message,
            "Incorrect input length for bls12381_p1_decompress: 5 is not divisible by 48");
  EXPECT_EQ(Bls12381P2Decompress(b).error().message,
            "Incorrect input length for bls12381_p2_decompress: 5 is not divisible by 96");
  EXPECT_EQ(Bls12381PairingCheck(b).error().message,
            "Incorrect input length for bls12381_pairing_check: 5 is not divisible by 288");
  EXPECT_EQ(Bls12381ElementCount(5, 288), 0u);
  EXPECT_EQ(Bls12381ElementCount(97 * 3 + 5, 97), 3u);
}

// Flag and encoding edge cases from nearcore's get_incorrect_points and the
// x = 0 tests (test_bls12381_decompress_x_0, test_bls12381_pairing_x_0, ...).
TEST(Bls12381, EncodingEdges) {
  // (0, 2): on E1, not in G1.
  Bytes x0(96, 0);
  x0[95] = 2;
  Bytes sum = Cat({{0}, x0});
  EXPECT_EQ(Bls12381P1Sum(sum, false)->code, 1u);
  auto fixed = Bls12381P1Sum(sum, true);
  EXPECT_EQ(fixed->code, 0u);
  EXPECT_EQ(fixed->out, x0);
  Bytes scalar(32, 0);
  scalar[0] = 1;
  EXPECT_EQ(Bls12381G1Multiexp(Cat({x0, scalar}), false)->code, 1u);
  EXPECT_EQ(Bls12381G1Multiexp(Cat({x0, scalar}), true)->code, 1u);  // not in G1
  // Compressed x = 0: rejected on stable, (0, 2) with the fix.
  Bytes cx0(48, 0);
  cx0[0] = 0x80;
  EXPECT_EQ(Bls12381P1Decompress(cx0, false)->code, 1u);
  auto d = Bls12381P1Decompress(cx0, true);
  EXPECT_EQ(d->code, 0u);
  EXPECT_EQ(d->out, x0);
  // All-zero uncompressed point is not infinity.
  EXPECT_EQ(Bls12381P1Sum(Bytes(97, 0))->code, 1u);
  EXPECT_EQ(Bls12381P2Sum(Bytes(193, 0))->code, 1u);
  // Infinity with an extra bit / trailing byte.
  Bytes bad(97, 0);
  bad[1] = 0xc0;
  EXPECT_EQ(Bls12381P1Sum(bad)->code, 1u);
  bad[1] = 0x40;
  bad[96] = 1;
  EXPECT_EQ(Bls12381P1Sum(bad)->code, 1u);
  bad[96] = 0;
  EXPECT_EQ(Bls12381P1Sum(bad)->code, 0u);
  bad[0] = 2;  // bad sign
  EXPECT_EQ(Bls12381P1Sum(bad)->code, 1u);
  bad[0] = 1;  // -infinity
  EXPECT_EQ(Bls12381P1Sum(bad)->code, 0u);
  // Compressed infinity decompresses to 0x40 || 0.
  Bytes cinf(48, 0);
  cinf[0] = 0xc0;
  auto di = Bls12381P1Decompress(cinf);
  EXPECT_EQ(di->code, 0u);
  EXPECT_EQ(di->out[0], 0x40);
  cinf[47] = 1;
  EXPECT_EQ(Bls12381P1Decompress(cinf)->code, 1u);
  Bytes cinf2(96, 0);
  cinf2[0] = 0x40;  // compression bit missing
  EXPECT_EQ(Bls12381P2Decompress(cinf2)->code, 1u);
  // Pairing: (0, 2) rejected; infinity pairs are neutral.
  Bytes inf1(96, 0), inf2(192, 0);
  inf1[0] = inf2[0] = 0x40;
  EXPECT_EQ(*Bls12381PairingCheck(Cat({inf1, inf2})), 0u);
  EXPECT_EQ(*Bls12381PairingCheck(Cat({x0, inf2})), 1u);
  // Map: p itself is not canonical.
  Bytes p = Hex("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");
  EXPECT_EQ(Bls12381MapFpToG1(p)->code, 1u);
  EXPECT_EQ(Bls12381MapFp2ToG2(Cat({p, Bytes(48, 0)}))->code, 1u);
  EXPECT_EQ(Bls12381MapFp2ToG2(Cat({Bytes(48, 0), p}))->code, 1u);
  EXPECT_EQ(Bls12381MapFpToG1(Bytes(48, 0))->code, 0u);
}

}  // namespace
}  // namespace nearrt::crypto
