/**
 * Eigen-decomposition of a symmetric matrix, eigenvalues in descending order, each eigenvector's
 * sign fixed so that its largest-magnitude element is positive (deterministic across runs).
 * Householder tridiagonalisation (EISPACK tred2) + implicit QL (tql2), as JAMA and ml-matrix's
 * EigenvalueDecomposition(…, { assumeSymmetric: true }). This is a line-for-line port of
 * ml-matrix 6.15's symmetric path over one flat Float64Array (same operations in the same order,
 * same hypotenuse, same transposed working storage), so its results are bit-for-bit those of
 * ml-matrix — which earlier versions of this file wrapped — without building a Matrix of row
 * arrays or loading ml-matrix at start-up. Accurate to ~1e-15; < 1 ms at p = 25.
 *
 * The two halves are exported for eigenvaluesSymmetric (below) and
 * core/factor/extract-eigen-solver.ts (eigenTop: the reduction alone, then QL for the eigenvalues
 * only): tridiagonalise (a transposed copy, then householderReduce, the first half of tred2) and
 * tridiagonalQl (tql2; pass null to skip the eigenvector rotations). One guard is added to tql2:
 * at most 100 QL sweeps per eigenvalue (convergence takes 1–3; the guard only stops a hang on
 * pathological input). The hypotenuse is a parameter: ml-matrix's overflow-safe one by default,
 * plainHypot √(a² + b²) for the factor-extraction hot loops (correlation-scale entries), whose
 * results are thereby unchanged from their earlier separate port.
 * eigenSymmetric and eigenvaluesSymmetric run their WebAssembly builds (core/kernels: the same
 * operations, bit-identical results, several times faster on a cold start) where one is available.
 */
import { wasmEigenSymmetric, wasmEigenvalues } from '../kernels/linear-algebra';

export type SymmetricEigen = {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as columns, row-major p×p: vectors[i * p + k] is element i of vector k. */
  vectors: Float64Array;
  p: number;
};

/** √(a² + b²) as used by the QL rotations. */
export type Hypot = (a: number, b: number) => number;

/** `matrix` is row-major p×p and must be symmetric; only its values are read. */
export function eigenSymmetric(matrix: ArrayLike<number>, p: number, hypot: Hypot = hypotenuse): SymmetricEigen {
  if (!(p > 0)) throw new Error('Matrix must be non-empty');
  const mode = hypot === hypotenuse ? 'overflow-safe' : hypot === plainHypot ? 'plain' : null;
  const compiled = mode === null ? null : wasmEigenSymmetric(matrix, p, mode);
  if (compiled !== null) return { ...compiled, p };
  // Working storage W holds V transposed (ml-matrix's layout): W[j*p + i] = V(i, j) = A[i][j].
  const W = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) W[j * p + i] = matrix[i * p + j]!;
  const d = new Float64Array(p);
  const e = new Float64Array(p);
  tred2(p, e, d, W);
  tridiagonalQl(p, e, d, W, hypot);
  // After ml-matrix's in-place transpose, eigenvector k (ascending order) is V(·, k) = W[k*p + ·].
  const rawValues = Array.from(d);
  const order = rawValues.map((_, k) => k).sort((a, b) => rawValues[b]! - rawValues[a]!);
  const values = new Float64Array(p);
  const vectors = new Float64Array(p * p);
  order.forEach((source, k) => {
    values[k] = rawValues[source]!;
    let largest = 0;
    for (let i = 0; i < p; i++) {
      const v = W[source * p + i]!;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < p; i++) vectors[i * p + k] = sign * W[source * p + i]!;
  });
  return { values, vectors, p };
}

/**
 * The eigenvalues alone, descending: the tridiagonalisation without forming Q and QL without
 * rotating eigenvectors, several times cheaper than eigenSymmetric. Bit-identical to
 * eigenSymmetric(matrix, p, hypot).values (the eigenvalue arithmetic never reads the vectors).
 */
export function eigenvaluesSymmetric(matrix: ArrayLike<number>, p: number, hypot: Hypot = hypotenuse): Float64Array {
  if (!(p > 0)) throw new Error('Matrix must be non-empty');
  const mode = hypot === hypotenuse ? 'overflow-safe' : hypot === plainHypot ? 'plain' : null;
  const compiled = mode === null ? null : wasmEigenvalues(matrix, p, mode);
  if (compiled !== null) return compiled;
  const d = new Float64Array(p);
  const e = new Float64Array(p);
  tridiagonalise(matrix, p, new Float64Array(p * p), d, e, null);
  tridiagonalQl(p, e, d, null, hypot);
  return d.reverse();
}

