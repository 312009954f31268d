# Tests of the web package, run by ctest in the emcc build tree (scripts/test-web.sh).
find_program(WEB_NODE node)
if(NOT WEB_NODE)
  message(WARNING "node not found: no web tests")
  return()
endif()
# The native `nearrt` the determinism test compares with (built by scripts/test.sh
# in build/release before the emcc build).
set(NEARRT_NATIVE_NEARRT ${PROJECT_SOURCE_DIR}/build/release/nearrt CACHE FILEPATH
    "Native nearrt binary for the web determinism test")

set(WEB_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/test)
add_test(NAME web_api
  COMMAND ${WEB_NODE} --test ${WEB_TEST_DIR}/api.test.mjs)
set_tests_properties(web_api PROPERTIES LABELS unit TIMEOUT 300
  ENVIRONMENT "NEARRT_WEB_PKG=${WEB_PKG};NEARRT_WEB_CONTRACTS=${WEB_CONTRACTS};NEARRT_SHARED_DIR=${NEARRT_SHARED_DIR};NEARRT_NATIVE=${NEARRT_NATIVE_NEARRT}")

add_test(NAME web_determinism
  COMMAND ${WEB_NODE} ${WEB_TEST_DIR}/determinism.mjs --nearrt ${NEARRT_NATIVE_NEARRT}
          --pkg ${WEB_PKG} --shared ${NEARRT_SHARED_DIR} --contracts ${WEB_CONTRACTS})
set_tests_properties(web_determinism PROPERTIES LABELS conformance TIMEOUT 900)

add_test(NAME web_playground_e2e
  COMMAND ${WEB_NODE} ${WEB_TEST_DIR}/e2e.mjs --root ${WEB_PLAYGROUND}
          --screenshot ${WEB_OUT}/playground-e2e.png)
set_tests_properties(web_playground_e2e PROPERTIES LABELS contracts TIMEOUT 600)
