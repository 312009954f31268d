// libFuzzer target: everything src/store decodes from bytes it did not just
// produce itself -- trie nodes (RawTrieNodeWithSize), persisted metadata and
// TrieChanges, refcounted column values, witnesses (PartialState), merkle
// paths, raw trie keys -- and proof verification against a fixed root. The
// first input byte picks the decoder. Properties:
//   * nothing crashes or hangs, whatever the bytes (also a trie walked over a
//     corrupt database whose nodes are not stored under their hash);
//   * decoders round-trip: a decoded value re-encodes to the input bytes;
//   * a proof that verifies against the fixture's root tells the truth
//     about the key;
//   * a trie update over a witness reads back the values it wrote.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "store/backend.h"
#include "store/merkle.h"
#include "store/node.h"
#include "store/partial_storage.h"
#include "store/proof.h"
#include "store/raw_node.h"
#include "store/recorder.h"
#include "store/refcount.h"
#include "store/state_store.h"
#include "store/trie_changes.h"
#include "store/trie_iterator.h"
#include "store/trie_key.h"
#include "trie_fixture.h"

using namespace nearrt;
using namespace nearrt::store;
using nearrt::fuzz::FuzzInput;
using nearrt::fuzz::Same;

namespace {

// Iterates at most `max_items` keys under `prefix`; checks they come in
// strictly increasing order and start with the prefix.
void IterateSome(const Trie& trie, ByteView prefix, size_t max_items) {
  TrieIterator it(trie);
  if (!it.SeekPrefix(prefix).ok()) return;
  std::optional<Bytes> last;
  for (size_t i = 0; i < max_items; ++i) {
    auto item = it.Next();
    if (!item.ok() || !*item) return;
    const Bytes& key = (*item)->first;
    FUZZ_CHECK(key.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), key.begin()));
    if (last) FUZZ_CHECK(*last < key);
    last = key;
  }
}

void FuzzRawNode(ByteView in) {
  auto node = DecodeRawNode(in);
  if (!node.ok()) return;
  Bytes out;
  switch (node->kind) {
    case RawNodeKind::kLeaf:
      EncodeLeaf(node->key, node->value, node->memory_usage, &out);
      break;
    case RawNodeKind::kExtension:
      EncodeExtension(node->key, node->child, node->memory_usage, &out);
      break;
    case RawNodeKind::kBranchNoValue:
    case RawNodeKind::kBranchWithValue: {
      std::vector<CryptoHash> kids;
      for (unsigned i = 0; i < 16; ++i) {
        if (node->mask & (1u << i)) kids.push_back(node->Child(i));
      }
      EncodeBranch(node->kind == RawNodeKind::kBranchWithValue ? &node->value : nullptr, node->mask,
                   kids.data(), node->memory_usage, &out);
      break;
    }
  }
  FUZZ_CHECK(Same(in, out));
  auto built = NodeFromBytes(in, CryptoHash::Of(in));
  if (!built.ok()) return;
  Bytes serialized;
  SerializeNode(built->get(), &serialized);
  FUZZ_CHECK(Same(in, serialized));
}

void FuzzTrieChanges(ByteView in) {
  auto c = TrieChanges::FromBorsh(in);
  if (!c.ok()) return;
  Bytes out = c->ToBorsh();
  auto again = TrieChanges::FromBorsh(out);
  FUZZ_CHECK(again.ok() && *again == *c);
  FUZZ_CHECK(out.size() <= in.size());  // deletions' legacy bytes are dropped
  if (out.size() == in.size()) FUZZ_CHECK(Same(in, out));
}

void FuzzSmallDecoders(FuzzInput& f) {
  const uint8_t which = f.U8();
  const ByteView in = f.Rest();
  switch (which % 4) {
    case 0: {
      auto s = PartialState::FromBorsh(in);
      if (s.ok()) FUZZ_CHECK(Same(in, s->ToBorsh()));
      break;
    }
    case 1: {
      auto p = MerklePathFromBorsh(in);
      if (!p.ok()) break;
      FUZZ_CHECK(Same(in, MerklePathToBorsh(*p)));
      (void)ComputeRootFromPath(*p, CryptoHash::Of(in));
      (void)VerifyPathWithIndex(CryptoHash(), *p, in, in.size(), 1 + in.size() * 3);
      break;
    }
    case 2: {
      auto t = PartialMerkleTree::FromBorsh(in);
      if (!t.ok()) break;
      FUZZ_CHECK(Same(in, t->ToBorsh()));
      (void)t->Root();
      t->Insert(CryptoHash::Of(in));
      (void)t->Root();
      break;
    }
    case 3: {
      auto k = TrieKey::Parse(in);
      if (!k.ok()) break;
      FUZZ_CHECK(Same(in, k->ToBytes()));
      FUZZ_CHECK(k->Len() == in.size());
      (void)k->GetAccountId();
      break;
    }
  }
}

