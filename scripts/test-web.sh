#!/usr/bin/env bash
# The emcc (browser) build of the portable core, and its tests under node.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs acorn
emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEARRT_TESTS=ON >/dev/null
cmake --build build/wasm -j"$(nproc)"
(cd build/wasm && ctest --output-on-failure)
