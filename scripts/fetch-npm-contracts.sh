#!/usr/bin/env bash
# Fetches the NEAR contracts that are published on npm (not in ../shared) into
# OUTDIR, for the npm contract scenarios (src/vm/testdata/scenarios/npm):
#   OUTDIR/near-hello/main.wasm                  near-hello@0.5.1 dist/main.wasm
#   OUTDIR/near-workspaces/testnet-linkdrop.wasm near-workspaces@5.0.0 core_contracts/testnet-linkdrop.wasm
# Versions and contents are pinned (sha256); a file already present with the
# right hash is kept, so a second run does not touch the network.
#
#   scripts/fetch-npm-contracts.sh [OUTDIR]     (default: build/npm-contracts)
set -euo pipefail
out=${1:-build/npm-contracts}
mkdir -p "$out"

# package@version | path in the tarball | output file | sha256
contracts=(
  "near-hello@0.5.1|package/dist/main.wasm|near-hello/main.wasm|ecfb572e7ad8722d94d9eb6668d981766a8e6de024fdf49e7aa365a40e04dd9e"
  "near-workspaces@5.0.0|package/core_contracts/testnet-linkdrop.wasm|near-workspaces/testnet-linkdrop.wasm|006468efb06dbc91e04dbc90a31fac4b8684062e9e4f9c228de53154f6f49c72"
)

sha() { sha256sum "$1" | cut -d' ' -f1; }

for entry in "${contracts[@]}"; do
  IFS='|' read -r pkg inner file want <<<"$entry"
  dest="$out/$file"
  if [[ -f "$dest" && "$(sha "$dest")" == "$want" ]]; then
    continue
  fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # npm pack downloads the published tarball (through npm's own cache).
  tgz=$(cd "$tmp" && npm pack --silent "$pkg")
  tar -xzf "$tmp/$tgz" -C "$tmp" "$inner"
  got=$(sha "$tmp/$inner")
  if [[ "$got" != "$want" ]]; then
    echo "fetch-npm-contracts: $pkg $inner has sha256 $got, expected $want" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$dest")"
  mv "$tmp/$inner" "$dest"
  rm -rf "$tmp"
  trap - EXIT
  echo "fetch-npm-contracts: $pkg -> $dest"
done
