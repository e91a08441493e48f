/**
 * Moments for the reliability statistics, on row-major n×k response arrays with NaN = missing:
 * R's cov(use = "pairwise") (per-pair means, n_ij − 1 divisor), cov2cor, column moments, the
 * correlation of an item with a score, and the median (R's: mean of the two middle values).
 */

/** R's cov(x, use = "pairwise"): per pair, means over co-observed rows and divisor n_ij − 1. */
export function pairwiseCovariance(x: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let cnt = 0;
      let si = 0;
      let sj = 0;
      for (let r = 0; r < n; r++) {
        const a = x[r * k + i]!;
        const b = x[r * k + j]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        cnt++;
        si += a;
        sj += b;
      }
      const mi = si / cnt;
      const mj = sj / cnt;
      let s = 0;
      for (let r = 0; r < n; r++) {
        const a = x[r * k + i]!;
        const b = x[r * k + j]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        s += (a - mi) * (b - mj);
      }
      out[i * k + j] = out[j * k + i] = cnt > 1 ? s / (cnt - 1) : NaN;
    }
  }
  return out;
}

export function covarianceToCorrelation(C: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = i === j ? 1 : C[i * k + j]! / Math.sqrt(C[i * k + i]! * C[j * k + j]!);
  return out;
}

export function sumAll(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function moments(x: Float64Array, n: number, k: number, j: number): { n: number; mean: number; sd: number } {
  let cnt = 0;
  let s = 0;
  for (let r = 0; r < n; r++) {
    const v = x[r * k + j]!;
    if (!Number.isNaN(v)) {
      cnt++;
      s += v;
    }
  }
  const mean = s / cnt;
  let ss = 0;
  for (let r = 0; r < n; r++) {
    const v = x[r * k + j]!;
    if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  }
  return { n: cnt, mean, sd: Math.sqrt(ss / (cnt - 1)) };
}

export function correlationWithScore(x: Float64Array, scores: Float64Array, n: number, k: number, j: number): number {
  let cnt = 0;
  let sa = 0;
  let sb = 0;
  for (let r = 0; r < n; r++) {
    const a = x[r * k + j]!;
    const b = scores[r]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    cnt++;
    sa += a;
    sb += b;
  }
  const ma = sa / cnt;
  const mb = sb / cnt;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let r = 0; r < n; r++) {
    const a = x[r * k + j]!;
    const b = scores[r]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sab += (a - ma) * (b - mb);
    saa += (a - ma) ** 2;
    sbb += (b - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
