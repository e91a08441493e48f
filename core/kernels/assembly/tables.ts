// AssemblyScript source of the polychoric cross-table kernel (see eigen.ts for how it is built).
// Unweighted branch of tabulatePairs in core/factor/correlation-polychoric-tables.ts: the same
// cells counted in integers, so the tables are identical. Items go in groups of two; each group's
// two categories per row (K for "missing / not counted") become one byte, a·(K+1) + b. One pass
// over the rows of two groups counts their (K+1)⁴ table of code quadruples, whose margins are the
// four cross-pair tables — and the pairs within the groups: p²/8 increments per row where one
// pass per pair would make p²/2. Counts go to two interleaved lanes (rows falling in the same cell
// do not wait on each other's store).

@inline function lane(lanes: usize, cell: i32): usize {
  return lanes + ((<usize>cell) << 2);
}
@inline function bump(lanes: usize, cell: i32): void {
  store<i32>(lane(lanes, cell), load<i32>(lane(lanes, cell)) + 1);
}
@inline function count(lanes: usize, cell: i32): i32 {
  return load<i32>(lane(lanes, cell));
}

/** Bytes of i32 scratch tabulateGroupPair needs at `lanes`: two lanes of (K+1)⁴ counts and five (K+1)² margins. */
export function tabulatePairsScratchBytes(k: i32): usize {
  const k1 = k + 1;
  return (<usize>(2 * k1 * k1 * k1 * k1 + 5 * k1 * k1)) << 2;
}

/**
 * Group g's codes (items 2g and 2g + 1; a group of one item when 2g + 1 = p, its second code 0):
 * groups[g·n + r] = a·(K+1) + b with a, b the categories (code − lowest) or K when missing, and
 * both items' margins (f64 p×K, zeroed by the caller). codes: one byte column per item (item j at
 * codes + j·n, 255 = missing). One call per group.
 */
export function groupCodes(g: i32, n: i32, p: i32, k: i32, lowest: i32, codes: usize, groups: usize, margins: usize): void {
  const k1 = k + 1;
  const i = 2 * g;
  const first = codes + <usize>(i * n);
  const out = groups + <usize>(g * n);
  const marginsI = margins + ((<usize>(i * k)) << 3);
  if (i + 1 < p) {
    const second = codes + <usize>((i + 1) * n);
    const marginsJ = marginsI + ((<usize>k) << 3);
    for (let r = 0; r < n; r++) {
      const a = category(load<u8>(first + <usize>r), k, lowest, marginsI);
      const b = category(load<u8>(second + <usize>r), k, lowest, marginsJ);
      store<u8>(out + <usize>r, <u8>(a * k1 + b));
    }
  } else {
    for (let r = 0; r < n; r++) store<u8>(out + <usize>r, <u8>(category(load<u8>(first + <usize>r), k, lowest, marginsI) * k1));
  }
}

/** The category of an answer byte (K when missing), counted in the item's margin when answered. */
@inline function category(code: u8, k: i32, lowest: i32, margins: usize): i32 {
  if (code == 255) return k;
  const c = <i32>code - lowest;
  const slot = margins + ((<usize>c) << 3);
  store<f64>(slot, load<f64>(slot) + 1);
  return c;
}

/**
 * The cross tables of group g's items with group h's (g < h), from one pass over their codes:
 * tables[pair·K² + a·K + b] (f64, pairs i < j in order) and counts[pair] (rows answering both),
 * as tabulatePairs' unweighted branch; with `within` also the table of each group's own pair
 * (the caller asks once per group). Pairs with a group's absent second item are skipped.
 */
