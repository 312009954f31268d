#include "wasm/module.h"

#include <algorithm>
#include <set>

#include "wasm/compiled.h"
#include "wasm/instr.h"
#include "wasm/module_decoder.h"

namespace nearrt::wasm {

const char* ValTypeName(ValType t) {
  switch (t) {
    case ValType::I32: return "i32";
    case ValType::I64: return "i64";
    case ValType::F32: return "f32";
    case ValType::F64: return "f64";
    case ValType::V128: return "v128";
    case ValType::FuncRef: return "funcref";
    case ValType::ExternRef: return "externref";
  }
  return "?";
}

std::string FuncTypeToString(const FuncType& t) {
  std::string s = "[";
  for (size_t i = 0; i < t.params.size(); ++i) s += (i ? " " : "") + std::string(ValTypeName(t.params[i]));
  s += "] -> [";
  for (size_t i = 0; i < t.results.size(); ++i) s += (i ? " " : "") + std::string(ValTypeName(t.results[i]));
  return s + "]";
}

const char* ExternKindName(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return "function";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
  }
  return "?";
}

Module::~Module() = default;

const Export* Module::FindExport(std::string_view name) const {
  for (const auto& e : exports_)
    if (e.name == name) return &e;
  return nullptr;
}

CompiledFunction* Module::compiled_record(uint32_t defined_index) const {
  return &compiled_[defined_index];
}

Result<CompiledFunction*> Module::GetCompiled(uint32_t defined_index) const {
  CompiledFunction* cf = &compiled_[defined_index];
  if (cf->code) return cf;
  Status st = TranslateFunction(*this, defined_index, cf);
  if (!st.ok()) {
    cf->code_storage.clear();
    cf->gas_points.clear();
    cf->segments.clear();
    cf->cells.clear();
    return Err(std::move(st).error());
  }
  return cf;
}

Result<std::shared_ptr<Module>> Module::Decode(std::span<const uint8_t> bytes,
                                               const ModuleConfig& config, size_t* error_offset) {
  std::shared_ptr<Module> m(new Module());
  m->config_ = config;
  m->bytes_.assign(bytes.begin(), bytes.end());
  ModuleDecoder decoder(m.get());
  Status st = decoder.Decode();
  if (!st.ok()) {
    if (error_offset) *error_offset = decoder.error_offset();
    return Err(std::move(st).error());
  }
  m->type_ids_.reserve(m->types_.size());
  for (const FuncType& t : m->types_) m->type_ids_.push_back(CanonicalTypeId(t));
  m->compiled_.reset(new CompiledFunction[m->bodies_.size()]);
  for (size_t i = 0; i < m->bodies_.size(); ++i) {
    m->compiled_[i].module = m.get();
    m->compiled_[i].defined_index = uint32_t(i);
    const FuncType& ft = m->types_[m->bodies_[i].type_index];
    m->compiled_[i].num_params = uint32_t(ft.params.size());
    m->compiled_[i].num_results = uint32_t(ft.results.size());
  }
  if (config.eager_translation) {
    for (uint32_t i = 0; i < m->bodies_.size(); ++i) NEARRT_TRY(m->GetCompiled(i));
  }
  return m;
}

// ---------------------------------------------------------------------------
// ModuleDecoder

Status ModuleDecoder::Fail(size_t offset, const std::string& msg) {
  error_offset_ = offset;
  return Err("at byte " + std::to_string(offset) + ": " + msg);
}

namespace {
// Section ids in their required order (data count sits before code).
int SectionOrder(uint8_t id) {
  switch (id) {
    case 1: return 1;   // type
    case 2: return 2;   // import
    case 3: return 3;   // function
    case 4: return 4;   // table
    case 5: return 5;   // memory
    case 6: return 6;   // global
    case 7: return 7;   // export
    case 8: return 8;   // start
    case 9: return 9;   // element
    case 12: return 10; // data count
    case 10: return 11; // code
    case 11: return 12; // data
    default: return -1;
  }
}
}  // namespace

