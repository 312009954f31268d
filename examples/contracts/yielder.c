// A NEAR contract in C (no SDK) that waits for an off-chain answer with
// promise_yield_create / promise_yield_resume (nearcore's yield-resume, NEP-519):
//
//   ask(question)      yields: creates the callback `on_answer` that runs once
//                      the answer arrives (or the yield times out), stores the
//                      yield's data id, and returns the callback's promise.
//   answer(text)       resumes the stored yield with `text` as its payload;
//                      returns "true" if a pending yield took it, else "false".
//   on_answer          the callback: reads promise result 0 (the payload, or a
//                      failure on timeout), stores and returns the answer.
//   get_answer         the last answer, or "no answer yet".
//
// Built to wasm32 with clang (examples/CMakeLists.txt, web/CMakeLists.txt);
// the web playground's yield walkthrough runs it.
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(input) void input(uint64_t register_id);
IMPORT(register_len) uint64_t register_len(uint64_t register_id);
IMPORT(read_register) void read_register(uint64_t register_id, uint64_t ptr);
IMPORT(storage_write) uint64_t storage_write(uint64_t key_len, uint64_t key_ptr, uint64_t value_len,
                                             uint64_t value_ptr, uint64_t register_id);
IMPORT(storage_read) uint64_t storage_read(uint64_t key_len, uint64_t key_ptr, uint64_t register_id);
IMPORT(storage_remove) uint64_t storage_remove(uint64_t key_len, uint64_t key_ptr, uint64_t register_id);
IMPORT(value_return) void value_return(uint64_t value_len, uint64_t value_ptr);
IMPORT(log_utf8) void log_utf8(uint64_t len, uint64_t ptr);
IMPORT(panic_utf8) void panic_utf8(uint64_t len, uint64_t ptr);
IMPORT(promise_yield_create) uint64_t promise_yield_create(uint64_t method_len, uint64_t method_ptr,
                                                           uint64_t args_len, uint64_t args_ptr,
                                                           uint64_t gas, uint64_t gas_weight,
                                                           uint64_t register_id);
IMPORT(promise_yield_resume) uint32_t promise_yield_resume(uint64_t data_id_len, uint64_t data_id_ptr,
                                                           uint64_t payload_len, uint64_t payload_ptr);
IMPORT(promise_return) void promise_return(uint64_t promise_index);
IMPORT(promise_results_count) uint64_t promise_results_count(void);
IMPORT(promise_result) uint64_t promise_result(uint64_t result_idx, uint64_t register_id);

#define PTR(p) ((uint64_t)(uintptr_t)(p))

static const char kDataId[] = "data_id";
static const char kAnswer[] = "answer";
static const char kCallback[] = "on_answer";
static const uint64_t kCallbackGas = 20000000000000ull;  // 20 Tgas for on_answer

static char buf[1100];
static char msg[2400];
static char data_id[64];

static uint64_t len_of(const char* s) {
  uint64_t n = 0;
  while (s[n]) n++;
  return n;
}

static void fail(const char* why) { panic_utf8(len_of(why), PTR(why)); }

// Reads register `r` into `dst` (at most `cap` bytes); returns its length.
static uint64_t read_reg(uint64_t r, char* dst, uint64_t cap) {
  uint64_t n = register_len(r);
  if (n > cap) fail("value too long");
  read_register(r, PTR(dst));
  return n;
}

// Appends `n` bytes of `src` to msg at *at.
static void put(uint64_t* at, const char* src, uint64_t n) {
  if (*at + n > sizeof(msg)) fail("log too long");
  for (uint64_t i = 0; i < n; i++) msg[(*at)++] = src[i];
}

EXPORT(ask) void ask(void) {
  input(0);
  uint64_t n = read_reg(0, buf, 512);
  if (n == 0) fail("ask: empty question");
  uint64_t p = promise_yield_create(sizeof(kCallback) - 1, PTR(kCallback), n, PTR(buf), kCallbackGas, 0, 1);
  uint64_t id_len = read_reg(1, data_id, sizeof(data_id));
  storage_write(sizeof(kDataId) - 1, PTR(kDataId), id_len, PTR(data_id), 2);
  uint64_t m = 0;
  const char* head = "waiting for an answer to: ";
  put(&m, head, len_of(head));
  put(&m, buf, n);
  log_utf8(m, PTR(msg));
  promise_return(p);
}

EXPORT(answer) void answer(void) {
  input(0);
  uint64_t n = read_reg(0, buf, 1024);
  if (storage_read(sizeof(kDataId) - 1, PTR(kDataId), 1) == 0) fail("answer: no pending question");
  uint64_t id_len = read_reg(1, data_id, sizeof(data_id));
  uint32_t resumed = promise_yield_resume(id_len, PTR(data_id), n, PTR(buf));
  const char* text = resumed ? "true" : "false";
  const char* note = resumed ? "resumed the pending yield" : "no pending yield took the answer";
  log_utf8(len_of(note), PTR(note));
  value_return(len_of(text), PTR(text));
}

EXPORT(on_answer) void on_answer(void) {
  if (promise_results_count() != 1) fail("on_answer: expected one promise result");
  input(0);
  uint64_t q = read_reg(0, buf, 512);
  uint64_t m = 0;
  storage_remove(sizeof(kDataId) - 1, PTR(kDataId), 2);
  if (promise_result(0, 1) != 1) {
    const char* t = "no answer in time to: ";
    put(&m, t, len_of(t));
    put(&m, buf, q);
    log_utf8(m, PTR(msg));
    const char* r = "timeout";
    value_return(len_of(r), PTR(r));
    return;
  }
  uint64_t a = register_len(1);
  if (a > 1024) fail("on_answer: answer too long");
  const char* t = "answer to '";
  put(&m, t, len_of(t));
  put(&m, buf, q);
  put(&m, "': ", 3);
  uint64_t at = m;
  if (m + a > sizeof(msg)) fail("log too long");
  read_register(1, PTR(msg + at));
  m += a;
  storage_write(sizeof(kAnswer) - 1, PTR(kAnswer), a, PTR(msg + at), 2);
  log_utf8(m, PTR(msg));
  value_return(a, PTR(msg + at));
}

EXPORT(get_answer) void get_answer(void) {
  if (storage_read(sizeof(kAnswer) - 1, PTR(kAnswer), 0) == 0) {
    static const char kNone[] = "no answer yet";
    value_return(sizeof(kNone) - 1, PTR(kNone));
    return;
  }
  uint64_t n = read_reg(0, buf, sizeof(buf));
  value_return(n, PTR(buf));
}
