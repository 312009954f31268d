// Replays fuzz inputs (seeds and fixed crashes) through a fuzz target without
// libFuzzer, so the normal and sanitizer test runs cover them.
//   fuzz_replay FILE_OR_DIR...
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <string>
#include <vector>

#include "util/bytes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

// Sanitizer runtimes (when linked) call this before they exit on an error.
extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace {

// The input being replayed, named when the process dies on it.
const char* g_current = nullptr;

void NameCurrentInput() {
  if (!g_current) return;
  const char msg[] = "\nfuzz_replay: died on input ";
  (void)!write(2, msg, sizeof(msg) - 1);
  (void)!write(2, g_current, strlen(g_current));
  (void)!write(2, "\n", 1);
}

// A failed fuzz property aborts (FUZZ_CHECK). Other signals are left to the
// sanitizers' own handlers.
void OnAbort(int sig) {
  NameCurrentInput();
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGABRT, OnAbort);
  if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(NameCurrentInput);
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    struct stat st;
    if (stat(argv[i], &st) != 0) continue;
    if (!S_ISDIR(st.st_mode)) {
      files.push_back(argv[i]);
      continue;
    }
    if (DIR* d = opendir(argv[i])) {
      while (dirent* e = readdir(d))
        if (e->d_name[0] != '.') files.push_back(std::string(argv[i]) + "/" + e->d_name);
      closedir(d);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto bytes = nearrt::ReadFile(f);
    if (!bytes.ok()) {
      std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
      return 1;
    }
    g_current = f.c_str();
    LLVMFuzzerTestOneInput(bytes->data(), bytes->size());
  }
  std::printf("replayed %zu inputs\n", files.size());
  return files.empty() ? 1 : 0;
}
