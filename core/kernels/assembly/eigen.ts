// AssemblyScript source of the symmetric eigen kernels (compiled by `npm run build:kernels` into
// core/kernels/kernels-wasm.generated.ts; never compiled by tsc). Each function is an
// operation-for-operation port of its TypeScript reference, so the results are bit-identical:
//   householderReduce, accumulateTransform, tridiagonalQl, eigenSymmetric ← core/math/eigen-symmetric.ts
//   eigenTop, inverseIteration, solveShiftedTridiagonal ← core/factor/extract-eigen-solver.ts
// WebAssembly's f64 arithmetic is IEEE 754 like JavaScript's, never fused; sqrt, abs and max are
// exact instructions. The one transcendental of the reference (the inverse-iteration start vector's
// sine) is computed by the caller and passed in. Arrays are f64 runs in linear memory at byte
// offsets chosen by the caller (core/kernels/*.ts); this module allocates nothing.
import { f64s, ld, st } from './heap';

const EPS: f64 = 2.220446049250313e-16;

/** ml-matrix's overflow-safe hypotenuse (hypot mode 0). */
function hypotenuse(a: f64, b: f64): f64 {
  let r: f64 = 0;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b != 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/** √(a² + b²) plainly (hypot mode 1). */
@inline function plainHypot(a: f64, b: f64): f64 {
  return Math.sqrt(a * a + b * b);
}

@inline function hypot(mode: i32, a: f64, b: f64): f64 {
  return mode == 1 ? plainHypot(a, b) : hypotenuse(a, b);
}

/** First half of EISPACK tred2 on the transposed working storage V (see eigen-symmetric.ts). */
function householderReduce(n: i32, e: usize, d: usize, V: usize): void {
  let f: f64, g: f64, h: f64, hh: f64, scale: f64;
  for (let j = 0; j < n; j++) st(d, j, ld(V, j * n + n - 1));
  for (let i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (let k = 0; k < i; k++) scale = scale + Math.abs(ld(d, k));
    if (scale == 0) {
      st(e, i, ld(d, i - 1));
      for (let j = 0; j < i; j++) {
        st(d, j, ld(V, j * n + i - 1));
        st(V, j * n + i, 0);
        st(V, i * n + j, 0);
      }
    } else {
      for (let k = 0; k < i; k++) {
        st(d, k, ld(d, k) / scale);
        h += ld(d, k) * ld(d, k);
      }
      f = ld(d, i - 1);
      g = Math.sqrt(h);
      if (f > 0) g = -g;
      st(e, i, scale * g);
      h = h - f * g;
      st(d, i - 1, f - g);
      for (let j = 0; j < i; j++) st(e, j, 0);
      for (let j = 0; j < i; j++) {
        f = ld(d, j);
        st(V, i * n + j, f);
        g = ld(e, j) + ld(V, j * n + j) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += ld(V, j * n + k) * ld(d, k);
          st(e, k, ld(e, k) + ld(V, j * n + k) * f);
        }
        st(e, j, g);
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        st(e, j, ld(e, j) / h);
        f += ld(e, j) * ld(d, j);
      }
      hh = f / (h + h);
      for (let j = 0; j < i; j++) st(e, j, ld(e, j) - hh * ld(d, j));
      for (let j = 0; j < i; j++) {
        f = ld(d, j);
        g = ld(e, j);
        for (let k = j; k <= i - 1; k++) st(V, j * n + k, ld(V, j * n + k) - (f * ld(e, k) + g * ld(d, k)));
        st(d, j, ld(V, j * n + i - 1));
        st(V, j * n + i, 0);
      }
    }
    st(d, i, h);
  }
}

/** Second half of tred2: forms Qᵀ in V and moves the tridiagonal's diagonal into d. */
function accumulateTransform(n: i32, e: usize, d: usize, V: usize): void {
  let g: f64, h: f64;
  for (let i = 0; i < n - 1; i++) {
    st(V, i * n + n - 1, ld(V, i * n + i));
    st(V, i * n + i, 1);
    h = ld(d, i + 1);
    if (h != 0) {
      for (let k = 0; k <= i; k++) st(d, k, ld(V, (i + 1) * n + k) / h);
      for (let j = 0; j <= i; j++) {
        g = 0;
        for (let k = 0; k <= i; k++) g += ld(V, (i + 1) * n + k) * ld(V, j * n + k);
        for (let k = 0; k <= i; k++) st(V, j * n + k, ld(V, j * n + k) - g * ld(d, k));
      }
    }
    for (let k = 0; k <= i; k++) st(V, (i + 1) * n + k, 0);
  }
  for (let j = 0; j < n; j++) {
    st(d, j, ld(V, j * n + n - 1));
    st(V, j * n + n - 1, 0);
  }
  st(V, (n - 1) * n + n - 1, 1);
  st(e, 0, 0);
}

