// Differential oracle for crypto/alt_bn128.{h,cc} and crypto/bls12_381.{h,cc}.
//
// Generates random valid and invalid inputs for every host function and the
// result nearcore (PV 86) produces for them, computed with @noble/curves for
// all curve math (on-curve tests, group law, scalar multiplication, subgroup
// membership, RFC 9380 maps, pairings) and nearcore's encoding / return-code
// rules (runtime/near-vm-runner/src/logic/{alt_bn128,bls12381}.rs, blst
// 0.3.11 deserialization flags, zeropool-bn 0.5.11 validation).
//
//   node gen.mjs OUT_FILE [SEED] [SCALE]
//
// Output lines: fn|fix|input_hex|expectation where expectation is
//   ok:<hex>       alt_bn128 success (register / "01"/"00" for pairing)
//   err:<msg>      HostError message (AltBn128InvalidInput / BLS12381InvalidInput)
//   code:<n>:<hex> BLS return code n and register contents (empty unless n = 0)
import { bn254 } from '@noble/curves/bn254';
import { bls12_381 } from '@noble/curves/bls12-381';
import { writeFileSync } from 'node:fs';

const out = process.argv[2];
let seed = Number(process.argv[3] ?? 1) >>> 0;
const scale = Number(process.argv[4] ?? 1);

// ---------------------------------------------------------------- random
function rnd32() {  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0);
}
const rint = (n) => rnd32() % n;
const chance = (pct) => rint(100) < pct;
function rbytes(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rint(256);
  return b;
}
function rbig(bits) {
  let v = 0n;
  for (let i = 0; i < bits; i += 32) v = (v << 32n) | BigInt(rnd32());
  return v & ((1n << BigInt(bits)) - 1n);
}
const rmod = (m) => rbig(Number(m.toString(2).length) + 64) % m;

// ---------------------------------------------------------------- bytes
const hex = (b) => Buffer.from(b).toString('hex');
const cat = (...parts) => {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const r = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { r.set(p, o); o += p.length; }
  return r;
};
function toLE(v, n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) { b[i] = Number(v & 0xffn); v >>= 8n; }
  return b;
}
const toBE = (v, n) => toLE(v, n).reverse();
function fromLE(b) {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v;
}
const fromBE = (b) => fromLE(Uint8Array.from(b).reverse());
const isZero = (b) => b.every((x) => x === 0);

const lines = [];
const emit = (fn, fix, input, expect) => lines.push(`${fn}|${fix ? 1 : 0}|${hex(input)}|${expect}`);

// ================================================================ alt_bn128
const BN = bn254;
const bnP = BN.G1.CURVE.p;
const bnR = BN.G1.CURVE.n;
const BFp = BN.fields.Fp;
const BFp2 = BN.fields.Fp2;
const BG1 = BN.G1.ProjectivePoint;
const BG2 = BN.G2.ProjectivePoint;

class HostErr { constructor(msg) { this.msg = msg; } }
const rustHex = (b) => '[' + Array.from(b, (x) => x.toString(16).toUpperCase()).join(', ') + ']';

