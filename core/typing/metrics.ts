/**
 * Classification metrics on a holdout: confusion matrix (rows = true, columns = assigned),
 * accuracy, Cohen's κ = (p_o − p_e) / (1 − p_e), per-segment recall and precision.
 */
import type { ConfusionMatrix } from './typing-types';

export function confusionMatrix(truth: ArrayLike<number>, assigned: ArrayLike<number>, k: number): ConfusionMatrix {
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < truth.length; i++) counts[truth[i]!]![assigned[i]!]! += 1;
  const n = truth.length;
  let correct = 0;
  let expected = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  for (let c = 0; c < k; c++) {
    correct += counts[c]![c]!;
    const rowSum = counts[c]!.reduce((a, b) => a + b, 0);
    const colSum = counts.reduce((a, row) => a + row[c]!, 0);
    expected += (rowSum * colSum) / Math.max(n * n, 1);
    recall.push(rowSum > 0 ? counts[c]![c]! / rowSum : NaN);
    precision.push(colSum > 0 ? counts[c]![c]! / colSum : NaN);
  }
  const accuracy = n > 0 ? correct / n : NaN;
  const kappa = expected < 1 ? (accuracy - expected) / (1 - expected) : NaN;
  return { counts, accuracy, kappa, recall, precision };
}
