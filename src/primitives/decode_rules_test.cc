// Decoder acceptance rules that nearcore's borsh imposes (or does not) beyond
// the plain layout, found while fuzzing the decoders (fuzz/borsh_fuzz.cc).
#include <gtest/gtest.h>

#include <algorithm>

#include "primitives/receipt.h"
#include "primitives/transaction.h"

namespace nearrt {
namespace {

AccountId Id(const char* s) { return *AccountId::Parse(s); }

Result<Signature> ReadSignature(const Bytes& b) {
  BorshReader r(b);
  NEARRT_ASSIGN_OR_RETURN(Signature s, Signature::Read(r));
  NEARRT_TRY(r.ExpectEnd());
  return s;
}

// core/crypto/src/signature.rs, BorshDeserialize for Signature: an ed25519
// signature whose last byte has any of the bits 0xe0 set is rejected
// ("signature error"); secp256k1 signatures are taken as they are.
TEST(DecodeRules, Ed25519SignatureHighBitsRejected) {
  Bytes sig(65, 0);  // tag 0 (ed25519) + 64 bytes
  sig[64] = 0x1f;
  EXPECT_TRUE(ReadSignature(sig).ok());
  for (uint8_t last : {0x20, 0x40, 0x80, 0xff}) {
    sig[64] = last;
    EXPECT_FALSE(ReadSignature(sig).ok()) << int(last);
  }
  Bytes secp(66, 0xff);  // tag 1 (secp256k1) + 65 bytes
  secp[0] = 1;
  EXPECT_TRUE(ReadSignature(secp).ok());
  // The text form does not check (Signature::from_str).
  Signature s;
  s.data.assign(64, 0xff);
  EXPECT_TRUE(Signature::Parse(s.ToString()).ok());
}

// KeyType::from_str lowercases the prefix (core/crypto/src/signature.rs), so
// "ED25519:..." and "Secp256k1:..." are keys too; printing uses lower case.
TEST(DecodeRules, KeyTypePrefixIgnoresCase) {
  PublicKey ed = Signer::FromSeed(KeyType::kEd25519, "alice.near").public_key();
  std::string text = ed.ToString();
  ASSERT_EQ(text.substr(0, 8), "ed25519:");
  auto upper = PublicKey::Parse("ED25519:" + text.substr(8));
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper, ed);
  EXPECT_EQ(upper->ToString(), text);
  PublicKey secp = Signer::FromSeed(KeyType::kSecp256k1, "alice.near").public_key();
  std::string s = secp.ToString();
  ASSERT_EQ(s.substr(0, 10), "secp256k1:");
  EXPECT_EQ(*PublicKey::Parse("SeCp256K1:" + s.substr(10)), secp);
  EXPECT_FALSE(PublicKey::Parse("ed25519x:" + text.substr(8)).ok());
  Signature sig;
  EXPECT_EQ(*Signature::Parse("Ed25519:" + sig.ToString().substr(8)), sig);
}

// borsh 1.5 BTreeMap deserialization without the de_strict_order feature:
// any order is accepted, a later duplicate replaces the earlier value
// (BTreeMap::from_iter keeps the last), and serialization is sorted.
TEST(DecodeRules, StateInitMapInAnyOrder) {
  // Action::DeterministicStateInit, V1, code by hash (zero), data
  // {"b": "1", "a": "2", "b": "3"}, deposit 5.
  BorshWriter w;
  w.U8(11);
  w.U8(0);
  w.U8(0);
  w.Fixed(Bytes(32, 0));
  w.U32(3);
  for (const char* kv : {"b1", "a2", "b3"}) {
    w.Bytes(Bytes{uint8_t(kv[0])});
    w.Bytes(Bytes{uint8_t(kv[1])});
  }
  w.U128(5);
  BorshReader r(w.data());
  auto a = Action::Read(r);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE(r.AtEnd());
  const auto* init = a->get<DeterministicStateInitAction>();
  ASSERT_NE(init, nullptr);
  std::map<Bytes, Bytes> want{{Bytes{'a'}, Bytes{'2'}}, {Bytes{'b'}, Bytes{'3'}}};
  EXPECT_EQ(init->data, want);
  EXPECT_EQ(init->deposit, 5u);
  // Re-encoded: the two remaining entries in key order.
  BorshWriter want_bytes;
  want_bytes.U8(11);
  want_bytes.U8(0);
  want_bytes.U8(0);
  want_bytes.Fixed(Bytes(32, 0));
  want_bytes.U32(2);
  for (const char* kv : {"a2", "b3"}) {
    want_bytes.Bytes(Bytes{uint8_t(kv[0])});
    want_bytes.Bytes(Bytes{uint8_t(kv[1])});
  }
  want_bytes.U128(5);
  BorshWriter again;
  a->Write(again);
  EXPECT_EQ(again.data(), want_bytes.data());
}

// SignedTransaction::init: hash and size are those of the re-serialized
// transaction (size = borsh(transaction) + borsh(signature): wire_size).
TEST(DecodeRules, SignedTransactionHashFromCanonicalForm) {
  Transaction tx;
  tx.signer_id = Id("alice.near");
  tx.receiver_id = Id("0s0000000000000000000000000000000000000000");
  DeterministicStateInitAction init;
  init.data = {{Bytes{'a'}, Bytes{'1'}}, {Bytes{'b'}, Bytes{'2'}}};
  tx.actions.push_back(init);
  Bytes canonical = tx.ToBorsh();
  // The same transaction with the two map entries swapped.
  Bytes swapped = canonical;
  const Bytes entry_a{1, 0, 0, 0, 'a', 1, 0, 0, 0, '1'};
  const Bytes entry_b{1, 0, 0, 0, 'b', 1, 0, 0, 0, '2'};
  auto at = std::search(swapped.begin(), swapped.end(), entry_a.begin(), entry_a.end());
  ASSERT_NE(at, swapped.end());
  std::copy(entry_b.begin(), entry_b.end(), at);
  std::copy(entry_a.begin(), entry_a.end(), at + 10);
  ASSERT_NE(swapped, canonical);
  Bytes wire = swapped;
  wire.push_back(0);
  wire.insert(wire.end(), 64, 0);
  auto st = SignedTransaction::FromBorsh(wire);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(st->hash, CryptoHash::Of(canonical));
  EXPECT_EQ(st->size, canonical.size() + 65);
  EXPECT_EQ(st->transaction.ToBorsh(), canonical);
}

// ReceiptOrStateStoredReceipt (core/primitives/src/receipt.rs): a plain
// Receipt, StateStoredReceipt::V0 (version byte 0) and V1 all decode, and each
// re-encodes in its own form.
TEST(DecodeRules, StateStoredReceiptKeepsItsFormat) {
  Receipt r = Receipt::NewBalanceRefund(Id("bob.near"), 9);
  StateStoredReceipt v0{r, 1, 2, StateStoredReceipt::Format::kV0};
  Bytes b0 = v0.ToBorsh();
  ASSERT_GE(b0.size(), 3u);
  EXPECT_EQ(b0[0], 0xff);
  EXPECT_EQ(b0[1], 0xff);
  EXPECT_EQ(b0[2], 0);
  auto d0 = StateStoredReceipt::FromBorsh(b0);
  ASSERT_TRUE(d0.ok());
  EXPECT_EQ(d0->format, StateStoredReceipt::Format::kV0);
  EXPECT_EQ(d0->ToBorsh(), b0);

  Bytes plain = r.ToBorsh();
  auto dp = StateStoredReceipt::FromBorsh(plain);
  ASSERT_TRUE(dp.ok());
  EXPECT_EQ(dp->format, StateStoredReceipt::Format::kPlainReceipt);
  EXPECT_EQ(dp->ToBorsh(), plain);

  StateStoredReceipt v1{r, 3, 4};
  Bytes b1 = v1.ToBorsh();
  EXPECT_EQ(b1[2], 1);
  EXPECT_EQ(b1.size(), 3 + plain.size() + 16);
  EXPECT_EQ(StateStoredReceipt::FromBorsh(b1)->ToBorsh(), b1);
  Bytes bad = b1;
  bad[2] = 2;  // no V2
  EXPECT_FALSE(StateStoredReceipt::FromBorsh(bad).ok());
}

}  // namespace
}  // namespace nearrt
