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

describe('fitLda', () => {
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