/**
 * The reduction both eigenvalue paths start from: `matrix` copied transposed into W (the working
 * layout of eigenSymmetric) and reduced by householderReduce. Afterwards d is the tridiagonal's
 * diagonal and e[1..p−1] its off-diagonal (e[0] = 0), ready for tridiagonalQl; W holds the
 * reflectors' vectors, and `reflectorH` (when given) receives their h_i.
 */
export function tridiagonalise(matrix: ArrayLike<number>, p: number, W: Float64Array, d: Float64Array, e: Float64Array, reflectorH: Float64Array | null): void {
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) W[j * p + i] = matrix[i * p + j]!;
  d.fill(0);
  e.fill(0);
  householderReduce(p, e, d, W);
  reflectorH?.set(d);
  for (let i = 0; i < p; i++) d[i] = W[i * p + i]!;
  e[0] = 0;
}

/** sqrt(a² + b²) without overflow, exactly as ml-matrix's `hypotenuse`. */
export function hypotenuse(a: number, b: number): number {
  let r = 0;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/** Householder reduction to tridiagonal form; V.get(r, c) of ml-matrix is V[r*n + c] here. */
function tred2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  householderReduce(n, e, d, V);
  accumulateTransform(n, e, d, V);
}

/**
 * First half of tred2, on the transposed working storage V: afterwards the tridiagonal's diagonal
 * is V[i*n + i], its off-diagonal e[i] (between i−1 and i, i ≥ 1), and reflector
 * P_i = I − u_i u_iᵀ/h_i has u_i = V[i*n + 0..i−1] and h_i = d[i] (h_i = 0: identity);
 * A = Q T Qᵀ with Q = P_{n−1} ⋯ P_1.
 */
function householderReduce(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  let f: number, g: number, h: number, hh: number, scale: number;
  for (let j = 0; j < n; j++) d[j] = V[j * n + n - 1]!;
  for (let i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (let k = 0; k < i; k++) scale = scale + Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V[j * n + i - 1]!;
        V[j * n + i] = 0;
        V[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      f = d[i - 1]!;
      g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h = h - f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        V[i * n + j] = f;
        g = e[j]! + V[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[j * n + k]! * d[k]!;
          e[k]! += V[j * n + k]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) V[j * n + k] = V[j * n + k]! - (f * e[k]! + g * d[k]!);
        d[j] = V[j * n + i - 1]!;
        V[j * n + i] = 0;
      }
    }
    d[i] = h;
  }
}

/** Second half of tred2: forms Qᵀ in V and moves the tridiagonal's diagonal into d. */
function accumulateTransform(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  let g: number, h: number;
  for (let i = 0; i < n - 1; i++) {
    V[i * n + n - 1] = V[i * n + i]!;
    V[i * n + i] = 1;
    h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[(i + 1) * n + k]! / h;
      for (let j = 0; j <= i; j++) {
        g = 0;
        for (let k = 0; k <= i; k++) g += V[(i + 1) * n + k]! * V[j * n + k]!;
        for (let k = 0; k <= i; k++) V[j * n + k] = V[j * n + k]! - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) V[(i + 1) * n + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[j * n + n - 1]!;
    V[j * n + n - 1] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL iterations on the tridiagonal (diagonal d, off-diagonal e[1..n−1]), accumulating the
 * rotations into the rows of V (null: eigenvalues only); d ends in ascending order.
 */
export function tridiagonalQl(n: number, e: Float64Array, d: Float64Array, V: Float64Array | null, hypot: Hypot = hypotenuse): void {
  let g: number, h: number, m: number, p: number, r: number, dl1: number, c: number, c2: number, c3: number, el1: number, s: number, s2: number;
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let guard = 0;
      do {
        g = d[l]!;
        p = (d[l + 1]! - g) / (2 * e[l]!);
        r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        dl1 = d[l + 1]!;
        h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f = f + h;
        p = d[m]!;
        c = 1;
        c2 = c;
        c3 = c;
        el1 = e[l + 1]!;
        s = 0;
        s2 = 0;
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
          if (V === null) continue;
          const a = (i + 1) * n;
          const b = i * n;
          for (let k = 0; k < n; k++) {
            h = V[a + k]!;
            V[a + k] = s * V[b + k]! + c * h;
            V[b + k] = c * V[b + k]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1 && ++guard < 100);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      if (V === null) continue;
      for (let j = 0; j < n; j++) {
        p = V[i * n + j]!;
        V[i * n + j] = V[k * n + j]!;
        V[k * n + j] = p;
      }
    }
  }
}

/** √(a² + b²) computed plainly: safe for correlation-scale entries (far from over- or underflow), cheaper than hypotenuse. */
export function plainHypot(a: number, b: number): number {
  return Math.sqrt(a * a + b * b);
}
