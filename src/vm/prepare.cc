#include "vm/prepare.h"

#include <algorithm>
#include <string>

#include "wasm/binary_reader.h"
#include "wasm/instr.h"

namespace nearrt::vm {

using wasm::BinaryReader;
using wasm::Instr;
using wasm::Op;
using wasm::ValType;

wasm::Features NearFeatures(const VMConfig& config) {
  wasm::Features f = wasm::Features::Near();
  f.bulk_memory = config.reftypes_bulk_memory;
  f.reference_types = config.reftypes_bulk_memory;
  return f;
}

namespace {

// A prepare error found at a byte offset of nearcore's streaming pass.
struct Found {
  size_t offset = SIZE_MAX;
  PrepareError error = PrepareError::Deserialization;
  void Take(size_t at, PrepareError e) {
    if (at < offset) {
      offset = at;
      error = e;
    }
  }
};

// Walks the sections like prepare_v3.rs PrepareContext::run and records the
// first limit violation with the offset at which nearcore would raise it
// (checks done before validating a section use its start, checks after use
// its end). Malformed input just stops the scan: the decoder reports it.
void ScanLimits(ByteView code, const LimitConfig& lim, Found* found) {
  BinaryReader r(code.data(), code.size());
  uint32_t magic, version;
  if (!r.ReadFixed32(&magic) || !r.ReadFixed32(&version)) return;
  uint64_t function_limit = lim.max_functions_number_per_contract.value_or(UINT64_MAX);
  uint64_t local_limit = lim.max_locals_per_contract.value_or(UINT64_MAX);
  uint64_t body_limit = lim.max_function_body_size.value_or(UINT64_MAX);
  uint64_t table_limit = lim.max_tables_per_contract.value_or(UINT32_MAX);
  uint64_t table_element_limit = lim.max_elements_per_contract_table.value_or(UINT64_MAX);
  uint64_t type_limit = lim.max_types_per_contract.value_or(UINT64_MAX);
  while (!r.AtEnd()) {
    uint8_t id;
    uint32_t size;
    if (!r.ReadU8(&id) || !r.ReadU32(&size) || size > r.Remaining()) return;
    size_t start = r.Offset();
    size_t end = start + size;
    BinaryReader s(r.Pos(), size, start);
    r.Skip(size);
    uint32_t count;
    switch (id) {
      case 1:  // types: limit checked before validation
        if (!s.ReadU32(&count)) return;
        if (count > type_limit) return found->Take(start, PrepareError::TooManyTypes);
        type_limit -= count;
        break;
      case 2: {  // imports: rules applied after validating the section
        if (!s.ReadU32(&count)) return;
        for (uint32_t i = 0; i < count; ++i) {
          std::string module, name;
          bool bad;
          uint8_t kind;
          if (!s.ReadName(&module, &bad) || !s.ReadName(&name, &bad) || !s.ReadU8(&kind)) return;
          if (module != "env") return found->Take(end, PrepareError::Instantiate);
          switch (kind) {
            case 0: {
              uint32_t t;
              if (!s.ReadU32(&t)) return;
              if (function_limit == 0) return found->Take(end, PrepareError::TooManyFunctions);
              function_limit--;
              break;
            }
            case 1:
            case 3:
              return found->Take(end, PrepareError::Instantiate);
            case 2:
              return found->Take(end, PrepareError::Memory);
            default:
              return found->Take(end, PrepareError::Deserialization);
          }
        }
        break;
      }
      case 4: {  // tables: count and initial sizes after validation
        if (!s.ReadU32(&count)) return;
        if (count > table_limit) return found->Take(end, PrepareError::TooManyTables);
        table_limit -= count;
        for (uint32_t i = 0; i < count; ++i) {
          uint8_t elem, flags;
          uint32_t initial, max;
          if (!s.ReadU8(&elem) || !s.ReadU8(&flags) || !s.ReadU32(&initial)) return;
          if ((flags & 1) && !s.ReadU32(&max)) return;
          if (initial > table_element_limit) return found->Take(end, PrepareError::TooManyTableElements);
        }
        break;
      }
      case 10: {  // code: function budget before validation, then per body
        if (!s.ReadU32(&count)) return;
        if (count > function_limit) return found->Take(start, PrepareError::TooManyFunctions);
        function_limit -= count;
        for (uint32_t i = 0; i < count; ++i) {
          uint32_t body_size;
          if (!s.ReadU32(&body_size) || body_size > s.Remaining()) return;
          size_t body_start = s.Offset();
          if (body_size > body_limit) return found->Take(body_start, PrepareError::FunctionBodyTooLarge);
          BinaryReader b(s.Pos(), body_size, body_start);
          s.Skip(body_size);
          uint32_t groups;
          if (!b.ReadU32(&groups)) return;
          for (uint32_t g = 0; g < groups; ++g) {
            uint32_t n;
            uint8_t t;
            if (!b.ReadU32(&n) || !b.ReadU8(&t)) return;
            if (n > local_limit) return found->Take(body_start, PrepareError::TooManyLocals);
            local_limit -= n;
          }
        }
        break;
      }
      default:
        break;
    }
  }
}

uint8_t SizeOf(ValType t) {
  switch (t) {
    case ValType::I32: case ValType::F32: return 4;
    case ValType::I64: case ValType::F64: return 8;
    case ValType::V128: return 16;
    default: return 8;  // references
  }
}

// finite-wasm max_stack (src/max_stack/{mod.rs,instruction_visit.rs}): a
// stack of operand sizes, untouched while the current frame is polymorphic
// (after br, br_table, return, unreachable), which nested frames inherit.
class StackAnalysis {
 public:
  explicit StackAnalysis(const wasm::Module& m) : m_(m) {}

