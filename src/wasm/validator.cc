// Function body validation (WebAssembly 2.0 spec, appendix "Validation
// Algorithm"), with the limits nearcore's wasmparser applies.
#include <string>
#include <vector>

#include "wasm/instr.h"
#include "wasm/module_decoder.h"

namespace nearrt::wasm {
namespace {

constexpr uint8_t kUnknown = 0;  // bottom type in unreachable code

struct Sig {
  const ValType* params = nullptr;
  uint32_t num_params = 0;
  const ValType* results = nullptr;
  uint32_t num_results = 0;
};

const ValType* SingleType(ValType t) {
  static const ValType kTypes[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64,
                                   ValType::V128, ValType::FuncRef, ValType::ExternRef};
  for (const auto& k : kTypes)
    if (k == t) return &k;
  return nullptr;
}

// Numeric/memory instruction signatures: up to two inputs, zero or one result.
struct SimpleSig {
  uint8_t in0 = 0, in1 = 0, out = 0;  // 0 = none
  uint8_t mem_bytes = 0;              // natural alignment for loads/stores
};

SimpleSig Simple(Op op) {
  constexpr uint8_t I = uint8_t(ValType::I32), L = uint8_t(ValType::I64),
                    F = uint8_t(ValType::F32), D = uint8_t(ValType::F64);
  auto s = [](uint8_t a, uint8_t b, uint8_t o, uint8_t m = 0) { return SimpleSig{a, b, o, m}; };
  uint32_t c = uint32_t(op);
  // Loads: address i32 -> value.
  switch (op) {
    case Op::I32Load: return s(I, 0, I, 4);
    case Op::I64Load: return s(I, 0, L, 8);
    case Op::F32Load: return s(I, 0, F, 4);
    case Op::F64Load: return s(I, 0, D, 8);
    case Op::I32Load8S: case Op::I32Load8U: return s(I, 0, I, 1);
    case Op::I32Load16S: case Op::I32Load16U: return s(I, 0, I, 2);
    case Op::I64Load8S: case Op::I64Load8U: return s(I, 0, L, 1);
    case Op::I64Load16S: case Op::I64Load16U: return s(I, 0, L, 2);
    case Op::I64Load32S: case Op::I64Load32U: return s(I, 0, L, 4);
    case Op::I32Store: return s(I, I, 0, 4);
    case Op::I64Store: return s(I, L, 0, 8);
    case Op::F32Store: return s(I, F, 0, 4);
    case Op::F64Store: return s(I, D, 0, 8);
    case Op::I32Store8: return s(I, I, 0, 1);
    case Op::I32Store16: return s(I, I, 0, 2);
    case Op::I64Store8: return s(I, L, 0, 1);
    case Op::I64Store16: return s(I, L, 0, 2);
    case Op::I64Store32: return s(I, L, 0, 4);
    default: break;
  }
  if (op == Op::I32Eqz) return s(I, 0, I);
  if (c >= 0x46 && c <= 0x4F) return s(I, I, I);
  if (op == Op::I64Eqz) return s(L, 0, I);
  if (c >= 0x51 && c <= 0x5A) return s(L, L, I);
  if (c >= 0x5B && c <= 0x60) return s(F, F, I);
  if (c >= 0x61 && c <= 0x66) return s(D, D, I);
  if (c >= 0x67 && c <= 0x69) return s(I, 0, I);
  if (c >= 0x6A && c <= 0x78) return s(I, I, I);
  if (c >= 0x79 && c <= 0x7B) return s(L, 0, L);
  if (c >= 0x7C && c <= 0x8A) return s(L, L, L);
  if (c >= 0x8B && c <= 0x91) return s(F, 0, F);
  if (c >= 0x92 && c <= 0x98) return s(F, F, F);
  if (c >= 0x99 && c <= 0x9F) return s(D, 0, D);
  if (c >= 0xA0 && c <= 0xA6) return s(D, D, D);
  switch (op) {
    case Op::I32WrapI64: return s(L, 0, I);
    case Op::I32TruncF32S: case Op::I32TruncF32U: return s(F, 0, I);
    case Op::I32TruncF64S: case Op::I32TruncF64U: return s(D, 0, I);
    case Op::I64ExtendI32S: case Op::I64ExtendI32U: return s(I, 0, L);
    case Op::I64TruncF32S: case Op::I64TruncF32U: return s(F, 0, L);
    case Op::I64TruncF64S: case Op::I64TruncF64U: return s(D, 0, L);
    case Op::F32ConvertI32S: case Op::F32ConvertI32U: return s(I, 0, F);
    case Op::F32ConvertI64S: case Op::F32ConvertI64U: return s(L, 0, F);
    case Op::F32DemoteF64: return s(D, 0, F);
    case Op::F64ConvertI32S: case Op::F64ConvertI32U: return s(I, 0, D);
    case Op::F64ConvertI64S: case Op::F64ConvertI64U: return s(L, 0, D);
    case Op::F64PromoteF32: return s(F, 0, D);
    case Op::I32ReinterpretF32: return s(F, 0, I);
    case Op::I64ReinterpretF64: return s(D, 0, L);
    case Op::F32ReinterpretI32: return s(I, 0, F);
    case Op::F64ReinterpretI64: return s(L, 0, D);
    case Op::I32Extend8S: case Op::I32Extend16S: return s(I, 0, I);
    case Op::I64Extend8S: case Op::I64Extend16S: case Op::I64Extend32S: return s(L, 0, L);
    case Op::I32TruncSatF32S: case Op::I32TruncSatF32U: return s(F, 0, I);
    case Op::I32TruncSatF64S: case Op::I32TruncSatF64U: return s(D, 0, I);
    case Op::I64TruncSatF32S: case Op::I64TruncSatF32U: return s(F, 0, L);
    case Op::I64TruncSatF64S: case Op::I64TruncSatF64U: return s(D, 0, L);
    default: return s(0, 0, 0);
  }
}

class FunctionValidator {
 public:
  FunctionValidator(const Module& m, uint32_t idx, const std::vector<bool>& refs, int64_t num_datas)
      : m_(m), idx_(idx), refs_(refs), has_data_count_(num_datas >= 0), num_datas_(num_datas) {}
  size_t offset() const { return offset_; }