export function tabulateGroupPair(g: i32, h: i32, within: bool, n: i32, p: i32, k: i32, groups: usize, tables: usize, counts: usize, lanes: usize): void {
  const k1 = k + 1;
  const k2 = k1 * k1;
  const cells = k2 * k2;
  memory.fill(lanes, 0, (<usize>(2 * cells)) << 2);
  const second = lanes + ((<usize>cells) << 2);
  const cg = groups + <usize>(g * n);
  const ch = groups + <usize>(h * n);
  let r = 0;
  for (; r + 1 < n; r += 2) {
    bump(lanes, <i32>load<u8>(cg + <usize>r) * k2 + <i32>load<u8>(ch + <usize>r));
    bump(second, <i32>load<u8>(cg + <usize>(r + 1)) * k2 + <i32>load<u8>(ch + <usize>(r + 1)));
  }
  for (; r < n; r++) bump(lanes, <i32>load<u8>(cg + <usize>r) * k2 + <i32>load<u8>(ch + <usize>r));
  // Margins of the quadruple table (a, b, c, d) = (item 2g, 2g+1, 2h, 2h+1): ac, ad, bc, bd, ab, cd.
  const ac = second + ((<usize>cells) << 2);
  const ad = ac + ((<usize>k2) << 2);
  const bc = ad + ((<usize>k2) << 2);
  const bd = bc + ((<usize>k2) << 2);
  const ab = bd + ((<usize>k2) << 2);
  memory.fill(ac, 0, (<usize>(5 * k2)) << 2);
  const cd = second; // the second lane, summed into the first, is free for the cd margin
  for (let q = 0; q < cells; q++) store<i32>(lane(lanes, q), count(lanes, q) + count(second, q));
  memory.fill(cd, 0, (<usize>k2) << 2);
  for (let a = 0; a < k1; a++) {
    for (let b = 0; b < k1; b++) {
      for (let c = 0; c < k1; c++) {
        for (let d = 0; d < k1; d++) {
          const v = count(lanes, ((a * k1 + b) * k1 + c) * k1 + d);
          if (v == 0) continue;
          add(ac, a * k1 + c, v);
          add(ad, a * k1 + d, v);
          add(bc, b * k1 + c, v);
          add(bd, b * k1 + d, v);
          add(ab, a * k1 + b, v);
          add(cd, c * k1 + d, v);
        }
      }
    }
  }
  const i = 2 * g;
  const j = 2 * h;
  const hasB = i + 1 < p;
  const hasD = j + 1 < p;
  storeTable(pairIndex(i, j, p), k, ac, tables, counts);
  if (hasD) storeTable(pairIndex(i, j + 1, p), k, ad, tables, counts);
  if (hasB) storeTable(pairIndex(i + 1, j, p), k, bc, tables, counts);
  if (hasB && hasD) storeTable(pairIndex(i + 1, j + 1, p), k, bd, tables, counts);
  if (within) {
    if (hasB && g == 0 && h == 1) storeTable(pairIndex(i, i + 1, p), k, ab, tables, counts);
    if (hasD) storeTable(pairIndex(j, j + 1, p), k, cd, tables, counts);
  }
}

/** The table of the only group's pair (p = 2), from one pass. */
export function tabulateSingleGroup(n: i32, k: i32, groups: usize, tables: usize, counts: usize, lanes: usize): void {
  const k1 = k + 1;
  memory.fill(lanes, 0, (<usize>(k1 * k1)) << 2);
  for (let r = 0; r < n; r++) bump(lanes, <i32>load<u8>(groups + <usize>r));
  storeTable(0, k, lanes, tables, counts);
}

@inline function add(margin: usize, cell: i32, v: i32): void {
  store<i32>(lane(margin, cell), count(margin, cell) + v);
}

@inline function pairIndex(i: i32, j: i32, p: i32): i32 {
  return i * p - (i * (i + 1)) / 2 + (j - i - 1);
}

/** A pair's K×K table from its (K+1)² counts (the missing row and column dropped) and its total. */
function storeTable(at: i32, k: i32, margin: usize, tables: usize, counts: usize): void {
  const k1 = k + 1;
  let total: f64 = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = <f64>count(margin, a * k1 + b);
      store<f64>(tables + ((<usize>(at * k * k + a * k + b)) << 3), v);
      total += v;
    }
  }
  store<f64>(counts + ((<usize>at) << 3), total);
}
