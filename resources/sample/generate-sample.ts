/**
 * Seeded generator of the bundled sample survey (resources/sample/survey.csv and survey.sav).
 * Model, per respondent: a latent segment s (multinomial with the design shares); six attitudes
 * η = μ_s + WITHIN_SD·(√(1−ρ)·z + √ρ·z_common) with z, z_common ~ N(0, 1); each Likert item
 * y* = λ·(±η_attitude) + offset + ITEM_NOISE_SD·ε (minus sign for reverse-worded items), cut at
 * THRESHOLDS into answers 1..5. Demographics, spend and frequency are drawn from segment-specific
 * distributions. Then data-quality problems are planted: straight-liners, speeders, scattered
 * and heavy item non-response, and two duplicate ids. The survey weight is raked to age-group
 * and gender margins and scaled to mean 1. Every draw comes from one Rng, so a seed fixes the
 * files byte for byte (checked by tests/sample/sample-survey.test.ts).
 */
import { EMPTY_MISSING, type Column, type Dataset, type Measurement, type ValueLabel } from '../../core/data/dataset';
import { createRng, permutation, type Rng } from '../../core/random/rng';
import { writeSav } from '../../core/data/sav/write-sav';
import * as D from './sample-design';

export type SampleTruth = {
  seed: number;
  rows: number;
  attitudes: readonly string[];
  segments: { code: number; name: string; designShare: number; observedShare: number; attitudeMeans: number[] }[];
  items: { name: string; statement: string; attitude: string; reversed: boolean; loading: number }[];
  thresholds: number[];
  /** Per row (file order): resp_id, true segment code, true attitudes (rounded to 3 decimals). */
  respondents: { respId: number[]; segment: number[]; attitudes: number[][] };
  /** 1-based row numbers of the planted problems. */
  straightLiners: number[];
  speeders: number[];
  heavyMissing: number[];
  duplicates: { row: number; sameIdAsRow: number; kind: 'exact-copy' | 'id-clash' }[];
};

type Respondent = {
  segment: number; attitudes: number[]; items: number[]; gender: number; age: number; region: number;
  income: number; education: number; spend: number; frequency: number; duration: number;
};

/** The creation date stamped into survey.sav (fixed so the file is reproducible). */
export const SAMPLE_CREATED = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));

export function generateSampleSurvey(seed: number = D.SAMPLE_SEED): Dataset {
  return generateSample(seed).dataset;
}

export function generateSample(seed: number = D.SAMPLE_SEED): { dataset: Dataset; truth: SampleTruth } {
  const rng = createRng(seed);
  const n = D.SAMPLE_SIZE;
  const people: Respondent[] = Array.from({ length: n }, () => drawRespondent(rng));
  const order = permutation(n, rng);
  const pick = (from: number, count: number): number[] => Array.from(order.subarray(from, from + count)).sort((a, b) => a - b);
  const straight = pick(0, D.STRAIGHT_LINERS);
  const speeders = pick(D.STRAIGHT_LINERS, D.SPEEDERS);
  const heavy = pick(D.STRAIGHT_LINERS + D.SPEEDERS, D.HEAVY_MISSING);
  const [copyRow, clashRow] = pick(D.STRAIGHT_LINERS + D.SPEEDERS + D.HEAVY_MISSING, 2) as [number, number];

  for (const i of straight) plantStraightLiner(people[i]!, rng);
  for (const i of speeders) plantSpeeder(people[i]!, rng);
  for (const p of people) for (let k = 0; k < 24; k++) if (rng.uniform() < D.ITEM_MISSING_RATE) p.items[k] = NaN;
  for (const i of heavy) {
    const p = people[i]!;
    const drop = permutation(24, rng).subarray(0, 10 + rng.int(7));
    for (const k of drop) p.items[k] = NaN;
  }
  const ids: number[] = [];
  let id = 100000;
  for (let i = 0; i < n; i++) {
    id += 1 + (rng.uniform() < 0.1 ? 1 + rng.int(3) : 0);
    ids.push(id);
  }
  // A double submission (the whole record repeated) and an id typed twice for different people.
  const copyOf = copyRow - 1;
  people[copyRow] = structuredClone(people[copyOf]!);
  ids[copyRow] = ids[copyOf]!;
  const clashWith = rng.int(clashRow);
  ids[clashRow] = ids[clashWith]!;

  const weights = rakeWeights(people);
  const dataset = buildDataset(people, ids, weights);
  const truth: SampleTruth = {
    seed, rows: n, attitudes: D.ATTITUDES,
    segments: D.SEGMENTS.map((s) => ({ code: s.code, name: s.name, designShare: s.share, observedShare: round(people.filter((p) => p.segment === s.code).length / n, 4), attitudeMeans: s.means })),
    items: D.ITEMS.map((it) => ({ name: it.name, statement: it.statement, attitude: it.attitude, reversed: it.reversed, loading: it.loading })),
    thresholds: D.THRESHOLDS,
    respondents: { respId: ids, segment: people.map((p) => p.segment), attitudes: people.map((p) => p.attitudes.map((a) => round(a, 3))) },
    straightLiners: straight.map((i) => i + 1),
    speeders: speeders.map((i) => i + 1),
    heavyMissing: heavy.map((i) => i + 1),
    duplicates: [{ row: copyRow + 1, sameIdAsRow: copyOf + 1, kind: 'exact-copy' }, { row: clashRow + 1, sameIdAsRow: clashWith + 1, kind: 'id-clash' }],
  };
  return { dataset, truth };
}

