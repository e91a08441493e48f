/**
 * The chosen segment model, frozen as plain JSON inside the project, and scoring a later survey
 * wave with it (no refitting): latent class models through core/segment/lca/lca-score.ts
 * (checkCodeFrame refuses a wave whose codes or value labels differ); latent profile models on
 * factor scores by re-applying wave 1's item means, SDs and score weights, after the same kind of
 * code-frame check on the items.
 */
import { InputError } from '../errors';
import { findColumn, numericValues, type Dataset } from '../data/dataset';
import { buildLcaData, type LcaData } from '../segment/lca/lca-data';
import type { LcaParams } from '../segment/lca/lca-params';
import { checkCodeFrame, scoreLca } from '../segment/lca/lca-score';
import { lpaDataFromMatrix } from '../segment/lpa/lpa-data';
import { lpaModel, type LpaParams } from '../segment/lpa/lpa-model';
import type { CovarianceModel } from '../segment/lpa/covariance-models';
import { modalClasses } from '../segment/mixture-report';
import type { JsonObject, JsonValue } from '../project/json-reader';
import type { SegmentBasis } from '../project/project';
import { scoreFactors, type FactorScoring } from './factors-step';

const arr = (a: ArrayLike<number> | null): JsonValue => (a === null ? null : Array.from(a as ArrayLike<number>));
const f64 = (v: JsonValue | undefined): Float64Array => Float64Array.from((v ?? []) as number[]);

export function freezeLca(data: LcaData, params: LcaParams): JsonObject {
  return {
    kind: 'lca',
    frame: {
      indicators: data.indicators,
      items: data.items,
      categoryCounts: arr(data.categoryCounts),
      offsets: arr(data.offsets),
      totalCategories: data.totalCategories,
      categoryValues: data.categoryValues,
      categoryLabels: data.categoryLabels,
    },
    params: { indicators: params.indicators, classes: params.classes, theta: arr(params.theta), shares: arr(params.shares), alpha: arr(params.alpha), slope: arr(params.slope) },
  };
}

export function freezeLpa(params: LpaParams, basis: SegmentBasis, scoring: FactorScoring | null, variables: string[]): JsonObject {
  return {
    kind: 'lpa',
    basis,
    variables,
    scoring: scoring === null ? null : { items: scoring.items, mean: scoring.mean, sd: scoring.sd, weights: scoring.weights },
    params: { model: params.model, k: params.k, d: params.d, proportions: arr(params.proportions), means: arr(params.means), covariances: arr(params.covariances) },
  };
}

export type WaveScores = { k: number; assignments: Int32Array; posteriors: Float64Array };

function thawLca(frozen: JsonObject): { data: LcaData; params: LcaParams } {
  const frame = frozen['frame'] as JsonObject;
  const p = frozen['params'] as JsonObject;
  const data: LcaData = {
    kind: 'lca-data',
    indicators: frame['indicators'] === 'ordinal' ? 'ordinal' : 'nominal',
    missing: 'fiml',
    n: 0,
    items: frame['items'] as string[],
    codes: new Uint8Array(0),
    categoryCounts: Int32Array.from(frame['categoryCounts'] as number[]),
    offsets: Int32Array.from(frame['offsets'] as number[]),
    totalCategories: frame['totalCategories'] as number,
    categoryValues: frame['categoryValues'] as number[][],
    categoryLabels: frame['categoryLabels'] as string[][],
    weights: null,
    covariates: [],
    design: null,
    rowIndex: new Int32Array(0),
    sourceRows: 0,
    notices: [],
  };
  const params: LcaParams = {
    kind: 'lca-params',
    indicators: data.indicators,
    classes: p['classes'] as number,
    theta: f64(p['theta']),
    shares: f64(p['shares']),
    beta: null,
    alpha: p['alpha'] === null ? null : f64(p['alpha']),
    slope: p['slope'] === null ? null : f64(p['slope']),
  };
  return { data, params };
}

