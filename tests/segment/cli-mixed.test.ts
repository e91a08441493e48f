/**
 * `segstudio lca --continuous LIST`: the mixed latent class model through the built CLI, on a small
 * simulated survey (3 classes, 4 nominal items, 2 continuous variables). Checks the exit code, BIC
 * selection of the true K, the JSON fields (itemProbs for the items, means and variances for the
 * continuous variables), and that the in-process run (--workers 0) writes the same JSON as the pool.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../../core/random/rng';
import { CLI_LAUNCHER, ensureBuiltCli } from './built-cli';

const dir = mkdtempSync(join(tmpdir(), 'segstudio-mixed-'));

/** 240 respondents, 3 equal-ish classes: items q1..q4 (codes 1..3, the class's favourite category w.p. 0.7), x1, x2 normal with class means 0/3/6. */
function simulatedCsv(): string {
  const rng = createRng(2024);
  const lines = ['q1,q2,q3,q4,x1,x2'];
  for (let i = 0; i < 240; i++) {
    const k = rng.int(3);
    const items = [0, 1, 2, 3].map((j) => {
      const favourite = (k + j) % 3;
      return rng.uniform() < 0.7 ? favourite + 1 : ((favourite + 1 + rng.int(2)) % 3) + 1;
    });
    const x1 = 3 * k + rng.normal();
    const x2 = 3 * ((k + 1) % 3) + 0.8 * rng.normal();
    lines.push([...items, x1.toFixed(4), x2.toFixed(4)].join(','));
  }
  return lines.join('\n') + '\n';
}

const file = join(dir, 'mixed.csv');

function lca(extra: string[]): { status: number | null; stderr: string; stdout: string } {
  const args = ['lca', '--data', file, '--items', 'q1:q4', '--continuous', 'x1,x2', '--classes', '1-3', '--starts', '4', '--seed', '1', '--json', '-', ...extra];
  const result = spawnSync(process.execPath, [CLI_LAUNCHER, ...args], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

beforeAll(() => {
  ensureBuiltCli();
  writeFileSync(file, simulatedCsv());
});

type Entry = { classes: number; bic: number; sizes: number[]; itemProbs: Record<string, number[][]>; means: Record<string, number[]>; variances: Record<string, number[]> };

describe('segstudio lca --continuous', () => {
  test('fits the mixed model, selects K = 3 by BIC, reports itemProbs, means and variances; --workers 0 gives the same JSON', () => {
    const pool = lca(['--workers', '2']);
    expect(pool.status, pool.stderr).toBe(0);
    const json = JSON.parse(pool.stdout) as { selected: number; items: string[]; params: { continuous?: string[] }; models: Entry[]; assignments: (number | null)[] };
    expect(json.selected).toBe(3);
    expect(json.items).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(json.params.continuous).toEqual(['x1', 'x2']);
    expect(json.models.map((m) => m.classes)).toEqual([1, 2, 3]);
    const bics = json.models.map((m) => m.bic);
    expect(bics[2]!).toBeLessThan(Math.min(bics[0]!, bics[1]!));
    const three = json.models[2]!;
    expect(Object.keys(three.itemProbs)).toEqual(['q1', 'q2', 'q3', 'q4']);
    for (const rows of Object.values(three.itemProbs)) {
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
    expect(Object.keys(three.means)).toEqual(['x1', 'x2']);
    // Class means of x1 recover 0, 3, 6 (in some order) within 0.5; variances near 1.
    const x1 = [...three.means['x1']!].sort((a, b) => a - b);
    x1.forEach((m, c) => expect(Math.abs(m - 3 * c)).toBeLessThan(0.5));
    for (const v of three.variances['x1']!) expect(Math.abs(v - 1)).toBeLessThan(0.5);
    expect(json.assignments).toHaveLength(240);

    const inProcess = lca(['--workers', '0']);
    expect(inProcess.status, inProcess.stderr).toBe(0);
    expect(inProcess.stdout).toBe(pool.stdout);
  });

  test('refuses --covariates together with --continuous (exit 2, one line naming both)', () => {
    const r = lca(['--covariates', 'x1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--covariates.*--continuous/);
  });
});
