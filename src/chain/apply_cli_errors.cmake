# `nearrt apply` on malformed genesis and block files (ctest chain_apply_cli_errors):
# each must exit with 1 and name the problem on stderr, never abort; a
# well-formed pair must still produce its block.
#   cmake -DNEARRT=<nearrt binary> -DWORK=<scratch dir> -P apply_cli_errors.cmake
if(NOT EXISTS "${NEARRT}")
  message(FATAL_ERROR "${NEARRT} is not built (cmake --build ... --target nearrt)")
endif()
file(MAKE_DIRECTORY "${WORK}")
set(GENESIS [=[{"accounts": [{"account_id": "alice.near", "amount": "1000000000000000000000000", "test_key_seed": "alice.near"},
                             {"account_id": "bob.near", "amount": "0"}]}]=])

# Runs apply on `genesis` (and `block` unless empty); returns rc, stdout, stderr.
function(run_apply name genesis block)
  file(WRITE "${WORK}/${name}.genesis.json" "${genesis}")
  set(args apply --genesis "${WORK}/${name}.genesis.json")
  if(NOT "${block}" STREQUAL "")
    file(WRITE "${WORK}/${name}.block.json" "${block}")
    list(APPEND args --block "${WORK}/${name}.block.json")
  endif()
  execute_process(COMMAND "${NEARRT}" ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(rc "${rc}" PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect_error name genesis block expected)
  run_apply("${name}" "${genesis}" "${block}")
  string(FIND "${err}" "${expected}" pos)
  if(NOT "${rc}" STREQUAL "1" OR pos EQUAL -1)
    message(SEND_ERROR "${name}: exit '${rc}', stderr: ${err}\n  expected exit 1 and: ${expected}")
  endif()
endfunction()

expect_error(genesis_account_id_number [=[{"accounts":[{"account_id":5}]}]=] ""
             "genesis: account 0: account_id: expected a string")
expect_error(genesis_not_json [=[{"accounts": [}]=] "" "genesis: invalid JSON")
expect_error(genesis_data_value [=[{"accounts":[{"account_id":"a.near","data":{"AA==":7}}]}]=] ""
             "genesis: account 0 (a.near): data: the value of \"AA==\" must be a base64 string")
expect_error(genesis_code_file_missing [=[{"accounts":[{"account_id":"a.near","code_file":"no/such.wasm"}]}]=] ""
             "genesis: account 0 (a.near): code_file:")
expect_error(block_signer_number "${GENESIS}" [=[[{"signer_id":5}]]=]
             "transaction 0: signer_id: expected a string")
expect_error(block_not_array "${GENESIS}" [=[{"signer_id":"alice.near"}]=]
             "transactions: expected an array")
expect_error(block_not_json "${GENESIS}" [=[[{]=] "expected a JSON array of transactions")
expect_error(block_deposit_array "${GENESIS}"
             [=[[{"signer_id":"alice.near","receiver_id":"bob.near","actions":[{"Transfer":{"deposit":[]}}]}]]=]
             "transaction 0: action 0: Transfer: deposit: expected a balance")

run_apply(good "${GENESIS}"
          [=[[{"signer_id":"alice.near","receiver_id":"bob.near","actions":[{"Transfer":{"deposit":"5"}}]}]]=])
string(FIND "${out}" "\"height\": 1," pos)
if(NOT "${rc}" STREQUAL "0" OR pos EQUAL -1)
  message(SEND_ERROR "good: exit '${rc}', stderr: ${err}, stdout: ${out}")
endif()
