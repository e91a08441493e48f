/**
 * The one bridge contract between the renderer and the desktop shell: types and channel names only
 * (no `electron` import), shared by electron/preload.ts (`{…} satisfies BridgeApi`), the main
 * process handlers (electron/handlers.ts) and the browser stand-in (renderer/bridge/browser-bridge.ts).
 *
 * One method per message. Every argument that crosses the bridge is plain data and is validated in
 * the main process (electron/validate.ts) before a handler sees it. Results are plain data too:
 * file contents travel as Uint8Array or string, never as paths the renderer could abuse.
 */
import type { SerializedError } from '../core/errors';

/** A survey file the user chose (dialog, drop, recent list or the bundled sample). */
export type OpenedFile = { name: string; bytes: Uint8Array; path: string | null };

/** A `.segstudio` project file the user chose; `text` is parsed by core/project in the renderer. */
export type OpenedProject = { name: string; text: string; path: string | null };

export type SavedFile = { name: string; path: string | null };

export type RecentFile = { path: string; name: string; kind: 'survey' | 'project'; openedAt: string };

export type SaveProjectRequest = {
  text: string;
  /** File name suggested in the dialog, e.g. "survey.segstudio". */
  suggestedName: string;
  /** Where the project was last saved; null or saveAs=true asks for a location. */
  path: string | null;
  saveAs: boolean;
};

export type ExportRequest = {
  suggestedName: string;
  /** Binary (xlsx, png, sav) or text (csv, svg, html) content. */
  content: Uint8Array | string;
  /** Extensions offered in the save dialog, without dots. */
  extensions: string[];
};

export type SaveDeckRequest = { html: string; suggestedName: string };

export type RecoverySnapshot = { text: string; savedAt: string };

/** Commands that the native menu (or a keyboard shortcut) sends to the renderer. */
export const MENU_COMMANDS = [
  'open-survey',
  'open-project',
  'open-recent',
  'save-project',
  'save-project-as',
  'export',
  'undo',
  'redo',
  'go-data',
  'go-factors',
  'go-segments',
  'go-profiles',
  'go-personas',
  'go-deck',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type BridgeApi = {
  /** Shows an open dialog for survey files; null when the user cancels. */
  openSurveyFile(): Promise<OpenedFile | null>;
  /** The bundled sample survey (resources/sample/survey.sav, with its question wording and labels). */
  openSampleSurvey(): Promise<OpenedFile>;
  /** Shows an open dialog for `.segstudio` projects; null when the user cancels. */
  openProject(): Promise<OpenedProject | null>;
  /** Reopens an entry of the recent-files list; a survey gives bytes, a project gives text. */
  openRecent(path: string): Promise<OpenedFile | OpenedProject>;
  recentFiles(): Promise<RecentFile[]>;
  /** Writes the project (atomically on desktop); null when the user cancels the dialog. */
  saveProject(request: SaveProjectRequest): Promise<SavedFile | null>;
  exportFile(request: ExportRequest): Promise<SavedFile | null>;
  /** Shows an open dialog for a picture (persona portrait, deck logo); null when cancelled. */
  openImageFile(): Promise<OpenedFile | null>;
  /** Prints the deck HTML to PDF (Electron printToPDF) and saves it; null when cancelled. */
  saveDeckPdf(request: SaveDeckRequest): Promise<SavedFile | null>;
  /** Autosave: the latest unsaved project state, restored after a crash or a kill. */
  writeRecovery(text: string): Promise<void>;
  readRecovery(): Promise<RecoverySnapshot | null>;
  clearRecovery(): Promise<void>;
  /** Tells the shell whether there are unsaved changes, so closing the window asks first. */
  setDirty(dirty: boolean): Promise<void>;
  /**
   * Subscribes to menu commands; returns the unsubscribe function. `path` is set for 'open-recent'
   * (pass it to openRecent) and null otherwise.
   */
  onMenuCommand(listener: (command: MenuCommand, path: string | null) => void): () => void;
};

/** Methods answered by ipcMain.handle (everything but the event subscription). */
export type InvokeMethod = Exclude<keyof BridgeApi, 'onMenuCommand'>;

export const CHANNEL_PREFIX = 'segstudio:';

/** One IPC channel per bridge method. */
export const CHANNELS = {
  openSurveyFile: 'segstudio:open-survey-file',
  openSampleSurvey: 'segstudio:open-sample-survey',
  openProject: 'segstudio:open-project',
  openRecent: 'segstudio:open-recent',
  recentFiles: 'segstudio:recent-files',
  saveProject: 'segstudio:save-project',
  exportFile: 'segstudio:export-file',
  openImageFile: 'segstudio:open-image-file',
  saveDeckPdf: 'segstudio:save-deck-pdf',
  writeRecovery: 'segstudio:write-recovery',
  readRecovery: 'segstudio:read-recovery',
  clearRecovery: 'segstudio:clear-recovery',
  setDirty: 'segstudio:set-dirty',
} as const satisfies { [K in InvokeMethod]: `${typeof CHANNEL_PREFIX}${string}` };

/**
 * What travels back over an invoke channel: errors as SerializedError (core/errors), because
 * Electron reduces a thrown error to a prefixed message string. The preload unwraps it.
 */
export type BridgeEnvelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Main → renderer event channel for menu commands. */
export const MENU_CHANNEL = 'segstudio:menu-command';

/** Survey file types the shell offers and accepts by drop. */
export const SURVEY_EXTENSIONS = ['csv', 'tsv', 'txt', 'sav', 'zsav', 'xlsx'] as const;
export const PROJECT_EXTENSION = 'segstudio';
/** Pictures accepted for persona portraits and the deck logo (embedded in the project as data: URLs). */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'svg'] as const;
/** Largest picture embedded in a project (bytes). */
export const MAX_IMAGE_BYTES = 2_000_000;

/** Largest survey or project file the shell reads into memory (bytes). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
