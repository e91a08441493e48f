import { mkdtempSync, readFileSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, RECOVERY_FILE, type DialogPort, type HandlerDeps } from './handlers';
import { nodeFs } from './node-fs';

type FakeDialog = DialogPort & { openAnswers: (string | null)[]; saveAnswers: (string | null)[]; saveTitles: string[] };

function fakeDialog(): FakeDialog {
  const d: FakeDialog = {
    openAnswers: [],
    saveAnswers: [],
    saveTitles: [],
    showOpen: async () => d.openAnswers.shift() ?? null,
    showSave: async (o) => {
      d.saveTitles.push(o.title);
      return d.saveAnswers.shift() ?? null;
    },
  };
  return d;
}

function setup(overrides: Partial<HandlerDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'segstudio-handlers-'));
  const userDataDir = join(dir, 'user');
  const samplePath = join(dir, 'survey.csv');
  writeFileSync(samplePath, 'id,q1\n1,3\n');
  const dialog = fakeDialog();
  const dirtyCalls: boolean[] = [];
  const handlers = createHandlers({
    dialog,
    fs: nodeFs,
    userDataDir,
    samplePath,
    printToPdf: async (html) => new TextEncoder().encode(`%PDF-fake ${html.length}`),
    onDirtyChange: (d) => dirtyCalls.push(d),
    now: () => new Date('2026-01-02T03:04:05Z'),
    ...overrides,
  });
  return { dir, userDataDir, dialog, handlers, dirtyCalls };
}

