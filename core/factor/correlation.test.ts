import { describe, expect, it } from 'vitest';
import { CancellationError, InputError } from '../errors';
import { drainSteps, type Progress, type RunOptions } from '../jobs/run-steps';
import { fromRows, type Matrix } from '../math/matrix';
import { createRng } from '../random/rng';
import { correlate as correlateColumns, correlationSteps as correlationStepsOfColumns, type CorrelationParams } from './correlation';
import { fitPairRange, type PairFitDelegate, type PairFitJob } from './correlation-polychoric';
import { itemColumnsOf } from './item-columns';

// The cases below write their answers as rows (respondents × items).
const correlate = (data: Matrix, params: CorrelationParams, run?: RunOptions) => correlateColumns(itemColumnsOf(data), params, run);
const correlationSteps = (data: Matrix, params: CorrelationParams) => correlationStepsOfColumns(itemColumnsOf(data), params);

function likertSample(n: number, rho: number, seed: number): Matrix {
  const rng = createRng(seed);
  const cuts = [-1.2, -0.4, 0.3, 1.1];
  const cat = (z: number): number => 1 + cuts.filter((c) => z > c).length;
  const data = new Float64Array(n * 3);
  for (let r = 0; r < n; r++) {
    const a = rng.normal();
    const b = rho * a + Math.sqrt(1 - rho * rho) * rng.normal();
    const c = rng.normal();
    data[r * 3] = cat(a);
    data[r * 3 + 1] = cat(b);
    data[r * 3 + 2] = cat(c);
  }
  return { rows: n, cols: 3, data };
}

