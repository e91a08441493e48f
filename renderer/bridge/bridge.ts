/**
 * The renderer's only door to the outside world: the desktop preload's `window.segstudio` when
 * running in Electron, otherwise the browser implementation of the same BridgeApi.
 */
import type { BridgeApi } from '../../electron/contract';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    segstudio?: BridgeApi;
  }
}

let browserBridge: BridgeApi | null = null;

export function getBridge(): BridgeApi {
  if (window.segstudio !== undefined) return window.segstudio;
  browserBridge ??= createBrowserBridge();
  return browserBridge;
}

/** True inside the desktop shell (native menus, dialogs and autosave to disk). */
export function isDesktop(): boolean {
  return window.segstudio !== undefined;
}
