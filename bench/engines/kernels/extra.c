// Kernels added by the engine benchmark (bench/engines) to the five integer
// kernels of shared/bench/kernels/kernels.c. Freestanding C (no libc), built
// to wasm32 with clang and natively with gcc -O2; every kernel returns a u32
// checksum that all engines must agree on.
#include <stdint.h>

// Unlike kernels.c these are not exported, so a module built for one kernel
// keeps only that kernel (and imports host functions only when it needs them).
#define EXPORT(n)
#ifdef __wasm__
#define IMPORT(n) __attribute__((import_module("env"), import_name(n)))
#else
#define IMPORT(n)
#endif

/* ------------------------------------------------------------------------ */
/* hostcall: call-heavy with host calls, shaped like NEAR's register API: an
 * i64 -> i64 function and one that writes guest memory (like read_register).
 * The host side is implemented identically by the nearrt driver (C++), by
 * run_node.js (JS) and natively by native_host.c. */
IMPORT("host_mix") uint64_t host_mix(uint64_t x);
IMPORT("host_fill") void host_fill(void* ptr, uint32_t len, uint32_t seed);

static uint8_t host_buf[64];
EXPORT("run_hostcall") uint32_t run_hostcall(uint32_t iters) {
  uint64_t acc = 1;
  for (uint32_t i = 0; i < iters; i++) {
    acc = host_mix(acc + i);
    if ((i & 7) == 0) {
      host_fill(host_buf, 32, (uint32_t)acc);
      for (uint32_t j = 0; j < 32; j++) acc += host_buf[j];
    }
  }
  return (uint32_t)(acc ^ (acc >> 32));
}

/* ------------------------------------------------------------------------ */
/* memcopy: memcpy/memset written as loops (what a contract gets from its
 * compiler builtins when bulk memory is off), over many sizes and
 * alignments, then a checksum. */
static uint8_t copy_arena[1 << 18];
static void copy_bytes(uint8_t* d, const uint8_t* s, uint32_t n) {
  if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
    for (; n >= 16; n -= 16, d += 16, s += 16) {
      uint32_t a = ((const uint32_t*)s)[0], b = ((const uint32_t*)s)[1];
      uint32_t c = ((const uint32_t*)s)[2], e = ((const uint32_t*)s)[3];
      ((uint32_t*)d)[0] = a; ((uint32_t*)d)[1] = b; ((uint32_t*)d)[2] = c; ((uint32_t*)d)[3] = e;
    }
    for (; n >= 4; n -= 4, d += 4, s += 4) *(uint32_t*)d = *(const uint32_t*)s;
  }
  for (; n; n--) *d++ = *s++;
}
static void fill_bytes(uint8_t* d, uint8_t v, uint32_t n) {
  for (; n; n--) *d++ = v;
}
/* The copy workload, parameterised by the copy and fill used. */
#define COPY_WORKLOAD(iters, COPY, FILL)                                               \
  do {                                                                                 \
    const uint32_t half = sizeof(copy_arena) / 2;                                      \
    for (uint32_t i = 0; i < sizeof(copy_arena); i++) copy_arena[i] = (uint8_t)(i * 7 + (i >> 9)); \
    uint32_t sum = 0, x = 12345;                                                       \
    for (uint32_t it = 0; it < (iters); it++) {                                        \
      x = x * 1103515245u + 12345u;                                                    \
      uint32_t len = (x >> 8) % 4096 + 1;                                              \
      uint32_t src = (x >> 3) % (half - 4096);                                         \
      uint32_t dst = half + ((x >> 13) % (half - 4096));                               \
      if (it & 1) { src &= ~3u; dst &= ~3u; } /* half of the copies are aligned */    \
      COPY(copy_arena + dst, copy_arena + src, len);                                   \
      if ((it & 15) == 0) FILL(copy_arena + src, (uint8_t)it, len / 8);               \
      sum += copy_arena[dst + len / 2] + copy_arena[dst + len - 1];                    \
    }                                                                                  \
    for (uint32_t i = 0; i < sizeof(copy_arena); i += 61) sum = sum * 31 + copy_arena[i]; \
    return sum;                                                                        \
  } while (0)

EXPORT("run_memcopy") uint32_t run_memcopy(uint32_t iters) { COPY_WORKLOAD(iters, copy_bytes, fill_bytes); }

/* ------------------------------------------------------------------------ */
/* bulkcopy: the same workload through __builtin_memcpy/memset, which clang
 * turns into memory.copy/memory.fill when built with -mbulk-memory (NEAR's
 * "linear" instructions) and gcc into libc calls. */
EXPORT("run_bulkcopy") uint32_t run_bulkcopy(uint32_t iters) {
  COPY_WORKLOAD(iters, __builtin_memcpy, __builtin_memset);
}

/* ------------------------------------------------------------------------ */
/* float: f64 Mandelbrot (mul/add/compare), plus f32 division, sqrt and
 * int<->float conversions. All operations are IEEE-exact, so the checksum is
 * the same on every engine and natively (x86-64 SSE2, no FMA contraction). */