/** Assigns a later wave's respondents with the frozen model; InputError when its code frame differs. */
export function scoreWave(frozen: JsonObject, wave: Dataset, reference: Dataset): WaveScores {
  if (frozen['kind'] === 'lca') {
    const fitted = thawLca(frozen);
    checkCodeFrame(fitted.data, wave);
    const data = buildLcaData(wave, fitted.data.items, { indicators: fitted.data.indicators, forScoring: true });
    const { posteriors, assignments } = scoreLca(data, fitted);
    return { k: fitted.params.classes, posteriors, assignments: Int32Array.from(assignments, (a) => a ?? -1) };
  }
  if (frozen['kind'] !== 'lpa') throw new InputError('project-invalid', 'The project holds no frozen segment model to score with; run the segmentation and save the project first.');
  const p = frozen['params'] as JsonObject;
  const params: LpaParams = { model: p['model'] as CovarianceModel, k: p['k'] as number, d: p['d'] as number, proportions: f64(p['proportions']), means: f64(p['means']), covariances: f64(p['covariances']) };
  const scoring = frozen['scoring'] as FactorScoring | null;
  const variables = frozen['variables'] as string[];
  let columns: Float64Array[];
  if (scoring !== null) {
    checkItemFrame(scoring.items, wave, reference);
    columns = scoreFactors(wave, scoring);
  } else {
    checkItemFrame(variables, wave, reference);
    columns = variables.map((v) => numericValues(findColumn(wave, v)!, wave.rows));
  }
  const d = params.d;
  const keep: number[] = [];
  for (let i = 0; i < wave.rows; i++) if (columns.every((c) => !Number.isNaN(c[i]!))) keep.push(i);
  const x = new Float64Array(keep.length * d);
  keep.forEach((row, r) => columns.forEach((c, f) => (x[r * d + f] = c[row]!)));
  const data = lpaDataFromMatrix(x, keep.length, d, variables, null);
  const { posteriors } = lpaModel(params.model).posteriors(data, params);
  const modal = modalClasses(posteriors, params.k);
  const assignments = new Int32Array(wave.rows).fill(-1);
  const out = new Float64Array(wave.rows * params.k).fill(NaN);
  keep.forEach((row, r) => {
    assignments[row] = modal[r]!;
    for (let c = 0; c < params.k; c++) out[row * params.k + c] = posteriors[r * params.k + c]!;
  });
  return { k: params.k, assignments, posteriors: out };
}

/** Every item must exist, be numeric, use only known codes and keep the reference's value labels. */
function checkItemFrame(items: readonly string[], wave: Dataset, reference: Dataset): void {
  const file = wave.source.file;
  for (const name of items) {
    const column = findColumn(wave, name);
    const ref = findColumn(reference, name);
    if (column === undefined) throw new InputError('column-unknown', `The model uses item '${name}', which ${file} does not have; add the item or rename the column to the model's name.`, { file, column: name });
    if (column.values === null) throw new InputError('code-mismatch', `Item '${name}' in ${file} holds text, but the model expects numeric codes; recode the new file to the model's code frame.`, { file, column: name });
    if (ref === undefined) continue;
    const refLabels = new Map(ref.valueLabels.map((l) => [l.code, l.label.trim().toLowerCase()]));
    for (const { code, label } of column.valueLabels) {
      const expected = refLabels.get(code);
      if (expected !== undefined && expected !== label.trim().toLowerCase()) {
        throw new InputError('code-mismatch', `Item '${name}': code ${code} is labelled '${label}' in ${file} but '${expected}' in the model's data, so the answer scales differ (reversed or recoded?). Recode the new file so each code means what it meant when the model was fitted.`, { file, column: name });
      }
    }
    if (refLabels.size > 0) {
      const values = numericValues(column, wave.rows);
      for (let i = 0; i < wave.rows; i++) {
        const v = values[i]!;
        if (!Number.isNaN(v) && !refLabels.has(v)) throw new InputError('code-mismatch', `Item '${name}' in ${file} has the code ${v} (row ${i + 1}), which the model's code frame does not have (${[...refLabels.keys()].join(', ')}); recode it or mark it missing.`, { file, row: i + 1, column: name });
      }
    }
  }
}
