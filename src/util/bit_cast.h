// std::bit_cast for toolchains whose library lacks it (emcc 3.1.6's libc++).
#pragma once

#include <type_traits>

namespace nearrt {

template <class To, class From>
constexpr To BitCast(const From& from) {
  static_assert(sizeof(To) == sizeof(From) && std::is_trivially_copyable_v<To> &&
                std::is_trivially_copyable_v<From>);
  return __builtin_bit_cast(To, from);
}

}  // namespace nearrt