Status ModuleDecoder::Decode() {
  const auto& bytes = m_->bytes_;
  BinaryReader r(bytes.data(), bytes.size());
  uint32_t magic, version;
  if (!r.ReadFixed32(&magic) || magic != 0x6d736100) return Fail(0, "magic header not detected");
  if (!r.ReadFixed32(&version) || version != 1) return Fail(4, "unknown binary version");

  int last_order = 0;
  bool saw_code = false, saw_function = false;
  while (!r.AtEnd()) {
    size_t section_start = r.Offset();
    uint8_t id;
    uint32_t size;
    if (!r.ReadU8(&id)) return Fail(section_start, "unexpected end");
    if (!r.ReadU32(&size)) return Fail(section_start, "malformed section size");
    if (size > r.Remaining()) return Fail(section_start, "section size out of bounds (unexpected end)");
    BinaryReader sr(r.Pos(), size, r.Offset());
    r.Skip(size);
    if (id == 0) {
      // Custom section: a valid name, content ignored.
      std::string name;
      bool bad_utf8;
      if (!sr.ReadName(&name, &bad_utf8))
        return Fail(section_start, bad_utf8 ? "malformed UTF-8 encoding" : "unexpected end in custom section name");
      m_->num_custom_sections_++;
      continue;
    }
    int order = SectionOrder(id);
    if (order < 0) return Fail(section_start, "malformed section id " + std::to_string(id));
    if (order <= last_order) return Fail(section_start, "unexpected content after last section (section out of order or duplicated)");
    last_order = order;
    Status st;
    switch (id) {
      case 1: st = DecodeTypes(sr); break;
      case 2: st = DecodeImports(sr); break;
      case 3: st = DecodeFunctions(sr); saw_function = true; break;
      case 4: st = DecodeTables(sr); break;
      case 5: st = DecodeMemories(sr); break;
      case 6: st = DecodeGlobals(sr); break;
      case 7: st = DecodeExports(sr); break;
      case 8: st = DecodeStart(sr); break;
      case 9: st = DecodeElems(sr); break;
      case 12: st = DecodeDataCount(sr); break;
      case 10: st = DecodeCode(sr); saw_code = true; break;
      case 11: st = DecodeData(sr); break;
    }
    NEARRT_TRY(st);
    if (!sr.AtEnd()) return Fail(sr.Offset(), "section size mismatch");
  }
  (void)saw_function;
  if (!saw_code && declared_funcs_ != 0)
    return Fail(bytes.size(), "function and code section have inconsistent lengths");
  if (has_data_count_ && data_count_ != m_->datas_.size())
    return Fail(bytes.size(), "data count and data section have inconsistent lengths");
  return OkStatus();
}

Status ModuleDecoder::DecodeTypes(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed type section");
  if (n > kMaxTypes) return Fail(r.Offset(), "too many types");
  if (n > r.Remaining()) return Fail(r.Offset(), "unexpected end");
  const Features& f = m_->config_.features;
  m_->types_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint8_t form;
    if (!r.ReadU8(&form)) return Fail(r.Offset(), "unexpected end");
    if (form != 0x60) return Fail(r.Offset() - 1, "integer representation too long (malformed functype)");
    FuncType t;
    for (int part = 0; part < 2; ++part) {
      uint32_t count;
      if (!r.ReadU32(&count)) return Fail(r.Offset(), "unexpected end");
      uint32_t limit = part == 0 ? kMaxFunctionParams : kMaxFunctionResults;
      if (count > limit) return Fail(r.Offset(), part == 0 ? "too many params" : "too many results");
      if (count > r.Remaining()) return Fail(r.Offset(), "unexpected end");
      auto& vec = part == 0 ? t.params : t.results;
      vec.resize(count);
      for (uint32_t k = 0; k < count; ++k)
        if (!ReadValType(r, f, &vec[k])) return Fail(r.Offset(), "malformed value type");
    }
    if (t.results.size() > 1 && !f.multi_value)
      return Fail(r.Offset(), "invalid result arity (multi-value is disabled)");
    m_->types_.push_back(std::move(t));
  }
  return OkStatus();
}