// A witness (PartialState) as the node source of a trie whose root is one of
// its items; lookups, iteration and an update over it.
void FuzzWitness(FuzzInput& f) {
  const uint8_t root_index = f.U8();
  const uint8_t nops = f.U8() % 8;
  struct Op {
    uint8_t code;
    ByteView key;
    std::optional<ByteView> value;
  };
  std::vector<Op> ops;
  for (uint8_t i = 0; i < nops; ++i) {
    Op op{f.U8(), f.Short(), std::nullopt};
    if (op.code & 0x80) op.value = f.Long();
    ops.push_back(op);
  }
  auto state = PartialState::FromBorsh(f.Rest());
  if (!state.ok() || state->values.empty()) return;
  PartialStorage storage(*state);
  const CryptoHash root = CryptoHash::Of(state->values[root_index % state->values.size()]);
  Trie trie = Trie::FromRootHash(root, &storage);
  std::vector<KeyChangeRef> changes;
  for (const Op& op : ops) {
    switch (op.code % 4) {
      case 0:
        (void)trie.Get(op.key);
        break;
      case 1:
        (void)trie.ContainsKey(op.key, LookupMode::kMemOrTrie);
        break;
      case 2:
        IterateSome(trie, op.key, 64);
        break;
      case 3:
        changes.push_back(KeyChangeRef{op.key, op.value});
        break;
    }
  }
  if (changes.empty()) return;
  auto out = trie.UpdateRefs(changes, UpdateOptions{true});
  if (!out.ok()) return;
  // The new version reads back what was written (last change per key wins).
  std::map<Bytes, std::optional<Bytes>> expect;
  for (const KeyChangeRef& c : changes) {
    expect[Bytes(c.key.begin(), c.key.end())] =
        c.value ? std::optional<Bytes>(Bytes(c.value->begin(), c.value->end())) : std::nullopt;
  }
  Trie updated(out->root, &storage);
  for (const auto& [key, value] : expect) {
    auto got = updated.Get(key);
    if (!got.ok()) continue;  // a node the witness does not hold
    FUZZ_CHECK(*got == value);
  }
  IterateSome(updated, {}, 64);
}

// A proof for a key against the fixture's root.
void FuzzProof(FuzzInput& f) {
  const Trie& trie = nearrt::fuzz::FixtureTrie();
  const ByteView key = f.Short();
  std::optional<Bytes> value;
  if (f.U8() & 1) {
    ByteView v = f.Long();
    value = Bytes(v.begin(), v.end());
  }
  std::vector<Bytes> nodes;
  while (!f.empty() && nodes.size() < 64) {
    ByteView n = f.Long();
    nodes.emplace_back(n.begin(), n.end());
  }
  auto proven = VerifyKeyProofWithValue(trie.root_hash(), key, nodes, value);
  if (!proven.ok()) return;
  auto truth = trie.Get(key);
  FUZZ_CHECK(truth.ok());
  FUZZ_CHECK(proven->present == truth->has_value());
  if (proven->present) {
    FUZZ_CHECK(proven->value == ValueRef::Of(**truth));
    FUZZ_CHECK(value && *value == **truth);
  }
}

