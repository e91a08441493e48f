// `npm run web`: serves the built renderer (out/renderer) on localhost with `vite preview` and
// prints the address to open. The page talks to nothing but this local server.
import { preview } from 'vite';

const server = await preview({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: false, open: false } });
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
console.log(`Segment Studio is running at ${url} — open it in your browser (Ctrl+C to stop).`);
