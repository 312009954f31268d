// Translation of a validated function body into the register IR.
//
// Frame layout: slots [0, num_locals) hold params and locals; the operand
// stack value at depth d lives in slot num_locals + d ("its temp slot").
// The translator keeps a compile-time model of the operand stack whose
// entries are either in their temp slot, an alias of a local (local.get emits
// nothing), or a constant (folded into immediate operands where possible).
// Invariants:
//  - a Temp entry at depth d is always in slot num_locals + d;
//  - at every branch target, values are in their temp slots;
//  - at block/loop/if entry no entry aliases a local (so a later local.set
//    cannot change a value that another control path already captured).
//
// Gas (when metering is on): every wasm instruction adds its static cost to
// `running_`. Chains of straight-line code are charged at their entry: at
// function entry (a Gas op, plus the function's entry cost), after calls and
// linear ops (a Gas op), on the fallthrough of a conditional branch (a cost
// operand of the branch) and at branch targets (a cost operand of every
// branch to them). All chains open at a point end at the next terminator;
// see compiled.h for the side tables that make traps and out-of-gas exact.
#include <algorithm>
#include <cstring>
#include <map>
#include <vector>

#include "wasm/compiled.h"
#include "wasm/instr.h"
#include "wasm/module.h"

namespace nearrt::wasm {

uint32_t CanonicalTypeId(const FuncType& t) {
  // Process-wide registry; ids are only compared for equality, never
  // observable in results.
  static std::map<std::pair<std::vector<ValType>, std::vector<ValType>>, uint32_t> registry;
  auto key = std::make_pair(t.params, t.results);
  auto it = registry.find(key);
  if (it != registry.end()) return it->second;
  uint32_t id = uint32_t(registry.size()) + 1;
  registry.emplace(std::move(key), id);
  return id;
}

namespace {

constexpr uint32_t kNone = 0xFFFFFFFFu;

struct Entry {
  enum Kind : uint8_t { Temp, Local, Const };
  Kind kind = Temp;
  uint32_t local = 0;
  uint64_t value = 0;
};

struct Label {
  bool bound = false;
  bool targeted = false;
  bool chain_open = false;
  bool chain_closed = false;
  uint32_t pos = 0;
  uint64_t chain_start_running = 0;
  uint64_t chain_cost = 0;
  uint32_t chain_segment = 0;
  std::vector<std::pair<uint32_t, uint32_t>> fixups;  // (instr pos, u32 operand index)
  std::vector<uint32_t> table_fixups;                 // word positions of br_table entries
  std::vector<uint32_t> cost_cells;                   // cost operands charging this label's chain
};

struct Ctrl {
  Op kind;
  uint32_t height;  // stack height below the block's params
  uint32_t num_params;
  uint32_t num_results;
  uint32_t label;       // branch target: loop head or end
  uint32_t else_label;  // If: target of the false branch
  bool dead;            // the construct itself is unreachable
  bool unreachable;     // current position is unreachable
  bool reachable_end;   // some fallthrough reached the end (then-arm for if/else)
};

// An open gas chain: charged by `cell` (a word position) or by the cost
// cells of `label`.
struct OpenChain {
  uint64_t start_running;
  uint32_t start_pos;
  uint32_t cell;   // kNone for label chains
  uint32_t label;  // kNone for cell chains
  uint64_t extra;
};

class Translator {
 public:
  Translator(const Module& m, uint32_t idx, CompiledFunction* out)
      : m_(m), idx_(idx), out_(out), metered_(m.config().metering.enabled),
        canon_(m.config().canonicalize_nans),
        opt_(m.config().translator) {}

  Status Run();

 private:
  // ---- emission ----
  uint32_t Emit(IrOp op, std::initializer_list<uint32_t> u32s = {},
                std::initializer_list<uint64_t> u64s = {}) {
    const IrOpInfo& info = Info(op);
    uint32_t pos = uint32_t(code_.size());
    code_.resize(code_.size() + info.words(), 0);
    code_[pos] = Word(op);
    uint32_t k = 0;
    for (uint32_t v : u32s) SetOperandU32(&code_[pos], k++, v);
    uint32_t w = pos + info.first64();
    for (uint64_t v : u64s) code_[w++] = v;
    last_pos_ = pos;
    last_op_ = op;
    return pos;
  }
  uint32_t Temp(uint32_t depth) const { return num_locals_ + depth; }
  uint32_t Height() const { return uint32_t(stack_.size()); }

  // ---- operand stack ----
  void Push(Entry e) {
    if (e.kind == Entry::Local) alias_[e.local]++;
    stack_.push_back(e);
  }
  void PushTemp() { stack_.push_back(Entry{}); }
  Entry Pop() {
    Entry e = stack_.back();
    stack_.pop_back();
    if (e.kind == Entry::Local) alias_[e.local]--;
    return e;
  }
  // Puts the entry at `depth` into its temp slot.
  void Materialize(uint32_t depth) {
    Entry& e = stack_[depth];
    if (e.kind == Entry::Temp) return;
    if (e.kind == Entry::Local) {
      Emit(IrOp::Copy, {Temp(depth), e.local});
      alias_[e.local]--;
    } else {
      EmitConst(Temp(depth), e.value);
    }
    e.kind = Entry::Temp;
  }
  void EmitConst(uint32_t dst, uint64_t v) {
    if (v <= 0xFFFFFFFFull)
      Emit(IrOp::Const32, {dst, uint32_t(v)});
    else
      Emit(IrOp::Const64, {dst}, {v});
  }
  // Slot holding the value of an entry that was at `depth` (materializing
  // constants into their temp slot first).
  uint32_t SlotAt(uint32_t depth) {
    Entry& e = stack_[depth];
    if (e.kind == Entry::Local) return e.local;
    if (e.kind == Entry::Const) Materialize(depth);
    return Temp(depth);
  }
  // Pops the top `n` operands (n <= 4), giving their slots deepest first.
  void PopSlots(uint32_t n, uint32_t* out) {
    uint32_t h = Height();
    for (uint32_t i = 0; i < n; ++i) out[i] = SlotAt(h - n + i);
    for (uint32_t i = 0; i < n; ++i) Pop();
  }
  void MaterializeLocalAliases() {
    for (uint32_t d = 0; d < stack_.size(); ++d)
      if (stack_[d].kind == Entry::Local) Materialize(d);
  }
  void MaterializeAliasesOf(uint32_t local) {
    if (alias_[local] == 0) return;
    for (uint32_t d = 0; d < stack_.size(); ++d)
      if (stack_[d].kind == Entry::Local && stack_[d].local == local) Materialize(d);
  }
  // Writes the values at depths [from, from+n) into temp slots [to, to+n).
  void MoveValues(uint32_t from, uint32_t to, uint32_t n) {
    for (uint32_t i = 0; i < n; ++i) {
      const Entry& e = stack_[from + i];
      uint32_t dst = Temp(to + i);
      switch (e.kind) {
        case Entry::Temp:
          if (from != to) Emit(IrOp::Copy, {dst, Temp(from + i)});
          break;
        case Entry::Local:
          Emit(IrOp::Copy, {dst, e.local});
          break;
        case Entry::Const:
          EmitConst(dst, e.value);
          break;
      }
    }
  }
  bool NeedsMoves(uint32_t from, uint32_t to, uint32_t n) const {
    if (n == 0) return false;
    if (from != to) return true;
    for (uint32_t i = 0; i < n; ++i)
      if (stack_[from + i].kind != Entry::Temp) return true;
    return false;
  }
  // Truncates the stack to `height` entries.
  void Truncate(uint32_t height) {
    while (stack_.size() > height) Pop();
  }