// A database (MemoryBackend) whose contents come from the input: nodes under
// any hash (a corrupt store need not match), head/gc_tail/deletions
// metadata. Opening, lookups, iteration and pruning must fail cleanly.
void FuzzStateStore(FuzzInput& f) {
  auto backend = std::make_unique<MemoryBackend>();
  WriteBatch batch;
  std::vector<Bytes> datas;
  std::vector<CryptoHash> hashes;
  const uint8_t n = f.U8() % 8;
  for (uint8_t i = 0; i < n; ++i) {
    const bool honest = f.U8() & 1;
    CryptoHash h;
    if (!honest) {
      ByteView raw = f.Take(32);
      std::copy(raw.begin(), raw.end(), h.bytes.begin());
    }
    ByteView bytes = f.Long();
    if (honest) h = CryptoHash::Of(bytes);
    datas.emplace_back(bytes.begin(), bytes.end());
    hashes.push_back(h);
  }
  for (size_t i = 0; i < datas.size(); ++i) batch.AddRefcount(hashes[i], 1, datas[i]);
  const uint8_t head_mode = f.U8();
  if (head_mode % 3 == 1) {
    BorshWriter w;
    w.U64(f.U64());
    w.Fixed(hashes.empty() ? CryptoHash().view() : hashes[f.U8() % hashes.size()].view());
    batch.PutMeta("head", w.Take());
  } else if (head_mode % 3 == 2) {
    ByteView raw = f.Short();
    batch.PutMeta("head", Bytes(raw.begin(), raw.end()));
  }
  if (f.U8() & 1) {
    ByteView raw = f.Short();
    batch.PutMeta("gc_tail", Bytes(raw.begin(), raw.end()));
  }
  const uint8_t ndel = f.U8() % 3;
  for (uint8_t i = 0; i < ndel; ++i) {
    char name[40];
    std::snprintf(name, sizeof(name), "deletions/%020u", unsigned(f.U8()));
    ByteView raw = f.Long();
    batch.PutMeta(name, Bytes(raw.begin(), raw.end()));
  }
  if (!backend->Write(batch).ok()) return;
  auto store = StateStore::Open(std::move(backend));
  if (!store.ok()) return;
  Trie trie = (*store)->GetTrie((*store)->head());
  for (int i = 0; i < 8 && !f.empty(); ++i) (void)trie.Get(f.Short());
  IterateSome(trie, {}, 32);
  (void)trie.RootMemoryUsage();
  (void)(*store)->Prune(1 + f.U8() % 3);
}

// Refcounted values: decode, and merge against a model with wide integers.
void FuzzRefcount(FuzzInput& f) {
  const bool with_existing = f.U8() & 1;
  std::vector<ByteView> pieces;
  while (!f.empty() && pieces.size() < 8) {
    ByteView p = f.Short();
    // Mostly exact 8-byte counts with an optional payload before them.
    pieces.push_back(p);
  }
  if (pieces.empty()) return;
  __int128 sum = 0;
  bool overflow = false;
  std::optional<ByteView> payload;
  for (ByteView p : pieces) {
    RcValue v = DecodeRcValue(p);
    FUZZ_CHECK(v.has_payload == (v.rc > 0));
    if (v.has_payload) FUZZ_CHECK(v.payload.size() + 8 == p.size());
    if (p.size() < 8) FUZZ_CHECK(v.rc == 0);
    if (v.has_payload && !payload) payload = v.payload;
    sum += v.rc;
    if (sum > INT64_MAX || sum < INT64_MIN) overflow = true;
  }
  ByteView existing = pieces[0];
  std::span<const ByteView> ops(pieces);
  if (with_existing) ops = ops.subspan(1);
  std::string out = "junk";
  const bool ok = MergeRcValues(with_existing ? &existing : nullptr, ops, &out);
  FUZZ_CHECK(ok == !overflow);
  if (!ok) return;
  ByteView o(reinterpret_cast<const uint8_t*>(out.data()), out.size());
  RcValue merged = DecodeRcValue(o);
  FUZZ_CHECK(merged.rc == static_cast<int64_t>(sum));
  if (sum == 0) FUZZ_CHECK(out.empty());
  if (sum < 0) FUZZ_CHECK(out.size() == 8);
  if (sum > 0) FUZZ_CHECK(Same(merged.payload, payload.value_or(ByteView())));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  FuzzInput f(ByteView(data + 1, size - 1));
  switch (data[0] % 8) {
    case 0:
      FuzzRawNode(f.Rest());
      break;
    case 1:
      FuzzTrieChanges(f.Rest());
      break;
    case 2:
      FuzzSmallDecoders(f);
      break;
    case 3:
      FuzzWitness(f);
      break;
    case 4:
      FuzzProof(f);
      break;
    case 5:
      FuzzStateStore(f);
      break;
    case 6:
      FuzzRefcount(f);
      break;
    case 7: {
      // Iteration over the fixture under a prefix: sorted, complete.
      const Trie& trie = nearrt::fuzz::FixtureTrie();
      ByteView prefix = f.Short();
      auto view = ViewState(trie, prefix, f.U8() & 1);
      FUZZ_CHECK(view.ok());
      std::vector<std::pair<Bytes, Bytes>> want;
      for (const auto& [k, v] : nearrt::fuzz::FixtureKeyValues()) {
        if (k.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), k.begin())) {
          want.emplace_back(k, v);
        }
      }
      FUZZ_CHECK(view->values == want);
      break;
    }
  }
  return 0;
}
