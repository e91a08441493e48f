/**
 * Goodness-of-fit statistics of a factor solution, exactly as psych's fa.stats (psych 2.2.9).
 * With p items, m factors, model M = ΛΦΛᵀ, residual E = R − M (diagonal zeroed for the
 * off-diagonal sums), n = n.obs (all rows for pairwise deletion, complete rows for listwise):
 *   dof = p(p−1)/2 − p·m + m(m−1)/2
 *   empirical χ² = Σ_{i≠j} E_ij² n_ij  (n_ij pairwise counts; n when none), nh = harmonic mean of n_ij
 *   RMSR = √(χ²_emp /(nh·p(p−1))),  crms = √(χ²_emp /(2·nh·dof)),  EBIC = χ²_emp − dof·ln nh
 *   F = tr(M*⁻¹R) − ln det(M*⁻¹R) − p,  M* = M with diag(R), both cor.smooth'ed
 *   χ² = F·((n−1) − (2p+5)/6 − 2m/3) (≥ 0);  null: F0 = tr R − ln det R − p, χ²₀ = F0·((n−1) − (2p+5)/6)
 *   TLI = (M0 − Mm)/(M0 − 1/nm), M0 = 2F0/(p(p−1)), Mm = F/dof, nm = the χ² multiplier
 *   RMSEA = √max(χ²/(dof·n) − 1/(n−1), 0), 90% bounds √(λ/((n−1)dof)) where P(χ'²_dof(λ) ≤ χ²) = .95/.05
 *   BIC = χ² − dof·ln n,  SABIC = χ² − dof·ln((n+2)/24),  CFI from χ², χ²₀ and their dof.
 * Statistics that need dof > 0 are null otherwise (psych's NA).
 */
import { eigenvaluesSymmetric, plainHypot } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';
import { qnorm } from '../math/normal';
import type { Notice } from '../notices';
import { notice } from '../notices';
import { chiSquareCdf, chiSquareUpper, findRootDecreasingNear, noncentralChiSquareCdf } from './fit-indices-chi-square';
import { invertMatrix } from './rotate-algebra';
import { smoothCorrelation } from './smooth-correlation';

export type FitIndices = {
  /** Degrees of freedom p(p−1)/2 − p·m + m(m−1)/2 (psych `dof`). */
  df: number;
  /** Off-diagonal root mean square residual (psych `rms`, "RMSR"). */
  rmsr: number;
  /** RMSR corrected for degrees of freedom (psych `crms`). */
  crms: number | null;
  /** ML-type discrepancy F of the model (psych `objective`), for every extraction method. */
  objective: number;
  /** Bartlett-corrected likelihood χ² (psych `STATISTIC`). */
  chiSquare: number;
  pValue: number | null;
  /** Sample-size-weighted residual χ² (psych `chi`) and its p value, BIC and SABIC. */
  chiSquareEmpirical: number;
  pValueEmpirical: number | null;
  bicEmpirical: number | null;
  sabicEmpirical: number | null;
  /** Harmonic mean of the pairwise n (n itself without missing data). */
  nHarmonic: number;
  nullObjective: number;
  nullDof: number;
  nullChiSquare: number;
  tli: number;
  cfi: number | null;
  rmsea: number | null;
  rmseaLower: number | null;
  rmseaUpper: number | null;
  /** Confidence level of the RMSEA interval (0.9). */
  rmseaConfidence: number;
  bic: number | null;
  sabic: number | null;
  /** 1 − ΣE²/ΣR² over all entries, and off the diagonal (weighted like χ²_emp). */
  fit: number;
  fitOff: number;
};

export type FitInput = {
  R: Matrix;
  /** Pattern loadings p × m. */
  loadings: Matrix;
  phi: Matrix | null;
  /** psych's n.obs. */
  n: number;
  /** Pairwise counts (psych's np.obs), or null when every pair has n. */
  pairwiseN: Matrix | null;
};