  // ---- gas ----
  void AddCost(uint64_t c) { running_ += c; }
  uint64_t OpCost() const { return metered_ ? m_.config().metering.op_cost : 0; }
  void OpenCellChain(uint32_t cell, uint64_t extra = 0) {
    open_.push_back(OpenChain{running_, uint32_t(code_.size()), cell, kNone, extra});
  }
  void RecordPoint(uint32_t pos, GasPoint::Kind kind) {
    if (!metered_) return;
    out_->gas_points.push_back(GasPoint{pos, kind, uint32_t(out_->segments.size()), running_});
  }
  // Ends the current segment at the terminator instruction at `pos`.
  void CloseChains(uint32_t pos) {
    if (!metered_) return;
    RecordPoint(pos, GasPoint::kTerminator);
    uint32_t seg = uint32_t(out_->segments.size());
    out_->segments.push_back(GasSegment{running_, segment_first_point_, uint32_t(out_->gas_points.size())});
    segment_first_point_ = uint32_t(out_->gas_points.size());
    for (const OpenChain& c : open_) {
      uint64_t cost = running_ - c.start_running;
      if (c.cell != kNone) {
        code_[c.cell] = cost + c.extra;
        out_->cells.push_back(GasCell{c.cell, seg, c.start_pos, c.start_running, c.extra});
      } else {
        Label& l = labels_[c.label];
        l.chain_open = false;
        l.chain_closed = true;
        l.chain_cost = cost;
        l.chain_segment = seg;
        for (uint32_t cell : l.cost_cells) PatchLabelCell(l, cell);
        l.cost_cells.clear();
      }
    }
    open_.clear();
  }
  void PatchLabelCell(const Label& l, uint32_t cell) {
    code_[cell] = l.chain_cost;
    out_->cells.push_back(GasCell{cell, l.chain_segment, l.pos, l.chain_start_running, 0});
  }
  // Registers `cell` as charging the chain that starts at label `li`.
  void AddLabelCell(uint32_t li, uint32_t cell) {
    Label& l = labels_[li];
    if (l.chain_closed)
      PatchLabelCell(l, cell);
    else
      l.cost_cells.push_back(cell);
  }

  // ---- labels ----
  uint32_t NewLabel() {
    labels_.emplace_back();
    return uint32_t(labels_.size() - 1);
  }
  void Bind(uint32_t li, bool open_chain) {
    Label& l = labels_[li];
    l.bound = true;
    l.pos = uint32_t(code_.size());
    for (auto [ipos, k] : l.fixups) SetOperandU32(&code_[ipos], k, uint32_t(int32_t(l.pos) - int32_t(ipos)));
    l.fixups.clear();
    for (uint32_t w : l.table_fixups) {
      // Table entry offsets are relative to the br_table instruction, which
      // is stored in the entry's upper half.
      uint32_t ipos = uint32_t(code_[w] >> 32);
      code_[w] = (code_[w] & 0xFFFFFFFF00000000ull) | uint32_t(int32_t(l.pos) - int32_t(ipos));
    }
    l.table_fixups.clear();
    last_pos_ = kNone;  // no peephole across a label
    if (metered_ && open_chain) {
      l.chain_open = true;
      l.chain_start_running = running_;
      open_.push_back(OpenChain{running_, l.pos, kNone, li, 0});
      label_points_.push_back({uint32_t(out_->gas_points.size()), li});
      RecordPoint(l.pos, GasPoint::kLabel);
    }
  }
  // Sets the branch offset operand `k` of the instruction at `ipos` to `li`.
  void Target(uint32_t ipos, uint32_t k, uint32_t li) {
    Label& l = labels_[li];
    l.targeted = true;
    if (l.bound)
      SetOperandU32(&code_[ipos], k, uint32_t(int32_t(l.pos) - int32_t(ipos)));
    else
      l.fixups.push_back({ipos, k});
  }

  // ---- control ----
  uint32_t BranchArity(const Ctrl& c) const { return c.kind == Op::Loop ? c.num_params : c.num_results; }
  Ctrl& CtrlAt(uint32_t depth) { return ctrls_[ctrls_.size() - 1 - depth]; }
  void SetUnreachable() {
    Ctrl& c = ctrls_.back();
    c.unreachable = true;
    Truncate(c.height);
  }
  bool BlockSig(const BlockType& bt, uint32_t* np, uint32_t* nr) {
    switch (bt.kind) {
      case BlockType::Kind::Empty: *np = 0; *nr = 0; return true;
      case BlockType::Kind::Value: *np = 0; *nr = 1; return true;
      case BlockType::Kind::TypeIndex: {
        const FuncType& ft = m_.types()[bt.type_index];
        *np = uint32_t(ft.params.size());
        *nr = uint32_t(ft.results.size());
        return true;
      }
    }
    return false;
  }

  void EmitReturn();
  void EmitBranch(uint32_t depth);
  void EmitBrIf(uint32_t depth);
  void EmitBrTable(const Instr& in);
  void EmitCall(uint32_t func_index);
  void EmitLinear(IrOp op, std::initializer_list<uint32_t> u32s);
  // A branch condition captured before other code is emitted: either a
  // compare (removed from the code, to be fused into the branch) or a slot.
  struct Cond {
    IrOp cmp = IrOp::Exit;  // fusable compare or I32Eqz/I64Eqz; Exit: plain slot
    uint32_t a = 0;
    uint32_t b = 0;       // reg operand or 32-bit immediate
    uint64_t imm64 = 0;
    uint32_t slot = 0;    // plain condition slot
  };
  // Pops the condition and captures it. Must be called before emitting
  // anything else (copies may follow; they never write the captured slots).
  Cond TakeCond();
  // Emits the conditional branch: taken when the condition is non-zero (or
  // zero if `invert`). Returns the instruction position and the index of its
  // offset operand; `taken_cell`/`fall_cell` get the cost operand positions
  // (kNone when unmetered).
  void EmitCondBranch(const Cond& c, bool invert, uint32_t* ipos, uint32_t* off_k, uint32_t* taken_cell,
                      uint32_t* fall_cell);
  // Puts the top n entries in their temp slots.
  void MaterializeTop(uint32_t n) {
    uint32_t h = Height();
    for (uint32_t i = h - n; i < h; ++i) Materialize(i);
  }
  Status Step(const Instr& in);
  Status Finish();

