// Native versions of the `env` host functions of the hostcall kernel. A
// separate translation unit (no LTO), so gcc cannot inline them. The nearrt
// driver (driver/kernel_host.cc) and run_node.js implement the same rules.
#include <stdint.h>
uint64_t host_mix(uint64_t x) {
  x ^= x >> 29;
  return x * 0x9E3779B97F4A7C15ull + 1;
}
void host_fill(void* ptr, uint32_t len, uint32_t seed) {
  uint8_t* p = (uint8_t*)ptr;
  for (uint32_t k = 0; k < len; k++) p[k] = (uint8_t)((seed >> (k & 15)) + k * 131u);
}
