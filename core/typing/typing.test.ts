import { describe, expect, it } from 'vitest';
import { EMPTY_MISSING, type Column, type Dataset } from '../data/dataset';
import { createRng } from '../random/rng';
import { buildTypingToolSync, confusionMatrix, fitLda, fitMultinomialLogit, linearPosteriors, renderTypingToolHtml, scoreAnswers, TYPING_DEFAULTS } from './index';

describe('fitMultinomialLogit', () => {
  it('reproduces the closed-form MLE of a binary logit with one binary predictor', () => {
    // x = 0: 3 of class 1, 1 of class 0 → intercept log 3; x = 1: 1 of class 1, 3 of class 0 → slope log(1/3) − log 3.
    const x = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const y = Int32Array.from([1, 1, 1, 0, 1, 0, 0, 0]);
    const fit = fitMultinomialLogit(x, 8, 1, y, 2, { ridge: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercepts[1]).toBeCloseTo(Math.log(3), 8);
    expect(fit.weights[1]![0]).toBeCloseTo(-2 * Math.log(3), 8);
  });

  it('gives the cell proportions as probabilities for three classes and a saturated design', () => {
    // Group x=0: classes 0,1,2 with counts 2,3,5; group x=1: counts 6,3,1.
    const rows: [number, number][] = [];
    const add = (xv: number, c: number, times: number) => { for (let t = 0; t < times; t++) rows.push([xv, c]); };
    add(0, 0, 2); add(0, 1, 3); add(0, 2, 5); add(1, 0, 6); add(1, 1, 3); add(1, 2, 1);
    const fit = fitMultinomialLogit(Float64Array.from(rows, (r) => r[0]), rows.length, 1, Int32Array.from(rows, (r) => r[1]), 3, { ridge: 0 });
    const p0 = linearPosteriors(fit, [0]);
    const p1 = linearPosteriors(fit, [1]);
    [0.2, 0.3, 0.5].forEach((v, k) => expect(p0[k]).toBeCloseTo(v, 7));
    [0.6, 0.3, 0.1].forEach((v, k) => expect(p1[k]).toBeCloseTo(v, 7));
  });

  it('stays finite under complete separation thanks to the ridge', () => {
    const x = Float64Array.from([-2, -1, 1, 2]);
    const fit = fitMultinomialLogit(x, 4, 1, Int32Array.from([0, 0, 1, 1]), 2);
    expect(Number.isFinite(fit.weights[1]![0]!)).toBe(true);
    expect(linearPosteriors(fit, [2])[1]).toBeGreaterThan(0.99);
  });
});

describe('fitMultinomialLogit optimality', () => {
  it('satisfies the penalised score equations at the estimate (K = 3, p = 2)', () => {
    const rng = createRng(3);
    const n = 300;
    const x = new Float64Array(n * 2);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 3;
      x[i * 2] = rng.normal() + (y[i] === 1 ? 1 : 0);
      x[i * 2 + 1] = rng.normal() - (y[i] === 2 ? 1 : 0);
    }
    const ridge = 1e-3;
    const fit = fitMultinomialLogit(x, n, 2, y, 3, { ridge });
    // ∂/∂β_kj: Σ_i x_ij (1[y_i = k] − p_ik) − λ β_kj = 0 (no penalty on intercepts), λ = ridge · n.
    for (let k = 1; k < 3; k++) {
      let g0 = 0;
      let g1 = 0;
      let g2 = 0;
      for (let i = 0; i < n; i++) {
        const p = linearPosteriors(fit, [x[i * 2]!, x[i * 2 + 1]!]);
        const r = (y[i] === k ? 1 : 0) - p[k]!;
        g0 += r;
        g1 += x[i * 2]! * r;
        g2 += x[i * 2 + 1]! * r;
      }
      g1 -= ridge * n * fit.weights[k]![0]!;
      g2 -= ridge * n * fit.weights[k]![1]!;
      for (const v of [g0, g1, g2]) expect(Math.abs(v)).toBeLessThan(1e-7);
    }
  });
});

