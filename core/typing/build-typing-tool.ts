/**
 * buildTypingTool: from a chosen segmentation, the smallest set of questions that assigns new
 * respondents to segments with a target accuracy.
 *
 * 1. Respondents with a segment are split, stratified by segment and seeded, into training
 *    (default 70 %) and holdout (30 %). Items are standardised on the training part; an
 *    unanswered item takes the training mean.
 * 2. Greedy forward selection on the training part: at each step add the candidate item that
 *    maximises k-fold (default 3) cross-validated accuracy of LDA (closed form, so the search is
 *    cheap), up to `maxItems`, which gives the curve.
 * 3. For every set size both MLR (mlr.ts) and LDA (lda.ts) are fitted on the whole training part
 *    and scored on the holdout. The chosen size is the smallest whose CV accuracy reaches the
 *    target (else the best CV accuracy, with a notice); the reported accuracy is the holdout's.
 * Caveat (stated in the notices): segments were estimated on the full sample, so the holdout
 * accuracy is somewhat optimistic unless the segmentation is re-run within each training fold.
 */
import { InputError } from '../errors';
import { findColumn, numericValues, type Dataset } from '../data/dataset';
import { drainSteps, runSteps, type Progress, type RunOptions } from '../jobs/run-steps';
import { notice, type Notice } from '../notices';
import { createRng, deriveSeed } from '../random/rng';
import { stratifiedFolds, stratifiedSplit } from './holdout';
import { fitLda } from './lda';
import { confusionMatrix } from './metrics';
import { fitMultinomialLogit, linearPosteriors, type LinearScorer } from './mlr';
import { TYPING_SCHEMA_VERSION, type CurvePoint, type TypingItem, type TypingMethod, type TypingTool } from './typing-types';

export type TypingParams = {
  candidates: readonly string[];
  targetAccuracy: number;
  maxItems: number;
  method: TypingMethod;
  seed: number;
  holdoutShare: number;
  folds: number;
  ridge: number;
};

export const TYPING_DEFAULTS = { targetAccuracy: 0.85, maxItems: 10, method: 'mlr', holdoutShare: 0.3, folds: 3, ridge: 1e-4 } as const;

export type TypingInput = { dataset: Dataset; segments: Int32Array; k: number; segmentNames: readonly string[] };

type Prepared = { z: Float64Array[]; scale: { mean: number; sd: number }[]; rows: Int32Array; items: TypingItem[] };

