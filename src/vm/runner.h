// Running a contract method exactly as nearcore's VM does at PV 86
// (Wasmtime VM kind): prepare (validate + cost model, cached by code hash),
// charge the loading fee, instantiate with the env imports, run the start
// function and the method, and build the VMOutcome.
// Reference: runtime/near-vm-runner/src/wasmtime_runner/mod.rs
// (with_compiled_and_loaded, PreparedContract::run).
#pragma once

#include <memory>
#include <string_view>

#include "primitives/crypto_hash.h"
#include "util/bytes.h"
#include "util/result.h"
#include "vm/config.h"
#include "vm/context.h"
#include "vm/errors.h"
#include "vm/external.h"
#include "vm/outcome.h"

namespace nearrt::vm {

// A contract's code as deployed, with its sha256 hash.
struct ContractCode {
  std::shared_ptr<const Bytes> code;
  CryptoHash hash;

  static ContractCode FromBytes(Bytes bytes);
};

// Prepared (validated, analysed) modules by code hash, so a contract is
// prepared once per process, as nearcore's compiled-contract cache does.
class ContractCache {
 public:
  ContractCache();
  ~ContractCache();
  struct Impl;
  Impl* impl() { return impl_.get(); }
  size_t size() const;
  void Clear();

 private:
  std::unique_ptr<Impl> impl_;
};

// Runs `method`. Contract failures (prepare errors, traps, host errors,
// out of gas) are inside the VMOutcome (`aborted`); only node-level
// failures (the External's storage failing, inconsistent state) are errors.
Result<VMOutcome, VMRunnerError> Run(const ContractCode& code, std::string_view method, External& ext,
                                     const VMContext& context, const RuntimeConfig& config,
                                     ContractCache* cache = nullptr);

}  // namespace nearrt::vm
