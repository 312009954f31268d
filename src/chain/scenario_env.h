// Test harness for end-to-end scenarios on the local chain (test-only).
//
// Every block produced through the harness is kept, so a scenario can check
// its balances to the yoctoNEAR from the outcomes alone:
//   signer delta   = -Σ tokens_burnt of the outcomes - deposits it sent
//   contract delta = Σ receiver rewards + deposits it kept, where a reward is
//                    floor(gas_burnt_for_function_call * 3/10) * burn price
//                    (runtime.md §1.5 step 9) and gas_burnt_for_function_call
//                    is the sum of the outcome's gas profile.
// and that the chain's burnt total moved by Σ tokens_burnt - Σ rewards, with
// the total supply conserved (genesis supply = balances + burnt).
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "chain/local_chain.h"

namespace nearrt::chain::scenario {

inline AccountId Id(const char* s) { return *AccountId::Parse(s); }
inline Balance B(const char* s) { return *vm::ParseBalance(s); }
inline const Balance kNear = B("1000000000000000000000000");
inline constexpr Gas kTgas = 1'000'000'000'000;

inline std::string SharedContract(const char* name) {
  return std::string(NEARRT_SHARED_DIR) + "/testdata/contracts/" + name;
}
// A contract built from src/runtime/testdata/contracts (empty if missing).
inline Bytes TestContract(const char* name) {
  auto code = ReadFile(std::string(NEARRT_TEST_CONTRACTS_DIR) + "/" + name + ".wasm");
  return code.ok() ? *code : Bytes();
}
inline std::string Str(const Bytes& b) { return std::string(b.begin(), b.end()); }

inline GenesisAccount Account(const char* id, Balance amount, std::optional<Bytes> code = std::nullopt) {
  GenesisAccount a;
  a.account_id = Id(id);
  a.amount = amount;
  a.keys.emplace_back(Signer::FromSeed(KeyType::kEd25519, id).public_key(), AccessKey::FullAccess());
  a.code = std::move(code);
  return a;
}

struct Env {
  std::unique_ptr<LocalChain> chain;
  std::map<std::string, Nonce> nonces;
  std::deque<BlockResult> blocks;  // every block produced through Block() (stable references)

  explicit Env(const char* config = "mainnet", std::vector<GenesisAccount> extra = {}) {
    Genesis g;
    g.runtime_config = config;
    for (const char* name : {"alice.near", "bob.near", "near"}) g.accounts.push_back(Account(name, kNear * 1000));
    for (auto& e : extra) g.accounts.push_back(std::move(e));
    auto c = LocalChain::Create(g);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    if (c.ok()) chain = std::move(*c);
  }

  SignedTransaction Tx(const char* signer, const char* receiver, std::vector<Action> actions,
                       const char* key_seed = nullptr) {
    Signer s = Signer::FromSeed(KeyType::kEd25519, key_seed ? key_seed : signer);
    Transaction tx;
    tx.signer_id = Id(signer);
    tx.receiver_id = Id(receiver);
    tx.public_key = s.public_key();
    std::string nk = std::string(signer) + "/" + s.public_key().ToString();
    if (!nonces.count(nk)) nonces[nk] = chain->height() * 1'000'000;
    tx.nonce.nonce = ++nonces[nk];
    tx.block_hash = chain->last_block_hash();
    tx.actions = std::move(actions);
    return SignedTransaction::Sign(tx, s);
  }
  SignedTransaction Call(const char* signer, const char* receiver, const char* method, Bytes args,
                         Balance deposit = 0, Gas gas = 100 * kTgas) {
    return Tx(signer, receiver, {FunctionCallAction{method, std::move(args), gas, deposit}});
  }

  const BlockResult& Block(std::vector<SignedTransaction> txs) {
    auto b = chain->ProduceBlock(txs);
    EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().message);
    blocks.push_back(b.ok() ? std::move(*b) : BlockResult{});
    return blocks.back();
  }
  // Produces empty blocks until no receipts are in flight.
  void Idle(int max_blocks = 400) {
    for (int i = 0; i < max_blocks && !chain->pending_receipts().empty(); ++i) Block({});
    EXPECT_TRUE(chain->pending_receipts().empty()) << "receipts still in flight";
  }

  Balance Amount(const char* id) {
    auto a = chain->GetAccount(Id(id));
    return a.ok() && *a ? (*a)->amount() : 0;
  }
  std::optional<Bytes> Data(const char* id, std::string_view key) {
    auto v = chain->GetContractData(Id(id), AsBytes(key));
    return v.ok() ? *v : std::nullopt;
  }
  std::string View(const char* id, const char* method, std::string_view args) {
    auto r = chain->ViewCall(Id(id), method, AsBytes(args));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return "";
    EXPECT_FALSE(r->aborted.has_value()) << method;
    return Str(r->return_data.value);
  }
  void ExpectSupplyConserved() {
    auto total = chain->ComputeTotalBalances();
    ASSERT_TRUE(total.ok());
    EXPECT_EQ(chain->genesis_supply(), *total + chain->total_burnt());
  }

