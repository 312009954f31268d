// Native driver: times one call of bench() with CLOCK_MONOTONIC (as
// shared/bench/kernels/native_bench.c) and with the process CPU clock, and
// prints "result=N time=WALL_SECONDS cpu=CPU_SECONDS".
#include <stdint.h>
#include <stdio.h>
#include <time.h>
uint32_t bench(void);
int main(void) {
  struct timespec a, b, ca, cb;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
  clock_gettime(CLOCK_MONOTONIC, &a);
  uint32_t r = bench();
  clock_gettime(CLOCK_MONOTONIC, &b);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
  printf("result=%u time=%.6f cpu=%.6f\n", r, (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9,
         (double)(cb.tv_sec - ca.tv_sec) + (double)(cb.tv_nsec - ca.tv_nsec) / 1e9);
  return 0;
}