export function* typingToolSteps(input: TypingInput, params: TypingParams): Generator<Progress, TypingTool, void> {
  const { k } = input;
  const rng = createRng(deriveSeed(params.seed, 1));
  const assigned: number[] = [];
  for (let i = 0; i < input.segments.length; i++) if (input.segments[i]! >= 0) assigned.push(i);
  const yAll = Int32Array.from(assigned, (i) => input.segments[i]!);
  if (assigned.length < 10 * k) throw new InputError('data-insufficient', `The typing tool needs at least ${10 * k} respondents with a segment (10 per segment); there are ${assigned.length}.`);
  const split = stratifiedSplit(yAll, k, params.holdoutShare, rng);
  const prepared = prepare(input.dataset, params.candidates, Int32Array.from(assigned), split.train);
  const yTrain = Int32Array.from(split.train, (i) => yAll[i]!);
  const yTest = Int32Array.from(split.test, (i) => yAll[i]!);
  const folds = stratifiedFolds(yTrain, k, params.folds, createRng(deriveSeed(params.seed, 2)));
  const maxItems = Math.min(params.maxItems, prepared.items.length);
  const selected: number[] = [];
  const curve: CurvePoint[] = [];
  const total = maxItems * 2;
  for (let step = 0; step < maxItems; step++) {
    let best = -1;
    let bestAcc = -1;
    for (let c = 0; c < prepared.items.length; c++) {
      if (selected.includes(c)) continue;
      const acc = cvAccuracy(prepared.z, [...selected, c], split.train, yTrain, folds, params.folds, k);
      if (acc > bestAcc + 1e-12) [best, bestAcc] = [c, acc];
    }
    selected.push(best);
    yield { stage: 'typing: item selection', current: step + 1, total };
    const mlr = fitScorer('mlr', prepared.z, selected, split.train, yTrain, k, params.ridge);
    const lda = fitScorer('lda', prepared.z, selected, split.train, yTrain, k, params.ridge);
    const chosenScorer = params.method === 'lda' ? lda : mlr;
    const assigned = Int32Array.from(split.test, (i) => argmax(linearPosteriors(chosenScorer, selected.map((j) => prepared.z[j]![i]!))));
    curve.push({
      size: selected.length,
      items: selected.map((j) => prepared.items[j]!.name),
      cvAccuracy: bestAcc,
      holdout: { mlr: accuracyOf(mlr, prepared.z, selected, split.test, yTest), lda: accuracyOf(lda, prepared.z, selected, split.test, yTest) },
      confusion: confusionMatrix(yTest, assigned, k).counts,
    });
    yield { stage: 'typing: holdout curve', current: maxItems + step + 1, total };
  }
  const notices: Notice[] = [
    notice('info', 'info', 'Segments were estimated on the full sample, so the holdout accuracy of the typing tool is somewhat optimistic.'),
  ];
  let chosen = curve.find((pt) => pt.cvAccuracy >= params.targetAccuracy);
  const reachedTarget = chosen !== undefined;
  if (chosen === undefined) {
    chosen = curve.reduce((a, b) => (b.cvAccuracy > a.cvAccuracy + 1e-12 ? b : a), curve[0]!);
    notices.push(notice('info', 'warning', `No set of up to ${maxItems} items reached the target accuracy of ${(100 * params.targetAccuracy).toFixed(0)}%; the tool uses the ${chosen.size} items with the best cross-validated accuracy (${(100 * chosen.cvAccuracy).toFixed(1)}%).`));
  }
  const itemIdx = selected.slice(0, chosen.size);
  const scorer = fitScorer(params.method, prepared.z, itemIdx, split.train, yTrain, k, params.ridge);
  const predicted = Int32Array.from(split.test, (i) => argmax(linearPosteriors(scorer, itemIdx.map((j) => prepared.z[j]![i]!))));
  const holdout = { ...confusionMatrix(yTest, predicted, k), n: split.test.length };
  const items = itemIdx.map((j) => prepared.items[j]!);
  const { intercepts, weights } = toRawScale(scorer, itemIdx.map((j) => prepared.scale[j]!));
  return {
    kind: 'typing-tool',
    schemaVersion: TYPING_SCHEMA_VERSION,
    method: params.method,
    seed: params.seed,
    targetAccuracy: params.targetAccuracy,
    reachedTarget,
    segments: input.segmentNames.map((name, index) => ({ index, name })),
    items,
    intercepts,
    weights,
    holdout,
    trainN: split.train.length,
    curve,
    holdoutRows: Array.from(split.test, (i) => prepared.rows[i]!),
    notices,
  };
}

export function buildTypingTool(input: TypingInput, params: TypingParams, run: RunOptions = {}): Promise<TypingTool> {
  return runSteps(typingToolSteps(input, params), run);
}

export function buildTypingToolSync(input: TypingInput, params: TypingParams): TypingTool {
  return drainSteps(typingToolSteps(input, params));
}