  Result<FunctionFrame, PrepareError> Run(uint32_t idx) {
    const wasm::FunctionBody& body = m_.bodies()[idx];
    const wasm::FuncType& ft = m_.types()[body.type_index];
    FunctionFrame out;
    out.frame_size = 64;
    locals_.clear();
    for (ValType t : ft.params) locals_.push_back(t);
    for (ValType t : body.locals) locals_.push_back(t);
    for (ValType t : locals_) out.frame_size += SizeOf(t);
    ops_.clear();
    frames_.clear();
    size_ = max_ = 0;
    cur_ = Frame{};
    BinaryReader r(m_.bytes().data() + body.code_offset, body.body_end - body.code_offset, body.code_offset);
    Instr in;
    std::string err;
    while (!r.AtEnd()) {
      if (!ReadInstr(r, m_.config().features, &in, &targets_, &err)) return Err(PrepareError::Deserialization);
      Visit(in);
    }
    out.operand_stack = max_;
    return out;
  }

 private:
  struct Frame {
    size_t height = 0;
    bool poly = false;
    std::vector<ValType> results;
    std::vector<ValType> params;
  };

  void Push(ValType t) {
    if (cur_.poly) return;
    uint8_t s = SizeOf(t);
    ops_.push_back(s);
    size_ += s;
    max_ = std::max(max_, size_);
  }
  void Pop(size_t n = 1) {
    if (n == 0 || cur_.poly) return;
    for (size_t i = 0; i < n && !ops_.empty(); ++i) {
      size_ -= ops_.back();
      ops_.pop_back();
    }
  }
  void BlockTypes(const wasm::BlockType& bt, std::vector<ValType>* params, std::vector<ValType>* results) {
    params->clear();
    results->clear();
    if (bt.kind == wasm::BlockType::Kind::Value) {
      results->push_back(bt.value);
    } else if (bt.kind == wasm::BlockType::Kind::TypeIndex) {
      *params = m_.types()[bt.type_index].params;
      *results = m_.types()[bt.type_index].results;
    }
  }
  void NewFrame(const wasm::BlockType& bt, size_t shift) {
    Frame f;
    BlockTypes(bt, &f.params, &f.results);
    f.poly = cur_.poly;
    f.height = cur_.poly ? ops_.size() : (ops_.size() >= shift ? ops_.size() - shift : 0);
    frames_.push_back(std::move(cur_));
    cur_ = std::move(f);
  }
  // Ends the current frame; returns false at the function level.
  bool EndFrame(Frame* ended) {
    if (frames_.empty()) return false;
    *ended = std::move(cur_);
    cur_ = std::move(frames_.back());
    frames_.pop_back();
    size_t n = ops_.size() > ended->height ? ops_.size() - ended->height : 0;
    Pop(n);
    return true;
  }

