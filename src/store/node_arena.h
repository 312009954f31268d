// Memory for trie nodes: 4 MiB chunks carved by a bump pointer, with one
// free list per 8-byte size class (after nearcore's memtrie arena,
// core/store/src/trie/mem/arena/alloc.rs). Compared with malloc this saves
// the per-allocation header and keeps nodes created together (siblings, a
// parent and its children) close in memory. Chunks are never returned to the
// system; freed blocks are reused.
//
// One arena per thread (thread_local): a node may be freed on another thread
// than the one that allocated it; the block then joins that thread's lists.
#pragma once

#include <cstddef>

namespace nearrt::store {

void* ArenaAlloc(size_t size);
// REQUIRES: `size` is the size passed to ArenaAlloc for `p`.
void ArenaFree(void* p, size_t size);

// Bytes held by this thread's arena chunks (for memory reports).
size_t ArenaReservedBytes();

}  // namespace nearrt::store
