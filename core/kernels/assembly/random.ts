// AssemblyScript source of parallel analysis's null correlation matrices (see eigen.ts for how it
// is built): createRng's xoshiro128** stream (core/random/rng.ts: splitmix32 seeding, 53-bit
// uniforms, Box–Muller normals with the spare kept), gammaDraw and simulateNullCorrelation
// (core/factor/parallel-analysis.ts), operation for operation with JavaScript's own log, sin, cos
// and pow (js-math.ts): the same draws in the same order, so the same matrix to the bit.
import { cos, log, pow, sin } from './js-math';
import { ld, st } from './heap';

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;
let hasSpare = false;
let spare: f64 = 0;

/** splitmix32 step: the next state (in `sm`) and its output. */
let sm: i32 = 0;
function splitmix32(): u32 {
  const next = sm + <i32>0x9e3779b9;
  let z = next;
  z = (z ^ (<i32>(<u32>z >>> 16))) * <i32>0x85ebca6b;
  z = (z ^ (<i32>(<u32>z >>> 13))) * <i32>0xc2b2ae35;
  z ^= <i32>(<u32>z >>> 16);
  sm = next;
  return <u32>z;
}

/** createRng(seed) for a normalised seed (an unsigned 32-bit integer). */
function seedStream(seed: u32): void {
  sm = <i32>seed;
  s0 = splitmix32();
  s1 = splitmix32();
  s2 = splitmix32();
  s3 = splitmix32();
  if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
  hasSpare = false;
}

function nextUint32(): u32 {
  const r = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  s1 = s1 ^ n2;
  s0 = s0 ^ n3;
  s2 = n2 ^ t;
  s3 = rotl<u32>(n3, 11);
  return r;
}

function uniform(): f64 {
  const hi = nextUint32() >>> 5;
  const lo = nextUint32() >>> 6;
  return (<f64>hi * 67108864 + <f64>lo) / 9007199254740992;
}

function normal(): f64 {
  if (hasSpare) {
    hasSpare = false;
    return spare;
  }
  let u: f64 = 0;
  while (u == 0) u = uniform();
  const v = uniform();
  const radius = Math.sqrt(-2 * log(u));
  spare = radius * sin(2 * Math.PI * v);
  hasSpare = true;
  return radius * cos(2 * Math.PI * v);
}

/** Gamma(shape, 1), Marsaglia & Tsang (2000) (gammaDraw). */
function gammaDraw(shape: f64): f64 {
  if (shape < 1) {
    let u = uniform();
    while (u == 0) u = uniform();
    return gammaDraw(shape + 1) * pow(u, 1 / shape);
  }
  const d = shape - 1.0 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
  return unreachable();
}

/** Bytes of scratch simulateNullCorrelation needs at `work`. */
export function nullCorrelationScratchBytes(p: i32): usize {
  return (<usize>(p * p + p)) << 3;
}

/** simulateNullCorrelation(n, p, createRng(seed)) into the row-major p×p `out`. */
export function simulateNullCorrelation(n: f64, p: i32, seed: u32, out: usize, work: usize): void {
  seedStream(seed);
  const a = work;
  const sd = a + ((<usize>(p * p)) << 3);
  memory.fill(a, 0, (<usize>(p * p)) << 3);
  for (let i = 0; i < p; i++) {
    st(a, i * p + i, Math.sqrt(2 * gammaDraw((n - 1 - <f64>i) / 2)));
    for (let j = 0; j < i; j++) st(a, i * p + j, normal());
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s: f64 = 0;
      for (let k = 0; k <= j; k++) s += ld(a, i * p + k) * ld(a, j * p + k);
      st(out, i * p + j, s);
      st(out, j * p + i, s);
    }
  }
  for (let i = 0; i < p; i++) st(sd, i, Math.sqrt(ld(out, i * p + i)));
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) st(out, i * p + j, i == j ? 1 : ld(out, i * p + j) / (ld(sd, i) * ld(sd, j)));
}
