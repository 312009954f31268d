#include "near_mock.h"

#include <cstring>

namespace nearrt::bench {

using wasm::ExternKind;
using wasm::ExternVal;
using wasm::FuncType;
using wasm::HostCall;
using wasm::TrapCode;
using wasm::ValType;

std::vector<NearCall> FtWorkload(uint32_t users) {
  const std::string owner = "owner.near";
  std::vector<NearCall> calls;
  calls.push_back({"new_default_meta",
                   "{\"owner_id\":\"owner.near\",\"total_supply\":\"1000000000000000000000000000000000\"}", owner});
  for (uint32_t i = 0; i < users; ++i) {
    std::string user = "user" + std::to_string(i) + ".near";
    // 10^23 yoctoNEAR: more than the storage minimum, so the contract refunds.
    calls.push_back({"storage_deposit", "{\"account_id\":\"" + user + "\"}", owner, 0x02c7e14af6800000ull, 0x152d});
    calls.push_back({"ft_transfer",
                     "{\"receiver_id\":\"" + user + "\",\"amount\":\"" + std::to_string(1000 + i) + "\"}", owner,
                     1});
    calls.push_back({"ft_balance_of", "{\"account_id\":\"" + user + "\"}", owner});
  }
  return calls;
}

// The host functions. Arguments and results are raw 64-bit slots.
struct Host {
  static MockNear* Self(HostCall& c) { return static_cast<MockNear*>(c.env); }

  static TrapCode Fail(HostCall& c, std::string msg) {
    Self(c)->error_ = std::move(msg);
    return TrapCode::HostError;
  }
  static bool Read(HostCall& c, uint64_t ptr, uint64_t len, std::string* out) {
    if (!c.memory || !c.memory->InBounds(ptr, len)) return false;
    out->assign(reinterpret_cast<const char*>(c.memory->data() + ptr), len);
    return true;
  }
  static bool Write(HostCall& c, uint64_t ptr, const void* data, uint64_t len) {
    if (!c.memory || !c.memory->InBounds(ptr, len)) return false;
    if (len) std::memcpy(c.memory->data() + ptr, data, len);
    return true;
  }
  static TrapCode SetRegister(HostCall& c, uint64_t id, std::string v) {
    Self(c)->registers_[id] = std::move(v);
    return TrapCode::None;
  }
  static TrapCode WriteU128(HostCall& c, uint64_t ptr, uint64_t lo, uint64_t hi) {
    uint8_t b[16];
    for (int i = 0; i < 8; ++i) {
      b[i] = uint8_t(lo >> (8 * i));
      b[8 + i] = uint8_t(hi >> (8 * i));
    }
    return Write(c, ptr, b, 16) ? TrapCode::None : Fail(c, "u128 pointer out of bounds");
  }

  // Registers.
  static TrapCode read_register(HostCall& c, uint64_t* s) {
    auto& r = Self(c)->registers_;
    auto it = r.find(s[0]);
    if (it == r.end()) return Fail(c, "read_register: invalid register id");
    return Write(c, s[1], it->second.data(), it->second.size()) ? TrapCode::None
                                                                 : Fail(c, "read_register: out of bounds");
  }
  static TrapCode register_len(HostCall& c, uint64_t* s) {
    auto& r = Self(c)->registers_;
    auto it = r.find(s[0]);
    s[0] = it == r.end() ? ~0ull : it->second.size();
    return TrapCode::None;
  }
  static TrapCode write_register(HostCall& c, uint64_t* s) {
    std::string v;
    if (!Read(c, s[2], s[1], &v)) return Fail(c, "write_register: out of bounds");
    return SetRegister(c, s[0], std::move(v));
  }

  // Context.
  static TrapCode current_account_id(HostCall& c, uint64_t* s) { return SetRegister(c, s[0], "ft.near"); }
  static TrapCode signer_account_id(HostCall& c, uint64_t* s) {
    return SetRegister(c, s[0], Self(c)->call_->predecessor);
  }
  static TrapCode predecessor_account_id(HostCall& c, uint64_t* s) {
    return SetRegister(c, s[0], Self(c)->call_->predecessor);
  }
  static TrapCode signer_account_pk(HostCall& c, uint64_t* s) { return SetRegister(c, s[0], std::string(33, '\0')); }
  static TrapCode input(HostCall& c, uint64_t* s) { return SetRegister(c, s[0], Self(c)->call_->input); }
  static TrapCode random_seed(HostCall& c, uint64_t* s) { return SetRegister(c, s[0], std::string(32, '\7')); }
  static TrapCode block_index(HostCall& c, uint64_t* s) {
    s[0] = 1000;
    return TrapCode::None;
  }
  static TrapCode block_timestamp(HostCall& c, uint64_t* s) {
    s[0] = 1700000000000000000ull;
    return TrapCode::None;
  }
  static TrapCode epoch_height(HostCall& c, uint64_t* s) {
    s[0] = 10;
    return TrapCode::None;
  }
  static TrapCode storage_usage(HostCall& c, uint64_t* s) {
    s[0] = Self(c)->storage_usage_;
    return TrapCode::None;
  }
  static TrapCode prepaid_gas(HostCall& c, uint64_t* s) {
    s[0] = 300000000000000ull;
    return TrapCode::None;
  }
  static TrapCode used_gas(HostCall& c, uint64_t* s) {
    s[0] = 0;
    return TrapCode::None;
  }
  static TrapCode account_balance(HostCall& c, uint64_t* s) {
    return WriteU128(c, s[0], 0x9fd0803ce8000000ull, 0x33b2e3c);  // 10^27
  }
  static TrapCode account_locked_balance(HostCall& c, uint64_t* s) { return WriteU128(c, s[0], 0, 0); }
  static TrapCode attached_deposit(HostCall& c, uint64_t* s) {
    return WriteU128(c, s[0], Self(c)->call_->deposit_lo, Self(c)->call_->deposit_hi);
  }

