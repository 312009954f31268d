#include "store/trie_key.h"

#include <gtest/gtest.h>

namespace nearrt::store {
namespace {

AccountId Id(const char* s) { return *AccountId::Parse(s); }

CryptoHash Filled(uint8_t b) {
  CryptoHash h;
  h.bytes.fill(b);
  return h;
}

PublicKeyHandle Ed25519(uint8_t fill) {
  return *PublicKeyHandle::Make(PublicKeyHandle::kEd25519, Bytes(32, fill));
}

// trie.md §7.2 "TrieKey bytes" and the layout table of §1 / runtime.md §7.3.
TEST(TrieKey, ExactBytes) {
  EXPECT_EQ(HexEncode(TrieKey::Account(Id("alice.near")).ToBytes()), "00616c6963652e6e656172");
  EXPECT_EQ(HexEncode(TrieKey::ContractData(Id("alice.near"), AsBytes("STATE")).ToBytes()),
            "09616c6963652e6e6561722c5354415445");
  EXPECT_EQ(HexEncode(TrieKey::DelayedReceipt(5).ToBytes()), "070500000000000000");
  EXPECT_EQ(HexEncode(TrieKey::BufferedReceipt(3, 1).ToBytes()), "0e03000100000000000000");
  EXPECT_EQ(HexEncode(TrieKey::DelayedReceiptIndices().ToBytes()), "07");
  EXPECT_EQ(HexEncode(TrieKey::PromiseYieldIndices().ToBytes()), "0a");
  EXPECT_EQ(HexEncode(TrieKey::PromiseYieldTimeout(0x0102).ToBytes()), "0b0201000000000000");
  EXPECT_EQ(HexEncode(TrieKey::BufferedReceiptIndices().ToBytes()), "0d");
  EXPECT_EQ(HexEncode(TrieKey::BandwidthSchedulerState().ToBytes()), "0f");
  EXPECT_EQ(HexEncode(TrieKey::BufferedReceiptGroupsQueueData(2).ToBytes()), "100200000000000000");
  EXPECT_EQ(HexEncode(TrieKey::BufferedReceiptGroupsQueueItem(2, 7).ToBytes()),
            "1102000000000000000700000000000000");
  EXPECT_EQ(HexEncode(TrieKey::AccessKey(Id("ab"), Ed25519(0x11)).ToBytes()),
            "02616202" "00" + std::string(64, '1'));
  EXPECT_EQ(HexEncode(TrieKey::GasKeyNonce(Id("ab"), Ed25519(0x11), 0x0302).ToBytes()),
            "02616202" "00" + std::string(64, '1') + "0203");
  const std::string id = Filled(0xaa).ToHex();
  EXPECT_EQ(HexEncode(TrieKey::ReceivedData(Id("ab"), Filled(0xaa)).ToBytes()), "0361622c" + id);
  EXPECT_EQ(HexEncode(TrieKey::PostponedReceiptId(Id("ab"), Filled(0xaa)).ToBytes()), "0461622c" + id);
  EXPECT_EQ(HexEncode(TrieKey::PendingDataCount(Id("ab"), Filled(0xaa)).ToBytes()), "0561622c" + id);
  EXPECT_EQ(HexEncode(TrieKey::PostponedReceipt(Id("ab"), Filled(0xaa)).ToBytes()), "0661622c" + id);
  EXPECT_EQ(HexEncode(TrieKey::PromiseYieldReceipt(Id("ab"), Filled(0xaa)).ToBytes()), "0c61622c" + id);
  EXPECT_EQ(HexEncode(TrieKey::PromiseYieldStatus(Id("ab"), Filled(0xaa)).ToBytes()), "1461622c" + id);
  EXPECT_EQ(HexEncode(TrieKey::YieldIdToDataId(Id("ab"), Filled(0xaa)).ToBytes()), "1661622c" + id);
  EXPECT_EQ(HexEncode(TrieKey::DataIdToYieldId(Id("ab"), Filled(0xaa)).ToBytes()), "1761622c" + id);
  GlobalContractCodeIdentifier by_hash{GlobalContractCodeIdentifier::kCodeHash, Filled(0xaa), {}};
  GlobalContractCodeIdentifier by_account{GlobalContractCodeIdentifier::kAccountId, {}, Id("ab")};
  EXPECT_EQ(HexEncode(TrieKey::GlobalContractCode(by_hash).ToBytes()), "1200" + id);
  EXPECT_EQ(HexEncode(TrieKey::GlobalContractCode(by_account).ToBytes()), "1201020000006162");
  EXPECT_EQ(HexEncode(TrieKey::GlobalContractNonce(by_account).ToBytes()), "1301020000006162");
}

std::vector<TrieKey> AllKinds() {
  GlobalContractCodeIdentifier by_hash{GlobalContractCodeIdentifier::kCodeHash, Filled(3), {}};
  GlobalContractCodeIdentifier by_account{GlobalContractCodeIdentifier::kAccountId, {},
                                          Id("global.near")};
  auto secp = *PublicKeyHandle::Make(PublicKeyHandle::kSecp256k1, Bytes(64, 7));
  auto mldsa = *PublicKeyHandle::Make(PublicKeyHandle::kMlDsa65, Bytes(32, 9));
  return {
      TrieKey::Account(Id("alice.near")),
      TrieKey::ContractCode(Id("alice.near")),
      TrieKey::AccessKey(Id("alice.near"), Ed25519(2)),
      TrieKey::AccessKey(Id("alice.near"), secp),
      TrieKey::AccessKey(Id("alice.near"), mldsa),
      TrieKey::GasKeyNonce(Id("alice.near"), Ed25519(2), 65535),
      TrieKey::ReceivedData(Id("bob.near"), Filled(1)),
      TrieKey::PostponedReceiptId(Id("bob.near"), Filled(1)),
      TrieKey::PendingDataCount(Id("bob.near"), Filled(1)),
      TrieKey::PostponedReceipt(Id("bob.near"), Filled(1)),
      TrieKey::DelayedReceiptIndices(),
      TrieKey::DelayedReceipt(UINT64_MAX),
      TrieKey::ContractData(Id("bob.near"), AsBytes("")),
      TrieKey::ContractData(Id("bob.near"), Bytes{0x2c, 0x02, 0xff}),
      TrieKey::PromiseYieldIndices(),
      TrieKey::PromiseYieldTimeout(9),
      TrieKey::PromiseYieldReceipt(Id("bob.near"), Filled(4)),
      TrieKey::BufferedReceiptIndices(),
      TrieKey::BufferedReceipt(65535, 3),
      TrieKey::BandwidthSchedulerState(),
      TrieKey::BufferedReceiptGroupsQueueData(UINT64_MAX),
      TrieKey::BufferedReceiptGroupsQueueItem(1, 2),
      TrieKey::GlobalContractCode(by_hash),
      TrieKey::GlobalContractCode(by_account),
      TrieKey::GlobalContractNonce(by_hash),
      TrieKey::PromiseYieldStatus(Id("bob.near"), Filled(5)),
      TrieKey::YieldIdToDataId(Id("bob.near"), Filled(6)),
      TrieKey::DataIdToYieldId(Id("bob.near"), Filled(7)),
  };
}

TEST(TrieKey, RoundTripAndLen) {
  for (const TrieKey& k : AllKinds()) {
    Bytes raw = k.ToBytes();
    EXPECT_EQ(raw.size(), k.Len()) << HexEncode(raw);
    auto back = TrieKey::Parse(raw);
    ASSERT_TRUE(back.ok()) << HexEncode(raw) << ": " << back.error().message;
    EXPECT_TRUE(*back == k) << HexEncode(raw);
  }
}

TEST(TrieKey, GetAccountId) {
  EXPECT_EQ(TrieKey::ContractData(Id("bob.near"), AsBytes("k")).GetAccountId()->str(), "bob.near");
  EXPECT_EQ(TrieKey::PromiseYieldStatus(Id("bob.near"), Filled(1)).GetAccountId()->str(), "bob.near");
  EXPECT_FALSE(TrieKey::DelayedReceipt(1).GetAccountId().has_value());
  GlobalContractCodeIdentifier by_account{GlobalContractCodeIdentifier::kAccountId, {}, Id("ab")};
  EXPECT_FALSE(TrieKey::GlobalContractCode(by_account).GetAccountId().has_value());
}

TEST(TrieKey, ParseRejectsMalformedKeys) {
  const char* bad[] = {
      "",                                  // empty
      "08",                                // 8 is a discriminant, not a column
      "15",                                // 21 is not a column either
      "18",                                // 24: unknown
      "00",                                // account too short
      "0041",                              // "A": invalid account
      "0761",                              // delayed receipt with 1 byte
      "09616263",                          // contract data without separator
      "0361622c00",                        // received data id too short
      "026162020011",                      // truncated ed25519 key
      "0261620202" "00",                   // PublicKeyHandle tag 2 (full ML-DSA key) refused
      "0a00",                              // indices with extra bytes
      "0e0300",                            // buffered receipt too short
      "1202",                              // unknown global id tag
  };
  for (const char* hex : bad) {
    EXPECT_FALSE(TrieKey::Parse(*HexDecode(hex)).ok()) << hex;
  }
  // An access key with trailing bytes that are not a u16 nonce index.
  Bytes ak = TrieKey::AccessKey(Id("ab"), Ed25519(1)).ToBytes();
  ak.push_back(1);
  EXPECT_FALSE(TrieKey::Parse(ak).ok());
}

TEST(TrieKey, PrefixHelpers) {
  EXPECT_EQ(HexEncode(RawPrefixForContractData(Id("ab"), AsBytes("x"))), "0961622c78");
  EXPECT_EQ(HexEncode(RawPrefixForAccessKeys(Id("ab"))), "02616202");
  Bytes k = TrieKey::ContractData(Id("ab"), AsBytes("xyz")).ToBytes();
  Bytes p = RawPrefixForContractData(Id("ab"), AsBytes("x"));
  EXPECT_TRUE(std::equal(p.begin(), p.end(), k.begin()));
}

}  // namespace
}  // namespace nearrt::store
