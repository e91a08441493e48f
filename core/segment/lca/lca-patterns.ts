/**
 * Response-pattern compression: respondents with identical answers (missing included) have the
 * same posterior and contribute identically to ℓ and to the expected counts, so the EM pass can
 * run once per distinct pattern with the pattern's summed weight. Decisive for few items (e.g.
 * 4 binary items: at most 81 patterns however large N), useless for 30 Likert items, so it is used
 * only when it at least halves the rows. Not used with covariates (the class prior differs per
 * respondent). Built once per data set; the hash key is the row's bytes.
 */
import type { LcaData } from './lca-data';

export type PatternTable = {
  /** Distinct patterns, row-major m×J. */
  codes: Uint8Array;
  /** Summed case weight of each pattern. */
  weights: Float64Array;
  /** Pattern of each respondent. */
  patternOf: Int32Array;
  m: number;
};

/** The distinct patterns of `data`, or null when compression would not at least halve the rows. */
export function compressPatterns(data: LcaData): PatternTable | null {
  if (data.design !== null || data.n < 64) return null;
  const J = data.items.length, n = data.n;
  const index = new Map<string, number>();
  const patternOf = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = String.fromCharCode(...data.codes.subarray(i * J, (i + 1) * J));
    let p = index.get(key);
    if (p === undefined) {
      p = first.length;
      index.set(key, p);
      first.push(i);
      if (first.length * 2 > n) return null;
    }
    patternOf[i] = p;
  }
  const m = first.length;
  const codes = new Uint8Array(m * J);
  first.forEach((i, p) => codes.set(data.codes.subarray(i * J, (i + 1) * J), p * J));
  const weights = new Float64Array(m);
  for (let i = 0; i < n; i++) weights[patternOf[i]!]! += data.weights === null ? 1 : data.weights[i]!;
  return { codes, weights, patternOf, m };
}