const RMSEA_ALPHA = 0.1;
const MACHINE_EPS = 2.220446049250313e-16;

export function computeFitIndices(input: FitInput): { fit: FitIndices; notices: Notice[] } {
  const { R, loadings, phi, n, pairwiseN } = input;
  const p = R.rows;
  const m = loadings.cols;
  const notices: Notice[] = [];
  const model = impliedCorrelation(loadings, phi);
  const dof = (p * (p - 1)) / 2 - p * m + (m * (m - 1)) / 2;

  let r2 = 0;
  let rstar2 = 0;
  let rstarOff = 0;
  let r2Off = 0;
  let inverseSum = 0;
  let count = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const r = R.data[i * p + j]!;
      const e = r - model.data[i * p + j]!;
      const w = pairwiseN === null ? n : pairwiseN.data[i * p + j]!;
      r2 += r * r;
      rstar2 += e * e;
      if (i !== j) {
        rstarOff += e * e * w;
        r2Off += r * r * w;
      }
      inverseSum += 1 / w;
      count++;
    }
  }
  const nh = pairwiseN === null ? n : count / inverseSum;
  const chiEmp = rstarOff;
  const positiveDof = dof > 0;

  const smoothedR = smoothIfIndefinite(R);
  const modelStar = { rows: p, cols: p, data: new Float64Array(model.data) };
  for (let i = 0; i < p; i++) modelStar.data[i * p + i] = R.data[i * p + i]!;
  let objective = mlDiscrepancy(smoothIfIndefinite(modelStar), smoothedR);
  if (!Number.isFinite(objective)) {
    objective = rstar2;
    notices.push(notice('singular-matrix', 'warning', 'The model-implied correlation matrix is singular, so the likelihood objective is undefined; as psych, the chi-square is based on the observed residuals instead.'));
  }
  let nullObjective = logDetDiscrepancyNull(smoothedR);
  if (!Number.isFinite(nullObjective)) nullObjective = r2;

  const multiplier = n - 1 - (2 * p + 5) / 6 - (2 * m) / 3;
  const chiSquare = Math.max(0, objective * multiplier);
  const nullDof = (p * (p - 1)) / 2;
  const nullChiSquare = nullObjective * (n - 1 - (2 * p + 5) / 6);
  const M0 = (nullObjective * 2) / (p * (p - 1));
  const Mm = objective / dof;
  const tli = (M0 - Mm) / (M0 - 1 / multiplier);
  const nullExcess = Math.max(nullChiSquare - nullDof, 0);
  const cfi = nullExcess > 0 ? (nullExcess - Math.max(chiSquare - dof, 0)) / nullExcess : null;

  let rmsea: number | null = null;
  let rmseaLower: number | null = null;
  let rmseaUpper: number | null = null;
  if (positiveDof && Number.isFinite(objective)) {
    ({ rmsea, rmseaLower, rmseaUpper } = rmseaWithInterval(chiSquare, dof, n));
  }
  const fit: FitIndices = {
    df: dof,
    rmsr: Math.sqrt(rstarOff / (nh * p * (p - 1))),
    crms: positiveDof ? Math.sqrt(rstarOff / (2 * nh * dof)) : null,
    objective,
    chiSquare,
    pValue: positiveDof ? chiSquareUpper(chiSquare, dof) : null,
    chiSquareEmpirical: chiEmp,
    pValueEmpirical: positiveDof ? chiSquareUpper(chiEmp, dof) : null,
    bicEmpirical: positiveDof ? chiEmp - dof * Math.log(nh) : null,
    sabicEmpirical: positiveDof ? chiEmp - dof * Math.log((nh + 2) / 24) : null,
    nHarmonic: nh,
    nullObjective,
    nullDof,
    nullChiSquare,
    tli,
    cfi,
    rmsea,
    rmseaLower,
    rmseaUpper,
    rmseaConfidence: 1 - RMSEA_ALPHA,
    bic: positiveDof ? chiSquare - dof * Math.log(n) : null,
    sabic: positiveDof ? chiSquare - dof * Math.log((n + 2) / 24) : null,
    fit: 1 - rstar2 / r2,
    fitOff: 1 - rstarOff / r2Off,
  };
  return { fit, notices };
}

