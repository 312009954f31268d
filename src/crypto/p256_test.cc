#include "crypto/p256.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include "crypto/crypto_gtest_util.h"
#include "crypto/crypto_random_workload.h"

namespace nearrt::crypto {
namespace {

using testing::Tally;

class P256Backend : public testing::BackendTest {};

// nearcore p256_verify_wycheproof.rs (8) and RFC 6979 A.2.5 (2 + 1), and the
// bits2field / key parsing rules.
TEST_P(P256Backend, Vectors) {
  Tally t;
  testing::CheckP256Vectors(GetParam(), t);
  testing::ExpectAllPassed(t, 11 + 7);
}

INSTANTIATE_TEST_SUITE_P(Both, P256Backend, ::testing::ValuesIn(testing::BothBackends()),
                         testing::BackendName);

TEST(P256, SignatureIsValidBounds) {
  auto n = testing::HexArray<32>("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
  std::array<uint8_t, 64> sig{};
  sig[31] = 1;
  sig[63] = 1;
  EXPECT_TRUE(P256SignatureIsValid(sig));
  std::copy(n.begin(), n.end(), sig.begin());
  EXPECT_FALSE(P256SignatureIsValid(sig));  // r = n
  sig[31] = 0x50;                           // r = n - 1
  EXPECT_TRUE(P256SignatureIsValid(sig));
  std::fill(sig.begin() + 32, sig.end(), 0);  // s = 0
  EXPECT_FALSE(P256SignatureIsValid(sig));
}

// Signs with OpenSSL (an independent implementation) over the 32 field bytes
// that bits2field derives from prehashes of several lengths, then checks both
// backends accept exactly the lengths >= 16.
TEST(P256, PrehashLengthsWithOpenSslSignatures) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  // Uncompressed 04 || X || Y, compressed by hand: (02 | y odd) || X.
  uint8_t pub[65];
  size_t pub_len = 0;
  ASSERT_EQ(EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof(pub),
                                            &pub_len),
            1);
  ASSERT_EQ(pub_len, 65u);
  std::array<uint8_t, 33> pk;
  pk[0] = uint8_t(0x02 | (pub[64] & 1));
  std::copy(pub + 1, pub + 33, pk.begin() + 1);

  testing::TestRng rng(17);
  for (size_t len : {0, 1, 15, 16, 17, 20, 31, 32, 33, 48, 64, 100}) {
    Bytes prehash(len);
    rng.Fill(prehash);
    std::array<uint8_t, 32> field{};
    bool long_enough = P256PrehashToField(prehash, field);
    EXPECT_EQ(long_enough, len >= 16);
    // OpenSSL signs the 32 field bytes (for short prehashes it signs the
    // zero-padded form; a real RustCrypto signer would too).
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
    ASSERT_EQ(EVP_PKEY_sign_init(ctx), 1);
    uint8_t der[80];
    size_t der_len = sizeof(der);
    ASSERT_EQ(EVP_PKEY_sign(ctx, der, &der_len, field.data(), field.size()), 1);
    EVP_PKEY_CTX_free(ctx);
    const unsigned char* p = der;
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, long(der_len));
    ASSERT_NE(es, nullptr);
    std::array<uint8_t, 64> sig;
    ASSERT_EQ(BN_bn2binpad(ECDSA_SIG_get0_r(es), sig.data(), 32), 32);
    ASSERT_EQ(BN_bn2binpad(ECDSA_SIG_get0_s(es), sig.data() + 32, 32), 32);
    ECDSA_SIG_free(es);
    EXPECT_EQ(P256VerifyPrehash(sig, prehash, pk), len >= 16) << len;
    EXPECT_EQ(portable::P256VerifyPrehash(sig, prehash, pk), len >= 16) << len;
    // A 32-byte prehash equal to the field bytes always verifies.
    EXPECT_TRUE(P256VerifyPrehash(sig, field, pk));
    EXPECT_TRUE(portable::P256VerifyPrehash(sig, field, pk));
  }
  EVP_PKEY_free(key);
}

}  // namespace
}  // namespace nearrt::crypto
