/**
 * The loadings heatmap as a table: items × factors, cells shaded by sign and size, loadings
 * below the threshold hidden (shown blank, as psych's print cut), sortable by any column, with
 * communality h². Sorting by a factor orders items by their absolute loading on it.
 */
import { useState } from 'react';
import { loadingColour } from '../charts/palette';
import { fmt } from './format';

export type LoadingsTableProps = {
  items: string[];
  itemLabels: string[];
  factorNames: string[];
  loadings: number[][];
  communalities: number[];
};

type SortKey = { by: 'item' } | { by: 'factor'; factor: number } | { by: 'h2' } | { by: 'primary' };

export function LoadingsTable({ items, itemLabels, factorNames, loadings, communalities }: LoadingsTableProps) {
  const [cut, setCut] = useState(0.3);
  const [sort, setSort] = useState<SortKey>({ by: 'primary' });
  const order = items.map((_, i) => i);
  const primary = (i: number) => {
    const row = loadings[i] ?? [];
    let best = 0;
    row.forEach((v, f) => {
      if (Math.abs(v) > Math.abs(row[best] ?? 0)) best = f;
    });
    return best;
  };
  if (sort.by === 'item') order.sort((a, b) => items[a]!.localeCompare(items[b]!));
  else if (sort.by === 'h2') order.sort((a, b) => communalities[b]! - communalities[a]!);
  else if (sort.by === 'factor') order.sort((a, b) => Math.abs(loadings[b]![sort.factor]!) - Math.abs(loadings[a]![sort.factor]!));
  else order.sort((a, b) => primary(a) - primary(b) || Math.abs(loadings[b]![primary(b)]!) - Math.abs(loadings[a]![primary(a)]!));

  const ariaSort = (active: boolean) => (active ? 'descending' : 'none');
  return (
    <div>
      <div className="toolbar">
        <label className="field-inline">
          Hide loadings below
          <select className="select" value={cut} onChange={(e) => setCut(Number(e.target.value))} aria-label="Hide loadings below">
            {[0, 0.2, 0.3, 0.4, 0.5].map((c) => (
              <option key={c} value={c}>
                {c === 0 ? 'show all' : `|${c.toFixed(1)}|`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={() => setSort({ by: 'primary' })}>
          Sort by factor pattern
        </button>
      </div>
      <div className="table-scroll">
        <table className="table loadings" aria-label="Factor loadings">
          <thead>
            <tr>
              <th aria-sort={ariaSort(sort.by === 'item')}>
                <button type="button" className="th-button" onClick={() => setSort({ by: 'item' })}>
                  Item
                </button>
              </th>
              {factorNames.map((name, f) => (
                <th key={f} className="num" aria-sort={ariaSort(sort.by === 'factor' && sort.factor === f)}>
                  <button type="button" className="th-button" onClick={() => setSort({ by: 'factor', factor: f })}>
                    {name}
                  </button>
                </th>
              ))}
              <th className="num" aria-sort={ariaSort(sort.by === 'h2')}>
                <button type="button" className="th-button" onClick={() => setSort({ by: 'h2' })}>
                  h²
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {order.map((i) => (
              <tr key={items[i]}>
                <th scope="row" className="item-cell">
                  <span className="mono">{items[i]}</span> <span className="muted small">{itemLabels[i] !== items[i] ? itemLabels[i] : ''}</span>
                </th>
                {(loadings[i] ?? []).map((v, f) => (
                  <td key={f} className="num heat" style={{ background: Math.abs(v) >= cut ? loadingColour(v) : 'transparent' }}>
                    {Math.abs(v) >= cut ? fmt(v, 2) : ''}
                  </td>
                ))}
                <td className="num">{fmt(communalities[i], 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
