/**
 * Makes sure the bundled CLI and worker script (out/cli/*.cjs) are at least as new as the sources,
 * rebuilding with `npm run build:cli` only when needed (npm test builds it before vitest anyway).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../oracle/oracle-files';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export const CLI_BUNDLE = join(REPO_ROOT, 'out', 'cli', 'main.cjs');
export const WORKER_SCRIPT = join(REPO_ROOT, 'out', 'cli', 'worker-entry.cjs');
export const CLI_LAUNCHER = join(REPO_ROOT, 'core', 'node', 'bin', 'segstudio.cjs');

export function ensureBuiltCli(): void {
  const built = [CLI_BUNDLE, WORKER_SCRIPT].every((f) => existsSync(f)) ? Math.min(statSync(CLI_BUNDLE).mtimeMs, statSync(WORKER_SCRIPT).mtimeMs) : 0;
  if (built < newestSource(join(REPO_ROOT, 'core'))) execSync('npm run build:cli', { cwd: REPO_ROOT, stdio: 'ignore' });
}