  // Outcome.
  static TrapCode value_return(HostCall& c, uint64_t* s) {
    std::string v;
    if (!Read(c, s[1], s[0], &v)) return Fail(c, "value_return: out of bounds");
    Self(c)->outcome_ += "R:" + v + "\n";
    return TrapCode::None;
  }
  static TrapCode log_utf8(HostCall& c, uint64_t* s) {
    std::string v;
    if (!Read(c, s[1], s[0], &v)) return Fail(c, "log_utf8: out of bounds");
    Self(c)->outcome_ += "L:" + v + "\n";
    return TrapCode::None;
  }
  static TrapCode panic(HostCall& c, uint64_t* s) { return Fail(c, "panic"); }
  static TrapCode panic_utf8(HostCall& c, uint64_t* s) {
    std::string v;
    if (!Read(c, s[1], s[0], &v)) v = "(message out of bounds)";
    return Fail(c, "panic_utf8: " + v);
  }
  static TrapCode abort(HostCall& c, uint64_t* s) { return Fail(c, "abort"); }

  // Promises: recorded, never run.
  static TrapCode promise_batch_create(HostCall& c, uint64_t* s) {
    std::string a;
    if (!Read(c, s[1], s[0], &a)) return Fail(c, "promise_batch_create: out of bounds");
    Self(c)->outcome_ += "P:" + a + "\n";
    s[0] = Self(c)->promises_++;
    return TrapCode::None;
  }
  static TrapCode promise_batch_action_transfer(HostCall& c, uint64_t* s) {
    std::string amount;
    if (!Read(c, s[1], 16, &amount)) return Fail(c, "promise_batch_action_transfer: out of bounds");
    static const char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char ch : amount) hex += {kHex[ch >> 4], kHex[ch & 15]};
    Self(c)->outcome_ += "T:" + std::to_string(s[0]) + ":" + hex + "\n";
    return TrapCode::None;
  }

  // Storage. Usage follows nearcore's accounting: 40 extra bytes per record.
  static TrapCode storage_write(HostCall& c, uint64_t* s) {
    MockNear* m = Self(c);
    std::string k, v;
    if (!Read(c, s[1], s[0], &k) || !Read(c, s[3], s[2], &v)) return Fail(c, "storage_write: out of bounds");
    auto it = m->storage_.find(k);
    if (it != m->storage_.end()) {
      m->storage_usage_ += v.size();
      m->storage_usage_ -= it->second.size();
      m->registers_[s[4]] = std::move(it->second);
      it->second = std::move(v);
      s[0] = 1;
    } else {
      m->storage_usage_ += k.size() + v.size() + 40;
      m->storage_.emplace(std::move(k), std::move(v));
      s[0] = 0;
    }
    return TrapCode::None;
  }
  static TrapCode storage_read(HostCall& c, uint64_t* s) {
    MockNear* m = Self(c);
    std::string k;
    if (!Read(c, s[1], s[0], &k)) return Fail(c, "storage_read: out of bounds");
    auto it = m->storage_.find(k);
    if (it == m->storage_.end()) {
      s[0] = 0;
    } else {
      m->registers_[s[2]] = it->second;
      s[0] = 1;
    }
    return TrapCode::None;
  }
  static TrapCode storage_remove(HostCall& c, uint64_t* s) {
    MockNear* m = Self(c);
    std::string k;
    if (!Read(c, s[1], s[0], &k)) return Fail(c, "storage_remove: out of bounds");
    auto it = m->storage_.find(k);
    if (it == m->storage_.end()) {
      s[0] = 0;
    } else {
      m->storage_usage_ -= k.size() + it->second.size() + 40;
      m->registers_[s[2]] = std::move(it->second);
      m->storage_.erase(it);
      s[0] = 1;
    }
    return TrapCode::None;
  }
  static TrapCode storage_has_key(HostCall& c, uint64_t* s) {
    std::string k;
    if (!Read(c, s[1], s[0], &k)) return Fail(c, "storage_has_key: out of bounds");
    s[0] = Self(c)->storage_.count(k);
    return TrapCode::None;
  }