/**
 * `a` (row-major n×n) copied transposed into V and reduced: afterwards d is the tridiagonal's
 * diagonal, e[1..n−1] its off-diagonal (e[0] = 0), and reflectorH (when not 0) the reflectors' h_i.
 */
function tridiagonalise(n: i32, a: usize, V: usize, d: usize, e: usize, reflectorH: usize): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) st(V, j * n + i, ld(a, i * n + j));
  memory.fill(d, 0, f64s(n));
  memory.fill(e, 0, f64s(n));
  householderReduce(n, e, d, V);
  if (reflectorH != 0) memory.copy(reflectorH, d, f64s(n));
  for (let i = 0; i < n; i++) st(d, i, ld(V, i * n + i));
  st(e, 0, 0);
}

/** Implicit QL (tql2), rotating the rows of V unless V is 0; d ends ascending. */
function tridiagonalQl(n: i32, e: usize, d: usize, V: usize, mode: i32): void {
  let g: f64, h: f64, p: f64, r: f64, dl1: f64, c: f64, c2: f64, c3: f64, el1: f64, s: f64, s2: f64;
  let m: i32;
  for (let i = 1; i < n; i++) st(e, i - 1, ld(e, i));
  st(e, n - 1, 0);
  let f: f64 = 0;
  let tst1: f64 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(ld(d, l)) + Math.abs(ld(e, l)));
    m = l;
    while (m < n) {
      if (Math.abs(ld(e, m)) <= EPS * tst1) break;
      m++;
    }
    if (m > l) {
      let guard = 0;
      do {
        g = ld(d, l);
        p = (ld(d, l + 1) - g) / (2 * ld(e, l));
        r = hypot(mode, p, 1);
        if (p < 0) r = -r;
        st(d, l, ld(e, l) / (p + r));
        st(d, l + 1, ld(e, l) * (p + r));
        dl1 = ld(d, l + 1);
        h = g - ld(d, l);
        for (let i = l + 2; i < n; i++) st(d, i, ld(d, i) - h);
        f = f + h;
        p = ld(d, m);
        c = 1;
        c2 = c;
        c3 = c;
        el1 = ld(e, l + 1);
        s = 0;
        s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * ld(e, i);
          h = c * p;
          r = hypot(mode, p, ld(e, i));
          st(e, i + 1, s * r);
          s = ld(e, i) / r;
          c = p / r;
          p = c * ld(d, i) - s * g;
          st(d, i + 1, h + s * (c * g + s * ld(d, i)));
          if (V == 0) continue;
          const a = (i + 1) * n;
          const b = i * n;
          for (let k = 0; k < n; k++) {
            h = ld(V, a + k);
            st(V, a + k, s * ld(V, b + k) + c * h);
            st(V, b + k, c * ld(V, b + k) - s * h);
          }
        }
        p = (-s * s2 * c3 * el1 * ld(e, l)) / dl1;
        st(e, l, s * p);
        st(d, l, c * p);
        guard++;
      } while (Math.abs(ld(e, l)) > EPS * tst1 && guard < 100);
    }
    st(d, l, ld(d, l) + f);
    st(e, l, 0);
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    p = ld(d, i);
    for (let j = i + 1; j < n; j++) {
      if (ld(d, j) < p) {
        k = j;
        p = ld(d, j);
      }
    }
    if (k != i) {
      st(d, k, ld(d, i));
      st(d, i, p);
      if (V == 0) continue;
      for (let j = 0; j < n; j++) {
        p = ld(V, i * n + j);
        st(V, i * n + j, ld(V, k * n + j));
        st(V, k * n + j, p);
      }
    }
  }
}

/** Bytes of scratch memory eigenvalues() needs at `work`. */
export function eigenvaluesScratchBytes(n: i32): usize {
  return f64s(n * n + 2 * n);
}

/** Eigenvalues of the symmetric row-major n×n matrix at `a`, descending, into `values`. */
export function eigenvalues(n: i32, a: usize, values: usize, mode: i32, work: usize): void {
  const V = work;
  const d = V + f64s(n * n);
  const e = d + f64s(n);
  tridiagonalise(n, a, V, d, e, 0);
  tridiagonalQl(n, e, d, 0, mode);
  for (let i = 0; i < n; i++) st(values, i, ld(d, n - 1 - i));
}

