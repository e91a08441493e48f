/**
 * Bartlett's (1951) test of sphericity, as psych::cortest.bartlett: H0 says R is the identity
 * (no item correlates with any other, so factoring is pointless).
 *   χ² = −ln det(R) · (n − 1 − (2p + 5)/6),   df = p(p − 1)/2,   p-value = P(χ²_df > χ²).
 * n is the number of respondents (psych uses all rows of raw data even with pairwise deletion).
 * ln det(R) is the sum of the log eigenvalues. A singular R gives χ² = ∞ (p = 0) and an
 * indefinite one (pairwise deletion) has no logarithm: χ² and p are NaN, with a notice.
 * Oracle: tests/oracle/kmo-bartlett.test.ts.
 */
import { eigenvaluesSymmetric } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';
import { chiSquareUpperTail } from '../math/regularized-gamma';
import { notice, type Notice } from '../notices';

export type BartlettResult = { chiSquare: number; df: number; p: number; notices: Notice[] };

export function bartlettTest(r: Matrix, n: number): BartlettResult {
  const p = r.rows;
  const df = (p * (p - 1)) / 2;
  const values = eigenvaluesSymmetric(r.data, p);
  const notices: Notice[] = [];
  let logDet = 0;
  for (let k = 0; k < p; k++) logDet += Math.log(values[k]!);
  if (values[p - 1]! <= 0) {
    notices.push(notice('singular-matrix', 'warning', values[p - 1]! === 0
      ? 'The correlation matrix is singular, so Bartlett\'s test rejects sphericity trivially (χ² infinite).'
      : 'The correlation matrix is not positive definite (pairwise deletion?), so Bartlett\'s test is undefined. Use listwise deletion or remove redundant items.'));
  }
  const chiSquare = -logDet * (n - 1 - (2 * p + 5) / 6);
  const pValue = Number.isNaN(chiSquare) ? NaN : chiSquare === Infinity ? 0 : chiSquareUpperTail(chiSquare, df);
  return { chiSquare, df, p: pValue, notices };
}