Status ModuleDecoder::ReadLimits(BinaryReader& r, Limits* out, uint64_t max_allowed, const char* what) {
  uint8_t flags;
  if (!r.ReadU8(&flags)) return Fail(r.Offset(), "unexpected end");
  if (flags > 1) return Fail(r.Offset() - 1, "integer too large (malformed limits flags)");
  uint32_t min, max = 0;
  if (!r.ReadU32(&min)) return Fail(r.Offset(), "malformed limits minimum");
  if (flags == 1 && !r.ReadU32(&max)) return Fail(r.Offset(), "malformed limits maximum");
  out->min = min;
  out->has_max = flags == 1;
  out->max = max;
  if (min > max_allowed || (out->has_max && max > max_allowed))
    return Fail(r.Offset(), std::string(what) + " size must be at most " + std::to_string(max_allowed));
  if (out->has_max && min > max) return Fail(r.Offset(), "size minimum must not be greater than maximum");
  return OkStatus();
}

Status ModuleDecoder::ReadTableType(BinaryReader& r, TableType* out) {
  ValType t;
  size_t at = r.Offset();
  if (!ReadValType(r, m_->config_.features, &t) || !IsRefType(t))
    return Fail(at, "malformed reference type");
  out->elem = t;
  return ReadLimits(r, &out->limits, 0xFFFFFFFFull, "table");
}

Status ModuleDecoder::DecodeImports(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed import section");
  if (n > kMaxImports) return Fail(r.Offset(), "too many imports");
  if (n > r.Remaining()) return Fail(r.Offset(), "unexpected end");
  const Features& f = m_->config_.features;
  for (uint32_t i = 0; i < n; ++i) {
    Import imp;
    bool bad_utf8;
    if (!r.ReadName(&imp.module, &bad_utf8) || !r.ReadName(&imp.name, &bad_utf8))
      return Fail(r.Offset(), bad_utf8 ? "malformed UTF-8 encoding" : "unexpected end");
    uint8_t kind;
    if (!r.ReadU8(&kind)) return Fail(r.Offset(), "unexpected end");
    switch (kind) {
      case 0:
        imp.kind = ExternKind::Func;
        if (!r.ReadU32(&imp.func_type)) return Fail(r.Offset(), "unexpected end");
        if (imp.func_type >= m_->types_.size()) return Fail(r.Offset(), "unknown type " + std::to_string(imp.func_type));
        m_->func_types_.push_back(imp.func_type);
        m_->num_imported_funcs_++;
        if (m_->func_types_.size() > kMaxFunctions) return Fail(r.Offset(), "too many functions");
        break;
      case 1:
        imp.kind = ExternKind::Table;
        NEARRT_TRY(ReadTableType(r, &imp.table));
        m_->tables_.push_back(imp.table);
        m_->num_imported_tables_++;
        if (m_->tables_.size() > 1 && !f.reference_types) return Fail(r.Offset(), "multiple tables");
        break;
      case 2:
        imp.kind = ExternKind::Memory;
        NEARRT_TRY(ReadLimits(r, &imp.memory.limits, kMaxMemoryPages, "memory"));
        m_->memories_.push_back(imp.memory);
        m_->num_imported_memories_++;
        if (m_->memories_.size() > 1) return Fail(r.Offset(), "multiple memories");
        break;
      case 3: {
        imp.kind = ExternKind::Global;
        if (!ReadValType(r, f, &imp.global.type)) return Fail(r.Offset(), "malformed value type");
        uint8_t mut;
        if (!r.ReadU8(&mut)) return Fail(r.Offset(), "unexpected end");
        if (mut > 1) return Fail(r.Offset() - 1, "malformed mutability");
        imp.global.is_mutable = mut == 1;
        if (imp.global.is_mutable && !f.mutable_global)
          return Fail(r.Offset(), "mutable global import requires mutable-global");
        Global g;
        g.type = imp.global;
        m_->globals_.push_back(g);
        m_->num_imported_globals_++;
        break;
      }
      default:
        return Fail(r.Offset() - 1, "malformed import kind");
    }
    m_->imports_.push_back(std::move(imp));
  }
  return OkStatus();
}

