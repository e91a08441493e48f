// The WebAssembly number formatter (core/kernels/assembly/format-number.ts) against V8's own
// String(v), byte for byte: every class of double (zeros, subnormals, powers of 2 and 10 and their
// neighbours, the 1e21 and 1e-7 layout boundaries, integers around 2^53, halfway-looking values),
// 1,000,000 random bit patterns and 1,000,000 score-like values (seeded); and the score rows it
// writes against the JavaScript rows of `segstudio factor` (NaN, ±Infinity, unscored rows, m = 0..7),
// and the factor JSON text with the kernels on and off.
import { afterEach, describe, expect, it } from 'vitest';
import { efaSteps } from '../../core/factor/efa';
import { itemColumnsOf } from '../../core/factor/item-columns';
import { resolveEfaParams } from '../../core/factor/params';
import { drainSteps } from '../../core/jobs/run-steps';
import { efaResultJson, efaResultText } from '../../core/node/cli/commands/factor';
import { setWasmKernels, wasmKernelsActive } from '../../core/kernels/instance';
import { wasmScoreRowsText } from '../../core/kernels/scores';
import { createRng } from '../../core/random/rng';

afterEach(() => setWasmKernels(true));

const decoder = new TextDecoder();

/** The score rows as the JavaScript path writes them (scorePiece/scoreLine of core/node/cli/score-text.ts). */
function jsRows(data: Float64Array, m: number, start: number, stop: number): string {
  let text = '';
  for (let r = start; r < stop; r++) {
    if (r > 0) text += ',\n';
    if (m === 0) {
      text += '    []';
      continue;
    }
    const first = data[r * m]!;
    if (Number.isNaN(first)) {
      text += '    null';
      continue;
    }
    const cells: string[] = [];
    for (let k = 0; k < m; k++) {
      const v = data[r * m + k]!;
      cells.push(Number.isFinite(v) ? String(v) : 'null');
    }
    text += '    [' + cells.join(',') + ']';
  }
  return text;
}

function wasmRows(data: Float64Array, m: number, start: number, stop: number): string {
  const bytes = wasmScoreRowsText(data, m, start, stop);
  if (bytes === null) throw new Error('WebAssembly kernels are not in use');
  return decoder.decode(bytes);
}

/** Each value's kernel text against String(v), in blocks; the first mismatches are reported with the value's bits. */
function mismatches(values: Float64Array): string[] {
  const found: string[] = [];
  const block = 8192;
  for (let start = 0; start < values.length && found.length < 10; start += block) {
    const stop = Math.min(values.length, start + block);
    const got = wasmRows(values, 1, start, stop);
    if (got === jsRows(values, 1, start, stop)) continue;
    const lines = got.split(',\n');
    for (let i = start; i < stop && found.length < 10; i++) {
      const want = `    [${String(values[i])}]`;
      if (lines[i - start] !== want) found.push(`${bitsOf(values[i]!)}: ${lines[i - start]} ≠ ${want}`);
    }
  }
  return found;
}

function bitsOf(v: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

/** The double `steps` representable values above (steps > 0) or below v (v finite, > 0). */
function neighbour(v: number, steps: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(steps));
  return view.getFloat64(0);
}

/** v and its 3 neighbours on each side, for both signs. */
function around(values: number[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    for (let s = -3; s <= 3; s++) {
      const w = v === 0 && s < 0 ? 0 : neighbour(v, s);
      if (Number.isFinite(w)) out.push(w, -w);
    }
  }
  return out;
}

function specialValues(): Float64Array {
  const values: number[] = [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON];
  const anchors: number[] = [5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE / 2, 1, 0.1 + 0.2, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, Math.PI, Math.E];
  for (let e = -324; e <= 308; e++) anchors.push(Number(`1e${e}`));
  for (let e = -1074; e <= 1023; e++) anchors.push(2 ** e);
  for (let e = -7; e <= 22; e++) anchors.push(Number(`1.5e${e}`), Number(`9.999999999999999e${e}`), Number(`1.2345678901234567e${e}`));
  for (let k = 0; k <= 64; k++) anchors.push(2 ** 53 + k, 2 ** 53 - k, 2 ** 54 + 3 * k, 2 ** 63 + 2048 * k, 10 ** 21 + 2 ** 17 * k);
  for (let k = 1; k <= 2000; k++) values.push(5e-324 * k, k, k / 10, k / 100, k / 1000, k * 1e15, k * 1e20, k * 1e-7, k * 1e-8);
  for (let k = 1; k <= 100; k++) values.push(2 ** 53 * k, (2 ** 53 + 1) * k * 2, k + 0.5, k * 0.05);
  values.push(...around(anchors));
  // Integers up to 2^53 and beyond, at every magnitude.
  for (let e = 0; e <= 70; e++) for (const f of [1, 3, 7, 9]) values.push(Math.floor(f * 1.37 ** (e * 1.5)) * 2 ** Math.max(0, e - 40));
  return Float64Array.from(values);
}

