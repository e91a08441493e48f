/**
 * The typing tool as plain, versioned data: the short question set, the scoring weights on the
 * raw answer scale, and the evidence (holdout accuracy, confusion matrix, accuracy curve by set
 * size). The same object is exported as JSON, rendered into the offline HTML questionnaire and
 * written to .xlsx, and `scoreAnswers` (score.ts) is the one scoring rule all of them use:
 *
 *   s_k = intercept_k + Σ_j weight_kj · x_j,  P(segment k | x) = exp(s_k) / Σ_l exp(s_l),
 *
 * where x_j is the answer to item j on its original code scale, or the item's training mean
 * (`impute`) when unanswered. The segment is the one with the highest probability.
 */
import type { Notice } from '../notices';

export const TYPING_SCHEMA_VERSION = 1;
export const TYPING_METHODS = ['mlr', 'lda'] as const;
export type TypingMethod = (typeof TYPING_METHODS)[number];

export type TypingItem = {
  name: string;
  label: string;
  /** Value used for an unanswered item (training mean). */
  impute: number;
  /** Answer options (code + label) for a closed question; empty for a numeric entry. */
  options: { code: number; label: string }[];
  min: number;
  max: number;
};

export type ConfusionMatrix = {
  /** rows = true segment, columns = assigned segment (counts). */
  counts: number[][];
  accuracy: number;
  kappa: number;
  recall: number[];
  precision: number[];
};

export type CurvePoint = {
  size: number;
  items: string[];
  /** Mean accuracy of k-fold cross-validation on the training part (what selection used). */
  cvAccuracy: number;
  holdout: { mlr: number; lda: number };
  /** Holdout confusion counts (rows = true, columns = assigned) of the tool's method at this size. */
  confusion: number[][];
};

export type TypingTool = {
  kind: 'typing-tool';
  schemaVersion: typeof TYPING_SCHEMA_VERSION;
  method: TypingMethod;
  seed: number;
  targetAccuracy: number;
  reachedTarget: boolean;
  segments: { index: number; name: string }[];
  items: TypingItem[];
  /** K intercepts and K × items weights on the raw answer scale (see header). */
  intercepts: number[];
  weights: number[][];
  holdout: ConfusionMatrix & { n: number };
  trainN: number;
  curve: CurvePoint[];
  /** Rows of the holdout respondents (so the app and tests can re-score them): rows of the dataset given to buildTypingTool; survey-file rows in a pipeline result. */
  holdoutRows: number[];
  notices: Notice[];
};
