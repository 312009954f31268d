// Runtime configurations per protocol version, built from the parameter data
// files in data/runtime_config (compiled into the library).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"
#include "vm/config.h"

namespace nearrt::vm {

// The protocol version of the embedded base parameter file.
inline constexpr uint32_t kBaseProtocolVersion = 86;

class RuntimeConfigStore {
 public:
  // The store built from the embedded mainnet data (parsed once, thread-safe).
  // Fails only if the embedded data is broken, which a unit test rules out.
  static Result<const RuntimeConfigStore*> Mainnet();

  // Builds a store from a base parameter file and diff files (JSON text, see
  // data/runtime_config/README.md).
  static Result<RuntimeConfigStore> FromJson(std::string_view base,
                                             const std::vector<std::string_view>& diffs);

  // The configuration in force at `protocol_version`. Versions below the
  // oldest diff get the oldest reconstructible config (like nearcore, which
  // takes the nearest version at or below the request).
  Result<RuntimeConfig> ForProtocolVersion(uint32_t protocol_version) const;

  uint32_t base_version() const { return base_version_; }
  // Versions that have a diff file, ascending.
  std::vector<uint32_t> diff_versions() const;

  // Parameter table (name -> JSON text of the value) of a version; for tools.
  Result<std::map<std::string, std::string>> ParameterTableFor(uint32_t protocol_version) const;

  RuntimeConfigStore(RuntimeConfigStore&&) noexcept;
  RuntimeConfigStore& operator=(RuntimeConfigStore&&) noexcept;
  ~RuntimeConfigStore();

 private:
  struct Impl;
  explicit RuntimeConfigStore(Impl* impl);
  Impl* impl_;
  uint32_t base_version_ = 0;
};

// The PV86 mainnet configuration (convenience for Mainnet()->ForProtocolVersion(86)).
Result<RuntimeConfig> MainnetConfig(uint32_t protocol_version = kBaseProtocolVersion);

// Applies `{"param_name": value, ...}` (nearcore parameter names, value forms
// of the data files) on top of `config`. Unknown names or ill-typed values are
// errors and leave `config` unchanged.
Status ApplyParameterOverrides(std::string_view json_text, RuntimeConfig* config);

}  // namespace nearrt::vm
