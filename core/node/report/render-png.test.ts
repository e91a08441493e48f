import { describe, expect, it } from 'vitest';
import { pngSize, renderSvgsToPng, svgSize } from './render-png';

describe('svgSize', () => {
  it('reads width/height, else the viewBox', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300.5">')).toEqual({ width: 640, height: 301 });
    expect(svgSize('<svg viewBox="0 0 120 80">')).toEqual({ width: 120, height: 80 });
    expect(() => svgSize('<svg>')).toThrow(/PNG size/);
  });
});

describe('renderSvgsToPng', () => {
  it('renders several SVGs with one Chromium launch to PNGs of twice their size', async () => {
    const a = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="100" height="100" fill="#0072B2"/><text x="110" y="50">Ünï 名前</text></svg>';
    const b = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 40"><circle cx="25" cy="20" r="15" fill="#E69F00"/></svg>';
    const out = await renderSvgsToPng([['a', a], ['b', b]]);
    expect(out.map(([name]) => name)).toEqual(['a', 'b']);
    expect(pngSize(out[0]![1])).toEqual({ width: 400, height: 200 });
    expect(pngSize(out[1]![1])).toEqual({ width: 100, height: 80 });
    expect(pngSize(new Uint8Array([1, 2, 3]))).toBeNull();
  }, 60_000);
});
