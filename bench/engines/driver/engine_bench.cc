// In-process timing driver for the nearrt engine (bench/engines). Times only
// what it names: decoding, instantiation and the call are measured
// separately, so process start and file reading never enter a kernel time.
// time= is wall-clock, cpu= the thread's CPU time over the same interval.
//
//   engine_bench kernel FILE [--metered] [--invoke NAME]
//       one call of NAME (default "bench", no arguments, one i32 result);
//       prints "result=N time=S cpu=S decode=S instantiate=S gas=G".
//   engine_bench contract FILE [--metered] [--users N]
//       the fungible-token workload (near_mock.h) on a real contract: a fresh
//       instance per NEAR call, one warm-up pass then one timed pass; prints
//       "result=DIGEST time=S cpu=S first=S calls=N translated=T/F" (functions the
//       workload translated lazily); --verbose prints every call.
//   engine_bench load FILE... [--repeat N] [--unmetered] [--wall]
//       what a NEAR call pays before running: decode+validate, translation of
//       every function, instantiation (thread CPU time; --wall: elapsed);
//       prints one line per file.
//
// --metered uses NEAR's cost model (near_costs.h) with unlimited gas.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "near_costs.h"
#include "near_mock.h"
#include "util/bytes.h"
#include "wasm/module.h"
#include "wasm/runtime.h"

namespace nearrt::bench {
namespace {

using namespace nearrt::wasm;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU time of this thread: what the call cost even when other processes
// compete for the cores (wall time then also counts the time it waited).
double ThreadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

[[noreturn]] void Die(const std::string& msg) {
  std::fprintf(stderr, "engine_bench: %s\n", msg.c_str());
  std::exit(1);
}

Bytes MustRead(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) Die(bytes.error().message);
  return std::move(*bytes);
}

// Translator optimizations switched off with --disable (bench.py --ablation).
TranslatorOptions g_translator;

// --disable local,const,fuse,retarget|all|none
bool ParseDisable(const std::string& list) {
  g_translator = TranslatorOptions();
  size_t i = 0;
  while (i <= list.size()) {
    size_t j = list.find(',', i);
    if (j == std::string::npos) j = list.size();
    std::string w = list.substr(i, j - i);
    if (w == "local") g_translator.local_operands = false;
    else if (w == "const") g_translator.const_operands = false;
    else if (w == "fuse") g_translator.fuse_compare_branch = false;
    else if (w == "retarget") g_translator.retarget_results = false;
    else if (w == "all") g_translator = TranslatorOptions::None();
    else if (w != "none" && !w.empty()) return false;
    i = j + 1;
  }
  return true;
}

ModuleConfig Config(bool metered, bool eager = false) {
  ModuleConfig cfg;
  cfg.translator = g_translator;
  if (metered) cfg.metering = NearMetering();
  cfg.eager_translation = eager;
  return cfg;
}

void PrepareThread(Thread& thread, bool metered) {
  thread.set_gas(~0ull);
  if (metered) thread.set_stack_budget(kNearMaxStackHeight);
}

// --- hostcall kernel imports (same rules as kernels/native_host.c) ---------

TrapCode HostMix(HostCall&, uint64_t* s) {
  uint64_t x = s[0];
  x ^= x >> 29;
  s[0] = x * 0x9E3779B97F4A7C15ull + 1;
  return TrapCode::None;
}

TrapCode HostFill(HostCall& c, uint64_t* s) {
  uint32_t ptr = uint32_t(s[0]), len = uint32_t(s[1]), seed = uint32_t(s[2]);
  if (!c.memory || !c.memory->InBounds(ptr, len)) return TrapCode::MemoryOutOfBounds;
  uint8_t* p = c.memory->data() + ptr;
  for (uint32_t k = 0; k < len; k++) p[k] = uint8_t((seed >> (k & 15)) + k * 131u);
  return TrapCode::None;
}

std::vector<ExternVal> KernelImports(const Module& m, Store& store) {
  std::vector<ExternVal> out;
  for (const Import& imp : m.imports()) {
    ExternVal ev;
    const FuncType* type = imp.kind == ExternKind::Func ? &m.types()[imp.func_type] : nullptr;
    if (type && imp.module == "env" && imp.name == "host_mix" && *type == FuncType{{ValType::I64}, {ValType::I64}}) {
      ev.func = store.AddHostFunction(*type, HostMix, nullptr);
    } else if (type && imp.module == "env" && imp.name == "host_fill" &&
               *type == FuncType{{ValType::I32, ValType::I32, ValType::I32}, {}}) {
      ev.func = store.AddHostFunction(*type, HostFill, nullptr);
    } else {
      Die("kernel imports unknown " + imp.module + "." + imp.name);
    }
    out.push_back(ev);
  }
  return out;
}

// --- kernel ----------------------------------------------------------------

int KernelCmd(const std::vector<std::string>& args) {
  std::string file, name = "bench";
  bool metered = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--metered") metered = true;
    else if (args[i] == "--invoke" && i + 1 < args.size()) name = args[++i];
    else if (file.empty()) file = args[i];
    else Die("unexpected argument " + args[i]);
  }
  if (file.empty()) Die("kernel: missing FILE");
  Bytes bytes = MustRead(file);

