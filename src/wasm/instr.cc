#include "wasm/instr.h"

namespace nearrt::wasm {
namespace {

enum class Imm : uint8_t {
  None, Block, Index, BrTable, CallIndirect, SelectT, Mem, ZeroByte, I32, I64, F32, F64, RefType,
  MemoryInit, MemoryCopy, TableInit, TableCopy
};

struct OpInfo {
  const char* name = nullptr;
  Imm imm = Imm::None;
};

struct OpTable {
  OpInfo single[256];
  OpInfo prefixed[32];
  OpTable() {
#define WASM_OP(name_, code, imm_, text)         \
  if ((code) < 0x100) {                          \
    single[code] = OpInfo{text, Imm::imm_};      \
  } else {                                       \
    prefixed[(code)-0x100] = OpInfo{text, Imm::imm_}; \
  }
#include "wasm/opcodes.def"
#undef WASM_OP
  }
};

const OpTable& Table() {
  static const OpTable table;
  return table;
}

bool FeatureEnabled(uint32_t code, const Features& f) {
  if (code >= 0xC0 && code <= 0xC4) return f.sign_extension;
  if (code >= 0x100 && code <= 0x107) return f.saturating_float_to_int;
  if (code >= 0x108 && code <= 0x10E) return f.bulk_memory;
  if (code >= 0x10F && code <= 0x111) return f.reference_types;
  if (code == 0xD0 || code == 0xD1 || code == 0xD2 || code == 0x1C || code == 0x25 || code == 0x26)
    return f.reference_types;
  if ((code >= 0x2A && code <= 0x2B) || (code >= 0x38 && code <= 0x39) ||
      (code >= 0x43 && code <= 0x44) || (code >= 0x5B && code <= 0x66) ||
      (code >= 0x8B && code <= 0xA6) || (code >= 0xA8 && code <= 0xAB) ||
      (code >= 0xAE && code <= 0xBB) || (code >= 0xBC && code <= 0xBF))
    return f.floats;
  return true;
}

}  // namespace

const char* OpName(Op op) {
  uint32_t code = uint32_t(op);
  const OpInfo& info = code < 0x100 ? Table().single[code] : Table().prefixed[code - 0x100];
  return info.name ? info.name : "<unknown>";
}

bool ReadValType(BinaryReader& r, const Features& f, ValType* out) {
  uint8_t b;
  if (!r.ReadU8(&b)) return false;
  switch (b) {
    case 0x7F: case 0x7E: case 0x7D: case 0x7C:
      *out = ValType(b);
      return true;
    case 0x70:
      *out = ValType::FuncRef;
      return true;
    case 0x6F:
      if (!f.reference_types) return false;
      *out = ValType::ExternRef;
      return true;
    default:
      return false;
  }
}

bool ReadInstr(BinaryReader& r, const Features& f, Instr* out, std::vector<uint32_t>* br_targets,
               std::string* error) {
  out->offset = r.Offset();
  uint8_t first;
  if (!r.ReadU8(&first)) {
    *error = "unexpected end of function body";
    return false;
  }
  uint32_t code = first;
  const OpInfo* info;
  if (first == 0xFC) {
    uint32_t sub;
    if (!r.ReadU32(&sub)) {
      *error = "malformed prefixed opcode";
      return false;
    }
    if (sub >= 32) {
      *error = "illegal opcode 0xfc " + std::to_string(sub);
      return false;
    }
    code = 0x100 + sub;
    info = &Table().prefixed[sub];
  } else {
    info = &Table().single[first];
  }
  if (!info->name || !FeatureEnabled(code, f)) {
    *error = "illegal opcode " + std::to_string(code);
    return false;
  }
  out->op = Op(code);
  out->a = out->b = 0;
  out->imm = 0;
  bool ok = true;
  switch (info->imm) {
    case Imm::None:
      break;
    case Imm::Block: {
      uint8_t b = 0;
      if (!r.PeekU8(&b)) { ok = false; break; }
      if (b == 0x40) {
        r.Skip(1);
        out->block.kind = BlockType::Kind::Empty;
      } else if (b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x70 || b == 0x6F) {
        out->block.kind = BlockType::Kind::Value;
        ok = ReadValType(r, f, &out->block.value);
      } else {
        int64_t idx;
        if (!r.ReadS33(&idx) || idx < 0) { ok = false; break; }
        if (!f.multi_value) {
          *error = "block type index requires multi-value";
          return false;
        }
        out->block.kind = BlockType::Kind::TypeIndex;
        out->block.type_index = uint32_t(idx);
      }
      break;
    }
    case Imm::Index:
      ok = r.ReadU32(&out->a);
      break;
    case Imm::BrTable: {
      uint32_t n;
      if (!r.ReadU32(&n)) { ok = false; break; }
      // Each target takes at least one byte: a count beyond the rest of the
      // body is malformed (and must not allocate).
      if (n > r.Remaining()) { ok = false; break; }
      br_targets->clear();
      br_targets->reserve(n);
      for (uint32_t i = 0; i < n && ok; ++i) {
        uint32_t t;
        ok = r.ReadU32(&t);
        br_targets->push_back(t);
      }
      if (ok) ok = r.ReadU32(&out->a);
      break;
    }
    case Imm::CallIndirect:
      ok = r.ReadU32(&out->a);
      if (!ok) break;
      if (f.reference_types) {
        ok = r.ReadU32(&out->b);
      } else {
        uint8_t z;
        ok = r.ReadU8(&z);
        if (ok && z != 0) {
          *error = "zero byte expected";
          return false;
        }
      }
      break;
    case Imm::SelectT: {
      uint32_t n;
      if (!r.ReadU32(&n)) { ok = false; break; }
      if (n != 1) {
        *error = "invalid result arity";
        return false;
      }
      ValType t = ValType::I32;
      ok = ReadValType(r, f, &t);
      out->imm = uint64_t(t);
      break;
    }
    case Imm::Mem:
      ok = r.ReadU32(&out->b) && r.ReadU32(&out->a);
      break;
    case Imm::ZeroByte: {
      uint8_t z;
      ok = r.ReadU8(&z);
      if (ok && z != 0) {
        *error = "zero byte expected";
        return false;
      }
      break;
    }
    case Imm::I32: {
      int32_t v = 0;
      ok = r.ReadS32(&v);
      out->imm = uint32_t(v);
      break;
    }
    case Imm::I64: {
      int64_t v = 0;
      ok = r.ReadS64(&v);
      out->imm = uint64_t(v);
      break;
    }
    case Imm::F32: {
      uint32_t v = 0;
      ok = r.ReadFixed32(&v);
      out->imm = v;
      break;
    }
    case Imm::F64:
      ok = r.ReadFixed64(&out->imm);
      break;
    case Imm::RefType: {
      uint8_t b = 0;
      ok = r.ReadU8(&b);
      if (ok && b != 0x70 && b != 0x6F) {
        *error = "malformed reference type";
        return false;
      }
      out->imm = b;
      break;
    }
    case Imm::MemoryInit: {
      ok = r.ReadU32(&out->a);
      uint8_t z;
      if (ok) ok = r.ReadU8(&z);
      if (ok && z != 0) {
        *error = "zero byte expected";
        return false;
      }
      break;
    }
    case Imm::MemoryCopy: {
      uint8_t z1, z2;
      ok = r.ReadU8(&z1) && r.ReadU8(&z2);
      if (ok && (z1 != 0 || z2 != 0)) {
        *error = "zero byte expected";
        return false;
      }
      break;
    }
    case Imm::TableInit:
      ok = r.ReadU32(&out->a) && r.ReadU32(&out->b);  // elem, table
      break;
    case Imm::TableCopy:
      ok = r.ReadU32(&out->a) && r.ReadU32(&out->b);  // dst, src
      break;
  }
  if (!ok) {
    *error = std::string("malformed immediate of ") + info->name;
    return false;
  }
  return true;
}

}  // namespace nearrt::wasm