function bnSplit(data, k) {
  if (data.length % k !== 0) {
    throw new HostErr(`slice of size ${data.length} cannot be precisely split into chunks of size ${k}`);
  }
  const r = [];
  for (let o = 0; o < data.length; o += k) r.push(data.subarray(o, o + k));
  return r;
}
function bnFq(raw) {
  const v = fromLE(raw);
  if (v >= bnP) throw new HostErr('invalid fq: ' + rustHex(raw));
  return v;
}
function bnG1(raw) {
  const x = bnFq(raw.subarray(0, 32)), y = bnFq(raw.subarray(32, 64));
  if (x === 0n && y === 0n) return BG1.ZERO;
  if (!BFp.eql(BFp.sqr(y), BN.G1.weierstrassEquation(x))) throw new HostErr('invalid g1: ' + rustHex(raw));
  return BG1.fromAffine({ x, y });
}
function bnG2(raw) {
  const xr = bnFq(raw.subarray(0, 32)), xi = bnFq(raw.subarray(32, 64));
  const yr = bnFq(raw.subarray(64, 96)), yi = bnFq(raw.subarray(96, 128));
  if (xr === 0n && xi === 0n && yr === 0n && yi === 0n) return BG2.ZERO;
  const x = BFp2.fromBigTuple([xr, xi]), y = BFp2.fromBigTuple([yr, yi]);
  if (!BFp2.eql(BFp2.sqr(y), BN.G2.weierstrassEquation(x))) throw new HostErr('invalid g2: ' + rustHex(raw));
  const P = BG2.fromAffine({ x, y });
  // zeropool-bn: (p * (-1 in Fr)) + p == 0, i.e. r * P == O.
  if (!bnMulPlain(P, bnR).is0()) throw new HostErr('invalid g2: ' + rustHex(raw));
  return P;
}
// Plain double-and-add with noble's complete group law (any curve point).
function bnMulPlain(P, k) {
  let acc = BG2.ZERO, b = P;
  for (; k > 0n; k >>= 1n) {
    if (k & 1n) acc = acc.add(b);
    b = b.double();
  }
  return acc;
}
function bnFr(raw) {
  const v = fromLE(raw);
  if (v >= bnR) throw new HostErr('invalid fr: ' + rustHex(raw));
  return v;
}
function bnBool(raw) {
  if (raw[0] === 0) return false;
  if (raw[0] === 1) return true;
  throw new HostErr('invalid bool: ' + rustHex(raw));
}
function bnEncG1(P) {
  if (P.is0()) return new Uint8Array(64);
  const a = P.toAffine();
  return cat(toLE(a.x, 32), toLE(a.y, 32));
}
function bnRun(fn, data) {
  try {
    if (fn === 'bn_multiexp') {
      const items = bnSplit(data, 96).map((c) => [bnG1(c.subarray(0, 64)), bnFr(c.subarray(64))]);
      let acc = BG1.ZERO;
      for (const [P, s] of items) if (s !== 0n && !P.is0()) acc = acc.add(P.multiplyUnsafe(s));
      return 'ok:' + hex(bnEncG1(acc));
    }
    if (fn === 'bn_sum') {
      const items = bnSplit(data, 65).map((c) => [bnBool(c.subarray(0, 1)), bnG1(c.subarray(1))]);
      let acc = BG1.ZERO;
      for (const [neg, P] of items) acc = neg ? acc.subtract(P) : acc.add(P);
      return 'ok:' + hex(bnEncG1(acc));
    }
    const items = bnSplit(data, 192).map((c) => [bnG1(c.subarray(0, 64)), bnG2(c.subarray(64))]);
    const pairs = items.filter(([P, Q]) => !P.is0() && !Q.is0()).map(([P, Q]) => ({ g1: P, g2: Q }));
    const one = pairs.length === 0 || BN.fields.Fp12.eql(BN.pairingBatch(pairs), BN.fields.Fp12.ONE);
    return 'ok:' + (one ? '01' : '00');
  } catch (e) {
    if (e instanceof HostErr) return 'err:' + e.msg;
    throw e;
  }
}