Status ModuleDecoder::DecodeFunctions(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed function section");
  if (n > kMaxFunctions || m_->func_types_.size() + n > kMaxFunctions)
    return Fail(r.Offset(), "too many functions");
  if (n > r.Remaining()) return Fail(r.Offset(), "unexpected end");
  declared_funcs_ = n;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t t;
    if (!r.ReadU32(&t)) return Fail(r.Offset(), "unexpected end");
    if (t >= m_->types_.size()) return Fail(r.Offset(), "unknown type " + std::to_string(t));
    m_->func_types_.push_back(t);
  }
  return OkStatus();
}

Status ModuleDecoder::DecodeTables(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed table section");
  if (n > kMaxTables || m_->tables_.size() + n > kMaxTables) return Fail(r.Offset(), "too many tables");
  for (uint32_t i = 0; i < n; ++i) {
    TableType t;
    NEARRT_TRY(ReadTableType(r, &t));
    m_->tables_.push_back(t);
  }
  if (m_->tables_.size() > 1 && !m_->config_.features.reference_types)
    return Fail(r.Offset(), "multiple tables");
  return OkStatus();
}

Status ModuleDecoder::DecodeMemories(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed memory section");
  if (n > 1 || m_->memories_.size() + n > 1) return Fail(r.Offset(), "multiple memories");
  for (uint32_t i = 0; i < n; ++i) {
    MemoryType t;
    NEARRT_TRY(ReadLimits(r, &t.limits, kMaxMemoryPages, "memory"));
    m_->memories_.push_back(t);
  }
  return OkStatus();
}

Status ModuleDecoder::ReadConstExpr(BinaryReader& r, ValType expected, ConstExpr* out) {
  const Features& f = m_->config_.features;
  Instr in;
  std::vector<uint32_t> targets;
  std::string err;
  size_t at = r.Offset();
  if (!ReadInstr(r, f, &in, &targets, &err)) return Fail(at, err.empty() ? "unexpected end" : err);
  ValType type;
  switch (in.op) {
    case Op::I32Const: out->kind = ConstExpr::Kind::I32; out->bits = in.imm; type = ValType::I32; break;
    case Op::I64Const: out->kind = ConstExpr::Kind::I64; out->bits = in.imm; type = ValType::I64; break;
    case Op::F32Const: out->kind = ConstExpr::Kind::F32; out->bits = in.imm; type = ValType::F32; break;
    case Op::F64Const: out->kind = ConstExpr::Kind::F64; out->bits = in.imm; type = ValType::F64; break;
    case Op::RefNull:
      out->kind = ConstExpr::Kind::RefNull;
      out->bits = in.imm;
      type = ValType(in.imm);
      break;
    case Op::RefFunc:
      if (in.a >= m_->func_types_.size()) return Fail(at, "unknown function " + std::to_string(in.a));
      out->kind = ConstExpr::Kind::RefFunc;
      out->index = in.a;
      type = ValType::FuncRef;
      if (refs_.size() < m_->func_types_.size()) refs_.resize(m_->func_types_.size());
      refs_[in.a] = true;
      break;
    case Op::GlobalGet:
      // Constant expressions may only read imported, immutable globals.
      if (in.a >= m_->num_imported_globals_) return Fail(at, "unknown global " + std::to_string(in.a));
      if (m_->globals_[in.a].type.is_mutable) return Fail(at, "constant expression required");
      out->kind = ConstExpr::Kind::GlobalGet;
      out->index = in.a;
      type = m_->globals_[in.a].type.type;
      break;
    case Op::End:
      return Fail(at, "type mismatch (empty constant expression)");
    default:
      return Fail(at, "constant expression required");
  }
  at = r.Offset();
  if (!ReadInstr(r, f, &in, &targets, &err)) return Fail(at, err.empty() ? "unexpected end" : err);
  if (in.op != Op::End) {
    // A second instruction: a non-constant one is "constant expression
    // required"; a constant one leaves two values ("type mismatch").
    return Fail(at, "type mismatch (constant expression must be a single instruction)");
  }
  if (type != expected) return Fail(at, "type mismatch in constant expression");
  return OkStatus();
}

