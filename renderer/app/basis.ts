/**
 * What a segmentation is fitted to, and what the profiles index: factor scores from the Factors
 * step, the battery items themselves, or variables the user picked. Latent class models take the
 * items as categories (the dataset); latent profile and k-means take a numeric matrix.
 */
import { findColumn, numericValues, type Dataset } from '../../core/data/dataset';
import type { SegmentChoices } from '../state/app-reducer';
import type { EfaView } from '../workers/efa-job';
import type { SegmentMatrix } from '../workers/segment-job';
import type { IndexKind } from '../../core/profile/profile-types';
import { InputError } from '../../core/errors';

export type SegmentBasis = { matrix: SegmentMatrix | null; dataset: Dataset | null; items: string[] };

export function basisVariables(choices: SegmentChoices, battery: readonly string[]): string[] {
  return choices.basis === 'items' ? [...battery] : [...choices.variables];
}

function matrixOf(dataset: Dataset, names: readonly string[]): SegmentMatrix {
  const n = dataset.rows;
  const d = names.length;
  const values = new Float64Array(n * d);
  names.forEach((name, j) => {
    const column = findColumn(dataset, name);
    const v = column === undefined ? new Float64Array(n).fill(NaN) : numericValues(column, n);
    for (let i = 0; i < n; i++) values[i * d + j] = v[i]!;
  });
  return { n, d, values, variables: [...names], weights: weightsOf(dataset) };
}

/** Raw case weights from the dataset's weight column (as set in the codebook), or null. */
function weightsOf(dataset: Dataset): Float64Array | null {
  const column = dataset.weight === null ? undefined : findColumn(dataset, dataset.weight);
  return column === undefined ? null : numericValues(column, dataset.rows);
}

export function segmentBasis(dataset: Dataset, choices: SegmentChoices, battery: readonly string[], efa: EfaView | null, factorNames: readonly string[]): SegmentBasis {
  if (choices.basis === 'factor-scores') {
    if (efa === null) throw new InputError('option-invalid', 'Run the factor analysis first: the segmentation basis is the factor scores.');
    if (choices.model === 'lca') throw new InputError('option-invalid', 'Latent class analysis needs categorical items; choose the items as the basis, or a latent profile model for factor scores.');
    const variables = Array.from({ length: efa.nFactors }, (_, f) => factorNames[f] ?? `Factor ${f + 1}`);
    return { matrix: { n: dataset.rows, d: efa.nFactors, values: efa.scores, variables, weights: weightsOf(dataset) }, dataset: null, items: variables };
  }
  const names = basisVariables(choices, battery);
  if (names.length === 0) throw new InputError('option-invalid', 'Choose at least one variable to segment on.');
  if (choices.model === 'lca') return { matrix: null, dataset, items: names };
  return { matrix: matrixOf(dataset, names), dataset: null, items: names };
}

type AttitudeColumn = { name: string; label: string; values: Float64Array; indexKind: IndexKind };

/**
 * What the profiles index, as in core/pipeline: the battery items (on their answer scale) as the
 * attitudes, and the factor scores beside them when the segments were fitted to factor scores.
 * Without a battery the basis itself is the attitude set.
 */
export function profileInputs(dataset: Dataset, choices: SegmentChoices, battery: readonly string[], efa: EfaView | null, factorNames: readonly string[]): { attitudes: AttitudeColumn[]; factors: AttitudeColumn[] } {
  const byFactor = choices.basis === 'factor-scores' && efa !== null;
  const factors = byFactor ? attitudeInputs(dataset, choices, battery, efa, factorNames) : [];
  if (!byFactor || battery.length === 0) return { attitudes: attitudeInputs(dataset, choices, battery, efa, factorNames), factors };
  const attitudes = battery.map((name) => {
    const column = findColumn(dataset, name);
    return { name, label: column?.label || name, values: column === undefined ? new Float64Array(dataset.rows).fill(NaN) : numericValues(column, dataset.rows), indexKind: 'ratio' as const };
  });
  return { attitudes, factors };
}

/** The basis as attitude columns, with labels (factor scores: standardised index; items: ratio). */
export function attitudeInputs(dataset: Dataset, choices: SegmentChoices, battery: readonly string[], efa: EfaView | null, factorNames: readonly string[]): { name: string; label: string; values: Float64Array; indexKind: IndexKind }[] {
  if (choices.basis === 'factor-scores' && efa !== null) {
    return Array.from({ length: efa.nFactors }, (_, f) => {
      const values = new Float64Array(dataset.rows);
      for (let i = 0; i < dataset.rows; i++) values[i] = efa.scores[i * efa.nFactors + f]!;
      const name = factorNames[f] ?? `Factor ${f + 1}`;
      return { name, label: name, values, indexKind: 'standardised' as const };
    });
  }
  const names = choices.basis === 'factor-scores' ? [...battery] : basisVariables(choices, battery);
  return names.map((name) => {
    const column = findColumn(dataset, name);
    return { name, label: column?.label ?? name, values: column === undefined ? new Float64Array(dataset.rows).fill(NaN) : numericValues(column, dataset.rows), indexKind: 'ratio' as const };
  });
}
