// `segstudio import` on a ~100 MB survey-like CSV, timed as a whole process (start-up, streaming
// read, measurement inference, Likert mapping, quality screen, JSON codebook written).
// Targets (issue 2 §4): wall time < 10 s and peak RSS < 300 MB. The CSV is generated once under
// os.tmpdir() from a fixed-seed generator and reused; delete it to regenerate.
// Columns: resp_id, 24 Likert items written as text (~2 % missing), gender/region/income codes,
// age, monthly spend (2 decimals), duration (s; 2 % speeders), weight (4 decimals), and an open answer (a quoted
// text with a comma for 1 respondent in 8, otherwise empty).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(ROOT, 'out', 'cli', 'main.cjs');
const TARGET_BYTES = 100 * 1024 * 1024;
const FILE = join(tmpdir(), 'segstudio-bench-survey-100mb-v3.csv');
const OUT = join(tmpdir(), `segstudio-bench-codebook-${process.pid}.json`);

const AGREE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

function generate() {
  let state = 20261123;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const header = ['resp_id', ...Array.from({ length: 24 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`), 'gender', 'region', 'income', 'age', 'monthly_spend', 'duration', 'weight', 'open_answer'];
  const fd = openSync(FILE + '.tmp', 'w');
  writeSync(fd, header.join(',') + '\n');
  let bytes = 0;
  let row = 0;
  while (bytes < TARGET_BYTES) {
    const lines = [];
    for (let k = 0; k < 2000; k++) {
      row++;
      const lean = next() - 0.5;
      const cells = [String(100000 + row)];
      for (let j = 0; j < 24; j++) cells.push(next() < 0.02 ? '' : AGREE[Math.max(0, Math.min(4, Math.floor(next() * 5 + lean * 2)))]);
      cells.push(String(1 + Math.floor(next() * 2)), String(1 + Math.floor(next() * 4)), String(1 + Math.floor(next() * 5)));
      cells.push(String(18 + Math.floor(next() * 62)), (20 + next() * next() * 800).toFixed(2), String(next() < 0.02 ? 60 + Math.floor(next() * 120) : 300 + Math.floor((next() + next() + next()) * 300)));
      cells.push((0.4 + next() * 1.2).toFixed(4));
      cells.push(next() < 0.125 ? `"Answer ${row}, I would like cheaper options"` : '');
      lines.push(cells.join(','));
    }
    const chunk = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(chunk);
    writeSync(fd, chunk);
  }
  closeSync(fd);
  rmSync(FILE, { force: true });
  spawnSync('mv', [FILE + '.tmp', FILE]);
  return row;
}

if (!existsSync(FILE) || statSync(FILE).size < TARGET_BYTES) {
  const started = Date.now();
  const rows = generate();
  console.log(`generated ${FILE}: ${rows} respondents, ${(statSync(FILE).size / 1048576).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (!existsSync(BUNDLE)) {
  console.error('out/cli/main.cjs is missing: run `npm run bench` (it builds the CLI first).');
  process.exit(1);
}

// The child reports its own peak RSS (getrusage ru_maxrss) as it exits.
const probe = `process.on('exit', () => process.stderr.write('BENCH_MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));
process.argv = [process.argv[0], ${JSON.stringify(BUNDLE)}, 'import', '--data', ${JSON.stringify(FILE)}, '--json', ${JSON.stringify(OUT)}];
require(${JSON.stringify(BUNDLE)});`;
const started = process.hrtime.bigint();
const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 300_000 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const rssKb = Number(/BENCH_MAXRSS_KB (\d+)/.exec(run.stderr)?.[1] ?? NaN);
if (run.status !== 0) {
  console.error(`segstudio import failed (exit ${run.status}): ${run.stderr}`);
  process.exit(1);
}
const codebook = JSON.parse((await import('node:fs')).readFileSync(OUT, 'utf8'));
rmSync(OUT, { force: true });
const mb = statSync(FILE).size / 1048576;
const rssMb = rssKb / 1024;
console.log(`segstudio import, ${mb.toFixed(1)} MB CSV, ${codebook.rows} respondents × ${codebook.columns.length} columns:`);
console.log(`  wall ${seconds.toFixed(2)} s (target < 10 s)  ${(mb / seconds).toFixed(1)} MB/s`);
console.log(`  peak RSS ${rssMb.toFixed(0)} MB (target < 300 MB)`);
console.log(`  battery ${codebook.quality.battery.length} items, ${codebook.quality.counts.flagged} respondents flagged`);
if (!(seconds < 10 && rssMb < 300)) {
  console.error('  TARGET MISSED');
  process.exitCode = 1;
}
