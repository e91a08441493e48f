/**
 * McDonald's omega against psych::omega(bfi[, 1:25], nfactors = 5) (minres, oblimin,
 * Schmid–Leiman): omega_h, omega_total, alpha, G6, the group omegas and the Schmid–Leiman
 * loadings. psych's minres and oblimin stop at their tolerances, so we allow 2e-5 on the
 * coefficients and 1e-4 on individual loadings (the target is 0.002).
 */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../core/factor/correlation';
import { computeOmega } from '../../core/factor/reliability-omega';
import { readOracleJson, type OracleMatrix } from './oracle-files';
import { BFI_ITEMS, maxAbsDifference, readOracleCsvColumns } from './oracle-csv-matrix';

type OmegaOracle = { omega_h: number; alpha: number; omega_tot: number; G6: number; omega_group: OracleMatrix; schmid_sl: OracleMatrix; schmid_gloading: OracleMatrix; schmid_phi: OracleMatrix };

describe('computeOmega(bfi, 5 factors)', () => {
  const oracle = readOracleJson<OmegaOracle>('bfi_omega.json');
  const R = correlate(readOracleCsvColumns('bfi.csv', BFI_ITEMS), { method: 'pearson', missing: 'pairwise' }).matrix;
  const result = computeOmega(R, 5, BFI_ITEMS);

  it('matches omega_h, omega_total, alpha and G6', () => {
    expect(Math.abs(result.omegaHierarchical - oracle.omega_h)).toBeLessThan(2e-5);
    expect(Math.abs(result.omegaTotal - oracle.omega_tot)).toBeLessThan(2e-5);
    expect(Math.abs(result.alpha - oracle.alpha)).toBeLessThan(2e-6);
    expect(Math.abs(result.g6 - oracle.G6)).toBeLessThan(2e-6);
  });

  it('matches the group omegas', () => {
    const ours = result.groups.map((g) => [g.total, g.general, g.group]);
    expect(maxAbsDifference((i, j) => ours[i]![j]!, oracle.omega_group.values)).toBeLessThan(2e-5);
  });

  it('matches the Schmid–Leiman solution and flips the same items', () => {
    const cols = result.schmidLeiman.cols;
    const table = (i: number, j: number): number => (j < cols ? result.schmidLeiman.data[i * cols + j]! : j === cols ? result.h2[i]! : j === cols + 1 ? result.u2[i]! : result.p2[i]!);
    expect(maxAbsDifference(table, oracle.schmid_sl.values)).toBeLessThan(1e-4);
    expect(maxAbsDifference((i) => result.gLoadings[i]!, oracle.schmid_gloading.values)).toBeLessThan(1e-4);
    expect(maxAbsDifference((i, j) => result.phi.data[i * 5 + j]!, oracle.schmid_phi.values)).toBeLessThan(1e-4);
    expect(result.flipped).toEqual(oracle.schmid_sl.rows.filter((r) => r.endsWith('-')).map((r) => r.slice(0, -1)));
  });
});

describe('computeOmega with two and three group factors', () => {
  // R 4.2.2, psych 2.2.9 (values printed by R, not stored in the oracle directory):
  //   psych::omega(bfi[, 1:10], nfactors = 2)  → omega_h .3807907, omega_tot .7835443 ("equal" option)
  //   psych::omega(bfi[, 1:15], nfactors = 3)  → omega_h .5428335, omega_tot .8481398
  const cases = [
    { p: 10, m: 2, omegaH: 0.3807907, omegaTotal: 0.7835443, groups: [[0.7318321, 0.2367866, 0.4950454], [0.7263163, 0.2407638, 0.4855525]] },
    { p: 15, m: 3, omegaH: 0.5428335, omegaTotal: 0.8481398, groups: [[0.7668867, 0.4034236, 0.3634631], [0.7338834, 0.1114027, 0.6224807], [0.7312492, 0.4576253, 0.2736239]] },
  ];
  it.each(cases)('matches psych with $m group factors on the first $p bfi items', ({ p, m, omegaH, omegaTotal, groups }) => {
    const items = BFI_ITEMS.slice(0, p);
    const R = correlate(readOracleCsvColumns('bfi.csv', items), { method: 'pearson', missing: 'pairwise' }).matrix;
    const result = computeOmega(R, m, items);
    expect(Math.abs(result.omegaHierarchical - omegaH)).toBeLessThan(2e-5);
    expect(Math.abs(result.omegaTotal - omegaTotal)).toBeLessThan(2e-6);
    expect(maxAbsDifference((i, j) => [result.groups[i + 1]!.total, result.groups[i + 1]!.general, result.groups[i + 1]!.group][j]!, groups)).toBeLessThan(2e-5);
    if (m === 2) expect(result.notices.some((n) => n.message.includes('equal'))).toBe(true);
  });
});
