/** React access to the app's controller (effects) and store (state). */
import { createContext, useContext } from 'react';
import type { Controller } from './controller';
import type { Store } from '../state/store';

export type AppContextValue = { controller: Controller; store: Store };

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp must be used inside <AppContext.Provider>');
  return value;
}
