// The command-line contracts of issues 3 and 4 from outside, on a battery not in the repo:
// FIRST:LAST lists, `--json -`, `--factors auto` (every --rotate and --scores value is checked
// against psych in factor-generalisation.test.ts), and bad
// input (unknown column, bad option values, a missing file): a non-zero exit, exactly one line on
// stderr, no stack trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, fixture, jsonOf, segstudioLimited } from './gen-helpers';

const DATA = fixture('likert7_2f_small.csv');
const ITEMS = 'q01,q02,q03,q04,q05,q06,q07,q08,q09,q10,q11,q12';
type Efa = { items: string[]; loadings: number[][]; phi: number[][] | null; scores: ((number | null)[] | null)[]; params: { nFactors: number }; nfactors: { suggested: number } };

beforeAll(() => ensureBuiltCli());

const factor = (...extra: string[]) => segstudioLimited('factor', '--data', DATA, '--seed', '3', '--json', '-', ...extra);

describe('segstudio factor contract from outside', () => {
  it.concurrent('FIRST:LAST equals the comma-separated list, in file order', async () => {
    const [range, list] = await Promise.all([factor('--items', 'q01:q12', '--factors', '2'), factor('--items', ITEMS, '--factors', '2')]);
    const a = jsonOf<Efa>(range);
    const b = jsonOf<Efa>(list);
    expect(a.items).toEqual(ITEMS.split(','));
    expect(a.loadings).toEqual(b.loadings);
  });

  it.concurrent('--factors auto uses the suggested count and records it', async () => {
    const json = jsonOf<Efa>(await factor('--items', 'q01:q12', '--factors', 'auto'));
    expect(json.params.nFactors).toBe(json.nfactors.suggested);
    expect(json.loadings[0]).toHaveLength(json.nfactors.suggested);
  });
  // Every --rotate and --scores value runs against psych in factor-generalisation.test.ts.
});

const BAD: [string, string[]][] = [
  ['unknown column', ['factor', '--data', DATA, '--items', 'q01,q99,q03', '--json', '-']],
  ['range with an unknown end', ['factor', '--data', DATA, '--items', 'q01:zz', '--json', '-']],
  ['--rotate spin', ['factor', '--data', DATA, '--items', 'q01:q12', '--rotate', 'spin', '--json', '-']],
  ['--method foo', ['factor', '--data', DATA, '--items', 'q01:q12', '--method', 'foo', '--json', '-']],
  ['--cor spearman', ['factor', '--data', DATA, '--items', 'q01:q12', '--cor', 'spearman', '--json', '-']],
  ['--missing mean', ['factor', '--data', DATA, '--items', 'q01:q12', '--missing', 'mean', '--json', '-']],
  ['--scores anderson', ['factor', '--data', DATA, '--items', 'q01:q12', '--scores', 'anderson', '--json', '-']],
  ['--factors 0', ['factor', '--data', DATA, '--items', 'q01:q12', '--factors', '0', '--json', '-']],
  ['--factors two', ['factor', '--data', DATA, '--items', 'q01:q12', '--factors', 'two', '--json', '-']],
  ['--factors 12 of 12 items', ['factor', '--data', DATA, '--items', 'q01:q12', '--factors', '12', '--json', '-']],
  ['--seed -1', ['factor', '--data', DATA, '--items', 'q01:q12', '--seed', '-1', '--json', '-']],
  ['missing file', ['factor', '--data', fixture('no-such-file.csv'), '--items', 'q01:q12', '--json', '-']],
  ['missing --items', ['factor', '--data', DATA, '--json', '-']],
  ['unknown option', ['factor', '--data', DATA, '--items', 'q01:q12', '--rotation', 'varimax', '--json', '-']],
  ['lpa --models XYZ', ['lpa', '--data', fixture('profiles_3.csv'), '--vars', 'x1:x3', '--models', 'EII,XYZ', '--json', '-']],
  ['lpa --classes 4-2', ['lpa', '--data', fixture('profiles_3.csv'), '--vars', 'x1:x3', '--classes', '4-2', '--json', '-']],
  ['lpa unknown variable', ['lpa', '--data', fixture('profiles_3.csv'), '--vars', 'x1,x9', '--json', '-']],
  ['lca --indicators binary', ['lca', '--data', fixture('lca_3class.csv'), '--items', 'i1:i8', '--indicators', 'binary', '--json', '-']],
  ['lca --starts many', ['lca', '--data', fixture('lca_3class.csv'), '--items', 'i1:i8', '--starts', 'many', '--json', '-']],
  ['lca --weights unknown', ['lca', '--data', fixture('lca_3class.csv'), '--items', 'i1:i8', '--weights', 'wt', '--json', '-']],
  ['kmeans --classes 0-3', ['kmeans', '--data', fixture('profiles_3.csv'), '--vars', 'x1:x3', '--classes', '0-3', '--json', '-']],
];

describe('bad input exits non-zero with one line on stderr and no stack trace', () => {
  it.concurrent.each(BAD)('%s', async (_label, args) => {
    const run = await segstudioLimited(...args);
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split(/\r?\n/);
    expect(lines, run.stderr).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at |Error: .*\n/);
    expect(lines[0]!.length).toBeGreaterThan(20);
  });
});
