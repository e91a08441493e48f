// `segstudio factor` as a whole process (what a user lives), against the same job in R with psych
// where Rscript and psych are installed, in the same run, as a ratio R / ours (> 1: we are faster).
// Jobs: minres + oblimin, 5 factors, on bfi (N = 2800) and on bfi resampled to N = 112,000 (rows of
// ../shared/oracle/data/bfi_resample40_idx.csv), with Pearson and with polychoric correlations.
// Wall-clock medians of 5 rounds, each round running our job and R's in turn (a busy spell on a
// shared machine slows both alike), and where /usr/bin/time exists (Linux) the median CPU time
// (user + sys of the child process, every thread: compile threads and our helper thread
// included). Our job also computes KMO, Bartlett, parallel analysis, MAP, fit statistics,
// regression scores for every respondent and writes the JSON.
// Where the time went and what moved it (2026-11-23, idle 2-core machine, medians of A/B runs):
//  - A cold process runs most of its JavaScript in V8's interpreter before the optimiser catches
//    up (the same job is 3× faster warm). The numeric inner loops therefore run as WebAssembly
//    (core/kernels: AssemblyScript, bit-identical to their TypeScript references): eigen-
//    decompositions, the minres fit with its optimiser, the polychoric pair fits and cross-tables,
//    the Pearson sums, oblimin rotation, the Cholesky and pseudo-inverse, parallel analysis's null
//    draws, the non-central chi-square series, the factor-score passes, and the score rows of the
//    JSON (Ryū, byte for byte what String(v) writes: 112,000 × 5 scores ~40 ms less). bfi
//    polychoric 0.29 → 0.14 s.
//  - Row passes run as many short WebAssembly calls (2048 rows, or one item): V8 swaps in a
//    function's optimised build only between calls (cross-tables at N=112,000: 44 → 21 ms).
//  - The CLI exits once its output is flushed instead of waiting for V8's background compilers
//    (10–15 ms); the code cache is keyed by a CRC-32 (node:zlib) rather than a SHA-1 (node:crypto).
//  - RMSEA's bounds: the root search starts from the normal approximation, and the non-central
//    chi-square series steps by ratios (no log/exp per term): 20 → 1 ms at N=112,000.
//  - Measured and dropped: the CSV numeric fast path and the answer scan as WebAssembly (no gain:
//    the JavaScript loops run long enough to be optimised, and the copies into WebAssembly memory
//    cost what the kernels save); one-factor minres by Newton steps; V8 flags.
//  - CSV import sizes its numeric columns once from the file size (N=112,000: ~18 ms less).
//  - Node 20 reads NODE_EXTRA_CA_CERTS at every start (40–90 ms on these machines): printed separately.
//  - Earlier the same day: pairwise moments shared by Pearson, alpha and the polychoric score
//    weights; eigenvalues without vectors; CSV bytes → columns; the V8 code cache of the bundle;
//    simulated fits to gradient 1e-6.
// Fourth session (2026-11-23, a machine shared with two helpers' work: A/B medians of interleaved
// runs; base = the session's start, N=112,000 polychoric without the certificate file: median
// 542 → 390 ms, minimum 392 → 284 ms):
//  - The analysis reads the answers as item columns, the dataset's own arrays (core/factor/
//    item-columns.ts): no 22 MB row-major copy; the scan, the category codes and the item moments
//    are per-column WebAssembly passes; Pearson sums and scores stage row blocks from the columns.
//  - Cross-tables by groups of two items: one pass over two groups counts four cross-pair tables
//    and the groups' own pairs (N=112,000: ~32 → ~19 ms).
//  - The item moments of the scores are gathered by the correlation scan; the Gauss–Jordan
//    inverse runs in WebAssembly (fit indices, score weights, rotations).
//  - CSV loading: stats counted during the scan, numeric records read from bytes before decoding,
//    a one-digit shortcut (N=112,000 loadDataset ~120 → ~90 ms in traced runs).
//  - Files of 1 MB and more get a helper thread (core/node/cli/factor-helper.ts): parallel
//    analysis's reference is drawn there while the correlations are computed, it fits the last 45%
//    of the polychoric pairs while this thread fits the others (pair fits ~29 → ~21 ms), and it
//    writes 45% of the score rows' JSON (median ~25 ms less than the same build on one thread).
//  - Measured and dropped: exp computed inside the WebAssembly module (an fdlibm port, bit-identical
//    to Math.exp on 3M arguments) instead of the imported Math.exp: bfi polychoric 193 vs 192 ms;
//    a share of the cross-tables on the helper thread (the group codes and the copy into the
//    kernels' memory are fixed costs, and the helper is still drawing the reference then: no gain).
// What is left at N=112,000 (~0.28–0.39 s without the certificate file on this machine): reading the
// 6 MB CSV (~60–90 ms), the answer scan with the item moments (~25–40 ms), the cross-tables
// (~20–30 ms), this thread's pair fits (~20 ms), the score pass (~15 ms) and this thread's share
// of the JSON (~20 ms).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const oracle = process.env.SEGSTUDIO_ORACLE ?? resolve(root, '..', 'shared', 'oracle');
const bin = join(root, 'core/node/bin/segstudio.cjs');
const work = mkdtempSync(join(tmpdir(), 'segstudio-factor-bench-'));
const REPS = 5;

