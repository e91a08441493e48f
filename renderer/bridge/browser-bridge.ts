/**
 * BridgeApi for the browser build (`npm run web`) and browser tests: file inputs instead of open
 * dialogs, downloads instead of save dialogs, localStorage for the recovery snapshot and the
 * recent-projects list. No network: the only fetch is the bundled sample, served with the app.
 * Printing a deck opens the browser's print dialog on the deck HTML.
 */
import type { BridgeApi, MenuCommand, OpenedFile, RecentFile, RecoverySnapshot } from '../../electron/contract';
import { IMAGE_EXTENSIONS, MAX_IMAGE_BYTES, PROJECT_EXTENSION, SURVEY_EXTENSIONS } from '../../electron/contract';

export type BrowserBridgeDeps = {
  storage: Storage;
  document: Document;
  fetch: typeof fetch;
  now(): Date;
  sampleUrl: string;
};

const RECOVERY_KEY = 'segstudio.recovery';
const RECENT_KEY = 'segstudio.recent';

export function createBrowserBridge(partial: Partial<BrowserBridgeDeps> = {}): BridgeApi {
  const deps: BrowserBridgeDeps = {
    storage: partial.storage ?? window.localStorage,
    document: partial.document ?? window.document,
    fetch: partial.fetch ?? window.fetch.bind(window),
    now: partial.now ?? (() => new Date()),
    sampleUrl: partial.sampleUrl ?? './sample/survey.sav',
  };
  const listeners = new Set<(c: MenuCommand, p: string | null) => void>();

  function pickFile(accept: string): Promise<File | null> {
    return new Promise((resolve) => {
      const input = deps.document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.style.display = 'none';
      input.addEventListener('change', () => {
        resolve(input.files?.[0] ?? null);
        input.remove();
      });
      input.addEventListener('cancel', () => {
        resolve(null);
        input.remove();
      });
      deps.document.body.append(input);
      input.click();
    });
  }

  function download(name: string, content: Uint8Array | string, type: string): void {
    const part: BlobPart = typeof content === 'string' ? content : new Uint8Array(content);
    const url = URL.createObjectURL(new Blob([part], { type }));
    const a = deps.document.createElement('a');
    a.href = url;
    a.download = name;
    deps.document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function readRecent(): RecentFile[] {
    try {
      const parsed: unknown = JSON.parse(deps.storage.getItem(RECENT_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as RecentFile[]) : [];
    } catch {
      return [];
    }
  }

  function remember(name: string, kind: RecentFile['kind']): void {
    const entry: RecentFile = { path: name, name, kind, openedAt: deps.now().toISOString() };
    deps.storage.setItem(RECENT_KEY, JSON.stringify([entry, ...readRecent().filter((r) => r.name !== name)].slice(0, 10)));
  }

  return {
    async openSurveyFile() {
      const file = await pickFile(SURVEY_EXTENSIONS.map((e) => `.${e}`).join(','));
      if (file === null) return null;
      remember(file.name, 'survey');
      return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), path: null };
    },
    async openSampleSurvey(): Promise<OpenedFile> {
      const response = await deps.fetch(deps.sampleUrl);
      if (!response.ok) throw new Error(`The bundled sample survey could not be loaded (${response.status}); open a survey file instead.`);
      return { name: 'survey.sav', bytes: new Uint8Array(await response.arrayBuffer()), path: null };
    },
    async openProject() {
      const file = await pickFile(`.${PROJECT_EXTENSION},application/json`);
      if (file === null) return null;
      remember(file.name, 'project');
      return { name: file.name, text: await file.text(), path: null };
    },
    async openRecent(path) {
      throw new Error(`The browser cannot reopen '${path}' by itself; choose it again with Open.`);
    },
    async recentFiles() {
      return readRecent();
    },
    async saveProject({ text, suggestedName }) {
      download(suggestedName, text, 'application/json');
      deps.storage.removeItem(RECOVERY_KEY);
      return { name: suggestedName, path: null };
    },
    async exportFile({ suggestedName, content }) {
      download(suggestedName, content, 'application/octet-stream');
      return { name: suggestedName, path: null };
    },
    async openImageFile() {
      const file = await pickFile(IMAGE_EXTENSIONS.map((e) => `.${e}`).join(','));
      if (file === null) return null;
      if (file.size > MAX_IMAGE_BYTES) throw new Error(`'${file.name}' is ${(file.size / 1e6).toFixed(1)} MB, above the ${MAX_IMAGE_BYTES / 1e6} MB limit; choose a smaller picture.`);
      return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), path: null };
    },
    async saveDeckPdf({ html }) {
      const frame = deps.document.createElement('iframe');
      frame.style.display = 'none';
      frame.srcdoc = html;
      deps.document.body.append(frame);
      await new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
      frame.contentWindow?.print();
      frame.remove();
      return null;
    },
    async writeRecovery(text) {
      const snapshot: RecoverySnapshot = { text, savedAt: deps.now().toISOString() };
      try {
        deps.storage.setItem(RECOVERY_KEY, JSON.stringify(snapshot));
      } catch {
        // Storage full (an embedded large survey): recovery is best-effort in the browser.
      }
    },
    async readRecovery() {
      try {
        const parsed = JSON.parse(deps.storage.getItem(RECOVERY_KEY) ?? 'null') as RecoverySnapshot | null;
        return parsed !== null && typeof parsed.text === 'string' && typeof parsed.savedAt === 'string' ? parsed : null;
      } catch {
        return null;
      }
    },
    async clearRecovery() {
      deps.storage.removeItem(RECOVERY_KEY);
    },
    async setDirty() {
      // The browser asks through the beforeunload handler installed by the app.
    },
    onMenuCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