describe('electron handlers', () => {
  it('openSurveyFile returns the chosen file bytes and records it as recent', async () => {
    const { dir, dialog, handlers } = setup();
    const file = join(dir, 'wave1.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    dialog.openAnswers.push(file);
    const opened = await handlers.openSurveyFile();
    expect(opened?.name).toBe('wave1.csv');
    expect(new TextDecoder().decode(opened?.bytes)).toBe('a,b\n1,2\n');
    expect(await handlers.recentFiles()).toEqual([{ path: file, name: 'wave1.csv', kind: 'survey', openedAt: '2026-01-02T03:04:05.000Z' }]);
  });

  it('openSurveyFile returns null when the dialog is cancelled', async () => {
    const { handlers } = setup();
    expect(await handlers.openSurveyFile()).toBeNull();
    expect(await handlers.recentFiles()).toEqual([]);
  });

  it('openSampleSurvey reads the bundled sample without touching the recent list', async () => {
    const { handlers } = setup();
    const sample = await handlers.openSampleSurvey();
    expect(sample.name).toBe('survey.csv');
    expect(sample.path).toBeNull();
    expect(new TextDecoder().decode(sample.bytes)).toContain('id,q1');
    expect(await handlers.recentFiles()).toEqual([]);
  });

  it('a vanished file is refused with a message naming it', async () => {
    const { dir, dialog, handlers } = setup();
    dialog.openAnswers.push(join(dir, 'gone.sav'));
    await expect(handlers.openSurveyFile()).rejects.toThrow(/Cannot read 'gone.sav'/);
  });

  it('openRecent only opens paths that the shell itself recorded', async () => {
    const { dir, dialog, handlers } = setup();
    await expect(handlers.openRecent('/etc/passwd')).rejects.toThrow(/not in the recent-files list/);
    const project = join(dir, 'p.segstudio');
    writeFileSync(project, '{"format":"segstudio"}');
    dialog.openAnswers.push(project);
    await handlers.openProject();
    const reopened = await handlers.openRecent(project);
    expect('text' in reopened && reopened.text).toBe('{"format":"segstudio"}');
  });

  it('the recent list keeps the newest first, without duplicates, at most 10', async () => {
    const { dir, dialog, handlers } = setup();
    for (let i = 0; i < 12; i++) {
      const f = join(dir, `s${i}.csv`);
      writeFileSync(f, 'x\n1\n');
      dialog.openAnswers.push(f);
      await handlers.openSurveyFile();
    }
    dialog.openAnswers.push(join(dir, 's5.csv'));
    await handlers.openSurveyFile();
    const recent = await handlers.recentFiles();
    expect(recent).toHaveLength(10);
    expect(recent[0]?.name).toBe('s5.csv');
    expect(recent.filter((r) => r.name === 's5.csv')).toHaveLength(1);
  });

  it('saveProject asks for a location the first time, then saves in place and clears recovery and dirty', async () => {
    const { dir, userDataDir, dialog, handlers, dirtyCalls } = setup();
    await handlers.writeRecovery('{"unsaved":true}');
    expect(existsSync(join(userDataDir, RECOVERY_FILE))).toBe(true);
    dialog.saveAnswers.push(join(dir, 'study'));
    const saved = await handlers.saveProject({ text: 'v1', suggestedName: 'study.segstudio', path: null, saveAs: false });
    expect(saved).toEqual({ name: 'study.segstudio', path: join(dir, 'study.segstudio') });
    expect(readFileSync(join(dir, 'study.segstudio'), 'utf8')).toBe('v1');
    expect(existsSync(join(userDataDir, RECOVERY_FILE))).toBe(false);
    expect(dirtyCalls).toEqual([false]);
    const again = await handlers.saveProject({ text: 'v2', suggestedName: 'study.segstudio', path: saved!.path, saveAs: false });
    expect(again?.path).toBe(saved!.path);
    expect(dialog.saveTitles).toHaveLength(1);
    expect(readFileSync(join(dir, 'study.segstudio'), 'utf8')).toBe('v2');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('saveProject with saveAs asks even when a path is known, and a cancel writes nothing', async () => {
    const { dir, dialog, handlers } = setup();
    const file = join(dir, 'a.segstudio');
    writeFileSync(file, 'old');
    const result = await handlers.saveProject({ text: 'new', suggestedName: 'a.segstudio', path: file, saveAs: true });
    expect(result).toBeNull();
    expect(dialog.saveTitles).toEqual(['Save project']);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('recovery round-trips and is cleared', async () => {
    const { handlers } = setup();
    expect(await handlers.readRecovery()).toBeNull();
    await handlers.writeRecovery('{"state":1}');
    expect(await handlers.readRecovery()).toEqual({ text: '{"state":1}', savedAt: '2026-01-02T03:04:05.000Z' });
    await handlers.clearRecovery();
    expect(await handlers.readRecovery()).toBeNull();
  });

  it('a corrupt recovery or recent file is ignored, not a crash', async () => {
    const { userDataDir, handlers } = setup();
    await handlers.writeRecovery('x');
    writeFileSync(join(userDataDir, RECOVERY_FILE), '{not json');
    writeFileSync(join(userDataDir, 'recent.json'), '[{"path":1}]');
    expect(await handlers.readRecovery()).toBeNull();
    expect(await handlers.recentFiles()).toEqual([]);
  });

  it('exportFile writes bytes or text where the user chose', async () => {
    const { dir, dialog, handlers } = setup();
    dialog.saveAnswers.push(join(dir, 'chart.svg'), join(dir, 'data.bin'));
    await handlers.exportFile({ suggestedName: 'chart.svg', content: '<svg/>', extensions: ['svg'] });
    await handlers.exportFile({ suggestedName: 'data.bin', content: new Uint8Array([1, 2, 3]), extensions: ['bin'] });
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe('<svg/>');
    expect([...readFileSync(join(dir, 'data.bin'))]).toEqual([1, 2, 3]);
  });

  it('openImageFile reads a chosen picture and refuses one above the size limit', async () => {
    const { dir, dialog, handlers } = setup();
    const small = join(dir, 'logo.png');
    const large = join(dir, 'huge.png');
    writeFileSync(small, new Uint8Array([137, 80, 78, 71]));
    writeFileSync(large, new Uint8Array(3 * 1024 * 1024));
    dialog.openAnswers.push(small, large);
    const opened = await handlers.openImageFile();
    expect(opened?.name).toBe('logo.png');
    expect([...(opened?.bytes ?? [])]).toEqual([137, 80, 78, 71]);
    await expect(handlers.openImageFile()).rejects.toThrow(/above the 2 MB limit; choose a smaller picture/);
    expect(await handlers.openImageFile()).toBeNull();
  });

  it('saveDeckPdf prints the HTML and saves the PDF', async () => {
    const { dir, dialog, handlers } = setup();
    dialog.saveAnswers.push(join(dir, 'deck.pdf'));
    const saved = await handlers.saveDeckPdf({ html: '<h1>Deck</h1>', suggestedName: 'deck.pdf' });
    expect(saved?.name).toBe('deck.pdf');
    expect(readFileSync(join(dir, 'deck.pdf'), 'utf8')).toBe('%PDF-fake 13');
  });

  it('setDirty forwards to the shell', async () => {
    const { handlers, dirtyCalls } = setup();
    await handlers.setDirty(true);
    await handlers.setDirty(false);
    expect(dirtyCalls).toEqual([true, false]);
  });
});
