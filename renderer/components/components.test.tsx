// @vitest-environment jsdom
/**
 * Components in jsdom: the grid renders only the rows in view (virtualised), the loadings table
 * hides small loadings and sorts, and the Plotly wrapper draws with the colour-blind-safe palette
 * and exports through the bridge (Plotly mocked: jsdom has no layout engine).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Plotly from 'plotly.js-dist-min';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_MISSING, type Dataset } from '../../core/data/dataset';
import type { BridgeApi } from '../../electron/contract';
import { PlotlyChart } from '../charts/PlotlyChart';
import { OKABE_ITO } from '../charts/palette';
import { applyCodebook } from '../../core/project/apply-project';
import type { Codebook } from '../../core/project/project';
import { CodebookEditor } from './CodebookEditor';
import { DataGrid } from './DataGrid';
import { LoadingsTable } from './LoadingsTable';

vi.mock('plotly.js-dist-min', () => ({ default: { react: vi.fn(async () => undefined), purge: vi.fn(), toImage: vi.fn(async () => 'data:image/svg+xml,%3Csvg%3E%3C%2Fsvg%3E') } }));

afterEach(() => {
  cleanup();
  delete window.segstudio;
});

function bigDataset(rows: number): Dataset {
  const column = (name: string) => ({ name, label: name, measurement: 'continuous' as const, valueLabels: [], missing: { ...EMPTY_MISSING }, values: Float64Array.from({ length: rows }, (_, i) => i % 5), text: null, reversed: false });
  return { source: { file: 'big.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows, columns: [column('a'), column('b')], weight: null, id: null, notices: [] };
}

describe('CodebookEditor: the order of answers read as words', () => {
  function likertDataset(format: 'csv' | 'sav'): Dataset {
    const labels = ['Agree', 'Neutral', 'Disagree']; // a wrong guess: the scale runs the other way
    return {
      source: { file: `s.${format}`, format, encoding: 'utf-8', delimiter: format === 'csv' ? ',' : null, sheet: null },
      rows: 4,
      columns: [{ name: 'q1', label: 'q1', measurement: 'ordinal', valueLabels: labels.map((label, i) => ({ code: i + 1, label })), missing: { ...EMPTY_MISSING }, values: Float64Array.from([1, 2, 3, 1]), text: null, reversed: false }],
      weight: null,
      id: null,
      notices: [],
    };
  }
  const empty: Codebook = { columns: [], batteryItems: [], weight: null, id: null };

  it('reverses the order, records it as a codebook edit, and the edit recodes the answers', () => {
    const changes: Codebook[] = [];
    const dataset = likertDataset('csv');
    render(<CodebookEditor dataset={dataset} codebook={empty} onChange={(c) => changes.push(c)} />);
    fireEvent.click(screen.getByRole('button', { name: "Change the order of q1's answers" }));
    const editor = screen.getByRole('group', { name: "Order of q1's answers" });
    fireEvent.click(within(editor).getByRole('button', { name: 'Reverse' }));
    fireEvent.click(within(editor).getByRole('button', { name: 'Move Neutral up' }));
    fireEvent.click(within(editor).getByRole('button', { name: 'Move Neutral down' }));
    fireEvent.click(within(editor).getByRole('button', { name: 'Apply order' }));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.columns).toEqual([{ name: 'q1', likertOrder: ['Disagree', 'Neutral', 'Agree'], measurement: 'ordinal' }]);
    const recoded = applyCodebook(dataset, changes[0]!).columns[0]!;
    expect(Array.from(recoded.values!)).toEqual([3, 2, 1, 3]);
    expect(recoded.valueLabels.map((v) => v.label)).toEqual(['Disagree', 'Neutral', 'Agree']);
  });

  it("offers no reordering of an SPSS file's own codes", () => {
    render(<CodebookEditor dataset={likertDataset('sav')} codebook={empty} onChange={() => undefined} />);
    expect(screen.queryByRole('button', { name: "Change the order of q1's answers" })).toBeNull();
  });
});

describe('DataGrid', () => {
  it('keeps only the rows in view in the DOM, even for 100,000 respondents', () => {
    render(<DataGrid dataset={bigDataset(100_000)} excluded={new Set([1])} />);
    const grid = screen.getByRole('grid', { name: /100000 rows/ });
    const rendered = grid.querySelectorAll('tbody tr[aria-rowindex]');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    expect(grid.querySelector('tr.row-excluded')).not.toBeNull();
    fireEvent.scroll(grid, { target: { scrollTop: 28 * 50_000 } });
    expect(grid.querySelector('tbody tr[aria-rowindex="50002"]')).not.toBeNull();
  });
});

describe('LoadingsTable', () => {
  const props = { items: ['q1', 'q2', 'q3'], itemLabels: ['q1', 'q2', 'q3'], factorNames: ['Price', 'Quality'], loadings: [[0.1, 0.7], [0.8, 0.05], [-0.6, 0.2]], communalities: [0.5, 0.64, 0.4] };

  it('hides loadings below the cut and sorts items by a factor', () => {
    render(<LoadingsTable {...props} />);
    const table = screen.getByRole('table', { name: 'Factor loadings' });
    expect(within(table).queryByText('0.10')).toBeNull();
    expect(within(table).getByText('\u22120.60')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Price' }));
    const order = within(table).getAllByRole('rowheader').map((th) => th.textContent?.trim().split(' ')[0]);
    expect(order).toEqual(['q2', 'q3', 'q1']);
    fireEvent.change(screen.getByLabelText('Hide loadings below'), { target: { value: '0' } });
    expect(within(table).getByText('0.10')).toBeTruthy();
  });
});

describe('PlotlyChart', () => {
  it('draws with the Okabe–Ito palette and exports SVG through the bridge', async () => {
    const exportFile = vi.fn(async () => null);
    window.segstudio = { exportFile } as unknown as BridgeApi;
    render(<PlotlyChart title="Entropy by K" exportName="entropy" data={[{ type: 'bar', x: [2, 3], y: [0.9, 0.8] }]} />);
    await waitFor(() => expect(Plotly.react).toHaveBeenCalled());
    const layout = vi.mocked(Plotly.react).mock.calls[0]![2] as { colorway: string[] };
    expect(layout.colorway).toEqual([...OKABE_ITO]);
    fireEvent.click(screen.getByRole('button', { name: 'Export Entropy by K as SVG' }));
    await waitFor(() => expect(exportFile).toHaveBeenCalledWith({ suggestedName: 'entropy.svg', content: '<svg></svg>', extensions: ['svg'] }));
  });
});
