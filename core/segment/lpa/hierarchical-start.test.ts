/**
 * mclust's initialisation (hierarchical-start.ts): the tree cut at G = 2..5 equals mclust 6.0.0's
 * `hclass(hc(X, modelName = "VVV", use = "SVD"), 2:5)` on tie-free data (60 rows, 3 variables,
 * made in R with set.seed(7), three groups, rounded to 3 decimals); a shuffled row order gives the
 * same partitions; one-dimensional data use mclust's quantile classes; more than 2000 complete
 * rows are subsampled.
 */
import { describe, expect, test } from 'vitest';
import { drainSteps } from '../../jobs/run-steps';
import { createRng, permutation } from '../../random/rng';
import { adjustedRandIndex } from '../adjusted-rand';
import { lpaDataFromMatrix, type LpaData } from './lpa-data';
import { lpaModel } from './lpa-model';
import { HC_SUBSET, hierarchicalPartitions, hierarchicalStart, type HierarchicalPartitions } from './hierarchical-start';

const ROWS = [[2.287, 1.273, 0.101],[-1.197, 0.184, 0.931],[-0.694, 0.752, -0.263],[-0.412, 0.592, -0.008],[-0.971, -0.983, 0.367],[-0.947, -0.276, 1.707],[0.748, -0.871, 0.724],[-0.117, 0.719, 0.481],[0.153, 0.111, -1.568],[2.19, -0.078, 0.318],[0.357, -0.42, 0.166],[2.717, -0.562, -0.9],[2.281, 0.998, 0.076],[0.324, -1.105, 0.159],[1.896, -0.142, 0.544],[0.468, 0.315, 0.705],[-0.894, 1.219, 0.319],[-0.307, -0.699, 1.109],[-0.005, -0.285, 0.769],[0.988, -1.312, 1.153],[0.84, -0.391, 1.261],[0.705, -0.402, 0.701],[1.306, 1.351, 0.433],[-1.388, 0.591, -0.923],[2.384, 1.309, -0.355],[2.133, 1.118, -0.388],[1.36, 1.423, -1.889],[1.674, 0.713, 0.544],[2.111, 1.559, -2.242],[2.442, 0.23, 0.103],[2.938, 0.781, -0.017],[5.423, 0.925, -0.696],[3.343, 1.26, -2.555],[3.004, 1.294, 0.57],[3.029, 0.96, -0.312],[2.607, 0.413, -1.178],[2.207, 1.154, -0.271],[2.688, 0.198, 0.533],[2.654, 1.496, -0.493],[2.695, 1.512, -0.967],[1.214, 1.42, -2.468],[3.587, 1.06, 0.019],[4.636, 0.787, -1.593],[2.355, 1.229, -0.188],[1.732, 3.34, 2.73],[0.737, 1.902, 1.776],[2.27, 2.644, 2.226],[-1.514, 4.097, 2.48],[0.89, 2.093, 2.224],[1.832, 2.793, 0.66],[0.54, 3.679, 0.362],[2.015, 2.202, 2.338],[-2.923, 1.408, 2.825],[-1.75, 4.18, 1.095],[0.33, 4.223, 2.431],[0.414, 2.989, 2.179],[0.965, 3.346, 2.509],[-0.143, 3.094, 2.927],[-1.778, 3.007, 2.103],[0.972, 3.743, 1.581]];
/** mclust's classes (minus 1) for G = 2, 3, 4, 5, row by row. */
const MCLUST = ['011111111010010111111111000000000000000000001111111111111111', '011111111010010111111121000000000000000000002222222212222222', '011111111012010111111131002020022002000220203333333313333333', '011111211023020212222241003030033003000330304444444414444444'];

function labelsByRow(tree: HierarchicalPartitions, g: number, n: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  tree.partitions.get(g)!.forEach((label, i) => (out[tree.rows[i]!] = label));
  return out;
}

function dataOf(rows: number[][]): LpaData {
  return lpaDataFromMatrix(Float64Array.from(rows.flat()), rows.length, rows[0]!.length);
}

