/**
 * Unrotated extraction against psych::fa(rotate = "none") on bfi's pairwise and listwise
 * correlation matrices (the oracle's R, rounded to 6 significant digits).
 */
import { describe, expect, it } from 'vitest';
import { extractFactors } from '../../core/factor/extract';
import type { OracleMatrix, OracleVector } from './oracle-files';
import { readOracleJson } from './oracle-files';
import { alignFactors, applyAlignment, maxAbsDiff, oracleToMatrix } from './efa-oracle-helpers';

type FaOracle = { loadings: OracleMatrix; communality_h2: OracleVector; communalities_fit: OracleVector; eigenvalues_reduced: number[] };

describe('extractFactors(R, 5, method) matches psych::fa unrotated on bfi', () => {
  for (const missing of ['pairwise', 'listwise'] as const) {
    const R = oracleToMatrix(readOracleJson<{ correlation: OracleMatrix }>(`bfi_correlation_${missing}.json`).correlation);
    for (const method of ['minres', 'pa', 'ml'] as const) {
      it(`${method}, ${missing}: loadings and communalities within 0.002`, () => {
        const oracle = readOracleJson<FaOracle>(`bfi_fa_${method}_none_${missing}.json`);
        const ours = extractFactors(R, 5, method);
        const reference = oracleToMatrix(oracle.loadings);
        const aligned = applyAlignment(ours.loadings, alignFactors(ours.loadings, reference));
        expect(maxAbsDiff(aligned.data, reference.data)).toBeLessThan(0.002);
        expect(maxAbsDiff(ours.communalities, oracle.communality_h2.values)).toBeLessThan(0.002);
        expect(maxAbsDiff(ours.eigenvaluesReduced!, oracle.eigenvalues_reduced)).toBeLessThan(0.002);
        expect(ours.converged).toBe(true);
      });
    }
  }
});
