/**
 * The typing tool in the worker (core/typing buildTypingTool): greedy forward selection of the
 * battery items to the smallest set reaching the target holdout accuracy, multinomial logistic
 * regression and LDA per set size, the accuracy curve and the holdout confusion matrix.
 */
import type { Dataset } from '../../core/data/dataset';
import type { RunOptions } from '../../core/jobs/run-steps';
import { buildTypingTool, TYPING_DEFAULTS } from '../../core/typing/build-typing-tool';
import type { TypingMethod, TypingTool } from '../../core/typing/typing-types';

export type TypingSpec = {
  kind: 'typing';
  dataset: Dataset;
  /** Segment 0..k−1 per dataset row, −1 unassigned. */
  segments: Int32Array;
  k: number;
  segmentNames: string[];
  candidates: string[];
  targetAccuracy: number;
  maxItems: number;
  method: TypingMethod;
  seed: number;
};

export function runTypingJob(spec: TypingSpec, run: RunOptions): Promise<TypingTool> {
  return buildTypingTool(
    { dataset: spec.dataset, segments: spec.segments, k: spec.k, segmentNames: spec.segmentNames },
    { ...TYPING_DEFAULTS, candidates: spec.candidates, targetAccuracy: spec.targetAccuracy, maxItems: spec.maxItems, method: spec.method, seed: spec.seed },
    run,
  );
}
