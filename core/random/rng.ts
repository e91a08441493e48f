/**
 * Seeded pseudo-random numbers: the only source of randomness in core/ (Math.random is banned).
 * xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32, so that a 32-bit seed fills the
 * whole 128-bit state. 32-bit integer arithmetic only: the same seed gives the same stream on every
 * JS engine and machine. Hand-written because it is 40 lines and must never change under us.
 */

export type Rng = {
  /** The seed this stream was created from (recorded in results). */
  readonly seed: number;
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Uniform integer on 0..n-1. */
  int(n: number): number;
  /** Standard normal deviate (Box–Muller, both values used). */
  normal(): number;
};

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

export function createRng(seed: number): Rng {
  const normalisedSeed = normaliseSeed(seed);
  let sm = normalisedSeed | 0;
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(sm);
    sm = next;
    s[i] = out;
  }
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;

  const nextUint32 = (): number => {
    const s0 = s[0]!, s1 = s[1]!, s2 = s[2]!, s3 = s[3]!;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = (s1 ^ n2) >>> 0;
    s[0] = (s0 ^ n3) >>> 0;
    s[2] = (n2 ^ t) >>> 0;
    s[3] = rotl(n3, 11);
    return r;
  };

  let spareNormal: number | null = null;
  const uniform = (): number => {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  return {
    seed: normalisedSeed,
    uniform,
    int(n: number): number {
      return Math.min(n - 1, Math.floor(uniform() * n));
    },
    normal(): number {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Seeds are unsigned 32-bit integers; anything else is folded into that range deterministically. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  return Math.trunc(Math.abs(seed)) % 4294967296;
}

/**
 * A child seed for one unit of work (a K, a start, a bootstrap draw) that depends only on the job
 * seed and the unit's coordinates, never on scheduling order or the number of workers.
 */
export function deriveSeed(master: number, ...path: number[]): number {
  let h = normaliseSeed(master) ^ 0x5bd1e995;
  for (const part of path) {
    const [, mixed] = splitmix32((h ^ Math.imul(normaliseSeed(part) + 1, 0x27d4eb2d)) | 0);
    h = mixed;
  }
  const [, out] = splitmix32(h | 0);
  return out;
}

/** A fresh seed for a job that was given none; drawn once at the job boundary and recorded. */
export function drawJobSeed(entropy: () => number): number {
  return normaliseSeed(Math.floor(entropy() * 4294967296));
}

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
