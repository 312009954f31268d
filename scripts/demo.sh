#!/usr/bin/env bash
# The main job on an embedded default: builds nearrt and runs a NEAR contract
# call end to end on the example contract (examples/contracts/greeter.c, built
# with clang), then a second call that reads the state the first one wrote.
# Prints each outcome (return value, logs, gas burnt and used, gas profile).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target nearrt example_contracts -j"$(nproc)"
nearrt=build/release/nearrt
wasm=build/release/examples/greeter.wasm

echo "== nearrt run: set_greeting(\"Hello, NEAR!\") as carol.testnet =="
context='{"current_account_id": "greeter.testnet", "predecessor_account_id": "carol.testnet",
          "signer_account_id": "carol.testnet", "prepaid_gas": 30000000000000}'
out=$($nearrt run --wasm-file "$wasm" --method-name set_greeting --input "Hello, NEAR!" --context "$context")
echo "$out" | python3 -m json.tool
state=$(echo "$out" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["state"]))')

echo
echo "== nearrt run: get_greeting() on the state written above =="
$nearrt run --wasm-file "$wasm" --method-name get_greeting --context "$context" --state "$state" | python3 -c '
import base64, json, sys
o = json.load(sys.stdin)
print(json.dumps(o, indent=2))
'
