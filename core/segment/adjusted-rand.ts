/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two partitions of the same respondents:
 * ARI = (Σ_ij C(n_ij,2) − E) / (½[Σ_i C(a_i,2) + Σ_j C(b_j,2)] − E), E = Σ_i C(a_i,2)·Σ_j C(b_j,2) / C(n,2),
 * with n_ij the contingency table and a_i, b_j its margins. 1 = identical partitions (labels may be
 * permuted), about 0 = chance agreement. Labels are 0-based integers; negative labels (unassigned)
 * are skipped.
 */

function choose2(x: number): number {
  return (x * (x - 1)) / 2;
}

export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`adjustedRandIndex: partitions of ${a.length} and ${b.length} respondents`);
  let ka = 0;
  let kb = 0;
  for (let i = 0; i < a.length; i++) {
    ka = Math.max(ka, a[i]! + 1);
    kb = Math.max(kb, b[i]! + 1);
  }
  const table = new Float64Array(ka * kb);
  const rows = new Float64Array(ka);
  const cols = new Float64Array(kb);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < 0 || y < 0) continue;
    table[x * kb + y]!++;
    rows[x]!++;
    cols[y]!++;
    n++;
  }
  let sumCells = 0;
  for (const v of table) sumCells += choose2(v);
  let sumRows = 0;
  for (const v of rows) sumRows += choose2(v);
  let sumCols = 0;
  for (const v of cols) sumCols += choose2(v);
  const expected = (sumRows * sumCols) / choose2(n);
  const maxIndex = (sumRows + sumCols) / 2;
  if (maxIndex === expected) return 1;
  return (sumCells - expected) / (maxIndex - expected);
}
