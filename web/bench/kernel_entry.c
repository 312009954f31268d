// The NEAR-callable entry of a benchmark kernel: `run` takes no arguments and
// returns nothing (the only signature nearcore calls). Built once per kernel
// with -DKERNEL=run_xxx -DPARAM=n beside shared/bench/kernels/kernels.c and
// bench/engines/kernels/extra.c; the parameter is read from a volatile so it
// cannot be constant-folded.
#include <stdint.h>

uint32_t KERNEL(uint32_t);
static volatile uint32_t param = PARAM;
volatile uint32_t sink;

__attribute__((export_name("run"))) void run(void) { sink = KERNEL(param); }