const bnG1Enc = (P) => bnEncG1(P);
function bnG2Enc(P) {
  if (P.is0()) return new Uint8Array(128);
  const a = P.toAffine();
  return cat(toLE(a.x.c0, 32), toLE(a.x.c1, 32), toLE(a.y.c0, 32), toLE(a.y.c1, 32));
}
const bnScalar = () => (chance(10) ? [0n, 1n, bnR - 1n][rint(3)] : rmod(bnR));
function bnRandG1() { return BG1.BASE.multiply(rmod(bnR - 1n) + 1n); }
function bnRandG2() { return BG2.BASE.multiply(rmod(bnR - 1n) + 1n); }
// A point on the twist that is (almost surely) not in the order-r subgroup.
function bnRandTwistPoint() {
  for (;;) {
    const x = BFp2.fromBigTuple([rmod(bnP), rmod(bnP)]);
    try {
      const y = BFp2.sqrt(BN.G2.weierstrassEquation(x));
      if (BFp2.eql(BFp2.sqr(y), BN.G2.weierstrassEquation(x))) return cat(toLE(x.c0, 32), toLE(x.c1, 32), toLE(y.c0, 32), toLE(y.c1, 32));
    } catch { /* not a square */ }
  }
}
function bnMutate(enc, words) {  // enc: 32-byte LE words
  const e = Uint8Array.from(enc);
  switch (rint(6)) {
    case 0: e[rint(e.length)] ^= 1 << rint(8); break;                      // off the curve
    case 1: e.fill(0); break;                                              // infinity
    case 2: { const w = rint(words); e.set(toLE(fromLE(e.subarray(32 * w, 32 * w + 32)) + bnP, 32), 32 * w); break; } // >= q
    case 3: e.fill(0xff, 32 * rint(words), 32 * rint(words) + 32); break;  // huge coordinate
    case 4: e.fill(0); e[e.length - 32] = 1; break;                        // (0, .., 1)
    default: e.set(rbytes(e.length)); break;                                // random bytes
  }
  return e;
}
function genBn(fn, n) {
  for (let i = 0; i < n; i++) {
    const k = fn === 'bn_pairing' ? [0, 1, 1, 1, 2, 2][rint(6)] : rint(5);
    const parts = [];
    for (let j = 0; j < k; j++) {
      const bad = chance(12);
      if (fn === 'bn_multiexp') {
        const P = bnG1Enc(chance(5) ? BG1.ZERO : bnRandG1());
        let s = toLE(bnScalar(), 32);
        if (chance(4)) s = toLE(bnR + rbig(8), 32);
        if (chance(2)) s = rbytes(32);
        parts.push(cat(bad ? bnMutate(P, 2) : P, s));
      } else if (fn === 'bn_sum') {
        const P = bnG1Enc(chance(5) ? BG1.ZERO : bnRandG1());
        const sign = Uint8Array.of(chance(4) ? rint(256) : rint(2));
        parts.push(cat(sign, bad ? bnMutate(P, 2) : P));
      } else {
        // Pairs built so the product is often 1: (aP, Q), (-P, aQ).
        const a = rmod(bnR - 1n) + 1n;
        const P = bnRandG1(), Q = bnRandG2();
        let p1 = bnG1Enc(P.multiply(a)), q1 = bnG2Enc(Q);
        let p2 = bnG1Enc(P.negate()), q2 = bnG2Enc(Q.multiply(a));
        if (chance(8)) q1 = bnRandTwistPoint();
        if (chance(5)) p1 = new Uint8Array(64);
        if (chance(5)) q2 = new Uint8Array(128);
        if (bad) { if (chance(50)) p1 = bnMutate(p1, 2); else q2 = bnMutate(q2, 4); }
        if (chance(15)) p2 = bnG1Enc(bnRandG1());
        parts.push(cat(p1, q1), cat(p2, q2));
      }
    }
    let data = cat(...parts);
    if (chance(3)) data = cat(data, rbytes(1 + rint(20)));
    emit(fn, false, data, bnRun(fn, data));
  }
}

// ================================================================ BLS12-381
const BL = bls12_381;
const Fp = BL.fields.Fp;
const Fp2 = BL.fields.Fp2;
const G1 = BL.G1.ProjectivePoint;
const G2 = BL.G2.ProjectivePoint;
const P = Fp.ORDER;
const R = BL.G1.CURVE.n;
const HALF = (P - 1n) / 2n;

function readFp(b, mask = false) {
  const c = Uint8Array.from(b);
  if (mask) c[0] &= 0x1f;
  const v = fromBE(c);
  return v < P ? v : null;
}
function readFp2(b, mask = false) {  // c1 ‖ c0
  const c1 = readFp(b.subarray(0, 48), mask), c0 = readFp(b.subarray(48, 96));
  return c1 === null || c0 === null ? null : Fp2.fromBigTuple([c0, c1]);
}
const onCurve1 = (x, y) => Fp.eql(Fp.sqr(y), BL.G1.weierstrassEquation(x));
const onCurve2 = (x, y) => Fp2.eql(Fp2.sqr(y), BL.G2.weierstrassEquation(x));

