/**
 * Factor extraction from a correlation matrix, as psych::fa (fm = "minres", "pa", "ml") and
 * psych::principal ("pc"). Dispatches to one file per method, then applies psych's sign
 * convention (each column's loadings sum non-negative; exact zeros become 1e-15 so varimax never
 * sees a zero row) and reports Heywood cases as notices, never hiding them.
 *
 * Axis order: loadings are items × factors (p × m), unrotated, factors in eigenvalue order.
 * Oracle: tests/oracle/efa-psych.test.ts.
 */
import { InputError } from '../errors';
import type { Matrix } from '../math/matrix';
import type { Notice } from '../notices';
import { notice } from '../notices';
import { assertNever } from '../util/assert';
import { extractMinres } from './extract-minres';
import { extractMl } from './extract-ml';
import { extractPa } from './extract-pa';
import { extractPc } from './extract-pc';
import { UNIQUENESS_LOWER_BOUND } from './extract-start';
import type { ExtractionMethod } from './options';

export type Extraction = {
  method: ExtractionMethod;
  /** p × m unrotated loadings, psych-signed. */
  loadings: Matrix;
  /** 1 − h² as the method estimates it (minres/ml: the optimised ψ; pa/pc: 1 − row sums of Λ²). */
  uniquenesses: Float64Array;
  /** Row sums of squared loadings, diag(ΛΛᵀ) (psych's `communality`). */
  communalities: Float64Array;
  /** Eigenvalues of R with communalities on the diagonal (psych's `values`); null for pc. */
  eigenvaluesReduced: Float64Array | null;
  iterations: number;
  converged: boolean;
  notices: Notice[];
};

export type ExtractOptions = {
  /** pa: communality iterations (psych max.iter = 50); minres/ml: quasi-Newton iterations (500). */
  maxIterations?: number;
  /** pa: stop when the summed communality changes less than this (psych min.err = 0.001). */
  minErr?: number;
  /** Item names, used only to name items in notices. */
  itemNames?: readonly string[];
  /** minres: stop when every projected-gradient component is below this (default 1e-9, see extract-optimizer.ts). */
  gradientTolerance?: number;
  /** minres: end a line search whose trial moves no uniqueness by more than this (default 0, see extract-optimizer.ts). */
  stepTolerance?: number;
};

/** What each method file returns before signing and notices. */
export type RawExtraction = {
  loadings: Matrix;
  uniquenesses: Float64Array;
  eigenvaluesReduced: Float64Array | null;
  iterations: number;
  converged: boolean;
  notices: Notice[];
};

export function extractFactors(R: Matrix, nFactors: number, method: ExtractionMethod, options: ExtractOptions = {}): Extraction {
  const p = R.rows;
  if (R.cols !== p) throw new InputError('data-degenerate', `The correlation matrix must be square; got ${R.rows}×${R.cols}.`);
  if (!Number.isInteger(nFactors) || nFactors < 1 || nFactors > p) {
    throw new InputError('option-invalid', `Cannot extract ${nFactors} factors from ${p} items; choose between 1 and ${p} (fewer factors than items).`);
  }
  for (const v of R.data) {
    if (!Number.isFinite(v)) {
      throw new InputError('data-degenerate', 'The correlation matrix has missing entries (an item with no answers, a constant item, or a pair of items never answered together); drop those items and try again.');
    }
  }
  const raw = runMethod(R, nFactors, method, options);
  const loadings = signByColumnSums(raw.loadings);
  const communalities = rowSumsOfSquares(loadings);
  const notices = [...raw.notices, ...heywoodNotices(method, raw.uniquenesses, communalities, options.itemNames)];
  return {
    method,
    loadings,
    uniquenesses: raw.uniquenesses,
    communalities,
    eigenvaluesReduced: raw.eigenvaluesReduced,
    iterations: raw.iterations,
    converged: raw.converged,
    notices,
  };
}

function runMethod(R: Matrix, m: number, method: ExtractionMethod, options: ExtractOptions): RawExtraction {
  switch (method) {
    case 'minres':
      return extractMinres(R, m, options.maxIterations ?? 500, options.gradientTolerance, options.stepTolerance);
    case 'ml':
      return extractMl(R, m, options.maxIterations ?? 500);
    case 'pa':
      return extractPa(R, m, options.maxIterations ?? 50, options.minErr ?? 0.001);
    case 'pc':
      return extractPc(R, m);
    default:
      return assertNever(method);
  }
}

/** psych: flip each factor so its column sum is ≥ 0 (sign(0) → +), then replace exact zeros by 1e-15. */
export function signByColumnSums(loadings: Matrix): Matrix {
  const { rows: p, cols: m } = loadings;
  const out = { rows: p, cols: m, data: new Float64Array(loadings.data) };
  for (let k = 0; k < m; k++) {
    let sum = 0;
    for (let i = 0; i < p; i++) sum += out.data[i * m + k]!;
    if (sum < 0) for (let i = 0; i < p; i++) out.data[i * m + k] = -out.data[i * m + k]!;
  }
  for (let i = 0; i < out.data.length; i++) if (out.data[i] === 0) out.data[i] = 1e-15;
  return out;
}

export function rowSumsOfSquares(loadings: Matrix): Float64Array {
  const { rows: p, cols: m } = loadings;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += loadings.data[i * m + k]! ** 2;
    out[i] = s;
  }
  return out;
}

function heywoodNotices(method: ExtractionMethod, psi: Float64Array, h2: Float64Array, names: readonly string[] | undefined): Notice[] {
  const label = (i: number): string => names?.[i] ?? `item ${i + 1}`;
  const notices: Notice[] = [];
  if (method === 'minres' || method === 'ml') {
    const bound: string[] = [];
    psi.forEach((v, i) => {
      if (v <= UNIQUENESS_LOWER_BOUND + 1e-6) bound.push(label(i));
    });
    if (bound.length > 0) {
      notices.push(notice('heywood-case', 'strong-warning', `Heywood case: the uniqueness of ${bound.join(', ')} sits at its lower bound ${UNIQUENESS_LOWER_BOUND} (communality near 1). The solution is improper; try fewer factors or drop the item.`, bound));
    }
  }
  const ultra: string[] = [];
  h2.forEach((v, i) => {
    if (v > 1 + 1e-8) ultra.push(label(i));
  });
  if (ultra.length > 0) {
    notices.push(notice('ultra-heywood', 'strong-warning', `Ultra-Heywood case: the communality of ${ultra.join(', ')} exceeds 1, which no proper factor model allows. Examine these items; try fewer factors or another extraction method.`, ultra));
  }
  return notices;
}
