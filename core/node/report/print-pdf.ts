/**
 * Printing the deck's HTML to PDF with headless Chromium from Node (the CLI's path; the desktop
 * app uses Electron's printToPDF on the same HTML). The browser is found from CHROMIUM_PATH, then
 * /usr/bin/chromium, then chromium, chromium-browser, google-chrome, google-chrome-stable on
 * PATH. It runs in a throw-away profile directory with networking, sync and updates disabled;
 * the page size comes from the deck's @page rule (13.333 × 7.5 in).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { InputError } from '../../errors';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--disable-breakpad',
  '--disable-crash-reporter',
];

/** Path of a Chromium-family browser, or an InputError naming what to install. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit !== undefined && explicit !== '') {
    if (exists(explicit)) return explicit;
    throw new InputError('file-unreadable', `CHROMIUM_PATH is set to '${explicit}', which does not exist; point it at a Chromium or Chrome binary or unset it.`);
  }
  if (exists('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (dir !== '' && exists(candidate)) return candidate;
    }
  }
  throw new InputError(
    'file-unreadable',
    'Printing the deck to PDF needs Chromium or Google Chrome, and none was found. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to the browser binary; the deck is also written as deck.html, which any browser can print.',
  );
}

export type PrintOptions = { browser?: string; timeoutMs?: number; signal?: AbortSignal };

/** Prints a standalone HTML document to PDF bytes. */
export async function printHtmlToPdf(html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const browser = options.browser ?? findChromium();
  const dir = mkdtempSync(join(tmpdir(), 'segstudio-print-'));
  try {
    const htmlFile = join(dir, 'deck.html');
    const pdfFile = join(dir, 'deck.pdf');
    writeFileSync(htmlFile, html);
    const args = [...CHROMIUM_ARGS, `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdfFile}`, `file://${htmlFile}`];
    await runBrowser(browser, args, options.timeoutMs ?? 120_000, options.signal);
    if (!existsSync(pdfFile) || statSync(pdfFile).size === 0) {
      throw new InputError('file-unreadable', `Chromium ('${browser}') ran but wrote no PDF; check that it starts on this machine (try '${browser} --headless --version').`);
    }
    return new Uint8Array(readFileSync(pdfFile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runBrowser(browser: string, args: string[], timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout or cancel also stops Chromium's helper processes.
    const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const killAll = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(killAll, timeoutMs);
    const onAbort = (): void => killAll();
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new InputError('file-unreadable', `Could not start Chromium at '${browser}' (${error.message}); install chromium or set CHROMIUM_PATH.`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted === true) reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      else if (code === 0) resolve();
      else reject(new InputError('file-unreadable', `Chromium exited with code ${String(code)} while printing the deck: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}
