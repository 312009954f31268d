// libFuzzer target: the borsh (and text) decoders of the protocol types in
// src/primitives. The first input byte picks the type, the rest is decoded.
// Properties:
//   * decoding never crashes, whatever the bytes;
//   * a successful decode re-encodes to exactly the bytes it consumed:
//     nearcore's borsh is canonical, so anything our decoder accepts beyond
//     the canonical form (or rejects in it) is a mismatch with nearcore.
//     The one exception is nearcore's own: DeterministicStateInit data maps
//     are accepted in any order (borsh without de_strict_order) and
//     re-encoded sorted; then the re-encoding must decode to the same value
//     and be stable.
//   * text forms (account ids, keys, signatures, hashes) print back as read
//     when they were in canonical form.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "primitives/account.h"
#include "primitives/base58.h"
#include "primitives/receipt.h"
#include "primitives/transaction.h"

using namespace nearrt;

namespace {

bool HasStateInit(const std::vector<Action>& actions) {
  for (const Action& a : actions) {
    if (a.kind() == ActionKind::kDeterministicStateInit) return true;
    if (const SignedDelegateAction* d = a.delegate()) {
      if (HasStateInit(d->delegate_action.actions)) return true;
    }
  }
  return false;
}

// `in`: the consumed bytes; `out`: the re-encoding. `reread` decodes bytes
// again (for the non-canonical map case) and returns its re-encoding.
template <class Reread>
void CheckRoundTrip(ByteView in, const Bytes& out, bool may_reorder, Reread reread) {
  if (may_reorder && !std::equal(in.begin(), in.end(), out.begin(), out.end())) {
    Result<Bytes> again = reread(ByteView(out));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(*again == out);
    return;
  }
  FUZZ_CHECK(std::equal(in.begin(), in.end(), out.begin(), out.end()));
}

// Decodes a whole T with `read`, checks the round trip through `write`.
template <class T, class Read, class Write, class Reorder>
void Whole(ByteView in, Read read, Write write, Reorder may_reorder) {
  auto decode = [&](ByteView b) -> Result<T> {
    BorshReader r(b);
    NEARRT_ASSIGN_OR_RETURN(T v, read(r));
    NEARRT_TRY(r.ExpectEnd());
    return v;
  };
  Result<T> v = decode(in);
  if (!v.ok()) {
    FUZZ_CHECK(!v.error().message.empty());
    return;
  }
  BorshWriter w;
  write(w, *v);
  CheckRoundTrip(in, w.data(), may_reorder(*v), [&](ByteView b) -> Result<Bytes> {
    NEARRT_ASSIGN_OR_RETURN(T again, decode(b));
    BorshWriter w2;
    write(w2, again);
    return w2.Take();
  });
}

auto Never = [](const auto&) { return false; };

bool ReceiptMayReorder(const Receipt& r) { return r.is_action_type() && HasStateInit(r.action.actions); }

void FuzzText(uint8_t which, std::string_view text) {
  switch (which % 6) {
    case 0: {
      auto id = AccountId::Parse(text);
      if (id.ok()) FUZZ_CHECK(id->str() == text);
      break;
    }
    case 1: {
      auto pk = PublicKey::Parse(text);
      if (!pk.ok()) break;
      FUZZ_CHECK(pk->data.size() == PublicKeyDataLen(pk->type));
      std::string s = pk->ToString();
      FUZZ_CHECK(*PublicKey::Parse(s) == *pk);
      // Canonical when the prefix is present and lower case.
      if (text.substr(0, text.find(':') + 1) == s.substr(0, s.find(':') + 1)) FUZZ_CHECK(s == text);
      Bytes b = pk->ToBorsh();
      FUZZ_CHECK(*PublicKey::FromBorsh(b) == *pk);
      break;
    }
    case 2: {
      auto sig = Signature::Parse(text);
      if (!sig.ok()) break;
      std::string s = sig->ToString();
      FUZZ_CHECK(*Signature::Parse(s) == *sig);
      if (text.substr(0, text.find(':') + 1) == s.substr(0, s.find(':') + 1)) FUZZ_CHECK(s == text);
      break;
    }
    case 3: {
      auto h = CryptoHash::FromBase58(text);
      if (h.ok()) FUZZ_CHECK(h->ToBase58() == text);
      break;
    }
    case 4: {
      auto b = Base58Decode(text);
      if (b.ok()) FUZZ_CHECK(Base58Encode(*b) == text);
      auto bounded = Base58Decode(text, 40);
      FUZZ_CHECK(bounded.ok() == (b.ok() && b->size() <= 40));
      break;
    }
    case 5: {
      auto s = Signer::ParseSecretKey(text);
      if (s.ok()) FUZZ_CHECK(s->public_key().data.size() == PublicKeyDataLen(s->public_key().type));
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const ByteView in(data + 1, size - 1);
  switch (data[0] % 16) {
    case 0: {  // SignedTransaction
      auto st = SignedTransaction::FromBorsh(in);
      if (!st.ok()) break;
      Bytes tx = st->transaction.ToBorsh();
      FUZZ_CHECK(st->hash == CryptoHash::Of(tx));
      Bytes out = st->ToBorsh();
      FUZZ_CHECK(st->size == out.size());
      CheckRoundTrip(in, out, HasStateInit(st->transaction.actions), [](ByteView b) -> Result<Bytes> {
        NEARRT_ASSIGN_OR_RETURN(SignedTransaction again, SignedTransaction::FromBorsh(b));
        return again.ToBorsh();
      });
      break;
    }
    case 1:
      Whole<Transaction>(
          in, [](BorshReader& r) { return Transaction::Read(r); },
          [](BorshWriter& w, const Transaction& t) { t.Write(w); },
          [](const Transaction& t) { return HasStateInit(t.actions); });
      break;
    case 2:
      Whole<Receipt>(
          in, [](BorshReader& r) { return Receipt::Read(r); },
          [](BorshWriter& w, const Receipt& x) { x.Write(w); }, ReceiptMayReorder);
      break;
    case 3:
    case 4:
      Whole<Action>(
          in, [&](BorshReader& r) { return Action::Read(r, /*allow_delegate=*/data[0] % 16 == 3); },
          [](BorshWriter& w, const Action& a) { a.Write(w); },
          [](const Action& a) { return HasStateInit({a}); });
      break;
    case 5:
      Whole<std::vector<Action>>(
          in, [](BorshReader& r) { return ReadActions(r); },
          [](BorshWriter& w, const std::vector<Action>& a) { WriteActions(w, a); },
          [](const std::vector<Action>& a) { return HasStateInit(a); });
      break;
    case 6: {
      auto a = Account::FromBorsh(in);
      if (!a.ok()) break;
      Bytes out = a->ToBorsh();
      FUZZ_CHECK(std::equal(in.begin(), in.end(), out.begin(), out.end()));
      FUZZ_CHECK(*Account::FromBorsh(out) == *a);
      break;
    }
    case 7:
      Whole<AccessKey>(
          in, [](BorshReader& r) { return AccessKey::Read(r); },
          [](BorshWriter& w, const AccessKey& k) { k.Write(w); }, Never);
      break;
    case 8:
      Whole<PublicKey>(
          in, [](BorshReader& r) { return PublicKey::Read(r); },
          [](BorshWriter& w, const PublicKey& k) { k.Write(w); }, Never);
      break;
    case 9:
      Whole<Signature>(
          in, [](BorshReader& r) { return Signature::Read(r); },
          [](BorshWriter& w, const Signature& s) { s.Write(w); }, Never);
      break;
    case 10: {
      auto s = StateStoredReceipt::FromBorsh(in);
      if (!s.ok()) break;
      CheckRoundTrip(in, s->ToBorsh(), ReceiptMayReorder(s->receipt), [](ByteView b) -> Result<Bytes> {
        NEARRT_ASSIGN_OR_RETURN(StateStoredReceipt again, StateStoredReceipt::FromBorsh(b));
        return again.ToBorsh();
      });
      break;
    }
    case 11: {
      auto d = ReceivedData::FromBorsh(in);
      if (!d.ok()) break;
      Bytes out = d->ToBorsh();
      FUZZ_CHECK(std::equal(in.begin(), in.end(), out.begin(), out.end()));
      break;
    }
    case 12:
      Whole<GlobalContractId>(
          in, [](BorshReader& r) { return GlobalContractId::Read(r); },
          [](BorshWriter& w, const GlobalContractId& id) { id.Write(w); }, Never);
      break;
    case 13:
      Whole<AccountContract>(
          in, [](BorshReader& r) { return AccountContract::Read(r); },
          [](BorshWriter& w, const AccountContract& c) { c.Write(w); }, Never);
      break;
    case 14:
      Whole<TransactionNonce>(
          in, [](BorshReader& r) { return TransactionNonce::Read(r); },
          [](BorshWriter& w, const TransactionNonce& n) { n.Write(w); }, Never);
      break;
    case 15:
      if (in.empty()) break;
      FuzzText(in[0], AsString(in.subspan(1)));
      break;
  }
  return 0;
}
