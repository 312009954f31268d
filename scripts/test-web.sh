#!/usr/bin/env bash
# The emcc (browser) build of the portable core, and its tests under node.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# web/: Debian's chromium and playwright-core for the playground's browser test.
[[ -x web/setup.sh ]] && web/setup.sh
# The web determinism test compares the emcc build with the native nearrt
# (scripts/test.sh has built it already; then this is a no-op).
if [[ -f web/CMakeLists.txt ]]; then
  [[ -f build/release/build.ninja ]] || \
    cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEARRT_TESTS=ON >/dev/null
  cmake --build build/release --target nearrt -j"$(nproc)"
fi
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs acorn
emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEARRT_TESTS=ON \
  -DNEARRT_NATIVE_NEARRT="$PWD/build/release/nearrt" >/dev/null
cmake --build build/wasm -j"$(nproc)"
(cd build/wasm && ctest --output-on-failure)
