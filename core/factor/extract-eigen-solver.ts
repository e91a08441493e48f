/**
 * Symmetric eigensolver for the extraction hot loops: Householder tridiagonalisation followed by
 * the implicit QL algorithm with Wilkinson-type shifts (EISPACK tred2/tql2, as in JAMA; written
 * here over flat Float64Arrays). Same results as core/math/eigen-symmetric.ts (which wraps
 * ml-matrix's port of the same algorithm) — descending eigenvalues, eigenvectors as columns, each
 * signed so its largest-magnitude element is positive — but without building arrays of arrays on
 * every call: minres and ML evaluate one decomposition per objective call, hundreds per fit.
 * Cost O(p³) with small constants; accurate to ~1e-15 relative to ‖A‖.
 */
import type { SymmetricEigen } from '../math/eigen-symmetric';

const EPS = 2.220446049250313e-16;

export function eigenSymmetricFast(matrix: ArrayLike<number>, p: number): SymmetricEigen {
  const V = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) V[i] = matrix[i]!;
  const d = new Float64Array(p);
  const e = new Float64Array(p);
  if (p === 1) return { values: Float64Array.of(V[0]!), vectors: Float64Array.of(1), p };
  tridiagonalize(V, d, e, p);
  const W = transposeSquare(V, p); // vectors as rows: QL's rotations then touch two contiguous rows
  diagonalize(W, d, e, p);
  const order = Array.from({ length: p }, (_, k) => k).sort((a, b) => d[b]! - d[a]!);
  const values = new Float64Array(p);
  const vectors = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    const src = order[k]!;
    values[k] = d[src]!;
    let largest = 0;
    for (let i = 0; i < p; i++) {
      const v = W[src * p + i]!;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < p; i++) vectors[i * p + k] = sign * W[src * p + i]!;
  }
  return { values, vectors, p };
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
  const work = workspace(p);
  const V = work.V;
  for (let i = 0; i < p * p; i++) V[i] = matrix[i]!;
  const d = work.d;
  const e = work.e;
  d.fill(0);
  e.fill(0);
  householderReduce(V, d, e, p);
  const diag = new Float64Array(p);
  for (let i = 0; i < p; i++) diag[i] = V[i * p + i]!;
  const reflectorH = Float64Array.from(d); // h_i of reflector i (u_i in column i of V above the diagonal)
  const off = new Float64Array(p - 1);
  for (let i = 1; i < p; i++) off[i - 1] = e[i]!;
  d.set(diag);
  e[0] = 0;
  diagonalize(null, d, e, p);
  const values = Float64Array.from(d).sort().reverse();
  let norm = 0;
  for (let i = 0; i < p; i++) norm = Math.max(norm, Math.abs(diag[i]!) + (i > 0 ? Math.abs(off[i - 1]!) : 0) + (i < p - 1 ? Math.abs(off[i]!) : 0));
  const ys: Float64Array[] = [];
  const vectors = new Float64Array(p * m);
  for (let k = 0; k < m; k++) {
    const y = inverseIteration(diag, off, values[k]!, norm, k, ys, values);
    ys.push(y);
    // x = Q·y = P_{p−1}(⋯(P_1 y)), applying each reflector in O(i)
    const x = Float64Array.from(y);
    for (let i = 1; i < p; i++) {
      const h = reflectorH[i]!;
      if (h === 0) continue;
      let s = 0;
      for (let k = 0; k < i; k++) s += V[k * p + i]! * x[k]!;
      const f = s / h;
      for (let k = 0; k < i; k++) x[k]! -= f * V[k * p + i]!;
    }
    let largest = 0;
    for (let i = 0; i < p; i++) if (Math.abs(x[i]!) > Math.abs(largest)) largest = x[i]!;
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < p; i++) vectors[i * m + k] = sign * x[i]!;
  }
  return { values, vectors, p, m };
}

/** Eigenvector of the tridiagonal (diag, off) for eigenvalue λ: three steps of inverse iteration. */
function inverseIteration(diag: Float64Array, off: Float64Array, lambda: number, norm: number, k: number, previous: Float64Array[], values: Float64Array): Float64Array {
  const n = diag.length;
  const tiny = EPS * Math.max(norm, 1e-300);
  const cluster: Float64Array[] = [];
  for (let j = 0; j < k; j++) if (Math.abs(values[j]! - lambda) < 1e-3 * norm) cluster.push(previous[j]!);
  let y: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 1 + 0.37 * Math.sin(1.7 * i + k);
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

/** Householder reduction of V (in place) to tridiagonal form: diagonal d, subdiagonal e; V accumulates the transform. */
function tridiagonalize(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  householderReduce(V, d, e, n);
  accumulateTransform(V, d, e, n);
}

/**
 * First half of tred2: after it, the tridiagonal's diagonal is V[i][i], its off-diagonal e[i]
 * (between i−1 and i, i ≥ 1), and reflector P_i = I − u_i u_iᵀ/h_i has u_i = V[0..i−1][i] and
 * h_i = d[i] (h_i = 0: identity). A = Q T Qᵀ with Q = P_{n−1} ⋯ P_1.
 */
function householderReduce(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        V[j * n + i] = f;
        g = e[j]! + V[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j]! * d[k]!;
          e[k]! += V[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) V[k * n + j]! -= f * e[k]! + g * d[k]!;
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
}

/** Second half of tred2: forms Q in V and moves the tridiagonal's diagonal into d. */
function accumulateTransform(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]!;
    V[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1]! * V[k * n + j]!;
        for (let k = 0; k <= i; k++) V[k * n + j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j]!;
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

function transposeSquare(a: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j]!;
  return t;
}

/** Implicit QL iterations on the tridiagonal (d, e), rotating the rows of W (the eigenvectors) along. */
function diagonalize(W: Float64Array | null, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= EPS * tst1) break;
      m++;
    }
    if (m > l) {
      let guard = 0;
      do {
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          if (W === null) continue;
          const lo = i * n;
          const hi = lo + n;
          for (let k = 0; k < n; k++) {
            h = W[hi + k]!;
            const w = W[lo + k]!;
            W[hi + k] = s * w + c * h;
            W[lo + k] = c * w - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > EPS * tst1 && ++guard < 100);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

/** √(a² + b²); plain form is safe here (entries are correlation-scale, far from over- or underflow). */
function hypot(a: number, b: number): number {
  return Math.sqrt(a * a + b * b);
}
