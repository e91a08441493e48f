// AssemblyScript source of the number formatter (see eigen.ts for how it is built): ECMAScript's
// Number::toString(10) of finite doubles, byte for byte, and the factor-score rows of
// scorePiece/scoreLine in core/node/cli/commands/factor.ts written with it as UTF-8 bytes.
//
// What String(v) must print (ECMA-262, Number::toString): the fewest decimal digits s (k of them)
// and exponent n such that s × 10^(n−k) reads back as v under round-to-nearest-even; among
// several such s, the one closest to v; of two equally close, the even one. Then the layout:
//   k ≤ n ≤ 21     digits then n − k zeros               (123, 1e+21 − 1 as 21 digits)
//   0 < n ≤ 21     n digits, '.', the rest               (1.5, 123.45)
//   −6 < n ≤ 0     "0." then −n zeros then the digits    (0.001, 0.000001)
//   otherwise      d[.ddd]e±(n−1)                         (1e+21, 1.5e-7)
// and "-" in front of a negative number; ±0 prints "0".
//
// The digits come from Ulf Adams' Ryū ("Ryū: fast float-to-string conversion", PLDI 2018),
// written here from the paper's description. With v = m2 · 2^e2 (e2 two below the IEEE exponent,
// so that the neighbours' half-way points are integers), the round-trip interval is
// [4m2 − 1 − mmShift, 4m2 + 2] · 2^e2 (mmShift = 0 only at a power of two, whose lower neighbour is
// half as far), its ends included exactly when m2 is even (a reader rounding a tie to even lands
// on v). Ryū scales the three values vm, vr, vp by 10^−e10 with one 128×64-bit product each
// (e10 ≈ e2·log10 2, chosen so that the scaled values keep a few more digits than any shortest
// answer needs): by a 125-bit 2^k/5^q (e2 ≥ 0) or 5^i/2^k (e2 < 0) from two tables. The
// truncation of that product is exact enough that only "is the exact value a multiple of 10^j"
// needs extra care (vmIsTrailingZeros, vrIsTrailingZeros), which small q decide by counting
// factors of 5 or 2 of the 53-bit mantissa. Then digits are removed while vp and vm still differ
// in what remains: the shortest length; vr, rounded by the last digit removed (ties to even when
// the removed tail is exactly 5000…), is the closest candidate of that length.
//
// The tables (2 × 342 × 128 bits) are computed on the first call rather than stored in the module:
// 5^i by repeated ×5 of a multi-word integer, the top 125 bits kept (POW5, i ≤ 325); and
// ⌊2^J / 5^i⌋ by repeated ÷5 of 2^J (⌊⌊x/a⌋/b⌋ = ⌊x/(ab)⌋), shifted down to 2^(len(5^i) − 1 + 125)
// over 5^i, plus one (POW5_INV, i ≤ 341). 128-bit products are assembled from 32-bit halves.

const POW5_INV_BITCOUNT: i32 = 125;
const POW5_BITCOUNT: i32 = 125;
const POW5_INV_COUNT: i32 = 342;
const POW5_COUNT: i32 = 326;
/** Words (32 bits) of the integer used to build the tables: 2^J with J = len(5^341) − 1 + 125 = 917. */
const BIG_WORDS: i32 = 30;
const BIG_J: i32 = 917;

/** 128-bit table entries as [low u64, high u64]. */
const pow5Inv: usize = memory.data(POW5_INV_COUNT * 16, 16);
const pow5: usize = memory.data(POW5_COUNT * 16, 16);
/** "00", "01", …, "99" as byte pairs. */
const digitPairs: usize = memory.data(200, 8);
const big: usize = memory.data(BIG_WORDS * 4, 8);
let tablesReady = false;

@inline function word(i: i32): u32 {
  return load<u32>(big + ((<usize>i) << 2));
}
@inline function setWord(i: i32, v: u32): void {
  store<u32>(big + ((<usize>i) << 2), v);
}

/** Bits [from, from + 128) of the big integer (bits below 0 read as zero) into entry `at`. */
function extract128(from: i32, at: usize): void {
  let lo: u64 = 0;
  let hi: u64 = 0;
  for (let b = 0; b < 128; b++) {
    const pos = from + b;
    if (pos < 0 || pos >= BIG_WORDS * 32) continue;
    const bit = <u64>((word(pos >> 5) >>> (<u32>(pos & 31))) & 1);
    if (b < 64) lo |= bit << (<u64>b);
    else hi |= bit << (<u64>(b - 64));
  }
  store<u64>(at, lo);
  store<u64>(at, hi, 8);
}

