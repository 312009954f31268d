#include "crypto/keccak.h"

namespace nearrt::crypto {
namespace {

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008};

// Rotation offsets r[x + 5y] (Keccak reference, rho step).
constexpr int kRho[25] = {0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
                          25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14};

inline uint64_t Rotl(uint64_t v, int n) { return n == 0 ? v : (v << n) | (v >> (64 - n)); }

// Keccak-f[1600]; lane (x, y) is a[x + 5 * y].
void KeccakF1600(uint64_t a[25]) {
  for (int round = 0; round < 24; ++round) {
    // theta
    uint64_t c[5], d[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ Rotl(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; ++i) a[i] ^= d[i % 5];
    // rho and pi: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
    uint64_t b[25];
    for (int x = 0; x < 5; ++x) {
      for (int y = 0; y < 5; ++y) b[y + 5 * ((2 * x + 3 * y) % 5)] = Rotl(a[x + 5 * y], kRho[x + 5 * y]);
    }
    // chi
    for (int y = 0; y < 5; ++y) {
      for (int x = 0; x < 5; ++x) {
        a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
      }
    }
    // iota
    a[0] ^= kRoundConstants[round];
  }
}

// XORs `n` bytes into the state starting at byte `offset` (lanes are little-endian).
void XorBytes(uint64_t a[25], size_t offset, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) a[(offset + i) / 8] ^= uint64_t(p[i]) << (8 * ((offset + i) % 8));
}

}  // namespace

void KeccakSponge(std::span<const uint8_t> data, size_t rate, uint8_t pad_byte,
                  std::span<uint8_t> out) {
  uint64_t a[25] = {};
  const uint8_t* p = data.data();
  size_t n = data.size();
  for (; n >= rate; p += rate, n -= rate) {
    XorBytes(a, 0, p, rate);
    KeccakF1600(a);
  }
  XorBytes(a, 0, p, n);
  uint8_t pad = pad_byte;
  XorBytes(a, n, &pad, 1);
  uint8_t last = 0x80;
  XorBytes(a, rate - 1, &last, 1);
  KeccakF1600(a);
  for (size_t i = 0; i < out.size(); ++i) out[i] = uint8_t(a[i / 8] >> (8 * (i % 8)));
}

std::array<uint8_t, 32> Keccak256(std::span<const uint8_t> data) {
  std::array<uint8_t, 32> out;
  KeccakSponge(data, 136, 0x01, out);
  return out;
}

std::array<uint8_t, 64> Keccak512(std::span<const uint8_t> data) {
  std::array<uint8_t, 64> out;
  KeccakSponge(data, 72, 0x01, out);
  return out;
}

}  // namespace nearrt::crypto
