#include "wasm/runtime.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "wasm/module_decoder.h"

namespace nearrt::wasm {

const char* TrapMessage(TrapCode code) {
  switch (code) {
    case TrapCode::None: return "no trap";
    case TrapCode::Unreachable: return "unreachable";
    case TrapCode::MemoryOutOfBounds: return "out of bounds memory access";
    case TrapCode::TableOutOfBounds: return "out of bounds table access";
    case TrapCode::IndirectCallToNull: return "uninitialized element";
    case TrapCode::BadSignature: return "indirect call type mismatch";
    case TrapCode::IntegerDivideByZero: return "integer divide by zero";
    case TrapCode::IntegerOverflow: return "integer overflow";
    case TrapCode::InvalidConversion: return "invalid conversion to integer";
    case TrapCode::CallStackExhausted: return "call stack exhausted";
    case TrapCode::OutOfGas: return "out of gas";
    case TrapCode::StackBudgetExhausted: return "stack budget exhausted";
    case TrapCode::HostError: return "host error";
    case TrapCode::Internal: return "internal engine error";
  }
  return "unknown trap";
}

// ---------------------------------------------------------------------------
// MemoryInstance

namespace {
// Natively, a bounded memory is allocated at its maximum at once: calloc of a
// large block maps fresh zero pages lazily, so growth costs nothing. (Under
// emcc calloc would clear the whole block, so memory grows by realloc.)
#if defined(__EMSCRIPTEN__)
constexpr uint64_t kReserveLimit = 0;
#else
constexpr uint64_t kReserveLimit = 1ull << 30;
#endif
}  // namespace

MemoryInstance::MemoryInstance(const MemoryType& type, uint64_t max_pages_cap) : type_(type) {
  max_pages_ = std::min<uint64_t>(type.limits.has_max ? type.limits.max : kMaxMemoryPages, max_pages_cap);
  size_ = type.limits.min * kPageSize;
  uint64_t reserve = max_pages_ * kPageSize;
  if (reserve > size_ && reserve <= kReserveLimit) {
    data_ = static_cast<uint8_t*>(std::calloc(reserve, 1));
    if (data_) capacity_ = reserve;
  }
  if (!data_ && size_) {
    data_ = static_cast<uint8_t*>(std::calloc(size_, 1));
    if (data_) capacity_ = size_;
  }
  dirty_.assign(size_t(max_pages_ + 1), 0);
}

bool MemoryInstance::Reset(const MemoryType& type) {
  uint64_t min_bytes = type.limits.min * kPageSize;
  uint64_t max = std::min<uint64_t>(type.limits.has_max ? type.limits.max : kMaxMemoryPages, max_pages_);
  if (min_bytes > capacity_ || type.limits.min > max) return false;
  const uint64_t kTail = 16;  // a store starting in a dirty page may end in the next
  for (uint64_t p = 0; p < dirty_.size(); ++p) {
    if (!dirty_[p]) continue;
    uint64_t begin = p * kPageSize;
    if (begin >= capacity_) break;
    uint64_t end = std::min(capacity_, begin + kPageSize + kTail);
    std::memset(data_ + begin, 0, size_t(end - begin));
    dirty_[p] = 0;
  }
  type_ = type;
  size_ = min_bytes;
  return true;
}

std::unique_ptr<MemoryInstance> MemoryPool::Take(const MemoryType& type, uint64_t max_pages_cap) {
  uint64_t max = std::min<uint64_t>(type.limits.has_max ? type.limits.max : kMaxMemoryPages, max_pages_cap);
  for (size_t i = 0; i < free_.size(); ++i) {
    if (free_[i]->max_pages() != max) continue;
    std::unique_ptr<MemoryInstance> m = std::move(free_[i]);
    free_.erase(free_.begin() + i);
    if (m->Reset(type)) return m;
  }
  return nullptr;
}

void MemoryPool::Give(std::unique_ptr<MemoryInstance> m) {
  if (!m || !m->ok()) return;
  if (free_.size() >= 4) free_.erase(free_.begin());
  free_.push_back(std::move(m));
}

MemoryInstance::~MemoryInstance() { std::free(data_); }

uint32_t MemoryInstance::Grow(uint64_t delta) {
  uint64_t old_pages = size_ / kPageSize;
  if (delta == 0) return uint32_t(old_pages);
  if (delta > max_pages_ || old_pages + delta > max_pages_) return 0xFFFFFFFFu;
  uint64_t new_size = (old_pages + delta) * kPageSize;
  if (new_size > SIZE_MAX) return 0xFFFFFFFFu;
  if (new_size <= capacity_) {  // reserved up front: already zero
    size_ = new_size;
    return uint32_t(old_pages);
  }
  // Grow the allocation geometrically (up to the maximum): contracts grow
  // their memory a page at a time, and a realloc that moves the block copies
  // it, so exact-size growth would copy O(pages^2) bytes.
  uint64_t new_capacity = std::max(new_size, std::min(2 * capacity_, max_pages_ * kPageSize));
  if (new_capacity > SIZE_MAX) new_capacity = new_size;
  auto* p = static_cast<uint8_t*>(std::realloc(data_, size_t(new_capacity)));
  if (!p && new_capacity > new_size) {
    new_capacity = new_size;
    p = static_cast<uint8_t*>(std::realloc(data_, size_t(new_capacity)));
  }
  if (!p) return 0xFFFFFFFFu;
  std::memset(p + size_, 0, size_t(new_capacity - size_));
  data_ = p;
  size_ = new_size;
  capacity_ = new_capacity;
  return uint32_t(old_pages);
}

bool MemoryInstance::Restore(std::span<const uint8_t> bytes) {
  MarkDirty(0, std::max<uint64_t>(size_, bytes.size()));
  if (bytes.size() > capacity_) {
    auto* p = static_cast<uint8_t*>(std::realloc(data_, bytes.size()));
    if (!p) return false;
    data_ = p;
    capacity_ = bytes.size();
  } else if (bytes.size() < size_) {
    std::memset(data_ + bytes.size(), 0, size_t(size_ - bytes.size()));  // keep the reserve zeroed
  }
  size_ = bytes.size();
  if (!bytes.empty()) std::memcpy(data_, bytes.data(), bytes.size());
  return true;
}

uint32_t TableInstance::Grow(uint64_t delta, uint64_t init) {
  uint64_t old = elems.size();
  uint64_t max = type.limits.has_max ? type.limits.max : 0xFFFFFFFFull;
  max = std::min<uint64_t>(max, kMaxTableEntries);
  if (delta > max || old + delta > max) return 0xFFFFFFFFu;
  elems.resize(size_t(old + delta), init);
  return uint32_t(old);
}

// ---------------------------------------------------------------------------
// Instance exports

bool Instance::GetExport(std::string_view name, ExternVal* out) const {
  const Export* e = module_->FindExport(name);
  if (!e) return false;
  out->kind = e->kind;
  switch (e->kind) {
    case ExternKind::Func: out->func = funcs_[e->index]; break;
    case ExternKind::Table: out->table = tables_[e->index]; break;
    case ExternKind::Memory: out->memory = memories_[e->index]; break;
    case ExternKind::Global: out->global = globals_[e->index]; break;
  }
  return true;
}

FuncInst* Instance::GetFunction(std::string_view name) const {
  ExternVal v;
  return GetExport(name, &v) && v.kind == ExternKind::Func ? v.func : nullptr;
}
MemoryInstance* Instance::GetMemory(std::string_view name) const {
  ExternVal v;
  return GetExport(name, &v) && v.kind == ExternKind::Memory ? v.memory : nullptr;
}
TableInstance* Instance::GetTable(std::string_view name) const {
  ExternVal v;
  return GetExport(name, &v) && v.kind == ExternKind::Table ? v.table : nullptr;
}
GlobalInstance* Instance::GetGlobal(std::string_view name) const {
  ExternVal v;
  return GetExport(name, &v) && v.kind == ExternKind::Global ? v.global : nullptr;
}

Instance::State Instance::SaveState() const {
  State s;
  for (const MemoryInstance* m : memories_) s.memories.emplace_back(m->data(), m->data() + m->size());
  for (const TableInstance* t : tables_) s.tables.push_back(t->elems);
  for (const GlobalInstance* g : globals_) s.globals.push_back(g->value);
  s.dropped_elems = dropped_elems_;
  s.dropped_datas = dropped_datas_;
  return s;
}

void Instance::RestoreState(const State& s) {
  for (size_t i = 0; i < memories_.size() && i < s.memories.size(); ++i) memories_[i]->Restore(s.memories[i]);
  for (size_t i = 0; i < tables_.size() && i < s.tables.size(); ++i) tables_[i]->elems = s.tables[i];
  for (size_t i = 0; i < globals_.size() && i < s.globals.size(); ++i) globals_[i]->value = s.globals[i];
  dropped_elems_ = s.dropped_elems;
  dropped_datas_ = s.dropped_datas;
}

// ---------------------------------------------------------------------------
// Store

Store::Store(MemoryPool* pool) : pool_(pool) {}

Store::~Store() {
  if (!pool_) return;
  for (auto& m : memories_) pool_->Give(std::move(m));
}

MemoryInstance* Store::NewMemory(const MemoryType& type, uint64_t max_pages_cap) {
  if (pool_) {
    if (auto m = pool_->Take(type, max_pages_cap)) {
      memories_.push_back(std::move(m));
      return memories_.back().get();
    }
  }
  return AddMemory(type, max_pages_cap);
}

FuncInst* Store::AddHostFunction(const FuncType& type, HostFunction fn, void* env) {
  FuncInst& f = funcs_.emplace_back();
  f.host_type = type;
  f.type = &f.host_type;
  f.type_id = CanonicalTypeId(type);
  f.host = fn;
  f.host_env = env;
  return &f;
}

MemoryInstance* Store::AddMemory(const MemoryType& type, uint64_t max_pages_cap) {
  memories_.push_back(std::make_unique<MemoryInstance>(type, max_pages_cap));
  return memories_.back().get();
}

TableInstance* Store::AddTable(const TableType& type, uint64_t init) {
  TableInstance& t = tables_.emplace_back();
  t.type = type;
  t.elems.assign(size_t(type.limits.min), init);
  return &t;
}

GlobalInstance* Store::AddGlobal(const GlobalType& type, uint64_t value) {
  GlobalInstance& g = globals_.emplace_back();
  g.type = type;
  g.value = value;
  return &g;
}

namespace {

bool LimitsMatch(const Limits& actual_declared, uint64_t actual_size, const Limits& expected) {
  if (actual_size < expected.min) return false;
  if (expected.has_max) {
    if (!actual_declared.has_max) return false;
    if (actual_declared.max > expected.max) return false;
  }
  return true;
}

uint64_t EvalConst(const ConstExpr& e, const std::vector<GlobalInstance*>& globals,
                   const std::vector<FuncInst*>& funcs) {
  switch (e.kind) {
    case ConstExpr::Kind::I32: case ConstExpr::Kind::F32: return uint32_t(e.bits);
    case ConstExpr::Kind::I64: case ConstExpr::Kind::F64: return e.bits;
    case ConstExpr::Kind::RefNull: return 0;
    case ConstExpr::Kind::RefFunc: return uint64_t(reinterpret_cast<uintptr_t>(funcs[e.index]));
    case ConstExpr::Kind::GlobalGet: return globals[e.index]->value;
  }
  return 0;
}

}  // namespace

Result<Store::InstantiateResult> Store::Instantiate(std::shared_ptr<const Module> module,
                                                    std::span<const ExternVal> imports, Thread& thread,
                                                    const MemoryType* memory_override) {
  const Module& m = *module;
  if (imports.size() != m.imports().size())
    return Err("expected " + std::to_string(m.imports().size()) + " imports, got " + std::to_string(imports.size()));
  // Link: check every import before creating anything.
  for (size_t i = 0; i < imports.size(); ++i) {
    const Import& imp = m.imports()[i];
    const ExternVal& v = imports[i];
    std::string what = "import \"" + imp.module + "\" \"" + imp.name + "\"";
    if (v.kind != imp.kind) return Err("incompatible import type for " + what);
    switch (imp.kind) {
      case ExternKind::Func:
        if (!v.func || *v.func->type != m.types()[imp.func_type]) return Err("incompatible import type for " + what);
        break;
      case ExternKind::Table:
        if (!v.table || v.table->type.elem != imp.table.elem ||
            !LimitsMatch(v.table->type.limits, v.table->elems.size(), imp.table.limits))
          return Err("incompatible import type for " + what);
        break;
      case ExternKind::Memory: {
        if (!v.memory) return Err("incompatible import type for " + what);
        Limits actual = v.memory->type().limits;
        if (!LimitsMatch(actual, v.memory->pages(), imp.memory.limits)) return Err("incompatible import type for " + what);
        break;
      }
      case ExternKind::Global:
        if (!v.global || v.global->type.type != imp.global.type || v.global->type.is_mutable != imp.global.is_mutable)
          return Err("incompatible import type for " + what);
        break;
    }
  }

  Instance& inst = instances_.emplace_back();
  inst.module_ = module;
  for (size_t i = 0; i < imports.size(); ++i) {
    const ExternVal& v = imports[i];
    switch (v.kind) {
      case ExternKind::Func: inst.funcs_.push_back(v.func); break;
      case ExternKind::Table: inst.tables_.push_back(v.table); break;
      case ExternKind::Memory: inst.memories_.push_back(v.memory); break;
      case ExternKind::Global: inst.globals_.push_back(v.global); break;
    }
  }
  for (uint32_t i = 0; i < m.bodies().size(); ++i) {
    FuncInst& f = funcs_.emplace_back();
    uint32_t ti = m.bodies()[i].type_index;
    f.type = &m.types()[ti];
    f.type_id = m.canonical_type_id(ti);
    f.instance = &inst;
    f.compiled = m.compiled_record(i);
    inst.funcs_.push_back(&f);
  }
  for (size_t i = m.num_imported_tables(); i < m.tables().size(); ++i) inst.tables_.push_back(AddTable(m.tables()[i]));
  if (memory_override) {
    inst.memories_.clear();
    inst.memories_.push_back(NewMemory(*memory_override, m.config().max_memory_pages));
  } else {
    for (size_t i = m.num_imported_memories(); i < m.memories().size(); ++i)
      inst.memories_.push_back(NewMemory(m.memories()[i], m.config().max_memory_pages));
  }
  for (MemoryInstance* mem : inst.memories_)
    if (!mem->ok()) return Err("cannot allocate memory of " + std::to_string(mem->size()) + " bytes");
  for (size_t i = m.num_imported_globals(); i < m.globals().size(); ++i) {
    const Global& g = m.globals()[i];
    inst.globals_.push_back(AddGlobal(g.type, EvalConst(g.init, inst.globals_, inst.funcs_)));
  }
  for (GlobalInstance* g : inst.globals_) inst.global_values_.push_back(&g->value);
  inst.elem_values_.resize(m.elems().size());
  for (size_t i = 0; i < m.elems().size(); ++i) {
    const ElemSegment& seg = m.elems()[i];
    auto& vals = inst.elem_values_[i];
    vals.reserve(seg.items.size());
    for (const ConstExpr& e : seg.items) vals.push_back(EvalConst(e, inst.globals_, inst.funcs_));
  }
  inst.dropped_elems_.assign(m.elems().size(), false);
  inst.dropped_datas_.assign(m.datas().size(), false);

  InstantiateResult result;
  result.instance = &inst;
  // Active element segments, then data segments, in order; a failing one
  // traps with the earlier ones' effects kept.
  for (size_t i = 0; i < m.elems().size(); ++i) {
    const ElemSegment& seg = m.elems()[i];
    if (seg.mode == SegmentMode::Active) {
      uint32_t off = uint32_t(EvalConst(seg.offset, inst.globals_, inst.funcs_));
      TableInstance* t = inst.tables_[seg.table];
      const auto& vals = inst.elem_values_[i];
      if (uint64_t(off) + vals.size() > t->elems.size()) {
        result.exec.trap = TrapCode::TableOutOfBounds;
        return result;
      }
      std::copy(vals.begin(), vals.end(), t->elems.begin() + off);
    }
    if (seg.mode != SegmentMode::Passive) inst.dropped_elems_[i] = true;
  }
  for (size_t i = 0; i < m.datas().size(); ++i) {
    const DataSegment& seg = m.datas()[i];
    if (seg.mode != SegmentMode::Active) continue;
    uint32_t off = uint32_t(EvalConst(seg.offset, inst.globals_, inst.funcs_));
    MemoryInstance* mem = inst.memories_[seg.memory];
    if (!mem->InBounds(off, seg.data_size)) {
      result.exec.trap = TrapCode::MemoryOutOfBounds;
      return result;
    }
    if (seg.data_size) {
      std::memcpy(mem->data() + off, m.bytes().data() + seg.data_offset, seg.data_size);
      mem->MarkDirty(off, seg.data_size);
    }
    inst.dropped_datas_[i] = true;
  }
  if (m.has_start()) result.exec = thread.Invoke(inst.funcs_[m.start()], {}, nullptr);
  return result;
}

}  // namespace nearrt::wasm
