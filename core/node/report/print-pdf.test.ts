import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors';
import { findChromium, printHtmlToPdf } from './print-pdf';

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH, then /usr/bin/chromium, then PATH', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/opt/c/chrome')).toBe('/opt/c/chrome');
    expect(findChromium({ PATH: '/x:/y' }, (p) => p === '/usr/bin/chromium' || p === '/y/chromium')).toBe('/usr/bin/chromium');
    expect(findChromium({ PATH: '/x:/y' }, (p) => p === '/y/google-chrome')).toBe('/y/google-chrome');
  });

  it('names what to install when no browser is found, and refuses a wrong CHROMIUM_PATH', () => {
    expect(() => findChromium({ PATH: '/x' }, () => false)).toThrow(/apt-get install chromium.*CHROMIUM_PATH.*deck\.html/);
    expect(() => findChromium({ CHROMIUM_PATH: '/nope' }, () => false)).toThrow(InputError);
  });
});

describe('printHtmlToPdf', () => {
  it('prints a 16:9 page with non-ASCII text to a one-page PDF', async () => {
    const html = '<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: 13.333in 7.5in; margin: 0 } body { margin: 0 }</style></head><body><div style="width:1280px;height:720px">Ünïcødé — 名前</div></body></html>';
    const pdf = await printHtmlToPdf(html);
    const text = new TextDecoder('latin1').decode(pdf);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(/\/Type\s*\/Page[^s]/.test(text)).toBe(true);
    expect(text.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 960 540\s*\]/);
  }, 60_000);
});