  void Visit(const Instr& in) {
    const uint32_t c = uint32_t(in.op);
    switch (in.op) {
      case Op::Unreachable: cur_.poly = true; return;
      case Op::Nop: return;
      case Op::Block:
      case Op::Loop: {
        std::vector<ValType> p, rs;
        BlockTypes(in.block, &p, &rs);
        NewFrame(in.block, p.size());
        return;
      }
      case Op::If: {
        Pop();
        std::vector<ValType> p, rs;
        BlockTypes(in.block, &p, &rs);
        NewFrame(in.block, p.size());
        return;
      }
      case Op::Else: {
        Frame ended;
        if (!EndFrame(&ended)) return;
        Frame f;
        f.params = ended.params;
        f.results = ended.results;
        f.poly = cur_.poly;
        f.height = ops_.size();
        frames_.push_back(std::move(cur_));
        cur_ = std::move(f);
        for (ValType t : cur_.params) Push(t);
        return;
      }
      case Op::End: {
        Frame ended;
        if (!EndFrame(&ended)) return;
        for (ValType t : ended.results) Push(t);
        return;
      }
      case Op::Br: case Op::BrTable: case Op::Return:
        cur_.poly = true;
        return;
      case Op::BrIf: Pop(); return;
      case Op::Call:
      case Op::CallIndirect: {
        const wasm::FuncType& ft = in.op == Op::Call ? m_.func_type(in.a) : m_.types()[in.a];
        // finite-wasm pops only the parameters: call_indirect's table index
        // stays on its model of the stack (visit_function_call). Kept as is,
        // since it changes frame costs.
        Pop(ft.params.size());
        for (ValType t : ft.results) Push(t);
        return;
      }
      case Op::Drop: Pop(); return;
      case Op::Select: case Op::SelectT: Pop(2); return;
      case Op::LocalGet: Push(locals_[in.a]); return;
      case Op::LocalSet: Pop(); return;
      case Op::LocalTee: return;
      case Op::GlobalGet: Push(m_.globals()[in.a].type.type); return;
      case Op::GlobalSet: Pop(); return;
      case Op::TableGet: Pop(); Push(m_.tables()[in.a].elem); return;
      case Op::TableSet: Pop(2); return;
      case Op::MemorySize: Push(ValType::I32); return;
      case Op::MemoryGrow: return;
      case Op::I32Const: Push(ValType::I32); return;
      case Op::I64Const: Push(ValType::I64); return;
      case Op::F32Const: Push(ValType::F32); return;
      case Op::F64Const: Push(ValType::F64); return;
      case Op::RefNull: Push(ValType(in.imm)); return;
      case Op::RefIsNull: Pop(); Push(ValType::I32); return;
      case Op::RefFunc: Push(ValType::FuncRef); return;
      case Op::MemoryInit: case Op::MemoryCopy: case Op::MemoryFill:
      case Op::TableInit: case Op::TableCopy: case Op::TableFill:
        Pop(3);
        return;
      case Op::DataDrop: case Op::ElemDrop: return;
      case Op::TableGrow: Pop(2); Push(ValType::I32); return;
      case Op::TableSize: Push(ValType::I32); return;
      default: break;
    }
    // Loads [i32] -> [t]; stores [i32 t] -> [].
    if (c >= 0x28 && c <= 0x35) {
      static const ValType kLoad[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::I32,
                                      ValType::I32, ValType::I32, ValType::I32, ValType::I64, ValType::I64,
                                      ValType::I64, ValType::I64, ValType::I64, ValType::I64};
      Pop();
      Push(kLoad[c - 0x28]);
      return;
    }
    if (c >= 0x36 && c <= 0x3E) {
      Pop(2);
      return;
    }
    // testop (eqz) [t] -> [i32]; relop [t t] -> [i32].
    if (in.op == Op::I32Eqz || in.op == Op::I64Eqz) {
      Pop();
      Push(ValType::I32);
      return;
    }
    if ((c >= 0x46 && c <= 0x4F) || (c >= 0x51 && c <= 0x66)) {
      Pop(2);
      Push(ValType::I32);
      return;
    }
    // unop [t] -> [t] (no change); binop [t t] -> [t].
    bool unop = (c >= 0x67 && c <= 0x69) || (c >= 0x79 && c <= 0x7B) || (c >= 0x8B && c <= 0x91) ||
                (c >= 0x99 && c <= 0x9F);
    if (unop) return;
    bool binop = (c >= 0x6A && c <= 0x78) || (c >= 0x7C && c <= 0x8A) || (c >= 0x92 && c <= 0x98) ||
                 (c >= 0xA0 && c <= 0xA6);
    if (binop) {
      Pop();
      return;
    }
    // cvtop [t1] -> [t2].
    ValType result;
    switch (in.op) {
      case Op::I32WrapI64: case Op::I32TruncF32S: case Op::I32TruncF32U: case Op::I32TruncF64S:
      case Op::I32TruncF64U: case Op::I32ReinterpretF32: case Op::I32Extend8S: case Op::I32Extend16S:
      case Op::I32TruncSatF32S: case Op::I32TruncSatF32U: case Op::I32TruncSatF64S: case Op::I32TruncSatF64U:
        result = ValType::I32;
        break;
      case Op::I64ExtendI32S: case Op::I64ExtendI32U: case Op::I64TruncF32S: case Op::I64TruncF32U:
      case Op::I64TruncF64S: case Op::I64TruncF64U: case Op::I64ReinterpretF64: case Op::I64Extend8S:
      case Op::I64Extend16S: case Op::I64Extend32S: case Op::I64TruncSatF32S: case Op::I64TruncSatF32U:
      case Op::I64TruncSatF64S: case Op::I64TruncSatF64U:
        result = ValType::I64;
        break;
      case Op::F32ConvertI32S: case Op::F32ConvertI32U: case Op::F32ConvertI64S: case Op::F32ConvertI64U:
      case Op::F32DemoteF64: case Op::F32ReinterpretI32:
        result = ValType::F32;
        break;
      default:
        result = ValType::F64;
        break;
    }
    Pop();
    Push(result);
  }

