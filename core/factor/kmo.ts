/**
 * Kaiser–Meyer–Olkin measure of sampling adequacy, as psych::KMO.
 *
 * With Q = R⁻¹ rescaled to a correlation matrix (the anti-image: partial correlations up to sign,
 * q_ij = −(R⁻¹)_ij / sqrt((R⁻¹)_ii (R⁻¹)_jj) in magnitude), and off-diagonal sums only:
 *   overall MSA = Σ r_ij² / (Σ r_ij² + Σ q_ij²)
 *   MSA_i       = Σ_j r_ij² / (Σ_j r_ij² + Σ_j q_ij²)
 * Values near 1 mean the correlations are explained by common factors (partials small); below
 * 0.5 factoring is not advised (Kaiser 1974). A singular R (redundant items) has no inverse:
 * psych then falls back to R itself; we use the pseudo-inverse and say so in a notice.
 * Oracle: tests/oracle/kmo-bartlett.test.ts.
 */
import type { Matrix } from '../math/matrix';
import { pseudoInverseSymmetric } from '../math/pseudo-inverse';
import { notice, type Notice } from '../notices';

export type KmoResult = { overall: number; items: Float64Array; notices: Notice[] };

export function computeKmo(r: Matrix): KmoResult {
  const p = r.rows;
  const { inverse, rank } = pseudoInverseSymmetric(r);
  const notices: Notice[] = [];
  if (rank < p) {
    notices.push(notice('singular-matrix', 'warning', `The correlation matrix is singular (rank ${rank} of ${p}): some items are exact combinations of others. KMO used the pseudo-inverse; remove redundant items.`));
  }
  const inv = inverse.data;
  const rowR = new Float64Array(p);
  const rowQ = new Float64Array(p);
  let sumR = 0;
  let sumQ = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      if (i === j) continue;
      const rij = r.data[i * p + j]!;
      const qij = inv[i * p + j]! / Math.sqrt(inv[i * p + i]! * inv[j * p + j]!);
      rowR[i]! += rij * rij;
      rowQ[i]! += qij * qij;
    }
    sumR += rowR[i]!;
    sumQ += rowQ[i]!;
  }
  const items = new Float64Array(p);
  for (let i = 0; i < p; i++) items[i] = rowR[i]! / (rowR[i]! + rowQ[i]!);
  return { overall: sumR / (sumR + sumQ), items, notices };
}
