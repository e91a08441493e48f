/**
 * Optimal assignment (Hungarian algorithm, Kuhn 1955 / Munkres 1957, O(n³) shortest-augmenting-path
 * form) for matching classes between two solutions: given an n×n cost matrix, the permutation that
 * minimises the total cost. Used to align class labels before comparing solutions (bootstrap,
 * oracle tests), e.g. with cost = −overlap or the distance between class means.
 */

/** assignment[r] = column matched to row r, minimising Σ_r cost[r][assignment[r]]. */
export function solveAssignment(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const INF = Number.POSITIVE_INFINITY;
  // Potentials u (rows) and v (columns), 1-based with a virtual column 0.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const match = new Int32Array(n + 1); // match[col] = row (1-based), 0 = free
  const way = new Int32Array(n + 1);
  for (let row = 1; row <= n; row++) {
    match[0] = row;
    let col0 = 0;
    const minv = new Float64Array(n + 1).fill(INF);
    const used = new Uint8Array(n + 1);
    do {
      used[col0] = 1;
      const r = match[col0]!;
      let delta = INF;
      let col1 = 0;
      for (let c = 1; c <= n; c++) {
        if (used[c]) continue;
        const reduced = cost[r - 1]![c - 1]! - u[r]! - v[c]!;
        if (reduced < minv[c]!) {
          minv[c] = reduced;
          way[c] = col0;
        }
        if (minv[c]! < delta) {
          delta = minv[c]!;
          col1 = c;
        }
      }
      for (let c = 0; c <= n; c++) {
        if (used[c]) {
          u[match[c]!]! += delta;
          v[c]! -= delta;
        } else {
          minv[c]! -= delta;
        }
      }
      col0 = col1;
    } while (match[col0] !== 0);
    do {
      const col1 = way[col0]!;
      match[col0] = match[col1]!;
      col0 = col1;
    } while (col0 !== 0);
  }
  const assignment = new Array<number>(n).fill(-1);
  for (let c = 1; c <= n; c++) if (match[c]! > 0) assignment[match[c]! - 1] = c - 1;
  return assignment;
}

/**
 * Labels of partition `b` relabelled to agree best with partition `a` (maximum overlap), both with
 * k classes 0..k−1: returns map[bLabel] = aLabel.
 */
export function matchLabels(a: ArrayLike<number>, b: ArrayLike<number>, k: number): number[] {
  const overlap = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x >= 0 && y >= 0 && x < k && y < k) overlap[y]![x]!--;
  }
  return solveAssignment(overlap);
}
