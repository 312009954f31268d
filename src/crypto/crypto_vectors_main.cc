// crypto_vectors: checks the crypto primitives against known-answer vectors
// and a pseudo-random workload transcript, without GoogleTest, so the same
// program runs natively and under node (emcc build). Prints PASS/FAIL counts;
// exit status 0 iff everything passed.
//
//   crypto_vectors [--shared DIR] [--transcript FILE] [--write-transcript]
//
// --shared DIR        the project's shared folder (vector files); default is
//                     the path configured at build time.
// --transcript FILE   expected workload transcript (default: the checked-in
//                     src/crypto/testdata/workload-transcript.txt).
// --write-transcript  (native only) rewrite FILE from the native backend, after
//                     checking that the portable backend produces the same.
//
// Natively the default backend is OpenSSL / libsecp256k1 and the portable
// backend is checked too; under emcc the default backend is the portable code.
#include <cstdio>
#include <cstring>
#include <string>

#include "crypto/crypto_random_workload.h"
#include "crypto/crypto_test_vectors.h"

namespace {

using nearrt::crypto::testing::Backend;
using nearrt::crypto::testing::Tally;

constexpr uint64_t kTranscriptSeed = 0x6e65617272742d31;  // "nearrt-1"
constexpr int kTranscriptRounds = 300;

#ifndef NEARRT_SHARED_DIR
#define NEARRT_SHARED_DIR "../shared"
#endif
#ifndef NEARRT_SOURCE_DIR
#define NEARRT_SOURCE_DIR "."
#endif

void Report(const char* what, const Tally& t) {
  for (const std::string& f : t.failures) std::printf("FAIL %s\n", f.c_str());
  std::printf("%-40s PASS %d FAIL %d\n", what, t.pass, t.fail);
}

std::string FormatTranscript(const nearrt::crypto::testing::Transcript& t) {
  return "seed=" + std::to_string(kTranscriptSeed) + " rounds=" +
         std::to_string(kTranscriptRounds) + " operations=" + std::to_string(t.operations) +
         " sha256=" + t.digest + "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared_dir = NEARRT_SHARED_DIR;
  std::string transcript_path =
      std::string(NEARRT_SOURCE_DIR) + "/src/crypto/testdata/workload-transcript.txt";
  bool write_transcript = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--shared") && i + 1 < argc) {
      shared_dir = argv[++i];
    } else if (!std::strcmp(argv[i], "--transcript") && i + 1 < argc) {
      transcript_path = argv[++i];
    } else if (!std::strcmp(argv[i], "--write-transcript")) {
      write_transcript = true;
    } else {
      std::fprintf(stderr, "usage: %s [--shared DIR] [--transcript FILE] [--write-transcript]\n",
                   argv[0]);
      return 2;
    }
  }

  Tally total;
  auto run_vectors = [&](const Backend& b) {
    Tally t;
    nearrt::Status st = nearrt::crypto::testing::CheckAllVectors(b, shared_dir, t);
    if (!st.ok()) t.Check(false, std::string(b.name) + ": " + st.error().message);
    Report((std::string("vectors, backend ") + b.name).c_str(), t);
    total.pass += t.pass;
    total.fail += t.fail;
  };
#ifdef NEARRT_NATIVE_CRYPTO
  const bool native = true;
#else
  const bool native = false;
#endif
  Backend def = nearrt::crypto::testing::DefaultBackend();
  if (native) def.name = "native";
  run_vectors(def);
  if (native) run_vectors(nearrt::crypto::testing::PortableBackend());

  // Workload transcript: the default backend must reproduce the checked-in
  // digest (made by the native libraries and equal to the portable code's).
  Tally tt;
  auto mine = nearrt::crypto::testing::WorkloadTranscript(def, kTranscriptSeed, kTranscriptRounds);
  std::string line = FormatTranscript(mine);
  if (native) {
    auto port = nearrt::crypto::testing::WorkloadTranscript(
        nearrt::crypto::testing::PortableBackend(), kTranscriptSeed, kTranscriptRounds);
    tt.Check(port.digest == mine.digest && port.operations == mine.operations,
             "portable transcript " + port.digest + " != native " + mine.digest);
  }
  if (write_transcript) {
    if (!native || tt.fail) {
      std::fprintf(stderr, "refusing to write the transcript (not native, or backends differ)\n");
      return 1;
    }
    nearrt::Status st = nearrt::WriteFile(transcript_path, nearrt::AsBytes(line));
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.error().message.c_str());
      return 1;
    }
    std::printf("wrote %s: %s", transcript_path.c_str(), line.c_str());
  } else {
    nearrt::Result<nearrt::Bytes> expected = nearrt::ReadFile(transcript_path);
    if (!expected.ok()) {
      tt.Check(false, expected.error().message);
    } else {
      tt.Check(std::string(nearrt::AsString(*expected)) == line,
               "transcript mismatch: got " + line + " expected " +
                   std::string(nearrt::AsString(*expected)));
    }
  }
  Report("random workload transcript", tt);
  total.pass += tt.pass;
  total.fail += tt.fail;

  std::printf("TOTAL PASS %d FAIL %d\n", total.pass, total.fail);
  return total.fail == 0 ? 0 : 1;
}