/** cor.smooth only changes a matrix whose smallest eigenvalue is below ε; skip its work otherwise. */
function smoothIfIndefinite(a: Matrix): Matrix {
  const values = eigenvaluesSymmetric(a.data, a.rows, plainHypot);
  return values[a.rows - 1]! < MACHINE_EPS ? smoothCorrelation(a).matrix : a;
}

/** ΛΦΛᵀ (ΛΛᵀ without Φ). */
export function impliedCorrelation(loadings: Matrix, phi: Matrix | null): Matrix {
  const { rows: p, cols: m } = loadings;
  const lp = phi === null ? loadings : multiplySmall(loadings, phi);
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += lp.data[i * m + k]! * loadings.data[j * m + k]!;
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return { rows: p, cols: p, data: out };
}

function multiplySmall(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) for (let k = 0; k < a.cols; k++) for (let j = 0; j < b.cols; j++) out[i * b.cols + j]! += a.data[i * a.cols + k]! * b.data[k * b.cols + j]!;
  return { rows: a.rows, cols: b.cols, data: out };
}

/** tr(M⁻¹R) − ln det(M⁻¹R) − p; Infinity when M or R is singular. */
function mlDiscrepancy(M: Matrix, R: Matrix): number {
  const p = R.rows;
  const inv = invertMatrix(M);
  if (inv === null) return Infinity;
  let trace = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) trace += inv.data[i * p + j]! * R.data[j * p + i]!;
  return trace - (logDet(R) - logDet(M)) - p;
}

function logDetDiscrepancyNull(R: Matrix): number {
  const p = R.rows;
  let trace = 0;
  for (let i = 0; i < p; i++) trace += R.data[i * p + i]!;
  return trace - logDet(R) - p;
}

function logDet(a: Matrix): number {
  const values = eigenvaluesSymmetric(a.data, a.rows, plainHypot);
  let s = 0;
  for (const v of values) s += v > 0 ? Math.log(v) : -Infinity;
  return s;
}

function rmseaWithInterval(chiSquare: number, dof: number, n: number): { rmsea: number; rmseaLower: number | null; rmseaUpper: number | null } {
  const rmsea = Math.sqrt(Math.max(chiSquare / (dof * n) - 1 / (n - 1), 0));
  const tail = RMSEA_ALPHA / 2;
  const hi = Math.max(n, chiSquare) + 2 * n;
  const central = chiSquareCdf(chiSquare, dof);
  const bound = (target: number): number | null => {
    if (!(central > target)) return 0;
    // Start from the normal approximation χ² ≈ df + λ + z·√(2(df + 2λ)), z = Φ⁻¹(target), solved for λ.
    const z = qnorm(target);
    const s = -2 * z + 2 * Math.sqrt(Math.max(0, z * z - (dof / 2 - chiSquare)));
    const guess = Math.max(0, (s * s - 2 * dof) / 4);
    const sd = Math.sqrt(2 * (dof + 2 * guess));
    const lambda = findRootDecreasingNear((x) => noncentralChiSquareCdf(chiSquare, dof, x) - target, guess, sd, 0, hi, 1e-7 * hi);
    return lambda === null ? null : Math.sqrt(lambda / (n - 1) / dof);
  };
  let rmseaUpper = bound(tail);
  let rmseaLower = bound(1 - tail);
  if (rmseaUpper !== null && rmseaUpper < rmsea) rmseaUpper = null;
  if (rmseaLower !== null && rmseaLower > rmsea) rmseaLower = null;
  return { rmsea, rmseaLower, rmseaUpper };
}