describe('fitLda', () => {
  it('gives the Bayes posteriors of Gaussian classes with the pooled covariance (as MASS::lda)', () => {
    const rng = createRng(9);
    const n = 240;
    const x = new Float64Array(n * 2);
    const y = Int32Array.from({ length: n }, (_, i) => (i < 120 ? 0 : i < 200 ? 1 : 2));
    for (let i = 0; i < n; i++) {
      x[i * 2] = rng.normal() + y[i]!;
      x[i * 2 + 1] = 0.5 * x[i * 2]! + rng.normal() - y[i]!;
    }
    const lda = fitLda(x, n, 2, y, 3);
    // Direct computation: class means, pooled covariance (divisor N − K), priors n_k / N, densities.
    const mu = [0, 1, 2].map((c) => {
      const rows = [...Array(n).keys()].filter((i) => y[i] === c);
      return [0, 1].map((j) => rows.reduce((a, i) => a + x[i * 2 + j]!, 0) / rows.length);
    });
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const d0 = x[i * 2]! - mu[y[i]!]![0]!;
      const d1 = x[i * 2 + 1]! - mu[y[i]!]![1]!;
      s0 += d0 * d0;
      s1 += d0 * d1;
      s2 += d1 * d1;
    }
    const [a, b, c] = [s0 / (n - 3), s1 / (n - 3), s2 / (n - 3)];
    const det = a * c - b * b;
    const point = [0.3, -0.4];
    const dens = mu.map((m, k) => {
      const d0 = point[0]! - m[0]!;
      const d1 = point[1]! - m[1]!;
      const q = (c * d0 * d0 - 2 * b * d0 * d1 + a * d1 * d1) / det;
      return ([120, 80, 40][k]! / n) * Math.exp(-q / 2);
    });
    const total = dens.reduce((p, q) => p + q, 0);
    const post = linearPosteriors(lda, point);
    dens.forEach((d, k) => expect(post[k]).toBeCloseTo(d / total, 9));
  });


  it('matches the two-class closed form: log-odds = (μ1−μ0)/s² · (x − (μ0+μ1)/2) + log(π1/π0)', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 5]);
    const y = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const lda = fitLda(x, 6, 1, y, 2);
    const s2 = (1 + 0 + 1 + 1 + 0 + 1) / 4; // pooled variance, divisor N − K
    const post = linearPosteriors(lda, [2.2]);
    expect(Math.log(post[1]! / post[0]!)).toBeCloseTo(((4 - 1) / s2) * (2.2 - 2.5), 6);
  });
});

function simulated(): { dataset: Dataset; segments: Int32Array } {
  const rng = createRng(11);
  const n = 900;
  const segments = Int32Array.from({ length: n }, (_, i) => i % 3);
  const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));
  const col = (name: string, f: (s: number) => number): Column => ({
    name, label: `Question ${name}`, measurement: 'ordinal', missing: EMPTY_MISSING, text: null, reversed: false,
    valueLabels: [1, 2, 3, 4, 5].map((code) => ({ code, label: ['Disagree', 'Rather disagree', 'Neutral', 'Rather agree', 'Agree'][code - 1]! })),
    values: Float64Array.from(segments, (s) => clamp(f(s) + 0.8 * rng.normal())),
  });
  const columns = [
    col('noise1', () => 3), col('a', (s) => (s === 0 ? 4.5 : 2)), col('noise2', () => 3), col('b', (s) => (s === 1 ? 4.5 : 2)), col('noise3', () => 3), col('c', (s) => (s === 2 ? 1.5 : 3)),
  ];
  columns[0]!.values![5] = NaN;
  return { dataset: { source: { file: 'sim.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows: n, weight: null, id: null, notices: [], columns }, segments };
}

describe('buildTypingTool', () => {
  const { dataset, segments } = simulated();
  const tool = buildTypingToolSync({ dataset, segments, k: 3, segmentNames: ['A', 'B', 'C'] }, { ...TYPING_DEFAULTS, candidates: dataset.columns.map((c) => c.name), targetAccuracy: 0.9, maxItems: 5, seed: 5 });

  it('selects the informative items first and reaches the target with a short set', () => {
    expect(tool.curve[0]!.items[0]).toMatch(/^[abc]$/);
    expect(new Set(tool.curve[2]!.items)).toEqual(new Set(['a', 'b', 'c']));
    expect(tool.items.length).toBeLessThanOrEqual(3);
    expect(tool.reachedTarget).toBe(true);
    expect(tool.holdout.accuracy).toBeGreaterThan(0.85);
    expect(tool.holdout.n).toBe(270);
  });

  it('scoreAnswers on raw answers reproduces the reported holdout accuracy and confusion matrix', () => {
    const truth: number[] = [];
    const assigned: number[] = [];
    for (const row of tool.holdoutRows) {
      const answers = tool.items.map((item) => dataset.columns.find((c) => c.name === item.name)!.values![row]!);
      truth.push(segments[row]!);
      assigned.push(scoreAnswers(tool, answers).segment);
    }
    const cm = confusionMatrix(truth, assigned, 3);
    expect(cm.accuracy).toBeCloseTo(tool.holdout.accuracy, 12);
    expect(cm.counts).toEqual(tool.holdout.counts);
    expect(tool.curve[tool.items.length - 1]!.confusion).toEqual(tool.holdout.counts);
  });

  it('is reproducible from its seed and renders a self-contained HTML questionnaire', () => {
    const again = buildTypingToolSync({ dataset, segments, k: 3, segmentNames: ['A', 'B', 'C'] }, { ...TYPING_DEFAULTS, candidates: dataset.columns.map((c) => c.name), targetAccuracy: 0.9, maxItems: 5, seed: 5 });
    expect(again).toEqual(tool);
    const html = renderTypingToolHtml(tool, { title: 'Typing tool — Ü' });
    expect(html).toContain('Rather agree');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("default-src 'none'");
  });
});
