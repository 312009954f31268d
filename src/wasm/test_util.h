// Helpers for the engine's tests (not part of the library).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "util/bit_cast.h"
#include "util/bytes.h"
#include "wasm/module.h"
#include "wasm/runtime.h"

namespace nearrt::wasm::testing {

inline std::shared_ptr<Module> LoadWat(const std::string& name, const ModuleConfig& cfg = {}) {
  auto bytes = ReadFile(std::string(NEARRT_WASM_TESTDATA) + "/" + name + ".wasm");
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().message);
  if (!bytes.ok()) return nullptr;
  auto m = Module::Decode(*bytes, cfg);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  return m.ok() ? *m : nullptr;
}

inline ModuleConfig Metered(uint64_t op_cost = 1) {
  ModuleConfig c;
  c.metering.enabled = true;
  c.metering.op_cost = op_cost;
  return c;
}

// One module instance with its own store and thread.
struct Harness {
  Store store;
  Thread thread;
  Instance* instance = nullptr;

  bool Instantiate(std::shared_ptr<Module> m, std::vector<ExternVal> imports = {}) {
    if (!m) return false;
    auto r = store.Instantiate(m, imports, thread);
    if (!r.ok() || !r->exec.ok()) return false;
    instance = r->instance;
    return true;
  }
  ExecResult Call(const std::string& name, std::vector<uint64_t> args, std::vector<uint64_t>* results = nullptr,
                  uint64_t gas = ~0ull) {
    thread.set_gas(gas);
    FuncInst* f = instance->GetFunction(name);
    EXPECT_NE(f, nullptr) << name;
    if (!f) return ExecResult{TrapCode::Internal};
    std::vector<uint64_t> tmp;
    return thread.Invoke(f, args, results ? results : &tmp);
  }
};

inline uint64_t F32Bits(float f) { return nearrt::BitCast<uint32_t>(f); }
inline uint64_t F64Bits(double d) { return nearrt::BitCast<uint64_t>(d); }

}  // namespace nearrt::wasm::testing
