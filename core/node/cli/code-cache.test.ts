import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'segstudio-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A launcher built from code-cache.ts exactly as main.ts uses it.
const launcher = join(work, 'launch.cjs');
writeFileSync(join(work, 'launch.ts'), `import { requireWithCodeCache } from ${JSON.stringify(join(__dirname, 'code-cache'))};\nrequireWithCodeCache(process.argv[2]!);\n`);
buildSync({ entryPoints: [join(work, 'launch.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: launcher, logLevel: 'silent' });

function run(bundle: string): string {
  const result = spawnSync(process.execPath, [launcher, bundle, 'arg'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('requireWithCodeCache', () => {
  it('runs a bundle as require would, writes its cache, and never serves a cache of other source text', () => {
    const bundle = join(work, 'bundle.cjs');
    const body = (answer: number): string => `const path = require('node:path');\nmodule.exports = 1;\nconsole.log(JSON.stringify({ answer: ${answer}, file: path.basename(__filename), dir: __dirname === ${JSON.stringify(work)}, arg: process.argv[3] }));\n`;
    writeFileSync(bundle, body(13));
    expect(JSON.parse(run(bundle))).toEqual({ answer: 13, file: 'bundle.cjs', dir: true, arg: 'arg' });
    const caches = (): string[] => readdirSync(work).filter((f) => f.endsWith('.v8cache'));
    expect(caches()).toHaveLength(1);
    expect(JSON.parse(run(bundle)).answer).toBe(13); // from the cache
    // Same length, other text: V8's own check (source length) would accept the old cache.
    writeFileSync(bundle, body(31));
    expect(JSON.parse(run(bundle)).answer).toBe(31);
    expect(caches()).toHaveLength(1);
    expect(JSON.parse(run(bundle)).answer).toBe(31);
  });
});
