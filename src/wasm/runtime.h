// Runtime objects of the engine: a Store owns function, table, memory and
// global instances and the module instances that use them; a Thread
// executes calls. Everything reports failures as values.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"
#include "wasm/compiled.h"
#include "wasm/module.h"
#include "wasm/trap.h"

namespace nearrt::wasm {

class Instance;
class Thread;
class MemoryInstance;

inline constexpr uint64_t kPageSize = 65536;

// What a host function sees of its caller.
struct HostCall {
  Thread* thread;
  Instance* instance;      // the calling instance
  MemoryInstance* memory;  // its memory 0, or null
  void* env;               // the host function's registered environment
  // Remaining gas (metered modules): the host may read it and charge by
  // lowering it; returning with a trap ends execution.
  uint64_t gas_left;
};

// Arguments arrive in slots[0, params); results are written to
// slots[0, results). Returns TrapCode::None on success; any other code ends
// execution with that trap (HostError for the embedder's own errors).
using HostFunction = TrapCode (*)(HostCall& call, uint64_t* slots);

struct FuncInst {
  const FuncType* type = nullptr;
  uint32_t type_id = 0;
  Instance* instance = nullptr;           // wasm functions
  CompiledFunction* compiled = nullptr;   // wasm functions
  HostFunction host = nullptr;            // host functions
  void* host_env = nullptr;
  FuncType host_type;                     // storage for host function types
};

class MemoryInstance {
 public:
  // `max_pages_cap` bounds growth below the type's maximum (embedder limit).
  explicit MemoryInstance(const MemoryType& type, uint64_t max_pages_cap = 65536);
  ~MemoryInstance();
  MemoryInstance(const MemoryInstance&) = delete;
  MemoryInstance& operator=(const MemoryInstance&) = delete;

  // False if the allocation failed.
  bool ok() const { return data_ != nullptr || size_ == 0; }
  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  uint64_t size() const { return size_; }
  uint64_t pages() const { return size_ / kPageSize; }
  const MemoryType& type() const { return type_; }
  // memory.grow semantics: old size in pages, or -1 (as uint32) on failure.
  uint32_t Grow(uint64_t delta_pages);
  bool InBounds(uint64_t offset, uint64_t len) const { return offset <= size_ && len <= size_ - offset; }
  // Replaces size and contents (state snapshots for tools and tests).
  bool Restore(std::span<const uint8_t> bytes);

  // Dirty pages (64 KiB each) since the last Reset: the interpreter marks its
  // stores and bulk operations, instantiation its data segments; host code
  // writing through data() must call MarkDirty. Reset() clears exactly those
  // pages (plus a small tail for stores that cross a page end) and returns
  // the memory to `type`'s initial size, so a memory can serve call after
  // call without reallocating or re-faulting its pages.
  uint8_t* dirty_map() { return dirty_.data(); }
  void MarkDirty(uint64_t offset, uint64_t len) {
    if (len == 0) return;
    for (uint64_t p = offset / kPageSize; p <= (offset + len - 1) / kPageSize; ++p) dirty_[p] = 1;
  }
  // Resets to `type` (same maximum as now); false if impossible.
  bool Reset(const MemoryType& type);
  uint64_t max_pages() const { return max_pages_; }

 private:
  MemoryType type_;
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  uint64_t capacity_ = 0;  // allocated bytes (>= size_; the rest is zero)
  uint64_t max_pages_ = 0;
  std::vector<uint8_t> dirty_;  // one byte per page up to max_pages_ (+1 for tails)
};

struct TableInstance {
  TableType type;
  std::vector<uint64_t> elems;  // references: FuncInst* (funcref) or host values; 0 = null
  uint32_t Grow(uint64_t delta, uint64_t init);
};

struct GlobalInstance {
  GlobalType type;
  uint64_t value = 0;
};

struct ExternVal {
  ExternKind kind = ExternKind::Func;
  FuncInst* func = nullptr;
  TableInstance* table = nullptr;
  MemoryInstance* memory = nullptr;
  GlobalInstance* global = nullptr;
};

// A typed value at the API boundary.
struct Value {
  ValType type = ValType::I32;
  uint64_t bits = 0;
  static Value I32(uint32_t v) { return {ValType::I32, v}; }
  static Value I64(uint64_t v) { return {ValType::I64, v}; }
};

class Instance {
 public:
  const Module& module() const { return *module_; }
  const std::shared_ptr<const Module>& module_ptr() const { return module_; }
  // Export lookup; null if absent or of another kind.
  FuncInst* GetFunction(std::string_view name) const;
  MemoryInstance* GetMemory(std::string_view name) const;
  TableInstance* GetTable(std::string_view name) const;
  GlobalInstance* GetGlobal(std::string_view name) const;
  bool GetExport(std::string_view name, ExternVal* out) const;
  MemoryInstance* memory0() const { return memories_.empty() ? nullptr : memories_[0]; }

