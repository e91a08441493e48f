// The `segstudio factor` contract (issue 3 §2), checked on the built CLI bundle as users run it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oraclePath, readOracleJson } from '../oracle/oracle-files';
import type { OracleMatrix } from '../oracle/oracle-files';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'core/node/bin/segstudio.cjs');
const BUNDLE = join(ROOT, 'out/cli/main.cjs');
const BFI = oraclePath('data', 'bfi.csv');

function segstudio(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
}

function newestSource(): number {
  const dirs = [join(ROOT, 'core/factor'), join(ROOT, 'core/node/cli/commands')];
  return Math.max(...dirs.flatMap((d) => readdirSync(d).map((f) => statSync(join(d, f)).mtimeMs)));
}

beforeAll(() => {
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestSource()) {
    const build = spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build:cli failed: ${build.stderr}`);
  }
});

describe('segstudio factor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segstudio-factor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same JSON, byte for byte, with a helper thread (--workers 1) and without (--workers 0)', () => {
    const outputs = ['0', '1'].map((workers) => {
      const out = join(dir, `bfi-workers-${workers}.json`);
      const run = segstudio('factor', '--data', BFI, '--items', 'A1:O5', '--factors', 'auto', '--cor', 'polychoric', '--seed', '5', '--workers', workers, '--json', out);
      expect(run.status).toBe(0);
      return readFileSync(out);
    });
    expect(outputs[1]!.equals(outputs[0]!)).toBe(true);
    expect(JSON.parse(outputs[0]!.toString('utf8')).scores).toHaveLength(2800);
    expect(segstudio('factor', '--data', BFI, '--items', 'A1:O5', '--workers', 'two', '--json', join(dir, 'x.json')).status).toBe(2);
  });

  it('writes every contract field, matching psych on bfi (minres, oblimin, 5 factors)', () => {
    const out = join(dir, 'bfi.json');
    const run = segstudio('factor', '--data', BFI, '--items', 'A1:O5', '--factors', '5', '--method', 'minres', '--rotate', 'oblimin', '--cor', 'pearson', '--missing', 'pairwise', '--scores', 'regression', '--seed', '42', '--json', out);
    expect(run.stderr).toMatch(/\[rows-unscored\] 364 of 2800/);
    expect(run.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    for (const key of ['items', 'n', 'loadings', 'structure', 'phi', 'communalities', 'uniquenesses', 'eigenvalues', 'varianceExplained', 'fit', 'kmo', 'bartlett', 'nfactors', 'scores', 'reliability', 'seed', 'notices']) {
      expect(json).toHaveProperty(key);
    }
    expect(json.items).toHaveLength(25);
    expect(json.items[0]).toBe('A1');
    expect(json.n).toBe(2800);
    expect(json.seed).toBe(42);
    expect(json.loadings).toHaveLength(25);
    expect(json.loadings[0]).toHaveLength(5);
    expect(json.phi).toHaveLength(5);
    expect(Object.keys(json.fit)).toEqual(expect.arrayContaining(['rmsr', 'rmsea', 'tli', 'bic', 'chiSquare', 'df']));
    expect(json.fit.df).toBe(185);
    expect(json.fit.rmsr).toBeCloseTo(0.0289845, 4);
    expect(json.kmo.overall).toBeCloseTo(0.846, 3);
    expect(json.kmo.items).toHaveLength(25);
    expect(json.bartlett.df).toBe(300);
    expect(Object.keys(json.nfactors)).toEqual(expect.arrayContaining(['kaiser', 'parallel', 'map', 'suggested']));
    expect(json.scores).toHaveLength(2800);
    const oracle = readOracleJson<{ scores_first_rows: OracleMatrix; communality_h2: { values: number[] } }>('bfi_fa_minres_oblimin_pairwise.json');
    json.communalities.forEach((h: number, i: number) => expect(Math.abs(h - oracle.communality_h2.values[i]!)).toBeLessThan(0.002));
    expect(json.scores[0]).toHaveLength(5);
    const firstAbs = (json.scores[0] as number[]).map(Math.abs).sort();
    const oracleAbs = (oracle.scores_first_rows.values[0] as number[]).map(Math.abs).sort();
    firstAbs.forEach((v, k) => expect(Math.abs(v - oracleAbs[k]!)).toBeLessThan(0.01));
    expect(json.notices.some((n: { code: string }) => n.code === 'rows-unscored')).toBe(true);
  });

  it('writes to standard output with --json -, with psych defaults and a drawn, recorded seed', () => {
    const run = segstudio('factor', '--data', BFI, '--items', 'A1,A2,A3,A4,A5,C1,C2,C3,C4,C5', '--json', '-');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.params).toMatchObject({ method: 'minres', rotation: 'oblimin', correlation: 'pearson', missing: 'pairwise', scores: 'regression' });
    expect(Number.isInteger(json.seed)).toBe(true);
    expect(json.params.nFactors).toBe(json.nfactors.suggested);
    expect(json.loadings[0]).toHaveLength(json.nfactors.suggested);
  });

  it('an orthogonal rotation writes phi: null', () => {
    const run = segstudio('factor', '--data', BFI, '--items', 'A1:C5', '--factors', '2', '--rotate', 'varimax', '--missing', 'listwise', '--scores', 'bartlett', '--seed', '1', '--json', '-');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.phi).toBeNull();
    expect(json.n).toBeLessThan(2800);
  });

  it('unknown items and impossible factor counts exit 2 with one clear line', () => {
    const unknown = segstudio('factor', '--data', BFI, '--items', 'A1,Z9', '--json', '-');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Column 'Z9' is not in/);
    const tooMany = segstudio('factor', '--data', BFI, '--items', 'A1:A5', '--factors', '5', '--seed', '1', '--json', '-');
    expect(tooMany.status).toBe(2);
    expect(tooMany.stderr).toMatch(/fewer factors than items/);
    const badRotation = segstudio('factor', '--data', BFI, '--items', 'A1:A5', '--rotate', 'spin', '--json', '-');
    expect(badRotation.status).toBe(2);
    expect(badRotation.stderr).toMatch(/--rotate' must be one of none, varimax/);
  });

  it("--score-missing available scores respondents with gaps and says how many; the default JSON has no score-missing fields", () => {
    const base = ['factor', '--data', BFI, '--items', 'A1:O5', '--factors', '5', '--seed', '42', '--json', '-'];
    const run = segstudio(...base, '--score-missing', 'available');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/\[info\] 360 of 2800 respondents left some items unanswered and were scored from the items they answered/);
    expect(run.stderr).toMatch(/\[rows-unscored\] 4 of 2800 respondents answered fewer than 50%/);
    const json = JSON.parse(run.stdout);
    expect(json.params).toMatchObject({ scoreMissing: 'available', scoreMinObservedShare: 0.5 });
    expect(json.scores.filter((row: unknown) => row === null)).toHaveLength(4);
    const psych = JSON.parse(segstudio(...base).stdout);
    expect(psych.params).not.toHaveProperty('scoreMissing');
    psych.scores.forEach((row: number[] | null, r: number) => {
      if (row !== null) expect(json.scores[r]).toEqual(row);
    });
    const bad = segstudio(...base, '--score-missing', 'mean');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--score-missing' must be one of none, available/);
  });

  it('a constant item exits 2 naming it', () => {
    const file = join(dir, 'constant.csv');
    const rows = ['a,b,c,d', ...Array.from({ length: 50 }, (_, r) => `${(r % 5) + 1},${((r * 3) % 5) + 1},4,${((r * 7) % 5) + 1}`)];
    writeFileSync(file, rows.join('\n'));
    const run = segstudio('factor', '--data', file, '--items', 'a:d', '--factors', '1', '--seed', '1', '--json', '-');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Item 'c' has the same answer/);
  });
});
