// AssemblyScript source of the row-block staging step (see eigen.ts for how the module is built):
// answers arrive as columns (core/factor/item-columns.ts); kernels that pass over whole rows read a
// block of them transposed to row-major here (core/kernels/instance.ts forEachRowBlock).

import { ld, st } from './heap';

/** rows[r·p + j] = columns[j·length + r] for r < length, j < p (f64s). */
export function transposeBlock(columns: usize, rows: usize, length: i32, p: i32): void {
  for (let j = 0; j < p; j++) {
    const from = columns + ((<usize>(j * length)) << 3);
    for (let r = 0; r < length; r++) st(rows, r * p + j, ld(from, r));
  }
}