describe('hierarchical (mclust) start', () => {
  test('the tree cut at G = 2..5 is mclust\'s partition (adjusted Rand index 1)', () => {
    const tree = drainSteps(hierarchicalPartitions(dataOf(ROWS), [1, 5], 1));
    expect(tree.tied).toBe(false);
    expect(tree.coversAll).toBe(true);
    MCLUST.forEach((expected, index) => {
      const g = index + 2;
      const ours = labelsByRow(tree, g, ROWS.length);
      expect(new Set(ours).size).toBe(g);
      expect(adjustedRandIndex(ours, Int32Array.from(expected, (c) => Number(c)))).toBeCloseTo(1, 12);
    });
  });

  test('a shuffled row order gives the same partitions', () => {
    const order = permutation(ROWS.length, createRng(5));
    const shuffled = Array.from(order, (row) => ROWS[row]!);
    const a = drainSteps(hierarchicalPartitions(dataOf(ROWS), [2, 5], 1));
    const b = drainSteps(hierarchicalPartitions(dataOf(shuffled), [2, 5], 1));
    for (let g = 2; g <= 5; g++) {
      const la = labelsByRow(a, g, ROWS.length);
      const lb = labelsByRow(b, g, ROWS.length);
      expect(adjustedRandIndex(Int32Array.from(order, (row) => la[row]!), lb)).toBeCloseTo(1, 12);
    }
  });

  test('tied data (integer scores): each tie order gives the same partitions for a shuffled file', () => {
    const rng = createRng(11);
    const rows = Array.from({ length: 120 }, (_, i) => [Math.round(rng.normal() * 2 + (i % 3) * 3), Math.round(rng.normal() * 2), Math.round(rng.normal() * 2 - (i % 3))]);
    const order = permutation(rows.length, createRng(6));
    const shuffled = Array.from(order, (row) => rows[row]!);
    // Identical rows are interchangeable: compare the multiset of (row content, cluster) pairs.
    const signature = (source: number[][], tree: HierarchicalPartitions, g: number): string[] => {
      const labels = labelsByRow(tree, g, source.length);
      const rename = new Map<number, number>();
      const byContent = source.map((row, i) => ({ key: row.join(','), label: labels[i]! })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.label - b.label));
      return byContent.map(({ key, label }) => {
        if (!rename.has(label)) rename.set(label, rename.size);
        return `${key}:${rename.get(label)}`;
      }).sort();
    };
    for (const salt of [null, 7]) {
      const a = drainSteps(hierarchicalPartitions(dataOf(rows), [2, 4], 1, salt));
      const b = drainSteps(hierarchicalPartitions(dataOf(shuffled), [2, 4], 1, salt));
      expect(a.tied).toBe(true);
      for (let g = 2; g <= 4; g++) expect(signature(shuffled, b, g)).toEqual(signature(rows, a, g));
    }
  });

  test('start parameters: the M-step of the partition, for every covariance model', () => {
    const data = dataOf(ROWS);
    const tree = drainSteps(hierarchicalPartitions(data, [3, 3], 1));
    for (const covariance of ['EII', 'VVI', 'EEE', 'VVV'] as const) {
      const model = lpaModel(covariance);
      const start = hierarchicalStart(model, data, tree, 3)!;
      expect(start).toEqual(model.partitionStart(data, 3, labelsByRow(tree, 3, ROWS.length)));
      expect(Number.isFinite(model.posteriors(data, start).logLik)).toBe(true);
    }
    expect(hierarchicalStart(lpaModel('VVV'), data, tree, 4)).toBeNull();
  });

  test('one variable: mclust\'s quantile classes', () => {
    const values = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    const tree = drainSteps(hierarchicalPartitions(dataOf(values.map((v) => [v])), [2, 2], 1));
    const labels = labelsByRow(tree, 2, values.length);
    values.forEach((v, i) => expect(labels[i]).toBe(v <= 5.5 ? 0 : 1));
  });

  test('more than 2000 complete rows: a seeded subsample of 2000, every row classified by the start', () => {
    const rng = createRng(9);
    const rows = Array.from({ length: 2300 }, (_, i) => [rng.normal() + (i % 2) * 4, rng.normal(), rng.normal() - (i % 2) * 2]);
    const data = dataOf(rows);
    const tree = drainSteps(hierarchicalPartitions(data, [2, 2], 4));
    expect(tree.rows.length).toBe(HC_SUBSET);
    expect(tree.coversAll).toBe(false);
    const model = lpaModel('VVV');
    const { posteriors, logLik } = model.posteriors(data, hierarchicalStart(model, data, tree, 2)!);
    expect(Number.isFinite(logLik)).toBe(true);
    // The start's classification of the subsampled rows is the tree's partition of them.
    const modal = Int32Array.from(tree.rows, (row) => (posteriors[row * 2]! >= posteriors[row * 2 + 1]! ? 0 : 1));
    expect(adjustedRandIndex(modal, tree.partitions.get(2)!)).toBeGreaterThan(0.9);
  });
});
