// A minimal, deterministic stand-in for NEAR's host functions, enough to run
// real contract methods (fungible-token calls) on the bare engine for
// benchmarking. It is NOT nearcore's VMLogic: no gas for host calls, no
// limits, promises are recorded but never run. run_node.js implements the
// same rules in JS so both engines must produce the same digest.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "util/result.h"
#include "wasm/runtime.h"

namespace nearrt::bench {

struct NearCall {
  std::string method;
  std::string input;
  std::string predecessor;
  uint64_t deposit_lo = 0, deposit_hi = 0;  // attached deposit, u128
};

// The benchmark's fungible-token workload: new_default_meta, then per user a
// storage_deposit, an ft_transfer from the owner and an ft_balance_of.
std::vector<NearCall> FtWorkload(uint32_t users);

class MockNear {
 public:
  // Externs for every import of `module`, created in `store`. Known NEAR host
  // functions (by name, checked against their arity) get the mock; any other
  // function import traps with its name when called. The stubs of a
  // previous Link are freed: its store must be gone.
  Result<std::vector<wasm::ExternVal>> Link(const wasm::Module& module, wasm::Store& store);

  // Clears storage and the digest (a fresh contract account).
  void Reset();
  // Per-call context; ends with Finish(), which folds the call's outcome
  // (return value, logs, promises) into the digest.
  void Begin(const NearCall& call);
  void Finish(const NearCall& call);
  // FNV-1a over all calls' outcomes and the final storage (sorted by key).
  uint32_t Digest() const;
  // The reason of the last HostError trap (panic message, unknown import...).
  const std::string& error() const { return error_; }
  // The current call's outcome as folded into the digest (after Finish:
  // the last call's).
  const std::string& outcome() const { return outcome_; }

 private:
  struct Unknown {
    MockNear* self;
    std::string name;
  };
  friend struct Host;

  void Mix(const std::string& s);

  std::map<std::string, std::string> storage_;
  std::map<uint64_t, std::string> registers_;
  uint64_t storage_usage_ = 0;
  const NearCall* call_ = nullptr;
  std::string outcome_;  // this call's return value, logs and promises
  uint64_t promises_ = 0;
  uint32_t digest_ = 2166136261u;
  std::string error_;
  std::deque<Unknown> unknown_;
};

}  // namespace nearrt::bench