function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('correlate(data, params)', () => {
  it('refuses a constant item, naming it and the remedy', () => {
    const data = fromRows([[1, 3, 2], [2, 3, 5], [4, 3, 1], [5, 3, 2]]);
    for (const method of ['pearson', 'polychoric'] as const) {
      const error = thrown(() => correlate(data, { method, missing: 'pairwise', itemNames: ['Q1', 'Q2', 'Q3'] }));
      expect(error.code).toBe('data-degenerate');
      expect(error.location.column).toBe('Q2');
      expect(error.message).toMatch(/Q2.*same answer.*Remove it/);
    }
  });

  it('refuses an item with no answers', () => {
    const data = fromRows([[1, NaN, 2], [2, NaN, 5], [4, NaN, 1]]);
    const error = thrown(() => correlate(data, { method: 'pearson', missing: 'pairwise', itemNames: ['a', 'b', 'c'] }));
    expect(error.code).toBe('data-degenerate');
    expect(error.message).toMatch(/'b' has no answers/);
  });

  it('refuses a pair that is never answered together, and too few complete rows for listwise', () => {
    const data = fromRows([[1, NaN, 2], [2, NaN, 5], [4, NaN, 1], [NaN, 1, 3], [NaN, 2, 2], [NaN, 4, 1]]);
    expect(thrown(() => correlate(data, { method: 'pearson', missing: 'pairwise', itemNames: ['a', 'b', 'c'] })).code).toBe('data-insufficient');
    expect(thrown(() => correlate(data, { method: 'pearson', missing: 'listwise' })).message).toMatch(/Only 0 respondents/);
  });

  it('listwise deletion equals pairwise on the complete rows', () => {
    const data = likertSample(300, 0.5, 1);
    data.data[5] = NaN;
    data.data[31] = NaN;
    const listwise = correlate(data, { method: 'pearson', missing: 'listwise' });
    expect(listwise.nUsed).toBe(298);
    const complete = { rows: 298, cols: 3, data: new Float64Array(298 * 3) };
    let k = 0;
    for (let r = 0; r < 300; r++) if (r !== 1 && r !== 10) complete.data.set(data.data.subarray(r * 3, r * 3 + 3), 3 * k++);
    const reference = correlate(complete, { method: 'pearson', missing: 'pairwise' });
    for (let c = 0; c < 9; c++) expect(listwise.matrix.data[c]).toBeCloseTo(reference.matrix.data[c]!, 14);
  });

  it('integer weights equal duplicated rows (Pearson and polychoric)', () => {
    const data = likertSample(200, 0.4, 2);
    const weights = Float64Array.from({ length: 200 }, (_, r) => 1 + (r % 3));
    const rows: number[][] = [];
    for (let r = 0; r < 200; r++) for (let w = 0; w < weights[r]!; w++) rows.push(Array.from(data.data.subarray(r * 3, r * 3 + 3)));
    const duplicated = fromRows(rows);
    for (const method of ['pearson', 'polychoric'] as const) {
      const weighted = correlate(data, { method, missing: 'pairwise', weights });
      const copied = correlate(duplicated, { method, missing: 'pairwise' });
      for (let c = 0; c < 9; c++) expect(weighted.matrix.data[c]).toBeCloseTo(copied.matrix.data[c]!, 10);
    }
  });

  it('recovers the latent correlation of discretised normal data (polychoric)', () => {
    const result = correlate(likertSample(20000, 0.6, 3), { method: 'polychoric', missing: 'pairwise' });
    expect(Math.abs(result.matrix.data[1]! - 0.6)).toBeLessThan(0.02);
    expect(Math.abs(result.matrix.data[2]!)).toBeLessThan(0.03);
    expect(Math.abs(result.thresholds![0]![0]! - -1.2)).toBeLessThan(0.03);
  });

  it('gives the same polychoric matrix, bit for bit, when another thread fits a share of the pairs (or fails to)', () => {
    const rng = createRng(17);
    const n = 600;
    const p = 7;
    const rows = Array.from({ length: n }, () => {
      const f = rng.normal();
      return Array.from({ length: p }, (_, j) => (j === 6 && rng.uniform() < 0.2 ? NaN : 1 + Math.min(4, Math.max(0, Math.floor(1.5 + 0.8 * f + rng.normal())))));
    });
    const data = fromRows(rows);
    const alone = correlate(data, { method: 'polychoric', missing: 'pairwise' });
    const jobs: PairFitJob[] = [];
    const elsewhere: PairFitDelegate = (job) => {
      jobs.push(job);
      return () => fitPairRange(structuredClone(job));
    };
    const shared = correlate(data, { method: 'polychoric', missing: 'pairwise', pairFitsElsewhere: elsewhere });
    const failed = correlate(data, { method: 'polychoric', missing: 'pairwise', pairFitsElsewhere: () => () => undefined });
    const bits = (m: Float64Array): string => Buffer.from(m.buffer, m.byteOffset, m.byteLength).toString('hex');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.to - jobs[0]!.from).toBeGreaterThan(5);
    expect(jobs[0]!.to).toBe((p * (p - 1)) / 2);
    for (const other of [shared, failed]) {
      expect(bits(other.matrix.data)).toBe(bits(alone.matrix.data));
      expect(bits(other.pairwiseN!.data)).toBe(bits(alone.pairwiseN!.data));
      expect(other.notices).toEqual(alone.notices);
    }
  });

  it('refuses non-integer codes for polychoric correlations', () => {
    const data = fromRows([[1, 2.5], [2, 3], [3, 1]]);
    expect(thrown(() => correlate(data, { method: 'polychoric', missing: 'pairwise' })).code).toBe('column-type');
  });

  it('names the first non-integer or infinite answer (row-major), weighted-out rows included', () => {
    const data = fromRows([[1, 2], [2, 3], [3, Infinity], [1.5, 1], [2, 2]]);
    const error = thrown(() => correlate(data, { method: 'polychoric', missing: 'pairwise', itemNames: ['a', 'b'] }));
    expect(error.code).toBe('column-type');
    expect(error.location).toMatchObject({ row: 3, column: 'b' });
    const weighted = fromRows([[1, 2], [2.5, 3], [3, 1], [1, 3], [2, 2]]);
    const weights = Float64Array.from([1, 0, 1, 1, 1]);
    expect(thrown(() => correlate(weighted, { method: 'polychoric', missing: 'pairwise', weights, itemNames: ['a', 'b'] })).location).toMatchObject({ row: 2, column: 'a' });
  });

  it('gives the same polychoric matrix whatever the codes start from (negative, 0, or above 255)', () => {
    const base = likertSample(500, 0.5, 6);
    const shifted = (by: number): Matrix => ({ ...base, data: base.data.map((v) => v + by) });
    const reference = correlate(base, { method: 'polychoric', missing: 'pairwise' });
    for (const by of [-3, -1, 300]) {
      const result = correlate(shifted(by), { method: 'polychoric', missing: 'pairwise' });
      expect(Array.from(result.matrix.data)).toEqual(Array.from(reference.matrix.data));
    }
  });

  it('yields one progress step per item pair and can be cancelled', () => {
    const data = likertSample(100, 0.3, 4);
    const progress: Progress[] = [];
    drainSteps(correlationSteps(data, { method: 'polychoric', missing: 'pairwise' }), { onProgress: (p) => progress.push(p) });
    const pairs = progress.filter((p) => p.stage === 'polychoric');
    expect(pairs.map((p) => p.current)).toEqual([1, 2, 3]);
    const controller = new AbortController();
    controller.abort();
    expect(() => correlate(data, { method: 'polychoric', missing: 'pairwise' }, { signal: controller.signal })).toThrow(CancellationError);
  });
});

