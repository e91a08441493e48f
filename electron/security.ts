/**
 * The security policy of the desktop shell as plain data, so tests can read it and main.ts applies
 * it in one place. No network at all: the renderer loads only from the app:// scheme, plus data:
 * and blob: URLs for chart images and worker code.
 *
 * Plotly injects <style> elements at runtime, hence style-src 'unsafe-inline'; scripts stay strict:
 * 'wasm-unsafe-eval' lets the analysis worker compile core's WebAssembly kernels (core/kernels)
 * and nothing else — JavaScript eval stays forbidden.
 * renderer/index.html carries the same policy as a <meta> tag (checked by electron/security.test.ts),
 * so the browser build runs under it too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const APP_SCHEME = 'app';
export const APP_HOST = 'segstudio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** URL schemes the renderer may request; everything else (http, https, ws, file, ftp) is cancelled. */
export const ALLOWED_REQUEST_SCHEMES: readonly string[] = [`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:', 'chrome-extension:'];

export function isAllowedRequest(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
    return ALLOWED_REQUEST_SCHEMES.includes(parsed.protocol);
  } catch {
    return false;
  }
}

/**
 * Maps an app:// URL to a file under the renderer build folder, refusing anything that escapes it
 * (`..`, encoded separators). Returns the relative path, or null when the request must be refused.
 */
export function resolveAppPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.')) return null;
  return parts.length === 0 ? 'index.html' : parts.join('/');
}

/** Content types for the files a Vite build emits. */
export function contentTypeFor(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    mjs: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json',
    svg: 'image/svg+xml',
    png: 'image/png',
    ico: 'image/x-icon',
    woff2: 'font/woff2',
    csv: 'text/csv; charset=utf-8',
    sav: 'application/octet-stream',
  };
  return types[ext] ?? 'application/octet-stream';
}