  // ---- outcomes ----
  const ExecutionOutcomeWithId* Outcome(const CryptoHash& id) const {
    for (const auto& b : blocks) {
      for (const auto& o : b.apply.outcomes) if (o.id == id) return &o;
    }
    return nullptr;
  }
  // Height of the block whose outcomes include `id` (0 if none).
  uint64_t HeightOf(const CryptoHash& id) const {
    for (const auto& b : blocks) {
      for (const auto& o : b.apply.outcomes) if (o.id == id) return b.height;
    }
    return 0;
  }
  // Gas price of the block whose outcomes include `id` (0 if none).
  Balance GasPriceOf(const CryptoHash& id) const {
    for (const auto& b : blocks) {
      for (const auto& o : b.apply.outcomes) if (o.id == id) return b.gas_price;
    }
    return 0;
  }
  // Follows SuccessReceiptId links from a transaction to its final status.
  const ExecutionStatus* FinalStatus(const CryptoHash& tx_hash) const {
    const ExecutionOutcomeWithId* o = Outcome(tx_hash);
    for (int i = 0; o && i < 1000; ++i) {
      if (o->outcome.status.kind != ExecutionStatus::Kind::kSuccessReceiptId) return &o->outcome.status;
      o = Outcome(o->outcome.status.receipt_id);
    }
    return nullptr;
  }
  std::string FinalValue(const CryptoHash& tx_hash) const {
    const ExecutionStatus* s = FinalStatus(tx_hash);
    EXPECT_NE(s, nullptr);
    if (!s) return "<none>";
    EXPECT_FALSE(s->is_failure()) << s->failure.ToJson();
    return s->is_failure() ? "<failure>" : Str(s->value);
  }
  // All log lines of the blocks from index `from` on.
  std::vector<std::string> Logs(size_t from = 0) const {
    std::vector<std::string> out;
    for (size_t i = from; i < blocks.size(); ++i) {
      for (const auto& o : blocks[i].apply.outcomes) out.insert(out.end(), o.outcome.logs.begin(), o.outcome.logs.end());
    }
    return out;
  }

  // ---- ledger over the blocks from index `from` on ----
  Balance TokensBurnt(size_t from) const {
    Balance t = 0;
    for (size_t i = from; i < blocks.size(); ++i) {
      for (const auto& o : blocks[i].apply.outcomes) t += o.outcome.tokens_burnt;
    }
    return t;
  }
  // Receiver rewards paid to `executor` (runtime.md §1.5 step 9). The burn
  // price is min(receipt price, block price) = the block price here (prices
  // stay at or below the 1e9 purchase price).
  Balance Rewards(size_t from, const char* executor) const {
    Balance t = 0;
    for (size_t i = from; i < blocks.size(); ++i) {
      EXPECT_LE(blocks[i].gas_price, static_cast<Balance>(1'000'000'000));
      for (const auto& o : blocks[i].apply.outcomes) {
        if (o.outcome.executor_id != Id(executor)) continue;
        Gas fc = 0;
        for (const auto& [name, gas] : o.outcome.profile) fc += gas;
        t += static_cast<Balance>(fc * 3 / 10) * blocks[i].gas_price;
      }
    }
    return t;
  }
  Balance AllRewards(size_t from) const {
    std::set<std::string> executors;
    for (size_t i = from; i < blocks.size(); ++i) {
      for (const auto& o : blocks[i].apply.outcomes) executors.insert(o.outcome.executor_id.str());
    }
    Balance t = 0;
    for (const auto& e : executors) {
      if (chain->GetAccount(Id(e.c_str())).ok() && *chain->GetAccount(Id(e.c_str()))) t += Rewards(from, e.c_str());
    }
    return t;
  }
};

// Balances of a set of accounts at one point, to compare deltas later.
struct Snapshot {
  std::map<std::string, Balance> amounts;
  Balance burnt = 0;
  size_t block_index = 0;
  Snapshot(Env& env, std::initializer_list<const char*> ids) {
    for (const char* id : ids) amounts[id] = env.Amount(id);
    burnt = env.chain->total_burnt();
    block_index = env.blocks.size();
  }
  Balance operator[](const char* id) const { return amounts.at(id); }
};

// The yoctoNEAR ledger of a window whose transactions were all signed by
// `signer`: the signer paid every tokens_burnt and `sent`; each contract got
// its rewards plus `kept`; the chain burnt Σ tokens_burnt - Σ rewards.
inline void ExpectLedger(Env& env, const Snapshot& before, const char* signer, Balance sent,
                         std::map<std::string, Balance> kept) {
  Balance burnt = env.TokensBurnt(before.block_index);
  EXPECT_GT(burnt, 0u);
  EXPECT_EQ(env.Amount(signer), before[signer] - burnt - sent) << "signer " << signer;
  for (const auto& [id, k] : kept) {
    EXPECT_EQ(env.Amount(id.c_str()), before[id.c_str()] + env.Rewards(before.block_index, id.c_str()) + k)
        << "contract " << id;
  }
  EXPECT_EQ(env.chain->total_burnt() - before.burnt, burnt - env.AllRewards(before.block_index));
  env.ExpectSupplyConserved();
}

inline Bytes U64Le(uint64_t v) {
  Bytes b(8);
  for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v >> (8 * i));
  return b;
}
inline Bytes Concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace nearrt::chain::scenario
