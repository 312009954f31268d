// Test helper: WAT text to wasm bytes with wabt's wat2wasm, shaped like the
// output of Rust's `wat` crate that nearcore's tests use (a `name` section
// for $identifiers, but no empty local-name maps), so that byte lengths - and
// with them the contract-loading fee - match nearcore's test vectors.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "util/bytes.h"
#include "wasm/binary_reader.h"

namespace nearrt::vm::testing {

// Drops the "local names" subsection (id 2) of a name section when every
// function in it has no named locals.
inline Bytes StripEmptyLocalNames(const Bytes& in) {
  if (in.size() < 8) return in;
  Bytes out(in.begin(), in.begin() + 8);
  wasm::BinaryReader r(in.data() + 8, in.size() - 8, 8);
  while (!r.AtEnd()) {
    const uint8_t* sec_start = r.Pos();
    uint8_t id;
    uint32_t size;
    if (!r.ReadU8(&id) || !r.ReadU32(&size) || size > r.Remaining()) return in;
    const uint8_t* content = r.Pos();
    r.Skip(size);
    wasm::BinaryReader c(content, size);
    std::string name;
    bool bad;
    if (id != 0 || !c.ReadName(&name, &bad) || name != "name") {
      out.insert(out.end(), sec_start, content + size);
      continue;
    }
    Bytes body(content, c.Pos());  // the section name
    while (!c.AtEnd()) {
      const uint8_t* sub_start = c.Pos();
      uint8_t sub;
      uint32_t sub_size;
      if (!c.ReadU8(&sub) || !c.ReadU32(&sub_size) || sub_size > c.Remaining()) return in;
      const uint8_t* sub_content = c.Pos();
      c.Skip(sub_size);
      bool empty_locals = false;
      if (sub == 2) {
        wasm::BinaryReader l(sub_content, sub_size);
        uint32_t n, idx, count;
        empty_locals = l.ReadU32(&n);
        for (uint32_t i = 0; empty_locals && i < n; ++i)
          empty_locals = l.ReadU32(&idx) && l.ReadU32(&count) && count == 0;
      }
      if (!empty_locals) body.insert(body.end(), sub_start, sub_content + sub_size);
    }
    if (body.size() == 5) continue;  // only the name "name" is left: drop the section
    out.push_back(0);
    uint32_t n = uint32_t(body.size());
    do {
      uint8_t b = n & 0x7F;
      n >>= 7;
      out.push_back(n ? (b | 0x80) : b);
    } while (n);
    out.insert(out.end(), body.begin(), body.end());
  }
  return out;
}

inline Bytes Wat(const std::string& text) {
  char dir[] = "/tmp/nearrt-wat-XXXXXX";
  if (!mkdtemp(dir)) return {};
  std::string in = std::string(dir) + "/m.wat", out = std::string(dir) + "/m.wasm";
  if (!WriteFile(in, AsBytes(text)).ok()) return {};
  std::string cmd = "wat2wasm --debug-names --no-check " + in + " -o " + out + " 2>/dev/null";
  Bytes result;
  if (std::system(cmd.c_str()) == 0) {
    auto b = ReadFile(out);
    if (b.ok()) result = StripEmptyLocalNames(*b);
  }
  std::remove(in.c_str());
  std::remove(out.c_str());
  rmdir(dir);
  return result;
}

}  // namespace nearrt::vm::testing