/** Bytes of scratch memory eigenTop() needs at `work`. */
export function eigenTopScratchBytes(n: i32, m: i32): usize {
  return f64s(n * n + 11 * n + n * m);
}

/**
 * All eigenvalues (descending, into `values`) and the m leading eigenvectors (row-major n×m, into
 * `vectors`) of the symmetric n×n matrix at `a`; `start` holds the m inverse-iteration start
 * vectors (vector k at start + k·n). Requires 3 ≤ n and m < n (the caller's full path covers the rest).
 */
export function eigenTop(n: i32, m: i32, a: usize, values: usize, vectors: usize, start: usize, work: usize): void {
  const V = work;
  const d = V + f64s(n * n);
  const e = d + f64s(n);
  const reflectorH = e + f64s(n);
  const diag = reflectorH + f64s(n);
  const off = diag + f64s(n); // n − 1 used
  const y = off + f64s(n);
  const x = y + f64s(n);
  const sd = x + f64s(n);
  const dl = sd + f64s(n);
  const du = dl + f64s(n);
  const du2 = du + f64s(n);
  const ys = du2 + f64s(n); // n×m: the tridiagonal's eigenvectors, vector k at ys + k·n
  tridiagonalise(n, a, V, d, e, reflectorH);
  memory.copy(diag, d, f64s(n));
  memory.copy(off, e + 8, f64s(n - 1));
  tridiagonalQl(n, e, d, 0, 1);
  for (let i = 0; i < n; i++) st(values, i, ld(d, n - 1 - i));
  let norm: f64 = 0;
  for (let i = 0; i < n; i++) {
    norm = Math.max(norm, Math.abs(ld(diag, i)) + (i > 0 ? Math.abs(ld(off, i - 1)) : 0) + (i < n - 1 ? Math.abs(ld(off, i)) : 0));
  }
  const tiny = EPS * Math.max(norm, 1e-300);
  for (let k = 0; k < m; k++) {
    const yk = ys + f64s(k * n);
    inverseIteration(n, diag, off, ld(values, k), norm, tiny, k, ys, values, start, yk, x, sd, dl, du, du2, y);
    // x = Q·y = P_{n−1}(⋯(P_1 y)), each reflector applied in O(i)
    memory.copy(x, yk, f64s(n));
    for (let i = 1; i < n; i++) {
      const h = ld(reflectorH, i);
      if (h == 0) continue;
      let s: f64 = 0;
      for (let j = 0; j < i; j++) s += ld(V, i * n + j) * ld(x, j);
      const f = s / h;
      for (let j = 0; j < i; j++) st(x, j, ld(x, j) - f * ld(V, i * n + j));
    }
    let largest: f64 = 0;
    for (let i = 0; i < n; i++) if (Math.abs(ld(x, i)) > Math.abs(largest)) largest = ld(x, i);
    const sign: f64 = largest < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) st(vectors, i * m + k, sign * ld(x, i));
  }
}

/** Three steps of inverse iteration for eigenvalue λ of the tridiagonal (diag, off), into `yk`. */
function inverseIteration(
  n: i32, diag: usize, off: usize, lambda: f64, norm: f64, tiny: f64, k: i32, ys: usize, values: usize, start: usize,
  yk: usize, x: usize, sd: usize, dl: usize, du: usize, du2: usize, b: usize,
): void {
  for (let i = 0; i < n; i++) st(yk, i, ld(start, k * n + i));
  for (let iteration = 0; iteration < 3; iteration++) {
    orthogonaliseAgainstCluster(n, yk, k, ys, values, lambda, norm);
    solveShiftedTridiagonal(n, diag, off, lambda, yk, tiny, x, sd, dl, du, du2, b);
    memory.copy(yk, x, f64s(n));
    orthogonaliseAgainstCluster(n, yk, k, ys, values, lambda, norm);
    let s: f64 = 0;
    for (let i = 0; i < n; i++) s += ld(yk, i) * ld(yk, i);
    const scale = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) st(yk, i, ld(yk, i) * scale);
  }
}

/** y minus its projections on the earlier vectors whose eigenvalues lie within 1e-3·‖T‖ of λ. */
function orthogonaliseAgainstCluster(n: i32, y: usize, k: i32, ys: usize, values: usize, lambda: f64, norm: f64): void {
  for (let j = 0; j < k; j++) {
    if (!(Math.abs(ld(values, j) - lambda) < 1e-3 * norm)) continue;
    const q = ys + f64s(j * n);
    let dot: f64 = 0;
    for (let i = 0; i < n; i++) dot += ld(q, i) * ld(y, i);
    for (let i = 0; i < n; i++) st(y, i, ld(y, i) - dot * ld(q, i));
  }
}

