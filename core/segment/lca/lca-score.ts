/**
 * Scoring a later wave with a frozen latent class model: posterior class probabilities
 *   τ_ik = π_ik Π_{j observed} θ_{j k y_ij} / Σ_l π_il Π_j θ_{j l y_ij}
 * with the fitted parameters, no refitting. Missing answers drop out (as in the fit), so anyone
 * with at least one answered item is scored; rows with none get null.
 *
 * The new file must use the model's code frame: checkCodeFrame refuses (InputError
 * 'code-mismatch') when an item has a code the model never saw, or when a code's value label
 * differs from the model's (e.g. a scale that was reversed between waves). A code the model knows
 * but nobody in the new wave chose is fine.
 */
import { InputError } from '../../errors';
import { findColumn, isMissingValue, numericValues, type Dataset } from '../../data/dataset';
import type { LcaData } from './lca-data';
import { analysisLabels, MISSING_CODE } from './lca-data';
import type { LcaParams } from './lca-params';
import { lcaPosteriors } from './lca-model';

const normaliseLabel = (label: string): string => label.trim().toLowerCase();

/** Throws InputError('code-mismatch' | 'column-unknown') unless newDataset fits the model's code frame. */
export function checkCodeFrame(fittedData: LcaData, newDataset: Dataset): void {
  const file = newDataset.source.file;
  for (const name of fittedData.covariates) {
    if (findColumn(newDataset, name) === undefined) {
      throw new InputError('column-unknown', `The model uses covariate '${name}', which ${file} does not have; add the column to the new file (same coding as in the model).`, { file, column: name });
    }
  }
  fittedData.items.forEach((name, j) => {
    const column = findColumn(newDataset, name);
    if (column === undefined) {
      throw new InputError('column-unknown', `The model uses item '${name}', which ${file} does not have; add the item or rename the column to the model's name.`, { file, column: name });
    }
    const known = fittedData.categoryValues[j]!;
    const values = numericValues(column, newDataset.rows);
    if (column.values === null && Array.from({ length: newDataset.rows }, (_, i) => isMissingValue(column, i)).some((m) => !m)) {
      throw new InputError('code-mismatch', `Item '${name}' in ${file} holds text, but the model expects the numeric codes ${known.join(', ')}; recode the new file to the model's code frame.`, { file, column: name });
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v) || known.includes(v)) continue;
      throw new InputError('code-mismatch', `Item '${name}' in ${file} has the code ${v} (row ${i + 1}), which the model never saw: its codes are ${known.join(', ')}. Recode the new file to the model's code frame (or mark the code as missing), or refit the model on data that include this category.`, { file, row: i + 1, column: name });
    }
    for (const [code, label] of analysisLabels(column, values)) {
      const c = known.indexOf(code);
      if (c < 0) continue;
      const fittedLabel = fittedData.categoryLabels[j]![c]!;
      if (fittedLabel === String(code) || normaliseLabel(fittedLabel) === normaliseLabel(label)) continue;
      throw new InputError('code-mismatch', `Item '${name}': code ${code} is labelled '${label}' in ${file} but '${fittedLabel}' in the model, so the answer scales differ (reversed or recoded?). Recode the new file so each code means what it meant when the model was fitted.`, { file, column: name });
    }
  });
}

function remapCodes(newData: LcaData, fitted: LcaData): Uint8Array {
  const J = fitted.items.length;
  const codes = new Uint8Array(newData.n * J).fill(MISSING_CODE);
  fitted.items.forEach((name, j) => {
    const src = newData.items.indexOf(name);
    if (src < 0) throw new InputError('column-unknown', `The data to score lack the model's item '${name}'.`, { column: name });
    const map = newData.categoryValues[src]!.map((v) => {
      const code = fitted.categoryValues[j]!.indexOf(v);
      if (code < 0) throw new InputError('code-mismatch', `Item '${name}' has the code ${v}, which the model never saw (its codes are ${fitted.categoryValues[j]!.join(', ')}); recode the new file to the model's code frame.`, { column: name });
      return code;
    });
    const Jn = newData.items.length;
    for (let i = 0; i < newData.n; i++) {
      const c = newData.codes[i * Jn + src]!;
      if (c !== MISSING_CODE) codes[i * J + j] = map[c]!;
    }
  });
  return codes;
}

/**
 * Posteriors (sourceRows × K row-major, NaN rows for respondents that cannot be scored) and modal
 * classes (first maximum; null when unscored) of the new file's respondents under the fitted model.
 */
export function scoreLca(data: LcaData, fitted: { data: LcaData; params: LcaParams }): { posteriors: Float64Array; assignments: (number | null)[] } {
  const model = fitted.data;
  if (model.covariates.join('\u0000') !== data.covariates.join('\u0000')) {
    throw new InputError('option-invalid', `The data to score have covariates [${data.covariates.join(', ')}] but the model was fitted with [${model.covariates.join(', ')}]; build the scoring data with the model's covariates.`);
  }
  const remapped: LcaData = {
    ...model, n: data.n, codes: remapCodes(data, model), weights: null, design: data.design,
    rowIndex: data.rowIndex, sourceRows: data.sourceRows, notices: [],
  };
  const K = fitted.params.classes;
  const { posteriors } = lcaPosteriors(remapped, fitted.params);
  const out = new Float64Array(data.sourceRows * K).fill(NaN);
  const assignments: (number | null)[] = new Array<number | null>(data.sourceRows).fill(null);
  for (let r = 0; r < data.n; r++) {
    const row = data.rowIndex[r]!;
    let best = 0;
    for (let k = 0; k < K; k++) {
      out[row * K + k] = posteriors[r * K + k]!;
      if (posteriors[r * K + k]! > posteriors[r * K + best]!) best = k;
    }
    assignments[row] = best;
  }
  return { posteriors: out, assignments };
}
