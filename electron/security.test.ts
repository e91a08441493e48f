import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu';
import { CONTENT_SECURITY_POLICY, contentTypeFor, isAllowedRequest, resolveAppPath } from './security';

describe('security policy', () => {
  it('renderer/index.html carries the same CSP as the shell', () => {
    const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const match = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(match?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("'wasm-unsafe-eval'"); // core/kernels' WebAssembly, not JS eval
  });

  it('blocks every network request and allows only the app scheme, data: and blob:', () => {
    expect(isAllowedRequest('app://segstudio/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AA')).toBe(true);
    expect(isAllowedRequest('https://example.com/track')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:4173/')).toBe(false);
    expect(isAllowedRequest('ws://localhost')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('app://other/x')).toBe(false);
    expect(isAllowedRequest('not a url')).toBe(false);
  });

  it('maps app:// URLs inside the renderer folder and refuses traversal', () => {
    expect(resolveAppPath('app://segstudio/')).toBe('index.html');
    expect(resolveAppPath('app://segstudio/assets/a.js?x=1')).toBe('assets/a.js');
    // The URL parser already collapses dot segments at the root, so this stays inside the folder.
    expect(resolveAppPath('app://segstudio/%2e%2e/%2e%2e/etc/passwd')).toBe('etc/passwd');
    expect(resolveAppPath('app://segstudio/a%2f..%2f..%2fx')).toBeNull();
    expect(resolveAppPath('app://segstudio/a/..%5c..%5cx')).toBeNull();
    expect(resolveAppPath('app://evil/index.html')).toBeNull();
    expect(contentTypeFor('assets/x.js')).toMatch(/javascript/);
  });

  it('the menu offers open, recent, save, export, undo/redo and the four steps with shortcuts', () => {
    const sent: string[] = [];
    const opened: string[] = [];
    const template = buildMenuTemplate([{ path: '/p/a.segstudio', name: 'a.segstudio', kind: 'project', openedAt: '' }], { send: (c) => sent.push(c), openRecent: (p) => opened.push(p) }, false);
    const file = template.find((m) => m.label === 'File');
    const items = (file?.submenu ?? []) as { label?: string; accelerator?: string; click?: () => void; submenu?: { click?: () => void }[] }[];
    expect(items.find((i) => i.label === 'Save Project')?.accelerator).toBe('CmdOrCtrl+S');
    items.find((i) => i.label === 'Open Survey…')?.click?.();
    items.find((i) => i.label === 'Open Recent')?.submenu?.[0]?.click?.();
    expect(sent).toEqual(['open-survey']);
    expect(opened).toEqual(['/p/a.segstudio']);
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(buildMenuTemplate([], { send: () => {}, openRecent: () => {} }, true)[0]).toEqual({ role: 'appMenu' });
  });
});
