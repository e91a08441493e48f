/**
 * Main-process handlers: plain async functions in a map typed by BridgeApi, built from injected
 * ports (dialogs, file system, PDF printer), so electron/handlers.test.ts drives them with fakes and
 * a temporary folder. electron/main.ts only wires this map to ipcMain.handle after validation.
 *
 * Safety rules enforced here: the renderer never names a path it may read except an entry of the
 * recent-files list the shell itself recorded; files are size-checked before reading; projects and
 * exports are written atomically (temporary file + rename), so a failed save never truncates work.
 */
import { basename, extname, join } from 'node:path';
import { InputError } from '../core/errors';
import {
  IMAGE_EXTENSIONS,
  MAX_FILE_BYTES,
  MAX_IMAGE_BYTES,
  PROJECT_EXTENSION,
  SURVEY_EXTENSIONS,
  type BridgeApi,
  type InvokeMethod,
  type OpenedFile,
  type OpenedProject,
  type RecentFile,
  type RecoverySnapshot,
} from './contract';

export type OpenDialogOptions = { title: string; filterName: string; extensions: readonly string[] };
export type SaveDialogOptions = { title: string; defaultName: string; filterName: string; extensions: readonly string[] };

/** Native dialogs; each returns the chosen path, or null when the user cancels. */
export type DialogPort = {
  showOpen(options: OpenDialogOptions): Promise<string | null>;
  showSave(options: SaveDialogOptions): Promise<string | null>;
};

/** The file operations handlers need; electron/node-fs.ts implements them with node:fs. */
export type FsPort = {
  size(path: string): Promise<number | null>;
  readBytes(path: string): Promise<Uint8Array>;
  writeAtomic(path: string, content: Uint8Array | string): Promise<void>;
  remove(path: string): Promise<void>;
};

export type HandlerDeps = {
  dialog: DialogPort;
  fs: FsPort;
  /** Folder for recent.json and the recovery file (app.getPath('userData')). */
  userDataDir: string;
  /** Absolute path of the bundled sample survey. */
  samplePath: string;
  printToPdf(html: string): Promise<Uint8Array>;
  onDirtyChange(dirty: boolean): void;
  /** Called after the recent list changes, so the menu can be rebuilt. */
  onRecentChange?(recent: RecentFile[]): void;
  now(): Date;
};

export type Handlers = { [K in InvokeMethod]: (...args: Parameters<BridgeApi[K]>) => ReturnType<BridgeApi[K]> };

export const RECENT_LIMIT = 10;
export const RECENT_FILE = 'recent.json';
export const RECOVERY_FILE = 'recovery.segstudio.json';

