// The host functions a contract may import, with their exact wasm types, in
// nearcore's order (runtime/near-vm-runner/src/imports.rs), and adapters the
// wasm binding calls with raw argument slots.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "vm/config.h"
#include "vm/errors.h"

namespace nearrt::vm {

class VMLogic;

// Calls the host function. `args[i]` holds parameter i: an i64 as is, an i32
// zero-extended (its low 32 bits are the value; nearcore reads i32 params as
// u32). The result is the i64 result, or the i32 result zero-extended, or 0
// for functions without a result.
using HostFn = VMResult<uint64_t> (*)(VMLogic& logic, const uint64_t* args);

// The Config flag an import depends on (imports.rs `#[flag]`); at PV86 all
// are true.
enum class ImportGate : uint8_t {
  kAlways,
  kGlobalContractHostFns,
  kGasKeyHostFns,
  kP256VerifyHostFn,
  kYieldWithIdHostFns,
  kChainIdHostFn,
};

struct HostImport {
  std::string_view module;  // "env" (or "internal" for the finite-wasm hooks)
  std::string_view name;
  // One character per parameter: 'l' = i64, 'i' = i32.
  std::string_view params;
  // 'l' = i64, 'i' = i32, '\0' = no result.
  char result;
  HostFn call;
  ImportGate gate;

  size_t num_params() const { return params.size(); }
  bool has_result() const { return result != '\0'; }
  // True if the import exists under `config` (its gate flag is on).
  bool AvailableIn(const VMConfig& config) const;
};

// Every `env` import in imports.rs order, including the gated ones and the
// legacy `gas(i32)`; the sandbox/test-only imports are not included.
std::span<const HostImport> EnvImports();

// The `internal` module injected by instrumentation (finite-wasm gas and
// stack accounting), for engines that call them as host functions.
std::span<const HostImport> InternalImports();

// The import `module.name` available under `config`, or null (an unknown or
// gated-off import: a link error for the contract).
const HostImport* FindImport(std::string_view module, std::string_view name,
                             const VMConfig& config);

}  // namespace nearrt::vm
