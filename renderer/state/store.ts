/**
 * The one typed store of the renderer: serializable, read-only state changed only by `dispatch`
 * (the reducer in app-reducer.ts). Large results (datasets, EFA and segmentation results) are not
 * in the store: they sit in result-cache.ts, keyed by the settings that produced them, and the
 * store holds only their keys. Effects (workers, the bridge) live in app/controller.ts, never in
 * the reducer. React reads it through useAppState with a selector (useSyncExternalStore).
 */
import { useContext, useSyncExternalStore } from 'react';
import { AppContext } from '../app/context';
import { initialState, reduce, type Action, type AppState } from './app-reducer';

export type Store = {
  getState(): AppState;
  dispatch(action: Action): void;
  subscribe(listener: () => void): () => void;
};

export function createStore(state: AppState = initialState()): Store {
  let current = state;
  const listeners = new Set<() => void>();
  return {
    getState: () => current,
    dispatch(action) {
      const next = reduce(current, action);
      if (next === current) return;
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export const appStore = createStore();

/** Reads the store of the nearest AppContext (the app's one store, or a test's own). */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppContext)?.store ?? appStore;
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
