// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createBrowserBridge } from './browser-bridge';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('browser bridge', () => {
  it('keeps the recovery snapshot in storage and clears it after a save', async () => {
    const storage = memoryStorage();
    const bridge = createBrowserBridge({ storage, now: () => new Date('2026-11-23T08:00:00Z') });
    expect(await bridge.readRecovery()).toBeNull();
    await bridge.writeRecovery('{"p":1}');
    expect(await bridge.readRecovery()).toEqual({ text: '{"p":1}', savedAt: '2026-11-23T08:00:00.000Z' });
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => {};
    await bridge.saveProject({ text: '{}', suggestedName: 'a.segstudio', path: null, saveAs: false });
    expect(await bridge.readRecovery()).toBeNull();
  });

  it('loads the bundled sample with fetch and reports a failure with a way out', async () => {
    const ok = createBrowserBridge({ storage: memoryStorage(), fetch: async () => new Response('id,q1\n1,2\n') });
    expect(new TextDecoder().decode((await ok.openSampleSurvey()).bytes)).toBe('id,q1\n1,2\n');
    const missing = createBrowserBridge({ storage: memoryStorage(), fetch: async () => new Response('', { status: 404 }) });
    await expect(missing.openSampleSurvey()).rejects.toThrow(/open a survey file instead/);
  });

  it('recent files are refused by path in the browser with a clear message', async () => {
    const bridge = createBrowserBridge({ storage: memoryStorage() });
    await expect(bridge.openRecent('/projects/me/study.segstudio')).rejects.toThrow(/choose it again with Open/);
  });
});
