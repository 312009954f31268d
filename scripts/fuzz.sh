#!/usr/bin/env bash
# Runs the libFuzzer targets for a given time (default 10 minutes).
#   scripts/fuzz.sh [SECONDS] [TARGET]
# Crashing inputs land in fuzz/crashes/; add them to fuzz/regressions/ once
# fixed (the `fuzz_regressions` test replays that folder).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
secs=${1:-600}
target=${2:-wasm_fuzz}
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEARRT_FUZZ=ON -DNEARRT_SANITIZE=ON \
  -DNEARRT_TESTS=OFF -DNEARRT_LAYERS="util;wasm" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build/fuzz --target "$target" -j"$(nproc)"
mkdir -p "fuzz/corpus-$target" fuzz/crashes
# Seed the corpus with the spec-test modules' shapes: a few small valid modules.
if [ -z "$(ls -A "fuzz/corpus-$target")" ]; then
  for f in fuzz/seeds/*.wasm; do [ -f "$f" ] && cp "$f" "fuzz/corpus-$target/"; done
fi
exec "build/fuzz/fuzz/$target" "fuzz/corpus-$target" fuzz/seeds -max_total_time="$secs" -timeout=10 \
  -rss_limit_mb=4096 -artifact_prefix=fuzz/crashes/ -print_final_stats=1
