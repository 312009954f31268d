#!/usr/bin/env bash
# Engine benchmark (issue 3): builds the timing driver and the nearrt CLI into
# build/bench (or $NEARRT_BENCH_BUILD), builds the kernels, runs every engine
# and prints the table. Options are bench.py's, e.g.
#   bench/engines/run.sh                 full run (a few minutes)
#   bench/engines/run.sh --quick         small parameters, under a minute
#   bench/engines/run.sh --repeat 5 --kernels fib,interp,contract --no-interp
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${NEARRT_BENCH_BUILD:-$repo/build/bench}
# `nearrt wasm run --metered` uses the vm layer's preparation and cost model.
layers="util;wasm;crypto;primitives;vm"
if ! grep -q "^NEARRT_LAYERS:STRING=$layers\$" "$build/CMakeCache.txt" 2>/dev/null; then
  nice cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEARRT_BENCH=ON \
    -DNEARRT_TESTS=OFF "-DNEARRT_LAYERS=$layers" >/dev/null
fi
if ! nice cmake --build "$build" --target engine_bench nearrt -j"$(nproc)" >"$build/build.log" 2>&1; then
  cat "$build/build.log" >&2
  exit 1
fi
# --ablation also times a driver built with the portable switch dispatch.
extra=()
if [[ " $* " == *" --ablation "* ]]; then
  sbuild=$build-switch
  if [[ ! -f $sbuild/CMakeCache.txt ]]; then
    nice cmake -S "$repo" -B "$sbuild" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEARRT_BENCH=ON \
      -DNEARRT_TESTS=OFF "-DNEARRT_LAYERS=util;wasm" -DNEARRT_SWITCH_DISPATCH=ON >/dev/null
  fi
  if ! nice cmake --build "$sbuild" --target engine_bench -j"$(nproc)" >"$sbuild/build.log" 2>&1; then
    cat "$sbuild/build.log" >&2
    exit 1
  fi
  extra=(--switch-driver "$sbuild/engine_bench")
fi
exec python3 "$repo/bench/engines/bench.py" --out "$build/engines" --driver "$build/engine_bench" \
  --nearrt "$build/nearrt" "${extra[@]}" "$@"
