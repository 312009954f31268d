// Spec-test driver for builds without the CLI (the emcc build under node):
//   nearrt_spec_node [--metered] [--canonicalize-nans] FILE.json...
// Prints one line per file and the total; exit status 1 on any failure.
#include <cinttypes>
#include <cstdio>
#include <iostream>
#include <string>

#include "wasm/spec/spec_runner.h"

int main(int argc, char** argv) {
  using namespace nearrt::wasm::spec;
  SpecOptions opts;
  SpecCounts total;
  int files = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--metered") { opts.metered = true; continue; }
    if (a == "--gas-sweep") { opts.gas_sweep = true; continue; }
    if (a == "--canonicalize-nans") { opts.canonicalize_nans = true; continue; }
    if (a == "--no-opt") { opts.unoptimized = true; continue; }
    if (a == "--verbose") { opts.verbose = true; continue; }
    auto r = RunSpecJson(a, opts, std::cout);
    ++files;
    if (!r.ok()) {
      std::printf("%s: error: %s\n", a.c_str(), r.error().message.c_str());
      total.failed++;
      continue;
    }
    std::printf("%s: %" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", a.c_str(), r->passed, r->failed,
                r->skipped);
    total.Merge(*r);
  }
  std::printf("%" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", total.passed, total.failed,
              total.skipped);
  return (files == 0 || total.failed) ? 1 : 0;
}