/** Bit length of the big integer. */
function bitLength(): i32 {
  for (let w = BIG_WORDS - 1; w >= 0; w--) {
    const v = word(w);
    if (v != 0) return w * 32 + 32 - <i32>clz<u32>(v);
  }
  return 0;
}

function buildTables(): void {
  for (let d = 0; d < 100; d++) {
    store<u8>(digitPairs + ((<usize>d) << 1), <u8>(0x30 + d / 10));
    store<u8>(digitPairs + ((<usize>d) << 1) + 1, <u8>(0x30 + (d % 10)));
  }
  // POW5[i] = 5^i scaled to exactly 125 bits.
  memory.fill(big, 0, BIG_WORDS * 4);
  setWord(0, 1);
  for (let i = 0; i < POW5_COUNT; i++) {
    extract128(bitLength() - POW5_BITCOUNT, pow5 + ((<usize>i) << 4));
    let carry: u64 = 0;
    for (let w = 0; w < BIG_WORDS; w++) {
      const t = <u64>word(w) * 5 + carry;
      setWord(w, <u32>t);
      carry = t >> 32;
    }
  }
  // POW5_INV[i] = ⌊2^(len(5^i) − 1 + 125) / 5^i⌋ + 1, len(5^i) = pow5bits(i).
  memory.fill(big, 0, BIG_WORDS * 4);
  setWord(BIG_J >> 5, (<u32>1) << (<u32>(BIG_J & 31)));
  for (let i = 0; i < POW5_INV_COUNT; i++) {
    const at = pow5Inv + ((<usize>i) << 4);
    extract128(BIG_J - (pow5bits(i) - 1 + POW5_INV_BITCOUNT), at);
    const lo = load<u64>(at) + 1;
    store<u64>(at, lo);
    if (lo == 0) store<u64>(at, load<u64>(at, 8) + 1, 8);
    let rest: u64 = 0;
    for (let w = BIG_WORDS - 1; w >= 0; w--) {
      const t = (rest << 32) | <u64>word(w);
      setWord(w, <u32>(t / 5));
      rest = t % 5;
    }
  }
  tablesReady = true;
}

/** ⌈log2 5^e⌉ (= the bit length of 5^e) for 1 ≤ e ≤ 3528; 1 for e = 0. */
@inline function pow5bits(e: i32): i32 {
  return <i32>((<u32>e * 1217359) >>> 19) + 1;
}
/** ⌊log10 2^e⌋ for 0 ≤ e ≤ 1650. */
@inline function log10Pow2(e: i32): i32 {
  return <i32>((<u32>e * 78913) >>> 18);
}
/** ⌊log10 5^e⌋ for 0 ≤ e ≤ 2620. */
@inline function log10Pow5(e: i32): i32 {
  return <i32>((<u32>e * 732923) >>> 20);
}

function multipleOfPowerOf5(value: u64, p: i32): bool {
  let count = 0;
  let v = value;
  while (v % 5 == 0) {
    v /= 5;
    count++;
    if (count >= p) return true;
  }
  return count >= p;
}

@inline function multipleOfPowerOf2(value: u64, p: i32): bool {
  return (value & ((<u64>1 << (<u64>p)) - 1)) == 0;
}

/** High half of the last 64×64-bit product (umulLow). */
let productHigh: u64 = 0;

/** Low half of a × b; the high half goes to productHigh. */
@inline function umulLow(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff;
  const aHi = a >> 32;
  const bLo = b & 0xffffffff;
  const bHi = b >> 32;
  const b00 = aLo * bLo;
  const b01 = aLo * bHi;
  const b10 = aHi * bLo;
  const b11 = aHi * bHi;
  const mid1 = b10 + (b00 >> 32);
  const mid2 = b01 + (mid1 & 0xffffffff);
  productHigh = b11 + (mid1 >> 32) + (mid2 >> 32);
  return (mid2 << 32) | (b00 & 0xffffffff);
}

/** ⌊m × entry / 2^j⌋ for the 128-bit table entry at `entry`, m < 2^55, 64 < j < 128. */
@inline function mulShift(m: u64, entry: usize, j: i32): u64 {
  umulLow(m, load<u64>(entry));
  const high1 = productHigh;
  const low2 = umulLow(m, load<u64>(entry, 8));
  const sum = low2 + high1;
  const high2 = productHigh + (sum < high1 ? 1 : 0);
  const s = <u64>(j - 64);
  return (high2 << (64 - s)) | (sum >> s);
}