// blst POINTonE{1,2}_Deserialize_Z (callers reject 0x80 first).
function deser(g2, inp) {
  const n = g2 ? 192 : 96;
  const in0 = inp[0];
  if ((in0 & 0xe0) === 0) {
    const x = g2 ? readFp2(inp.subarray(0, 96)) : readFp(inp.subarray(0, 48));
    const y = g2 ? readFp2(inp.subarray(96, 192)) : readFp(inp.subarray(48, 96));
    if (x === null || y === null) return { st: 'bad' };
    if (!(g2 ? onCurve2(x, y) : onCurve1(x, y))) return { st: 'curve' };
    const pt = (g2 ? G2 : G1).fromAffine({ x, y });
    if (!g2 && x === 0n) return { st: 'group', pt };
    return { st: 'ok', pt };
  }
  if ((in0 & 0x40) && (in0 & 0x3f) === 0 && isZero(inp.subarray(1, n))) return { st: 'ok', pt: (g2 ? G2 : G1).ZERO };
  return { st: 'bad' };
}
function parseP(g2, inp, fix) {
  if (inp[0] & 0x80) return null;
  const d = deser(g2, inp);
  return d.st === 'ok' || (fix && d.st === 'group') ? d.pt : null;
}
// blst POINTonE{1,2}_Uncompress_Z.
function uncompress(g2, inp) {
  const n = g2 ? 96 : 48;
  const in0 = inp[0];
  if (!(in0 & 0x80)) return { st: 'bad' };
  if (in0 & 0x40) {
    if ((in0 & 0x3f) === 0 && isZero(inp.subarray(1, n))) return { st: 'ok', pt: (g2 ? G2 : G1).ZERO };
    return { st: 'bad' };
  }
  const x = g2 ? readFp2(inp, true) : readFp(inp, true);
  if (x === null) return { st: 'bad' };
  const F = g2 ? Fp2 : Fp;
  const rhs = (g2 ? BL.G2 : BL.G1).weierstrassEquation(x);
  let y;
  try { y = F.sqrt(rhs); } catch { return { st: 'curve' }; }
  if (!F.eql(F.sqr(y), rhs)) return { st: 'curve' };
  const larger = g2 ? (y.c1 !== 0n ? y.c1 > HALF : y.c0 > HALF) : y > HALF;
  if (larger !== Boolean(in0 & 0x20)) y = F.neg(y);
  const pt = (g2 ? G2 : G1).fromAffine({ x, y });
  if (!g2 && x === 0n) return { st: 'group', pt };
  return { st: 'ok', pt };
}
function ser(g2, pt) {
  const n = g2 ? 192 : 96;
  if (pt.is0()) { const b = new Uint8Array(n); b[0] = 0x40; return b; }
  const a = pt.toAffine();
  if (!g2) return cat(toBE(a.x, 48), toBE(a.y, 48));
  return cat(toBE(a.x.c1, 48), toBE(a.x.c0, 48), toBE(a.y.c1, 48), toBE(a.y.c0, 48));
}

const BLS_ITEMS = {
  p1_sum: [97, 'bls12381_p1_sum'], p2_sum: [193, 'bls12381_p2_sum'],
  g1_multiexp: [128, 'bls12381_p1_multiexp'], g2_multiexp: [224, 'bls12381_p2_multiexp'],
  map_fp_to_g1: [48, 'bls12381_map_fp_to_g1'], map_fp2_to_g2: [96, 'bls12381_map_fp2_to_g2'],
  p1_decompress: [48, 'bls12381_p1_decompress'], p2_decompress: [96, 'bls12381_p2_decompress'],
  pairing: [288, 'bls12381_pairing_check'],
};
const code = (n, b = new Uint8Array(0)) => `code:${n}:${hex(b)}`;

function blsRun(fn, data, fix) {
  const [item, name] = BLS_ITEMS[fn];
  if (data.length % item !== 0) {
    return `err:Incorrect input length for ${name}: ${data.length} is not divisible by ${item}`;
  }
  const chunks = [];
  for (let o = 0; o < data.length; o += item) chunks.push(data.subarray(o, o + item));
  const g2 = fn.includes('2');
  if (fn === 'p1_sum' || fn === 'p2_sum') {
    let acc = (g2 ? G2 : G1).ZERO;
    for (const c of chunks) {
      let pt = parseP(g2, c.subarray(1), fix);
      if (pt === null) return code(1);
      if (c[0] === 1) pt = pt.negate();
      else if (c[0] !== 0) return code(1);
      acc = acc.add(pt);
    }
    return code(0, ser(g2, acc));
  }
  if (fn === 'g1_multiexp' || fn === 'g2_multiexp') {
    let acc = (g2 ? G2 : G1).ZERO;
    const ps = g2 ? 192 : 96;
    for (const c of chunks) {
      const pt = parseP(g2, c.subarray(0, ps), fix);
      if (pt === null) return code(1);
      if (!pt.is0() && !pt.isTorsionFree()) return code(1);
      const s = fromLE(c.subarray(ps)) % R;
      if (s !== 0n && !pt.is0()) acc = acc.add(pt.multiplyUnsafe(s));
    }
    return code(0, ser(g2, acc));
  }
  if (fn === 'map_fp_to_g1' || fn === 'map_fp2_to_g2') {
    const outs = [];
    for (const c of chunks) {
      const u = g2 ? readFp2(c) : readFp(c);
      if (u === null) return code(1);
      const pt = g2 ? BL.G2.mapToCurve([u.c0, u.c1]) : BL.G1.mapToCurve([u]);
      outs.push(ser(g2, pt));
    }
    return code(0, cat(...outs));
  }
  if (fn === 'p1_decompress' || fn === 'p2_decompress') {
    const outs = [];
    for (const c of chunks) {
      if (!(c[0] & 0x80)) return code(1);
      const d = uncompress(g2, c);
      if (!(d.st === 'ok' || (fix && d.st === 'group'))) return code(1);
      outs.push(ser(g2, d.pt));
    }
    return code(0, cat(...outs));
  }
  // pairing
  const pairs = [];
  for (const c of chunks) {
    const a = c.subarray(0, 96), b = c.subarray(96);
    if (a[0] & 0x80) return 'code:1:';
    const d1 = deser(false, a);
    if (d1.st !== 'ok') return 'code:1:';
    if (!d1.pt.is0() && !d1.pt.isTorsionFree()) return 'code:1:';
    if (b[0] & 0x80) return 'code:1:';
    const d2 = deser(true, b);
    if (d2.st !== 'ok') return 'code:1:';
    if (!d2.pt.is0() && !d2.pt.isTorsionFree()) return 'code:1:';
    if (!d1.pt.is0() && !d2.pt.is0()) pairs.push({ g1: d1.pt, g2: d2.pt });
  }
  const one = pairs.length === 0 || BL.fields.Fp12.eql(BL.pairingBatch(pairs), BL.fields.Fp12.ONE);
  return one ? 'code:0:' : 'code:2:';
}