describe('the WebAssembly number formatter writes String(v), byte for byte', () => {
  it('for every class of double: zeros, subnormals, powers of 2 and 10 and their neighbours, layout boundaries, integers', () => {
    expect(wasmKernelsActive()).toBe(true);
    const values = specialValues();
    expect(values.length).toBeGreaterThan(25000);
    expect(mismatches(values)).toEqual([]);
    // The layout rules at their boundaries, spelled out.
    const sample = Float64Array.from([1e21, 999999999999999900000, 1e-7, 1.5e-7, 0.000001, 123e-20, -0, 5e-324, 2 ** 53, 1.7976931348623157e308, 0.1 + 0.2, 100, 1.5]);
    expect(wasmRows(sample, sample.length, 0, 1)).toBe(
      '    [1e+21,999999999999999900000,1e-7,1.5e-7,0.000001,1.23e-18,0,5e-324,9007199254740992,1.7976931348623157e+308,0.30000000000000004,100,1.5]',
    );
  });

  it('for 1,000,000 random bit patterns (every finite double equally likely per bit)', () => {
    const rng = createRng(20260401);
    const n = 1_000_000;
    const values = new Float64Array(n);
    const words = new Uint32Array(values.buffer);
    for (let i = 0; i < n; i++) {
      let v: number;
      do {
        words[2 * i] = Math.floor(rng.uniform() * 2 ** 32);
        words[2 * i + 1] = Math.floor(rng.uniform() * 2 ** 32);
        v = values[i]!;
      } while (!Number.isFinite(v));
    }
    expect(mismatches(values)).toEqual([]);
  });

  it('for 1,000,000 score-like values (normal deviates times scales from 1e-3 to 1e3)', () => {
    const rng = createRng(7);
    const n = 1_000_000;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = rng.normal() * 10 ** (rng.int(7) - 3);
    expect(mismatches(values)).toEqual([]);
  });
});

describe('wasmScoreRowsText writes the score rows of segstudio factor', () => {
  it('with NaN and ±Infinity cells, unscored (first value NaN) rows and all-NaN rows, m = 0..7, in blocks from any row', () => {
    const rng = createRng(11);
    for (let m = 0; m <= 7; m++) {
      const n = 300;
      const data = new Float64Array(n * m);
      for (let i = 0; i < data.length; i++) {
        const u = rng.uniform();
        data[i] = u < 0.05 ? NaN : u < 0.08 ? Infinity : u < 0.1 ? -Infinity : u < 0.12 ? 0 : rng.normal();
      }
      for (let r = 0; r < n; r += 17) for (let k = 0; k < m; k++) data[r * m + k] = NaN; // all-NaN rows
      for (let r = 5; r < n; r += 23) if (m > 0) data[r * m] = Infinity; // first cell infinite: a row with a null cell
      const whole = jsRows(data, m, 0, n);
      expect(wasmRows(data, m, 0, n)).toBe(whole);
      // Blocks concatenate to the whole text (the separator belongs to the row after it).
      let text = '';
      for (const [a, b] of [[0, 1], [1, 50], [50, 50], [50, 299], [299, 300]] as const) text += wasmRows(data, m, a, b);
      expect(text).toBe(whole);
    }
  });

  it('is null when the kernels are off (the JavaScript rows serve)', () => {
    setWasmKernels(false);
    expect(wasmScoreRowsText(new Float64Array([1, 2]), 2, 0, 1)).toBeNull();
  });
});

describe('the factor result JSON', () => {
  it('is the same text with the kernels on (score rows as bytes) and off (String(v) rows), and parses to efaResultJson', () => {
    const rng = createRng(5);
    const n = 5000;
    const p = 8;
    const data = new Float64Array(n * p);
    for (let r = 0; r < n; r++) {
      const f = rng.normal();
      for (let j = 0; j < p; j++) data[r * p + j] = Math.round(3 + 0.9 * f + 0.8 * rng.normal());
    }
    for (let h = 0; h < 300; h++) data[rng.int(n) * p + rng.int(p)] = NaN; // unscored respondents: null rows
    const input = { data: itemColumnsOf({ rows: n, cols: p, data }), items: Array.from({ length: p }, (_, j) => `Q${j + 1}`), weights: null };
    const result = drainSteps(efaSteps(input, resolveEfaParams({ seed: 3, nFactors: 2, parallelIterations: 4 })));
    const compiled = efaResultText(result);
    setWasmKernels(false);
    const reference = efaResultText(result);
    setWasmKernels(true);
    expect(compiled).toBe(reference);
    const scores = (JSON.parse(compiled) as { scores: (number[] | null)[] }).scores;
    expect(scores.filter((row) => row === null).length).toBeGreaterThan(100);
    expect(scores).toEqual(efaResultJson(result).scores);
  });
});
