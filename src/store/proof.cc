#include "store/proof.h"

#include <unordered_map>

#include "store/nibbles.h"
#include "store/trie_iterator.h"

namespace nearrt::store {

StorageResult<KeyProof> ProveKey(const Trie& trie, ByteView key) {
  Trie t = trie;
  t.set_recorder(nullptr);
  KeyProof proof;
  Node** slot = t.root_slot();
  NibbleSlice k(key);
  while (slot) {
    NEARRT_ASSIGN_OR_RETURN(Node* n, t.Visit(slot, false, AccessOptions::NoSideEffects()));
    Bytes bytes;
    SerializeNode(n, &bytes);
    proof.nodes.push_back(std::move(bytes));
    slot = nullptr;
    if (n->kind == NodeKind::kLeaf) {
      if (NibbleSlice::FromEncoded(n->key()) == k) {
        NEARRT_ASSIGN_OR_RETURN(Bytes v, t.Deref(ValuePtr{NodeRef::Share(n)}, AccessOptions::NoSideEffects()));
        proof.value = std::move(v);
      }
    } else if (n->kind == NodeKind::kExtension) {
      NibbleSlice ext = NibbleSlice::FromEncoded(n->key());
      if (k.StartsWith(ext)) {
        k = k.Mid(ext.size());
        slot = &n->ext_child();
      }
    } else if (n->kind == NodeKind::kBranch) {
      if (k.empty()) {
        if (n->has_value()) {
          NEARRT_ASSIGN_OR_RETURN(Bytes v, t.Deref(ValuePtr{NodeRef::Share(n)}, AccessOptions::NoSideEffects()));
          proof.value = std::move(v);
        }
      } else if (Node** child = n->child_slot(k.at(0))) {
        k = k.Mid(1);
        slot = child;
      }
    }
  }
  return proof;
}

Result<ProvenValue> VerifyKeyProof(const CryptoHash& root, ByteView key,
                                   const std::vector<Bytes>& nodes) {
  std::unordered_map<CryptoHash, size_t, CryptoHashHasher> by_hash;
  for (size_t i = 0; i < nodes.size(); ++i) by_hash.emplace(CryptoHash::Of(nodes[i]), i);
  std::vector<bool> used(nodes.size(), false);
  ProvenValue result;
  CryptoHash hash = root;
  NibbleSlice k(key);
  bool walking = !root.IsZero();
  while (walking) {
    auto it = by_hash.find(hash);
    if (it == by_hash.end()) {
      return Err("proof is missing trie node " + hash.ToBase58());
    }
    used[it->second] = true;
    auto node = DecodeRawNode(nodes[it->second]);
    if (!node.ok()) return Err("proof node " + hash.ToBase58() + ": " + node.error().message);
    walking = false;
    switch (node->kind) {
      case RawNodeKind::kLeaf:
        if (NibbleSlice::FromEncoded(node->key) == k) {
          result.present = true;
          result.value = node->value;
        }
        break;
      case RawNodeKind::kExtension: {
        NibbleSlice ext = NibbleSlice::FromEncoded(node->key);
        if (k.StartsWith(ext)) {
          k = k.Mid(ext.size());
          hash = node->child;
          walking = true;
        }
        break;
      }
      case RawNodeKind::kBranchNoValue:
      case RawNodeKind::kBranchWithValue:
        if (k.empty()) {
          if (node->HasValue()) {
            result.present = true;
            result.value = node->value;
          }
        } else if (node->mask & (1u << k.at(0))) {
          hash = node->Child(k.at(0));
          k = k.Mid(1);
          walking = true;
        }
        break;
    }
  }
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (!used[i]) {
      return Err("proof node " + std::to_string(i) + " (" + CryptoHash::Of(nodes[i]).ToBase58() +
                 ") is not on the key's path");
    }
  }
  return result;
}

Result<ProvenValue> VerifyKeyProofWithValue(const CryptoHash& root, ByteView key,
                                            const std::vector<Bytes>& nodes,
                                            const std::optional<Bytes>& value) {
  NEARRT_ASSIGN_OR_RETURN(ProvenValue p, VerifyKeyProof(root, key, nodes));
  if (p.present) {
    if (!value) return Err("the proof shows the key is present, but no value was given");
    if (value->size() != p.value.length || CryptoHash::Of(*value) != p.value.hash) {
      return Err("the value does not match the proven value hash " + p.value.hash.ToBase58());
    }
  } else if (value) {
    return Err("the proof shows the key is absent, but a value was given");
  }
  return p;
}

StorageResult<ViewStateResult> ViewState(const Trie& trie, ByteView prefix, bool include_proof) {
  TrieIterator it(trie);
  it.RememberVisitedNodes(include_proof);
  NEARRT_TRY(it.SeekPrefix(prefix));
  ViewStateResult out;
  for (;;) {
    NEARRT_ASSIGN_OR_RETURN(auto item, it.Next());
    if (!item) break;
    out.values.push_back(std::move(*item));
  }
  out.proof = it.TakeVisitedNodes();
  return out;
}

}  // namespace nearrt::store
