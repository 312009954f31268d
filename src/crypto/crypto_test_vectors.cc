#include "crypto/crypto_test_vectors.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "crypto/ed25519.h"
#include "crypto/keccak.h"
#include "crypto/p256.h"
#include "crypto/secp256k1.h"
#include "crypto/sha256.h"
#include "crypto/sha512.h"

namespace nearrt::crypto::testing {
namespace {

std::string Hex(ByteView b) { return HexEncode(b); }

std::vector<std::string> SplitWords(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

Result<std::vector<std::vector<std::string>>> ReadLines(const std::string& path, size_t fields) {
  NEARRT_ASSIGN_OR_RETURN(Bytes data, ReadFile(path));
  std::istringstream in(std::string(AsString(data)));
  std::vector<std::vector<std::string>> rows;
  int lineno = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> words = SplitWords(line);
    if (words.size() != fields) {
      return Err(path + ":" + std::to_string(lineno) + ": expected " + std::to_string(fields) +
                 " fields");
    }
    rows.push_back(std::move(words));
  }
  return rows;
}

Result<Bytes> HexField(const std::string& s) {
  if (s == "-") return Bytes{};
  return HexDecode(s);
}

// --- Hash known-answer vectors -------------------------------------------

struct HashVector {
  std::string_view input;  // ASCII
  std::string_view digest;
};

// ISO/IEC 10118-3 / the RIPEMD-160 authors' page (Bosselaers), plus nearcore
// runtime/near-vm-runner/src/logic/tests/miscs.rs ("tesdsst").
constexpr HashVector kRipemd160[] = {
    {"", "9c1185a5c5e9fc54612808977ee8f548b2258d31"},
    {"a", "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe"},
    {"abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"},
    {"message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36"},
    {"abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "12a053384a9c0c88e405a06c27dcf49ada62eb2b"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
     "b0e20b6e3116640286ed3a87a5713079b21f5189"},
    {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
     "9b752e45573d4b39f4dbd3323cab82bf63326bfb"},
    {"tesdsst", "15669c73e8033ad72354811e8f56d46846610ee1"},
};

// Keccak team / Ethereum (keccak256("") is the empty-code hash), plus
// nearcore miscs.rs ("tesdsst").
constexpr HashVector kKeccak256[] = {
    {"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
    {"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"},
    {"The quick brown fox jumps over the lazy dog",
     "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15"},
    {"tesdsst", "686e3a7ae6b5d791e7e531a27ba7b13a1a8e81ad0725091ae97340663d550a9f"},
};
constexpr HashVector kKeccak512[] = {
    {"",
     "0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304"
     "c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e"},
    {"tesdsst",
     "37866089a87abb5f434c127a920be16a75c29a9d30a05a9268d1767edee6c87d"
     "3049c5ec7badc0c55a99a7796458d1f08956ef295780dbf988cbdc6d2ea8eabe"},
};
// FIPS 180-4 examples (NIST CSRC "SHA512.pdf").
constexpr HashVector kSha512[] = {
    {"",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {"abc",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
     "lmnopqrsmnopqrstnopqrstu",
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
};

// --- Ed25519 --------------------------------------------------------------

struct Rfc8032Vector {
  std::string_view seed, pk, msg, sig;
};
// RFC 8032 section 7.1, TEST 1-3.
constexpr Rfc8032Vector kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
};

// --- P-256 ----------------------------------------------------------------

struct P256Vector {
  std::string_view pk, msg, sig;  // the prehash is SHA-256(msg)
  bool expected;
  std::string_view name;
};
constexpr P256Vector kP256[] = {
    // nearcore runtime/near-vm-runner/src/logic/tests/p256_verify_wycheproof.rs
    // (Wycheproof ecdsa_secp256r1_sha256_p1363_test.json).
    {"022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838", "3639383139",
     "64a1aab5000d0e804f3e2fc02bdee9be8ff312334e2ba16d11547c97711c898e"
     "6af015971cc30be6d1a206d4e013e0997772a2f91d73286ffd683b9bb2cf4f1b",
     true, "wycheproof-60-shamir-edge"},
    {"022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838", "313233343030",
     "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
     "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76",
     true, "wycheproof-1-low-s"},
    {"0268ec6e298eafe16539156ce57a14b04a7047c221bafc3a582eaeb0d857c4d946", "313233343030",
     "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a9"
     "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a9",
     true, "wycheproof-171-high-s-accepted"},
    {"022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838", "313233343030",
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000",
     false, "wycheproof-11-r0-s0"},
    {"022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838", "313233343030",
     "0000000000000000000000000000000000000000000000000000000000000001"
     "0000000000000000000000000000000000000000000000000000000000000000",
     false, "wycheproof-18-r1-s0"},
    {"022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838", "313233343030",
     "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
     "0000000000000000000000000000000000000000000000000000000000000000",
     false, "wycheproof-25-r-eq-n"},
    {"022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838", "313233343030",
     "d45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739"
     "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db",
     false, "wycheproof-4-n-minus-r"},
    {"052927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838", "313233343030",
     "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
     "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76",
     false, "wycheproof-1-bad-key-tag"},
    // RFC 6979 appendix A.2.5 (P-256, SHA-256); key x = C9AFA9D8...0F6721,
    // U = (60FED4BA...F29FB6, 7903FE10...462299), Uy odd -> tag 03.
    {"0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", "73616d706c65",
     "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
     "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
     true, "rfc6979-sample"},
    {"0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", "74657374",
     "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
     "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083",
     true, "rfc6979-test"},
    // Same signature, key with the wrong y parity (tag 02): a different point.
    {"0260fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", "74657374",
     "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
     "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083",
     false, "rfc6979-test-wrong-parity"},
};

}  // namespace

void AbortBadLiteral(std::string_view hex) {
  std::fprintf(stderr, "bad hex literal in a test table: %.*s\n", int(hex.size()), hex.data());
  std::abort();
}

Bytes HexOrDie(std::string_view hex) {
  Result<Bytes> b = HexDecode(hex);
  if (!b.ok()) AbortBadLiteral(hex);
  return *std::move(b);
}

void Tally::Check(bool ok, const std::string& what) {
  if (ok) {
    ++pass;
  } else {
    ++fail;
    failures.push_back(what);
  }
}

Backend DefaultBackend() {
  return {"default",       &Ripemd160,     &Ed25519Verify,      &Ed25519PublicKeyFromSeed,
          &Ed25519Sign,    &EcRecover,     &Secp256k1VerifyNear, &Secp256k1Sign,
          &Secp256k1PublicKey, &P256VerifyPrehash};
}

Backend PortableBackend() {
  return {"portable",
          &portable::Ripemd160,
          &portable::Ed25519Verify,
          &portable::Ed25519PublicKeyFromSeed,
          &portable::Ed25519Sign,
          &portable::EcRecover,
          &portable::Secp256k1VerifyNear,
          &portable::Secp256k1Sign,
          &portable::Secp256k1PublicKey,
          &portable::P256VerifyPrehash};
}

Result<std::vector<EcRecoverVector>> LoadEcRecoverVectors(const std::string& path) {
  NEARRT_ASSIGN_OR_RETURN(auto rows, ReadLines(path, 5));
  std::vector<EcRecoverVector> out;
  for (const auto& r : rows) {
    EcRecoverVector v;
    NEARRT_ASSIGN_OR_RETURN(v.hash, HexField(r[0]));
    NEARRT_ASSIGN_OR_RETURN(v.sig, HexField(r[2]));
    if (v.hash.size() != 32 || v.sig.size() != 64 || (r[1] != "0" && r[1] != "1" && r[1] != "2" &&
                                                      r[1] != "3")) {
      return Err(path + ": bad ecrecover vector " + r[0]);
    }
    v.v = uint8_t(r[1][0] - '0');
    v.malleability_check = r[3] == "1";
    if (r[4] != "-") {
      NEARRT_ASSIGN_OR_RETURN(Bytes key, HexField(r[4]));
      if (key.size() != 64) return Err(path + ": bad ecrecover result " + r[4]);
      v.result = std::move(key);
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<Ed25519Vector>> LoadEd25519Vectors(const std::string& path) {
  NEARRT_ASSIGN_OR_RETURN(auto rows, ReadLines(path, 5));
  std::vector<Ed25519Vector> out;
  for (const auto& r : rows) {
    Ed25519Vector v;
    NEARRT_ASSIGN_OR_RETURN(v.pk, HexField(r[0]));
    NEARRT_ASSIGN_OR_RETURN(v.msg, HexField(r[1]));
    NEARRT_ASSIGN_OR_RETURN(v.sig, HexField(r[2]));
    if (v.pk.size() != 32 || v.sig.size() != 64 || (r[3] != "0" && r[3] != "1")) {
      return Err(path + ": bad ed25519 vector " + r[4]);
    }
    v.expected = r[3] == "1";
    v.name = r[4];
    out.push_back(std::move(v));
  }
  return out;
}

Status CheckEcRecoverFile(const Backend& b, const std::string& path, Tally& tally) {
  NEARRT_ASSIGN_OR_RETURN(auto vectors, LoadEcRecoverVectors(path));
  for (const EcRecoverVector& v : vectors) {
    auto got = b.ecrecover(std::span<const uint8_t, 32>(v.hash.data(), 32),
                           std::span<const uint8_t, 64>(v.sig.data(), 64), v.v,
                           v.malleability_check);
    bool ok = got.has_value() == v.result.has_value() &&
              (!got || Bytes(got->begin(), got->end()) == *v.result);
    tally.Check(ok, std::string(b.name) + " ecrecover m=" + Hex(v.hash) + " v=" +
                        std::to_string(v.v) + " got " + (got ? Hex(*got) : "none"));
  }
  return OkStatus();
}

Status CheckEd25519File(const Backend& b, const std::string& path, Tally& tally) {
  NEARRT_ASSIGN_OR_RETURN(auto vectors, LoadEd25519Vectors(path));
  for (const Ed25519Vector& v : vectors) {
    bool got = b.ed25519_verify(std::span<const uint8_t, 64>(v.sig.data(), 64), v.msg,
                                std::span<const uint8_t, 32>(v.pk.data(), 32));
    tally.Check(got == v.expected, std::string(b.name) + " ed25519 edge case " + v.name);
  }
  return OkStatus();
}

void CheckHashVectors(const Backend& b, Tally& tally) {
  const std::string name = b.name;
  for (const HashVector& v : kRipemd160) {
    tally.Check(Hex(b.ripemd160(AsBytes(v.input))) == v.digest,
                name + " ripemd160(\"" + std::string(v.input) + "\")");
  }
  std::string million(1000000, 'a');
  tally.Check(Hex(b.ripemd160(AsBytes(million))) == "52783243c1697bdbe16d37f97f68f08325dc1528",
              name + " ripemd160(10^6 x 'a')");
  for (const HashVector& v : kKeccak256) {
    tally.Check(Hex(Keccak256(AsBytes(v.input))) == v.digest,
                "keccak256(\"" + std::string(v.input) + "\")");
  }
  for (const HashVector& v : kKeccak512) {
    tally.Check(Hex(Keccak512(AsBytes(v.input))) == v.digest,
                "keccak512(\"" + std::string(v.input) + "\")");
  }
  for (const HashVector& v : kSha512) {
    tally.Check(Hex(Sha512Hash(AsBytes(v.input))) == v.digest,
                "sha512(\"" + std::string(v.input) + "\")");
  }
  tally.Check(Hex(Sha512Hash(AsBytes(million))) ==
                  "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
                  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
              "sha512(10^6 x 'a')");
  // nearcore miscs.rs
  tally.Check(Hex(Sha256Hash(AsBytes("tesdsst"))) ==
                  "12b0739c2d64f184b4864d2a696fc77f76705cff582b53937a371a242a9ca09e",
              "sha256(\"tesdsst\")");
}

void CheckEd25519Rfc8032(const Backend& b, Tally& tally) {
  const std::string name = b.name;
  for (const Rfc8032Vector& v : kRfc8032) {
    auto seed = HexArray<32>(v.seed);
    Bytes msg = HexOrDie(v.msg);
    tally.Check(Hex(b.ed25519_public_key(seed)) == v.pk, name + " ed25519 pk " + std::string(v.pk));
    auto sig = b.ed25519_sign(seed, msg);
    tally.Check(Hex(sig) == v.sig, name + " ed25519 sign " + std::string(v.pk));
    auto pk = HexArray<32>(v.pk);
    auto expected_sig = HexArray<64>(v.sig);
    tally.Check(b.ed25519_verify(expected_sig, msg, pk), name + " ed25519 verify " + std::string(v.pk));
    msg.push_back(0);
    tally.Check(!b.ed25519_verify(expected_sig, msg, pk),
                name + " ed25519 verify longer msg " + std::string(v.pk));
  }
  // nearcore runtime/near-vm-runner/src/logic/tests/ed25519_verify.rs
  auto pk = HexArray<32>("207a067892821e25d770f1fba0c47c11ff4b813e54162ece9eb839e076231ab6");
  auto sig = HexArray<64>(
      "91c1cb1272e30e7521d57942820e190424782e8ee2d707427a70611ef9873da5"
      "ddf9fc17692838461f98ec8d9a7acf144b764f5aa806dd7ad51d7ec4d868bf06");
  ByteView msg = AsBytes("kajdlfkjalkfjaklfjdkladjfkljadsk");
  tally.Check(b.ed25519_verify(sig, msg, pk), name + " ed25519 nearcore valid");
  std::array<uint8_t, 64> bad;
  bad.fill(1);
  tally.Check(!b.ed25519_verify(bad, msg, pk), name + " ed25519 nearcore BAD_SIGNATURE");
  auto forged_sig = sig;
  forged_sig[63] = 0xE1;
  tally.Check(!b.ed25519_verify(forged_sig, msg, pk), name + " ed25519 nearcore forged sig");
  auto forged_pk = pk;
  forged_pk[31] = 0xE1;
  tally.Check(!b.ed25519_verify(sig, msg, forged_pk), name + " ed25519 nearcore forged pk");
  tally.Check(!b.ed25519_verify(sig, {}, pk), name + " ed25519 nearcore empty msg");
}

void CheckSecp256k1Vectors(const Backend& b, Tally& tally) {
  const std::string name = b.name;
  // The first nearcore ecrecover vector (low s): hash, r || s, v = 1, key.
  auto hash = HexArray<32>("ce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008");
  auto sig = HexArray<65>(
      "90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998"
      "4a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc9301");
  auto key = HexArray<64>(
      "e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a"
      "0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652");
  tally.Check(b.secp256k1_verify(sig, hash, key), name + " secp256k1 verify valid");
  // v is only range-checked (RecoveryId::from_i32).
  auto other_v = sig;
  other_v[64] = 0;
  tally.Check(b.secp256k1_verify(other_v, hash, key), name + " secp256k1 verify v=0");
  other_v[64] = 3;
  tally.Check(b.secp256k1_verify(other_v, hash, key), name + " secp256k1 verify v=3");
  other_v[64] = 4;
  tally.Check(!b.secp256k1_verify(other_v, hash, key), name + " secp256k1 verify v=4");
  // High s (N - s) is rejected by secp256k1_ecdsa_verify.
  auto high = sig;
  {
    // N - s, big-endian byte arithmetic.
    auto n = HexArray<32>("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
      int d = int(n[i]) - int(sig[32 + i]) - borrow;
      borrow = d < 0;
      high[32 + i] = uint8_t(d + (borrow ? 256 : 0));
    }
  }
  tally.Check(!b.secp256k1_verify(high, hash, key), name + " secp256k1 verify high s");
  auto bad_hash = hash;
  bad_hash[0] ^= 1;
  tally.Check(!b.secp256k1_verify(sig, bad_hash, key), name + " secp256k1 verify wrong msg");
  auto bad_key = key;
  bad_key[63] ^= 1;  // off the curve
  tally.Check(!b.secp256k1_verify(sig, hash, bad_key), name + " secp256k1 verify key off curve");
  auto big_r = sig;
  std::fill(big_r.begin(), big_r.begin() + 32, 0xFF);  // r >= N
  tally.Check(!b.secp256k1_verify(big_r, hash, key), name + " secp256k1 verify r >= N");
  // ecrecover of the same signature with either malleability flag.
  std::span<const uint8_t, 64> rs(sig.data(), 64);
  auto rec = b.ecrecover(hash, rs, 1, true);
  tally.Check(rec && *rec == key, name + " ecrecover first vector");
  tally.Check(!b.ecrecover(hash, rs, 4, false), name + " ecrecover v=4 -> nullopt");
  // Sign / recover round trip with a fixed key.
  auto secret = HexArray<32>("0000000000000000000000000000000000000000000000000000000000000001");
  auto pub = b.secp256k1_public_key(secret);
  // 1 * G = the secp256k1 generator (SEC 2 section 2.4.1).
  tally.Check(pub && Hex(*pub) ==
                         "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                         "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
              name + " secp256k1 public key of 1");
  auto made = b.secp256k1_sign(secret, hash);
  tally.Check(made && b.secp256k1_verify(*made, hash, *pub), name + " secp256k1 sign/verify");
  if (made) {
    auto back = b.ecrecover(hash, std::span<const uint8_t, 64>(made->data(), 64), (*made)[64], true);
    tally.Check(back && *back == *pub, name + " secp256k1 sign/ecrecover");
  }
  std::array<uint8_t, 32> zero{};
  tally.Check(!b.secp256k1_sign(zero, hash) && !b.secp256k1_public_key(zero),
              name + " secp256k1 secret 0 rejected");
}

void CheckP256Vectors(const Backend& b, Tally& tally) {
  const std::string name = b.name;
  for (const P256Vector& v : kP256) {
    auto pk = HexArray<33>(v.pk);
    auto sig = HexArray<64>(v.sig);
    Digest32 prehash = Sha256Hash(HexOrDie(v.msg));
    tally.Check(b.p256_verify(sig, prehash, pk) == v.expected,
                name + " p256 " + std::string(v.name));
  }
  // bits2field: a prehash longer than 32 bytes keeps its first 32 bytes;
  // fewer than 16 bytes always fails.
  const P256Vector& rfc = kP256[8];
  auto pk = HexArray<33>(rfc.pk);
  auto sig = HexArray<64>(rfc.sig);
  Digest32 prehash = Sha256Hash(HexOrDie(rfc.msg));
  Bytes longer(prehash.begin(), prehash.end());
  longer.resize(100, 0xAB);
  tally.Check(b.p256_verify(sig, longer, pk), name + " p256 prehash truncated to 32 bytes");
  tally.Check(!b.p256_verify(sig, ByteView(prehash).first(31), pk), name + " p256 31-byte prehash");
  tally.Check(!b.p256_verify(sig, ByteView(prehash).first(15), pk), name + " p256 15-byte prehash");
  tally.Check(!b.p256_verify(sig, {}, pk), name + " p256 empty prehash");
  std::array<uint8_t, 33> zero_key{};
  tally.Check(!b.p256_verify(sig, prehash, zero_key), name + " p256 all-zero key");
  tally.Check(!P256SignatureIsValid(HexArray<64>(kP256[3].sig)), "p256 r=0,s=0 rejected early");
  tally.Check(P256SignatureIsValid(sig), "p256 valid signature parses");
}

Status CheckAllVectors(const Backend& b, const std::string& shared_dir, Tally& tally) {
  NEARRT_TRY(CheckEcRecoverFile(b, shared_dir + "/testdata/crypto/ecrecover-nearcore.txt", tally));
  NEARRT_TRY(CheckEd25519File(b, shared_dir + "/testdata/crypto/ed25519-edge-cases.txt", tally));
  CheckHashVectors(b, tally);
  CheckEd25519Rfc8032(b, tally);
  CheckSecp256k1Vectors(b, tally);
  CheckP256Vectors(b, tally);
  return OkStatus();
}

}  // namespace nearrt::crypto::testing
