// nearrt wasm run|spec: plain WebAssembly, no NEAR.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "cli/commands.h"
#include "util/bytes.h"
#if NEARRT_HAVE_VM
#include "vm/config_store.h"
#include "vm/prepare.h"
#endif
#include "wasm/compiled.h"
#include "wasm/ir_dump.h"
#include "wasm/module.h"
#include "wasm/runtime.h"
#include "wasm/spec/spec_runner.h"

namespace nearrt::cli {
namespace {

using namespace nearrt::wasm;

const char kWasmUsage[] =
    "usage:\n"
    "  nearrt wasm run FILE --invoke NAME [ARGS...] [--metered] [--gas N]\n"
    "      instantiate FILE (no imports) and call export NAME; ARGS are parsed by\n"
    "      the parameter types (integers in decimal or 0x hex, floats in decimal).\n"
    "      --metered prepares the module as nearcore does (PV 86 limits) and runs it\n"
    "      with NEAR's cost model and stack budget, unlimited gas; prints the gas used.\n"
    "  nearrt wasm dump FILE [FUNC...] [--metered]\n"
    "      print the translated IR of the functions (all, or by index/export name).\n"
    "  nearrt wasm spec PATH... [--metered] [--gas-sweep] [--canonicalize-nans] [--eager] [--no-opt]\n"
    "                   [--verbose]\n"
    "      run spec tests: every .wast (converted with wast2json) or .json in the\n"
    "      given files or directories; prints one line per file and a total.\n"
    "      --gas-sweep reruns every call with one unit of gas less than it used\n"
    "      (must run out of gas) and with exactly that much (must not).\n"
    "      --no-opt switches every translator optimization off (results and gas\n"
    "      must not change).\n";

bool ParseArg(const std::string& s, ValType t, uint64_t* out) {
  errno = 0;
  char* end = nullptr;
  switch (t) {
    case ValType::I32:
    case ValType::I64: {
      bool neg = !s.empty() && s[0] == '-';
      uint64_t v = neg ? uint64_t(std::strtoll(s.c_str(), &end, 0)) : std::strtoull(s.c_str(), &end, 0);
      if (end == s.c_str() || *end || errno) return false;
      if (t == ValType::I32) {
        if (neg ? (int64_t(v) < INT32_MIN) : (v > 0xFFFFFFFFull)) return false;
        v = uint32_t(v);
      }
      *out = v;
      return true;
    }
    case ValType::F32: {
      float f = std::strtof(s.c_str(), &end);
      if (end == s.c_str() || *end) return false;
      uint32_t b;
      std::memcpy(&b, &f, 4);
      *out = b;
      return true;
    }
    case ValType::F64: {
      double d = std::strtod(s.c_str(), &end);
      if (end == s.c_str() || *end) return false;
      std::memcpy(out, &d, 8);
      return true;
    }
    default:
      return false;
  }
}

std::string FormatValue(ValType t, uint64_t bits) {
  char buf[64];
  switch (t) {
    case ValType::I32: std::snprintf(buf, sizeof buf, "i32:%" PRIu32, uint32_t(bits)); break;
    case ValType::I64: std::snprintf(buf, sizeof buf, "i64:%" PRIu64, bits); break;
    case ValType::F32: {
      float f;
      uint32_t b = uint32_t(bits);
      std::memcpy(&f, &b, 4);
      std::snprintf(buf, sizeof buf, "f32:%.9g", double(f));
      break;
    }
    case ValType::F64: {
      double d;
      std::memcpy(&d, &bits, 8);
      std::snprintf(buf, sizeof buf, "f64:%.17g", d);
      break;
    }
    default: std::snprintf(buf, sizeof buf, "%s:%s", ValTypeName(t), bits ? "ref" : "null"); break;
  }
  return buf;
}

int RunCmd(const Args& args) {
  std::string file, name;
  std::vector<std::string> fargs;
  bool metered = false;
  uint64_t gas = ~0ull;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--invoke" && i + 1 < args.size()) {
      name = args[++i];
    } else if (a == "--metered") {
      metered = true;
    } else if (a == "--gas" && i + 1 < args.size()) {
      char* end;
      gas = std::strtoull(args[++i].c_str(), &end, 10);
      if (*end) {
        std::fprintf(stderr, "nearrt wasm run: bad --gas value\n");
        return 2;
      }
      metered = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(kWasmUsage, stdout);
      return 0;
    } else if (file.empty() && !name.size()) {
      file = a;
    } else if (!name.empty()) {
      fargs.push_back(a);
    } else {
      std::fprintf(stderr, "nearrt wasm run: unexpected argument '%s'\n%s", a.c_str(), kWasmUsage);
      return 2;
    }
  }
  if (file.empty() || name.empty()) {
    std::fputs(kWasmUsage, stderr);
    return 2;
  }
  auto bytes = ReadFile(file);
  if (!bytes.ok()) {
    std::fprintf(stderr, "nearrt wasm run: %s\n", bytes.error().message.c_str());
    return 1;
  }
  Result<std::shared_ptr<Module>> mod = Err("not decoded");
  uint64_t stack_budget = ~0ull;
#if NEARRT_HAVE_VM
  std::shared_ptr<vm::PreparedContract> prepared;
  if (metered) {
    // NEAR's preparation and cost model (finite-wasm costs, frame costs,
    // 262,144-byte stack budget) at PV 86.
    auto config = vm::MainnetConfig(86);
    if (!config.ok()) {
      std::fprintf(stderr, "nearrt wasm run: %s\n", config.error().message.c_str());
      return 1;
    }
    auto p = vm::Prepare(*bytes, config->wasm_config);
    if (!p.ok()) {
      std::fprintf(stderr, "nearrt wasm run: NEAR preparation failed: %s\n",
                   vm::PrepareErrorMessage(p.error()).c_str());
      return 1;
    }
    prepared = *p;
    mod = prepared->module;
    stack_budget = config->wasm_config.limit_config.max_stack_height;
  }
#else
  if (metered) {
    std::fprintf(stderr, "nearrt wasm run: --metered needs the vm layer, which this build lacks\n");
    return 1;
  }
#endif
  if (!metered) mod = Module::Decode(*bytes, ModuleConfig{});
  if (!mod.ok()) {
    std::fprintf(stderr, "nearrt wasm run: invalid module %s: %s\n", file.c_str(), mod.error().message.c_str());
    return 1;
  }
  if (!(*mod)->imports().empty()) {
    const Import& imp = (*mod)->imports()[0];
    std::fprintf(stderr, "nearrt wasm run: module imports \"%s\" \"%s\"; `wasm run` provides no imports\n",
                 imp.module.c_str(), imp.name.c_str());
    return 1;
  }
  Store store;
  Thread thread;
  thread.set_gas(gas);
  thread.set_stack_budget(stack_budget);
  auto inst = store.Instantiate(*mod, {}, thread);
  if (!inst.ok()) {
    std::fprintf(stderr, "nearrt wasm run: %s\n", inst.error().message.c_str());
    return 1;
  }
  if (!inst->exec.ok()) {
    std::fprintf(stderr, "nearrt wasm run: instantiation trapped: %s\n", TrapMessage(inst->exec.trap));
    return 1;
  }
  FuncInst* f = inst->instance->GetFunction(name);
  if (!f) {
    std::fprintf(stderr, "nearrt wasm run: no exported function '%s'\n", name.c_str());
    return 1;
  }
  const FuncType& ft = *f->type;
  if (fargs.size() != ft.params.size()) {
    std::fprintf(stderr, "nearrt wasm run: '%s' takes %zu arguments %s, got %zu\n", name.c_str(), ft.params.size(),
                 FuncTypeToString(ft).c_str(), fargs.size());
    return 2;
  }
  std::vector<uint64_t> argv;
  for (size_t i = 0; i < fargs.size(); ++i) {
    uint64_t v;
    if (!ParseArg(fargs[i], ft.params[i], &v)) {
      std::fprintf(stderr, "nearrt wasm run: argument %zu ('%s') is not a valid %s\n", i + 1, fargs[i].c_str(),
                   ValTypeName(ft.params[i]));
      return 2;
    }
    argv.push_back(v);
  }
  std::vector<uint64_t> results;
  uint64_t gas_before = thread.gas();
  ExecResult r = thread.Invoke(f, argv, &results);
  if (!r.ok()) {
    std::fprintf(stderr, "nearrt wasm run: trap: %s%s\n", TrapMessage(r.trap),
                 r.trap == TrapCode::StackBudgetExhausted ? " (NEAR's 262,144-byte stack budget)" : "");
    if (metered) std::fprintf(stderr, "gas used: %" PRIu64 "\n", gas_before - r.gas_left);
    return 1;
  }
  for (size_t i = 0; i < results.size(); ++i) std::printf("%s\n", FormatValue(ft.results[i], results[i]).c_str());
  if (metered) std::fprintf(stderr, "gas used: %" PRIu64 "\n", gas_before - r.gas_left);
  return 0;
}