static float fvec[1024];
EXPORT("run_float") uint32_t run_float(uint32_t iters) {
  uint32_t total = 0;
  double acc = 0.0;
  for (uint32_t i = 0; i < 1024; i++) fvec[i] = (float)(i % 97) * 0.125f + 1.0f;
  for (uint32_t it = 0; it < iters; it++) {
    for (int y = 0; y < 32; y++)
      for (int x = 0; x < 48; x++) {
        double cr = -2.0 + x * (2.5 / 48.0) + (double)(it & 7) * 1e-3;
        double ci = -1.0 + y * (2.0 / 32.0);
        double zr = 0.0, zi = 0.0;
        int n = 0;
        while (n < 48 && zr * zr + zi * zi <= 4.0) {
          double t = zr * zr - zi * zi + cr;
          zi = 2.0 * zr * zi + ci;
          zr = t;
          n++;
        }
        total += (uint32_t)n;
        acc += zr * 0.5 - zi * 0.25;
      }
    for (uint32_t i = 0; i < 1024; i++) {
      float v = fvec[i];
      v = v / __builtin_sqrtf(v * v + 1.0f) + 1.0f;
      fvec[i] = v;
      acc += (double)v;
    }
    acc = acc - (double)(int64_t)(acc / 65536.0) * 65536.0;  /* keep it bounded */
  }
  int64_t bits = (int64_t)(acc * 1048576.0);
  return total ^ (uint32_t)bits ^ (uint32_t)((uint64_t)bits >> 32);
}

/* ------------------------------------------------------------------------ */
/* interp: a branchy interpreter-style loop (switch dispatch -> br_table): a
 * small register VM running a Collatz step count over n = 1..param. */
enum { OP_LI, OP_MOV, OP_ADDI, OP_ADD, OP_ANDI, OP_SHRI, OP_MULI, OP_JZ, OP_JNZ, OP_JEQI, OP_JLT, OP_JMP, OP_XOR, OP_HALT };
struct insn { uint8_t op, a, b, c; int32_t imm; };
static uint64_t vm_run(const struct insn* code, uint64_t* r) {
  uint32_t pc = 0;
  for (;;) {
    const struct insn* i = &code[pc++];
    switch (i->op) {
      case OP_LI: r[i->a] = (uint64_t)(int64_t)i->imm; break;
      case OP_MOV: r[i->a] = r[i->b]; break;
      case OP_ADDI: r[i->a] = r[i->b] + (uint64_t)(int64_t)i->imm; break;
      case OP_ADD: r[i->a] = r[i->b] + r[i->c]; break;
      case OP_ANDI: r[i->a] = r[i->b] & (uint64_t)(int64_t)i->imm; break;
      case OP_SHRI: r[i->a] = r[i->b] >> (i->imm & 63); break;
      case OP_MULI: r[i->a] = r[i->b] * (uint64_t)(int64_t)i->imm; break;
      case OP_XOR: r[i->a] = r[i->b] ^ r[i->c]; break;
      case OP_JZ: if (r[i->a] == 0) pc = (uint32_t)i->imm; break;
      case OP_JNZ: if (r[i->a] != 0) pc = (uint32_t)i->imm; break;
      case OP_JEQI: if (r[i->a] == (uint64_t)(int64_t)i->c) pc = (uint32_t)i->imm; break;
      case OP_JLT: if (r[i->a] < r[i->b]) pc = (uint32_t)i->imm; break;
      case OP_JMP: pc = (uint32_t)i->imm; break;
      case OP_HALT: return r[i->a];
      default: return ~0ull;
    }
  }
}
static struct insn vm_code[32];
EXPORT("run_interp") uint32_t run_interp(uint32_t limit) {
  /* r0 = n, r1 = limit, r2 = steps, r3 = x, r4 = tmp, r5 = hash */
  static const struct insn prog[] = {
      /* 0 */ {OP_LI, 0, 0, 0, 1},
      /* 1 */ {OP_LI, 2, 0, 0, 0},
      /* 2 */ {OP_LI, 5, 0, 0, 0},
      /* 3 outer: x = n */ {OP_MOV, 3, 0, 0, 0},
      /* 4 inner: x == 1? */ {OP_JEQI, 3, 0, 1, 12},
      /* 5 */ {OP_ANDI, 4, 3, 0, 1},
      /* 6 even? */ {OP_JZ, 4, 0, 0, 9},
      /* 7 odd: 3x+1 */ {OP_MULI, 3, 3, 0, 3},
      /* 8 */ {OP_ADDI, 3, 3, 0, 1},
      /* 9 x >>= 1 */ {OP_SHRI, 3, 3, 0, 1},
      /* 10 steps++ */ {OP_ADDI, 2, 2, 0, 1},
      /* 11 */ {OP_JMP, 0, 0, 0, 4},
      /* 12 hash */ {OP_XOR, 5, 5, 2, 0},
      /* 13 */ {OP_MULI, 5, 5, 0, 31},
      /* 14 n++ */ {OP_ADDI, 0, 0, 0, 1},
      /* 15 n < limit? */ {OP_JLT, 0, 1, 0, 3},
      /* 16 */ {OP_XOR, 5, 5, 2, 0},
      /* 17 */ {OP_HALT, 5, 0, 0, 0},
  };
  for (uint32_t i = 0; i < sizeof(prog) / sizeof(prog[0]); i++) vm_code[i] = prog[i];
  uint64_t r[8] = {0};
  r[1] = limit;
  uint64_t h = vm_run(vm_code, r);
  return (uint32_t)(h ^ (h >> 32));
}
