/**
 * The lca, lpa and kmeans commands as checks call them: the built CLI in a child process, the JSON
 * contract (models with their statistics, item probabilities or means/covariances, assignments in
 * file row order, posteriors on request, selected, seed, notices), and exit code 2 with one line
 * for input the user can fix.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { oraclePath, readOracleJson } from '../oracle/oracle-files';
import { CLI_LAUNCHER, ensureBuiltCli } from './built-cli';

const dir = mkdtempSync(join(tmpdir(), 'segstudio-segment-'));

function cli(args: string[]): { status: number | null; stderr: string; json: Record<string, unknown> | null } {
  const out = join(dir, `${args[0]}-${Math.random().toString(36).slice(2)}.json`);
  const result = spawnSync(process.execPath, [CLI_LAUNCHER, ...args, '--json', out], { encoding: 'utf8' });
  let json: Record<string, unknown> | null = null;
  if (result.status === 0) json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  return { status: result.status, stderr: result.stderr, json };
}

type Entry = Record<string, unknown> & { classes: number; bic: number; logLik: number; sizes: number[]; assignments: (number | null)[] };
const STAT_FIELDS = ['classes', 'logLik', 'npar', 'aic', 'bic', 'sabic', 'caic', 'entropy', 'sizes', 'bestLogLikReplicated', 'startsRun', 'startsFailed', 'converged', 'iterations', 'assignments'];

beforeAll(() => ensureBuiltCli());

describe('segstudio lpa', () => {
  test('fits every model × K, reports the comparison fields, means and covariances, and selects by BIC', () => {
    const { status, json, stderr } = cli(['lpa', '--data', oraclePath('data', 'banknote.csv'), '--vars', 'Length:Diagonal', '--classes', '1-3', '--models', 'EEE,VVV', '--starts', '6', '--seed', '11', '--posteriors']);
    expect(status, stderr).toBe(0);
    const models = json!['models'] as (Entry & { model: string; means: number[][]; covariances: number[][][] })[];
    expect(models.map((m) => `${m.model}${m.classes}`)).toEqual(['EEE1', 'EEE2', 'EEE3', 'VVV1', 'VVV2', 'VVV3']);
    for (const m of models) {
      for (const field of STAT_FIELDS) expect(m, field).toHaveProperty(field);
      expect(m.means).toHaveLength(m.classes);
      expect(m.covariances[0]).toHaveLength(6);
      expect(m.assignments).toHaveLength(200);
      for (let c = 1; c < m.sizes.length; c++) expect(m.sizes[c]!).toBeLessThanOrEqual(m.sizes[c - 1]!);
    }
    const eee3 = models[2]!;
    expect(Math.abs(eee3.bic - 1613.47)).toBeLessThan(0.1); // mclust: −1613.47 (its sign)
    expect(json!['selected']).toBe(3);
    expect(json!['selectedModel']).toBe('EEE');
    expect(json!['seed']).toBe(11);
    expect((json!['posteriors'] as number[][])[0]).toHaveLength(3);
    expect(Array.isArray(json!['notices'])).toBe(true);
  });

  test('missing values: FIML keeps respondents with some answers, listwise drops them (with a notice)', () => {
    const args = ['lpa', '--data', oraclePath('data', 'bfi.csv'), '--vars', 'A1:A5', '--classes', '1-2', '--models', 'VVI', '--starts', '3', '--seed', '1', '--workers', '0'];
    const fiml = cli(args);
    const listwise = cli([...args, '--missing', 'listwise']);
    expect(fiml.status, fiml.stderr).toBe(0);
    expect(listwise.status, listwise.stderr).toBe(0);
    expect(fiml.json!['n'] as number).toBeGreaterThan(listwise.json!['n'] as number);
    const codes = (r: typeof fiml): string[] => (r.json!['notices'] as { code: string }[]).map((n) => n.code);
    expect(codes(listwise)).toContain('rows-dropped');
    const assigned = (r: typeof fiml): number => ((r.json!['models'] as Entry[])[1]!.assignments.filter((a) => a !== null).length);
    expect(assigned(fiml)).toBe(fiml.json!['n']);
    expect(assigned(listwise)).toBe(listwise.json!['n']);
  });

  test('an unknown variable is an input error: exit 2, one line naming the column', () => {
    const { status, stderr } = cli(['lpa', '--data', oraclePath('data', 'banknote.csv'), '--vars', 'Length,Width', '--classes', '1-2', '--seed', '1']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/Width/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('segstudio lca', () => {
  test('reproduces poLCA on values (K = 1..3) with item probabilities per item', () => {
    const { status, json, stderr } = cli(['lca', '--data', oraclePath('data', 'values.csv'), '--items', 'A:D', '--classes', '1-3', '--indicators', 'nominal', '--starts', '10', '--max-iter', '3000', '--seed', '2']);
    expect(status, stderr).toBe(0);
    const oracle = readOracleJson<{ models: { nclass: number; llik: number }[] }>('polca_values.json');
    const models = json!['models'] as (Entry & { itemProbs: Record<string, number[][]> })[];
    for (const m of models) {
      for (const field of STAT_FIELDS) expect(m, field).toHaveProperty(field);
      const reference = oracle.models.find((r) => r.nclass === m.classes)!;
      expect(m.logLik).toBeGreaterThanOrEqual(reference.llik - 0.01);
      expect(Object.keys(m.itemProbs)).toEqual(['A', 'B', 'C', 'D']);
      expect(m.itemProbs['A']).toHaveLength(m.classes);
    }
    expect(json!['selected']).toBe(2);
    expect((json!['assignments'] as unknown[]).length).toBe(216);
  });

  test('with a covariate: coefficients in each model with K ≥ 2, rows with a missing covariate unassigned', () => {
    const { status, json, stderr } = cli(['lca', '--data', oraclePath('data', 'cheating.csv'), '--items', 'LIEEXAM:COPYEXAM', '--covariates', 'GPA', '--classes', '2', '--indicators', 'nominal', '--starts', '10', '--seed', '3']);
    expect(status, stderr).toBe(0);
    const model = (json!['models'] as (Entry & { coefficients?: { terms: string[] } })[])[0]!;
    expect(model.coefficients?.terms).toEqual(['(Intercept)', 'GPA']);
    expect(model.assignments.filter((a) => a === null)).toHaveLength(4);
    expect(model.logLik).toBeGreaterThanOrEqual(-429.638 - 0.01);
  });
});

describe('segstudio kmeans', () => {
  test('reports within-SS, Calinski–Harabasz, centres and assignments per K', () => {
    const { status, json, stderr } = cli(['kmeans', '--data', oraclePath('data', 'banknote.csv'), '--vars', 'Length:Diagonal', '--classes', '2-4', '--starts', '5', '--seed', '4']);
    expect(status, stderr).toBe(0);
    const models = json!['models'] as (Record<string, unknown> & { classes: number; centres: number[][]; assignments: number[] })[];
    expect(models.map((m) => m.classes)).toEqual([2, 3, 4]);
    for (const m of models) {
      for (const field of ['withinSS', 'calinskiHarabasz', 'sizes', 'startsRun', 'converged', 'iterations']) expect(m).toHaveProperty(field);
      expect(m.centres).toHaveLength(m.classes);
      expect(m.assignments).toHaveLength(200);
    }
    expect(json!['seed']).toBe(4);
    expect(typeof json!['selected']).toBe('number');
  });
});
