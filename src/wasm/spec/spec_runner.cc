#include "wasm/spec/spec_runner.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "util/bytes.h"
#include "wasm/module.h"
#include "wasm/runtime.h"

#if !defined(__EMSCRIPTEN__)
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace nearrt::wasm::spec {

using json = nlohmann::json;

void SpecCounts::Add(const std::string& type, int outcome) {
  auto& c = by_type[type];
  c[size_t(outcome)]++;
  if (outcome == 0) passed++;
  if (outcome == 1) failed++;
  if (outcome == 2) skipped++;
}

void SpecCounts::Merge(const SpecCounts& o) {
  passed += o.passed;
  failed += o.failed;
  skipped += o.skipped;
  for (const auto& [k, v] : o.by_type)
    for (int i = 0; i < 3; ++i) by_type[k][i] += v[i];
}

namespace {

std::string Dirname(const std::string& p) {
  size_t s = p.rfind('/');
  return s == std::string::npos ? "." : p.substr(0, s);
}

const std::string* GetString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

// The "spectest" host module of the reference interpreter.
TrapCode SpectestPrint(HostCall&, uint64_t*) { return TrapCode::None; }

// Externref values from the test harness: N is stored as N + 1 (0 is null).
struct ParsedValue {
  ValType type = ValType::I32;
  uint64_t bits = 0;
  enum Kind { kExact, kNanCanonical, kNanArithmetic, kAnyNonNull } kind = kExact;
};

bool ParseValue(const json& v, ParsedValue* out) {
  const std::string* type = GetString(v, "type");
  const std::string* value = GetString(v, "value");
  if (!type) return false;
  if (*type == "i32") out->type = ValType::I32;
  else if (*type == "i64") out->type = ValType::I64;
  else if (*type == "f32") out->type = ValType::F32;
  else if (*type == "f64") out->type = ValType::F64;
  else if (*type == "externref") out->type = ValType::ExternRef;
  else if (*type == "funcref") out->type = ValType::FuncRef;
  else return false;  // v128 etc.
  if (!value) {
    out->kind = ParsedValue::kAnyNonNull;
    return true;
  }
  if (*value == "nan:canonical") {
    out->kind = ParsedValue::kNanCanonical;
    return true;
  }
  if (*value == "nan:arithmetic") {
    out->kind = ParsedValue::kNanArithmetic;
    return true;
  }
  if (*value == "null") {
    out->bits = 0;
    return true;
  }
  char* end = nullptr;
  unsigned long long n = std::strtoull(value->c_str(), &end, 10);
  if (end == value->c_str() || *end) return false;
  out->bits = n;
  if (out->type == ValType::ExternRef) out->bits = n + 1;
  if (out->type == ValType::FuncRef) out->kind = ParsedValue::kAnyNonNull;
  return true;
}

bool Matches(const ParsedValue& e, uint64_t bits) {
  switch (e.type) {
    case ValType::I32:
      return uint32_t(bits) == uint32_t(e.bits);
    case ValType::F32: {
      uint32_t b = uint32_t(bits);
      if (e.kind == ParsedValue::kNanCanonical) return (b & 0x7FFFFFFFu) == 0x7FC00000u;
      if (e.kind == ParsedValue::kNanArithmetic) return (b & 0x7FC00000u) == 0x7FC00000u;
      return b == uint32_t(e.bits);
    }
    case ValType::F64:
      if (e.kind == ParsedValue::kNanCanonical) return (bits & 0x7FFFFFFFFFFFFFFFull) == 0x7FF8000000000000ull;
      if (e.kind == ParsedValue::kNanArithmetic) return (bits & 0x7FF8000000000000ull) == 0x7FF8000000000000ull;
      return bits == e.bits;
    case ValType::FuncRef:
    case ValType::ExternRef:
      if (e.kind == ParsedValue::kAnyNonNull) return bits != 0;
      return bits == e.bits;
    default:
      return bits == e.bits;
  }
}

class Runner {
 public:
  Runner(const std::string& dir, const SpecOptions& opts, std::ostream& log)
      : dir_(dir), opts_(opts), log_(log) {
    SetupSpectest();
  }

  void Run(const json& commands, SpecCounts* counts);

 private:
  void SetupSpectest() {
    auto add = [&](const char* name, std::vector<ValType> params) {
      ExternVal v;
      v.kind = ExternKind::Func;
      v.func = store_.AddHostFunction(FuncType{params, {}}, SpectestPrint, nullptr);
      spectest_[name] = v;
    };
    add("print", {});
    add("print_i32", {ValType::I32});
    add("print_i64", {ValType::I64});
    add("print_f32", {ValType::F32});
    add("print_f64", {ValType::F64});
    add("print_i32_f32", {ValType::I32, ValType::F32});
    add("print_f64_f64", {ValType::F64, ValType::F64});
    auto global = [&](const char* name, ValType t, uint64_t bits) {
      ExternVal v;
      v.kind = ExternKind::Global;
      v.global = store_.AddGlobal(GlobalType{t, false}, bits);
      spectest_[name] = v;
    };
    global("global_i32", ValType::I32, 666);
    global("global_i64", ValType::I64, 666);
    global("global_f32", ValType::F32, 0x4426a666u);          // 666.6f
    global("global_f64", ValType::F64, 0x4084d4cccccccccdull);  // 666.6
    ExternVal t;
    t.kind = ExternKind::Table;
    Limits tl;
    tl.min = 10;
    tl.max = 20;
    tl.has_max = true;
    t.table = store_.AddTable(TableType{ValType::FuncRef, tl});
    spectest_["table"] = t;
    ExternVal mem;
    mem.kind = ExternKind::Memory;
    Limits ml;
    ml.min = 1;
    ml.max = 2;
    ml.has_max = true;
    mem.memory = store_.AddMemory(MemoryType{ml});
    spectest_["memory"] = mem;
  }

  ModuleConfig Config() const {
    ModuleConfig c;
    c.features = opts_.features;
    c.canonicalize_nans = opts_.canonicalize_nans;
    c.eager_translation = opts_.eager_translation;
    if (opts_.unoptimized) c.translator = TranslatorOptions::None();
    if (opts_.metered || opts_.gas_sweep) {
      c.metering.enabled = true;
      c.metering.op_cost = 1;
    }
    return c;
  }

  Result<std::shared_ptr<Module>> Load(const std::string& filename) {
    NEARRT_ASSIGN_OR_RETURN(Bytes bytes, ReadFile(dir_ + "/" + filename));
    return Module::Decode(bytes, Config());
  }

  // Resolves imports against spectest and registered instances.
  Result<std::vector<ExternVal>> Link(const Module& m) {
    std::vector<ExternVal> out;
    for (const Import& imp : m.imports()) {
      ExternVal v;
      if (imp.module == "spectest") {
        auto it = spectest_.find(imp.name);
        if (it == spectest_.end()) return Err("unknown import spectest." + imp.name);
        v = it->second;
      } else {
        auto it = registered_.find(imp.module);
        if (it == registered_.end() || !it->second->GetExport(imp.name, &v))
          return Err("unknown import " + imp.module + "." + imp.name);
      }
      out.push_back(v);
    }
    return out;
  }

  void ResetThread() {
    thread_.set_gas(gas_limit_);
    thread_.set_stack_budget(~0ull);
  }

  Instance* FindInstance(const json& action) {
    const std::string* name = GetString(action, "module");
    if (!name) return current_;
    auto it = named_.find(*name);
    return it == named_.end() ? nullptr : it->second;
  }

  // Performs an action; returns false with `why` on harness errors.
  bool DoAction(const json& action, ExecResult* exec, std::vector<uint64_t>* results, std::string* why) {
    Instance* inst = FindInstance(action);
    if (!inst) {
      *why = "no module";
      return false;
    }
    const std::string* type = GetString(action, "type");
    const std::string* field = GetString(action, "field");
    if (!type || !field) {
      *why = "bad action";
      return false;
    }
    if (*type == "get") {
      GlobalInstance* g = inst->GetGlobal(*field);
      if (!g) {
        *why = "no global " + *field;
        return false;
      }
      *exec = ExecResult{};
      results->assign(1, g->value);
      return true;
    }
    FuncInst* f = inst->GetFunction(*field);
    if (!f) {
      *why = "no function " + *field;
      return false;
    }
    std::vector<uint64_t> args;
    auto ait = action.find("args");
    if (ait != action.end() && ait->is_array()) {
      for (const auto& a : *ait) {
        ParsedValue pv;
        if (!ParseValue(a, &pv)) {
          *why = "unsupported argument";
          return false;
        }
        args.push_back(pv.bits);
      }
    }
    ResetThread();
    *exec = thread_.Invoke(f, args, results);
    return true;
  }

  // See SpecOptions::gas_sweep. Returns an error description or "".
  std::string GasSweep(const json& action, const ExecResult& first, Instance* target,
                       const Instance::State& before) {
    const std::string* type = GetString(action, "type");
    if (!type || *type != "invoke") return "";
    uint64_t used = ~0ull - first.gas_left;
    ExecResult r;
    std::vector<uint64_t> res;
    std::string why;
    if (used > 0) {
      gas_limit_ = used - 1;
      target->RestoreState(before);
      DoAction(action, &r, &res, &why);
      if (r.trap != TrapCode::OutOfGas)
        return "with gas " + std::to_string(used - 1) + " (one below the " + std::to_string(used) +
               " used) expected out of gas, got " + TrapMessage(r.trap);
      if (r.gas_left > used - 1 || r.oog_attempted <= r.gas_left)
        return "inconsistent out-of-gas report: left " + std::to_string(r.gas_left) + " attempted " +
               std::to_string(r.oog_attempted);
      // A smaller budget somewhere in the middle must run out too.
      gas_limit_ = used / 2;
      target->RestoreState(before);
      DoAction(action, &r, &res, &why);
      if (r.trap != TrapCode::OutOfGas && used / 2 < used)
        return "with gas " + std::to_string(used / 2) + " expected out of gas, got " + TrapMessage(r.trap);
    }
    gas_limit_ = used;
    target->RestoreState(before);
    DoAction(action, &r, &res, &why);
    gas_limit_ = ~0ull;
    if (r.trap != first.trap) return std::string("with exactly the gas used, got ") + TrapMessage(r.trap);
    if (r.gas_left != 0) return "with exactly the gas used, " + std::to_string(r.gas_left) + " left";
    return "";
  }

  void Fail(SpecCounts* counts, const std::string& type, int line, const std::string& why) {
    counts->Add(type, 1);
    if (opts_.verbose) log_ << "  line " << line << ": " << type << " failed: " << why << "\n";
  }

  std::string dir_;
  SpecOptions opts_;
  std::ostream& log_;
  Store store_;
  Thread thread_;
  std::map<std::string, ExternVal> spectest_;
  std::map<std::string, Instance*> registered_;
  std::map<std::string, Instance*> named_;
  Instance* current_ = nullptr;
  uint64_t gas_limit_ = ~0ull;
};

void Runner::Run(const json& commands, SpecCounts* counts) {
  for (const json& cmd : commands) {
    const std::string* type = GetString(cmd, "type");
    if (!type) continue;
    int line = 0;
    if (auto it = cmd.find("line"); it != cmd.end() && it->is_number_integer()) line = it->get<int>();
    const std::string& t = *type;

    if (t == "module") {
      const std::string* file = GetString(cmd, "filename");
      current_ = nullptr;
      if (!file) {
        Fail(counts, t, line, "no filename");
        continue;
      }
      auto mod = Load(*file);
      if (!mod.ok()) {
        Fail(counts, t, line, mod.error().message);
        continue;
      }
      auto imports = Link(**mod);
      if (!imports.ok()) {
        Fail(counts, t, line, imports.error().message);
        continue;
      }
      ResetThread();
      auto inst = store_.Instantiate(*mod, *imports, thread_);
      if (!inst.ok()) {
        Fail(counts, t, line, inst.error().message);
        continue;
      }
      if (!inst->exec.ok()) {
        Fail(counts, t, line, std::string("instantiation trapped: ") + TrapMessage(inst->exec.trap));
        continue;
      }
      current_ = inst->instance;
      if (const std::string* name = GetString(cmd, "name")) named_[*name] = current_;
      counts->Add(t, 0);
    } else if (t == "register") {
      const std::string* as = GetString(cmd, "as");
      Instance* inst = current_;
      if (const std::string* name = GetString(cmd, "name")) {
        auto it = named_.find(*name);
        inst = it == named_.end() ? nullptr : it->second;
      }
      if (!as || !inst) {
        Fail(counts, t, line, "nothing to register");
        continue;
      }
      registered_[*as] = inst;
      counts->Add(t, 0);
    } else if (t == "action" || t == "assert_return" || t == "assert_trap" || t == "assert_exhaustion") {
      auto ait = cmd.find("action");
      if (ait == cmd.end() || !ait->is_object()) {
        Fail(counts, t, line, "no action");
        continue;
      }
      ExecResult exec;
      std::vector<uint64_t> results;
      std::string why;
      Instance* target = FindInstance(*ait);
      Instance::State before;
      if (opts_.gas_sweep && target) before = target->SaveState();
      if (!DoAction(*ait, &exec, &results, &why)) {
        Fail(counts, t, line, why);
        continue;
      }
      if (opts_.gas_sweep && target && exec.trap != TrapCode::CallStackExhausted) {
        Instance::State after = target->SaveState();
        std::string err = GasSweep(*ait, exec, target, before);
        target->RestoreState(after);
        if (!err.empty()) {
          Fail(counts, "gas_sweep", line, err);
        } else {
          counts->Add("gas_sweep", 0);
        }
      }
      if (t == "action") {
        if (exec.ok()) counts->Add(t, 0);
        else Fail(counts, t, line, std::string("trapped: ") + TrapMessage(exec.trap));
      } else if (t == "assert_trap") {
        if (!exec.ok() && exec.trap != TrapCode::CallStackExhausted) counts->Add(t, 0);
        else Fail(counts, t, line, exec.ok() ? "no trap" : "exhaustion instead of trap");
      } else if (t == "assert_exhaustion") {
        if (exec.trap == TrapCode::CallStackExhausted) counts->Add(t, 0);
        else Fail(counts, t, line, exec.ok() ? "no trap" : std::string("trap: ") + TrapMessage(exec.trap));
      } else {
        if (!exec.ok()) {
          Fail(counts, t, line, std::string("trapped: ") + TrapMessage(exec.trap));
          continue;
        }
        auto eit = cmd.find("expected");
        if (eit == cmd.end() || !eit->is_array() || eit->size() != results.size()) {
          Fail(counts, t, line, "result count mismatch");
          continue;
        }
        bool ok = true;
        std::string detail;
        for (size_t i = 0; i < results.size(); ++i) {
          ParsedValue pv;
          if (!ParseValue((*eit)[i], &pv)) {
            ok = false;
            detail = "unsupported expected value";
            break;
          }
          if (!Matches(pv, results[i])) {
            ok = false;
            detail = "result " + std::to_string(i) + " = " + std::to_string(results[i]) + ", expected " +
                     (*eit)[i].dump();
            break;
          }
        }
        if (ok) counts->Add(t, 0);
        else Fail(counts, t, line, detail);
      }
    } else if (t == "assert_invalid" || t == "assert_malformed") {
      const std::string* mt = GetString(cmd, "module_type");
      const std::string* file = GetString(cmd, "filename");
      if (mt && *mt == "text") {
        counts->Add(t, 2);  // text-format errors: a binary engine has nothing to check
        continue;
      }
      if (!file) {
        Fail(counts, t, line, "no filename");
        continue;
      }
      auto mod = Load(*file);
      if (!mod.ok()) counts->Add(t, 0);
      else Fail(counts, t, line, "module was accepted");
    } else if (t == "assert_unlinkable" || t == "assert_uninstantiable") {
      const std::string* file = GetString(cmd, "filename");
      if (!file) {
        Fail(counts, t, line, "no filename");
        continue;
      }
      auto mod = Load(*file);
      if (!mod.ok()) {
        Fail(counts, t, line, "decode failed: " + mod.error().message);
        continue;
      }
      auto imports = Link(**mod);
      Result<Store::InstantiateResult> inst = Err("unlinkable");
      if (imports.ok()) {
        ResetThread();
        inst = store_.Instantiate(*mod, *imports, thread_);
      }
      if (t == "assert_unlinkable") {
        if (!imports.ok() || !inst.ok()) counts->Add(t, 0);
        else Fail(counts, t, line, "module linked");
      } else {
        if (inst.ok() && !inst->exec.ok()) counts->Add(t, 0);
        else Fail(counts, t, line, inst.ok() ? "instantiation succeeded" : "link failed: " + inst.error().message);
      }
    } else {
      counts->Add(t, 2);
    }
  }
}

}  // namespace

Result<SpecCounts> RunSpecJson(const std::string& json_path, const SpecOptions& opts, std::ostream& log) {
  NEARRT_ASSIGN_OR_RETURN(Bytes text, ReadFile(json_path));
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Err(json_path + ": not valid JSON");
  auto cit = j.find("commands");
  if (cit == j.end() || !cit->is_array()) return Err(json_path + ": no commands array");
  SpecCounts counts;
  Runner runner(Dirname(json_path), opts, log);
  runner.Run(*cit, &counts);
  return counts;
}

Result<SpecCounts> RunSpecWast(const std::string& wast_path, const SpecOptions& opts, std::ostream& log) {
#if defined(__EMSCRIPTEN__)
  return Err("converting .wast needs wast2json; pass the converted .json instead");
#else
  char tmpl[] = "/tmp/nearrt-spec-XXXXXX";
  if (!mkdtemp(tmpl)) return Err("cannot create a temporary directory");
  std::string dir = tmpl;
  std::string base = wast_path.substr(wast_path.rfind('/') == std::string::npos ? 0 : wast_path.rfind('/') + 1);
  if (base.size() > 5 && base.substr(base.size() - 5) == ".wast") base.resize(base.size() - 5);
  std::string json_path = dir + "/" + base + ".json";
  auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) {
      if (c == '\'') q += "'\\''";
      else q += c;
    }
    return q + "'";
  };
  std::string cmd = "wast2json " + quote(wast_path) + " -o " + quote(json_path) + " 2>" + quote(dir + "/err.txt");
  int rc = std::system(cmd.c_str());
  Result<SpecCounts> result = Err("");
  if (rc != 0) {
    auto err = ReadFile(dir + "/err.txt");
    std::string msg = err.ok() ? std::string(AsString(*err)) : "";
    result = Err("wast2json failed on " + wast_path + (msg.empty() ? "" : ": " + msg.substr(0, 300)));
  } else {
    result = RunSpecJson(json_path, opts, log);
  }
  std::system(("rm -rf " + quote(dir)).c_str());
  return result;
#endif
}

}  // namespace nearrt::wasm::spec
