// Test contract for the runtime scenarios (src/chain/scenarios_test.cc):
// cross-contract calls with callbacks, yield/resume (plain and *_with_id),
// a self-recursive promise chain that runs until gas runs out, and an
// ft_on_transfer receiver for NEP-141 ft_transfer_call. Plain C, no SDK;
// built to wasm32 with clang at build time.
//
// Methods (input -> result):
//   echo            any bytes -> the same bytes, logs "echo"
//   fail            -> panics "fail"
//   call_echo       receiver id -> promise receiver.echo("hi").then(self.on_result())
//   call_fail       receiver id -> promise receiver.fail().then(self.on_result())
//   on_result       -> "ok:<data>" or "failed"; stores it under "last"
//   yield           -> data id (32 bytes); a yield whose callback is on_resume
//   resume          data id (32) ‖ payload -> 1 byte: promise_yield_resume's result
//   yield_id        yield id (32) -> 1 byte: 1 created, 0 duplicate id
//   resume_id       yield id (32) ‖ payload -> 1 byte: promise_yield_resume_with_yield_id
//   on_resume       -> 1 byte status (1 resumed, 2 timed out) ‖ payload; stores it under "resumed"
//   chain           u64le depth -> stores "depth", calls chain(depth+1) on itself
//                   with all remaining gas (weight 1)
//   ft_on_transfer  NEP-141 receiver: returns "msg" as the unused amount
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

typedef uint64_t u64;

IMPORT(input) void input(u64 register_id);
IMPORT(register_len) u64 register_len(u64 register_id);
IMPORT(read_register) void read_register(u64 register_id, u64 ptr);
IMPORT(current_account_id) void current_account_id(u64 register_id);
IMPORT(storage_write) u64 storage_write(u64 key_len, u64 key_ptr, u64 value_len, u64 value_ptr,
                                        u64 register_id);
IMPORT(value_return) void value_return(u64 value_len, u64 value_ptr);
IMPORT(log_utf8) void log_utf8(u64 len, u64 ptr);
IMPORT(panic_utf8) void panic_utf8(u64 len, u64 ptr);
IMPORT(promise_create) u64 promise_create(u64 account_len, u64 account_ptr, u64 method_len,
                                          u64 method_ptr, u64 args_len, u64 args_ptr,
                                          u64 amount_ptr, u64 gas);
IMPORT(promise_then) u64 promise_then(u64 promise_index, u64 account_len, u64 account_ptr,
                                      u64 method_len, u64 method_ptr, u64 args_len, u64 args_ptr,
                                      u64 amount_ptr, u64 gas);
IMPORT(promise_batch_create) u64 promise_batch_create(u64 account_len, u64 account_ptr);
IMPORT(promise_batch_action_function_call_weight) void promise_batch_action_function_call_weight(
    u64 promise_index, u64 method_len, u64 method_ptr, u64 args_len, u64 args_ptr, u64 amount_ptr,
    u64 gas, u64 gas_weight);
IMPORT(promise_results_count) u64 promise_results_count(void);
IMPORT(promise_result) u64 promise_result(u64 result_idx, u64 register_id);
IMPORT(promise_return) void promise_return(u64 promise_index);
IMPORT(promise_yield_create) u64 promise_yield_create(u64 method_len, u64 method_ptr, u64 args_len,
                                                      u64 args_ptr, u64 gas, u64 gas_weight,
                                                      u64 register_id);
IMPORT(promise_yield_resume) uint32_t promise_yield_resume(u64 data_id_len, u64 data_id_ptr,
                                                           u64 payload_len, u64 payload_ptr);
IMPORT(promise_yield_create_with_id) u64 promise_yield_create_with_id(
    u64 method_len, u64 method_ptr, u64 args_len, u64 args_ptr, u64 amount_ptr, u64 gas,
    u64 gas_weight, u64 yield_id_len, u64 yield_id_ptr);
IMPORT(promise_yield_resume_with_yield_id) uint32_t promise_yield_resume_with_yield_id(
    u64 yield_id_len, u64 yield_id_ptr, u64 payload_len, u64 payload_ptr);

#define P(x) ((u64)(uintptr_t)(x))
#define TGAS 1000000000000ull

static char buf[2048];
static char out[2100];
static const uint8_t kZero128[16] = {0};

static u64 len_of(const char* s) {
  u64 n = 0;
  while (s[n]) n++;
  return n;
}
static void fail_with(const char* why) { panic_utf8(len_of(why), P(why)); }
static void store(const char* key, u64 len, const void* value) {
  storage_write(len_of(key), P(key), len, P(value), 1);
}
// Reads register r into buf; returns its length.
static u64 read_reg(u64 r) {
  u64 n = register_len(r);
  if (n > sizeof(buf)) fail_with("register too long");
  read_register(r, P(buf));
  return n;
}
static u64 read_input(void) {
  input(0);
  return read_reg(0);
}

