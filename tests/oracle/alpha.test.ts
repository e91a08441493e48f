/**
 * Cronbach's alpha against psych::alpha (each bfi scale with its reverse keys) and
 * psych::scoreItems (median imputation): scale statistics, alpha if dropped, item statistics and
 * the first scale scores, to the oracle's 6 significant digits.
 */
import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from '../../core/factor/reliability-alpha';
import { readOracleJson, type OracleMatrix } from './oracle-files';
import { agreesToSixDigits, readOracleCsvMatrix } from './oracle-csv-matrix';

type Scale = {
  items: string[];
  reversed: string[];
  total: Record<string, number>;
  alpha_drop: OracleMatrix;
  item_stats: OracleMatrix;
  scores_first10: number[];
};
const oracle = readOracleJson<{ scales: Record<string, Scale> }>('bfi_alpha.json');
const scoreItems = readOracleJson<{ alpha: OracleMatrix; av_r: OracleMatrix }>('bfi_score_items.json');

describe.each(Object.entries(oracle.scales))('cronbachAlpha(bfi %s)', (name, scale) => {
  const data = readOracleCsvMatrix('bfi.csv', scale.items);
  const result = cronbachAlpha(data, { itemNames: scale.items, reverse: scale.reversed });

  it('matches psych::alpha scale statistics', () => {
    const t = result.total;
    const pairs: [number, number][] = [
      [t.rawAlpha, scale.total['raw_alpha']!], [t.stdAlpha, scale.total['std.alpha']!], [t.g6, scale.total['G6(smc)']!],
      [t.averageR, scale.total['average_r']!], [t.signalNoise, scale.total['S/N']!], [t.ase, scale.total['ase']!],
      [t.mean, scale.total['mean']!], [t.sd, scale.total['sd']!], [t.medianR, scale.total['median_r']!],
    ];
    pairs.forEach(([ours, ref], k) => expect(agreesToSixDigits(ours, ref), `statistic ${k}: ${ours} vs ${ref}`).toBe(true));
  });

  it('matches alpha if an item is dropped', () => {
    result.alphaIfDropped!.forEach((d, i) => {
      const ref = scale.alpha_drop.values[i]!;
      [d.rawAlpha, d.stdAlpha, d.g6, d.averageR, d.signalNoise, d.ase, d.varR, d.medianR].forEach((v, c) => expect(agreesToSixDigits(v, ref[c]!), `${d.item} column ${c}`).toBe(true));
    });
  });

  it('matches the item statistics and scale scores', () => {
    result.itemStatistics.forEach((s, i) => {
      const ref = scale.item_stats.values[i]!;
      [s.n, s.rawR, s.stdR, s.rCor, s.rDrop, s.mean, s.sd].forEach((v, c) => expect(agreesToSixDigits(v, ref[c]!), `${s.item} column ${c}`).toBe(true));
    });
    scale.scores_first10.forEach((v, r) => expect(result.scores[r]).toBeCloseTo(v, 10));
  });

  it('matches psych::scoreItems alpha with median imputation', () => {
    const col = scoreItems.alpha.cols.indexOf(name);
    const imputed = cronbachAlpha(data, { itemNames: scale.items, reverse: scale.reversed, impute: 'median' });
    expect(agreesToSixDigits(imputed.total.rawAlpha, scoreItems.alpha.values[0]![col]!)).toBe(true);
    // scoreItems reports r̄ implied by alpha through Spearman–Brown: α / (k − α(k − 1)).
    const k = scale.items.length;
    const implied = imputed.total.rawAlpha / (k - imputed.total.rawAlpha * (k - 1));
    expect(agreesToSixDigits(implied, scoreItems.av_r.values[0]![col]!)).toBe(true);
  });
});
