/**
 * Symmetric eigensolvers for the extraction hot loops, over the one Householder tridiagonalisation
 * + implicit QL solver of core/math/eigen-symmetric.ts (EISPACK tred2/tql2 over flat
 * Float64Arrays): descending eigenvalues, eigenvectors as columns, each signed so its
 * largest-magnitude element is positive. minres and ML evaluate one decomposition per objective
 * call, hundreds per fit; eigenTop below saves most of the O(p³) work when only m ≪ p vectors are
 * needed. Accurate to ~1e-15 relative to ‖A‖. eigenTop runs its WebAssembly build (core/kernels:
 * bit-identical, several times faster on a cold start) where one is available.
 */
import { wasmEigenTop } from '../kernels/linear-algebra';
import { eigenSymmetric, plainHypot, tridiagonalise, tridiagonalQl, type SymmetricEigen } from '../math/eigen-symmetric';

const EPS = 2.220446049250313e-16;

/** The full decomposition (eigenSymmetric with the plain hypotenuse); p = 0 gives empty arrays. */
export function eigenSymmetricFast(matrix: ArrayLike<number>, p: number): SymmetricEigen {
  if (p === 0) return { values: new Float64Array(0), vectors: new Float64Array(0), p };
  return eigenSymmetric(matrix, p, plainHypot);
}

export type TopEigen = {
  /** All eigenvalues, descending. */
  values: Float64Array;
  /** The first m eigenvectors as columns of a row-major p×m array, signed as eigenSymmetricFast. */
  vectors: Float64Array;
  p: number;
  m: number;
};

/**
 * All eigenvalues and the leading m eigenvectors of a symmetric matrix: what every extraction
 * objective needs (minres: F = ½(‖A‖²_F − Σ_{k≤m} λ_k²) and its gradient use only the top m
 * vectors; ML likewise). Householder tridiagonalisation (with the transform), QL on the
 * tridiagonal for the eigenvalues alone (O(p²) instead of O(p³) with vectors), then inverse
 * iteration on the tridiagonal for the m leading vectors (re-orthogonalised within clusters of
 * close eigenvalues, as LAPACK's dstein) and back-transformation. About 3× cheaper than the full
 * decomposition for m ≪ p.
 */
export function eigenTop(matrix: ArrayLike<number>, p: number, m: number): TopEigen {
  if (m >= p || p < 3) {
    const full = eigenSymmetricFast(matrix, p);
    const vectors = new Float64Array(p * m);
    for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) vectors[i * m + k] = full.vectors[i * p + k]!;
    return { values: full.values, vectors, p, m };
  }
  const start = inverseIterationStarts(p, m);
  const compiled = wasmEigenTop(matrix, p, m, start);
  if (compiled !== null) return { ...compiled, p, m };
  const work = workspace(p);
  const V = work.V; // transposed working storage, as eigenSymmetric's
  const d = work.d;
  const e = work.e;
  const reflectorH = new Float64Array(p); // h_i of reflector i (u_i in row i of V left of the diagonal)
  tridiagonalise(matrix, p, V, d, e, reflectorH);
  const diag = Float64Array.from(d);
  const off = e.slice(1);
  tridiagonalQl(p, e, d, null, plainHypot);
  const values = Float64Array.from(d).sort().reverse();
  let norm = 0;
  for (let i = 0; i < p; i++) norm = Math.max(norm, Math.abs(diag[i]!) + (i > 0 ? Math.abs(off[i - 1]!) : 0) + (i < p - 1 ? Math.abs(off[i]!) : 0));
  const ys: Float64Array[] = [];
  const vectors = new Float64Array(p * m);
  for (let k = 0; k < m; k++) {
    const y = inverseIteration(diag, off, values[k]!, norm, k, ys, values, start.subarray(k * p, (k + 1) * p));
    ys.push(y);
    // x = Q·y = P_{p−1}(⋯(P_1 y)), applying each reflector in O(i)
    const x = Float64Array.from(y);
    for (let i = 1; i < p; i++) {
      const h = reflectorH[i]!;
      if (h === 0) continue;
      let s = 0;
      for (let k = 0; k < i; k++) s += V[i * p + k]! * x[k]!;
      const f = s / h;
      for (let k = 0; k < i; k++) x[k]! -= f * V[i * p + k]!;
    }
    let largest = 0;
    for (let i = 0; i < p; i++) if (Math.abs(x[i]!) > Math.abs(largest)) largest = x[i]!;
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < p; i++) vectors[i * m + k] = sign * x[i]!;
  }
  return { values, vectors, p, m };
}

/**
 * Start vectors of the inverse iterations, vector k at k·p: a fixed, smooth, nowhere-orthogonal
 * choice, 1 + 0.37·sin(1.7·i + k). Cached per (p, m); computed here, in JavaScript, for the
 * WebAssembly build too, so both start from the same bits.
 */
