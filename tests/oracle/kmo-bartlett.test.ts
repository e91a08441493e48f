/**
 * KMO and Bartlett's sphericity test against psych::KMO and psych::cortest.bartlett on bfi
 * (pairwise and listwise) and attitude: MSA overall and per item, χ² to 6 significant digits,
 * df exact, p-values against R's pchisq.
 */
import { describe, expect, it } from 'vitest';
import { bartlettTest } from '../../core/factor/bartlett';
import { correlate } from '../../core/factor/correlation';
import { computeKmo } from '../../core/factor/kmo';
import { readOracleJson, type OracleVector } from './oracle-files';
import { agreesToSixDigits, BFI_ITEMS, readOracleCsvColumns } from './oracle-csv-matrix';

const bfi = readOracleCsvColumns('bfi.csv', BFI_ITEMS);

describe.each(['pairwise', 'listwise'] as const)('KMO and Bartlett on bfi (%s)', (missing) => {
  const R = correlate(bfi, { method: 'pearson', missing }).matrix;
  it('computeKmo matches psych::KMO to 6 significant digits', () => {
    const oracle = readOracleJson<{ MSA: number; MSAi: OracleVector }>(`bfi_kmo_${missing}.json`);
    const kmo = computeKmo(R);
    expect(agreesToSixDigits(kmo.overall, oracle.MSA)).toBe(true);
    oracle.MSAi.values.forEach((v, i) => expect(agreesToSixDigits(kmo.items[i]!, v!), BFI_ITEMS[i]).toBe(true));
  });
  it('bartlettTest matches psych::cortest.bartlett', () => {
    const oracle = readOracleJson<{ chisq: number; df: number; p_value: number; n_used: number }>(`bfi_bartlett_${missing}.json`);
    const test = bartlettTest(R, oracle.n_used);
    expect(agreesToSixDigits(test.chiSquare, oracle.chisq)).toBe(true);
    expect(test.df).toBe(oracle.df);
    expect(test.p).toBe(oracle.p_value);
  });
});

describe('KMO and Bartlett on attitude (N = 30)', () => {
  it('matches psych, including a p-value deep in the tail', () => {
    const names = ['rating', 'complaints', 'privileges', 'learning', 'raises', 'critical', 'advance'];
    const oracle = readOracleJson<{ kmo: { MSA: number; MSAi: OracleVector }; bartlett: { chisq: number; df: number; p_value: number; n_used: number } }>('attitude_kmo_bartlett.json');
    const R = correlate(readOracleCsvColumns('attitude.csv', names), { method: 'pearson', missing: 'pairwise' }).matrix;
    const kmo = computeKmo(R);
    expect(agreesToSixDigits(kmo.overall, oracle.kmo.MSA)).toBe(true);
    oracle.kmo.MSAi.values.forEach((v, i) => expect(agreesToSixDigits(kmo.items[i]!, v!)).toBe(true));
    const test = bartlettTest(R, oracle.bartlett.n_used);
    expect(agreesToSixDigits(test.chiSquare, oracle.bartlett.chisq)).toBe(true);
    expect(test.df).toBe(21);
    expect(agreesToSixDigits(test.p, oracle.bartlett.p_value)).toBe(true);
  });
});
