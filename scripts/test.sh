#!/usr/bin/env bash
# Builds nearrt and runs its tests. What .ci/run calls.
#
#   scripts/test.sh            # release build: every test but the `slow` label,
#                              # then the unit tests under ASan+UBSan,
#                              # then the emcc build under node
#   scripts/test.sh --quick    # release build tests only
#   scripts/test.sh --all      # also the `slow` label
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
mode=${1:-}

step() { printf '\n=== %s ===\n' "$*"; }

step "release build"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEARRT_TESTS=ON >/dev/null
cmake --build build/release -j"$jobs"

step "tests (release)"
label_args=(-LE slow)
[[ "$mode" == "--all" ]] && label_args=()
(cd build/release && ctest --output-on-failure -j"$jobs" "${label_args[@]}")

[[ "$mode" == "--quick" ]] && exit 0

step "unit tests under ASan+UBSan"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEARRT_SANITIZE=ON \
  -DNEARRT_TESTS=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build/asan -j"$jobs"
(cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j"$jobs" -L unit)

if [[ -x scripts/test-web.sh ]]; then
  step "emcc build under node"
  scripts/test-web.sh
fi
echo
echo "all tests passed"