Status ModuleDecoder::DecodeGlobals(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed global section");
  if (n > kMaxGlobals || m_->globals_.size() + n > kMaxGlobals) return Fail(r.Offset(), "too many globals");
  if (n > r.Remaining()) return Fail(r.Offset(), "unexpected end");
  const Features& f = m_->config_.features;
  for (uint32_t i = 0; i < n; ++i) {
    Global g;
    if (!ReadValType(r, f, &g.type.type)) return Fail(r.Offset(), "malformed value type");
    uint8_t mut;
    if (!r.ReadU8(&mut)) return Fail(r.Offset(), "unexpected end");
    if (mut > 1) return Fail(r.Offset() - 1, "malformed mutability");
    g.type.is_mutable = mut == 1;
    NEARRT_TRY(ReadConstExpr(r, g.type.type, &g.init));
    m_->globals_.push_back(g);
  }
  return OkStatus();
}

Status ModuleDecoder::DecodeExports(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed export section");
  if (n > kMaxExports) return Fail(r.Offset(), "too many exports");
  if (n > r.Remaining()) return Fail(r.Offset(), "unexpected end");
  std::set<std::string> names;
  for (uint32_t i = 0; i < n; ++i) {
    Export e;
    bool bad_utf8;
    if (!r.ReadName(&e.name, &bad_utf8)) return Fail(r.Offset(), bad_utf8 ? "malformed UTF-8 encoding" : "unexpected end");
    uint8_t kind;
    if (!r.ReadU8(&kind)) return Fail(r.Offset(), "unexpected end");
    if (kind > 3) return Fail(r.Offset() - 1, "malformed export kind");
    e.kind = ExternKind(kind);
    if (!r.ReadU32(&e.index)) return Fail(r.Offset(), "unexpected end");
    size_t limit = 0;
    switch (e.kind) {
      case ExternKind::Func: limit = m_->func_types_.size(); break;
      case ExternKind::Table: limit = m_->tables_.size(); break;
      case ExternKind::Memory: limit = m_->memories_.size(); break;
      case ExternKind::Global: limit = m_->globals_.size(); break;
    }
    if (e.index >= limit)
      return Fail(r.Offset(), std::string("unknown ") + ExternKindName(e.kind) + " " + std::to_string(e.index));
    if (e.kind == ExternKind::Global && m_->globals_[e.index].type.is_mutable && !m_->config_.features.mutable_global)
      return Fail(r.Offset(), "mutable global export requires mutable-global");
    if (e.kind == ExternKind::Func) {
      if (refs_.size() < m_->func_types_.size()) refs_.resize(m_->func_types_.size());
      refs_[e.index] = true;
    }
    if (!names.insert(e.name).second) return Fail(r.Offset(), "duplicate export name");
    m_->exports_.push_back(std::move(e));
  }
  return OkStatus();
}

