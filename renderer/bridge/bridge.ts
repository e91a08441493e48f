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

let cached: BridgeApi | null = null;

export function getBridge(): BridgeApi {
  cached ??= window.segstudio ?? createBrowserBridge();
  return cached;
}

/** True inside the desktop shell (native menus, dialogs and autosave to disk). */
export function isDesktop(): boolean {
  return window.segstudio !== undefined;
}
