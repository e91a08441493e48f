/**
 * The standard normal distribution: Φ (pnorm), Φ⁻¹ (qnorm) and the bivariate normal CDF Φ2.
 *
 * - `pnorm`: W. J. Cody (1969/1993) rational Chebyshev approximations, the algorithm of R's
 *   `pnorm_both` (nmath/pnorm.c): three ranges |x| ≤ 0.674, ≤ √32 and beyond, with the exp(−x²/2)
 *   factor split as exp(−t²/2)·exp(−(x−t)(x+t)/2), t = ⌊16x⌋/16, to keep full relative accuracy in
 *   the tails. Relative error < 1e-15 everywhere it does not underflow.
 * - `qnorm`: Wichura (1988) algorithm AS 241 (PPND16), as R's `qnorm`: ~1e-16 relative.
 * - `pbinorm(h, k, rho)` = P(X ≤ h, Y ≤ k) for standard bivariate normal with correlation rho:
 *   Genz (2004) BVND — Drezner & Wesolowsky's Gauss–Legendre integration over [0, asin ρ] with
 *   6/12/20 nodes for |ρ| < 0.3 / < 0.75 / else, and for |ρ| ≥ 0.925 the Drezner–Wesolowsky
 *   transformation of the integrand around ρ = ±1. Accuracy ~1e-15 absolute. Infinite limits are
 *   handled exactly (Φ2(∞, k) = Φ(k), Φ2(−∞, k) = 0).
 *
 * Hand-written from the published algorithms (no maintained, accurate JS implementation of BVND).
 * Tests: core/math/normal.test.ts (R values, brute-force integration).
 */

const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const TWO_PI = 6.283185307179586476925286766559;

const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** exp(−y²/2) computed as exp(−t²/2)·exp(−(y−t)(y+t)/2), t = ⌊16y⌋/16 (Cody's splitting). */
function gaussianTail(y: number): number {
  const t = Math.trunc(y * 16) / 16;
  const del = (y - t) * (y + t);
  return Math.exp(-t * t * 0.5) * Math.exp(-del * 0.5);
}

/** Φ(x), the standard normal lower-tail probability (R's pnorm(x)). */
export function pnorm(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x;
      xnum = A[4]! * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + A[i]!) * xsq;
        xden = (xden + B[i]!) * xsq;
      }
    }
    const temp = (x * (xnum + A[3]!)) / (xden + B[3]!);
    return 0.5 + temp;
  }
  let lowerTail: number;
  if (y <= SQRT_32) {
    let xnum = C[8]! * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]!) * y;
      xden = (xden + D[i]!) * y;
    }
    lowerTail = (gaussianTail(y) * (xnum + C[7]!)) / (xden + D[7]!);
  } else {
    const xsq = 1 / (x * x);
    let xnum = P[5]! * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]!) * xsq;
      xden = (xden + Q[i]!) * xsq;
    }
    let temp = (xsq * (xnum + P[4]!)) / (xden + Q[4]!);
    temp = (ONE_OVER_SQRT_2PI - temp) / y;
    lowerTail = gaussianTail(y) * temp;
  }
  // lowerTail is Φ(−|x|).
  return x > 0 ? 1 - lowerTail : lowerTail;
}

/** Φ⁻¹(p), the standard normal quantile (R's qnorm(p)); ±Infinity at 0 and 1, NaN outside [0, 1]. */
export function qnorm(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/** Gauss–Legendre nodes on [−1, 1] (the negative half, ascending) and weights, by Newton iteration. */
function gaussLegendreHalf(n: number): { nodes: Float64Array; weights: Float64Array } {
  const half = n / 2;
  const nodes = new Float64Array(half);
  const weights = new Float64Array(half);
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = -x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

const GL = { 6: gaussLegendreHalf(6), 12: gaussLegendreHalf(12), 20: gaussLegendreHalf(20) };

/** The Gauss–Legendre rule BVND uses for correlation r (6, 12 or 20 nodes; negative half). */
export function bvndNodes(r: number): { nodes: Float64Array; weights: Float64Array } {
  return nodesFor(r);
}

function nodesFor(r: number): { nodes: Float64Array; weights: Float64Array } {
  const a = Math.abs(r);
  return a < 0.3 ? GL[6] : a < 0.75 ? GL[12] : GL[20];
}

/**
 * Upper orthant P(X > dh, Y > dk) for correlation r (Genz's BVND), finite dh, dk, |r| ≤ 1.
 */
function bvnUpper(dh: number, dk: number, r: number): number {
  const { nodes, weights } = nodesFor(r);
  const lg = nodes.length;
  let h = dh;
  let k = dk;
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < lg; i++) {
      const x = nodes[i]!;
      let sn = Math.sin((asr * (x + 1)) / 2);
      bvn += weights[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
      sn = Math.sin((asr * (1 - x)) / 2);
      bvn += weights[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    return (bvn * asr) / (2 * TWO_PI) + pnorm(-h) * pnorm(-k);
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = (1 - r) * (1 + r);
    let a = Math.sqrt(as);
    const bs = (h - k) * (h - k);
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    bvn = a * Math.exp(-(bs / as + hk) / 2) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (hk > -160) {
      const b = Math.sqrt(bs);
      bvn -= Math.exp(-hk / 2) * Math.sqrt(TWO_PI) * pnorm(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a /= 2;
    for (let i = 0; i < lg; i++) {
      for (const sign of [-1, 1]) {
        let xs = a * (sign * nodes[i]! + 1);
        xs *= xs;
        const rs = Math.sqrt(1 - xs);
        bvn +=
          a *
          weights[i]! *
          (Math.exp(-bs / (2 * xs) - hk / (1 + rs)) / rs - Math.exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
      }
    }
    bvn = -bvn / TWO_PI;
  }
  if (r > 0) return bvn + pnorm(-Math.max(h, k));
  bvn = -bvn;
  if (k > h) bvn += h < 0 ? pnorm(k) - pnorm(h) : pnorm(-h) - pnorm(-k);
  return bvn;
}

/**
 * Φ2(h, k; ρ) = P(X ≤ h, Y ≤ k) for a standard bivariate normal with correlation rho ∈ [−1, 1].
 * Infinite limits are allowed; the result is clamped to [0, 1].
 */
export function pbinorm(h: number, k: number, rho: number): number {
  if (Number.isNaN(h) || Number.isNaN(k) || Number.isNaN(rho)) return NaN;
  if (h === -Infinity || k === -Infinity) return 0;
  if (h === Infinity) return pnorm(k);
  if (k === Infinity) return pnorm(h);
  const value = bvnUpper(-h, -k, rho);
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