// Random points on E1 / E2, usually outside the r-torsion subgroup.
function randE(g2) {
  for (;;) {
    const x = g2 ? Fp2.fromBigTuple([rmod(P), rmod(P)]) : rmod(P);
    const F = g2 ? Fp2 : Fp;
    const rhs = (g2 ? BL.G2 : BL.G1).weierstrassEquation(x);
    try {
      let y = F.sqrt(rhs);
      if (!F.eql(F.sqr(y), rhs)) continue;
      if (chance(50)) y = F.neg(y);
      return (g2 ? G2 : G1).fromAffine({ x, y });
    } catch { /* not a square */ }
  }
}
const randG = (g2) => (g2 ? G2 : G1).BASE.multiply(rmod(R - 1n) + 1n);
const x0Point = () => G1.fromAffine({ x: 0n, y: chance(50) ? 2n : Fp.neg(2n) });

// Mutations of an uncompressed encoding (nearcore's get_incorrect_points and more).
function mutateU(g2, enc) {
  const n = enc.length;
  const e = Uint8Array.from(enc);
  switch (rint(10)) {
    case 0: e[0] |= 0x80; break;
    case 1: e[0] |= 0x20; break;
    case 2: e[n - 1] ^= 1; break;                                        // off curve
    case 3: e.fill(0); e[0] = 0x40; e[n - 1] = rint(2); break;            // (bad) infinity
    case 4: e.fill(0); e[0] = 0xc0; break;
    case 5: e.fill(0); break;                                            // (0, 0)
    case 6: { // y (or y.c1) + p: non-canonical
      const off = g2 ? 96 : 48;
      e.set(toBE(fromBE(e.subarray(off, off + 48)) + P, 48), off);
      break;
    }
    case 7: e[0] |= 0xe0; break;
    case 8: e.set(toBE(fromBE(e.subarray(0, 48)) + P, 48), 0); break;    // x >= p
    default: e.set(rbytes(n)); e[0] &= 0x1f; break;
  }
  return e;
}
function compress(g2, pt) {
  const n = g2 ? 96 : 48;
  if (pt.is0()) { const b = new Uint8Array(n); b[0] = 0xc0; return b; }
  const a = pt.toAffine();
  const b = g2 ? cat(toBE(a.x.c1, 48), toBE(a.x.c0, 48)) : toBE(a.x, 48);
  const larger = g2 ? (a.y.c1 !== 0n ? a.y.c1 > HALF : a.y.c0 > HALF) : a.y > HALF;
  b[0] |= 0x80 | (larger ? 0x20 : 0);
  return b;
}
function mutateC(g2, enc) {
  const n = enc.length;
  const e = Uint8Array.from(enc);
  switch (rint(8)) {
    case 0: e[0] &= 0x7f; break;                                         // no compression bit
    case 1: e[0] ^= 0x20; break;                                         // other root (valid)
    case 2: e.fill(0); e[0] = 0xc0; e[n - 1] = 1; break;                  // bad infinity
    case 3: e.fill(0); e[0] = 0x80; break;                                // x = 0
    case 4: e[0] |= 0x1f; break;                                          // x >= p (flags masked)
    case 5: e[n - 1] ^= 1 << rint(8); break;                              // x maybe not on curve
    case 6: e.fill(0); e[0] = 0xc0 | (rint(2) << 5); break;               // infinity, maybe 0x20
    default: e.set(rbytes(n)); e[0] |= 0x80; break;
  }
  return e;
}

