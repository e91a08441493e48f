/**
 * Extraction + rotation + psych's sign/order convention against psych::fa on bfi (24 cases) and
 * attitude (4 cases), from the oracle's correlation matrices. Loadings within 0.002 (0.01 for
 * oblique rotations, whose optimisers stop at eps = 1e-5), Phi likewise, and psych's factor order
 * and signs reproduced exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFactors } from '../../core/factor/extract';
import { isOblique } from '../../core/factor/options';
import { orderFactors } from '../../core/factor/order-factors';
import { rotateFactors } from '../../core/factor/rotate';
import type { Matrix } from '../../core/math/matrix';
import type { OracleMatrix } from './oracle-files';
import { oraclePath, readOracleJson } from './oracle-files';
import { alignFactors, alignPhi, applyAlignment, maxAbsDiff, oracleToMatrix } from './efa-oracle-helpers';

type FaOracle = { loadings: OracleMatrix; Phi?: OracleMatrix; factor_names: string[] };

function attitudeCorrelation(): Matrix {
  const lines = readFileSync(oraclePath('data', 'attitude.csv'), 'utf8').trim().split(/\r?\n/);
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const p = rows[0]!.length;
  const n = rows.length;
  const mean = Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const data = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (const r of rows) {
        sab += (r[a]! - mean[a]!) * (r[b]! - mean[b]!);
        saa += (r[a]! - mean[a]!) ** 2;
        sbb += (r[b]! - mean[b]!) ** 2;
      }
      data[a * p + b] = sab / Math.sqrt(saa * sbb);
    }
  }
  return { rows: p, cols: p, data };
}

type Case = { file: string; R: () => Matrix; m: number; method: 'minres' | 'pa' | 'ml'; rotation: 'none' | 'varimax' | 'promax' | 'oblimin' };
const cases: Case[] = [];
for (const missing of ['pairwise', 'listwise'] as const) {
  const R = () => oracleToMatrix(readOracleJson<{ correlation: OracleMatrix }>(`bfi_correlation_${missing}.json`).correlation);
  for (const method of ['minres', 'pa', 'ml'] as const) {
    for (const rotation of ['none', 'varimax', 'promax', 'oblimin'] as const) cases.push({ file: `bfi_fa_${method}_${rotation}_${missing}.json`, R, m: 5, method, rotation });
  }
}
for (const method of ['minres', 'ml'] as const) {
  for (const rotation of ['varimax', 'oblimin'] as const) cases.push({ file: `attitude_fa_${method}_${rotation}.json`, R: attitudeCorrelation, m: 2, method, rotation });
}

describe('rotateFactors(extractFactors(R)) matches psych::fa', () => {
  for (const c of cases) {
    it(c.file, () => {
      const oracle = readOracleJson<FaOracle>(c.file);
      const extraction = extractFactors(c.R(), c.m, c.method);
      const rotated = rotateFactors(extraction.loadings, c.rotation);
      expect(rotated.converged).toBe(true);
      const ordered = orderFactors(rotated.loadings, rotated.phi, rotated.rotationMatrix);
      const reference = oracleToMatrix(oracle.loadings);
      const alignment = alignFactors(ordered.loadings, reference);
      const tolerance = isOblique(c.rotation) ? 0.01 : 0.002;
      expect(maxAbsDiff(applyAlignment(ordered.loadings, alignment).data, reference.data)).toBeLessThan(tolerance);
      // psych's own order and signs, not just a matching permutation:
      expect(alignment.order).toEqual(Array.from({ length: c.m }, (_, k) => k));
      expect(alignment.signs.every((s) => s === 1)).toBe(true);
      expect(ordered.order.map((k) => k + 1)).toEqual(oracle.factor_names.map((name) => Number(name.replace(/^\D+/, ''))));
      if (oracle.Phi !== undefined) {
        expect(ordered.phi).not.toBeNull();
        expect(maxAbsDiff(alignPhi(ordered.phi!, alignment).data, oracleToMatrix(oracle.Phi).data)).toBeLessThan(tolerance);
      } else {
        expect(ordered.phi).toBeNull();
      }
    });
  }
});
