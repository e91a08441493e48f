// Issue 4 "the engine generalises": `segstudio lpa`, spawned as an outside checker calls it,
// against mclust::Mclust (six models EII..VVV, G = 1..5) on data that are not in ../shared/oracle.
// Per model × G: our best log-likelihood ≥ R's − 0.01, npar equal, and where we reach the same
// maximum (|Δℓ| ≤ 0.01) our BIC (−2ℓ + npar ln N) within 0.1 of −(mclust's BIC). "R's" maximum is
// mclust's EM continued from its own classification to a tolerance of 1e-10 (make-fixtures.R):
// at its default 1e-5 mclust often stops short of the maximum (and once on the way to a singular
// covariance, which is then reported, not compared).
// Where mclust's own answer depends on the order of the rows (its hierarchical start breaks tied
// merge costs by row order: integer scores tie often), <name>.row-order.json records Mclust on 40
// row shuffles (row-order-study.R). For those cells the reference is that distribution: our
// maximum must reach at least its upper quartile, and the test prints how often mclust did better.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, fixture, jsonOf, readRJson, segstudioLimited } from './gen-helpers';

type RTable = { n: number; vars: string[]; best: { model: string; G: number; bic_mclust: number }; table: { model: string; G: number; bic_mclust: number | null; npar: number; logLik: number | null; logLik_tight: number | null }[] };
type OurModel = { failed?: boolean; model: string; classes: number; logLik: number; npar: number; bic: number; sizes: number[]; startsRun: number; startsFailed: number };
type Ours = { n: number; models: OurModel[]; selected: unknown; notices: { code: string }[] };

const CASES = [
  { name: 'profiles_3', vars: 'x1:x3', extra: [] as string[] },
  { name: 'epi_bfi', vars: 'bdi,traitanx,epiNeur', extra: [] as string[] },
  // sat.act has 13 missing SATQ; mclust needs complete rows, so the contract's listwise mode.
  { name: 'sat_act', vars: 'ACT:SATQ', extra: ['--missing', 'listwise'] },
] as const;
const summary: string[] = [];

type RowOrderStudy = { cells: { model: string; G: number; shuffles: number; logLik: (number | null)[] }[] };
function rowOrderStudy(name: string): RowOrderStudy | null {
  const path = fixture(`${name}.row-order.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RowOrderStudy) : null;
}
function upperQuartile(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(0.75 * (sorted.length - 1))]!;
}

beforeAll(() => ensureBuiltCli());
afterAll(() => console.log(`lpa generalisation vs mclust:\n${summary.join('\n')}`));

describe.each(CASES)('lpa on $name (not in the oracle)', ({ name, vars, extra }) => {
  it.concurrent('reaches mclust’s maximum for every model × G, with its npar and BIC', async () => {
    const r = readRJson<{ mclust: RTable }>(name).mclust;
    const ours = jsonOf<Ours>(await segstudioLimited('lpa', '--data', fixture(`${name}.csv`), '--vars', vars, '--classes', '1-5', '--models', 'EII,VII,EEI,VVI,EEE,VVV',
      '--starts', '10', '--seed', '11', ...extra, '--json', '-'));
    expect(ours.n).toBe(r.n);
    let worstShortfall = 0;
    let worstBic = 0;
    let same = 0;
    let higher = 0;
    const problems: string[] = [];
    const degenerate: string[] = [];
    const orderDependent: string[] = [];
    const study = rowOrderStudy(name);
    for (const row of r.table) {
      const mine = ours.models.find((m) => m.model === row.model && m.classes === row.G);
      if (mine === undefined) {
        problems.push(`${row.model} G=${row.G}: no model in our output`);
        continue;
      }
      if (row.logLik === null) continue; // mclust could not fit it either (singular covariance)
      if (row.logLik_tight === null) {
        // mclust's value is a point on EM's way to a singular covariance (its loose tolerance
        // stopped it there); run on, mclust itself ends singular. No maximum to reach.
        degenerate.push(`${row.model} G=${row.G}: ${mine.failed === true ? 'no fit' : `ours ${mine.logLik.toFixed(3)}`} (mclust ${row.logLik.toFixed(3)} at tol 1e-5, singular at 1e-10)`);
        continue;
      }
      if (mine.failed === true) {
        problems.push(`${row.model} G=${row.G}: we report no fit, mclust reaches ${row.logLik_tight.toFixed(3)}`);
        continue;
      }
      if (mine.npar !== row.npar) problems.push(`${row.model} G=${row.G}: npar ${mine.npar} vs mclust ${row.npar}`);
      const shortfall = row.logLik_tight - mine.logLik;
      const shuffled = study?.cells.find((c) => c.model === row.model && c.G === row.G);
      if (shuffled !== undefined && shortfall > 0.01) {
        const reached = shuffled.logLik.filter((v): v is number => v !== null);
        const reference = upperQuartile(reached);
        const better = reached.filter((v) => v > mine.logLik + 0.01).length;
        orderDependent.push(`${row.model} G=${row.G}: ours ${mine.logLik.toFixed(3)}, mclust on the file's order ${row.logLik_tight.toFixed(3)}, higher than ours in ${better} of ${shuffled.shuffles} row orders`);
        if (mine.logLik < reference - 0.01) problems.push(`${row.model} G=${row.G}: logLik ${mine.logLik.toFixed(3)} below the upper quartile ${reference.toFixed(3)} of mclust over row orders`);
        continue;
      }
      worstShortfall = Math.max(worstShortfall, shortfall);
      if (shortfall > 0.01) problems.push(`${row.model} G=${row.G}: logLik ${mine.logLik.toFixed(3)} < mclust ${row.logLik_tight.toFixed(3)}`);
      const loose = Math.abs(row.logLik - mine.logLik) <= 0.01;
      if (loose || Math.abs(shortfall) <= 0.01) {
        same++;
        // mclust's BIC (2ℓ − npar ln n) at the same maximum, sign flipped to ours.
        const theirs = loose ? -row.bic_mclust! : -2 * row.logLik_tight + row.npar * Math.log(r.n);
        const dBic = Math.abs(mine.bic - theirs);
        worstBic = Math.max(worstBic, dBic);
        if (dBic > 0.1) problems.push(`${row.model} G=${row.G}: BIC ${mine.bic.toFixed(3)} vs mclust ${theirs.toFixed(3)}`);
      } else if (shortfall < 0) higher++;
    }
    summary.push(`${name}: ${r.table.length} model×G, same maximum ${same}, higher than mclust ${higher}, worst (R − ours) ℓ ${worstShortfall.toExponential(1)}, worst |ΔBIC| ${worstBic.toExponential(1)}${degenerate.length ? `; degenerate in mclust: ${degenerate.join('; ')}` : ''}${orderDependent.length ? `; mclust row-order dependent: ${orderDependent.join('; ')}` : ''}${problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''}`);
    expect(problems).toEqual([]);
  });
});
