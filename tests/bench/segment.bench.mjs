// Segmentation benchmark (issue 4): whole-process `segstudio lca` on simulated survey data,
// N = 20,000 respondents × 30 items × 5 categories, 6 true classes:
//   1. K = 6 with one start (poLCA's nrep = 1; ours is the k-means start, --starts 0) against
//      poLCA where R and poLCA are installed, else R's recorded timing from the oracle README;
//   2. K = 2..8 with 20 random starts each (+ k-means start, screening), target < 60 s on 2 cores;
// printing wall time, best log-likelihood, EM iterations and starts, and the implied cost per
// respondent × item × class × iteration (an upper bound on the kernel: includes everything else).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'core', 'node', 'bin', 'segstudio.cjs');
const dir = mkdtempSync(join(tmpdir(), 'segstudio-bench-'));
const N = 20000, J = 30, C = 5, K = 6;

// Seeded simulation (mulberry32), classes of unequal size, class-specific category profiles.
let state = 20261123;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const shares = [0.25, 0.2, 0.18, 0.15, 0.12, 0.1];
const theta = Array.from({ length: K }, () => Array.from({ length: J }, () => {
  const w = Array.from({ length: C }, () => random() ** 2 + 0.05);
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}));
const lines = [Array.from({ length: J }, (_, j) => `q${String(j + 1).padStart(2, '0')}`).join(',')];
for (let i = 0; i < N; i++) {
  let u = random(), k = 0;
  while (k < K - 1 && u >= shares[k]) u -= shares[k++];
  const row = [];
  for (let j = 0; j < J; j++) {
    let v = random(), c = 0;
    while (c < C - 1 && v >= theta[k][j][c]) v -= theta[k][j][c++];
    row.push(random() < 0.02 ? '' : String(c + 1));
  }
  lines.push(row.join(','));
}
const data = join(dir, 'survey.csv');
writeFileSync(data, lines.join('\n') + '\n');

function run(label, args) {
  const out = join(dir, `${label}.json`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'lca', '--data', data, '--items', 'q01:q30', '--indicators', 'nominal', '--max-iter', '5000', '--seed', '7', ...args, '--json', out], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`segstudio lca failed: ${result.stderr}`);
  return { seconds, json: JSON.parse(readFileSync(out, 'utf8')) };
}

function describe(models) {
  for (const m of models) {
    if (m.failed) {
      console.log(`  K=${m.classes}: failed (${m.message})`);
      continue;
    }
    console.log(`  K=${m.classes}: best LL ${m.logLik.toFixed(2)}, replicated ${m.bestLogLikReplicated} of ${m.startsFinal} finalists, ${m.startsRun} starts (${m.startsFailed} failed), ${m.iterations} EM iterations of the best start, converged ${m.converged}`);
  }
}

const one = run('k6-one-start', ['--classes', '6', '--starts', '0']);
console.log(`segstudio lca K=6, one start (our k-means start; poLCA nrep = 1), N=${N}, J=${J}, C=${C}: ${one.seconds.toFixed(2)} s whole process (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: other processes share them)`);
describe(one.json.models);
const best = one.json.models[0];
const units = best.iterations * N * J * K;
console.log(`  upper bound on cost: ${((one.seconds * 1e9) / units).toFixed(2)} ns per respondent × item × class × iteration (whole process incl. start-up, parsing, output)`);

const rscript = spawnSync('Rscript', ['-e', 'cat(requireNamespace("poLCA", quietly = TRUE))'], { encoding: 'utf8' });
if (rscript.status === 0 && rscript.stdout.trim() === 'TRUE') {
  const script = join(dir, 'polca.R');
  writeFileSync(script, `d <- read.csv('${data}'); f <- as.formula(paste0('cbind(', paste(names(d), collapse = ','), ') ~ 1'));\nset.seed(7); t <- system.time(m <- poLCA::poLCA(f, d, nclass = 6, maxiter = 5000, nrep = 1, calc.se = FALSE, verbose = FALSE, na.rm = FALSE))[['elapsed']]\ncat(t, m$llik, m$numiter, '\\n')\n`);
  const started = process.hrtime.bigint();
  const r = spawnSync('Rscript', [script], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [fit, llik, iterations] = r.stdout.trim().split(/\s+/).map(Number);
  console.log(`poLCA K=6, nrep=1, calc.se=FALSE: ${seconds.toFixed(2)} s whole process (${fit} s in poLCA), LL ${llik}, ${iterations} iterations → ratio ${(seconds / one.seconds).toFixed(1)}×`);
} else {
  console.log('poLCA is not installed here (not packaged in Debian). R timing from the oracle README (same machine kind): poLCA one start K=6 on 20,000 × 30 five-category items: 11–14 s without standard errors (29–30 s with) →');
  console.log(`  ratio ≈ ${(11 / one.seconds).toFixed(1)}–${(14 / one.seconds).toFixed(1)}× faster (R measured on an idle machine)`);
}

const range = run('k2-8-20-starts', ['--classes', '2-8', '--starts', '20']);
console.log(`segstudio lca K=2..8, 20 random starts + 1 k-means start each, 2 workers: ${range.seconds.toFixed(1)} s whole process (target < 60 s on 2 idle cores; load average now ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
console.log(`  estimation: ${range.json.estimation}`);
describe(range.json.models);
