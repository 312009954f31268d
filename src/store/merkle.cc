#include "store/merkle.h"

#include <bit>

#include "primitives/borsh.h"

namespace nearrt::store {

CryptoHash CombineHash(const CryptoHash& a, const CryptoHash& b) {
  uint8_t buf[64];
  std::memcpy(buf, a.bytes.data(), 32);
  std::memcpy(buf + 32, b.bytes.data(), 32);
  return CryptoHash::Of(ByteView(buf, 64));
}

std::pair<CryptoHash, std::vector<MerklePath>> MerklizeHashes(
    const std::vector<CryptoHash>& leaves) {
  if (leaves.empty()) return {CryptoHash(), {}};
  std::vector<MerklePath> paths(leaves.size());
  std::vector<CryptoHash> level = leaves;
  // Index of each leaf's ancestor in the current level.
  std::vector<size_t> pos(leaves.size());
  for (size_t i = 0; i < pos.size(); ++i) pos[i] = i;
  while (level.size() > 1) {
    for (size_t leaf = 0; leaf < leaves.size(); ++leaf) {
      size_t sibling = pos[leaf] ^ 1;
      if (sibling < level.size()) {
        paths[leaf].push_back(MerklePathItem{
            level[sibling], sibling < pos[leaf] ? Direction::kLeft : Direction::kRight});
      }
      pos[leaf] /= 2;
    }
    std::vector<CryptoHash> next((level.size() + 1) / 2);
    for (size_t i = 0; i < next.size(); ++i) {
      // An odd last node is promoted unchanged.
      next[i] = 2 * i + 1 < level.size() ? CombineHash(level[2 * i], level[2 * i + 1]) : level[2 * i];
    }
    level = std::move(next);
  }
  return {level[0], std::move(paths)};
}

std::pair<CryptoHash, std::vector<MerklePath>> Merklize(const std::vector<Bytes>& items) {
  std::vector<CryptoHash> leaves;
  leaves.reserve(items.size());
  for (const Bytes& item : items) leaves.push_back(CryptoHash::Of(item));
  return MerklizeHashes(leaves);
}

CryptoHash ComputeRootFromPath(const MerklePath& path, const CryptoHash& leaf_hash) {
  CryptoHash res = leaf_hash;
  for (const MerklePathItem& item : path) {
    res = item.direction == Direction::kLeft ? CombineHash(item.hash, res)
                                             : CombineHash(res, item.hash);
  }
  return res;
}

bool VerifyHashPath(const CryptoHash& root, const MerklePath& path, const CryptoHash& leaf_hash) {
  return ComputeRootFromPath(path, leaf_hash) == root;
}

bool VerifyPath(const CryptoHash& root, const MerklePath& path, ByteView item_borsh) {
  return VerifyHashPath(root, path, CryptoHash::Of(item_borsh));
}

namespace {

// nearcore verify_path_matches_index.
bool PathMatchesIndex(const MerklePath& path, uint64_t index, uint64_t count) {
  if (index >= count) return false;
  size_t used = 0;
  const unsigned height = std::bit_width(std::bit_ceil(count)) - 1;
  for (unsigned k = 0; k < height; ++k) {
    uint64_t sibling_start = ((index >> k) ^ 1) << k;
    if (sibling_start < count) {
      if (used >= path.size()) return false;
      Direction expected = ((index >> k) & 1) == 0 ? Direction::kRight : Direction::kLeft;
      if (path[used].direction != expected) return false;
      ++used;
    }
  }
  return used == path.size();
}

}  // namespace

bool VerifyPathWithIndex(const CryptoHash& root, const MerklePath& path, ByteView item_borsh,
                         uint64_t index, uint64_t count) {
  return PathMatchesIndex(path, index, count) && VerifyPath(root, path, item_borsh);
}

Bytes MerklePathToBorsh(const MerklePath& path) {
  BorshWriter w;
  w.Vector(path, [](BorshWriter& w, const MerklePathItem& item) {
    w.Fixed(item.hash.view());
    w.U8(static_cast<uint8_t>(item.direction));
  });
  return w.Take();
}

Result<MerklePath> MerklePathFromBorsh(ByteView data) {
  BorshReader r(data);
  NEARRT_ASSIGN_OR_RETURN(MerklePath path,
                          r.Vector<MerklePathItem>([](BorshReader& r) -> Result<MerklePathItem> {
                            MerklePathItem item;
                            NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
                            NEARRT_ASSIGN_OR_RETURN(item.hash, CryptoHash::FromBytes(h));
                            NEARRT_ASSIGN_OR_RETURN(uint8_t d, r.U8());
                            if (d > 1) return Err("invalid merkle Direction " + std::to_string(d));
                            item.direction = static_cast<Direction>(d);
                            return item;
                          }));
  NEARRT_TRY(r.ExpectEnd());
  return path;
}

void PartialMerkleTree::Insert(const CryptoHash& leaf) {
  uint64_t s = size_;
  CryptoHash node = leaf;
  while (s % 2 == 1) {
    node = CombineHash(path_.back(), node);
    path_.pop_back();
    s /= 2;
  }
  path_.push_back(node);
  ++size_;
}

CryptoHash PartialMerkleTree::Root() const {
  if (path_.empty()) return CryptoHash();
  CryptoHash res = path_.back();
  for (size_t i = path_.size() - 1; i-- > 0;) res = CombineHash(path_[i], res);
  return res;
}

bool PartialMerkleTree::IsWellFormed() const {
  return path_.size() == static_cast<size_t>(std::popcount(size_));
}

Bytes PartialMerkleTree::ToBorsh() const {
  BorshWriter w;
  w.Vector(path_, [](BorshWriter& w, const CryptoHash& h) { w.Fixed(h.view()); });
  w.U64(size_);
  return w.Take();
}

Result<PartialMerkleTree> PartialMerkleTree::FromBorsh(ByteView data) {
  BorshReader r(data);
  PartialMerkleTree t;
  NEARRT_ASSIGN_OR_RETURN(t.path_, r.Vector<CryptoHash>([](BorshReader& r) -> Result<CryptoHash> {
                            NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
                            return CryptoHash::FromBytes(h);
                          }));
  NEARRT_ASSIGN_OR_RETURN(t.size_, r.U64());
  NEARRT_TRY(r.ExpectEnd());
  // nearcore's derived borsh takes any path and size, and its insert then
  // panics on an empty path (`self.path.pop().unwrap()`). The tree is only
  // usable with one path entry per set bit of the size: reject the rest here.
  if (!t.IsWellFormed()) {
    return Err("malformed PartialMerkleTree: " + std::to_string(t.path_.size()) +
               " path entries for size " + std::to_string(t.size_));
  }
  return t;
}

}  // namespace nearrt::store