Status ModuleDecoder::DecodeStart(BinaryReader& r) {
  uint32_t idx;
  if (!r.ReadU32(&idx)) return Fail(r.Offset(), "malformed start section");
  if (idx >= m_->func_types_.size()) return Fail(r.Offset(), "unknown function " + std::to_string(idx));
  const FuncType& t = m_->types_[m_->func_types_[idx]];
  if (!t.params.empty() || !t.results.empty()) return Fail(r.Offset(), "start function must have type [] -> []");
  m_->has_start_ = true;
  m_->start_ = idx;
  return OkStatus();
}

Status ModuleDecoder::DecodeElems(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed element section");
  if (n > kMaxElemSegments) return Fail(r.Offset(), "too many element segments");
  if (n > r.Remaining()) return Fail(r.Offset(), "unexpected end");
  const Features& f = m_->config_.features;
  if (refs_.size() < m_->func_types_.size()) refs_.resize(m_->func_types_.size());
  for (uint32_t i = 0; i < n; ++i) {
    size_t at = r.Offset();
    uint32_t flags;
    if (!r.ReadU32(&flags)) return Fail(at, "unexpected end");
    if (flags > 7) return Fail(at, "malformed elements segment kind");
    if (flags != 0 && !f.bulk_memory && !f.reference_types) return Fail(at, "malformed elements segment kind");
    ElemSegment seg;
    bool passive_or_declarative = flags & 1;
    bool explicit_table = flags & 2;
    bool uses_exprs = flags & 4;
    if (passive_or_declarative) {
      seg.mode = explicit_table ? SegmentMode::Declarative : SegmentMode::Passive;
    } else {
      seg.mode = SegmentMode::Active;
      if (explicit_table && !r.ReadU32(&seg.table)) return Fail(r.Offset(), "unexpected end");
      NEARRT_TRY(ReadConstExpr(r, ValType::I32, &seg.offset));
    }
    if (flags & 3) {  // has an elemkind / reftype byte
      if (uses_exprs) {
        ValType t;
        if (!ReadValType(r, f, &t) || !IsRefType(t)) return Fail(r.Offset(), "malformed reference type");
        seg.type = t;
      } else {
        uint8_t kind;
        if (!r.ReadU8(&kind)) return Fail(r.Offset(), "unexpected end");
        if (kind != 0x00) return Fail(r.Offset() - 1, "malformed element kind");
        seg.type = ValType::FuncRef;
      }
    }
    uint32_t count;
    if (!r.ReadU32(&count)) return Fail(r.Offset(), "unexpected end");
    if (count > r.Remaining()) return Fail(r.Offset(), "unexpected end");
    seg.items.resize(count);
    for (uint32_t k = 0; k < count; ++k) {
      if (uses_exprs) {
        NEARRT_TRY(ReadConstExpr(r, seg.type, &seg.items[k]));
      } else {
        uint32_t fi;
        if (!r.ReadU32(&fi)) return Fail(r.Offset(), "unexpected end");
        if (fi >= m_->func_types_.size()) return Fail(r.Offset(), "unknown function " + std::to_string(fi));
        seg.items[k].kind = ConstExpr::Kind::RefFunc;
        seg.items[k].index = fi;
        refs_[fi] = true;
      }
    }
    if (seg.mode == SegmentMode::Active) {
      if (seg.table >= m_->tables_.size()) return Fail(at, "unknown table " + std::to_string(seg.table));
      if (m_->tables_[seg.table].elem != seg.type) return Fail(at, "type mismatch (element segment type)");
    }
    m_->elems_.push_back(std::move(seg));
  }
  return OkStatus();
}

Status ModuleDecoder::DecodeDataCount(BinaryReader& r) {
  if (!r.ReadU32(&data_count_)) return Fail(r.Offset(), "malformed data count section");
  if (!m_->config_.features.bulk_memory) return Fail(r.Offset(), "data count section requires bulk memory");
  has_data_count_ = true;
  return OkStatus();
}

