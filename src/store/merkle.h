// Binary merkle trees of nearcore core/primitives/src/merkle.rs: outcome
// roots, receipt roots, chunk parts, and the block merkle tree.
//
//   combine_hash(a, b) = sha256(a ‖ b)
//   merklize(items): leaves sha256(borsh(item)); pairs combined level by
//     level; an odd last node is promoted unchanged. Empty -> zero hash.
//   A path lists the siblings bottom-up; Direction is the side the SIBLING
//   is on (Left: combine(sibling, acc), Right: combine(acc, sibling)).
#pragma once

#include <cstdint>
#include <vector>

#include "primitives/crypto_hash.h"
#include "util/bytes.h"
#include "util/result.h"

namespace nearrt::store {

enum class Direction : uint8_t { kLeft = 0, kRight = 1 };  // borsh u8

struct MerklePathItem {
  CryptoHash hash;
  Direction direction;
  bool operator==(const MerklePathItem&) const = default;
};
using MerklePath = std::vector<MerklePathItem>;

CryptoHash CombineHash(const CryptoHash& a, const CryptoHash& b);

// merklize over leaf hashes that are already sha256(borsh(item)). Returns the
// root and one path per leaf.
std::pair<CryptoHash, std::vector<MerklePath>> MerklizeHashes(const std::vector<CryptoHash>& leaves);
// merklize<T>: `items` are the borsh encodings of the items.
std::pair<CryptoHash, std::vector<MerklePath>> Merklize(const std::vector<Bytes>& items);

CryptoHash ComputeRootFromPath(const MerklePath& path, const CryptoHash& leaf_hash);
// verify_path: leaf = sha256(borsh(item)).
bool VerifyPath(const CryptoHash& root, const MerklePath& path, ByteView item_borsh);
bool VerifyHashPath(const CryptoHash& root, const MerklePath& path, const CryptoHash& leaf_hash);
// verify_path_with_index: also checks that the path is the one for leaf
// `index` of `count` leaves.
bool VerifyPathWithIndex(const CryptoHash& root, const MerklePath& path, ByteView item_borsh,
                         uint64_t index, uint64_t count);

Bytes MerklePathToBorsh(const MerklePath& path);
Result<MerklePath> MerklePathFromBorsh(ByteView data);

// PartialMerkleTree { path: Vec<CryptoHash>, size: u64 }: the incremental
// tree over block hashes (leaves are NOT rehashed).
class PartialMerkleTree {
 public:
  void Insert(const CryptoHash& leaf);
  CryptoHash Root() const;
  uint64_t size() const { return size_; }
  const std::vector<CryptoHash>& path() const { return path_; }
  bool IsWellFormed() const;
  Bytes ToBorsh() const;
  // Rejects trees that are not IsWellFormed() (Insert needs one path entry
  // per set bit of the size).
  static Result<PartialMerkleTree> FromBorsh(ByteView data);

 private:
  std::vector<CryptoHash> path_;
  uint64_t size_ = 0;
};

}  // namespace nearrt::store