void CollectFiles(const std::string& path, std::vector<std::string>* out) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    out->push_back(path);  // reported as unreadable later
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    out->push_back(path);
    return;
  }
  DIR* d = opendir(path.c_str());
  if (!d) return;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 5 && (n.substr(n.size() - 5) == ".wast" || n.substr(n.size() - 5) == ".json")) names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const auto& n : names) out->push_back(path + "/" + n);
}

int DumpCmd(const Args& args) {
  if (args.empty()) {
    std::fputs(kWasmUsage, stderr);
    return 2;
  }
  bool metered = false;
  std::vector<std::string> names;
  std::string file;
  for (const auto& a : args) {
    if (a == "--metered") metered = true;
    else if (file.empty()) file = a;
    else names.push_back(a);
  }
  auto bytes = ReadFile(file);
  if (!bytes.ok()) {
    std::fprintf(stderr, "nearrt wasm dump: %s\n", bytes.error().message.c_str());
    return 1;
  }
  ModuleConfig cfg;
  if (metered) {
    cfg.metering.enabled = true;
    cfg.metering.op_cost = 1;
  }
  auto mod = Module::Decode(*bytes, cfg);
  if (!mod.ok()) {
    std::fprintf(stderr, "nearrt wasm dump: %s\n", mod.error().message.c_str());
    return 1;
  }
  const Module& m = **mod;
  for (uint32_t i = 0; i < m.bodies().size(); ++i) {
    uint32_t index = m.num_imported_funcs() + i;
    std::string label = "func " + std::to_string(index);
    for (const auto& e : m.exports())
      if (e.kind == ExternKind::Func && e.index == index) label += " (export \"" + e.name + "\")";
    bool wanted = names.empty();
    for (const auto& n : names) wanted |= n == std::to_string(index) || label.find("\"" + n + "\"") != std::string::npos;
    if (!wanted) continue;
    auto cf = m.GetCompiled(i);
    if (!cf.ok()) {
      std::fprintf(stderr, "%s: %s\n", label.c_str(), cf.error().message.c_str());
      return 1;
    }
    std::printf("%s %s\n%s\n", label.c_str(), FuncTypeToString(m.func_type(index)).c_str(),
                DumpCompiled(**cf).c_str());
  }
  return 0;
}

