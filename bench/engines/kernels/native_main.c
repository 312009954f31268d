// Native driver: times one call of bench() with CLOCK_MONOTONIC (as
// shared/bench/kernels/native_bench.c) and prints "result=N time=SECONDS".
#include <stdint.h>
#include <stdio.h>
#include <time.h>
uint32_t bench(void);
int main(void) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  uint32_t r = bench();
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("result=%u time=%.6f\n", r, (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
  return 0;
}
