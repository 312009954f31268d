// nearcore-pinned vectors for the protocol types (runtime.md §8.1).
#include <gtest/gtest.h>

#include "primitives/account.h"
#include "primitives/hash_ids.h"
#include "primitives/outcome.h"
#include "primitives/receipt.h"
#include "primitives/transaction.h"

namespace nearrt {
namespace {

AccountId Id(const char* s) { return *AccountId::Parse(s); }
CryptoHash H(const char* b58) { return *CryptoHash::FromBase58(b58); }

// core/primitives/src/transaction.rs::test_serialize_transaction (vector #1).
TEST(ProtocolTypes, SerializeTransactionVector) {
  Signer signer = Signer::FromSeed(KeyType::kEd25519, "alice.near");
  EXPECT_EQ(signer.public_key().ToString(), "ed25519:22skMptHjFWNyuEWY22ftn2AbLPSYpmYwGJRGwpNHbTV");
  const PublicKey& pk = signer.public_key();
  Transaction tx;
  tx.signer_id = Id("test.near");
  tx.public_key = pk;
  tx.nonce.nonce = 1;
  tx.receiver_id = Id("123");
  tx.actions.push_back(CreateAccountAction{});
  tx.actions.push_back(DeployContractAction{{1, 2, 3}});
  tx.actions.push_back(FunctionCallAction{"qqq", {1, 2, 3}, 1000, 1000000});
  tx.actions.push_back(TransferAction{123});
  tx.actions.push_back(StakeAction{1000000, pk});
  AccessKey ak;
  ak.nonce = 0;
  ak.permission.kind = AccessKeyPermission::Kind::kFunctionCall;
  ak.permission.function_call = {std::nullopt, "zzz", {"www"}};
  tx.actions.push_back(AddKeyAction{pk, ak});
  tx.actions.push_back(DeleteKeyAction{pk});
  tx.actions.push_back(DeleteAccountAction{Id("123")});
  Bytes b = tx.ToBorsh();
  EXPECT_EQ(b.size(), 316u);
  EXPECT_EQ(tx.Hash().ToBase58(), "4GXvjMFN6wSxnU9jEVT8HbXP5Yk6yELX9faRSKp6n9fX");
  BorshReader r(b);
  auto back = Transaction::Read(r);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(r.AtEnd());
  EXPECT_EQ(back->ToBorsh(), b);

  // Vector #13: ids derived from this tx hash at height 1.
  CryptoHash receipt_id = ReceiptIdFromTransaction(tx.Hash(), 1);
  EXPECT_EQ(receipt_id.ToBase58(), "J2wEdVndAStvxh1gXtNi2tPKBQapDUPj2N2qafoiUQ2h");
  CryptoHash action_hash = ActionHashFromReceiptId(receipt_id, 1, 0);
  EXPECT_EQ(action_hash.ToBase58(), "FGnH3Z7fEQEPHEymPeG3sE8XC4ca9rx14SzjxazGXCmG");
  EXPECT_EQ(DataIdFromActionHash(action_hash, 1, 0).ToBase58(),
            "AKYvoFLZvuiWUEotnaAvNT1yZUEanChqzpfSBJ2GRQ6A");
  EXPECT_EQ(ReceiptIdFromReceiptId(receipt_id, 1, 0).ToBase58(),
            "5FJop3ND8MDiZUp63jaHL9VYHGTfmbiDpZtbpgXvA9XS");
  EXPECT_EQ(HexEncode(CreateRandomSeed(action_hash, CryptoHash())),
            "2a7b2aff21c2e2d75eb2dfb716d9e39adb2754d81c4b2fe355436e37da84d3a0");
}

// transaction.rs::test_outcome_to_hashes (vector #2).
TEST(ProtocolTypes, OutcomeToHashes) {
  ExecutionOutcomeWithId o;
  o.id.bytes.fill(42);
  o.outcome.status = ExecutionStatus::SuccessValue({123});
  o.outcome.logs = {"123", "321"};
  o.outcome.gas_burnt = 123;
  o.outcome.tokens_burnt = 1234000;
  o.outcome.executor_id = Id("alice");
  auto hashes = o.ToHashes();
  ASSERT_EQ(hashes.size(), 4u);
  EXPECT_EQ(hashes[0], o.id);
  EXPECT_EQ(hashes[1].ToBase58(), "5JQs5ekQqKudMmYejuccbtEu1bzhQPXa92Zm4HdV64dQ");
  EXPECT_EQ(hashes[2], CryptoHash::Of(AsBytes("123")));
  EXPECT_EQ(hashes[3], CryptoHash::Of(AsBytes("321")));
}

// Vector #12: InMemorySigner::test_signer keys.
TEST(ProtocolTypes, TestSignerKeys) {
  EXPECT_EQ(Signer::FromSeed(KeyType::kEd25519, "bob.near").public_key().ToString(),
            "ed25519:4mhK4txd8Z5r71iCZ41UguSHuHFKUeCXPHv646DbQPYi");
  EXPECT_EQ(Signer::FromSeed(KeyType::kEd25519, "test0").public_key().ToString(),
            "ed25519:He7QeRuwizNEhBioYG3u4DZ8jWXyETiyNzFD3MkTjDMf");
  EXPECT_EQ(Signer::FromSeed(KeyType::kEd25519, "near").public_key().ToString(),
            "ed25519:546XB2oHhj7PzUKHiH9Xve3Ze5q1JiW2WTh6abXFED3c");
}

// utils.rs::test_derive_near_implicit_account_id (vector #7) and the eth one (#8).
TEST(ProtocolTypes, ImplicitAccountIds) {
  EXPECT_EQ(DeriveNearImplicitAccountId(Signer::FromSeed(KeyType::kEd25519, "test").public_key()),
            "bb4dc639b212e075a751685b26bdcea5920a504181ff2910e8549742127092a0");
  EXPECT_EQ(DeriveEthImplicitAccountId(Signer::FromSeed(KeyType::kSecp256k1, "test").public_key()),
            "0x96791e923f8cf697ad9c3290f2c9059f0231b24c");
}

// action_validation.rs::test_validate_deterministic_state_init_receiver:
// DeterministicAccountStateInit::V1{code: AccountId("ft.near"), data: {}}
// derives 0s69284a5453e7be5632b28b6a01baecf6c12c156d (NEP-616).
TEST(ProtocolTypes, DeterministicAccountId) {
  DeterministicStateInitAction a;
  a.code.kind = GlobalContractId::Kind::kAccountId;
  a.code.account_id = Id("ft.near");
  a.deposit = 5;  // not part of the state init
  EXPECT_EQ(DeriveNearDeterministicAccountId(a.StateInitBorsh()), "0s69284a5453e7be5632b28b6a01baecf6c12c156d");
  EXPECT_EQ(Id("0s69284a5453e7be5632b28b6a01baecf6c12c156d").GetAccountType(), AccountType::kNearDeterministicAccount);
  a.data[Bytes{1}] = Bytes{2};
  EXPECT_NE(DeriveNearDeterministicAccountId(a.StateInitBorsh()), "0s69284a5453e7be5632b28b6a01baecf6c12c156d");
  // Action borsh: tag 11 ‖ state init ‖ deposit.
  BorshWriter w;
  Action(a).Write(w);
  Bytes want{11};
  Bytes init = a.StateInitBorsh();
  want.insert(want.end(), init.begin(), init.end());
  want.push_back(5);
  want.insert(want.end(), 15, 0);
  EXPECT_EQ(w.data(), want);
}

// action/delegate.rs DELEGATE_ACTION_HEX (vector #10).
TEST(ProtocolTypes, DelegateActionHex) {
  auto sda = std::make_shared<SignedDelegateAction>();
  sda->delegate_action.sender_id = Id("aaa");
  sda->delegate_action.receiver_id = Id("bbb");
  sda->delegate_action.actions.push_back(CreateAccountAction{});
  sda->delegate_action.nonce.nonce = 1;
  sda->delegate_action.max_block_height = 2;
  Action a{std::shared_ptr<const SignedDelegateAction>(sda)};
  BorshWriter w;
  a.Write(w);
  std::string hex = HexEncode(w.data());
  std::string expected = "0803000000616161030000006262620100000000010000000000000002000000000000000000";
  expected += std::string(64, '0') + "00" + std::string(128, '0');
  expected.erase(expected.size() - 2);  // the vector's prefix already holds the key tag
  EXPECT_EQ(hex, expected);
  BorshReader r(w.data());
  auto back = Action::Read(r);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(*back == a);
}

// Vector #14: a signed transfer alice.near -> bob.near, V0 and V1.
TEST(ProtocolTypes, SignedTransferVector) {
  Signer alice = Signer::FromSeed(KeyType::kEd25519, "alice.near");
  Transaction tx;
  tx.signer_id = Id("alice.near");
  tx.public_key = alice.public_key();
  tx.nonce.nonce = 1;
  tx.receiver_id = Id("bob.near");
  tx.actions.push_back(TransferAction{static_cast<Balance>(1000000000000000000ull) * 1000000});
  EXPECT_EQ(HexEncode(tx.ToBorsh()),
            "0a000000616c6963652e6e656172000f56a5f028dfc089ec7c39c1183b321b4d8f89ba5bec9e1762803cc24"
            "91f6ef8010000000000000008000000626f622e6e65617200000000000000000000000000000000000000"
            "000000000000000000000000000100000003000000a1edccce1bc2d3000000000000");
  SignedTransaction st = SignedTransaction::Sign(tx, alice);
  EXPECT_EQ(st.hash.ToBase58(), "BLbM8C3G2J3GHtjQqxCcjHHxFrAHwJpMbDER4fmszQqn");
  EXPECT_EQ(st.signature.ToString(),
            "ed25519:4dzDpmRX21ndM2xQV9juCzuq4dGrdiWXy4bLY259P4Hzp2JVhPm9C2eMq8cX4o6pKCAghQJnF4Ze7tkNCxVTyUAC");
  EXPECT_EQ(st.ToBorsh().size(), 185u);
  EXPECT_EQ(st.size, 185u);
  EXPECT_TRUE(st.signature.Verify(st.hash.view(), alice.public_key()));
  EXPECT_EQ(ReceiptIdFromTransaction(st.hash, 1).ToBase58(),
            "F2w6AykbV8DsxLG27CDppmhksMvs3stWKdUeAcsVZpFQ");
  auto parsed = SignedTransaction::FromBorsh(st.ToBorsh());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->hash, st.hash);

