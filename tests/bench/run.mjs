// `npm run bench`: runs every tests/bench/*.bench.mjs in its own process (so JIT state and memory
// of one benchmark never colour another) and prints their lines. Benchmarks print ratios against R
// where R is installed, and machine-independent facts (iterations, evaluations). Never run in CI.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file.replace('.bench.mjs', '')} ==\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (failed > 0) {
  process.stderr.write(`${failed} benchmark(s) failed.\n`);
  process.exitCode = 1;
}