/** Solves (T − σI)x = r by Gaussian elimination with partial pivoting (LAPACK dgtsv); zero pivots become `tiny`. */
function solveShiftedTridiagonal(
  n: i32, diag: usize, off: usize, sigma: f64, r: usize, tiny: f64, x: usize, d: usize, dl: usize, du: usize, du2: usize, b: usize,
): void {
  memory.copy(dl, off, f64s(n - 1));
  memory.copy(du, off, f64s(n - 1));
  memory.fill(du2, 0, f64s(n));
  memory.copy(b, r, f64s(n));
  for (let i = 0; i < n; i++) st(d, i, ld(diag, i) - sigma);
  for (let i = 0; i < n - 1; i++) {
    if (Math.abs(ld(d, i)) >= Math.abs(ld(dl, i))) {
      if (ld(d, i) == 0) st(d, i, tiny);
      const f = ld(dl, i) / ld(d, i);
      st(d, i + 1, ld(d, i + 1) - f * ld(du, i));
      st(b, i + 1, ld(b, i + 1) - f * ld(b, i));
    } else {
      const f = ld(d, i) / ld(dl, i);
      st(d, i, ld(dl, i));
      const temp = ld(d, i + 1);
      st(d, i + 1, ld(du, i) - f * temp);
      if (i < n - 2) {
        st(du2, i, ld(du, i + 1));
        st(du, i + 1, -f * ld(du2, i));
      }
      st(du, i, temp);
      const tb = ld(b, i);
      st(b, i, ld(b, i + 1));
      st(b, i + 1, tb - f * ld(b, i));
    }
  }
  if (ld(d, n - 1) == 0) st(d, n - 1, tiny);
  for (let i = 0; i < n; i++) if (Math.abs(ld(d, i)) < tiny) st(d, i, ld(d, i) < 0 ? -tiny : tiny);
  st(x, n - 1, ld(b, n - 1) / ld(d, n - 1));
  if (n > 1) st(x, n - 2, (ld(b, n - 2) - ld(du, n - 2) * ld(x, n - 1)) / ld(d, n - 2));
  for (let i = n - 3; i >= 0; i--) st(x, i, (ld(b, i) - ld(du, i) * ld(x, i + 1) - ld(du2, i) * ld(x, i + 2)) / ld(d, i));
}

/** Bytes of scratch eigenSymmetric() needs at `work`. */
export function eigenSymmetricScratchBytes(n: i32): usize {
  return f64s(n * n + 3 * n) + ((<usize>n) << 2);
}

/**
 * The full decomposition of eigenSymmetric in core/math/eigen-symmetric.ts: values descending
 * (ties in their ascending order, as the reference's stable sort), vectors as columns of the
 * row-major n×n `vectors`, each signed so its largest-magnitude element is positive.
 */
export function eigenSymmetric(n: i32, a: usize, values: usize, vectors: usize, mode: i32, work: usize): void {
  const W = work;
  const d = W + f64s(n * n);
  const e = d + f64s(n);
  const raw = e + f64s(n);
  const order = raw + f64s(n); // i32
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) st(W, j * n + i, ld(a, i * n + j));
  memory.fill(d, 0, f64s(n));
  memory.fill(e, 0, f64s(n));
  householderReduce(n, e, d, W);
  accumulateTransform(n, e, d, W);
  tridiagonalQl(n, e, d, W, mode);
  memory.copy(raw, d, f64s(n));
  // indices by descending value, stable (insertion sort)
  for (let k = 0; k < n; k++) {
    let at = k;
    while (at > 0 && ld(raw, load<i32>(order + ((<usize>(at - 1)) << 2))) < ld(raw, k)) {
      store<i32>(order + ((<usize>at) << 2), load<i32>(order + ((<usize>(at - 1)) << 2)));
      at--;
    }
    store<i32>(order + ((<usize>at) << 2), k);
  }
  for (let k = 0; k < n; k++) {
    const source = load<i32>(order + ((<usize>k) << 2));
    st(values, k, ld(raw, source));
    let largest: f64 = 0;
    for (let i = 0; i < n; i++) {
      const v = ld(W, source * n + i);
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const sign: f64 = largest < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) st(vectors, i * n + k, sign * ld(W, source * n + i));
  }
}
