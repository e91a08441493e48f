/**
 * Renderer entry: one store, one worker pool, one controller, the App. Everything the app does
 * outside the page goes through getBridge() (Electron preload or the browser implementation).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppContext } from './app/context';
import { createController } from './app/controller';
import { getBridge } from './bridge/bridge';
import { appStore } from './state/store';
import { createBrowserJobClient } from './workers/job-client';
import './styles.css';

const controller = createController({ store: appStore, bridge: getBridge(), jobs: createBrowserJobClient(), confirmDiscard: (message) => window.confirm(message) });
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ controller, store: appStore }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
