// AssemblyScript source of the polychoric cross-table kernel (see eigen.ts for how it is built).
// Port of the unweighted branch of tabulatePairs in core/factor/correlation-polychoric-tables.ts:
// the same cells counted in integers, so the tables are identical. Codes arrive as one byte column
// per item (column j at columns + j·n), category 0..K−1 or K for "missing / not counted"; two pairs
// (i, j) and (i, j+1) share each pass through a (K+1)³ table of code triples, whose two margins
// are their tables, counted in two interleaved lanes (rows falling in the same cell do not wait on
// each other's store).

@inline function code(column: usize, r: i32): i32 {
  return <i32>load<u8>(column + <usize>r);
}
@inline function lane(lanes: usize, cell: i32): usize {
  return lanes + ((<usize>cell) << 2);
}
@inline function bump(lanes: usize, cell: i32): void {
  store<i32>(lane(lanes, cell), load<i32>(lane(lanes, cell)) + 1);
}
@inline function count(lanes: usize, cell: i32): i32 {
  return load<i32>(lane(lanes, cell));
}

/** Bytes of i32 scratch tabulatePairsOf needs at `lanes`. */
export function tabulatePairsScratchBytes(k: i32): usize {
  const k1 = k + 1;
  return (<usize>(2 * k1 * k1 * k1)) << 2;
}

/**
 * The pair tables of item i with every later item, from p byte columns of n rows:
 * tables[pair·K² + a·K + b] (f64, pairs i < j in order) and counts[pair] (rows answering both), as
 * tabulatePairs' unweighted branch. One call per item, so that V8 optimises the counting loop after
 * the first calls (WebAssembly code is swapped for its optimised build only between calls).
 */
export function tabulatePairsOf(i: i32, n: i32, p: i32, k: i32, columns: usize, tables: usize, counts: usize, lanes: usize): void {
  const k1 = k + 1;
  const cubes = k1 * k1 * k1;
  const ci = columns + <usize>(i * n);
  let j = i + 1;
  for (; j + 1 < p; j += 2) {
    countTriples(ci, columns + <usize>(j * n), columns + <usize>((j + 1) * n), n, k1, lanes, cubes);
    storeMargin(pairIndex(i, j, p), k, lanes, tables, counts, true);
    storeMargin(pairIndex(i, j + 1, p), k, lanes, tables, counts, false);
  }
  if (j < p) {
    memory.fill(lanes, 0, (<usize>(k1 * k1)) << 2);
    const cj = columns + <usize>(j * n);
    for (let r = 0; r < n; r++) bump(lanes, code(ci, r) * k1 + code(cj, r));
    let total: f64 = 0;
    const at = pairIndex(i, j, p);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const v = <f64>count(lanes, a * k1 + b);
        store<f64>(tables + ((<usize>(at * k * k + a * k + b)) << 3), v);
        total += v;
      }
    }
    store<f64>(counts + ((<usize>at) << 3), total);
  }
}

@inline function pairIndex(i: i32, j: i32, p: i32): i32 {
  return i * p - (i * (i + 1)) / 2 + (j - i - 1);
}

/** lanes[0..cubes) = counts of the code triples (a, b, c) at a·(K+1)² + b·(K+1) + c over the n rows. */
function countTriples(ci: usize, cj: usize, cl: usize, n: i32, k1: i32, lanes: usize, cubes: i32): void {
  memory.fill(lanes, 0, (<usize>(2 * cubes)) << 2);
  const second = lanes + ((<usize>cubes) << 2);
  let r = 0;
  for (; r + 1 < n; r += 2) {
    bump(lanes, (code(ci, r) * k1 + code(cj, r)) * k1 + code(cl, r));
    bump(second, (code(ci, r + 1) * k1 + code(cj, r + 1)) * k1 + code(cl, r + 1));
  }
  for (; r < n; r++) bump(lanes, (code(ci, r) * k1 + code(cj, r)) * k1 + code(cl, r));
  for (let c = 0; c < cubes; c++) store<i32>(lane(lanes, c), count(lanes, c) + count(second, c));
}

/**
 * One pair's table from the triple counts: summing out the third code (firstPair: the pair of the
 * first two codes) or the second (the pair of the first and third), the missing code K included.
 */
function storeMargin(at: i32, k: i32, lanes: usize, tables: usize, counts: usize, firstPair: bool): void {
  const k1 = k + 1;
  let total: f64 = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let c = 0; c <= k; c++) s += firstPair ? count(lanes, (a * k1 + b) * k1 + c) : count(lanes, (a * k1 + c) * k1 + b);
      const v = <f64>s;
      store<f64>(tables + ((<usize>(at * k * k + a * k + b)) << 3), v);
      total += v;
    }
  }
  store<f64>(counts + ((<usize>at) << 3), total);
}

/**
 * Column j of the codes (at columns + j·n, 255 = missing) in place as categories (code − lowest)
 * with K for missing, and the item's margin (f64 p×K, zeroed by the caller): the unweighted case
 * of fillColumns in core/factor/correlation-polychoric-tables.ts. One call per item.
 */
export function prepareColumn(j: i32, n: i32, k: i32, lowest: i32, columns: usize, margins: usize): void {
  const column = columns + <usize>(j * n);
  for (let r = 0; r < n; r++) {
    const code = <i32>load<u8>(column + <usize>r);
    if (code == 255) {
      store<u8>(column + <usize>r, <u8>k);
    } else {
      const c = code - lowest;
      store<u8>(column + <usize>r, <u8>c);
      const slot = margins + ((<usize>(j * k + c)) << 3);
      store<f64>(slot, load<f64>(slot) + 1);
    }
  }
}
