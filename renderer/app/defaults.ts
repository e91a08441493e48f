/**
 * First guesses for a freshly opened survey, all visible and editable on the Data screen: the
 * battery is core/data/quality's detectBattery (the largest group of ordinal items sharing one
 * answer scale); the profile variables are the other labelled or numeric columns (demographics,
 * behaviours) except the id, the weight, the interview duration and free text.
 */
import type { Dataset } from '../../core/data/dataset';
import { detectBattery, detectDurationColumn } from '../../core/data/quality';
import { defaultDoc, type Doc } from '../state/app-reducer';

export function guessProfileVariables(dataset: Dataset, battery: readonly string[]): string[] {
  const duration = detectDurationColumn(dataset);
  return dataset.columns
    .filter((c) => !battery.includes(c.name) && c.name !== dataset.weight && c.name !== dataset.id && c.name !== duration)
    .filter((c) => c.measurement !== 'id' && c.measurement !== 'text')
    .map((c) => c.name);
}

export function defaultDocFor(dataset: Dataset): Doc {
  const doc = defaultDoc();
  const batteryItems = detectBattery(dataset);
  return {
    ...doc,
    codebook: { columns: [], batteryItems, weight: dataset.weight, id: dataset.id },
    profileVariables: guessProfileVariables(dataset, batteryItems),
  };
}