  // Mutable state reachable from this instance (memories, tables, globals,
  // dropped segments), for tools and tests that need to undo a call.
  struct State {
    std::vector<std::vector<uint8_t>> memories;
    std::vector<std::vector<uint64_t>> tables;
    std::vector<uint64_t> globals;
    std::vector<bool> dropped_elems, dropped_datas;
  };
  State SaveState() const;
  void RestoreState(const State& s);

 private:
  friend class Store;
  friend class Thread;
  friend struct Interp;
  std::shared_ptr<const Module> module_;
  std::vector<FuncInst*> funcs_;
  std::vector<TableInstance*> tables_;
  std::vector<MemoryInstance*> memories_;
  std::vector<GlobalInstance*> globals_;
  std::vector<uint64_t*> global_values_;  // &globals_[i]->value
  std::vector<std::vector<uint64_t>> elem_values_;  // evaluated element segment items
  std::vector<bool> dropped_elems_;
  std::vector<bool> dropped_datas_;
};

// Limits of one execution thread.
struct ThreadLimits {
  uint32_t max_frames = 16384;              // wasm call depth
  uint64_t value_stack_slots = 1u << 20;    // 8 MiB of 64-bit slots
};

struct ExecResult {
  TrapCode trap = TrapCode::None;
  // Metered modules: gas left after the call. On OutOfGas: the gas left
  // before the failing charge and the charge that failed (the way
  // finite-wasm's instrumentation attempts it).
  uint64_t gas_left = 0;
  uint64_t oog_attempted = 0;
  bool ok() const { return trap == TrapCode::None; }
};

class Thread {
 public:
  explicit Thread(ThreadLimits limits = {});
  ~Thread();
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;

  // Metering state for the next Invoke.
  void set_gas(uint64_t gas) { gas_left_ = gas; }
  uint64_t gas() const { return gas_left_; }
  void set_stack_budget(uint64_t bytes) { stack_left_ = bytes; }

  // Calls `func` with `args` (raw bits); on success `results` receives the
  // raw result bits. A host function may be called directly.
  ExecResult Invoke(FuncInst* func, std::span<const uint64_t> args, std::vector<uint64_t>* results);

 private:
  friend struct Interp;
  friend class Store;
  ThreadLimits limits_;
  std::unique_ptr<uint64_t[]> slots_;
  struct Frame {
    const Word* ret_pc;
    uint64_t* fp;
    CompiledFunction* fn;
    Instance* inst;
  };
  std::unique_ptr<Frame[]> frames_;
  uint64_t gas_left_ = ~0ull;
  uint64_t stack_left_ = ~0ull;
  // Out-of-gas replay (see compiled.h).
  Word* fence_pos_ = nullptr;
  Word fence_saved_ = 0;
  uint64_t fence_gas_left_ = 0;
  uint64_t fence_attempted_ = 0;
  bool running_ = false;
};

// Recycles memory instances between stores (e.g. one NEAR call after
// another): a recycled memory keeps its allocation and mapped pages and only
// has its dirty pages cleared. Not thread-safe; use one pool per thread.
class MemoryPool {
 public:
  MemoryPool() = default;
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;
  // A reset memory of `type` with the given cap, or null if none is pooled.
  std::unique_ptr<MemoryInstance> Take(const MemoryType& type, uint64_t max_pages_cap);
  void Give(std::unique_ptr<MemoryInstance> m);
  size_t size() const { return free_.size(); }

 private:
  std::vector<std::unique_ptr<MemoryInstance>> free_;
};

class Store {
 public:
  // Memories defined by instantiation are taken from and returned to `pool`
  // if one is given.
  explicit Store(MemoryPool* pool = nullptr);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  FuncInst* AddHostFunction(const FuncType& type, HostFunction fn, void* env);
  MemoryInstance* AddMemory(const MemoryType& type, uint64_t max_pages_cap = 65536);
  // Like AddMemory, but from the pool when there is one.
  MemoryInstance* NewMemory(const MemoryType& type, uint64_t max_pages_cap);
  TableInstance* AddTable(const TableType& type, uint64_t init = 0);
  GlobalInstance* AddGlobal(const GlobalType& type, uint64_t value);

  struct InstantiateResult {
    Instance* instance = nullptr;  // non-null once linking succeeded (even if a trap followed)
    ExecResult exec;               // trap during segment initialization or the start function
  };
  // Links `imports` (one per module import, in order), initializes segments
  // and runs the start function on `thread`. Link errors (unknown or
  // incompatible imports) are returned as errors. `memory_override`, if set,
  // replaces the module's own memory definition (nearcore defines a fresh
  // memory whatever the contract declares).
  Result<InstantiateResult> Instantiate(std::shared_ptr<const Module> module, std::span<const ExternVal> imports,
                                        Thread& thread, const MemoryType* memory_override = nullptr);

 private:
  std::deque<FuncInst> funcs_;
  MemoryPool* pool_ = nullptr;
  std::deque<std::unique_ptr<MemoryInstance>> memories_;
  std::deque<TableInstance> tables_;
  std::deque<GlobalInstance> globals_;
  std::deque<Instance> instances_;
};

}  // namespace nearrt::wasm
