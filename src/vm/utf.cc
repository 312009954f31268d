#include "vm/utf.h"

namespace nearrt::vm {

bool IsValidUtf8(ByteView d) {
  size_t i = 0, n = d.size();
  while (i < n) {
    uint8_t c = d[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      uint8_t cc = d[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return false;
    i += len;
  }
  return true;
}

static void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::optional<std::string> DecodeUtf16Le(ByteView d) {
  if (d.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(d.size());
  size_t n = d.size() / 2;
  for (size_t i = 0; i < n; ++i) {
    uint32_t u = d[2 * i] | (static_cast<uint32_t>(d[2 * i + 1]) << 8);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 >= n) return std::nullopt;
      uint32_t u2 = d[2 * i + 2] | (static_cast<uint32_t>(d[2 * i + 3]) << 8);
      if (u2 < 0xDC00 || u2 > 0xDFFF) return std::nullopt;
      AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00), &out);
      ++i;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return std::nullopt;
    } else {
      AppendUtf8(u, &out);
    }
  }
  return out;
}

}  // namespace nearrt::vm
