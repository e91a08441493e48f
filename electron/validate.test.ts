import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type InvokeMethod } from './contract';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { nodeFs } from './node-fs';
import { validators } from './validate';

describe('IPC argument validation', () => {
  it('has one validator per channel', () => {
    expect(Object.keys(validators).sort()).toEqual(Object.keys(CHANNELS).sort());
  });

  it('accepts well-formed requests unchanged', () => {
    const req = { text: '{}', suggestedName: 'a.segstudio', path: null, saveAs: false };
    expect(validators.saveProject([req])).toEqual([req]);
    expect(validators.setDirty([true])).toEqual([true]);
    expect(validators.exportFile([{ suggestedName: 'x.csv', content: 'a', extensions: ['csv'] }])).toEqual([
      { suggestedName: 'x.csv', content: 'a', extensions: ['csv'] },
    ]);
  });

  const hostile: [InvokeMethod, unknown[]][] = [
    ['openSurveyFile', ['/etc/passwd']],
    ['openRecent', [42]],
    ['openRecent', ['a\0b']],
    ['setDirty', ['yes']],
    ['writeRecovery', [{ text: 'x' }]],
    ['saveProject', [{ text: 'x', suggestedName: '../../evil.segstudio', path: null, saveAs: false }]],
    ['saveProject', [{ text: 'x', suggestedName: 'a.segstudio', path: null }]],
    ['saveProject', ['not an object']],
    ['exportFile', [{ suggestedName: 'x.csv', content: 5, extensions: ['csv'] }]],
    ['exportFile', [{ suggestedName: 'x.csv', content: 'a', extensions: ['.csv'] }]],
    ['saveDeckPdf', [{ html: '<p>', suggestedName: 'C:\\deck.pdf' }]],
  ];
  it.each(hostile)('refuses hostile arguments to %s', (method, args) => {
    expect(() => validators[method](args)).toThrow(/Invalid argument/);
  });

  it('dispatch never calls a handler with invalid arguments and serializes the refusal', async () => {
    const handlers = createHandlers({
      dialog: { showOpen: async () => null, showSave: async () => null },
      fs: nodeFs,
      userDataDir: mkdtempSync(join(tmpdir(), 'segstudio-dispatch-')),
      samplePath: '/nonexistent',
      printToPdf: async () => new Uint8Array(),
      onDirtyChange: () => {
        throw new Error('must not be called');
      },
      now: () => new Date(0),
    });
    const refused = await dispatch(handlers, 'setDirty', ['yes']);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'bug', message: expect.stringMatching(/setDirty/) } });
    const missing = await dispatch(handlers, 'openSampleSurvey', []);
    expect(missing).toMatchObject({ ok: false, error: { kind: 'input', code: 'file-unreadable' } });
    expect(await dispatch(handlers, 'recentFiles', [])).toEqual({ ok: true, value: [] });
  });
});