  Status Run(FunctionInfo* info);

 private:
  struct Ctrl {
    Op op;
    Sig sig;
    uint32_t height;
    bool unreachable;
  };

  Status Fail(const std::string& msg) {
    return Err("at byte " + std::to_string(offset_) + ": " + msg + " (in function " +
               std::to_string(m_.num_imported_funcs() + idx_) + ")");
  }
  void Push(uint8_t t) {
    vals_.push_back(t);
    if (vals_.size() > max_height_) max_height_ = uint32_t(vals_.size());
  }
  bool Pop(uint8_t* out) {
    const Ctrl& c = ctrls_.back();
    if (vals_.size() == c.height) {
      if (c.unreachable) {
        *out = kUnknown;
        return true;
      }
      return false;
    }
    *out = vals_.back();
    vals_.pop_back();
    return true;
  }
  bool PopExpect(uint8_t expect) {
    uint8_t t;
    if (!Pop(&t)) return false;
    return t == expect || t == kUnknown || expect == kUnknown;
  }
  Status PopTypes(const ValType* types, uint32_t n) {
    for (uint32_t i = n; i-- > 0;)
      if (!PopExpect(uint8_t(types[i]))) return Fail("type mismatch");
    return OkStatus();
  }
  void PushTypes(const ValType* types, uint32_t n) {
    for (uint32_t i = 0; i < n; ++i) Push(uint8_t(types[i]));
  }
  void PushCtrl(Op op, const Sig& sig) {
    ctrls_.push_back(Ctrl{op, sig, uint32_t(vals_.size()), false});
    PushTypes(sig.params, sig.num_params);
  }
  Status PopCtrl(Ctrl* out) {
    if (ctrls_.empty()) return Fail("unexpected end");
    const Ctrl& c = ctrls_.back();
    NEARRT_TRY(PopTypes(c.sig.results, c.sig.num_results));
    if (vals_.size() != c.height) return Fail("type mismatch (values remaining on stack at end of block)");
    *out = c;
    ctrls_.pop_back();
    return OkStatus();
  }
  static void LabelTypes(const Ctrl& c, const ValType** types, uint32_t* n) {
    if (c.op == Op::Loop) {
      *types = c.sig.params;
      *n = c.sig.num_params;
    } else {
      *types = c.sig.results;
      *n = c.sig.num_results;
    }
  }
  void Unreachable() {
    vals_.resize(ctrls_.back().height);
    ctrls_.back().unreachable = true;
  }
  Status BlockSig(const BlockType& bt, Sig* out) {
    switch (bt.kind) {
      case BlockType::Kind::Empty: *out = Sig{}; return OkStatus();
      case BlockType::Kind::Value:
        *out = Sig{nullptr, 0, SingleType(bt.value), 1};
        return OkStatus();
      case BlockType::Kind::TypeIndex: {
        if (bt.type_index >= m_.types().size()) return Fail("unknown type " + std::to_string(bt.type_index));
        const FuncType& ft = m_.types()[bt.type_index];
        *out = Sig{ft.params.data(), uint32_t(ft.params.size()), ft.results.data(), uint32_t(ft.results.size())};
        return OkStatus();
      }
    }
    return OkStatus();
  }
  Status CheckMemory() {
    if (m_.memories().empty()) return Fail("unknown memory 0");
    return OkStatus();
  }
  Status CheckTable(uint32_t t) {
    if (t >= m_.tables().size()) return Fail("unknown table " + std::to_string(t));
    return OkStatus();
  }
  Status Branch(uint32_t depth, const ValType** types, uint32_t* n) {
    if (depth >= ctrls_.size()) return Fail("unknown label " + std::to_string(depth));
    LabelTypes(ctrls_[ctrls_.size() - 1 - depth], types, n);
    return OkStatus();
  }
  Status Step(const Instr& in);

