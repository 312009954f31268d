#include "vm/types.h"

#include <algorithm>

namespace nearrt::vm {

std::string BalanceToString(Balance value) {
  if (value == 0) return "0";
  std::string out;
  while (value != 0) {
    out.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::optional<Balance> ParseBalance(std::string_view text) {
  if (text.empty() || text.size() > 39) return std::nullopt;
  Balance v = 0;
  const Balance max = ~static_cast<Balance>(0);
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    unsigned digit = static_cast<unsigned>(c - '0');
    if (v > (max - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

}  // namespace nearrt::vm