  tx.v1 = true;
  EXPECT_EQ(tx.ToBorsh().size(), 123u);
  EXPECT_EQ(tx.Hash().ToBase58(), "EiLEHQdQUed43ycCJTeAZcgfTC2nKQzy5mZdemqbM5vH");
  Bytes v1_bytes = tx.ToBorsh();
  BorshReader r(v1_bytes);
  auto v1 = Transaction::Read(r);
  ASSERT_TRUE(v1.ok()) << v1.error().message;
  EXPECT_TRUE(v1->v1);
  EXPECT_EQ(v1->Hash(), tx.Hash());
}

// hash.rs tests (vector #6).
TEST(ProtocolTypes, HashVectors) {
  BorshWriter w;
  w.String("foo");
  EXPECT_EQ(CryptoHash::Of(w.data()).ToBase58(), "CuoNgQBWsXnTqup6FY3UXNz6RRufnYyQVxx8HKZLUaRt");
  EXPECT_EQ(CryptoHash::Of(AsBytes("foo")).ToBase58(), "3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jj");
  Bytes b012{0, 1, 2};
  EXPECT_EQ(CryptoHash::Of(b012).ToBase58(), "CjNSmWXTWhC3EhRVtqLhRmWMTkRbU96wUACqxMtV1uGf");
}

TEST(ProtocolTypes, AccountRoundTripAndSizes) {
  Account a(5, 6, AccountContract(), 182);
  Bytes b = a.ToBorsh();
  EXPECT_EQ(b.size(), 72u);
  EXPECT_EQ(*Account::FromBorsh(b), a);
  AccountContract g;
  g.kind = AccountContract::Kind::kGlobal;
  g.hash = CryptoHash::Of(AsBytes("x"));
  a.set_contract(g);
  EXPECT_TRUE(a.is_v2());
  Bytes b2 = a.ToBorsh();
  EXPECT_EQ(b2.size(), 16u + 1 + 16 + 16 + 8 + 1 + 32);
  EXPECT_EQ(*Account::FromBorsh(b2), a);
  EXPECT_EQ(AccessKey::FullAccess().ToBorsh().size(), 9u);  // runtime.md §6.2
}

TEST(ProtocolTypes, ReceiptRoundTrip) {
  Receipt r = Receipt::NewGasRefund(Id("alice.near"), 77,
                                    Signer::FromSeed(KeyType::kEd25519, "alice.near").public_key());
  r.receipt_id = CryptoHash::Of(AsBytes("id"));
  auto back = Receipt::FromBorsh(r.ToBorsh());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, r);
  StateStoredReceipt s{r, 10, 20};
  auto s2 = StateStoredReceipt::FromBorsh(s.ToBorsh());
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->receipt, r);
  EXPECT_EQ(s2->congestion_size, 20u);
  Receipt y = r;
  y.kind = ReceiptKind::kPromiseYieldV2;
  y.action.v2 = true;
  y.action.refund_to = Id("bob.near");
  EXPECT_TRUE(y.IsInstant());
  EXPECT_EQ(*Receipt::FromBorsh(y.ToBorsh()), y);
  Receipt d = r;
  d.action.actions = {DeleteAccountAction{Id("bob.near")}};
  EXPECT_TRUE(d.IsInstant());
  d.action.input_data_ids.push_back(CryptoHash());
  EXPECT_FALSE(d.IsInstant());
}

}  // namespace
}  // namespace nearrt
