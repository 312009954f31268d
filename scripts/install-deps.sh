#!/usr/bin/env bash
# Installs everything nearrt needs to build and test on Debian bookworm.
# Idempotent: packages already present are skipped, so a second run is instant.
#
#   scripts/install-deps.sh            # build + test dependencies
#   scripts/install-deps.sh --browser  # also Debian's chromium (browser e2e tests)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang lld ccache
  # tests, benchmarks, fuzzing (libFuzzer/ASan/UBSan runtimes come with clang's rt)
  libgtest-dev libgmock-dev libbenchmark-dev libclang-rt-14-dev
  # libraries behind narrow interfaces (native build only)
  libssl-dev libsecp256k1-dev librocksdb-dev
  # header-only JSON (native and emcc builds)
  nlohmann-json3-dev
  # WebAssembly tooling: wast2json for the spec suite, wasm-interp for benchmarks
  wabt
  # browser build: emcc 3.1.6 and node; emcc's JS optimizer needs acorn
  emscripten node-acorn
  # misc used by scripts
  python3 gzip ca-certificates
)
# node: the machine image may carry its own Node.js (with npm); only fall back to
# Debian's when there is none, since the two conflict.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/nearrt-apt.log 2>&1; then
  $SUDO apt-get update >>/tmp/nearrt-apt.log 2>&1
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/nearrt-apt.log 2>&1 || {
    tail -30 /tmp/nearrt-apt.log >&2; echo "install-deps: apt-get failed (log: /tmp/nearrt-apt.log)" >&2; exit 1; }
fi
