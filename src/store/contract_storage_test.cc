#include "store/contract_storage.h"

#include <gtest/gtest.h>

#include "store/trie_key.h"

namespace nearrt::store {
namespace {

AccountId Id(const char* s) { return *AccountId::Parse(s); }

Bytes U64(uint64_t v) {
  Bytes b(8);
  for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v >> (8 * i));
  return b;
}

// Records every charge; optionally fails after a budget of calls.
struct FakeGas : StorageGasHooks {
  TrieNodesCount nodes;
  uint64_t evicted = 0, removed = 0;
  std::vector<std::string> calls;
  int fail_at = -1;
  bool Hit(const std::string& what) {
    calls.push_back(what);
    return fail_at < 0 || static_cast<int>(calls.size()) <= fail_at;
  }
  bool TrieNodeTouched(uint64_t n) override {
    nodes.db_reads += n;
    return Hit("ttn");
  }
  bool CachedTrieNodeAccess(uint64_t n) override {
    nodes.mem_reads += n;
    return Hit("cached");
  }
  bool DerefWriteEvictedValueBytes(uint64_t b) override {
    evicted += b;
    return Hit("evicted");
  }
  bool DerefRemovedValueBytes(uint64_t b) override {
    removed += b;
    return Hit("removed");
  }
};

// A state like nearcore's integration tests: a few accounts plus contract
// data of bob.near. Every key starts with nibble 0, so the trie is
//   Extension(0) -> Branch(column) -> Extension("bob.near,"+nibble 0) -> Branch -> Leaf -> value
Trie StateWithData(const std::vector<Bytes>& data_keys) {
  std::vector<KeyChange> c;
  c.push_back({TrieKey::Account(Id("alice.near")).ToBytes(), Bytes(100, 1)});
  c.push_back({TrieKey::Account(Id("bob.near")).ToBytes(), Bytes(100, 2)});
  c.push_back({TrieKey::ContractCode(Id("bob.near")).ToBytes(), Bytes(500, 3)});
  for (size_t i = 0; i < data_keys.size(); ++i) {
    c.push_back({TrieKey::ContractData(Id("bob.near"), data_keys[i]).ToBytes(), U64(10 + i)});
  }
  auto out = Trie().Update(std::move(c), UpdateOptions{false});
  EXPECT_TRUE(out.ok());
  return Trie(out->root, nullptr);
}

// integration-tests standard_cases::test_accounting_cache_common_parent:
// writes to three sibling keys in one chunk count {6,0}, {2,4}, {2,4}.
TEST(ContractStorage, AccountingCacheCommonParent) {
  TrieUpdate update(StateWithData({U64(0), U64(1), U64(2)}));
  AccountingCache cache;  // one per chunk
  const TrieNodesCount want[] = {{6, 0}, {2, 4}, {2, 4}};
  for (uint64_t i = 0; i < 3; ++i) {
    ContractStorage storage(update, Id("bob.near"), cache);
    FakeGas gas;
    auto evicted = storage.Set(U64(i), U64(20 + i), gas);
    ASSERT_TRUE(evicted.ok());
    EXPECT_EQ(**evicted, U64(10 + i));
    EXPECT_EQ(gas.nodes, want[i]) << i;
    EXPECT_EQ(gas.evicted, 8u);
    EXPECT_EQ(gas.calls, (std::vector<std::string>{"evicted", "ttn", "cached"}));
    update.Commit({});
  }
}

// test_accounting_cache_branch_value: key A ends at a branch with a value,
// key B is below it: {5,0} then {2,4}.
TEST(ContractStorage, AccountingCacheBranchValue) {
  TrieUpdate update(StateWithData({ToBytes("k"), ToBytes("kx")}));
  AccountingCache cache;
  ContractStorage storage(update, Id("bob.near"), cache);
  FakeGas first, second;
  ASSERT_TRUE(storage.Set(ToBytes("k"), ToBytes("1"), first).ok());
  ASSERT_TRUE(storage.Set(ToBytes("kx"), ToBytes("2"), second).ok());
  EXPECT_EQ(first.nodes, (TrieNodesCount{5, 0}));
  EXPECT_EQ(second.nodes, (TrieNodesCount{2, 4}));
}

// test_storage_read_write_costs with flat storage: a read charges no nodes
// but caches the value; the write then pays the path as db reads and the
// value as a cached read. A second write to the same key pays nothing.
TEST(ContractStorage, ReadThenWriteWithFlatStorage) {
  TrieUpdate update(StateWithData({U64(0), U64(1)}));
  AccountingCache cache;
  ContractStorage storage(update, Id("bob.near"), cache);
  FakeGas read;
  auto ref = storage.GetRef(U64(1), read);
  ASSERT_TRUE(ref.ok());
  ASSERT_TRUE(ref->has_value());
  EXPECT_EQ(read.nodes, (TrieNodesCount{0, 0}));
  FakeGas free_tracker;  // what the VM passes for storage_read's deref
  EXPECT_EQ(*storage.Deref(**ref, free_tracker), U64(11));
  EXPECT_EQ(free_tracker.nodes, (TrieNodesCount{1, 0}));  // the value, tracked but free
  FakeGas has;
  EXPECT_TRUE(*storage.HasKey(U64(1), has));
  EXPECT_EQ(has.nodes, (TrieNodesCount{0, 0}));
  FakeGas write;
  ASSERT_TRUE(storage.Set(U64(1), U64(5), write).ok());
  EXPECT_EQ(write.nodes, (TrieNodesCount{5, 1}));
  FakeGas again;
  auto evicted = storage.Set(U64(1), U64(6), again);
  ASSERT_TRUE(evicted.ok());
  EXPECT_EQ(**evicted, U64(5));
  EXPECT_EQ(again.nodes, (TrieNodesCount{0, 0}));
  EXPECT_EQ(again.evicted, 8u);
}

TEST(ContractStorage, RemoveAndMissingKeys) {
  TrieUpdate update(StateWithData({U64(0), U64(1)}));
  AccountingCache cache;
  ContractStorage storage(update, Id("bob.near"), cache);
  FakeGas missing;
  auto none = storage.Set(U64(7), U64(1), missing);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  // Path: Ext, Branch, Ext, Branch; nibble for 7 is absent: no leaf, no value.
  EXPECT_EQ(missing.nodes, (TrieNodesCount{4, 0}));
  EXPECT_EQ(missing.calls, (std::vector<std::string>{"ttn", "cached"}));
  FakeGas rm;
  auto removed = storage.Remove(U64(0), rm);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(**removed, U64(10));
  EXPECT_EQ(rm.removed, 8u);
  EXPECT_EQ(rm.nodes, (TrieNodesCount{2, 4}));
  FakeGas h;
  EXPECT_FALSE(*storage.HasKey(U64(0), h));
}

TEST(ContractStorage, GasFailureStopsTheWrite) {
  TrieUpdate update(StateWithData({U64(0)}));
  AccountingCache cache;
  ContractStorage storage(update, Id("bob.near"), cache);
  FakeGas gas;
  gas.fail_at = 0;  // the evicted-bytes charge fails
  auto r = storage.Set(U64(0), U64(99), gas);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ContractStorageError::kGasHookFailed);
  EXPECT_EQ(**update.Get(TrieKey::ContractData(Id("bob.near"), U64(0)).ToBytes()), U64(10));
}

}  // namespace
}  // namespace nearrt::store
