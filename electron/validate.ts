/**
 * Validation of every IPC argument before a handler sees it. The renderer is treated as untrusted
 * (a compromised page could call ipcRenderer with anything), so each channel has a validator that
 * turns `unknown[]` into the exact parameter tuple of its BridgeApi method or throws a BridgeArgumentError.
 * Pure functions with no electron import: electron/validate.test.ts calls them directly.
 */
import {
  MAX_FILE_BYTES,
  type BridgeApi,
  type ExportRequest,
  type InvokeMethod,
  type SaveDeckRequest,
  type SaveProjectRequest,
} from './contract';

export class BridgeArgumentError extends Error {
  override readonly name = 'BridgeArgumentError';
}

export type Validators = { [K in InvokeMethod]: (args: readonly unknown[]) => Parameters<BridgeApi[K]> };

const MAX_NAME_LENGTH = 255;
const MAX_PATH_LENGTH = 4096;

function fail(method: string, what: string): never {
  throw new BridgeArgumentError(`Invalid argument to ${method}: ${what}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectCount(method: string, args: readonly unknown[], count: number): void {
  if (args.length !== count) fail(method, `expected ${count} argument(s), got ${args.length}`);
}

/** A plain file name: no directory separators, no NUL, not empty, not "." or "..". */
export function checkFileName(method: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) fail(method, 'file name must be a non-empty string');
  if (/[/\\\0]/.test(value) || value === '.' || value === '..') fail(method, `file name '${value}' must not contain a folder`);
  return value;
}

function checkPath(method: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PATH_LENGTH || value.includes('\0')) {
    fail(method, 'path must be a non-empty string');
  }
  return value;
}

function checkText(method: string, value: unknown, field: string): string {
  if (typeof value !== 'string') fail(method, `${field} must be a string`);
  if (value.length > MAX_FILE_BYTES) fail(method, `${field} is larger than ${MAX_FILE_BYTES} characters`);
  return value;
}

function checkExtensions(method: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10) fail(method, 'extensions must be a list of 1 to 10 entries');
  return value.map((ext) => {
    if (typeof ext !== 'string' || !/^[a-z0-9]{1,10}$/i.test(ext)) fail(method, `extension '${String(ext)}' must be letters and digits without a dot`);
    return ext;
  });
}

function checkSaveProject(args: readonly unknown[]): [SaveProjectRequest] {
  const m = 'saveProject';
  expectCount(m, args, 1);
  const r = args[0];
  if (!isRecord(r)) fail(m, 'request must be an object');
  if (typeof r['saveAs'] !== 'boolean') fail(m, 'saveAs must be a boolean');
  const path = r['path'] === null ? null : checkPath(m, r['path']);
  return [{ text: checkText(m, r['text'], 'text'), suggestedName: checkFileName(m, r['suggestedName']), path, saveAs: r['saveAs'] }];
}

function checkExport(args: readonly unknown[]): [ExportRequest] {
  const m = 'exportFile';
  expectCount(m, args, 1);
  const r = args[0];
  if (!isRecord(r)) fail(m, 'request must be an object');
  const content = r['content'];
  if (!(content instanceof Uint8Array) && typeof content !== 'string') fail(m, 'content must be bytes or text');
  if (content.length > MAX_FILE_BYTES) fail(m, 'content is too large');
  return [{ suggestedName: checkFileName(m, r['suggestedName']), content, extensions: checkExtensions(m, r['extensions']) }];
}

function checkDeck(args: readonly unknown[]): [SaveDeckRequest] {
  const m = 'saveDeckPdf';
  expectCount(m, args, 1);
  const r = args[0];
  if (!isRecord(r)) fail(m, 'request must be an object');
  return [{ html: checkText(m, r['html'], 'html'), suggestedName: checkFileName(m, r['suggestedName']) }];
}

function none(method: string): (args: readonly unknown[]) => [] {
  return (args) => {
    expectCount(method, args, 0);
    return [];
  };
}

export const validators: Validators = {
  openSurveyFile: none('openSurveyFile'),
  openSampleSurvey: none('openSampleSurvey'),
  openProject: none('openProject'),
  openRecent: (args) => {
    expectCount('openRecent', args, 1);
    return [checkPath('openRecent', args[0])];
  },
  recentFiles: none('recentFiles'),
  saveProject: checkSaveProject,
  exportFile: checkExport,
  openImageFile: none('openImageFile'),
  saveDeckPdf: checkDeck,
  writeRecovery: (args) => {
    expectCount('writeRecovery', args, 1);
    return [checkText('writeRecovery', args[0], 'text')];
  },
  readRecovery: none('readRecovery'),
  clearRecovery: none('clearRecovery'),
  setDirty: (args) => {
    expectCount('setDirty', args, 1);
    if (typeof args[0] !== 'boolean') fail('setDirty', 'dirty must be a boolean');
    return [args[0]];
  },
};
