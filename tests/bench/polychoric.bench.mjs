// Polychoric correlation matrix of bfi (25 items) in-process: N = 2,800 and the N = 112,000
// resample (bfi_resample40_idx.csv), timing the tabulation and the Brent fits separately, with
// likelihood evaluations and Brent iterations per pair. Compared with psych::polychoric's recorded
// time (bench-r.json, same machine kind); where Rscript with psych is installed it is also timed
// in this run. The whole-process `segstudio factor --cor polychoric` timing is in factor's bench.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const oracle = process.env.SEGSTUDIO_ORACLE ?? resolve(root, '..', 'shared', 'oracle');

async function loadModule() {
  const dir = mkdtempSync(join(tmpdir(), 'polychoric-bench-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { correlate } from ${JSON.stringify(join(root, 'core/factor/correlation.ts'))};\nexport { polychoricSteps } from ${JSON.stringify(join(root, 'core/factor/correlation-polychoric.ts'))};\nexport { drainSteps } from ${JSON.stringify(join(root, 'core/jobs/run-steps.ts'))};\n`);
  const outfile = join(dir, 'bundle.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
  const mod = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return mod;
}

function readBfi() {
  const lines = readFileSync(join(oracle, 'data', 'bfi.csv'), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  return lines.slice(1).map((line) => line.split(',').slice(0, 25).map((c) => (c === '' || c === 'NA' ? NaN : Number(c))));
}

function toMatrix(rows) {
  const data = new Float64Array(rows.length * 25);
  rows.forEach((row, i) => data.set(row, i * 25));
  return { rows: rows.length, cols: 25, data };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const { correlate, polychoricSteps, drainSteps } = await loadModule();
const bfi = readBfi();
const idx = readFileSync(join(oracle, 'data', 'bfi_resample40_idx.csv'), 'utf8').split(/\r?\n/).slice(1).filter((l) => l.length > 0).map((l) => Number(l) - 1);
const bench = JSON.parse(readFileSync(join(oracle, 'bench-r.json'), 'utf8'));
const rPolychoric = bench.benchmarks.find((b) => b.name === 'polychoric_bfi_default_cores')?.median_elapsed_s;
const rOneCore = bench.benchmarks.find((b) => b.name === 'polychoric_bfi_1core')?.median_elapsed_s;

const rIn = (seconds) => (rPolychoric ? `  vs psych recorded in bench-r.json: ${rPolychoric.toFixed(2)} s on 2 cores → ${(rPolychoric / seconds).toFixed(1)}× faster; ${rOneCore?.toFixed(2)} s on 1 core → ${(rOneCore / seconds).toFixed(1)}×` : '');
let oursBfi = NaN;

for (const [label, rows] of [['bfi N=2,800', bfi], ['bfi x40 N=112,000', idx.map((r) => bfi[r])]]) {
  const X = toMatrix(rows);
  correlate(X, { method: 'polychoric', missing: 'pairwise' }); // warm-up (JIT)
  const times = [];
  for (let rep = 0; rep < 3; rep++) {
    globalThis.gc?.();
    const t0 = performance.now();
    correlate(X, { method: 'polychoric', missing: 'pairwise' });
    times.push((performance.now() - t0) / 1000);
  }
  // Counts: run the pair loop directly on 0-based codes.
  const codes = new Uint8Array(X.data.length);
  X.data.forEach((v, i) => (codes[i] = Number.isNaN(v) ? 255 : v - 1));
  const t1 = performance.now();
  const out = drainSteps(polychoricSteps({ codes, n: X.rows, p: 25, categories: 6, weights: null }));
  const loop = (performance.now() - t1) / 1000;
  const best = median(times);
  console.log(`polychoric ${label}: ${(best * 1000).toFixed(0)} ms (median of 3; pair loop incl. tabulation ${(loop * 1000).toFixed(0)} ms), 300 pairs, ${out.evaluations} likelihood evaluations (${(out.evaluations / 300).toFixed(1)} per pair)`);
  if (label.startsWith('bfi N=2')) {
    oursBfi = best;
    console.log(rIn(best));
  }
}

const rscript = spawnSync('Rscript', ['-e', 'cat(requireNamespace("psych", quietly = TRUE))'], { encoding: 'utf8' });
if (rscript.status === 0 && rscript.stdout.trim() === 'TRUE') {
  const expr = `bfi <- read.csv('${join(oracle, 'data', 'bfi.csv')}', na.strings = ''); t <- system.time(psych::polychoric(bfi[, 1:25]))[['elapsed']]; cat(t)`;
  const r = spawnSync('Rscript', ['-e', expr], { encoding: 'utf8' });
  const seconds = Number(r.stdout.trim());
  console.log(`psych::polychoric on bfi in this run: ${seconds.toFixed(2)} s → ours ${(seconds / oursBfi).toFixed(1)}× faster (same load, same run)`);
} else {
  console.log('R with psych not installed here: ratios use bench-r.json');
}
