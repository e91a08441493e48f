/**
 * Polychoric correlations against psych::polychoric(bfi[, 1:25]) (global thresholds, Brent with
 * R's tolerance, cor.smooth): all 300 ρ within 1e-6 (the oracle keeps 6 significant digits, so
 * ~5e-7 is the best possible), thresholds to 6 significant digits.
 */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../core/factor/correlation';
import { readOracleJson, type OracleMatrix } from './oracle-files';
import { agreesToSixDigits, BFI_ITEMS, maxAbsDifference, readOracleCsvColumns } from './oracle-csv-matrix';

describe('correlate(bfi, polychoric, pairwise)', () => {
  const oracle = readOracleJson<{ rho: OracleMatrix; tau: OracleMatrix }>('bfi_polychoric.json');
  const result = correlate(readOracleCsvColumns('bfi.csv', BFI_ITEMS), { method: 'polychoric', missing: 'pairwise', itemNames: BFI_ITEMS });

  it('matches psych::polychoric rho within 1e-6', () => {
    expect(maxAbsDifference((i, j) => result.matrix.data[i * 25 + j]!, oracle.rho.values)).toBeLessThan(1e-6);
    expect(result.smoothed).toBe(false);
  });

  it('matches psych thresholds to 6 significant digits', () => {
    oracle.tau.values.forEach((row, i) => row.forEach((v, a) => expect(agreesToSixDigits(result.thresholds![i]![a]!, v!), `${BFI_ITEMS[i]} τ${a + 1}`).toBe(true)));
  });

  it('reports the pairwise n and the empty-cell pairs', () => {
    expect(result.nUsed).toBe(2739);
    expect(result.notices.some((n) => n.message.includes('empty cells'))).toBe(true);
  });
});
