/**
 * Factor rotation, as psych::fa dispatches it:
 *   varimax   → stats::varimax (Kaiser-normalised, eps 1e-5)            rotate-varimax.ts
 *   quartimax → GPArotation::quartimax (GPForth)                          rotate-gpa.ts
 *   promax    → psych::kaiser(L, "Promax", m = 4)                         rotate-promax.ts
 *   oblimin, quartimin (both γ = 0), geomin (geominQ, δ = .01) → GPArotation GPFoblq
 * GPA defaults as GPArotation: normalize = FALSE, eps = 1e-5, maxit = 1000, one start at T = I.
 *
 * `rotationMatrix` satisfies loadings = unrotated · rotationMatrix (psych's rot.mat: T for
 * orthogonal rotations, (T⁻¹)ᵀ for GPFoblq, U for promax). Loadings come back as the optimiser
 * leaves them: apply orderFactors (order-factors.ts) for psych's signs and order.
 * If an oblique GPA rotation breaks down (singular T), we fall back to promax as psych does, but
 * say so: `rotation` is then 'promax' and a 'rotation-fallback' notice explains it.
 */
import { BugError } from '../errors';
import type { Matrix } from '../math/matrix';
import { cloneMatrix, identity, transpose } from '../math/matrix';
import type { Notice } from '../notices';
import { notice } from '../notices';
import { assertNever } from '../util/assert';
import type { RotationName } from './options';
import { isOblique } from './options';
import { invertMatrix } from './rotate-algebra';
import type { RotationCriterion } from './rotate-criteria';
import { geominCriterion, quartimaxCriterion, quartiminCriterion } from './rotate-criteria';
import type { GpaResult } from './rotate-gpa';
import { gpaOblique, gpaOrthogonal } from './rotate-gpa';
import { promaxKaiser } from './rotate-promax';
import { varimaxKaiser } from './rotate-varimax';

export type RotationResult = {
  rotation: RotationName;
  /** p × m pattern loadings (the rotated loadings for orthogonal rotations). */
  loadings: Matrix;
  /** m × m factor correlations; null for orthogonal rotations and for a single factor. */
  phi: Matrix | null;
  /** m × m; loadings = unrotated · rotationMatrix. */
  rotationMatrix: Matrix;
  converged: boolean;
  iterations: number;
  notices: Notice[];
};

export type RotateOptions = {
  /** Kaiser row normalisation before a GPA rotation (GPArotation default false; varimax always normalises). */
  normalize?: boolean;
  maxIterations?: number;
  epsilon?: number;
};

export function rotateFactors(loadings: Matrix, rotation: RotationName, options: RotateOptions = {}): RotationResult {
  const m = loadings.cols;
  if (rotation === 'none' || m < 2) {
    return { rotation, loadings: cloneMatrix(loadings), phi: null, rotationMatrix: identity(m), converged: true, iterations: 0, notices: [] };
  }
  const maxIterations = options.maxIterations ?? 1000;
  const epsilon = options.epsilon ?? 1e-5;
  switch (rotation) {
    case 'varimax': {
      const r = varimaxKaiser(loadings, { normalize: options.normalize ?? true, maxIterations, epsilon });
      return finish(rotation, r.loadings, null, r.T, r.converged, r.iterations);
    }
    case 'promax':
      return promax(loadings, maxIterations, epsilon, []);
    case 'quartimax':
      return gpa(loadings, rotation, quartimaxCriterion, options.normalize ?? false, maxIterations, epsilon);
    case 'oblimin':
    case 'quartimin':
      return gpa(loadings, rotation, quartiminCriterion, options.normalize ?? false, maxIterations, epsilon);
    case 'geomin':
      return gpa(loadings, rotation, geominCriterion(0.01), options.normalize ?? false, maxIterations, epsilon);
    default:
      return assertNever(rotation);
  }
}

function promax(loadings: Matrix, maxIterations: number, epsilon: number, notices: Notice[]): RotationResult {
  const r = promaxKaiser(loadings, { power: 4, maxIterations, epsilon });
  const result = finish('promax', r.loadings, r.phi, r.rotationMatrix, r.converged, r.iterations);
  return { ...result, notices: [...notices, ...result.notices] };
}

function gpa(A: Matrix, rotation: RotationName, criterion: RotationCriterion, normalize: boolean, maxIterations: number, epsilon: number): RotationResult {
  const oblique = isOblique(rotation);
  const weights = normalize ? rowNorms(A) : null;
  const input = weights === null ? A : scaleRows(A, weights, false);
  let r: GpaResult;
  try {
    r = (oblique ? gpaOblique : gpaOrthogonal)(input, criterion, { maxIterations, epsilon });
  } catch (error) {
    if (!(error instanceof BugError) || !oblique) throw error;
    return promax(A, maxIterations, epsilon, [
      notice('rotation-fallback', 'strong-warning', `The ${rotation} rotation broke down (singular transformation); promax was used instead, as psych does.`),
    ]);
  }
  const rotated = weights === null ? r.loadings : scaleRows(r.loadings, weights, true);
  if (!oblique) return finish(rotation, rotated, null, r.T, r.converged, r.iterations);
  const m = A.cols;
  const phi = { rows: m, cols: m, data: new Float64Array(m * m) };
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += r.T.data[k * m + i]! * r.T.data[k * m + j]!;
      phi.data[i * m + j] = s;
    }
  }
  const inv = invertMatrix(r.T);
  if (inv === null) throw new BugError('oblique rotation ended with a singular transformation');
  return finish(rotation, rotated, phi, transpose(inv), r.converged, r.iterations);
}

function finish(rotation: RotationName, loadings: Matrix, phi: Matrix | null, rotationMatrix: Matrix, converged: boolean, iterations: number): RotationResult {
  const notices = converged
    ? []
    : [notice('not-converged', 'warning', `The ${rotation} rotation did not converge in ${iterations} iterations; the last iterate is reported. Results may not be a true optimum of the criterion.`)];
  return { rotation, loadings, phi, rotationMatrix, converged, iterations, notices };
}

function rowNorms(A: Matrix): Float64Array {
  const { rows: p, cols: m } = A;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += A.data[i * m + k]! ** 2;
    out[i] = Math.sqrt(s) || Number.EPSILON;
  }
  return out;
}

function scaleRows(A: Matrix, w: Float64Array, multiplyBack: boolean): Matrix {
  const { rows: p, cols: m } = A;
  const out = cloneMatrix(A);
  for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) out.data[i * m + k] = multiplyBack ? A.data[i * m + k]! * w[i]! : A.data[i * m + k]! / w[i]!;
  return out;
}
