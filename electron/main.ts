/**
 * The Electron main process: thin wiring only. It serves the renderer build over a private app://
 * scheme (ES modules and workers do not load from file://), applies the security policy of
 * electron/security.ts, registers electron/handlers.ts behind validation (electron/dispatch.ts),
 * builds the menu (electron/menu.ts) and asks before closing a window with unsaved changes.
 * Everything that can be tested without a window lives in those files.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { CHANNELS, MENU_CHANNEL, type InvokeMethod, type MenuCommand, type RecentFile } from './contract';
import { dispatch } from './dispatch';
import { createHandlers, type DialogPort } from './handlers';
import { buildMenuTemplate } from './menu';
import { nodeFs } from './node-fs';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeFor, isAllowedRequest, resolveAppPath } from './security';

const rendererDir = join(__dirname, '..', 'renderer');
const samplePath = app.isPackaged
  ? join(process.resourcesPath, 'sample', 'survey.sav')
  : join(app.getAppPath(), 'resources', 'sample', 'survey.sav');

let mainWindow: BrowserWindow | null = null;
let dirty = false;
/** The deck being printed, served from memory at app://segstudio/__deck.html (no temp files, no URL size limit). */
let pendingDeckHtml: string | null = null;
const DECK_PATH = '__deck.html';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

function sendMenuCommand(command: MenuCommand, path: string | null = null): void {
  mainWindow?.webContents.send(MENU_CHANNEL, command, path);
}

function rebuildMenu(recent: readonly RecentFile[]): void {
  const template = buildMenuTemplate(recent, { send: sendMenuCommand, openRecent: (path) => sendMenuCommand('open-recent', path) }, process.platform === 'darwin');
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

const dialogPort: DialogPort = {
  async showOpen({ title, filterName, extensions }) {
    const options = { title, properties: ['openFile' as const], filters: [{ name: filterName, extensions: [...extensions] }] };
    const result = mainWindow === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(mainWindow, options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async showSave({ title, defaultName, filterName, extensions }) {
    const options = { title, defaultPath: defaultName, filters: [{ name: filterName, extensions: [...extensions] }] };
    const result = mainWindow === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(mainWindow, options);
    return result.canceled ? null : (result.filePath ?? null);
  },
};

/** Prints deck HTML in a hidden, script-less window, 16:9 pages as the deck's @page rule asks. */
async function printToPdf(html: string): Promise<Uint8Array> {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
  pendingDeckHtml = html;
  try {
    await win.loadURL(`${APP_ORIGIN}/${DECK_PATH}`);
    const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    pendingDeckHtml = null;
    win.destroy();
  }
}

const handlers = createHandlers({
  dialog: dialogPort,
  fs: nodeFs,
  userDataDir: app.getPath('userData'),
  samplePath,
  printToPdf,
  onDirtyChange: (value) => {
    dirty = value;
    mainWindow?.setDocumentEdited(value);
  },
  onRecentChange: rebuildMenu,
  now: () => new Date(),
});

function registerIpc(): void {
  for (const method of Object.keys(CHANNELS) as InvokeMethod[]) {
    ipcMain.handle(CHANNELS[method], (event, ...args: unknown[]) => {
      if (event.senderFrame?.origin !== APP_ORIGIN) {
        return { ok: false, error: { kind: 'bug', message: 'IPC refused: the sender is not the app.' } };
      }
      return dispatch(handlers, method, args);
    });
  }
}

function serveRenderer(): void {
  const headersFor = (file: string) => ({ 'Content-Type': contentTypeFor(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' });
  protocol.handle(APP_SCHEME, async (request) => {
    const relative = resolveAppPath(request.url);
    if (relative === DECK_PATH && pendingDeckHtml !== null) return new Response(pendingDeckHtml, { headers: headersFor(DECK_PATH) });
    const file = relative === null ? null : normalize(join(rendererDir, relative));
    if (file === null || !file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: headersFor(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    title: 'Segment Studio',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (!dirty) return;
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Save…', 'Discard changes', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      message: 'This project has unsaved changes.',
      detail: 'Save them before closing? Unsaved work is also kept in the recovery file until you discard it.',
    });
    if (choice === 1) {
      dirty = false;
      void handlers.clearRecovery();
      return;
    }
    event.preventDefault();
    if (choice === 0) sendMenuCommand('save-project');
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents));
app.on('window-all-closed', () => app.quit());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => mainWindow?.focus());
  void app.whenReady().then(async () => {
    lockDownSession();
    serveRenderer();
    registerIpc();
    rebuildMenu(await handlers.recentFiles());
    createWindow();
  });
}
