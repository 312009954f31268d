// Errors are values: Result<T, E> holds either a T or an E (std::expected-like,
// which C++20 lacks). No exceptions cross a layer boundary in nearrt.
#pragma once

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace nearrt {

// The default error: a human-readable message. Layers with a closed error
// taxonomy (wasm traps, nearcore's PrepareError/HostError) use their own E.
struct Error {
  std::string message;

  Error() = default;
  explicit Error(std::string msg) : message(std::move(msg)) {}
  bool operator==(const Error&) const = default;
};

template <class E>
struct Unexpected {
  E error;
};

template <class E>
Unexpected<std::decay_t<E>> Err(E&& e) {
  return {std::forward<E>(e)};
}
inline Unexpected<Error> Err(const char* msg) { return {Error(msg)}; }
inline Unexpected<Error> Err(std::string msg) { return {Error(std::move(msg))}; }

template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(const T& v) : v_(std::in_place_index<0>, v) {}
  Result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}
  template <class E2, class = std::enable_if_t<std::is_convertible_v<E2, E>>>
  Result(Unexpected<E2> u) : v_(std::in_place_index<1>, std::move(u.error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return *std::get_if<0>(&v_); }
  const T& value() const& { assert(ok()); return *std::get_if<0>(&v_); }
  T&& value() && { assert(ok()); return std::move(*std::get_if<0>(&v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& { assert(!ok()); return *std::get_if<1>(&v_); }
  E&& error() && { assert(!ok()); return std::move(*std::get_if<1>(&v_)); }

 private:
  std::variant<T, E> v_;
};

// Result<void, E>: success or an error.
template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  template <class E2, class = std::enable_if_t<std::is_convertible_v<E2, E>>>
  Result(Unexpected<E2> u) : err_(std::move(u.error)), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  void value() const { assert(ok()); }
  const E& error() const& { assert(!ok()); return err_; }
  E&& error() && { assert(!ok()); return std::move(err_); }

 private:
  E err_{};
  bool failed_ = false;
};

using Status = Result<void>;

inline Status OkStatus() { return {}; }

}  // namespace nearrt

#define NEARRT_CONCAT_INNER(a, b) a##b
#define NEARRT_CONCAT(a, b) NEARRT_CONCAT_INNER(a, b)

// NEARRT_TRY(expr): evaluate a Result-returning expression; on error return
// the error from the enclosing function.
#define NEARRT_TRY(expr)                                                 \
  do {                                                                   \
    auto&& nearrt_try_r_ = (expr);                                       \
    if (!nearrt_try_r_.ok()) return ::nearrt::Err(std::move(nearrt_try_r_).error()); \
  } while (0)

// NEARRT_ASSIGN_OR_RETURN(decl, expr): decl = value of expr, or return its error.
#define NEARRT_ASSIGN_OR_RETURN(decl, expr) \
  NEARRT_ASSIGN_OR_RETURN_IMPL(NEARRT_CONCAT(nearrt_aor_, __LINE__), decl, expr)
#define NEARRT_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr)          \
  auto tmp = (expr);                                           \
  if (!tmp.ok()) return ::nearrt::Err(std::move(tmp).error()); \
  decl = std::move(tmp).value()
