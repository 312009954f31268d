// nearrt: command-line entry point.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"

namespace nearrt::cli {
namespace {

struct Command {
  const char* name;
  int (*fn)(const Args&);
  const char* summary;
};

// Commands whose group is not built yet are simply absent from this table.
const Command kCommands[] = {
    {"help", nullptr, "this list"},
#ifdef NEARRT_HAVE_WASM_COMMAND
    {"wasm", WasmCommand, "run or test plain WebAssembly (wasm run, wasm spec)"},
#endif
#ifdef NEARRT_HAVE_RUN_COMMAND
    {"run", RunCommand, "run a NEAR contract method (nearcore standalone-runner compatible)"},
#endif
#ifdef NEARRT_HAVE_SCENARIO_COMMAND
    {"scenario", ScenarioCommand, "run contract scenarios (calls with state carried between them)"},
#endif
#ifdef NEARRT_HAVE_STATE_COMMAND
    {"state", StateCommand, "state roots and proofs of NEAR's Merkle-Patricia trie"},
#endif
#ifdef NEARRT_HAVE_APPLY_COMMAND
    {"apply", ApplyCommand, "apply blocks of transactions on a local chain"},
#endif
};

void Usage(FILE* out) {
  std::fprintf(out, "usage: nearrt <command> [args...]\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(out, "  %-8s %s\n", c.name, c.summary);
  std::fprintf(out, "\n`nearrt <command> --help` describes a command.\n");
}

}  // namespace
}  // namespace nearrt::cli

int main(int argc, char** argv) {
  using namespace nearrt::cli;
  if (argc < 2) {
    Usage(stderr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    Usage(stdout);
    return 0;
  }
  Args args(argv + 2, argv + argc);
  for (const auto& c : kCommands) {
    if (c.fn && name == c.name) return c.fn(args);
  }
  std::fprintf(stderr, "nearrt: unknown command '%s'\n\n", name.c_str());
  Usage(stderr);
  return 2;
}