function genBls(fn, n) {
  const g2 = fn.includes('2');
  for (let i = 0; i < n; i++) {
    const fix = !fn.startsWith('map') && fn !== 'pairing' && chance(20);
    const k = fn === 'pairing' ? [0, 1, 1, 1, 2, 2][rint(6)]
              : fn.startsWith('map') || fn.includes('decompress') ? rint(5) : rint(4);
    const parts = [];
    for (let j = 0; j < k; j++) {
      const bad = chance(10);
      if (fn.endsWith('_sum')) {
        const pt = chance(8) ? (g2 ? G2.ZERO : G1.ZERO) : !g2 && chance(5) ? x0Point() : chance(50) ? randE(g2) : randG(g2);
        let enc = ser(g2, pt);
        if (bad) enc = mutateU(g2, enc);
        parts.push(cat(Uint8Array.of(chance(3) ? 2 + rint(254) : rint(2)), enc));
      } else if (fn.endsWith('multiexp')) {
        const pt = chance(5) ? (g2 ? G2.ZERO : G1.ZERO) : chance(8) ? (!g2 && chance(30) ? x0Point() : randE(g2)) : randG(g2);
        let enc = ser(g2, pt);
        if (bad) enc = mutateU(g2, enc);
        const s = chance(8) ? toLE([0n, 1n, R, R - 1n, (1n << 256n) - 1n][rint(5)], 32) : rbytes(32);
        parts.push(cat(enc, s));
      } else if (fn.startsWith('map')) {
        const m = g2 ? 2 : 1;
        const b = [];
        for (let t = 0; t < m; t++) {
          let v = chance(3) ? [0n, 1n, P - 1n][rint(3)] : rmod(P);
          if (bad && (t === 0 || chance(50))) v = chance(50) ? P + rbig(8) : (1n << 384n) - 1n - rbig(8);
          b.push(toBE(v, 48));
        }
        parts.push(g2 ? cat(b[1], b[0]) : b[0]);
      } else if (fn.includes('decompress')) {
        const pt = chance(5) ? (g2 ? G2.ZERO : G1.ZERO) : chance(50) ? randE(g2) : randG(g2);
        let enc = compress(g2, pt);
        if (bad || chance(5)) enc = mutateC(g2, enc);
        parts.push(enc);
      } else {
        // pairing: (aP, Q), (-P, aQ) so the product is often one.
        const a = rmod(R - 1n) + 1n;
        const Pp = randG(false), Qq = randG(true);
        let p1 = ser(false, Pp.multiply(a)), q1 = ser(true, Qq);
        let p2 = ser(false, Pp.negate()), q2 = ser(true, Qq.multiply(a));
        if (chance(5)) p1 = ser(false, G1.ZERO);
        if (chance(5)) q2 = ser(true, G2.ZERO);
        if (chance(5)) q1 = ser(true, randE(true));
        if (chance(4)) p2 = ser(false, chance(50) ? randE(false) : x0Point());
        if (chance(15)) p2 = ser(false, randG(false));
        if (bad) { if (chance(50)) p1 = mutateU(false, p1); else q2 = mutateU(true, q2); }
        parts.push(cat(p1, q1));
        if (chance(70)) parts.push(cat(p2, q2));
      }
    }
    let data = cat(...parts);
    if (chance(3)) data = cat(data, rbytes(1 + rint(10)));
    emit(fn, fix, data, blsRun(fn, data, fix));
  }
}

const N = (x) => Math.max(1, Math.round(x * scale));
genBn('bn_sum', N(2000));
genBn('bn_multiexp', N(1000));
genBn('bn_pairing', N(400));
genBls('p1_sum', N(2000));
genBls('p2_sum', N(1000));
genBls('g1_multiexp', N(1000));
genBls('g2_multiexp', N(500));
genBls('map_fp_to_g1', N(1500));
genBls('map_fp2_to_g2', N(500));
genBls('p1_decompress', N(2000));
genBls('p2_decompress', N(1000));
genBls('pairing', N(400));
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${lines.length} cases to ${out}`);