export function createHandlers(deps: HandlerDeps): Handlers {
  const { dialog, fs } = deps;
  const recentPath = join(deps.userDataDir, RECENT_FILE);
  const recoveryPath = join(deps.userDataDir, RECOVERY_FILE);

  async function readChecked(path: string, limit = MAX_FILE_BYTES): Promise<Uint8Array> {
    const size = await fs.size(path);
    if (size === null) {
      throw new InputError('file-unreadable', `Cannot read '${basename(path)}': the file no longer exists or cannot be opened; choose it again.`, { file: path });
    }
    if (size > limit) {
      const way = limit === MAX_FILE_BYTES ? 'split the file or remove unused columns' : 'choose a smaller picture';
      throw new InputError('file-unreadable', `'${basename(path)}' is ${(size / 1e6).toFixed(1)} MB, above the ${limit / 1e6} MB limit; ${way}.`, { file: path });
    }
    return fs.readBytes(path);
  }

  async function readRecent(): Promise<RecentFile[]> {
    if ((await fs.size(recentPath)) === null) return [];
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(await fs.readBytes(recentPath)));
      return Array.isArray(parsed) ? parsed.filter(isRecentFile).slice(0, RECENT_LIMIT) : [];
    } catch {
      return [];
    }
  }

  async function remember(path: string, kind: RecentFile['kind']): Promise<void> {
    const entry: RecentFile = { path, name: basename(path), kind, openedAt: deps.now().toISOString() };
    const list = [entry, ...(await readRecent()).filter((r) => r.path !== path)].slice(0, RECENT_LIMIT);
    await fs.writeAtomic(recentPath, JSON.stringify(list, null, 2));
    deps.onRecentChange?.(list);
  }

  async function openSurveyAt(path: string): Promise<OpenedFile> {
    const bytes = await readChecked(path);
    await remember(path, 'survey');
    return { name: basename(path), bytes, path };
  }

  async function openProjectAt(path: string): Promise<OpenedProject> {
    const text = new TextDecoder('utf-8').decode(await readChecked(path));
    await remember(path, 'project');
    return { name: basename(path), text, path };
  }

  return {
    async openSurveyFile() {
      const path = await dialog.showOpen({ title: 'Open survey data', filterName: 'Survey data', extensions: SURVEY_EXTENSIONS });
      return path === null ? null : openSurveyAt(path);
    },
    async openSampleSurvey() {
      const bytes = await readChecked(deps.samplePath);
      return { name: basename(deps.samplePath), bytes, path: null };
    },
    async openProject() {
      const path = await dialog.showOpen({ title: 'Open project', filterName: 'Segment Studio project', extensions: [PROJECT_EXTENSION] });
      return path === null ? null : openProjectAt(path);
    },
    async openRecent(path) {
      const entry = (await readRecent()).find((r) => r.path === path);
      if (entry === undefined) {
        throw new InputError('file-unreadable', `'${basename(path)}' is not in the recent-files list; open it with File › Open instead.`, { file: path });
      }
      return entry.kind === 'project' ? openProjectAt(path) : openSurveyAt(path);
    },
    recentFiles: readRecent,
    async saveProject({ text, suggestedName, path, saveAs }) {
      let target = saveAs ? null : path;
      if (target === null) {
        target = await dialog.showSave({ title: 'Save project', defaultName: suggestedName, filterName: 'Segment Studio project', extensions: [PROJECT_EXTENSION] });
        if (target === null) return null;
        if (extname(target) === '') target = `${target}.${PROJECT_EXTENSION}`;
      }
      await fs.writeAtomic(target, text);
      await remember(target, 'project');
      await fs.remove(recoveryPath);
      deps.onDirtyChange(false);
      return { name: basename(target), path: target };
    },
    async exportFile({ suggestedName, content, extensions }) {
      const target = await dialog.showSave({ title: 'Export', defaultName: suggestedName, filterName: extensions.join(', ').toUpperCase(), extensions });
      if (target === null) return null;
      await fs.writeAtomic(target, content);
      return { name: basename(target), path: target };
    },
    async openImageFile() {
      const path = await dialog.showOpen({ title: 'Choose a picture', filterName: 'Pictures', extensions: IMAGE_EXTENSIONS });
      if (path === null) return null;
      return { name: basename(path), bytes: await readChecked(path, MAX_IMAGE_BYTES), path: null };
    },
    async saveDeckPdf({ html, suggestedName }) {
      const target = await dialog.showSave({ title: 'Save profile deck', defaultName: suggestedName, filterName: 'PDF', extensions: ['pdf'] });
      if (target === null) return null;
      await fs.writeAtomic(target, await deps.printToPdf(html));
      return { name: basename(target), path: target };
    },
    async writeRecovery(text) {
      const snapshot: RecoverySnapshot = { text, savedAt: deps.now().toISOString() };
      await fs.writeAtomic(recoveryPath, JSON.stringify(snapshot));
    },
    async readRecovery() {
      if ((await fs.size(recoveryPath)) === null) return null;
      try {
        const parsed: unknown = JSON.parse(new TextDecoder().decode(await fs.readBytes(recoveryPath)));
        return isSnapshot(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    async clearRecovery() {
      await fs.remove(recoveryPath);
    },
    async setDirty(dirty) {
      deps.onDirtyChange(dirty);
    },
  };
}

function isRecentFile(value: unknown): value is RecentFile {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['path'] === 'string' && typeof r['name'] === 'string' && (r['kind'] === 'survey' || r['kind'] === 'project') && typeof r['openedAt'] === 'string';
}

function isSnapshot(value: unknown): value is RecoverySnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['text'] === 'string' && typeof r['savedAt'] === 'string';
}
