// Feature switches for the decoder/validator. A disabled feature is rejected
// at validation (malformed or invalid, as the spec would for an engine
// without it).
#pragma once

namespace nearrt::wasm {

struct Features {
  bool mutable_global = true;
  bool sign_extension = true;
  bool saturating_float_to_int = true;
  bool bulk_memory = true;
  bool reference_types = true;
  bool multi_value = true;
  bool floats = true;

  // Everything the 2.0 spec test suite exercises (SIMD is never supported).
  static Features All() { return Features{}; }

  // nearcore at PV 86 (runtime/near-vm-runner/src/features.rs): floats,
  // mutable-global, sign-ext, saturating float-to-int, bulk memory + reference
  // types on; multi-value, SIMD, threads, tail calls, memory64, multi-memory,
  // exceptions and GC off.
  static Features Near() {
    Features f;
    f.multi_value = false;
    return f;
  }

  // WebAssembly 1.0 (MVP) only.
  static Features Mvp() {
    Features f;
    f.mutable_global = true;  // part of the MVP binary format for imports/exports of globals
    f.sign_extension = false;
    f.saturating_float_to_int = false;
    f.bulk_memory = false;
    f.reference_types = false;
    f.multi_value = false;
    return f;
  }
};

}  // namespace nearrt::wasm
