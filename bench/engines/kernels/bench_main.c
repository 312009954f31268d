// The zero-argument `bench` export every engine calls (wabt's wasm-interp can
// only run exports without arguments). Built once per kernel with
// -DKERNEL=run_xxx -DPARAM=N, as shared/bench/kernels/bench_main.c; the
// parameter is read from a volatile so it cannot be constant-folded.
#include <stdint.h>
uint32_t run_fib(uint32_t);
uint32_t run_sieve(uint32_t);
uint32_t run_sha256(uint32_t);
uint32_t run_i64mix(uint32_t);
uint32_t run_matmul(uint32_t);
uint32_t run_hostcall(uint32_t);
uint32_t run_memcopy(uint32_t);
uint32_t run_bulkcopy(uint32_t);
uint32_t run_float(uint32_t);
uint32_t run_interp(uint32_t);
static volatile uint32_t param = PARAM;
volatile uint32_t sink;
#ifdef __wasm__
__attribute__((export_name("bench")))
#endif
uint32_t bench(void) {
  uint32_t r = KERNEL(param);
  sink = r;
  return r;
}