  const Module& m_;
  uint32_t idx_;
  const std::vector<bool>& refs_;
  bool has_data_count_;
  int64_t num_datas_;
  std::vector<ValType> locals_;
  std::vector<uint8_t> vals_;
  std::vector<Ctrl> ctrls_;
  std::vector<uint32_t> targets_;
  uint32_t max_height_ = 0;
  size_t offset_ = 0;
};

Status FunctionValidator::Run(FunctionInfo* info) {
  const FunctionBody& body = m_.bodies()[idx_];
  const FuncType& ft = m_.types()[body.type_index];
  locals_ = ft.params;
  locals_.insert(locals_.end(), body.locals.begin(), body.locals.end());
  Sig fsig{nullptr, 0, ft.results.data(), uint32_t(ft.results.size())};
  ctrls_.push_back(Ctrl{Op::Block, fsig, 0, false});
  const uint8_t* base = m_.bytes().data();
  BinaryReader r(base + body.code_offset, body.body_end - body.code_offset, body.code_offset);
  Instr in;
  std::string err;
  vals_.reserve(64);
  while (!ctrls_.empty()) {
    offset_ = r.Offset();
    if (r.AtEnd()) return Fail("unexpected end of function body (END opcode expected)");
    if (!ReadInstr(r, m_.config().features, &in, &targets_, &err)) return Fail(err);
    NEARRT_TRY(Step(in));
  }
  if (!r.AtEnd()) return Fail("operators remaining after end of function");
  info->max_stack_height = max_height_;
  return OkStatus();
}

Status FunctionValidator::Step(const Instr& in) {
  constexpr uint8_t I = uint8_t(ValType::I32), L = uint8_t(ValType::I64),
                    F = uint8_t(ValType::F32), D = uint8_t(ValType::F64);
  const ValType* types;
  uint32_t n;
  switch (in.op) {
    case Op::Unreachable:
      Unreachable();
      return OkStatus();
    case Op::Nop:
      return OkStatus();
    case Op::Block:
    case Op::Loop: {
      Sig sig;
      NEARRT_TRY(BlockSig(in.block, &sig));
      NEARRT_TRY(PopTypes(sig.params, sig.num_params));
      PushCtrl(in.op, sig);
      return OkStatus();
    }
    case Op::If: {
      Sig sig;
      NEARRT_TRY(BlockSig(in.block, &sig));
      if (!PopExpect(I)) return Fail("type mismatch (if condition)");
      NEARRT_TRY(PopTypes(sig.params, sig.num_params));
      PushCtrl(in.op, sig);
      return OkStatus();
    }
    case Op::Else: {
      if (ctrls_.back().op != Op::If) return Fail("else without matching if");
      Ctrl c;
      NEARRT_TRY(PopCtrl(&c));
      PushCtrl(Op::Else, c.sig);
      return OkStatus();
    }
    case Op::End: {
      Ctrl c;
      NEARRT_TRY(PopCtrl(&c));
      // An `if` without `else` must have matching params and results.
      if (c.op == Op::If) {
        bool same = c.sig.num_params == c.sig.num_results;
        for (uint32_t i = 0; same && i < c.sig.num_params; ++i) same = c.sig.params[i] == c.sig.results[i];
        if (!same) return Fail("type mismatch (if without else must have [t*] -> [t*])");
      }
      if (!ctrls_.empty()) PushTypes(c.sig.results, c.sig.num_results);
      return OkStatus();
    }
    case Op::Br:
      NEARRT_TRY(Branch(in.a, &types, &n));
      NEARRT_TRY(PopTypes(types, n));
      Unreachable();
      return OkStatus();
    case Op::BrIf:
      NEARRT_TRY(Branch(in.a, &types, &n));
      if (!PopExpect(I)) return Fail("type mismatch (br_if condition)");
      NEARRT_TRY(PopTypes(types, n));
      PushTypes(types, n);
      return OkStatus();
    case Op::BrTable: {
      if (!PopExpect(I)) return Fail("type mismatch (br_table index)");
      const ValType* dtypes;
      uint32_t dn;
      NEARRT_TRY(Branch(in.a, &dtypes, &dn));
      for (uint32_t t : targets_) {
        NEARRT_TRY(Branch(t, &types, &n));
        if (n != dn) return Fail("type mismatch (br_table arity)");
        // Each target must accept the operands: pop and re-push a copy.
        std::vector<uint8_t> saved = vals_;
        NEARRT_TRY(PopTypes(types, n));
        vals_ = std::move(saved);
      }
      NEARRT_TRY(PopTypes(dtypes, dn));
      Unreachable();
      return OkStatus();
    }
    case Op::Return: {
      const Ctrl& f = ctrls_.front();
      NEARRT_TRY(PopTypes(f.sig.results, f.sig.num_results));
      Unreachable();
      return OkStatus();
    }
    case Op::Call: {
      if (in.a >= m_.num_funcs()) return Fail("unknown function " + std::to_string(in.a));
      const FuncType& ft = m_.func_type(in.a);
      NEARRT_TRY(PopTypes(ft.params.data(), uint32_t(ft.params.size())));
      PushTypes(ft.results.data(), uint32_t(ft.results.size()));
      return OkStatus();
    }
    case Op::CallIndirect: {
      NEARRT_TRY(CheckTable(in.b));
      if (m_.tables()[in.b].elem != ValType::FuncRef) return Fail("type mismatch (call_indirect table must be funcref)");
      if (in.a >= m_.types().size()) return Fail("unknown type " + std::to_string(in.a));
      if (!PopExpect(I)) return Fail("type mismatch (call_indirect index)");
      const FuncType& ft = m_.types()[in.a];
      NEARRT_TRY(PopTypes(ft.params.data(), uint32_t(ft.params.size())));
      PushTypes(ft.results.data(), uint32_t(ft.results.size()));
      return OkStatus();
    }
    case Op::Drop: {
      uint8_t t;
      if (!Pop(&t)) return Fail("type mismatch (drop on empty stack)");
      return OkStatus();
    }
    case Op::Select: {
      if (!PopExpect(I)) return Fail("type mismatch (select condition)");
      uint8_t t1, t2;
      if (!Pop(&t1) || !Pop(&t2)) return Fail("type mismatch (select operands)");
      auto numeric = [](uint8_t t) { return t == I || t == L || t == F || t == D || t == kUnknown; };
      if (!numeric(t1) || !numeric(t2)) return Fail("type mismatch (untyped select needs numeric operands)");
      if (t1 != t2 && t1 != kUnknown && t2 != kUnknown) return Fail("type mismatch (select operands)");
      Push(t1 == kUnknown ? t2 : t1);
      return OkStatus();
    }
    case Op::SelectT: {
      uint8_t t = uint8_t(in.imm);
      if (!PopExpect(I) || !PopExpect(t) || !PopExpect(t)) return Fail("type mismatch (select)");
      Push(t);
      return OkStatus();
    }
    case Op::LocalGet:
      if (in.a >= locals_.size()) return Fail("unknown local " + std::to_string(in.a));
      Push(uint8_t(locals_[in.a]));
      return OkStatus();
    case Op::LocalSet:
      if (in.a >= locals_.size()) return Fail("unknown local " + std::to_string(in.a));
      if (!PopExpect(uint8_t(locals_[in.a]))) return Fail("type mismatch (local.set)");
      return OkStatus();
    case Op::LocalTee:
      if (in.a >= locals_.size()) return Fail("unknown local " + std::to_string(in.a));
      if (!PopExpect(uint8_t(locals_[in.a]))) return Fail("type mismatch (local.tee)");
      Push(uint8_t(locals_[in.a]));
      return OkStatus();
    case Op::GlobalGet:
      if (in.a >= m_.globals().size()) return Fail("unknown global " + std::to_string(in.a));
      Push(uint8_t(m_.globals()[in.a].type.type));
      return OkStatus();
    case Op::GlobalSet:
      if (in.a >= m_.globals().size()) return Fail("unknown global " + std::to_string(in.a));
      if (!m_.globals()[in.a].type.is_mutable) return Fail("global is immutable");
      if (!PopExpect(uint8_t(m_.globals()[in.a].type.type))) return Fail("type mismatch (global.set)");
      return OkStatus();
    case Op::TableGet:
      NEARRT_TRY(CheckTable(in.a));
      if (!PopExpect(I)) return Fail("type mismatch (table.get)");
      Push(uint8_t(m_.tables()[in.a].elem));
      return OkStatus();
    case Op::TableSet:
      NEARRT_TRY(CheckTable(in.a));
      if (!PopExpect(uint8_t(m_.tables()[in.a].elem)) || !PopExpect(I)) return Fail("type mismatch (table.set)");
      return OkStatus();
    case Op::MemorySize:
      NEARRT_TRY(CheckMemory());
      Push(I);
      return OkStatus();
    case Op::MemoryGrow:
      NEARRT_TRY(CheckMemory());
      if (!PopExpect(I)) return Fail("type mismatch (memory.grow)");
      Push(I);
      return OkStatus();
    case Op::I32Const: Push(I); return OkStatus();
    case Op::I64Const: Push(L); return OkStatus();
    case Op::F32Const: Push(F); return OkStatus();
    case Op::F64Const: Push(D); return OkStatus();
    case Op::RefNull:
      Push(uint8_t(in.imm));
      return OkStatus();
    case Op::RefIsNull: {
      uint8_t t;
      if (!Pop(&t)) return Fail("type mismatch (ref.is_null)");
      if (t != kUnknown && !IsRefType(ValType(t))) return Fail("type mismatch (ref.is_null needs a reference)");
      Push(I);
      return OkStatus();
    }
    case Op::RefFunc:
      if (in.a >= m_.num_funcs()) return Fail("unknown function " + std::to_string(in.a));
      if (!refs_[in.a]) return Fail("undeclared function reference");
      Push(uint8_t(ValType::FuncRef));
      return OkStatus();
    case Op::MemoryInit:
      NEARRT_TRY(CheckMemory());
      if (!has_data_count_) return Fail("data count section required");
      if (int64_t(in.a) >= num_datas_) return Fail("unknown data segment " + std::to_string(in.a));
      if (!PopExpect(I) || !PopExpect(I) || !PopExpect(I)) return Fail("type mismatch (memory.init)");
      return OkStatus();
    case Op::DataDrop:
      if (!has_data_count_) return Fail("data count section required");
      if (int64_t(in.a) >= num_datas_) return Fail("unknown data segment " + std::to_string(in.a));
      return OkStatus();
    case Op::MemoryCopy:
    case Op::MemoryFill:
      NEARRT_TRY(CheckMemory());
      if (!PopExpect(I) || !PopExpect(in.op == Op::MemoryFill ? I : I) || !PopExpect(I))
        return Fail("type mismatch (memory.copy/fill)");
      return OkStatus();
    case Op::TableInit: {
      NEARRT_TRY(CheckTable(in.b));
      if (in.a >= m_.elems().size()) return Fail("unknown elem segment " + std::to_string(in.a));
      if (m_.elems()[in.a].type != m_.tables()[in.b].elem) return Fail("type mismatch (table.init)");
      if (!PopExpect(I) || !PopExpect(I) || !PopExpect(I)) return Fail("type mismatch (table.init)");
      return OkStatus();
    }
    case Op::ElemDrop:
      if (in.a >= m_.elems().size()) return Fail("unknown elem segment " + std::to_string(in.a));
      return OkStatus();
    case Op::TableCopy:
      NEARRT_TRY(CheckTable(in.a));
      NEARRT_TRY(CheckTable(in.b));
      if (m_.tables()[in.a].elem != m_.tables()[in.b].elem) return Fail("type mismatch (table.copy)");
      if (!PopExpect(I) || !PopExpect(I) || !PopExpect(I)) return Fail("type mismatch (table.copy)");
      return OkStatus();
    case Op::TableGrow: {
      NEARRT_TRY(CheckTable(in.a));
      if (!PopExpect(I) || !PopExpect(uint8_t(m_.tables()[in.a].elem))) return Fail("type mismatch (table.grow)");
      Push(I);
      return OkStatus();
    }
    case Op::TableSize:
      NEARRT_TRY(CheckTable(in.a));
      Push(I);
      return OkStatus();
    case Op::TableFill:
      NEARRT_TRY(CheckTable(in.a));
      if (!PopExpect(I) || !PopExpect(uint8_t(m_.tables()[in.a].elem)) || !PopExpect(I))
        return Fail("type mismatch (table.fill)");
      return OkStatus();
    default:
      break;
  }
  SimpleSig s = Simple(in.op);
  if (s.mem_bytes) {
    NEARRT_TRY(CheckMemory());
    if (in.b >= 32 || (1u << in.b) > s.mem_bytes) return Fail("alignment must not be larger than natural");
  }
  if (s.in0 == 0 && s.out == 0) return Fail(std::string("unsupported instruction ") + OpName(in.op));
  if (s.in1 && !PopExpect(s.in1)) return Fail("type mismatch");
  if (s.in0 && !PopExpect(s.in0)) return Fail("type mismatch");
  if (s.out) Push(s.out);
  return OkStatus();
}

}  // namespace

Status ValidateFunctionBody(const Module& m, uint32_t defined_index, const std::vector<bool>& refs,
                            int64_t num_datas, FunctionInfo* info, size_t* error_offset) {
  FunctionValidator v(m, defined_index, refs, num_datas);
  Status st = v.Run(info);
  if (!st.ok() && error_offset) *error_offset = v.offset();
  return st;
}

}  // namespace nearrt::wasm
