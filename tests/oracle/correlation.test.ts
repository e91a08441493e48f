/**
 * Pearson correlations against R's cor(bfi[, 1:25], use = "pairwise" | complete rows) and the
 * attitude data: every entry to the oracle's 6 significant digits, pairwise n exactly, and the
 * eigenvalues of R to 6 significant digits.
 */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../core/factor/correlation';
import { eigenSymmetric } from '../../core/math/eigen-symmetric';
import { readOracleJson, type OracleMatrix } from './oracle-files';
import { agreesToSixDigits, BFI_ITEMS, maxAbsDifference, readOracleCsvColumns } from './oracle-csv-matrix';

type CorrelationOracle = { correlation: OracleMatrix; pairwise_n?: OracleMatrix; n_obs: number; eigenvalues: number[] };
const bfi = readOracleCsvColumns('bfi.csv', BFI_ITEMS);

describe.each(['pairwise', 'listwise'] as const)('correlate(bfi, pearson, %s)', (missing) => {
  const oracle = readOracleJson<CorrelationOracle>(`bfi_correlation_${missing}.json`);
  const result = correlate(bfi, { method: 'pearson', missing, itemNames: BFI_ITEMS });

  it('matches R cor() to the oracle rounding (5e-7)', () => {
    expect(maxAbsDifference((i, j) => result.matrix.data[i * 25 + j]!, oracle.correlation.values)).toBeLessThanOrEqual(5.001e-7);
  });

  it('reports the n used', () => {
    if (missing === 'pairwise') {
      expect(maxAbsDifference((i, j) => result.pairwiseN!.data[i * 25 + j]!, oracle.pairwise_n!.values)).toBe(0);
      const smallest = Math.min(...oracle.pairwise_n!.values.flatMap((row, i) => row.filter((_, j) => j !== i) as number[]));
      expect(result.nUsed).toBe(smallest);
    } else {
      expect(result.nUsed).toBe(oracle.n_obs);
      expect(result.notices.some((n) => n.code === 'rows-dropped')).toBe(true);
    }
  });

  it('gives eigenvalues to 6 significant digits', () => {
    const { values } = eigenSymmetric(result.matrix.data, 25);
    oracle.eigenvalues.forEach((v, k) => expect(agreesToSixDigits(values[k]!, v), `eigenvalue ${k + 1}: ${values[k]} vs ${v}`).toBe(true));
  });
});

describe('correlate(attitude, pearson)', () => {
  it('matches R cor() on a small complete data set', () => {
    const names = ['rating', 'complaints', 'privileges', 'learning', 'raises', 'critical', 'advance'];
    const oracle = readOracleJson<{ correlation: OracleMatrix; eigenvalues: number[] }>('attitude_kmo_bartlett.json');
    const result = correlate(readOracleCsvColumns('attitude.csv', names), { method: 'pearson', missing: 'pairwise', itemNames: names });
    expect(maxAbsDifference((i, j) => result.matrix.data[i * 7 + j]!, oracle.correlation.values)).toBeLessThanOrEqual(5.001e-7);
    expect(result.nUsed).toBe(30);
    const { values } = eigenSymmetric(result.matrix.data, 7);
    oracle.eigenvalues.forEach((v, k) => expect(agreesToSixDigits(values[k]!, v)).toBe(true));
  });
});
