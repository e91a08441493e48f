import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The renderer build (browser and Electron share it): renderer/ → out/renderer with relative asset
// URLs, so the same files load from app://segstudio in Electron and from `vite preview` on
// localhost. The bundled sample survey is served as ./sample/survey.sav (the app's default: SPSS
// keeps the question wording, value labels and missing codes) and ./sample/survey.csv.
const SAMPLE_FILES = [
  { name: 'survey.sav', type: 'application/octet-stream' },
  { name: 'survey.csv', type: 'text/csv; charset=utf-8' },
] as const;
const samplePath = (name: string): string => resolve(import.meta.dirname, 'resources/sample', name);

function bundledSample(): Plugin {
  return {
    name: 'segstudio-bundled-sample',
    configureServer(server) {
      for (const file of SAMPLE_FILES) {
        server.middlewares.use(`/sample/${file.name}`, (_req, res) => {
          res.setHeader('Content-Type', file.type);
          res.end(readFileSync(samplePath(file.name)));
        });
      }
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
      for (const file of SAMPLE_FILES) {
        this.emitFile({ type: 'asset', fileName: `sample/${file.name}`, source: readFileSync(samplePath(file.name)) });
      }
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