function resampled() {
  const lines = readFileSync(join(oracle, 'data', 'bfi.csv'), 'utf8').trim().split(/\r?\n/);
  const rows = readFileSync(join(oracle, 'data', 'bfi_resample40_idx.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const out = [lines[0], ...rows.map((r) => lines[Number(r)])];
  const file = join(work, 'bfi_x40.csv');
  writeFileSync(file, out.join('\n') + '\n');
  return file;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One run's wall time (s) and, with /usr/bin/time, its CPU time (user + sys of the process, every thread, s). */
function runOnce(command, args, env) {
  const cpuFile = join(work, 'cpu.txt');
  const [cmd, argv] = TIME === null ? [command, args] : [TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args]];
  const start = process.hrtime.bigint();
  const run = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  if (TIME === null) return { wall, cpu: null };
  const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { wall, cpu: user + sys };
}

/**
 * Median wall and CPU time of each job over REPS rounds; every round runs every job once, in turn,
 * so that a machine shared with other work slows them alike rather than whichever ran during a busy spell.
 */
function timedTogether(jobs) {
  const runs = jobs.map(() => []);
  for (let round = 0; round < REPS; round++) jobs.forEach((job, i) => runs[i].push(runOnce(job.command, job.args, job.env ?? process.env)));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return runs.map((rs) => ({ wall: median(rs.map((r) => r.wall)), cpu: rs[0].cpu === null ? null : median(rs.map((r) => r.cpu)) }));
}

/** Median wall time of REPS runs of one command. */
function timed(command, args, env = process.env) {
  return timedTogether([{ command, args, env }])[0];
}

function haveR() {
  const probe = spawnSync('Rscript', ['-e', 'suppressMessages(library(psych)); suppressMessages(library(GPArotation))'], { encoding: 'utf8' });
  return probe.status === 0;
}

const datasets = [
  ['bfi (N=2800)', join(oracle, 'data', 'bfi.csv')],
  ['bfi x40 (N=112000)', resampled()],
];
// Node 20 reads the file named by NODE_EXTRA_CA_CERTS at every start, before any script runs
// (build machines behind a TLS proxy set it; a researcher's desktop normally does not). Where it is
// set, our lines are also timed without it, and the start-up cost it adds is printed.
const withoutCaCerts = process.env.NODE_EXTRA_CA_CERTS === undefined ? null : Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_EXTRA_CA_CERTS'));
if (withoutCaCerts !== null) {
  const bare = timed(process.execPath, ['-e', '0']).wall;
  const lean = timed(process.execPath, ['-e', '0'], withoutCaCerts).wall;
  console.log(`NODE_EXTRA_CA_CERTS is set: an empty Node process takes ${bare.toFixed(3)} s with it, ${lean.toFixed(3)} s without; "ours" is also timed without it (in brackets).`);
}
const r = haveR();
if (!r) console.log('Rscript with psych and GPArotation not found: printing our times only (apt-get install -y r-base-core r-cran-psych r-cran-gparotation).');
try {
  for (const [label, file] of datasets) {
    for (const cor of ['pearson', 'polychoric']) {
      const out = join(work, 'out.json');
      const job = [bin, 'factor', '--data', file, '--items', 'A1:O5', '--factors', '5', '--method', 'minres', '--rotate', 'oblimin', '--cor', cor, '--seed', '1', '--json', out];
      const rCor = cor === 'pearson' ? 'cor' : 'poly';
      const expr = `suppressMessages(library(psych)); x <- read.csv('${file}', na.strings = ''); f <- fa(x[, 1:25], nfactors = 5, fm = 'minres', rotate = 'oblimin', cor = '${rCor}'); cat(f$rms)`;
      const jobs = [{ command: process.execPath, args: job }];
      if (withoutCaCerts !== null) jobs.push({ command: process.execPath, args: job, env: withoutCaCerts });
      if (r) jobs.push({ command: 'Rscript', args: ['-e', expr] });
      const [ours, ...rest] = timedTogether(jobs);
      const lean = withoutCaCerts === null ? null : rest.shift();
      const theirs = r ? rest.shift() : null;
      const cpuText = (t) => (t.cpu === null ? '' : ` (cpu ${t.cpu.toFixed(2)} s)`);
      let line = `factor minres+oblimin ${cor.padEnd(10)} ${label.padEnd(20)} ours ${ours.wall.toFixed(2)} s${cpuText(ours)}`;
      if (lean !== null) line += ` [${lean.wall.toFixed(2)} s]`;
      if (theirs !== null) {
        line += `   R ${theirs.wall.toFixed(2)} s${cpuText(theirs)}   R/ours wall ${(theirs.wall / ours.wall).toFixed(1)}x`;
        if (lean !== null) line += ` [${(theirs.wall / lean.wall).toFixed(1)}x]`;
        if (ours.cpu !== null && theirs.cpu !== null) line += `, cpu ${(theirs.cpu / ours.cpu).toFixed(1)}x`;
      }
      console.log(line);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
