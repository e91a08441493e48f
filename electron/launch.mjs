// `npm start`: runs the built desktop app (out/electron/main.cjs) with the local Electron binary.
// Electron ≥ 42 has no install step: its binary is downloaded on first use, which this launcher
// triggers through Electron's own installer; where that is impossible (no internet), it says so in
// one sentence and points to the browser build instead of printing a download stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) return join(override, relative ?? 'electron');
  if (relative === null) return null;
  const full = join(packageDir, 'dist', relative);
  return existsSync(full) ? full : null;
}

/** First start on a new machine: Electron's own installer downloads the binary (needs internet). */
function downloadElectron() {
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return false;
  }
  if (!existsSync(installer)) return false;
  console.log('Downloading the Electron binary (first start only)...');
  const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'ignore'], cwd: root, timeout: 600_000 });
  return result.status === 0;
}

const binary = electronBinary() ?? (downloadElectron() ? electronBinary() : null);
if (binary === null) {
  console.log('The Electron binary is not installed on this machine and could not be downloaded (that needs internet), so the desktop window cannot open; run `npm run web` to use the same Segment Studio in your browser.');
  process.exit(0);
}
const child = spawn(binary, [join(root, 'out/electron/main.cjs')], { stdio: 'inherit', cwd: root });
child.on('exit', (code) => process.exit(code ?? 0));
