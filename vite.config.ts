import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The renderer build (browser and Electron share it): renderer/ → out/renderer with relative asset
// URLs, so the same files load from app://segstudio in Electron and from `vite preview` on
// localhost. The bundled sample survey (resources/sample/survey.csv) is served as ./sample/survey.csv.
const SAMPLE = resolve(import.meta.dirname, 'resources/sample/survey.csv');

function bundledSample(): Plugin {
  return {
    name: 'segstudio-bundled-sample',
    configureServer(server) {
      server.middlewares.use('/sample/survey.csv', (_req, res) => {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.end(readFileSync(SAMPLE));
      });
    },
    // The dev server injects React Refresh as an inline script and talks over a websocket; relax
    // the page's CSP for `vite serve` only (built files keep the strict policy of index.html).
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (ctx.server === undefined) return html;
        return html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http://127.0.0.1:5173");
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'sample/survey.csv', source: readFileSync(SAMPLE) });
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), bundledSample()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    // Plotly's single 4.8 MB file makes the bundler's plugin-timing advice noise on every build.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
});
