// State roots and proofs of one contract's storage: the key-values of a
// `nearrt run` state map put in NEAR's state trie under
// TrieKey::ContractData{account_id, key} (nearcore core/primitives/src/trie_key.rs),
// the rest of the account's state left out.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "nearrt_web.h"
#include "primitives/account_id.h"
#include "primitives/crypto_hash.h"
#include "store/proof.h"
#include "store/trie.h"
#include "store/trie_key.h"
#include "web_util.h"

namespace nearrt::web {
namespace {

struct ContractTrie {
  AccountId account;
  store::Trie trie;
};

Result<AccountId> ReadAccount(const json& req) {
  std::string id;
  bool have = false;
  NEARRT_TRY(ReadString(req, "account_id", &id, &have));
  if (!have) return Err("account_id: required");
  auto a = AccountId::Parse(id);
  if (!a.ok()) return Err("account_id: " + a.error().message);
  return std::move(*a);
}

Bytes DataKey(const AccountId& account, ByteView key) {
  return store::TrieKey::ContractData(account, key).ToBytes();
}

Result<ContractTrie> BuildTrie(const json& req) {
  NEARRT_ASSIGN_OR_RETURN(AccountId account, ReadAccount(req));
  NEARRT_ASSIGN_OR_RETURN(auto state, ReadState(req, "state"));
  std::vector<store::KeyChange> changes;
  changes.reserve(state.size());
  for (auto& [k, v] : state) {
    Bytes key = DataKey(account, k);
    if (key.size() > store::kMaxTrieKeyLen) return Err("state: key too long for the trie");
    changes.push_back(store::KeyChange{std::move(key), std::move(v)});
  }
  // The map is ordered by contract key; trie keys share the account prefix,
  // so they are ordered too. Update does not need order, but stays cheap.
  auto out = store::Trie().Update(std::move(changes), store::UpdateOptions{false});
  if (!out.ok()) return Err(out.error().message);
  return ContractTrie{std::move(account), store::Trie(out->root, nullptr)};
}

Result<std::vector<Bytes>> ReadProof(const json& req) {
  auto it = req.find("proof");
  if (it == req.end() || !it->is_array()) return Err("proof: expected an array of base64 nodes");
  std::vector<Bytes> nodes;
  for (const json& n : *it) {
    if (!n.is_string()) return Err("proof: expected base64 strings");
    auto b = Base64Decode(n.get_ref<const std::string&>());
    if (!b.ok()) return Err("proof: node " + std::to_string(nodes.size()) + " is not base64");
    nodes.push_back(std::move(*b));
  }
  return nodes;
}

}  // namespace
}  // namespace nearrt::web

using namespace nearrt;
using namespace nearrt::web;

extern "C" {

const char* nearrt_web_state_root(const char* request) {
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  auto t = BuildTrie(*req);
  if (!t.ok()) return InputError(t.error().message);
  size_t entries = 0;
  if (auto it = req->find("state"); it != req->end() && it->is_object()) entries = it->size();
  json out = json::object();
  out["state_root"] = t->trie.root_hash().ToBase58();
  out["entries"] = entries;
  return Reply(Dump(out));
}

const char* nearrt_web_prove(const char* request) {
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  Bytes key;
  bool have_key = false;
  if (auto st = ReadBase64(*req, "key_base64", &key, &have_key); !st.ok()) {
    return InputError(st.error().message);
  }
  if (!have_key) return InputError("key_base64: required");
  auto t = BuildTrie(*req);
  if (!t.ok()) return InputError(t.error().message);
  Bytes trie_key = DataKey(t->account, key);
  auto proof = store::ProveKey(t->trie, trie_key);
  if (!proof.ok()) return ErrorReply("StorageError", proof.error().message);
  json nodes = json::array();
  for (const Bytes& n : proof->nodes) nodes.push_back(Base64Encode(n));
  json out = json::object();
  out["state_root"] = t->trie.root_hash().ToBase58();
  out["trie_key_base64"] = Base64Encode(trie_key);
  out["value_base64"] = proof->value ? json(Base64Encode(*proof->value)) : json(nullptr);
  out["proof"] = std::move(nodes);
  return Reply(Dump(out));
}

const char* nearrt_web_verify(const char* request) {
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  std::string root_text;
  if (auto st = ReadString(*req, "state_root", &root_text); !st.ok()) return InputError(st.error().message);
  auto root = CryptoHash::FromBase58(root_text);
  if (!root.ok()) return InputError("state_root: " + root.error().message);
  auto account = ReadAccount(*req);
  if (!account.ok()) return InputError(account.error().message);
  Bytes key;
  bool have_key = false;
  if (auto st = ReadBase64(*req, "key_base64", &key, &have_key); !st.ok()) {
    return InputError(st.error().message);
  }
  if (!have_key) return InputError("key_base64: required");
  auto nodes = ReadProof(*req);
  if (!nodes.ok()) return InputError(nodes.error().message);
  std::optional<Bytes> value;
  Bytes value_bytes;
  bool have_value = false;
  if (auto st = ReadBase64(*req, "value_base64", &value_bytes, &have_value); !st.ok()) {
    return InputError(st.error().message);
  }
  if (have_value) value = std::move(value_bytes);
  Bytes trie_key = DataKey(*account, key);
  auto proven = have_value ? store::VerifyKeyProofWithValue(*root, trie_key, *nodes, value)
                           : store::VerifyKeyProof(*root, trie_key, *nodes);
  json out = json::object();
  out["valid"] = proven.ok();
  out["present"] = proven.ok() && proven->present;
  if (!proven.ok()) out["message"] = proven.error().message;
  return Reply(Dump(out));
}

}  // extern "C"