Status ModuleDecoder::DecodeCode(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed code section");
  if (n != declared_funcs_) return Fail(r.Offset(), "function and code section have inconsistent lengths");
  const Features& f = m_->config_.features;
  m_->bodies_.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t size;
    if (!r.ReadU32(&size)) return Fail(r.Offset(), "unexpected end");
    if (size > r.Remaining()) return Fail(r.Offset(), "unexpected end of section or function");
    FunctionBody& body = m_->bodies_[i];
    body.type_index = m_->func_types_[m_->num_imported_funcs_ + i];
    body.body_offset = uint32_t(r.Offset());
    body.body_end = uint32_t(r.Offset() + size);
    BinaryReader br(r.Pos(), size, r.Offset());
    r.Skip(size);
    uint32_t groups;
    if (!br.ReadU32(&groups)) return Fail(br.Offset(), "unexpected end");
    uint64_t total = 0;
    size_t num_params = m_->types_[body.type_index].params.size();
    for (uint32_t g = 0; g < groups; ++g) {
      uint32_t count;
      ValType t;
      if (!br.ReadU32(&count)) return Fail(br.Offset(), "unexpected end");
      total += count;
      if (total > 0xFFFFFFFFull) return Fail(br.Offset(), "too many locals");
      if (total + num_params > kMaxFunctionLocals) return Fail(br.Offset(), "too many locals");
      if (!ReadValType(br, f, &t)) return Fail(br.Offset(), "malformed value type");
      body.locals.insert(body.locals.end(), count, t);
    }
    body.code_offset = uint32_t(br.Offset());
    if (size == 0 || m_->bytes_[body.body_end - 1] != 0x0B)
      return Fail(body.body_end, "malformed function body (missing end)");
    // Validate as we go, so errors are reported in streaming order (as
    // wasmparser, nearcore's validator, does).
    if (refs_.size() < m_->func_types_.size()) refs_.resize(m_->func_types_.size());
    m_->infos_.resize(i + 1);
    Status st = ValidateFunctionBody(*m_, i, refs_, has_data_count_ ? int64_t(data_count_) : -1, &m_->infos_[i],
                                     &error_offset_);
    if (!st.ok()) return st;
  }
  return OkStatus();
}

Status ModuleDecoder::DecodeData(BinaryReader& r) {
  uint32_t n;
  if (!r.ReadU32(&n)) return Fail(r.Offset(), "malformed data section");
  if (n > kMaxDataSegments) return Fail(r.Offset(), "too many data segments");
  if (n > r.Remaining()) return Fail(r.Offset(), "unexpected end");
  for (uint32_t i = 0; i < n; ++i) {
    size_t at = r.Offset();
    uint32_t flags;
    if (!r.ReadU32(&flags)) return Fail(at, "unexpected end");
    DataSegment seg;
    if (flags == 0 || flags == 2) {
      seg.mode = SegmentMode::Active;
      if (flags == 2) {
        if (!m_->config_.features.bulk_memory) return Fail(at, "malformed data segment kind");
        if (!r.ReadU32(&seg.memory)) return Fail(r.Offset(), "unexpected end");
      }
      if (seg.memory >= m_->memories_.size()) return Fail(at, "unknown memory " + std::to_string(seg.memory));
      NEARRT_TRY(ReadConstExpr(r, ValType::I32, &seg.offset));
    } else if (flags == 1) {
      if (!m_->config_.features.bulk_memory) return Fail(at, "malformed data segment kind");
      seg.mode = SegmentMode::Passive;
    } else {
      return Fail(at, "malformed data segment kind");
    }
    uint32_t size;
    if (!r.ReadU32(&size)) return Fail(r.Offset(), "unexpected end");
    const uint8_t* p;
    seg.data_offset = uint32_t(r.Offset());
    if (!r.ReadBytes(size, &p)) return Fail(r.Offset(), "unexpected end of section or function");
    seg.data_size = size;
    m_->datas_.push_back(seg);
  }
  return OkStatus();
}

}  // namespace nearrt::wasm
