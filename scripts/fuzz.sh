#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ for a given time each (default 10 minutes).
#   scripts/fuzz.sh [SECONDS] [TARGET]
# Without TARGET every target runs, one after the other:
#   wasm_fuzz borsh_fuzz trie_node_fuzz prepare_fuzz json_fuzz
# Each target's corpus grows in fuzz/corpus-<target>/ (gitignored), starting
# from fuzz/seeds/<target>/ and fuzz/regressions/<target>/. Crashing inputs land
# in fuzz/crashes/<target>/; once fixed, add them to fuzz/regressions/<target>/
# (the fuzz_replay_<target> tests replay that folder).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
secs=${1:-600}
targets=${2:-"wasm_fuzz borsh_fuzz trie_node_fuzz prepare_fuzz json_fuzz"}
build=build/fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEARRT_FUZZ=ON -DNEARRT_SANITIZE=ON \
  -DNEARRT_TESTS=OFF -DNEARRT_LAYERS="util;wasm;crypto;primitives;vm;store;runtime;chain" \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" --target $targets -j"$(nproc)"
failed=""
for t in $targets; do
  inputs=("fuzz/corpus-$t" "fuzz/seeds/$t")
  [ -d "fuzz/regressions/$t" ] && inputs+=("fuzz/regressions/$t")
  [ "$t" = prepare_fuzz ] && inputs+=(fuzz/seeds/wasm_fuzz)  # same input layout
  mkdir -p "fuzz/corpus-$t" "fuzz/crashes/$t"
  echo "== $t: $secs s"
  "$build/fuzz/$t" "${inputs[@]}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="fuzz/crashes/$t/" -print_final_stats=1 || failed="$failed $t"
done
if [ -n "$failed" ]; then
  echo "fuzz.sh: crashes in:$failed (inputs in fuzz/crashes/)" >&2
  exit 1
fi
