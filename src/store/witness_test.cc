#include <gtest/gtest.h>

#include <map>
#include <random>

#include "store/partial_storage.h"
#include "store/recorder.h"
#include "store/trie_update.h"

namespace nearrt::store {
namespace {

Bytes B(std::string_view s) { return ToBytes(s); }

struct Op {
  enum Kind { kGet, kHas, kSet, kRemove, kIter, kCommit, kRollback } kind;
  Bytes key;
  Bytes value;
};

// Applies `ops` like a chunk would; returns the observable results and the
// new root.
StorageResult<std::pair<std::vector<std::string>, CryptoHash>> Apply(Trie trie,
                                                                     const std::vector<Op>& ops) {
  TrieUpdate u(std::move(trie));
  std::vector<std::string> seen;
  for (const Op& op : ops) {
    switch (op.kind) {
      case Op::kGet: {
        NEARRT_ASSIGN_OR_RETURN(auto v, u.Get(op.key));
        seen.push_back(v ? "v:" + HexEncode(*v) : "none");
        break;
      }
      case Op::kHas: {
        NEARRT_ASSIGN_OR_RETURN(bool h, u.ContainsKey(op.key));
        seen.push_back(h ? "has" : "hasnt");
        break;
      }
      case Op::kSet: u.Set(op.key, op.value); break;
      case Op::kRemove: u.Remove(op.key); break;
      case Op::kIter: {
        NEARRT_ASSIGN_OR_RETURN(auto it, u.Iter(op.key));
        for (;;) {
          NEARRT_ASSIGN_OR_RETURN(auto k, it.Next());
          if (!k) break;
          seen.push_back("k:" + HexEncode(*k));
        }
        break;
      }
      case Op::kCommit: u.Commit({StateChangeCause::kReceiptProcessing, CryptoHash()}); break;
      case Op::kRollback: u.Rollback(); break;
    }
  }
  u.Commit({});
  NEARRT_ASSIGN_OR_RETURN(FinalizeResult r, u.Finalize());
  return std::make_pair(seen, r.new_root());
}

TEST(Witness, RecordedChunkReplaysFromWitnessAlone) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    auto key = [&] {
      Bytes k(1 + rng() % 4);
      for (auto& b : k) b = "abcdef"[rng() % 6];
      return k;
    };
    std::vector<KeyChange> base;
    for (int i = 0, n = rng() % 80; i < n; ++i) base.push_back({key(), Bytes(rng() % 6, 'v')});
    auto built = Trie().Update(base);
    ASSERT_TRUE(built.ok());
    std::vector<Op> ops;
    for (int i = 0, n = 1 + rng() % 40; i < n; ++i) {
      Op op{static_cast<Op::Kind>(rng() % 7), key(), Bytes(rng() % 5, 'w')};
      if (op.kind == Op::kIter) op.key.resize(rng() % 2);
      ops.push_back(op);
    }
    // Producer: record everything the chunk touches.
    TrieRecorder recorder;
    Trie producer(built->root, nullptr);
    producer.set_recorder(&recorder);
    auto produced = Apply(producer, ops);
    ASSERT_TRUE(produced.ok()) << produced.error().message;
    PartialState witness = recorder.ToPartialState();
    for (size_t i = 1; i < witness.values.size(); ++i) {
      ASSERT_LT(witness.values[i - 1], witness.values[i]);  // sorted, unique
    }
    // Validator: only the witness and the previous root.
    auto decoded = PartialState::FromBorsh(witness.ToBorsh());
    ASSERT_TRUE(decoded.ok());
    PartialStorage storage(*decoded);
    Trie validator = Trie::FromRootHash(built->new_root(), &storage);
    auto replayed = Apply(validator, ops);
    ASSERT_TRUE(replayed.ok()) << "round " << round << ": " << replayed.error().message;
    EXPECT_EQ(replayed->first, produced->first);
    EXPECT_EQ(replayed->second, produced->second);
  }
}

TEST(Witness, ReadOutsideTheWitnessIsAnError) {
  auto built = Trie().Update({{B("doge"), B("coin")}, {B("docu"), B("value")}, {B("horse"), B("x")}});
  ASSERT_TRUE(built.ok());
  TrieRecorder recorder;
  Trie producer(built->root, nullptr);
  producer.set_recorder(&recorder);
  ASSERT_TRUE(producer.Get(B("doge")).ok());
  PartialStorage storage(recorder.ToPartialState());
  Trie validator = Trie::FromRootHash(built->new_root(), &storage);
  EXPECT_EQ(**validator.Get(B("doge")), B("coin"));
  auto outside = validator.Get(B("horse"));
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().kind, StorageErrorKind::kMissingTrieValue);
  EXPECT_EQ(outside.error().context, MissingTrieValueContext::kTrieMemoryPartialStorage);
  // Absent key whose path is not recorded: also an error, not "absent".
  EXPECT_FALSE(validator.Get(B("hx")).ok());
  // ...but an absent key decided by recorded nodes alone is fine.
  EXPECT_FALSE(validator.Get(B("zzz"))->has_value());
  // An update that needs an unrecorded node fails too.
  EXPECT_FALSE(validator.Update({{B("horse"), std::nullopt}}).ok());
}

TEST(Witness, RemovalUpperBound) {
  auto built = Trie().Update({{B("\x09" "a,k"), B("v")}});
  ASSERT_TRUE(built.ok());
  TrieRecorder recorder;
  Trie t(built->root, nullptr);
  t.set_recorder(&recorder);
  TrieUpdate u(t);
  u.Remove(B("\x09" "a,k"));
  u.Remove(Bytes{0x00, 0x61});  // not contract data: no surcharge
  EXPECT_EQ(recorder.upper_bound_size(), 2000u);
  EXPECT_EQ(recorder.size(), 0u);
}

}  // namespace
}  // namespace nearrt::store
