// @vitest-environment jsdom
/**
 * The App in jsdom with the preload stand-in (window.segstudio = an in-memory BridgeApi), Plotly
 * mocked (jsdom has no canvas/SVG layout) and analyses run in-process instead of a Web Worker.
 */
import { readRepoBytes } from '../../tests/support/repo-files';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeApi, MenuCommand } from '../../electron/contract';
import { createStore } from '../state/store';
import { runAnalysis, type AnalysisSpec, type ResultOf } from '../workers/analysis-jobs';
import { App } from './App';
import { AppContext } from './context';
import { createController } from './controller';

vi.mock('plotly.js-dist-min', () => ({ default: { react: vi.fn(async () => undefined), purge: vi.fn(), toImage: vi.fn(async () => 'data:image/svg+xml,%3Csvg%2F%3E') } }));

const sample = readRepoBytes('resources/sample/survey.csv');

function mount(recovery: string | null = null) {
  let menu: ((c: MenuCommand, p: string | null) => void) | null = null;
  const bridge: BridgeApi = {
    openSurveyFile: async () => null,
    openSampleSurvey: async () => ({ name: 'survey.csv', bytes: sample, path: null }),
    openProject: async () => null,
    openRecent: async () => {
      throw new Error('none');
    },
    recentFiles: async () => [],
    saveProject: async (r) => ({ name: r.suggestedName, path: `/tmp/${r.suggestedName}` }),
    exportFile: async () => null,
    openImageFile: async () => null,
    saveDeckPdf: async () => null,
    writeRecovery: async () => {},
    readRecovery: async () => (recovery === null ? null : { text: recovery, savedAt: '2026-11-23T07:00:00Z' }),
    clearRecovery: async () => {},
    setDirty: async () => {},
    onMenuCommand: (listener) => {
      menu = listener;
      return () => (menu = null);
    },
  };
  window.segstudio = bridge;
  const store = createStore();
  const jobs = { run: <S extends AnalysisSpec>(spec: S, run = {}) => runAnalysis(spec, run) as Promise<ResultOf<S>>, dispose() {} };
  const controller = createController({ store, bridge, jobs });
  render(
    <AppContext.Provider value={{ controller, store }}>
      <App />
    </AppContext.Provider>,
  );
  return { store, sendMenu: (c: MenuCommand) => menu?.(c, null) };
}

afterEach(() => {
  cleanup();
  delete window.segstudio;
});

describe('App', () => {
  it('opens the bundled sample at start and shows the eight steps', async () => {
    mount();
    const nav = screen.getByRole('navigation', { name: 'Workflow steps' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual([
      expect.stringContaining('Data'),
      expect.stringContaining('Factors'),
      expect.stringContaining('Segments'),
      expect.stringContaining('Profiles'),
      expect.stringContaining('Personas'),
      expect.stringContaining('Deck & exports'),
      expect.stringContaining('Typing tool'),
      expect.stringContaining('Waves'),
    ]);
    await waitFor(() => expect(screen.getAllByText('1,500', { selector: '.card-value' })).toHaveLength(2), { timeout: 15_000 });
    expect(screen.getByRole('grid', { name: /1500 rows, 35 columns/ })).toBeTruthy();
  });

  it('menu commands navigate, and the factor analysis runs from the Factors screen', async () => {
    const { sendMenu } = mount();
    await waitFor(() => expect(screen.getAllByText('1,500', { selector: '.card-value' })).toHaveLength(2), { timeout: 15_000 });
    sendMenu('go-factors');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Factors' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Run factor analysis' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Factor loadings' })).toBeTruthy(), { timeout: 20_000 });
    expect(screen.getByText(/KMO sampling adequacy/)).toBeTruthy();
  });

  it('offers to restore unsaved work instead of opening the sample', async () => {
    mount('{"kind":"segstudio-project"}');
    const dialog = await screen.findByRole('alertdialog', { name: 'Restore unsaved work' }, { timeout: 5_000 });
    expect(within(dialog).getByRole('button', { name: 'Restore' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Cannot open Recovered project/), { timeout: 5_000 });
  });
});
