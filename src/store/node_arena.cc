#include "store/node_arena.h"

#include <new>

namespace nearrt::store {
namespace {

constexpr size_t kChunkSize = 4u << 20;
constexpr size_t kGranularity = 8;
constexpr size_t kMaxSmall = 4096;  // larger blocks come from operator new
constexpr size_t kClasses = kMaxSmall / kGranularity + 1;

struct FreeBlock {
  FreeBlock* next;
};

// Trivially destructible on purpose: nodes may outlive the thread's
// thread_local destructors (e.g. in static objects), so chunks are never
// released. Each chunk starts with a pointer to the previous chunk, which
// keeps every chunk reachable (no leak reports).
struct Arena {
  char* cursor = nullptr;
  char* end = nullptr;
  char* last_chunk = nullptr;
  size_t reserved = 0;
  FreeBlock* free_lists[kClasses] = {};
};

Arena& ThisArena() {
  thread_local Arena arena;
  return arena;
}

size_t RoundUp(size_t size) { return (size + kGranularity - 1) & ~(kGranularity - 1); }

}  // namespace

void* ArenaAlloc(size_t size) {
  size = RoundUp(size);
  if (size > kMaxSmall) return ::operator new(size);
  Arena& a = ThisArena();
  FreeBlock*& list = a.free_lists[size / kGranularity];
  if (list) {
    FreeBlock* b = list;
    list = b->next;
    return b;
  }
  if (static_cast<size_t>(a.end - a.cursor) < size) {
    char* chunk = static_cast<char*>(::operator new(kChunkSize));
    *reinterpret_cast<char**>(chunk) = a.last_chunk;
    a.last_chunk = chunk;
    a.reserved += kChunkSize;
    a.cursor = chunk + sizeof(char*);
    a.end = chunk + kChunkSize;
  }
  void* p = a.cursor;
  a.cursor += size;
  return p;
}

void ArenaFree(void* p, size_t size) {
  size = RoundUp(size);
  if (size > kMaxSmall) {
    ::operator delete(p);
    return;
  }
  Arena& a = ThisArena();
  FreeBlock* b = static_cast<FreeBlock*>(p);
  b->next = a.free_lists[size / kGranularity];
  a.free_lists[size / kGranularity] = b;
}

size_t ArenaReservedBytes() { return ThisArena().reserved; }

}  // namespace nearrt::store