export function inverseIterationStarts(p: number, m: number): Float64Array {
  if (starts !== null && starts.p === p && starts.m === m) return starts.vectors;
  const vectors = new Float64Array(p * m);
  for (let k = 0; k < m; k++) for (let i = 0; i < p; i++) vectors[k * p + i] = 1 + 0.37 * Math.sin(1.7 * i + k);
  starts = { p, m, vectors };
  return vectors;
}

let starts: { p: number; m: number; vectors: Float64Array } | null = null;

/** Eigenvector of the tridiagonal (diag, off) for eigenvalue λ: three steps of inverse iteration from `start`. */
function inverseIteration(diag: Float64Array, off: Float64Array, lambda: number, norm: number, k: number, previous: Float64Array[], values: Float64Array, start: Float64Array): Float64Array {
  const n = diag.length;
  const tiny = EPS * Math.max(norm, 1e-300);
  const cluster: Float64Array[] = [];
  for (let j = 0; j < k; j++) if (Math.abs(values[j]! - lambda) < 1e-3 * norm) cluster.push(previous[j]!);
  let y: Float64Array = Float64Array.from(start);
  for (let iteration = 0; iteration < 3; iteration++) {
    for (const q of cluster) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i]! * y[i]!;
      for (let i = 0; i < n; i++) y[i]! -= dot * q[i]!;
    }
    y = solveShiftedTridiagonal(diag, off, lambda, y, tiny);
    for (const q of cluster) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i]! * y[i]!;
      for (let i = 0; i < n; i++) y[i]! -= dot * q[i]!;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i]! * y[i]!;
    const scale = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) y[i]! *= scale;
  }
  return y;
}

/**
 * Scratch arrays of eigenTop and its tridiagonal solves, reused from call to call (minres and ML
 * decompose one matrix per objective evaluation, parallel analysis hundreds in all): the same
 * arithmetic on the same values, without allocating and collecting a dozen arrays every time.
 * Every entry is written before it is read. Not re-entrant (nothing here calls back into it).
 */
type Workspace = { p: number; V: Float64Array; d: Float64Array; e: Float64Array; sd: Float64Array; dl: Float64Array; du: Float64Array; du2: Float64Array; b: Float64Array };

let shared: Workspace | null = null;

function workspace(p: number): Workspace {
  if (shared === null || shared.p !== p) {
    const q = Math.max(p - 1, 0);
    shared = { p, V: new Float64Array(p * p), d: new Float64Array(p), e: new Float64Array(p), sd: new Float64Array(p), dl: new Float64Array(q), du: new Float64Array(q), du2: new Float64Array(p), b: new Float64Array(p) };
  }
  return shared;
}

/** Solves (T − σI)x = r by Gaussian elimination with partial pivoting (LAPACK dgtsv); zero pivots become `tiny`. */
function solveShiftedTridiagonal(diag: Float64Array, off: Float64Array, sigma: number, r: Float64Array, tiny: number): Float64Array {
  const n = diag.length;
  const work = workspace(n);
  const d = work.sd;
  const dl = work.dl;
  const du = work.du;
  const du2 = work.du2;
  const b = work.b;
  dl.set(off);
  du.set(off);
  du2.fill(0);
  b.set(r);
  for (let i = 0; i < n; i++) d[i] = diag[i]! - sigma;
  for (let i = 0; i < n - 1; i++) {
    if (Math.abs(d[i]!) >= Math.abs(dl[i]!)) {
      if (d[i] === 0) d[i] = tiny;
      const f = dl[i]! / d[i]!;
      d[i + 1]! -= f * du[i]!;
      b[i + 1]! -= f * b[i]!;
    } else {
      const f = d[i]! / dl[i]!;
      d[i] = dl[i]!;
      const temp = d[i + 1]!;
      d[i + 1] = du[i]! - f * temp;
      if (i < n - 2) {
        du2[i] = du[i + 1]!;
        du[i + 1] = -f * du2[i]!;
      }
      du[i] = temp;
      const tb = b[i]!;
      b[i] = b[i + 1]!;
      b[i + 1] = tb - f * b[i]!;
    }
  }
  if (d[n - 1] === 0) d[n - 1] = tiny;
  for (let i = 0; i < n; i++) if (Math.abs(d[i]!) < tiny) d[i] = d[i]! < 0 ? -tiny : tiny;
  const x = new Float64Array(n);
  x[n - 1] = b[n - 1]! / d[n - 1]!;
  if (n > 1) x[n - 2] = (b[n - 2]! - du[n - 2]! * x[n - 1]!) / d[n - 2]!;
  for (let i = n - 3; i >= 0; i--) x[i] = (b[i]! - du[i]! * x[i + 1]! - du2[i]! * x[i + 2]!) / d[i]!;
  return x;
}
