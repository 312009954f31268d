// The runtime config shared by the vm fuzz targets (prepare_fuzz, json_fuzz).
#pragma once

#include "fuzz_util.h"
#include "vm/config_store.h"

namespace nearrt::fuzz {

// Mainnet parameters at protocol version 86, loaded once.
inline const vm::RuntimeConfig& Pv86Config() {
  static const vm::RuntimeConfig config = [] {
    auto c = vm::MainnetConfig(86);
    FUZZ_CHECK(c.ok());
    return *c;
  }();
  return config;
}

}  // namespace nearrt::fuzz