  auto t0 = Clock::now();
  auto mod = Module::Decode(bytes, Config(metered));
  double decode = Since(t0);
  if (!mod.ok()) Die("invalid module: " + mod.error().message);

  Store store;
  Thread thread;
  PrepareThread(thread, metered);
  t0 = Clock::now();
  std::vector<ExternVal> imports = KernelImports(**mod, store);
  auto inst = store.Instantiate(*mod, imports, thread);
  double instantiate = Since(t0);
  if (!inst.ok()) Die(inst.error().message);
  if (!inst->exec.ok()) Die(std::string("instantiation trapped: ") + TrapMessage(inst->exec.trap));
  FuncInst* f = inst->instance->GetFunction(name);
  if (!f || !f->type->params.empty() || f->type->results != std::vector<ValType>{ValType::I32})
    Die("no export " + name + ": [] -> [i32]");

  std::vector<uint64_t> results;
  uint64_t gas_before = thread.gas();
  double cpu0 = ThreadCpu();
  t0 = Clock::now();
  ExecResult r = thread.Invoke(f, {}, &results);
  double time = Since(t0);
  double cpu = ThreadCpu() - cpu0;
  if (!r.ok()) Die(std::string("trap: ") + TrapMessage(r.trap));
  std::printf("result=%" PRIu32 " time=%.6f cpu=%.6f decode=%.6f instantiate=%.6f gas=%" PRIu64 "\n",
              uint32_t(results[0]), time, cpu, decode, instantiate, metered ? gas_before - r.gas_left : 0);
  return 0;
}

// --- contract ----------------------------------------------------------------

// One pass of the workload; returns its digest. Every call gets a fresh store
// and instance, as every NEAR function call does.
uint32_t ContractPass(const std::shared_ptr<Module>& mod, const std::vector<NearCall>& calls, MockNear& near,
                      Thread& thread, bool metered, bool verbose = false) {
  near.Reset();
  for (const NearCall& call : calls) {
    Store store;
    auto imports = near.Link(*mod, store);
    if (!imports.ok()) Die(imports.error().message);
    PrepareThread(thread, metered);
    auto inst = store.Instantiate(mod, *imports, thread);
    if (!inst.ok()) Die(inst.error().message);
    if (!inst->exec.ok()) Die(std::string("instantiation trapped: ") + TrapMessage(inst->exec.trap));
    FuncInst* f = inst->instance->GetFunction(call.method);
    if (!f || !f->type->params.empty() || !f->type->results.empty()) Die("no method " + call.method);
    near.Begin(call);
    std::vector<uint64_t> results;
    ExecResult r = thread.Invoke(f, {}, &results);
    if (!r.ok())
      Die(call.method + " trapped: " + TrapMessage(r.trap) + (near.error().empty() ? "" : " (" + near.error() + ")"));
    near.Finish(call);
    if (verbose) std::printf("%s %s\n%s", call.method.c_str(), call.input.c_str(), near.outcome().c_str());
  }
  return near.Digest();
}