  const Module& m_;
  uint32_t idx_;
  CompiledFunction* out_;
  bool metered_;
  bool canon_;
  TranslatorOptions opt_;
  uint32_t num_locals_ = 0;
  std::vector<Word> code_;
  std::vector<Entry> stack_;
  std::vector<uint32_t> alias_;
  std::vector<Ctrl> ctrls_;
  std::vector<Label> labels_;
  std::vector<OpenChain> open_;
  std::vector<std::pair<uint32_t, uint32_t>> label_points_;  // (gas point index, label)
  uint32_t segment_first_point_ = 0;
  uint64_t running_ = 0;
  uint32_t last_pos_ = kNone;
  IrOp last_op_ = IrOp::Exit;
  std::vector<uint32_t> br_targets_;
};

Status Translator::Run() {
  const FunctionBody& body = m_.bodies()[idx_];
  const FuncType& ft = m_.types()[body.type_index];
  num_locals_ = uint32_t(ft.params.size() + body.locals.size());
  alias_.assign(num_locals_, 0);
  out_->num_locals = num_locals_;
  out_->frame_slots = num_locals_ + m_.function_infos()[idx_].max_stack_height + 1;
  stack_.reserve(64);

  if (metered_) {
    uint32_t pos = Emit(IrOp::Gas, {}, {0});
    OpenCellChain(pos + 1, out_->entry_cost);
  }
  uint32_t fn_label = NewLabel();
  ctrls_.push_back(Ctrl{Op::Block, 0, 0, uint32_t(ft.results.size()), fn_label, kNone, false, false, false});

  const uint8_t* base = m_.bytes().data();
  BinaryReader r(base + body.code_offset, body.body_end - body.code_offset, body.code_offset);
  Instr in;
  std::string err;
  while (!ctrls_.empty()) {
    if (!ReadInstr(r, m_.config().features, &in, &br_targets_, &err))
      return Err("translation: " + err);  // unreachable for validated modules
    NEARRT_TRY(Step(in));
  }
  return Finish();
}

Status Translator::Finish() {
  // Drop label points of loop heads that no branch ever targeted: finite-wasm
  // does not split its gas points there.
  if (metered_) {
    std::vector<bool> drop(out_->gas_points.size(), false);
    for (auto [pi, li] : label_points_)
      if (!labels_[li].targeted) drop[pi] = true;
    std::vector<uint32_t> remap(out_->gas_points.size() + 1);
    std::vector<GasPoint> kept;
    for (uint32_t i = 0; i < out_->gas_points.size(); ++i) {
      remap[i] = uint32_t(kept.size());
      if (!drop[i]) kept.push_back(out_->gas_points[i]);
    }
    remap[out_->gas_points.size()] = uint32_t(kept.size());
    for (GasSegment& s : out_->segments) {
      s.first_point = remap[s.first_point];
      s.end_point = remap[s.end_point];
    }
    out_->gas_points = std::move(kept);
    std::sort(out_->cells.begin(), out_->cells.end(),
              [](const GasCell& a, const GasCell& b) { return a.pos < b.pos; });
  }
  // Thread the code: op ids -> handler addresses.
  const void* const* handlers = ThreadedHandlers();
  out_->code_storage = std::move(code_);
  if (handlers) {
    Word* code = out_->code_storage.data();
    size_t n = out_->code_storage.size();
    for (size_t pos = 0; pos < n;) {
      IrOp op = IrOp(code[pos]);
      uint32_t len;
      if (op == IrOp::BrTable || op == IrOp::BrTableG) {
        uint32_t count = OperandU32(code + pos, 1);
        len = 2 + (count + 1) * (op == IrOp::BrTableG ? 2 : 1);
      } else {
        len = Info(op).words();
      }
      code[pos] = Word(reinterpret_cast<uintptr_t>(handlers[uint32_t(op)]));
      pos += len;
    }
  }
  out_->code = out_->code_storage.data();
  return OkStatus();
}

void Translator::EmitReturn() {
  uint32_t n = ctrls_.front().num_results;
  uint32_t h = Height();
  uint32_t pos;
  if (n == 0) {
    pos = Emit(IrOp::Return0);
  } else if (n == 1) {
    pos = Emit(IrOp::Return1, {SlotAt(h - 1)});
  } else {
    for (uint32_t i = h - n; i < h; ++i) Materialize(i);
    pos = Emit(IrOp::ReturnN, {Temp(h - n), n});
  }
  CloseChains(pos);
}

void Translator::EmitBranch(uint32_t depth) {
  if (depth == ctrls_.size() - 1) {
    EmitReturn();
    return;
  }
  Ctrl& c = CtrlAt(depth);
  uint32_t n = BranchArity(c);
  MoveValues(Height() - n, c.height, n);
  uint32_t pos;
  if (metered_) {
    pos = Emit(IrOp::BrG, {0}, {0});
    AddLabelCell(c.label, pos + 2);
  } else {
    pos = Emit(IrOp::Br, {0});
  }
  Target(pos, 0, c.label);
  CloseChains(pos);
}

namespace {
// Fused compare-and-branch opcode for an integer compare `cmp` (taken when
// the compare is true), or its negation. Returns false for non-fusable ops.
struct FusedBranch {
  IrOp reg, reg_g, imm, imm_g;
};
bool FusionFor(IrOp cmp, bool negate, FusedBranch* out, bool* is_imm, bool* is64) {
  // Pairs of (compare, negated compare) by name.
#define F(Name) {IrOp::Name, IrOp::Name##Imm, IrOp::BrIf##Name, IrOp::BrIf##Name##G, IrOp::BrIf##Name##Imm, IrOp::BrIf##Name##ImmG}
  struct Row { IrOp cmp, cmp_imm, br, br_g, br_imm, br_imm_g; };
  static const Row rows[] = {F(I32Eq), F(I32Ne), F(I32LtS), F(I32LtU), F(I32GtS), F(I32GtU), F(I32LeS),
                             F(I32LeU), F(I32GeS), F(I32GeU), F(I64Eq), F(I64Ne), F(I64LtS), F(I64LtU),
                             F(I64GtS), F(I64GtU), F(I64LeS), F(I64LeU), F(I64GeS), F(I64GeU)};
#undef F
  // Negation pairs: Eq<->Ne, LtS<->GeS, LtU<->GeU, GtS<->LeS, GtU<->LeU.
  static const int neg[] = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3, 11, 10, 18, 19, 16, 17, 14, 15, 12, 13};
  for (int i = 0; i < 20; ++i) {
    bool imm = rows[i].cmp_imm == cmp;
    if (rows[i].cmp != cmp && !imm) continue;
    const Row& r = rows[negate ? neg[i] : i];
    *out = FusedBranch{r.br, r.br_g, r.br_imm, r.br_imm_g};
    *is_imm = imm;
    *is64 = i >= 10;
    return true;
  }
  return false;
}
}  // namespace

Translator::Cond Translator::TakeCond() {
  Cond c;
  uint32_t depth = Height() - 1;
  Entry e = Pop();
  if (e.kind == Entry::Temp && last_pos_ != kNone && last_pos_ + Info(last_op_).words() == code_.size() &&
      OperandU32(&code_[last_pos_], 0) == Temp(depth)) {
    const Word* last = &code_[last_pos_];
    bool fusable = opt_.fuse_compare_branch &&
                   ((Info(last_op_).flags & irflag::C) || last_op_ == IrOp::I32Eqz || last_op_ == IrOp::I64Eqz);
    if (fusable) {
      c.cmp = last_op_;
      c.a = OperandU32(last, 1);
      if (Info(last_op_).n32 >= 3) c.b = OperandU32(last, 2);
      if (Info(last_op_).n64 == 1) c.imm64 = last[Info(last_op_).first64()];
      code_.resize(last_pos_);
      last_pos_ = kNone;
      return c;
    }
  }
  if (e.kind == Entry::Local) {
    c.slot = e.local;
  } else {
    if (e.kind == Entry::Const) EmitConst(Temp(depth), e.value);
    c.slot = Temp(depth);
  }
  return c;
}

void Translator::EmitCondBranch(const Cond& c, bool invert, uint32_t* ipos, uint32_t* off_k,
                                uint32_t* taken_cell, uint32_t* fall_cell) {
  *taken_cell = *fall_cell = kNone;
  FusedBranch fb;
  bool is_imm, is64;
  if (c.cmp != IrOp::Exit && FusionFor(c.cmp, invert, &fb, &is_imm, &is64)) {
    if (!is_imm || !is64) {
      IrOp op = is_imm ? (metered_ ? fb.imm_g : fb.imm) : (metered_ ? fb.reg_g : fb.reg);
      *ipos = metered_ ? Emit(op, {c.a, c.b, 0}, {0, 0}) : Emit(op, {c.a, c.b, 0});
      *off_k = 2;
    } else {
      *ipos = metered_ ? Emit(fb.imm_g, {c.a, 0}, {c.imm64, 0, 0}) : Emit(fb.imm, {c.a, 0}, {c.imm64});
      *off_k = 1;
    }
  } else {
    IrOp op;
    uint32_t slot = c.slot;
    if (c.cmp == IrOp::I32Eqz || c.cmp == IrOp::I64Eqz) {
      // eqz(a) != 0  <=>  a == 0
      bool e64 = c.cmp == IrOp::I64Eqz;
      op = invert ? (e64 ? IrOp::BrIfNez64 : IrOp::BrIfNez) : (e64 ? IrOp::BrIfEqz64 : IrOp::BrIfEqz);
      slot = c.a;
    } else if (c.cmp != IrOp::Exit) {
      // A compare that cannot be fused: re-emit it into its slot.
      uint32_t dst = Temp(Height());
      if (Info(c.cmp).n64 == 1)
        Emit(c.cmp, {dst, c.a}, {c.imm64});
      else
        Emit(c.cmp, {dst, c.a, c.b});
      slot = dst;
      op = invert ? IrOp::BrIfEqz : IrOp::BrIfNez;
    } else {
      op = invert ? IrOp::BrIfEqz : IrOp::BrIfNez;
    }
    if (metered_) op = IrOp(uint32_t(op) + 1);  // the G variant follows
    *ipos = metered_ ? Emit(op, {slot, 0}, {0, 0}) : Emit(op, {slot, 0});
    *off_k = 1;
  }
  if (metered_) {
    uint32_t w = *ipos + Info(IrOp(code_[*ipos])).words() - 2;
    *taken_cell = w;
    *fall_cell = w + 1;
  }
  last_pos_ = kNone;
}

void Translator::EmitBrIf(uint32_t depth) {
  Cond cond = TakeCond();
  bool to_function = depth == ctrls_.size() - 1;
  Ctrl& c = CtrlAt(depth);
  uint32_t n = to_function ? ctrls_.front().num_results : BranchArity(c);
  // Values the branch carries go to their temp slots on both paths, so the
  // operand-stack model stays the same after the branch.
  MaterializeTop(n);
  uint32_t h = Height();
  uint32_t ipos, off_k, taken_cell, fall_cell;
  if (!to_function && h - n == c.height) {
    EmitCondBranch(cond, /*invert=*/false, &ipos, &off_k, &taken_cell, &fall_cell);
    Target(ipos, off_k, c.label);
    if (metered_) AddLabelCell(c.label, taken_cell);
    CloseChains(ipos);
    if (metered_) OpenCellChain(fall_cell);
    return;
  }
  // The taken path moves values (or returns): branch over it when the
  // condition fails. The inverted branch's taken path is the wasm
  // fallthrough; its own fallthrough pays the target's chain at the Br.
  EmitCondBranch(cond, /*invert=*/true, &ipos, &off_k, &taken_cell, &fall_cell);
  CloseChains(ipos);
  if (to_function) {
    if (n == 0)
      Emit(IrOp::Return0);
    else if (n == 1)
      Emit(IrOp::Return1, {Temp(h - 1)});
    else
      Emit(IrOp::ReturnN, {Temp(h - n), n});
  } else {
    MoveValues(h - n, c.height, n);
    uint32_t bpos;
    if (metered_) {
      bpos = Emit(IrOp::BrG, {0}, {0});
      AddLabelCell(c.label, bpos + 2);
    } else {
      bpos = Emit(IrOp::Br, {0});
    }
    Target(bpos, 0, c.label);
  }
  SetOperandU32(&code_[ipos], off_k, uint32_t(code_.size() - ipos));
  last_pos_ = kNone;
  if (metered_) {
    code_[fall_cell] = 0;
    open_.push_back(OpenChain{running_, uint32_t(code_.size()), taken_cell, kNone, 0});
  }
}

void Translator::EmitBrTable(const Instr& in) {
  Entry idx = Pop();
  uint32_t idx_depth = Height();
  uint32_t slot;
  if (idx.kind == Entry::Local) {
    slot = idx.local;
  } else {
    if (idx.kind == Entry::Const) EmitConst(Temp(idx_depth), idx.value);
    slot = Temp(idx_depth);
  }
  uint32_t count = uint32_t(br_targets_.size());
  {
    // All targets have the same arity; carried values go to temp slots.
    uint32_t d = in.a;
    uint32_t n = d == ctrls_.size() - 1 ? ctrls_.front().num_results : BranchArity(CtrlAt(d));
    MaterializeTop(n);
  }
  uint32_t h = Height();
  IrOp op = metered_ ? IrOp::BrTableG : IrOp::BrTable;
  uint32_t per = metered_ ? 2 : 1;
  uint32_t pos = uint32_t(code_.size());
  code_.resize(pos + 2 + (count + 1) * per, 0);
  code_[pos] = Word(op);
  SetOperandU32(&code_[pos], 0, slot);
  SetOperandU32(&code_[pos], 1, count);
  last_pos_ = kNone;
  CloseChains(pos);
  // Targets whose values need moving get a stub after the table.
  struct Stub { uint32_t entry_word; uint32_t depth; };
  std::vector<Stub> stubs;
  for (uint32_t i = 0; i <= count; ++i) {
    uint32_t depth = i < count ? br_targets_[i] : in.a;
    uint32_t w = pos + 2 + i * per;
    bool to_function = depth == ctrls_.size() - 1;
    Ctrl& c = CtrlAt(depth);
    uint32_t n = to_function ? ctrls_.front().num_results : BranchArity(c);
    code_[w] = Word(pos) << 32;
    if (metered_ && !to_function) AddLabelCell(c.label, w + 1);
    if (to_function || NeedsMoves(h - n, c.height, n)) {
      stubs.push_back({w, depth});
    } else {
      Label& l = labels_[c.label];
      l.targeted = true;
      if (l.bound)
        code_[w] = (code_[w] & 0xFFFFFFFF00000000ull) | uint32_t(int32_t(l.pos) - int32_t(pos));
      else
        l.table_fixups.push_back(w);
    }
  }
  for (const Stub& s : stubs) {
    uint32_t here = uint32_t(code_.size());
    code_[s.entry_word] = (code_[s.entry_word] & 0xFFFFFFFF00000000ull) | uint32_t(int32_t(here) - int32_t(pos));
    if (s.depth == ctrls_.size() - 1) {
      uint32_t rn = ctrls_.front().num_results;
      if (rn == 0)
        Emit(IrOp::Return0);
      else if (rn == 1)
        Emit(IrOp::Return1, {Temp(h - 1)});
      else
        Emit(IrOp::ReturnN, {Temp(h - rn), rn});
    } else {
      Ctrl& c = CtrlAt(s.depth);
      uint32_t n = BranchArity(c);
      // Stubs run after the table charged the target's chain.
      MoveValues(h - n, c.height, n);
      uint32_t bpos = Emit(IrOp::Br, {0});
      Target(bpos, 0, c.label);
    }
    last_pos_ = kNone;
  }
}

void Translator::EmitCall(uint32_t func_index) {
  const FuncType& ft = m_.func_type(func_index);
  uint32_t np = uint32_t(ft.params.size()), nr = uint32_t(ft.results.size());
  uint32_t h = Height();
  for (uint32_t i = h - np; i < h; ++i) Materialize(i);
  uint32_t base = Temp(h - np);
  uint32_t pos;
  if (func_index < m_.num_imported_funcs()) {
    pos = Emit(IrOp::CallImport, {base, func_index});
  } else {
    CompiledFunction* callee = m_.compiled_record(func_index - m_.num_imported_funcs());
    pos = Emit(IrOp::Call, {base}, {uint64_t(reinterpret_cast<uintptr_t>(callee))});
  }
  for (uint32_t i = 0; i < np; ++i) Pop();
  for (uint32_t i = 0; i < nr; ++i) PushTemp();
  CloseChains(pos);
  if (metered_) {
    uint32_t g = Emit(IrOp::Gas, {}, {0});
    OpenCellChain(g + 1);
  }
  last_pos_ = kNone;
}

void Translator::EmitLinear(IrOp op, std::initializer_list<uint32_t> u32s) {
  uint32_t pos = Emit(op, u32s);
  CloseChains(pos);
  if (metered_) {
    uint32_t g = Emit(IrOp::Gas, {}, {0});
    OpenCellChain(g + 1);
  }
  last_pos_ = kNone;
}

namespace {
IrOp LoadOp(Op op) {
  switch (op) {
    case Op::I32Load: return IrOp::I32Load;
    case Op::I64Load: return IrOp::I64Load;
    case Op::F32Load: return IrOp::F32Load;
    case Op::F64Load: return IrOp::F64Load;
    case Op::I32Load8S: return IrOp::I32Load8S;
    case Op::I32Load8U: return IrOp::I32Load8U;
    case Op::I32Load16S: return IrOp::I32Load16S;
    case Op::I32Load16U: return IrOp::I32Load16U;
    case Op::I64Load8S: return IrOp::I64Load8S;
    case Op::I64Load8U: return IrOp::I64Load8U;
    case Op::I64Load16S: return IrOp::I64Load16S;
    case Op::I64Load16U: return IrOp::I64Load16U;
    case Op::I64Load32S: return IrOp::I64Load32S;
    case Op::I64Load32U: return IrOp::I64Load32U;
    default: return IrOp::Exit;
  }
}
IrOp StoreOp(Op op) {
  switch (op) {
    case Op::I32Store: return IrOp::I32Store;
    case Op::I64Store: return IrOp::I64Store;
    case Op::F32Store: return IrOp::F32Store;
    case Op::F64Store: return IrOp::F64Store;
    case Op::I32Store8: return IrOp::I32Store8;
    case Op::I32Store16: return IrOp::I32Store16;
    case Op::I64Store8: return IrOp::I64Store8;
    case Op::I64Store16: return IrOp::I64Store16;
    case Op::I64Store32: return IrOp::I64Store32;
    default: return IrOp::Exit;
  }
}

// Wasm numeric opcode -> IR op (reg-reg form), immediate form (or Exit),
// commutativity, and whether it may trap.
struct NumericMap {
  IrOp reg = IrOp::Exit;
  IrOp imm = IrOp::Exit;
  IrOp canon = IrOp::Exit;  // NaN-canonicalizing variant
  bool commutative = false;
  bool unary = false;
};

NumericMap MapNumeric(Op op) {
  NumericMap m;
  switch (op) {
#define BIN_IMM(W, N, comm) case Op::W: m.reg = IrOp::N; m.imm = IrOp::N##Imm; m.commutative = comm; return m;
    BIN_IMM(I32Add, I32Add, true) BIN_IMM(I32Sub, I32Sub, false) BIN_IMM(I32Mul, I32Mul, true)
    BIN_IMM(I32And, I32And, true) BIN_IMM(I32Or, I32Or, true) BIN_IMM(I32Xor, I32Xor, true)
    BIN_IMM(I32Shl, I32Shl, false) BIN_IMM(I32ShrS, I32ShrS, false) BIN_IMM(I32ShrU, I32ShrU, false)
    BIN_IMM(I32Rotl, I32Rotl, false) BIN_IMM(I32Rotr, I32Rotr, false)
    BIN_IMM(I64Add, I64Add, true) BIN_IMM(I64Sub, I64Sub, false) BIN_IMM(I64Mul, I64Mul, true)
    BIN_IMM(I64And, I64And, true) BIN_IMM(I64Or, I64Or, true) BIN_IMM(I64Xor, I64Xor, true)
    BIN_IMM(I64Shl, I64Shl, false) BIN_IMM(I64ShrS, I64ShrS, false) BIN_IMM(I64ShrU, I64ShrU, false)
    BIN_IMM(I64Rotl, I64Rotl, false) BIN_IMM(I64Rotr, I64Rotr, false)
    BIN_IMM(I32Eq, I32Eq, true) BIN_IMM(I32Ne, I32Ne, true) BIN_IMM(I32LtS, I32LtS, false)
    BIN_IMM(I32LtU, I32LtU, false) BIN_IMM(I32GtS, I32GtS, false) BIN_IMM(I32GtU, I32GtU, false)
    BIN_IMM(I32LeS, I32LeS, false) BIN_IMM(I32LeU, I32LeU, false) BIN_IMM(I32GeS, I32GeS, false)
    BIN_IMM(I32GeU, I32GeU, false)
    BIN_IMM(I64Eq, I64Eq, true) BIN_IMM(I64Ne, I64Ne, true) BIN_IMM(I64LtS, I64LtS, false)
    BIN_IMM(I64LtU, I64LtU, false) BIN_IMM(I64GtS, I64GtS, false) BIN_IMM(I64GtU, I64GtU, false)
    BIN_IMM(I64LeS, I64LeS, false) BIN_IMM(I64LeU, I64LeU, false) BIN_IMM(I64GeS, I64GeS, false)
    BIN_IMM(I64GeU, I64GeU, false)
#undef BIN_IMM
#define BIN(W) case Op::W: m.reg = IrOp::W; return m;
#define BINC(W) case Op::W: m.reg = IrOp::W; m.canon = IrOp::W##C; return m;
#define UN(W) case Op::W: m.reg = IrOp::W; m.unary = true; return m;
#define UNC(W) case Op::W: m.reg = IrOp::W; m.canon = IrOp::W##C; m.unary = true; return m;
    BIN(I32DivS) BIN(I32DivU) BIN(I32RemS) BIN(I32RemU) BIN(I64DivS) BIN(I64DivU) BIN(I64RemS) BIN(I64RemU)
    BIN(F32Copysign) BIN(F64Copysign)
    BINC(F32Add) BINC(F32Sub) BINC(F32Mul) BINC(F32Div) BINC(F32Min) BINC(F32Max)
    BINC(F64Add) BINC(F64Sub) BINC(F64Mul) BINC(F64Div) BINC(F64Min) BINC(F64Max)
    BIN(F32Eq) BIN(F32Ne) BIN(F32Lt) BIN(F32Gt) BIN(F32Le) BIN(F32Ge)
    BIN(F64Eq) BIN(F64Ne) BIN(F64Lt) BIN(F64Gt) BIN(F64Le) BIN(F64Ge)
    UN(I32Eqz) UN(I64Eqz) UN(I32Clz) UN(I32Ctz) UN(I32Popcnt) UN(I64Clz) UN(I64Ctz) UN(I64Popcnt)
    UN(I32Extend8S) UN(I32Extend16S) UN(I64Extend8S) UN(I64Extend16S) UN(I64Extend32S)
    UN(I32WrapI64) UN(I64ExtendI32S) UN(I64ExtendI32U)
    UN(F32Abs) UN(F32Neg) UNC(F32Ceil) UNC(F32Floor) UNC(F32Trunc) UNC(F32Nearest) UNC(F32Sqrt)
    UN(F64Abs) UN(F64Neg) UNC(F64Ceil) UNC(F64Floor) UNC(F64Trunc) UNC(F64Nearest) UNC(F64Sqrt)
    UN(I32TruncF32S) UN(I32TruncF32U) UN(I32TruncF64S) UN(I32TruncF64U)
    UN(I64TruncF32S) UN(I64TruncF32U) UN(I64TruncF64S) UN(I64TruncF64U)
    UN(I32TruncSatF32S) UN(I32TruncSatF32U) UN(I32TruncSatF64S) UN(I32TruncSatF64U)
    UN(I64TruncSatF32S) UN(I64TruncSatF32U) UN(I64TruncSatF64S) UN(I64TruncSatF64U)
    UN(F32ConvertI32S) UN(F32ConvertI32U) UN(F32ConvertI64S) UN(F32ConvertI64U)
    UN(F64ConvertI32S) UN(F64ConvertI32U) UN(F64ConvertI64S) UN(F64ConvertI64U)
    UNC(F32DemoteF64) UNC(F64PromoteF32)
#undef BIN
#undef BINC
#undef UN
#undef UNC
    // Reinterpretations are moves of the raw bits.
    case Op::I32ReinterpretF32: case Op::F32ReinterpretI32:
    case Op::I64ReinterpretF64: case Op::F64ReinterpretI64:
      m.reg = IrOp::Copy;
      m.unary = true;
      return m;
    default:
      return m;
  }
}

bool IsLinear(Op op) {
  switch (op) {
    case Op::MemoryGrow: case Op::MemoryInit: case Op::MemoryCopy: case Op::MemoryFill:
    case Op::TableInit: case Op::TableCopy: case Op::TableFill: case Op::TableGrow:
      return true;
    default:
      return false;
  }
}
}  // namespace

Status Translator::Step(const Instr& in) {
  Ctrl& cur = ctrls_.back();
  // Dead code: only track structure.
  if (cur.unreachable) {
    switch (in.op) {
      case Op::Block: case Op::Loop: case Op::If:
        ctrls_.push_back(Ctrl{in.op, Height(), 0, 0, kNone, kNone, true, true, false});
        return OkStatus();
      case Op::Else:
      case Op::End:
        break;  // handled below
      default:
        return OkStatus();
    }
  }

  // Static cost of the instruction (block/else/end free; linear ops charge
  // dynamically; loop is charged at its body's start, below).
  switch (in.op) {
    case Op::Block: case Op::Else: case Op::End: case Op::Loop:
      break;
    default:
      if (!IsLinear(in.op)) AddCost(OpCost());
  }

  switch (in.op) {
    case Op::Unreachable: {
      uint32_t pos = Emit(IrOp::Unreachable);
      CloseChains(pos);
      SetUnreachable();
      return OkStatus();
    }
    case Op::Nop:
      return OkStatus();
    case Op::Block:
    case Op::Loop: {
      uint32_t np = 0, nr = 0;
      BlockSig(in.block, &np, &nr);
      MaterializeLocalAliases();
      uint32_t h = Height();
      for (uint32_t i = h - np; i < h; ++i) Materialize(i);
      uint32_t label = NewLabel();
      ctrls_.push_back(Ctrl{in.op, h - np, np, nr, label, kNone, false, false, false});
      if (in.op == Op::Loop) {
        Bind(label, /*open_chain=*/true);
        AddCost(OpCost());  // `loop` is paid on every entry of its body
      }
      return OkStatus();
    }
    case Op::If: {
      uint32_t np = 0, nr = 0;
      BlockSig(in.block, &np, &nr);
      Cond cond = TakeCond();
      MaterializeLocalAliases();
      MaterializeTop(np);
      uint32_t h = Height();
      uint32_t ipos, off_k, taken_cell, fall_cell;
      EmitCondBranch(cond, /*invert=*/true, &ipos, &off_k, &taken_cell, &fall_cell);
      uint32_t end_label = NewLabel();
      uint32_t else_label = NewLabel();
      Target(ipos, off_k, else_label);
      if (metered_) AddLabelCell(else_label, taken_cell);
      CloseChains(ipos);
      if (metered_) OpenCellChain(fall_cell);
      ctrls_.push_back(Ctrl{Op::If, h - np, np, nr, end_label, else_label, false, false, false});
      return OkStatus();
    }
    case Op::Else: {
      Ctrl& c = ctrls_.back();
      if (c.dead) {
        c.kind = Op::Else;
        return OkStatus();
      }
      if (!c.unreachable) {
        MoveValues(Height() - c.num_results, c.height, c.num_results);
        uint32_t pos;
        if (metered_) {
          pos = Emit(IrOp::BrG, {0}, {0});
          AddLabelCell(c.label, pos + 2);
        } else {
          pos = Emit(IrOp::Br, {0});
        }
        Target(pos, 0, c.label);
        CloseChains(pos);
      }
      Truncate(c.height);
      for (uint32_t i = 0; i < c.num_params; ++i) PushTemp();
      Bind(c.else_label, /*open_chain=*/true);
      c.else_label = kNone;
      c.kind = Op::Else;
      c.unreachable = false;
      return OkStatus();
    }
    case Op::End: {
      Ctrl c = ctrls_.back();
      if (c.dead) {
        ctrls_.pop_back();
        return OkStatus();
      }
      bool fallthrough = !c.unreachable;
      if (ctrls_.size() == 1) {
        if (fallthrough) EmitReturn();
        ctrls_.pop_back();
        return OkStatus();
      }
      if (fallthrough) {
        uint32_t h = Height();
        if (NeedsMoves(h - c.num_results, c.height, c.num_results))
          MoveValues(h - c.num_results, c.height, c.num_results);
      }
      bool reachable = fallthrough;
      if (c.kind == Op::If) {
        // No else: the false branch lands here.
        Bind(c.else_label, /*open_chain=*/true);
        reachable = true;
      }
      if (c.kind != Op::Loop && labels_[c.label].targeted) {
        Bind(c.label, /*open_chain=*/true);
        reachable = true;
      } else if (c.kind != Op::Loop) {
        Bind(c.label, /*open_chain=*/false);
      }
      ctrls_.pop_back();
      Truncate(c.height);
      for (uint32_t i = 0; i < c.num_results; ++i) PushTemp();
      if (!reachable) SetUnreachable();
      return OkStatus();
    }
    case Op::Br:
      EmitBranch(in.a);
      SetUnreachable();
      return OkStatus();
    case Op::BrIf:
      EmitBrIf(in.a);
      return OkStatus();
    case Op::BrTable:
      EmitBrTable(in);
      SetUnreachable();
      return OkStatus();
    case Op::Return:
      EmitReturn();
      SetUnreachable();
      return OkStatus();
    case Op::Call:
      EmitCall(in.a);
      return OkStatus();
    case Op::CallIndirect: {
      const FuncType& ft = m_.types()[in.a];
      uint32_t np = uint32_t(ft.params.size()), nr = uint32_t(ft.results.size());
      Entry idx = Pop();
      uint32_t idx_depth = Height();
      uint32_t h = Height();
      for (uint32_t i = h - np; i < h; ++i) Materialize(i);
      uint32_t idx_slot;
      if (idx.kind == Entry::Local) {
        idx_slot = idx.local;
      } else {
        if (idx.kind == Entry::Const) EmitConst(Temp(idx_depth), idx.value);
        idx_slot = Temp(idx_depth);
      }
      uint32_t pos = Emit(IrOp::CallIndirect, {Temp(h - np), idx_slot, CanonicalTypeId(ft), in.b});
      for (uint32_t i = 0; i < np; ++i) Pop();
      for (uint32_t i = 0; i < nr; ++i) PushTemp();
      CloseChains(pos);
      if (metered_) {
        uint32_t g = Emit(IrOp::Gas, {}, {0});
        OpenCellChain(g + 1);
      }
      last_pos_ = kNone;
      return OkStatus();
    }
    case Op::Drop:
      Pop();
      return OkStatus();
    case Op::Select:
    case Op::SelectT: {
      uint32_t h = Height();
      uint32_t c = SlotAt(h - 1), b = SlotAt(h - 2), a = SlotAt(h - 3);
      Pop();
      Pop();
      Pop();
      Emit(IrOp::Select, {Temp(h - 3), c, a, b});
      PushTemp();
      return OkStatus();
    }
    case Op::LocalGet:
      if (!opt_.local_operands) {
        Emit(IrOp::Copy, {Temp(Height()), in.a});
        PushTemp();
        return OkStatus();
      }
      Push(Entry{Entry::Local, in.a, 0});
      return OkStatus();
    case Op::LocalSet:
    case Op::LocalTee: {
      uint32_t x = in.a;
      uint32_t d = Height() - 1;
      Entry v = stack_[d];
      if (v.kind == Entry::Local && v.local == x) {
        if (in.op == Op::LocalSet) Pop();
        return OkStatus();
      }
      // Other stack entries aliasing x must keep the old value.
      if (alias_[x] > 0) {
        for (uint32_t k = 0; k < d; ++k)
          if (stack_[k].kind == Entry::Local && stack_[k].local == x) Materialize(k);
      }
      bool retarget = opt_.retarget_results && v.kind == Entry::Temp && last_pos_ != kNone &&
                      last_pos_ + Info(last_op_).words() == code_.size() &&
                      (Info(last_op_).flags & irflag::D) && OperandU32(&code_[last_pos_], 0) == Temp(d);
      if (retarget) {
        SetOperandU32(&code_[last_pos_], 0, x);
        if (in.op == Op::LocalSet) {
          Pop();
        } else {
          stack_[d] = Entry{Entry::Local, x, 0};
          alias_[x]++;
        }
        last_pos_ = kNone;
        return OkStatus();
      }
      if (v.kind == Entry::Const)
        EmitConst(x, v.value);
      else if (v.kind == Entry::Local)
        Emit(IrOp::Copy, {x, v.local});
      else
        Emit(IrOp::Copy, {x, Temp(d)});
      last_pos_ = kNone;
      if (in.op == Op::LocalSet) Pop();
      return OkStatus();
    }
    case Op::GlobalGet:
      Emit(IrOp::GlobalGet, {Temp(Height()), in.a});
      PushTemp();
      return OkStatus();
    case Op::GlobalSet: {
      uint32_t s = SlotAt(Height() - 1);
      Emit(IrOp::GlobalSet, {in.a, s});
      Pop();
      last_pos_ = kNone;
      return OkStatus();
    }
    case Op::TableGet: {
      uint32_t h = Height();
      uint32_t i = SlotAt(h - 1);
      uint32_t pos = Emit(IrOp::TableGet, {Temp(h - 1), i, in.a});
      RecordPoint(pos, GasPoint::kTrapSite);
      Pop();
      PushTemp();
      return OkStatus();
    }
    case Op::TableSet: {
      uint32_t h = Height();
      uint32_t v = SlotAt(h - 1), i = SlotAt(h - 2);
      uint32_t pos = Emit(IrOp::TableSet, {i, v, in.a});
      RecordPoint(pos, GasPoint::kTrapSite);
      Pop();
      Pop();
      last_pos_ = kNone;
      return OkStatus();
    }
    case Op::MemorySize:
      Emit(IrOp::MemorySize, {Temp(Height())});
      PushTemp();
      return OkStatus();
    case Op::MemoryGrow: {
      uint32_t h = Height();
      uint32_t n = SlotAt(h - 1);
      Pop();
      EmitLinear(IrOp::MemoryGrow, {Temp(h - 1), n});
      PushTemp();
      return OkStatus();
    }
    case Op::MemoryFill:
    case Op::MemoryCopy: {
      uint32_t s[3];
      PopSlots(3, s);
      EmitLinear(in.op == Op::MemoryFill ? IrOp::MemoryFill : IrOp::MemoryCopy, {s[0], s[1], s[2]});
      return OkStatus();
    }
    case Op::MemoryInit: {
      uint32_t s[3];
      PopSlots(3, s);
      EmitLinear(IrOp::MemoryInit, {s[0], s[1], s[2], in.a});
      return OkStatus();
    }
    case Op::DataDrop:
      Emit(IrOp::DataDrop, {in.a});
      last_pos_ = kNone;
      return OkStatus();
    case Op::TableInit: {
      uint32_t s[3];
      PopSlots(3, s);
      EmitLinear(IrOp::TableInit, {s[0], s[1], s[2], in.b, in.a});
      return OkStatus();
    }
    case Op::ElemDrop:
      Emit(IrOp::ElemDrop, {in.a});
      last_pos_ = kNone;
      return OkStatus();
    case Op::TableCopy: {
      uint32_t s[3];
      PopSlots(3, s);
      EmitLinear(IrOp::TableCopy, {s[0], s[1], s[2], in.a, in.b});
      return OkStatus();
    }
    case Op::TableGrow: {
      uint32_t h = Height();
      uint32_t s[2];
      PopSlots(2, s);
      EmitLinear(IrOp::TableGrow, {Temp(h - 2), s[0], s[1], in.a});
      PushTemp();
      return OkStatus();
    }
    case Op::TableSize:
      Emit(IrOp::TableSize, {Temp(Height()), in.a});
      PushTemp();
      return OkStatus();
    case Op::TableFill: {
      uint32_t s[3];
      PopSlots(3, s);
      EmitLinear(IrOp::TableFill, {s[0], s[1], s[2], in.a});
      return OkStatus();
    }
    case Op::I32Const:
    case Op::F32Const:
    case Op::I64Const:
    case Op::F64Const: {
      uint64_t v = (in.op == Op::I32Const || in.op == Op::F32Const) ? uint32_t(in.imm) : in.imm;
      if (!opt_.const_operands) {
        EmitConst(Temp(Height()), v);
        PushTemp();
        return OkStatus();
      }
      Push(Entry{Entry::Const, 0, v});
      return OkStatus();
    }
    case Op::RefNull:
      Push(Entry{Entry::Const, 0, 0});
      return OkStatus();
    case Op::RefIsNull: {
      uint32_t h = Height();
      uint32_t a = SlotAt(h - 1);
      Pop();
      Emit(IrOp::I64Eqz, {Temp(h - 1), a});
      PushTemp();
      return OkStatus();
    }
    case Op::RefFunc:
      Emit(IrOp::RefFunc, {Temp(Height()), in.a});
      PushTemp();
      return OkStatus();
    default:
      break;
  }

  // Loads and stores.
  IrOp lop = LoadOp(in.op);
  if (lop != IrOp::Exit) {
    uint32_t h = Height();
    uint32_t addr = SlotAt(h - 1);
    Pop();
    uint32_t pos = Emit(lop, {Temp(h - 1), addr, in.a});
    RecordPoint(pos, GasPoint::kTrapSite);
    PushTemp();
    return OkStatus();
  }
  IrOp sop = StoreOp(in.op);
  if (sop != IrOp::Exit) {
    uint32_t h = Height();
    uint32_t v = SlotAt(h - 1), addr = SlotAt(h - 2);
    Pop();
    Pop();
    uint32_t pos = Emit(sop, {addr, v, in.a});
    RecordPoint(pos, GasPoint::kTrapSite);
    last_pos_ = kNone;
    return OkStatus();
  }

  // Numeric.
  NumericMap nm = MapNumeric(in.op);
  if (nm.reg == IrOp::Exit) return Err(std::string("translation: unsupported instruction ") + OpName(in.op));
  IrOp reg = (canon_ && nm.canon != IrOp::Exit) ? nm.canon : nm.reg;
  bool traps = Info(reg).flags & irflag::T;
  uint32_t h = Height();
  uint32_t pos;
  if (nm.unary) {
    uint32_t a = SlotAt(h - 1);
    Pop();
    if (reg == IrOp::Copy) {
      // Reinterpretation: the bits stay where they are.
      if (a == Temp(h - 1)) {
        PushTemp();
        return OkStatus();
      }
    }
    pos = Emit(reg, {Temp(h - 1), a});
  } else {
    Entry& eb = stack_[h - 1];
    Entry& ea = stack_[h - 2];
    bool imm_ok = nm.imm != IrOp::Exit;
    bool is64_imm = imm_ok && Info(nm.imm).n64 == 1;
    if (imm_ok && eb.kind == Entry::Const) {
      uint64_t v = eb.value;
      uint32_t a = SlotAt(h - 2);
      IrOp op = nm.imm;
      // x - c  ==>  x + (-c)
      if (reg == IrOp::I32Sub) { op = IrOp::I32AddImm; v = uint32_t(0u - uint32_t(v)); }
      if (reg == IrOp::I64Sub) { op = IrOp::I64AddImm; v = 0ull - v; }
      Pop();
      Pop();
      if (is64_imm)
        pos = Emit(op, {Temp(h - 2), a}, {v});
      else
        pos = Emit(op, {Temp(h - 2), a, uint32_t(v)});
    } else if (imm_ok && nm.commutative && ea.kind == Entry::Const) {
      uint64_t v = ea.value;
      uint32_t b = SlotAt(h - 1);
      Pop();
      Pop();
      if (is64_imm)
        pos = Emit(nm.imm, {Temp(h - 2), b}, {v});
      else
        pos = Emit(nm.imm, {Temp(h - 2), b, uint32_t(v)});
    } else {
      uint32_t b = SlotAt(h - 1), a = SlotAt(h - 2);
      Pop();
      Pop();
      pos = Emit(reg, {Temp(h - 2), a, b});
    }
  }
  if (traps) RecordPoint(pos, GasPoint::kTrapSite);
  PushTemp();
  return OkStatus();
}

}  // namespace

Status TranslateFunction(const Module& m, uint32_t defined_index, CompiledFunction* out) {
  const MeteringConfig& mc = m.config().metering;
  if (mc.enabled && mc.function_costs) {
    FunctionCosts fc = mc.function_costs(m, defined_index, mc.function_costs_user);
    out->entry_cost = fc.entry_cost;
    out->stack_cost = fc.stack_cost;
  }
  out->type_id = CanonicalTypeId(m.types()[m.bodies()[defined_index].type_index]);
  Translator t(m, defined_index, out);
  return t.Run();
}

}  // namespace nearrt::wasm
