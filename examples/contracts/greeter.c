// A minimal NEAR contract in C (no SDK): stores a greeting, returns it, logs.
// Built to wasm32 with clang at build time; the README's first command runs it.
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(input) void input(uint64_t register_id);
IMPORT(register_len) uint64_t register_len(uint64_t register_id);
IMPORT(read_register) void read_register(uint64_t register_id, uint64_t ptr);
IMPORT(storage_write) uint64_t storage_write(uint64_t key_len, uint64_t key_ptr, uint64_t value_len,
                                             uint64_t value_ptr, uint64_t register_id);
IMPORT(storage_read) uint64_t storage_read(uint64_t key_len, uint64_t key_ptr, uint64_t register_id);
IMPORT(value_return) void value_return(uint64_t value_len, uint64_t value_ptr);
IMPORT(log_utf8) void log_utf8(uint64_t len, uint64_t ptr);
IMPORT(panic_utf8) void panic_utf8(uint64_t len, uint64_t ptr);
IMPORT(predecessor_account_id) void predecessor_account_id(uint64_t register_id);

static const char kKey[] = "greeting";
static char buf[1024];
static char msg[1200];

static uint64_t len_of(const char* s) {
  uint64_t n = 0;
  while (s[n]) n++;
  return n;
}

static void fail(const char* why) { panic_utf8(len_of(why), (uint64_t)(uintptr_t)why); }

// Reads register 0 into buf; returns its length.
static uint64_t read_reg0(void) {
  uint64_t n = register_len(0);
  if (n > sizeof(buf)) fail("value too long");
  read_register(0, (uint64_t)(uintptr_t)buf);
  return n;
}

// set_greeting: the call input (any UTF-8 text) becomes the greeting.
EXPORT(set_greeting) void set_greeting(void) {
  input(0);
  uint64_t n = read_reg0();
  if (n == 0) fail("empty greeting");
  storage_write(sizeof(kKey) - 1, (uint64_t)(uintptr_t)kKey, n, (uint64_t)(uintptr_t)buf, 1);
  // Log "<predecessor> set the greeting to: <greeting>".
  predecessor_account_id(0);
  uint64_t who = register_len(0);
  if (who + n + 32 > sizeof(msg)) fail("log too long");
  read_register(0, (uint64_t)(uintptr_t)msg);
  const char* mid = " set the greeting to: ";
  uint64_t m = who;
  for (const char* p = mid; *p; p++) msg[m++] = *p;
  for (uint64_t i = 0; i < n; i++) msg[m++] = buf[i];
  log_utf8(m, (uint64_t)(uintptr_t)msg);
}

// get_greeting: the stored greeting, or a default one.
EXPORT(get_greeting) void get_greeting(void) {
  if (storage_read(sizeof(kKey) - 1, (uint64_t)(uintptr_t)kKey, 0) == 0) {
    static const char kDefault[] = "Hello from nearrt!";
    value_return(sizeof(kDefault) - 1, (uint64_t)(uintptr_t)kDefault);
    return;
  }
  uint64_t n = read_reg0();
  value_return(n, (uint64_t)(uintptr_t)buf);
}