/**
 * psych's global = FALSE branch, triggered when the items' highest codes differ (here item c never
 * uses category 5). Reference: R 4.2.2, psych 2.2.9 on 400 rows generated in R —
 *   set.seed(5); z1 <- rnorm(400); z2 <- .96*z1 + sqrt(1-.96^2)*rnorm(400); z3 <- .3*z1 + rnorm(400)
 *   a, b = z1, z2 cut at qnorm(1:4/5); c = same cut of z3 capped at 4; a[c(3,7,11)] <- NA; c[c(5,9)] <- NA
 *   psych::polychoric(x)$rho  →  0.9303263846 0.4053978336 0.3596043744
 * (the .93 pair runs through BVND's high-correlation branch; psych's sadmvn has 1e-6 abseps).
 */
describe('correlate(polychoric) with unequal category counts', () => {
  const columns = [
    '25.352.223.21313213255544255214555551113523524122353523143331524221212334343533241534252325145542233154335312515531414335511542511511344414423552233125424252523153522333213113451525245123241442435432432524445245442423544335213121125222552254335124314223211214313523542122125531343321522535234433255345353125234154135521425441143121332411344111411213514523451342545252343351425254355555542222324412412',
    '1513522322511314213255545255223455552113513534223353523143241423331212322343534241433252324144542332155324411525531514335421533511511344324413553232134425252514152522432214112351425154133241442425432443514445245542423543335314131125223552243435124315222211125412423542113215541342321523445234333255455453124334254145521425441143111332411434111421212513513451432545252232251425354354545552232414312413',
    '2243.421.3411314434344441443424442143323414443114344422344222434234412143442441242432124422142411124324233434421413413423323411413331214132244341144324422123414243234213412334411134414222341433241141414333244144441431332344321121224341243123444214411411114243414443441324444321312332412414424441143332331244444444444211144441124341323332234311412123242444443322444442244112434243444444343334333432132',
  ];
  const n = columns[0]!.length;
  const data = new Float64Array(n * 3);
  columns.forEach((col, j) => Array.from(col).forEach((ch, r) => (data[r * 3 + j] = ch === '.' ? NaN : Number(ch))));

  it('matches psych::polychoric (global = FALSE, continuity correction)', () => {
    const result = correlate({ rows: n, cols: 3, data }, { method: 'polychoric', missing: 'pairwise' });
    expect(Math.abs(result.matrix.data[3]! - 0.9303263846)).toBeLessThan(1e-7);
    expect(Math.abs(result.matrix.data[6]! - 0.4053978336)).toBeLessThan(1e-8);
    expect(Math.abs(result.matrix.data[7]! - 0.3596043744)).toBeLessThan(1e-8);
    expect(result.notices.some((x) => x.message.includes('global = FALSE'))).toBe(true);
    expect(result.thresholds![2]![3]).toBe(Infinity);
  });
});
