/**
 * The preload with `electron` mocked: it exposes exactly the BridgeApi methods, maps each to its
 * channel, unwraps envelopes (an error comes back as an Error with the user-facing message), and
 * forwards only known menu commands.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, MENU_CHANNEL, type BridgeApi } from './contract';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn();
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

let api: BridgeApi;
beforeAll(async () => {
  await import('./preload');
  api = exposed['segstudio'] as BridgeApi;
});

describe('preload', () => {
  it('exposes one method per channel plus the menu subscription, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...Object.keys(CHANNELS), 'onMenuCommand'].sort());
  });

  it('invokes the method channel with the arguments and unwraps the value', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: [{ path: '/a.csv', name: 'a.csv', kind: 'survey', openedAt: '' }] });
    expect(await api.recentFiles()).toHaveLength(1);
    invoke.mockResolvedValueOnce({ ok: true, value: undefined });
    await api.setDirty(true);
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.setDirty, true);
  });

  it('turns an error envelope into an Error with the message', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'input', code: 'file-unreadable', message: "Cannot read 'x.sav'.", location: {} } });
    await expect(api.openRecent('/x.sav')).rejects.toThrow("Cannot read 'x.sav'.");
  });

  it('forwards known menu commands only and unsubscribes', () => {
    const seen: string[] = [];
    const off = api.onMenuCommand((command, path) => seen.push(`${command}:${path ?? ''}`));
    const listener = listeners.get(MENU_CHANNEL)!;
    listener({}, 'save-project', null);
    listener({}, 'open-recent', '/p/a.segstudio');
    listener({}, 'format-disk', null);
    expect(seen).toEqual(['save-project:', 'open-recent:/p/a.segstudio']);
    off();
    expect(listeners.has(MENU_CHANNEL)).toBe(false);
  });
});
