#!/usr/bin/env bash
# Converts spec .wast files with wast2json (natively) and runs the emcc-built
# spec driver on them under node, with metering on and off.
#   run_spec_node.sh NODE DRIVER.js SPEC_DIR NAME...
set -euo pipefail
node=$1 driver=$2 dir=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jsons=()
for name in "$@"; do
  wast2json "$dir/$name.wast" -o "$tmp/$name.json"
  jsons+=("$tmp/$name.json")
done
"$node" --no-experimental-fetch "$driver" "${jsons[@]}" | tail -1
"$node" --no-experimental-fetch "$driver" --gas-sweep --canonicalize-nans "${jsons[@]}" | tail -1