  static TrapCode unknown(HostCall& c, uint64_t* s) {
    auto* u = static_cast<MockNear::Unknown*>(c.env);
    u->self->error_ = "host function env." + u->name + " is not implemented by the benchmark's NEAR mock";
    return TrapCode::HostError;
  }
};

namespace {

struct HostEntry {
  const char* name;
  wasm::HostFunction fn;
  uint32_t params, results;
};

#define NEAR_HOST(name, p, r) {#name, &Host::name, p, r}
const HostEntry kHosts[] = {
    NEAR_HOST(read_register, 2, 0),
    NEAR_HOST(register_len, 1, 1),
    NEAR_HOST(write_register, 3, 0),
    NEAR_HOST(current_account_id, 1, 0),
    NEAR_HOST(signer_account_id, 1, 0),
    NEAR_HOST(signer_account_pk, 1, 0),
    NEAR_HOST(predecessor_account_id, 1, 0),
    NEAR_HOST(input, 1, 0),
    NEAR_HOST(random_seed, 1, 0),
    NEAR_HOST(block_index, 0, 1),
    NEAR_HOST(block_timestamp, 0, 1),
    NEAR_HOST(epoch_height, 0, 1),
    NEAR_HOST(storage_usage, 0, 1),
    NEAR_HOST(prepaid_gas, 0, 1),
    NEAR_HOST(used_gas, 0, 1),
    NEAR_HOST(account_balance, 1, 0),
    NEAR_HOST(account_locked_balance, 1, 0),
    NEAR_HOST(attached_deposit, 1, 0),
    NEAR_HOST(value_return, 2, 0),
    NEAR_HOST(log_utf8, 2, 0),
    NEAR_HOST(panic, 0, 0),
    NEAR_HOST(panic_utf8, 2, 0),
    NEAR_HOST(abort, 4, 0),
    NEAR_HOST(promise_batch_create, 2, 1),
    NEAR_HOST(promise_batch_action_transfer, 2, 0),
    NEAR_HOST(storage_write, 5, 1),
    NEAR_HOST(storage_read, 3, 1),
    NEAR_HOST(storage_remove, 3, 1),
    NEAR_HOST(storage_has_key, 2, 1),
};
#undef NEAR_HOST

}  // namespace

Result<std::vector<ExternVal>> MockNear::Link(const wasm::Module& module, wasm::Store& store) {
  std::vector<ExternVal> externs;
  unknown_.clear();
  for (const wasm::Import& imp : module.imports()) {
    ExternVal ev;
    ev.kind = imp.kind;
    if (imp.kind == ExternKind::Memory) {
      ev.memory = store.AddMemory(imp.memory);
    } else if (imp.kind != ExternKind::Func || imp.module != "env") {
      return Err("import " + imp.module + "." + imp.name + " is not supported by the NEAR mock");
    } else {
      const FuncType& type = module.types()[imp.func_type];
      const HostEntry* entry = nullptr;
      for (const HostEntry& h : kHosts)
        if (imp.name == h.name) entry = &h;
      if (entry && (type.params.size() != entry->params || type.results.size() != entry->results))
        return Err("env." + imp.name + " has an unexpected type " + wasm::FuncTypeToString(type));
      if (entry) {
        ev.func = store.AddHostFunction(type, entry->fn, this);
      } else {
        unknown_.push_back({this, imp.name});
        ev.func = store.AddHostFunction(type, &Host::unknown, &unknown_.back());
      }
    }
    externs.push_back(ev);
  }
  return externs;
}

void MockNear::Reset() {
  storage_.clear();
  registers_.clear();
  storage_usage_ = 100000;
  promises_ = 0;
  digest_ = 2166136261u;
  error_.clear();
}

void MockNear::Begin(const NearCall& call) {
  call_ = &call;
  registers_.clear();
  outcome_.clear();
  promises_ = 0;
}

void MockNear::Finish(const NearCall& call) {
  Mix(call.method + "\n");
  Mix(outcome_);
  call_ = nullptr;
}

void MockNear::Mix(const std::string& s) {
  for (unsigned char ch : s) digest_ = (digest_ ^ ch) * 16777619u;
}

uint32_t MockNear::Digest() const {
  MockNear copy = *this;
  for (const auto& [k, v] : storage_) {
    copy.Mix("K:" + k + "\n");
    copy.Mix("V:" + v + "\n");
  }
  return copy.digest_;
}

}  // namespace nearrt::bench
