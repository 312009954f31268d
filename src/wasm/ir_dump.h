// Listing of translated IR, for debugging and `nearrt wasm dump`.
#pragma once

#include <string>

namespace nearrt::wasm {

struct CompiledFunction;
std::string DumpCompiled(const CompiledFunction& cf);

}  // namespace nearrt::wasm
