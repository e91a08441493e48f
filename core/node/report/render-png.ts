/**
 * SVG charts to PNG with the same headless Chromium that prints the deck (print-pdf.ts), one
 * browser launch for all charts. The browser is driven over the Chrome DevTools Protocol on a pipe
 * (--remote-debugging-pipe: we write NUL-terminated JSON commands to its fd 3 and read replies from
 * its fd 4), so no network port is opened and no extra dependency is needed.
 *
 * Per chart: the SVG document is put into a blank page with a white background, the viewport is
 * set to the SVG's own width × height (its width/height attributes, else its viewBox), and
 * Page.captureScreenshot writes a PNG at `scale` device pixels per CSS pixel (default 2, sharp on
 * slides and high-density screens).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { InputError } from '../../errors';
import { CHROMIUM_ARGS, findChromium } from './print-pdf';

export type PngOptions = { browser?: string; scale?: number; timeoutMs?: number; signal?: AbortSignal };

/** Width and height in CSS pixels from the root <svg>'s width/height attributes, else its viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string): number => Number.parseFloat(new RegExp(`\\s${name}="([0-9.]+)`, 'i').exec(root)?.[1] ?? 'NaN');
  let width = attr('width');
  let height = attr('height');
  const box = /viewBox="([^"]+)"/i.exec(root)?.[1]?.trim().split(/[\s,]+/).map(Number);
  if (!(width > 0) && box !== undefined) width = box[2] ?? NaN;
  if (!(height > 0) && box !== undefined) height = box[3] ?? NaN;
  if (!(width > 0 && height > 0)) throw new InputError('option-invalid', 'A chart SVG has neither width/height nor a viewBox, so its PNG size is unknown.');
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

type Pending = { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void };

/** A minimal CDP client over Chromium's debugging pipe. */
class PipeSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';

  constructor(private readonly input: Writable, output: Readable) {
    output.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      let end = this.buffer.indexOf('\0');
      while (end >= 0) {
        this.dispatch(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 1);
        end = this.buffer.indexOf('\0');
      }
    });
  }

  private dispatch(text: string): void {
    const message = JSON.parse(text) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    if (message.id === undefined) return;
    const waiting = this.pending.get(message.id);
    if (waiting === undefined) return;
    this.pending.delete(message.id);
    if (message.error !== undefined) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result ?? {});
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify(sessionId === undefined ? { id, method, params } : { id, method, params, sessionId })}\0`);
    });
  }

  failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** Renders each [name, svg] to PNG bytes, in order, with one browser launch. */
export async function renderSvgsToPng(charts: readonly (readonly [string, string])[], options: PngOptions = {}): Promise<[string, Uint8Array][]> {
  if (charts.length === 0) return [];
  const browser = options.browser ?? findChromium();
  const scale = options.scale ?? 2;
  const dir = mkdtempSync(join(tmpdir(), 'segstudio-png-'));
  const child: ChildProcess = spawn(browser, [...CHROMIUM_ARGS, `--user-data-dir=${join(dir, 'profile')}`, '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
  const killAll = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const session = new PipeSession(child.stdio[3] as Writable, child.stdio[4] as Readable);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const failure = new Promise<never>((_, reject) => {
    child.on('error', (error) => reject(new InputError('file-unreadable', `Could not start Chromium at '${browser}' (${error.message}); install chromium or set CHROMIUM_PATH.`)));
    child.on('exit', (code) => reject(new InputError('file-unreadable', `Chromium exited (code ${String(code)}) while rendering the charts to PNG: ${stderr.trim().split('\n').slice(-3).join(' ')}`)));
  });
  const timer = setTimeout(() => {
    session.failAll(new InputError('file-unreadable', `Rendering the charts to PNG took longer than ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s; check that Chromium ('${browser}') runs on this machine.`));
    killAll();
  }, options.timeoutMs ?? 60_000);
  const onAbort = (): void => {
    session.failAll(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    killAll();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const work = async (): Promise<[string, Uint8Array][]> => {
      const { targetId } = await session.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = (await session.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      const out: [string, Uint8Array][] = [];
      for (const [name, svg] of charts) {
        const { width, height } = svgSize(svg);
        await session.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: scale, mobile: false }, sessionId);
        const markup = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>${svg.replace(/^<\?xml[^>]*>\s*/, '')}</body></html>`;
        await session.send('Runtime.evaluate', { expression: `document.open(); document.write(${JSON.stringify(markup)}); document.close(); document.fonts.ready.then(() => true)`, awaitPromise: true }, sessionId);
        const shot = (await session.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width, height, scale: 1 }, captureBeyondViewport: false }, sessionId)) as { data: string };
        out.push([name, new Uint8Array(Buffer.from(shot.data, 'base64'))]);
      }
      await session.send('Browser.close').catch(() => ({}));
      return out;
    };
    return await Promise.race([work(), failure]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    killAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Width and height of a PNG from its IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
