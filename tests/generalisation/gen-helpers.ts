/**
 * Helpers of the generalisation suite: survey batteries that are not in ../shared/oracle
 * (tests/fixtures/generalisation, made by make-fixtures.R with R's answers beside them), the
 * built command line spawned exactly as an outside checker calls it, and factor alignment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../../core/math/matrix';
import { REPO_ROOT } from '../oracle/oracle-files';
import { CLI_LAUNCHER, ensureBuiltCli } from '../segment/built-cli';

export { ensureBuiltCli };
export const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'generalisation');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function readRJson<T>(name: string): T {
  return JSON.parse(readFileSync(fixture(`${name}.r.json`), 'utf8')) as T;
}

export type CliRun = { status: number | null; stdout: string; stderr: string };

/** `node core/node/bin/segstudio.cjs <args>` as a whole process, synchronously. */
export function segstudio(...args: string[]): CliRun {
  const run = spawnSync(process.execPath, [CLI_LAUNCHER, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, asynchronously, so a test can keep both cores busy with independent runs. */
export function segstudioAsync(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_LAUNCHER, ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let running = 0;
const waiting: (() => void)[] = [];

/** `segstudioAsync` with at most two processes of this test file in flight (a 2-core machine). */
export async function segstudioLimited(...args: string[]): Promise<CliRun> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await segstudioAsync(...args);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Parses the JSON a `--json -` run wrote, failing with its stderr when it did not succeed. */
export function jsonOf<T = Record<string, unknown>>(run: CliRun): T {
  if (run.status !== 0) throw new Error(`segstudio exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

export function rowsToMatrix(rows: readonly (readonly (number | null)[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(r * c);
  rows.forEach((row, i) => row.forEach((v, j) => (data[i * c + j] = v ?? NaN)));
  return { rows: r, cols: c, data };
}

/** Largest |a − b| over paired entries (null/NaN on either side counts as infinite). */
export function maxDev(a: ArrayLike<number | null>, b: ArrayLike<number | null>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? NaN) - (b[i] ?? NaN));
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}

/** Largest relative deviation |a − b| / |b|. */
export function maxRelDev(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-12));
  return worst;
}

/** Adjusted Rand index of two labelings (entries < 0 or null are left out pairwise). */
export function adjustedRandIndex(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  const table = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null || x === undefined || y === undefined) continue;
    n++;
    table.set(`${x}|${y}`, (table.get(`${x}|${y}`) ?? 0) + 1);
    rowSums.set(x, (rowSums.get(x) ?? 0) + 1);
    colSums.set(y, (colSums.get(y) ?? 0) + 1);
  }
  const c2 = (k: number): number => (k * (k - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += c2(v);
  let sa = 0;
  for (const v of rowSums.values()) sa += c2(v);
  let sb = 0;
  for (const v of colSums.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  return (index - expected) / ((sa + sb) / 2 - expected);
}

/** Every permutation of 0..n−1 (n ≤ 7). */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let pos = 0; pos <= rest.length; pos++) out.push([...rest.slice(0, pos), n - 1, ...rest.slice(pos)]);
  }
  return out;
}
