// Issue 4 "the engine generalises": `segstudio lpa`, spawned as an outside checker calls it,
// against mclust::Mclust (six models EII..VVV, G = 1..5) on data that are not in ../shared/oracle.
// Per model × G: our best log-likelihood ≥ R's − 0.01, npar equal, and where we reach the same
// maximum (|Δℓ| ≤ 0.01) our BIC (−2ℓ + npar ln N) within 0.1 of −(mclust's BIC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, fixture, jsonOf, readRJson, segstudioLimited } from './gen-helpers';

type RTable = { n: number; vars: string[]; best: { model: string; G: number; bic_mclust: number }; table: { model: string; G: number; bic_mclust: number | null; npar: number; logLik: number | null }[] };
type OurModel = { model: string; classes: number; logLik: number; npar: number; bic: number; sizes: number[]; startsRun: number; startsFailed: number };
type Ours = { n: number; models: OurModel[]; selected: unknown; notices: { code: string }[] };

const CASES = [
  { name: 'profiles_3', vars: 'x1:x3', extra: [] as string[] },
  { name: 'epi_bfi', vars: 'bdi,traitanx,epiNeur', extra: [] as string[] },
  // sat.act has 13 missing SATQ; mclust needs complete rows, so the contract's listwise mode.
  { name: 'sat_act', vars: 'ACT:SATQ', extra: ['--missing', 'listwise'] },
] as const;
const summary: string[] = [];

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
    for (const row of r.table) {
      const mine = ours.models.find((m) => m.model === row.model && m.classes === row.G);
      if (mine === undefined) {
        problems.push(`${row.model} G=${row.G}: no model in our output`);
        continue;
      }
      if (mine.npar !== row.npar) problems.push(`${row.model} G=${row.G}: npar ${mine.npar} vs mclust ${row.npar}`);
      if (row.logLik === null) continue; // mclust could not fit it (singular)
      const shortfall = row.logLik - mine.logLik;
      worstShortfall = Math.max(worstShortfall, shortfall);
      if (shortfall > 0.01) problems.push(`${row.model} G=${row.G}: logLik ${mine.logLik.toFixed(3)} < mclust ${row.logLik.toFixed(3)}`);
      if (Math.abs(shortfall) <= 0.01) {
        same++;
        const dBic = Math.abs(mine.bic + row.bic_mclust!);
        worstBic = Math.max(worstBic, dBic);
        if (dBic > 0.1) problems.push(`${row.model} G=${row.G}: BIC ${mine.bic.toFixed(3)} vs −mclust ${(-row.bic_mclust!).toFixed(3)}`);
      } else if (shortfall < 0) higher++;
    }
    summary.push(`${name}: ${r.table.length} model×G, same maximum ${same}, higher than mclust ${higher}, worst (R − ours) ℓ ${worstShortfall.toExponential(1)}, worst |ΔBIC| ${worstBic.toExponential(1)}${problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''}`);
    expect(problems).toEqual([]);
  });
});
