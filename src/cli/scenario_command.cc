// nearrt scenario: runs contract scenario files (see src/vm/scenario.h).
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "util/bytes.h"
#include "vm/scenario.h"

namespace nearrt::cli {

namespace {
const char kScenarioUsage[] =
    "usage: nearrt scenario FILE.json... [--shared DIR] [--outputs]\n"
    "Runs contract scenarios: sequences of calls with state carried between\n"
    "them and expectations per call (format: src/vm/scenario.h). Prints one line\n"
    "per step (PASS/FAIL); --outputs also prints each step's outcome JSON.\n"
    "--shared DIR resolves \"shared:\" code references (default ../shared).\n"
    "Exit status 1 if any expectation fails or a scenario is malformed.\n";
}

int ScenarioCommand(const Args& args) {
  std::string shared = "../shared";
  bool outputs = false;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::fputs(kScenarioUsage, stdout);
      return 0;
    } else if (args[i] == "--shared" && i + 1 < args.size()) {
      shared = args[++i];
    } else if (args[i] == "--outputs") {
      outputs = true;
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::fprintf(stderr, "nearrt scenario: unknown option %s\n%s", args[i].c_str(), kScenarioUsage);
      return 2;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.empty()) {
    std::fputs(kScenarioUsage, stderr);
    return 2;
  }
  int failed = 0, steps = 0;
  for (const auto& f : files) {
    auto text = ReadFile(f);
    if (!text.ok()) {
      std::fprintf(stderr, "nearrt scenario: %s\n", text.error().message.c_str());
      return 1;
    }
    std::string dir = f.rfind('/') == std::string::npos ? "." : f.substr(0, f.rfind('/'));
    auto r = vm::RunScenario(AsString(*text), vm::FileCodeLoader(shared, dir));
    if (!r.ok()) {
      std::printf("%s: error: %s\n", f.c_str(), r.error().message.c_str());
      failed++;
      continue;
    }
    std::printf("%s: %s\n", f.c_str(), r->description.c_str());
    for (size_t i = 0; i < r->steps.size(); ++i) {
      const auto& s = r->steps[i];
      steps++;
      std::printf("  %2zu %-40s %s%s%s\n", i + 1, s.label.c_str(), s.passed ? "PASS" : "FAIL",
                  s.passed ? "" : ": ", s.failure.c_str());
      if (outputs) std::printf("%s\n", s.output_json.c_str());
      if (!s.passed) failed++;
    }
  }
  std::printf("%d steps, %d failed\n", steps, failed);
  return failed ? 1 : 0;
}

}  // namespace nearrt::cli
