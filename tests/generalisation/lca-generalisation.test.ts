// Issue 4 "the engine generalises" for `segstudio lca` (no poLCA on this machine): internal
// consistency on simulated latent-class data with known truth (lca_3class.csv, make-fixtures.R):
// recovery of the true item probabilities within sampling error, ARI against the true classes at
// least that of the true parameters' own modal assignment, the same result on shuffled rows,
// integer --weights equal to duplicated rows, and --missing fiml vs listwise as documented.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustedRandIndex, ensureBuiltCli, fixture, jsonOf, permutations, readRJson, segstudioLimited } from './gen-helpers';

type Truth = { shares: number[]; item_probs: number[][][]; items: string[] };
type Model = { classes: number; logLik: number; npar: number; sizes: number[]; itemProbs: Record<string, number[][]>; assignments?: (number | null)[] };
type Ours = { n: number; models: Model[]; assignments: (number | null)[]; notices: { code: string }[] };

const FILE = fixture('lca_3class.csv');
const truth = readRJson<Truth>('lca_3class');
const lines = readFileSync(FILE, 'utf8').trim().split(/\r?\n/);
const header = lines[0]!.split(',').map((h) => h.replace(/"/g, ''));
const rows = lines.slice(1).map((l) => l.split(',').map((c) => (c === '' ? null : Number(c))));
const col = (name: string): (number | null)[] => rows.map((r) => r[header.indexOf(name)]!);
const trueClass = col('truth') as number[];
const dir = mkdtempSync(join(tmpdir(), 'segstudio-gen-lca-'));
const summary: string[] = [];

beforeAll(() => ensureBuiltCli());
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log(`lca generalisation:\n${summary.join('\n')}`);
});

const lca = async (file: string, ...extra: string[]): Promise<Ours> =>
  jsonOf<Ours>(await segstudioLimited('lca', '--data', file, '--items', 'i1:i8', '--classes', '3-3', '--indicators', 'nominal', '--starts', '5', '--max-iter', '5000', '--seed', '5', ...extra, '--json', '-'));

/** Our class k ↔ true class order[k], by least squared difference of item probabilities. */
function matchToTruth(model: Model): number[] {
  let best: number[] = [];
  let bestCost = Infinity;
  for (const perm of permutations(3)) {
    let cost = 0;
    truth.items.forEach((item, j) => perm.forEach((t, k) => model.itemProbs[item]![k]!.forEach((p, c) => (cost += (p - truth.item_probs[j]![t]![c]!) ** 2))));
    if (cost < bestCost) [best, bestCost] = [perm, cost];
  }
  return best;
}

/** Modal class (0-based) of each respondent under the TRUE parameters, missing answers dropping out. */
function trueModalClasses(): number[] {
  return rows.map((_, r) => {
    const logPost = truth.shares.map((share, k) => {
      let lp = Math.log(share);
      truth.items.forEach((item, j) => {
        const x = col(item)[r];
        if (x !== null && x !== undefined) lp += Math.log(truth.item_probs[j]![k]![x - 1]!);
      });
      return lp;
    });
    return logPost.indexOf(Math.max(...logPost));
  });
}

function maxProbDiff(a: Model, b: Model): number {
  let worst = 0;
  for (const item of truth.items) a.itemProbs[item]!.forEach((row, k) => row.forEach((p, c) => (worst = Math.max(worst, Math.abs(p - b.itemProbs[item]![k]![c]!)))));
  return worst;
}

