/**
 * The sandboxed preload: exposes exactly the BridgeApi as `window.segstudio`, one method per IPC
 * channel, and nothing of ipcRenderer itself. Built as CommonJS (out/electron/preload.cjs) because
 * sandboxed preloads cannot load ES modules. Errors come back as BridgeEnvelope and are rethrown
 * as plain Errors carrying the user-facing message (contextBridge keeps only the message).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, MENU_CHANNEL, MENU_COMMANDS, type BridgeApi, type BridgeEnvelope, type InvokeMethod, type MenuCommand } from './contract';

async function invoke<T>(method: InvokeMethod, ...args: unknown[]): Promise<T> {
  const envelope = (await ipcRenderer.invoke(CHANNELS[method], ...args)) as BridgeEnvelope<T>;
  if (envelope.ok) return envelope.value;
  throw new Error(envelope.error.message);
}

const api = {
  openSurveyFile: () => invoke('openSurveyFile'),
  openSampleSurvey: () => invoke('openSampleSurvey'),
  openProject: () => invoke('openProject'),
  openRecent: (path) => invoke('openRecent', path),
  recentFiles: () => invoke('recentFiles'),
  saveProject: (request) => invoke('saveProject', request),
  exportFile: (request) => invoke('exportFile', request),
  openImageFile: () => invoke('openImageFile'),
  saveDeckPdf: (request) => invoke('saveDeckPdf', request),
  writeRecovery: (text) => invoke('writeRecovery', text),
  readRecovery: () => invoke('readRecovery'),
  clearRecovery: () => invoke('clearRecovery'),
  setDirty: (dirty) => invoke('setDirty', dirty),
  onMenuCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: unknown, path: unknown): void => {
      if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) {
        listener(command as MenuCommand, typeof path === 'string' ? path : null);
      }
    };
    ipcRenderer.on(MENU_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, wrapped);
    };
  },
} satisfies BridgeApi;

contextBridge.exposeInMainWorld('segstudio', api);