@inline function decimalLength17(v: u64): i32 {
  if (v >= 10000000000000000) return 17;
  if (v >= 1000000000000000) return 16;
  if (v >= 100000000000000) return 15;
  if (v >= 10000000000000) return 14;
  if (v >= 1000000000000) return 13;
  if (v >= 100000000000) return 12;
  if (v >= 10000000000) return 11;
  if (v >= 1000000000) return 10;
  if (v >= 100000000) return 9;
  if (v >= 10000000) return 8;
  if (v >= 1000000) return 7;
  if (v >= 100000) return 6;
  if (v >= 10000) return 5;
  if (v >= 1000) return 4;
  if (v >= 100) return 3;
  if (v >= 10) return 2;
  return 1;
}

/** Decimal exponent of the last shortestDigits: v = digits × 10^exponent. */
let shortestExponent: i32 = 0;

/** The shortest, closest digits of the positive finite double with these IEEE fields (Ryū). */
function shortestDigits(ieeeMantissa: u64, ieeeExponent: i32): u64 {
  let e2: i32;
  let m2: u64;
  if (ieeeExponent == 0) {
    e2 = 1 - 1023 - 52 - 2;
    m2 = ieeeMantissa;
  } else {
    e2 = ieeeExponent - 1023 - 52 - 2;
    m2 = ((<u64>1) << 52) | ieeeMantissa;
  }
  const acceptBounds = (m2 & 1) == 0;
  const mv = 4 * m2;
  const mmShift: u64 = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;
  let vr: u64;
  let vp: u64;
  let vm: u64;
  let e10: i32;
  let vmIsTrailingZeros = false;
  let vrIsTrailingZeros = false;
  if (e2 >= 0) {
    const q = log10Pow2(e2) - (e2 > 3 ? 1 : 0);
    e10 = q;
    const k = POW5_INV_BITCOUNT + pow5bits(q) - 1;
    const i = -e2 + q + k;
    const entry = pow5Inv + ((<usize>q) << 4);
    vr = mulShift(mv, entry, i);
    vp = mulShift(mv + 2, entry, i);
    vm = mulShift(mv - 1 - mmShift, entry, i);
    if (q <= 21) {
      // Only one of mv, mv + 2, mv − 1 − mmShift can be a multiple of 5 (the interval is narrower than 5).
      if (mv % 5 == 0) vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
      else if (acceptBounds) vmIsTrailingZeros = multipleOfPowerOf5(mv - 1 - mmShift, q);
      else if (multipleOfPowerOf5(mv + 2, q)) vp--;
    }
  } else {
    const q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
    e10 = q + e2;
    const i = -e2 - q;
    const k = pow5bits(i) - POW5_BITCOUNT;
    const j = q - k;
    const entry = pow5 + ((<usize>i) << 4);
    vr = mulShift(mv, entry, j);
    vp = mulShift(mv + 2, entry, j);
    vm = mulShift(mv - 1 - mmShift, entry, j);
    if (q <= 1) {
      // mv has at least q trailing zero bits, so all three products are exact.
      vrIsTrailingZeros = true;
      if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
      else vp--;
    } else if (q < 63) {
      vrIsTrailingZeros = multipleOfPowerOf2(mv, q);
    }
  }
  let removed: i32 = 0;
  let lastRemovedDigit: u64 = 0;
  let output: u64;
  if (vmIsTrailingZeros || vrIsTrailingZeros) {
    // Rare: the exact scaled values may end in zeros, which decide ties and the lower bound.
    while (vp / 10 > vm / 10) {
      vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0;
      vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
      lastRemovedDigit = vr % 10;
      vr /= 10;
      vp /= 10;
      vm /= 10;
      removed++;
    }
    if (vmIsTrailingZeros) {
      while (vm % 10 == 0) {
        vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
        lastRemovedDigit = vr % 10;
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
    }
    // Exactly half-way: round to even.
    if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;
    output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1 : 0);
  } else {
    // Common: no ties, and vm itself is never a candidate.
    let roundUp = false;
    if (vp / 100 > vm / 100) {
      roundUp = vr % 100 >= 50;
      vr /= 100;
      vp /= 100;
      vm /= 100;
      removed += 2;
    }
    while (vp / 10 > vm / 10) {
      roundUp = vr % 10 >= 5;
      vr /= 10;
      vp /= 10;
      vm /= 10;
      removed++;
    }
    output = vr + (vr == vm || roundUp ? 1 : 0);
  }
  shortestExponent = e10 + removed;
  return output;
}

