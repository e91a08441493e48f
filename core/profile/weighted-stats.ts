/**
 * Weighted group summaries over respondents with a segment: Σw, Σw², weighted mean and variance
 * per segment and in total. Variance uses the reliability-weight-free "frequency" form
 * Σw(x−m)²/Σw; tests use Kish n_eff so that scaling all weights changes nothing.
 */
export type GroupMoments = { sumW: number; sumW2: number; mean: number; variance: number; n: number };

export function groupMoments(values: Float64Array, segments: Int32Array, weights: Float64Array | null, k: number): { groups: GroupMoments[]; total: GroupMoments } {
  const sw = new Float64Array(k + 1);
  const sw2 = new Float64Array(k + 1);
  const sx = new Float64Array(k + 1);
  const n = new Float64Array(k + 1);
  for (let i = 0; i < values.length; i++) {
    const s = segments[i]!;
    const x = values[i]!;
    if (s < 0 || s >= k || Number.isNaN(x)) continue;
    const w = weights === null ? 1 : weights[i]!;
    if (!(w > 0)) continue;
    for (const g of [s, k]) {
      sw[g] = sw[g]! + w;
      sw2[g] = sw2[g]! + w * w;
      sx[g] = sx[g]! + w * x;
      n[g] = n[g]! + 1;
    }
  }
  const mean = Float64Array.from(sx, (v, g) => (sw[g]! > 0 ? v / sw[g]! : NaN));
  const ss = new Float64Array(k + 1);
  for (let i = 0; i < values.length; i++) {
    const s = segments[i]!;
    const x = values[i]!;
    if (s < 0 || s >= k || Number.isNaN(x)) continue;
    const w = weights === null ? 1 : weights[i]!;
    if (!(w > 0)) continue;
    ss[s] = ss[s]! + w * (x - mean[s]!) ** 2;
    ss[k] = ss[k]! + w * (x - mean[k]!) ** 2;
  }
  const make = (g: number): GroupMoments => ({ sumW: sw[g]!, sumW2: sw2[g]!, mean: mean[g]!, variance: sw[g]! > 0 ? ss[g]! / sw[g]! : NaN, n: n[g]! });
  return { groups: Array.from({ length: k }, (_, g) => make(g)), total: make(k) };
}

/** Kish effective sample size (Σw)² / Σw². */
export function effectiveN(m: { sumW: number; sumW2: number }): number {
  return m.sumW2 > 0 ? (m.sumW * m.sumW) / m.sumW2 : 0;
}