  const wasm::Module& m_;
  std::vector<ValType> locals_;
  std::vector<uint8_t> ops_;
  std::vector<Frame> frames_;
  Frame cur_;
  uint64_t size_ = 0, max_ = 0;
  std::vector<uint32_t> targets_;
};

// Number of block/loop/if operators of a body (dead code included), as
// instrument_v3.rs counts them.
uint64_t CountBlocks(const wasm::Module& m, uint32_t idx, uint64_t limit, bool* over) {
  const wasm::FunctionBody& body = m.bodies()[idx];
  BinaryReader r(m.bytes().data() + body.code_offset, body.body_end - body.code_offset, body.code_offset);
  Instr in;
  std::vector<uint32_t> targets;
  std::string err;
  uint64_t n = 0;
  *over = false;
  while (!r.AtEnd() && ReadInstr(r, m.config().features, &in, &targets, &err)) {
    if (in.op == Op::Block || in.op == Op::Loop || in.op == Op::If) {
      if (++n > limit) {
        *over = true;
        return n;
      }
    }
  }
  return n;
}

wasm::FunctionCosts FrameCosts(const wasm::Module&, uint32_t idx, void* user) {
  auto* p = static_cast<PreparedContract*>(user);
  const FunctionFrame& f = p->frames[idx];
  // instrument_v3.rs: the stack charge is operand stack + frame; the gas is
  // ceil(frame / 8) regular ops, after the stack check.
  return wasm::FunctionCosts{(f.frame_size + 7) / 8 * p->regular_op_cost, f.frame_size + f.operand_stack};
}

}  // namespace

Result<FunctionFrame, PrepareError> AnalyzeFrame(const wasm::Module& m, uint32_t defined_index) {
  StackAnalysis a(m);
  return a.Run(defined_index);
}

Result<std::shared_ptr<PreparedContract>, PrepareError> Prepare(ByteView code, const VMConfig& config) {
  const LimitConfig& lim = config.limit_config;
  auto prepared = std::make_shared<PreparedContract>();
  prepared->regular_op_cost = config.regular_op_cost;
  prepared->original_length = code.size();

  wasm::ModuleConfig mc;
  mc.features = NearFeatures(config);
  mc.canonicalize_nans = true;  // wasmtime_runner: cranelift_nan_canonicalization(true)
  mc.metering.enabled = true;
  mc.metering.op_cost = config.regular_op_cost;
  mc.metering.linear_base = config.linear_op_base_cost;
  mc.metering.linear_unit = config.linear_op_unit_cost;
  mc.metering.stack_budget = lim.max_stack_height;
  mc.metering.function_costs = FrameCosts;
  mc.metering.function_costs_user = prepared.get();

  Found found;
  ScanLimits(code, lim, &found);
  size_t decode_offset = SIZE_MAX;
  auto module = wasm::Module::Decode(code, mc, &decode_offset);
  if (!module.ok()) found.Take(decode_offset, PrepareError::Deserialization);
  if (found.offset != SIZE_MAX) {
    // A decode error at the same offset as a limit check wins (the limit
    // could not have been read).
    if (!module.ok() && decode_offset <= found.offset) return Err(PrepareError::Deserialization);
    return Err(found.error);
  }
  std::shared_ptr<wasm::Module> m = std::move(module).value();

  // finite-wasm analysis of every function, then instrumentation's checks
  // function by function (instrument_v3.rs transform_code_section).
  uint32_t n = uint32_t(m->bodies().size());
  prepared->frames.resize(n);
  StackAnalysis analysis(*m);
  for (uint32_t i = 0; i < n; ++i) {
    auto f = analysis.Run(i);
    if (!f.ok()) return Err(PrepareError::Deserialization);
    prepared->frames[i] = *f;
  }
  uint64_t params_left = lim.max_params_per_contract.value_or(UINT64_MAX);
  uint64_t blocks_left = lim.max_blocks_per_contract.value_or(UINT64_MAX);
  const uint64_t params_per_function = lim.max_params_per_function.value_or(UINT64_MAX);
  const uint64_t operand_limit = lim.max_operand_stack_bytes_per_function.value_or(UINT64_MAX);
  const uint64_t blocks_per_function = lim.max_blocks_per_function.value_or(UINT64_MAX);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t params = m->types()[m->bodies()[i].type_index].params.size();
    if (params > params_per_function) return Err(PrepareError::TooManyParamsPerFunction);
    if (params > params_left) return Err(PrepareError::TooManyParamsPerContract);
    params_left -= params;
    if (prepared->frames[i].operand_stack > operand_limit) return Err(PrepareError::OperandStackTooLarge);
    bool over;
    uint64_t blocks = CountBlocks(*m, i, blocks_per_function, &over);
    if (over) return Err(PrepareError::TooManyBlocksPerFunction);
    if (blocks > blocks_left) return Err(PrepareError::TooManyBlocksPerContract);
    blocks_left -= blocks;
  }
  // Not modelled: InstrumentedCodeTooLarge (nearcore's instrumented module
  // larger than 16 MiB); contracts are at most 4 MiB and instrumentation
  // stays well below 4x on real contracts.
  prepared->module = std::move(m);
  return prepared;
}

}  // namespace nearrt::vm