EXPORT(echo) void echo(void) {
  u64 n = read_input();
  log_utf8(4, P("echo"));
  value_return(n, P(buf));
}

EXPORT(fail) void fail(void) { fail_with("fail"); }

static void call_then(const char* method, const char* args) {
  u64 n = read_input();  // the receiver account id
  u64 p = promise_create(n, P(buf), len_of(method), P(method), len_of(args), P(args), P(kZero128),
                         10 * TGAS);
  current_account_id(0);
  u64 me = read_reg(0);
  static const char kCb[] = "on_result";
  u64 t = promise_then(p, me, P(buf), sizeof(kCb) - 1, P(kCb), 0, 0, P(kZero128), 10 * TGAS);
  promise_return(t);
}

EXPORT(call_echo) void call_echo(void) { call_then("echo", "hi"); }
EXPORT(call_fail) void call_fail(void) { call_then("fail", ""); }

EXPORT(on_result) void on_result(void) {
  if (promise_results_count() != 1) fail_with("expected one promise result");
  u64 status = promise_result(0, 0);
  u64 m = 0;
  if (status == 1) {
    u64 n = read_reg(0);
    out[m++] = 'o';
    out[m++] = 'k';
    out[m++] = ':';
    for (u64 i = 0; i < n; i++) out[m++] = buf[i];
  } else {
    const char* f = "failed";
    while (*f) out[m++] = *f++;
  }
  store("last", m, out);
  value_return(m, P(out));
}

EXPORT(yield) void yield(void) {
  static const char kCb[] = "on_resume";
  promise_yield_create(sizeof(kCb) - 1, P(kCb), 0, 0, 10 * TGAS, 0, 0);
  u64 n = read_reg(0);
  store("data_id", n, buf);
  value_return(n, P(buf));
}

EXPORT(resume) void resume(void) {
  u64 n = read_input();
  if (n < 32) fail_with("expected a 32-byte data id");
  uint8_t r = (uint8_t)promise_yield_resume(32, P(buf), n - 32, P(buf + 32));
  value_return(1, P(&r));
}

EXPORT(yield_id) void yield_id(void) {
  u64 n = read_input();
  if (n != 32) fail_with("expected a 32-byte yield id");
  static const char kCb[] = "on_resume";
  u64 idx = promise_yield_create_with_id(sizeof(kCb) - 1, P(kCb), 0, 0, P(kZero128), 10 * TGAS, 0,
                                         32, P(buf));
  uint8_t r = idx == ~0ull ? 0 : 1;
  value_return(1, P(&r));
}

EXPORT(resume_id) void resume_id(void) {
  u64 n = read_input();
  if (n < 32) fail_with("expected a 32-byte yield id");
  uint8_t r = (uint8_t)promise_yield_resume_with_yield_id(32, P(buf), n - 32, P(buf + 32));
  value_return(1, P(&r));
}

EXPORT(on_resume) void on_resume(void) {
  if (promise_results_count() != 1) fail_with("expected one promise result");
  u64 status = promise_result(0, 0);
  u64 m = 0;
  out[m++] = (char)status;
  if (status == 1) {
    u64 n = read_reg(0);
    for (u64 i = 0; i < n; i++) out[m++] = buf[i];
  }
  store("resumed", m, out);
  value_return(m, P(out));
}

EXPORT(chain) void chain(void) {
  u64 n = read_input();
  if (n != 8) fail_with("expected a u64 depth");
  u64 depth = 0;
  for (int i = 7; i >= 0; i--) depth = (depth << 8) | (uint8_t)buf[i];
  store("depth", 8, buf);
  depth++;
  uint8_t next[8];
  for (int i = 0; i < 8; i++) next[i] = (uint8_t)(depth >> (8 * i));
  current_account_id(0);
  u64 me = read_reg(0);
  u64 p = promise_batch_create(me, P(buf));
  static const char kM[] = "chain";
  promise_batch_action_function_call_weight(p, sizeof(kM) - 1, P(kM), 8, P(next), P(kZero128), 0, 1);
}

// NEP-141 receiver: {"sender_id":..,"amount":"..","msg":"<n>"} -> "\"<n>\""
// (the amount to give back to the sender).
EXPORT(ft_on_transfer) void ft_on_transfer(void) {
  u64 n = read_input();
  static const char kMsg[] = "\"msg\":\"";
  u64 k = sizeof(kMsg) - 1;
  for (u64 i = 0; i + k <= n; i++) {
    u64 j = 0;
    while (j < k && buf[i + j] == kMsg[j]) j++;
    if (j < k) continue;
    u64 m = 0;
    out[m++] = '"';
    for (u64 p = i + k; p < n && buf[p] != '"'; p++) out[m++] = buf[p];
    out[m++] = '"';
    log_utf8(14, P("ft_on_transfer"));
    value_return(m, P(out));
    return;
  }
  fail_with("no msg");
}
