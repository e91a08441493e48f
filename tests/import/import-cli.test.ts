// The `segstudio import` contract (issue 2 §3), checked on the built CLI bundle as users run it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './import-helpers';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'core/node/bin/segstudio.cjs');
const BUNDLE = join(ROOT, 'out/cli/main.cjs');

function segstudio(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}

beforeAll(() => {
  const sources = join(ROOT, 'core/node/cli/commands/import.ts');
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < statSync(sources).mtimeMs) {
    const build = spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build:cli failed: ${build.stderr}`);
  }
});

describe('segstudio import --data FILE --json OUT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segstudio-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the codebook, format, encoding, delimiter, quality flags and notices', () => {
    const out = join(dir, 'codebook.json');
    const run = segstudio('import', '--data', fixture('quality.csv'), '--json', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json).toMatchObject({ rows: 40, format: 'csv', encoding: 'utf-8', delimiter: ',', weight: 'weight', id: 'respondent_id' });
    expect(json.columns.map((c: { name: string }) => c.name)).toEqual(['respondent_id', 'weight', 'duration', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6']);
    for (const c of json.columns) expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'label', 'measurement', 'valueLabels', 'missingCodes', 'missingCount']));
    expect(json.columns.find((c: { name: string }) => c.name === 'i3').missingCount).toBe(2);
    expect(json.quality.battery).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6']);
    expect(json.quality.durationColumn).toBe('duration');
    expect(json.quality.counts).toEqual({ 'straight-line': 2, missing: 1, speeder: 2, 'duplicate-id': 2, flagged: 6 });
    const byRow = new Map(json.quality.flagged.map((f: { row: number; reasons: string[] }) => [f.row, f.reasons]));
    expect(byRow.get(6)).toEqual(['speeder']);
    expect(byRow.get(7)).toEqual(['speeder', 'duplicate-id']);
    expect(byRow.get(11)).toEqual(['straight-line']);
    expect(byRow.get(12)).toEqual(['straight-line']);
    expect(byRow.get(21)).toEqual(['missing']);
    expect(byRow.get(40)).toEqual(['duplicate-id']);
    expect(json.notices.map((n: { code: string }) => n.code)).toContain('quality-flag');
  });

  it('writes to standard output with --json -', () => {
    const run = segstudio('import', '--data', fixture('windows1252.csv'), '--json', '-');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ rows: 3, encoding: 'windows-1252', delimiter: ';' });
  });

  it('reads an Excel sheet by name', () => {
    const run = segstudio('import', '--data', fixture('two-sheets.xlsx'), '--sheet', 'Wave 2', '--json', '-');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 3, format: 'xlsx', sheet: 'Wave 2' });
  });

  const broken = ['ragged.csv', 'unclosed-quote.csv', 'binary-junk.csv', 'nul-bytes.csv', 'empty.csv', 'header-only.csv', 'fake.sav', 'truncated.sav'];
  for (const name of broken) {
    it(`refuses broken/${name} with one line on stderr, exit 2, no output file, no stack trace`, () => {
      const out = join(dir, `${name}.json`);
      const run = segstudio('import', '--data', fixture(`broken/${name}`), '--json', out);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^segstudio import: .*${name.replace('.', '\\.')}`));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('has --help', () => {
    const run = segstudio('import', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--data FILE/);
    expect(run.stdout).toMatch(/--sheet NAME/);
  });
});