/** Writes the decimal digits of `value` (exactly `length` of them) ending just before `end`. */
function writeDigits(value: u64, end: usize): void {
  let p = end;
  let v = value;
  while (v >= 100000000) {
    const q = v / 100000000;
    let r = <u32>(v - q * 100000000);
    v = q;
    for (let t = 0; t < 4; t++) {
      const d = r % 100;
      r /= 100;
      p -= 2;
      store<u16>(p, load<u16>(digitPairs + ((<usize>d) << 1)));
    }
  }
  let r = <u32>v;
  while (r >= 100) {
    const d = r % 100;
    r /= 100;
    p -= 2;
    store<u16>(p, load<u16>(digitPairs + ((<usize>d) << 1)));
  }
  if (r >= 10) store<u16>(p - 2, load<u16>(digitPairs + ((<usize>r) << 1)));
  else store<u8>(p - 1, <u8>(0x30 + r));
}

/** Writes `count` ASCII zeros at `at` (a byte loop: memory.fill is a call into the engine, slow for a few bytes). */
@inline function zeros(at: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<u8>(at + <usize>i, 0x30);
}

/** String(v) of the finite double v as ASCII at `out`; returns the end. At most 25 bytes. */
function writeNumber(v: f64, out: usize): usize {
  const bits = reinterpret<u64>(v);
  const ieeeMantissa = bits & 0xfffffffffffff;
  const ieeeExponent = <i32>((bits >> 52) & 0x7ff);
  let p = out;
  if (ieeeExponent == 0 && ieeeMantissa == 0) {
    store<u8>(p, 0x30);
    return p + 1;
  }
  if (bits >> 63 != 0) {
    store<u8>(p, 0x2d);
    p++;
  }
  const digits = shortestDigits(ieeeMantissa, ieeeExponent);
  const k = decimalLength17(digits);
  const n = shortestExponent + k; // v = 0.d1…dk × 10^n
  if (k <= n && n <= 21) {
    writeDigits(digits, p + k);
    zeros(p + k, n - k);
    return p + n;
  }
  if (0 < n && n <= 21) {
    writeDigits(digits, p + 1 + k);
    for (let i = 0; i < n; i++) store<u8>(p + <usize>i, load<u8>(p + <usize>i + 1));
    store<u8>(p + n, 0x2e);
    return p + 1 + k;
  }
  if (-6 < n && n <= 0) {
    store<u16>(p, 0x2e30); // "0."
    zeros(p + 2, -n);
    writeDigits(digits, p + 2 - n + k);
    return p + 2 - n + k;
  }
  // d[.ddd]e±x
  if (k == 1) {
    store<u8>(p, <u8>(0x30 + digits));
    p++;
  } else {
    writeDigits(digits, p + 1 + k);
    store<u8>(p, load<u8>(p + 1));
    store<u8>(p + 1, 0x2e);
    p += 1 + k;
  }
  let e = n - 1;
  store<u8>(p, 0x65);
  store<u8>(p + 1, e < 0 ? 0x2d : 0x2b);
  p += 2;
  if (e < 0) e = -e;
  const length: usize = e >= 100 ? 3 : e >= 10 ? 2 : 1;
  writeDigits(<u64>e, p + length);
  return p + length;
}

/** Bytes writeScoreRows may write per row of m values. */
export function scoreRowBytes(m: i32): i32 {
  return 8 + 26 * m;
}

/**
 * The JSON text of score rows rowStart..rowEnd − 1 as scorePiece writes it, as UTF-8 at `out`
 * (at most scoreRowBytes(m) per row): each row "    [v0,v1,…]" preceded by ",\n" unless it is
 * row 0; "    null" when its first value is NaN (an unscored respondent); a non-finite value as
 * null; m = 0 as "    []". `values` holds the rows' m f64s each, row rowStart first. Returns the
 * bytes written.
 */
export function writeScoreRows(values: usize, rowStart: i32, rowEnd: i32, m: i32, out: usize): i32 {
  if (!tablesReady) buildTables();
  let p = out;
  let at = values;
  for (let r = rowStart; r < rowEnd; r++) {
    if (r > 0) {
      store<u16>(p, 0x0a2c); // ",\n"
      p += 2;
    }
    store<u32>(p, 0x20202020);
    p += 4;
    if (m == 0) {
      store<u16>(p, 0x5d5b); // "[]"
      p += 2;
      continue;
    }
    const first = load<f64>(at);
    if (first != first) {
      store<u32>(p, 0x6c6c756e); // "null"
      p += 4;
      at += (<usize>m) << 3;
      continue;
    }
    store<u8>(p, 0x5b);
    p++;
    for (let c = 0; c < m; c++) {
      if (c > 0) {
        store<u8>(p, 0x2c);
        p++;
      }
      const v = load<f64>(at);
      at += 8;
      if (v - v == 0) p = writeNumber(v, p);
      else {
        store<u32>(p, 0x6c6c756e);
        p += 4;
      }
    }
    store<u8>(p, 0x5d);
    p++;
  }
  return <i32>(p - out);
}
