// Helpers shared by the store tests.
#pragma once

#include <map>
#include <string_view>
#include <vector>

#include "store/trie.h"

namespace nearrt::store::testing {

using KV = std::map<Bytes, Bytes>;

inline Bytes B(std::string_view s) { return ToBytes(s); }

// An in-memory trie holding exactly `kv`.
inline Trie Build(const KV& kv) {
  std::vector<KeyChange> changes;
  for (const auto& [k, v] : kv) changes.push_back({k, v});
  auto out = Trie().Update(std::move(changes), UpdateOptions{false});
  return out.ok() ? Trie(out->root, nullptr) : Trie();
}

}  // namespace nearrt::store::testing
