/**
 * Seeded stratified splits: a holdout split (e.g. 30 % of each segment) and k-fold assignment
 * within segments, so every part keeps the segment shares. Same seed, same split.
 */
import { permutation, type Rng } from '../random/rng';

/** Positions 0..n−1 split into train and test, `testShare` of each class in test. */
export function stratifiedSplit(y: Int32Array, k: number, testShare: number, rng: Rng): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < k; c++) {
    const members: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === c) members.push(i);
    const order = permutation(members.length, rng);
    const nTest = Math.round(members.length * testShare);
    order.forEach((o, r) => (r < nTest ? test : train).push(members[o]!));
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** Fold 0..folds−1 for each position, dealt round-robin within each class after a shuffle. */
export function stratifiedFolds(y: Int32Array, k: number, folds: number, rng: Rng): Int32Array {
  const fold = new Int32Array(y.length);
  for (let c = 0; c < k; c++) {
    const members: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === c) members.push(i);
    const order = permutation(members.length, rng);
    order.forEach((o, r) => (fold[members[o]!] = r % folds));
  }
  return fold;
}