function prepare(dataset: Dataset, candidates: readonly string[], rows: Int32Array, train: Int32Array): Prepared {
  if (candidates.length === 0) throw new InputError('option-invalid', 'Choose at least one candidate question for the typing tool.');
  const z: Float64Array[] = [];
  const scale: { mean: number; sd: number }[] = [];
  const items: TypingItem[] = [];
  for (const name of candidates) {
    const column = findColumn(dataset, name);
    if (column === undefined) throw new InputError('column-unknown', `Typing-tool question '${name}' is not in '${dataset.source.file}'.`, { column: name });
    if (column.values === null) throw new InputError('column-type', `Typing-tool question '${name}' holds text; the typing tool needs numeric answer codes. Recode it first.`, { column: name });
    const all = numericValues(column, dataset.rows);
    const values = Float64Array.from(rows, (r) => all[r]!);
    let sum = 0;
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const i of train) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const mean = count > 0 ? sum / count : 0;
    let ss = 0;
    for (const i of train) if (!Number.isNaN(values[i]!)) ss += (values[i]! - mean) ** 2;
    const sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
    const filled = Float64Array.from(values, (v) => (Number.isNaN(v) ? mean : v));
    scale.push({ mean, sd });
    z.push(Float64Array.from(filled, (v) => (sd > 0 ? (v - mean) / sd : 0)));
    const labelled = column.valueLabels.filter((l) => l.code >= min && l.code <= max);
    const options = labelled.length >= 2 ? labelled.map((l) => ({ code: l.code, label: l.label })) : Number.isInteger(min) && Number.isInteger(max) && max - min <= 10 ? Array.from({ length: max - min + 1 }, (_, t) => ({ code: min + t, label: String(min + t) })) : [];
    items.push({ name, label: column.label || name, impute: mean, options, min, max });
  }
  return { z, scale, rows, items };
}

function design(z: Float64Array[], cols: readonly number[], positions: ArrayLike<number>): Float64Array {
  const p = cols.length;
  const x = new Float64Array(positions.length * p);
  for (let r = 0; r < positions.length; r++) for (let j = 0; j < p; j++) x[r * p + j] = z[cols[j]!]![positions[r]!]!;
  return x;
}

function fitScorer(method: TypingMethod, z: Float64Array[], cols: readonly number[], positions: Int32Array, y: Int32Array, k: number, ridge: number): LinearScorer {
  const x = design(z, cols, positions);
  return method === 'lda' ? fitLda(x, positions.length, cols.length, y, k) : fitMultinomialLogit(x, positions.length, cols.length, y, k, { ridge });
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function accuracyOf(scorer: LinearScorer, z: Float64Array[], cols: readonly number[], positions: Int32Array, y: Int32Array): number {
  let correct = 0;
  for (let r = 0; r < positions.length; r++) if (argmax(linearPosteriors(scorer, cols.map((j) => z[j]![positions[r]!]!))) === y[r]) correct++;
  return positions.length > 0 ? correct / positions.length : NaN;
}

function cvAccuracy(z: Float64Array[], cols: readonly number[], train: Int32Array, yTrain: Int32Array, folds: Int32Array, nFolds: number, k: number): number {
  let correct = 0;
  for (let f = 0; f < nFolds; f++) {
    const fitPos: number[] = [];
    const testPos: number[] = [];
    for (let r = 0; r < train.length; r++) (folds[r] === f ? testPos : fitPos).push(r);
    const scorer = fitLda(design(z, cols, fitPos.map((r) => train[r]!)), fitPos.length, cols.length, Int32Array.from(fitPos, (r) => yTrain[r]!), k);
    for (const r of testPos) if (argmax(linearPosteriors(scorer, cols.map((j) => z[j]![train[r]!]!))) === yTrain[r]) correct++;
  }
  return correct / train.length;
}

/** Folds the standardisation into the weights: w_raw = w / sd, c_raw = c − Σ w · mean / sd. */
function toRawScale(scorer: LinearScorer, stats: readonly { mean: number; sd: number }[]): { intercepts: number[]; weights: number[][] } {
  const weights = scorer.weights.map((w) => w.map((v, j) => (stats[j]!.sd > 0 ? v / stats[j]!.sd : 0)));
  const intercepts = scorer.intercepts.map((c, k) => c - weights[k]!.reduce((a, w, j) => a + w * stats[j]!.mean, 0));
  return { intercepts, weights };
}
