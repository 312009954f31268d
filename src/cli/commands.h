// Subcommands of the `nearrt` binary. Each command group lives in its own
// <group>_command.cc and receives the arguments after its name.
// Every command returns a process exit status and prints a clear message on
// bad usage (exit 2) or bad input (exit 1); none may crash on any input.
#pragma once

#include <string>
#include <vector>

namespace nearrt::cli {

using Args = std::vector<std::string>;

int WasmCommand(const Args& args);   // nearrt wasm run|spec|...
int RunCommand(const Args& args);    // nearrt run (nearcore's standalone VM runner)
int StateCommand(const Args& args);  // nearrt state root|prove|verify
int ApplyCommand(const Args& args);  // nearrt apply (local chain)
int ScenarioCommand(const Args& args);  // nearrt scenario (contract scenarios)

}  // namespace nearrt::cli