int ContractCmd(const std::vector<std::string>& args) {
  std::string file;
  bool metered = false, verbose = false;
  uint32_t users = 100;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--metered") metered = true;
    else if (args[i] == "--verbose") verbose = true;
    else if (args[i] == "--users" && i + 1 < args.size()) users = uint32_t(std::strtoul(args[++i].c_str(), nullptr, 10));
    else if (file.empty()) file = args[i];
    else Die("unexpected argument " + args[i]);
  }
  if (file.empty()) Die("contract: missing FILE");
  Bytes bytes = MustRead(file);
  auto mod = Module::Decode(bytes, Config(metered));
  if (!mod.ok()) Die("invalid module: " + mod.error().message);
  std::vector<NearCall> calls = FtWorkload(users);
  MockNear near;
  Thread thread;
  auto t0 = Clock::now();
  uint32_t first = ContractPass(*mod, calls, near, thread, metered, verbose);  // includes lazy translation
  double first_time = Since(t0);
  double cpu0 = ThreadCpu();
  t0 = Clock::now();
  uint32_t digest = ContractPass(*mod, calls, near, thread, metered);
  double time = Since(t0);
  double cpu = ThreadCpu() - cpu0;
  if (digest != first) Die("the two passes disagree");
  size_t translated = 0, funcs = (*mod)->bodies().size();
  for (uint32_t i = 0; i < funcs; ++i) translated += (*mod)->compiled_record(i)->code != nullptr;
  std::printf("result=%" PRIu32 " time=%.6f cpu=%.6f first=%.6f calls=%zu translated=%zu/%zu\n", digest, time, cpu,
              first_time, calls.size(), translated, funcs);
  return 0;
}

// --- load --------------------------------------------------------------------

int LoadCmd(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  bool metered = true, wall = false;
  int repeat = 3;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--unmetered") metered = false;
    else if (args[i] == "--wall") wall = true;
    else if (args[i] == "--repeat" && i + 1 < args.size()) repeat = std::max(1, std::atoi(args[++i].c_str()));
    else files.push_back(args[i]);
  }
  // Thread CPU time by default, elapsed time with --wall.
  auto now = [wall] {
    return wall ? std::chrono::duration<double>(Clock::now().time_since_epoch()).count() : ThreadCpu();
  };
  for (const std::string& file : files) {
    Bytes bytes = MustRead(file);
    double decode = 1e9, translate = 1e9, eager = 1e9, instantiate = 1e9;
    size_t funcs = 0, code_words = 0;
    for (int rep = 0; rep < repeat; ++rep) {
      double t0 = now();
      auto mod = Module::Decode(bytes, Config(metered));
      decode = std::min(decode, now() - t0);
      if (!mod.ok()) Die(file + ": invalid module: " + mod.error().message);
      funcs = (*mod)->bodies().size();
      t0 = now();
      for (uint32_t i = 0; i < funcs; ++i) {
        auto cf = (*mod)->GetCompiled(i);
        if (!cf.ok()) Die(file + ": translation failed: " + cf.error().message);
      }
      translate = std::min(translate, now() - t0);
      code_words = 0;
      for (uint32_t i = 0; i < funcs; ++i) code_words += (*mod)->compiled_record(i)->code_storage.size();

      t0 = now();
      auto emod = Module::Decode(bytes, Config(metered, /*eager=*/true));
      eager = std::min(eager, now() - t0);
      if (!emod.ok()) Die(file + ": eager decode failed: " + emod.error().message);

      // Instantiation of a fresh (untranslated) module with stub imports.
      auto lmod = Module::Decode(bytes, Config(metered));
      MockNear near;
      Thread thread;
      PrepareThread(thread, metered);
      t0 = now();
      {
        Store store;
        auto imports = near.Link(**lmod, store);
        if (!imports.ok()) Die(file + ": " + imports.error().message);
        auto inst = store.Instantiate(*lmod, *imports, thread);
        if (!inst.ok() || !inst->exec.ok()) Die(file + ": instantiation failed");
      }
      instantiate = std::min(instantiate, now() - t0);
    }
    std::string name = file.substr(file.rfind('/') + 1);
    std::printf("load file=%s bytes=%zu funcs=%zu decode=%.6f translate=%.6f eager=%.6f instantiate=%.6f "
                "ir_bytes=%zu\n",
                name.c_str(), bytes.size(), funcs, decode, translate, eager, instantiate,
                code_words * sizeof(Word));
  }
  return 0;
}

}  // namespace
}  // namespace nearrt::bench

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fprintf(stderr, "usage: engine_bench kernel|contract|load ... (see engine_bench.cc)\n");
    return 2;
  }
  std::string cmd = args[0];
  args.erase(args.begin());
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] != "--disable") continue;
    if (!nearrt::bench::ParseDisable(args[i + 1])) {
      std::fprintf(stderr, "engine_bench: --disable takes local,const,fuse,retarget, all or none\n");
      return 2;
    }
    args.erase(args.begin() + i, args.begin() + i + 2);
    break;
  }
  if (cmd == "kernel") return nearrt::bench::KernelCmd(args);
  if (cmd == "contract") return nearrt::bench::ContractCmd(args);
  if (cmd == "load") return nearrt::bench::LoadCmd(args);
  std::fprintf(stderr, "engine_bench: unknown command %s\n", cmd.c_str());
  return 2;
}
