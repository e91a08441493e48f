/**
 * A virtualised grid of respondents: only the rows in view (plus a small overscan) are in the DOM,
 * so 100,000 respondents scroll as smoothly as 100. Fixed row height; sticky header; value labels
 * shown instead of codes when the column has them; excluded respondents are struck through.
 */
import { useMemo, useState } from 'react';
import type { Column, Dataset } from '../../core/data/dataset';
import { isMissingValue } from '../../core/data/dataset';

const ROW_HEIGHT = 28;
const VIEW_HEIGHT = 440;
const OVERSCAN = 8;

function cellText(column: Column, i: number, labels: Map<number, string> | undefined): string {
  if (isMissingValue(column, i)) return '';
  if (column.values !== null) {
    const v = column.values[i]!;
    return labels?.get(v) ?? (Number.isInteger(v) ? String(v) : v.toFixed(2));
  }
  return column.text?.[i] ?? '';
}

export function DataGrid({ dataset, excluded }: { dataset: Dataset; excluded: ReadonlySet<number> }) {
  const [scrollTop, setScrollTop] = useState(0);
  const [showLabels, setShowLabels] = useState(false);
  const labelMaps = useMemo(() => dataset.columns.map((c) => (c.valueLabels.length > 0 ? new Map(c.valueLabels.map((v) => [v.code, v.label])) : undefined)), [dataset]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(dataset.rows, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const rows: number[] = [];
  for (let i = first; i < last; i++) rows.push(i);
  return (
    <div className="grid-wrap">
      <label className="inline-check">
        <input type="checkbox" checked={showLabels} onChange={(e) => setShowLabels(e.target.checked)} /> Show value labels
      </label>
      <div
        className="grid"
        style={{ height: VIEW_HEIGHT }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        role="grid"
        aria-label={`Respondents: ${dataset.rows} rows, ${dataset.columns.length} columns`}
        aria-rowcount={dataset.rows + 1}
      >
        <table className="grid-table">
          <thead>
            <tr>
              <th className="num">#</th>
              {dataset.columns.map((c) => (
                <th key={c.name} title={c.label} className={c.values !== null ? 'num' : ''}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />
            {rows.map((i) => (
              <tr key={i} className={excluded.has(i) ? 'row-excluded' : ''} style={{ height: ROW_HEIGHT }} aria-rowindex={i + 2}>
                <td className="num muted">{i + 1}</td>
                {dataset.columns.map((c, j) => (
                  <td key={c.name} className={c.values !== null && !(showLabels && labelMaps[j]) ? 'num' : ''}>
                    {cellText(c, i, showLabels ? labelMaps[j] : undefined)}
                  </td>
                ))}
              </tr>
            ))}
            <tr style={{ height: (dataset.rows - last) * ROW_HEIGHT }} aria-hidden="true" />
          </tbody>
        </table>
      </div>
    </div>
  );
}