describe('lca on simulated classes with known truth (not in the oracle)', () => {
  it.concurrent('recovers the true item probabilities and classes', async () => {
    const ours = await lca(FILE);
    const model = ours.models[0]!;
    expect(ours.n).toBe(2000);
    const order = matchToTruth(model);
    let worstZ = 0;
    truth.items.forEach((item, j) =>
      order.forEach((t, k) => {
        const nk = 2000 * truth.shares[t]! * 0.96; // answers of that class to one item (4 % missing)
        model.itemProbs[item]![k]!.forEach((p, c) => {
          const q = truth.item_probs[j]![t]![c]!;
          worstZ = Math.max(worstZ, Math.abs(p - q) / Math.sqrt((q * (1 - q)) / nk));
        });
      }),
    );
    // 8 items × 3 classes × 3 categories = 72 estimates: |z| < 4.5 holds with probability > 0.999
    // under the sampling error of the true classes (latent classes only add a little to it).
    const shareDiff = Math.max(...order.map((t, k) => Math.abs(model.sizes[k]! - truth.shares[t]!)));
    const ari = adjustedRandIndex(ours.assignments.map((a) => (a === null ? null : order[a - 1]!)), trueClass.map((t) => t - 1));
    const ariTrueParams = adjustedRandIndex(trueModalClasses(), trueClass.map((t) => t - 1));
    summary.push(`recovery: worst |z| of item probabilities ${worstZ.toFixed(2)}, max |Δshare| ${shareDiff.toFixed(3)}, ARI vs truth ${ari.toFixed(4)} (true parameters' own modal assignment ${ariTrueParams.toFixed(4)})`);
    expect(worstZ).toBeLessThan(4.5);
    expect(shareDiff).toBeLessThan(0.05);
    expect(ari).toBeGreaterThanOrEqual(ariTrueParams - 0.02);
  });

  it.concurrent('gives the same solution on shuffled rows', async () => {
    const perm = rows.map((_, i) => i).sort((a, b) => ((a * 7919) % 2003) - ((b * 7919) % 2003));
    const shuffled = join(dir, 'shuffled.csv');
    writeFileSync(shuffled, [lines[0], ...perm.map((i) => lines[i + 1])].join('\n'));
    const [a, b] = await Promise.all([lca(FILE), lca(shuffled)]);
    const ma = a.models[0]!;
    const mb = b.models[0]!;
    const dLL = Math.abs(ma.logLik - mb.logLik);
    const dProb = maxProbDiff(ma, mb);
    const sameAssignments = perm.every((orig, newRow) => b.assignments[newRow] === a.assignments[orig]);
    summary.push(`shuffled rows: |Δℓ| ${dLL.toExponential(1)}, max |Δprob| ${dProb.toExponential(1)}, identical assignments ${sameAssignments}`);
    expect(dLL).toBeLessThan(1e-6);
    expect(dProb).toBeLessThan(1e-4);
    expect(sameAssignments).toBe(true);
  });

  it.concurrent('integer --weights equal duplicated rows', async () => {
    const w = col('w') as number[];
    const subset = rows.slice(0, 500).map((_, i) => i);
    const weighted = join(dir, 'weighted.csv');
    const duplicated = join(dir, 'duplicated.csv');
    writeFileSync(weighted, [lines[0], ...subset.map((i) => lines[i + 1])].join('\n'));
    writeFileSync(duplicated, [lines[0], ...subset.flatMap((i) => Array.from({ length: w[i]! }, () => lines[i + 1]))].join('\n'));
    const [a, b] = await Promise.all([lca(weighted, '--weights', 'w'), lca(duplicated)]);
    const ma = a.models[0]!;
    const mb = b.models[0]!;
    const totalW = subset.reduce((s, i) => s + w[i]!, 0);
    const dProb = maxProbDiff(ma, mb);
    const dShare = Math.max(...ma.sizes.map((s, k) => Math.abs(s - mb.sizes[k]!)));
    // Weights are rescaled to mean 1 (lca --help), so ℓ_weighted = ℓ_duplicated · n / Σw.
    const dLL = Math.abs(ma.logLik - (mb.logLik * subset.length) / totalW);
    summary.push(`weights vs duplicated rows (500 rows, Σw ${totalW}): max |Δprob| ${dProb.toExponential(1)}, max |Δshare| ${dShare.toExponential(1)}, |ℓ_w − ℓ_dup·n/Σw| ${dLL.toExponential(1)}`);
    expect(dProb).toBeLessThan(1e-4);
    expect(dShare).toBeLessThan(1e-4);
    expect(dLL).toBeLessThan(1e-3);
  });

  it.concurrent('--missing fiml keeps every respondent; listwise drops the incomplete ones', async () => {
    const [fiml, listwise] = await Promise.all([lca(FILE, '--missing', 'fiml'), lca(FILE, '--missing', 'listwise')]);
    const complete = rows.map((r) => truth.items.every((item) => r[header.indexOf(item)] !== null));
    const nComplete = complete.filter(Boolean).length;
    expect(fiml.n).toBe(2000);
    expect(fiml.assignments.every((a) => a !== null)).toBe(true);
    expect(listwise.n).toBe(nComplete);
    expect(listwise.assignments).toHaveLength(2000);
    listwise.assignments.forEach((a, r) => expect(a === null, `row ${r + 1}`).toBe(!complete[r]));
    // Under MCAR both estimate the same model: parameters agree within sampling error.
    const order = matchToTruth(fiml.models[0]!);
    const orderL = matchToTruth(listwise.models[0]!);
    let worst = 0;
    for (const item of truth.items) {
      order.forEach((t, k) => {
        const kl = orderL.indexOf(t);
        fiml.models[0]!.itemProbs[item]![k]!.forEach((p, c) => (worst = Math.max(worst, Math.abs(p - listwise.models[0]!.itemProbs[item]![kl]![c]!))));
      });
    }
    summary.push(`fiml n 2000 vs listwise n ${nComplete}: max |Δprob| ${worst.toFixed(3)}`);
    expect(worst).toBeLessThan(0.06);
  });
});
