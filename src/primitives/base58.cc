#include "primitives/base58.h"

#include <vector>

namespace nearrt {
namespace {

constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int DigitValue(char c) {
  for (int i = 0; i < 58; ++i) {
    if (kAlphabet[i] == c) return i;
  }
  return -1;
}

}  // namespace

std::string Base58Encode(ByteView data) {
  size_t zeros = 0;
  while (zeros < data.size() && data[zeros] == 0) ++zeros;
  // Base-58 digits, least significant first. log(256)/log(58) < 1.37.
  std::vector<uint8_t> digits;
  digits.reserve((data.size() - zeros) * 138 / 100 + 1);
  for (size_t i = zeros; i < data.size(); ++i) {
    uint32_t carry = data[i];
    for (uint8_t& d : digits) {
      carry += uint32_t(d) << 8;
      d = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (size_t i = digits.size(); i-- > 0;) out += kAlphabet[digits[i]];
  return out;
}

Result<Bytes> Base58Decode(std::string_view text, size_t max_len) {
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  if (ones > max_len) return Err("base58 text decodes to more than " + std::to_string(max_len) + " bytes");
  // Bytes, least significant first.
  std::vector<uint8_t> bytes;
  bytes.reserve(text.size() * 733 / 1000 + 1);
  for (size_t i = ones; i < text.size(); ++i) {
    int v = DigitValue(text[i]);
    if (v < 0) {
      return Err("invalid base58 character at offset " + std::to_string(i));
    }
    uint32_t carry = static_cast<uint32_t>(v);
    for (uint8_t& b : bytes) {
      carry += uint32_t(b) * 58;
      b = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
    // The value only grows: stop as soon as it is too long (this also bounds
    // the quadratic work on long texts).
    if (ones + bytes.size() > max_len) {
      return Err("base58 text decodes to more than " + std::to_string(max_len) + " bytes");
    }
  }
  Bytes out(ones, 0);
  out.insert(out.end(), bytes.rbegin(), bytes.rend());
  return out;
}

}  // namespace nearrt