function categorical(rng: Rng, probabilities: number[]): number {
  const total = probabilities.reduce((a, b) => a + b, 0);
  let u = rng.uniform() * total;
  for (let k = 0; k < probabilities.length; k++) {
    u -= probabilities[k]!;
    if (u < 0) return k + 1;
  }
  return probabilities.length;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function drawRespondent(rng: Rng): Respondent {
  const segment = categorical(rng, D.SEGMENTS.map((s) => s.share));
  const design = D.SEGMENTS[segment - 1]!;
  const common = rng.normal();
  const rho = D.WITHIN_CORRELATION;
  const attitudes = design.means.map((mu) => mu + D.WITHIN_SD * (Math.sqrt(1 - rho) * rng.normal() + Math.sqrt(rho) * common));
  const items = D.ITEMS.map((item) => {
    const eta = attitudes[D.ATTITUDES.indexOf(item.attitude)]!;
    const latent = item.loading * (item.reversed ? -eta : eta) + item.offset + D.ITEM_NOISE_SD * rng.normal();
    return 1 + D.THRESHOLDS.filter((t) => latent > t).length;
  });
  const g = rng.uniform();
  const gender = g < 0.01 ? 3 : g < 0.01 + 0.99 * design.female ? 1 : 2;
  const age = Math.min(79, Math.max(18, Math.round(design.ageMean + design.ageSd * rng.normal())));
  const income = rng.uniform() < 0.06 ? 9 : categorical(rng, design.income);
  return {
    segment, attitudes, items, gender, age,
    region: categorical(rng, design.region),
    income,
    education: categorical(rng, design.education),
    spend: round(design.spendMedian * Math.exp(design.spendSigma * rng.normal()), 2),
    frequency: categorical(rng, design.frequency),
    duration: Math.round(D.MEDIAN_DURATION * Math.exp(0.3 * rng.normal())),
  };
}

function plantStraightLiner(p: Respondent, rng: Rng): void {
  const answer = categorical(rng, [0.05, 0.1, 0.4, 0.25, 0.2]);
  p.items = p.items.map(() => answer);
  p.duration = Math.round(p.duration * 0.75);
}

function plantSpeeder(p: Respondent, rng: Rng): void {
  p.duration = Math.round(D.MEDIAN_DURATION * (0.15 + 0.18 * rng.uniform()));
  p.items = p.items.map((a) => (rng.uniform() < 0.5 ? 1 + rng.int(5) : a));
}

function ageGroup(age: number): number {
  return age < 30 ? 1 : age < 45 ? 2 : age < 60 ? 3 : 4;
}

/** Iterative proportional fitting to the age-group and gender margins, then mean 1, 4 decimals. */
function rakeWeights(people: Respondent[]): number[] {
  const n = people.length;
  const w = new Array<number>(n).fill(1);
  const margins: [(p: Respondent) => number, number[]][] = [[(p) => ageGroup(p.age), D.POPULATION_AGE], [(p) => p.gender, D.POPULATION_GENDER]];
  for (let iteration = 0; iteration < 20; iteration++) {
    for (const [cell, target] of margins) {
      const totals = target.map(() => 0);
      people.forEach((p, i) => (totals[cell(p) - 1]! += w[i]!));
      people.forEach((p, i) => {
        const c = cell(p) - 1;
        if (totals[c]! > 0) w[i] = (w[i]! * target[c]! * n) / totals[c]!;
      });
    }
  }
  const mean = w.reduce((a, b) => a + b, 0) / n;
  return w.map((x) => round(x / mean, 4));
}

function labels(names: readonly string[], codes?: number[]): ValueLabel[] {
  return names.map((label, k) => ({ code: codes?.[k] ?? k + 1, label }));
}

function column(name: string, label: string, measurement: Measurement, values: number[], valueLabels: ValueLabel[], format: string, missingCodes: number[] = []): Column {
  return { name, label, measurement, valueLabels, missing: { ...EMPTY_MISSING, codes: missingCodes }, values: Float64Array.from(values), text: null, reversed: false, format };
}

function buildDataset(people: Respondent[], ids: number[], weights: number[]): Dataset {
  const likert = labels(D.LIKERT_LABELS);
  const columns: Column[] = [
    column('resp_id', 'Respondent ID', 'id', ids, [], 'F6.0'),
    ...D.ITEMS.map((item, k) => column(item.name, item.statement, 'ordinal', people.map((p) => p.items[k]!), likert, 'F1.0')),
    column('gender', 'Gender', 'nominal', people.map((p) => p.gender), labels(D.GENDER_LABELS), 'F1.0'),
    column('age', 'Age in years', 'continuous', people.map((p) => p.age), [], 'F3.0'),
    column('age_group', 'Age group', 'ordinal', people.map((p) => ageGroup(p.age)), labels(D.AGE_GROUP_LABELS), 'F1.0'),
    column('region', 'Region', 'nominal', people.map((p) => p.region), labels(D.REGION_LABELS), 'F1.0'),
    column('income', 'Monthly net household income', 'ordinal', people.map((p) => p.income), [...labels(D.INCOME_LABELS), { code: 9, label: 'Prefer not to say' }], 'F1.0', [9]),
    column('education', 'Highest education', 'ordinal', people.map((p) => p.education), labels(D.EDUCATION_LABELS), 'F1.0'),
    column('monthly_spend', 'Average monthly spend on groceries and household products (EUR)', 'continuous', people.map((p) => p.spend), [], 'F8.2'),
    column('purchase_freq', 'How often do you buy from online shops?', 'ordinal', people.map((p) => p.frequency), labels(D.FREQUENCY_LABELS), 'F1.0'),
    column('duration', 'Interview duration (seconds)', 'continuous', people.map((p) => p.duration), [], 'F5.0'),
    column('weight', 'Survey weight (raked to age group and gender)', 'continuous', weights, [], 'F8.4'),
  ];
  return {
    source: { file: 'survey.sav', format: 'sav', encoding: 'utf-8', delimiter: null, sheet: null },
    rows: people.length, columns, weight: 'weight', id: 'resp_id', notices: [],
  };
}

/** survey.csv: Likert items as their answer text, every other column as its numeric code. */
export function sampleSurveyCsv(dataset: Dataset): string {
  const likertItem = new Set(D.ITEMS.map((it) => it.name));
  const lines = [dataset.columns.map((c) => c.name).join(',')];
  for (let i = 0; i < dataset.rows; i++) {
    lines.push(dataset.columns.map((c) => {
      const v = c.values![i]!;
      if (Number.isNaN(v)) return '';
      return likertItem.has(c.name) ? D.LIKERT_LABELS[v - 1]! : String(v);
    }).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function sampleSurveySav(dataset: Dataset): Uint8Array {
  return writeSav(dataset, { compression: 'bytecode', createdAt: SAMPLE_CREATED });
}
