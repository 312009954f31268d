// A fixed trie shared by trie_node_fuzz (proof verification against its
// root) and fuzz_seed_gen (real proofs as seeds): keys with common prefixes,
// a key that is a prefix of others (branch with value), short and long
// values.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/trie.h"

namespace nearrt::fuzz {

inline const std::map<Bytes, Bytes>& FixtureKeyValues() {
  static const std::map<Bytes, Bytes> kv = [] {
    std::map<Bytes, Bytes> m;
    const char* keys[] = {"a", "ab", "abc", "abd", "b", "ba", "bb", "c", "alice.near", "alice.nearx",
                          "bob.near", "\x09" "carol.near,STATE", "\x00\x01\x02", "zzzzzzzzzzzzzzzzzzzz"};
    int i = 0;
    for (const char* k : keys) {
      std::string key = k[0] == 0 ? std::string("\x00\x01\x02", 3) : std::string(k);
      std::string value = i % 3 == 2 ? std::string(100, char('v' + i)) : "v" + std::to_string(i);
      m[ToBytes(key)] = ToBytes(value);
      ++i;
    }
    return m;
  }();
  return kv;
}

inline const store::Trie& FixtureTrie() {
  static const store::Trie trie = [] {
    std::vector<store::KeyChange> changes;
    for (const auto& [k, v] : FixtureKeyValues()) changes.push_back({k, v});
    auto out = store::Trie().Update(changes, store::UpdateOptions{false});
    return out.ok() ? store::Trie(out->root, nullptr) : store::Trie();
  }();
  return trie;
}

}  // namespace nearrt::fuzz