int SpecCmd(const Args& args) {
  spec::SpecOptions opts;
  std::vector<std::string> paths;
  for (const auto& a : args) {
    if (a == "--metered") opts.metered = true;
    else if (a == "--canonicalize-nans") opts.canonicalize_nans = true;
    else if (a == "--eager") opts.eager_translation = true;
    else if (a == "--no-opt") opts.unoptimized = true;
    else if (a == "--gas-sweep") opts.gas_sweep = true;
    else if (a == "--verbose" || a == "-v") opts.verbose = true;
    else if (a == "--help" || a == "-h") {
      std::fputs(kWasmUsage, stdout);
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "nearrt wasm spec: unknown option %s\n", a.c_str());
      return 2;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    std::fputs(kWasmUsage, stderr);
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& p : paths) CollectFiles(p, &files);
  spec::SpecCounts total;
  uint64_t errors = 0;
  for (const auto& f : files) {
    bool is_json = f.size() > 5 && f.substr(f.size() - 5) == ".json";
    std::ostringstream log;
    auto r = is_json ? spec::RunSpecJson(f, opts, log) : spec::RunSpecWast(f, opts, log);
    std::string name = f.substr(f.rfind('/') == std::string::npos ? 0 : f.rfind('/') + 1);
    if (!r.ok()) {
      std::printf("%s: error: %s\n", name.c_str(), r.error().message.c_str());
      errors++;
      total.failed++;
      continue;
    }
    std::printf("%s: %" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", name.c_str(), r->passed,
                r->failed, r->skipped);
    std::fputs(log.str().c_str(), stdout);
    total.Merge(*r);
  }
  std::printf("by command type:\n");
  for (const auto& [type, c] : total.by_type)
    std::printf("  %-22s %8" PRIu64 " passed %6" PRIu64 " failed %6" PRIu64 " skipped\n", type.c_str(), c[0], c[1],
                c[2]);
  std::printf("%" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", total.passed, total.failed,
              total.skipped);
  return total.failed == 0 ? 0 : 1;
}

}  // namespace

int WasmCommand(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kWasmUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  Args rest(args.begin() + 1, args.end());
  if (args[0] == "run") return RunCmd(rest);
  if (args[0] == "spec") return SpecCmd(rest);
  if (args[0] == "dump") return DumpCmd(rest);
  std::fprintf(stderr, "nearrt wasm: unknown subcommand '%s'\n%s", args[0].c_str(), kWasmUsage);
  return 2;
}

}  // namespace nearrt::cli
