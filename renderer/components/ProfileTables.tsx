/**
 * Profile tables: the index heatmap (attitudes × segments, 100 = the total, shaded blue below and
 * orange above, with significance letters) and a crosstab with column-proportion letters: a
 * letter in a cell names the segments whose share it is significantly higher than (α = .05,
 * Bonferroni within the row), as in SPSS Custom Tables.
 */
import type { AttitudeTable, Crosstab, SegmentSize } from '../../core/profile/profile-types';
import { indexColour } from '../charts/palette';
import { fmt, int, pValue } from './format';

export function IndexHeatmap({ table, sizes, label = 'Index to the total by segment', rowTitle = 'Attitude' }: { table: AttitudeTable; sizes: readonly SegmentSize[]; label?: string; rowTitle?: string }) {
  return (
    <div className="table-scroll">
      <table className="table heatmap" aria-label={label}>
        <thead>
          <tr>
            <th>{rowTitle}</th>
            <th className="num">Total mean</th>
            {sizes.map((s) => (
              <th key={s.segment} className="num">
                {s.name.endsWith(` ${s.letter}`) ? s.name : `${s.name} (${s.letter})`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.variables.map((v, j) => (
            <tr key={v.name}>
              <th scope="row">
                {v.label}
                {v.label !== v.name ? <span className="muted small mono"> {v.name}</span> : null}
              </th>
              <td className="num">{fmt(table.totalMean[j], 2)}</td>
              {sizes.map((s) => {
                const index = table.index[s.segment]?.[j] ?? NaN;
                return (
                  <td key={s.segment} className="num heat" style={{ background: indexColour(index) }} title={`Mean ${fmt(table.means[s.segment]?.[j], 2)}`}>
                    {fmt(index, 0)}
                    <span className="letter">{table.letters[s.segment]?.[j] ?? ''}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CrosstabTable({ table, sizes }: { table: Crosstab; sizes: readonly SegmentSize[] }) {
  return (
    <div className="crosstab">
      <h4>
        {table.label}
        {table.label !== table.variable ? <span className="muted small mono"> {table.variable}</span> : null}
        <span className="muted small">
          {' '}
          · {table.test.name === 'chi-square' ? 'χ²' : 'F'}({fmt(table.test.df, 0)}) = {fmt(table.test.statistic, 1)}, p {pValue(table.test.p)}
        </span>
      </h4>
      <table className="table table-compact" aria-label={`Crosstab of ${table.label} by segment`}>
        <thead>
          <tr>
            <th>{table.kind === 'mean' ? 'Mean' : 'Category'}</th>
            {sizes.map((s) => (
              <th key={s.segment} className="num">
                {s.name.endsWith(` ${s.letter}`) ? s.name : `${s.name} (${s.letter})`}
              </th>
            ))}
            <th className="num">Total</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.category}>
              <th scope="row">{row.category || 'Mean'}</th>
              {sizes.map((s, c) => (
                <td key={s.segment} className="num">
                  {table.kind === 'mean' ? fmt(row.percent[c], 1) : `${fmt(row.percent[c], 0)}%`}
                  <span className="letter">{row.letters[c] ?? ''}</span>
                </td>
              ))}
              <td className="num">{table.kind === 'mean' ? fmt(row.totalPercent, 1) : `${fmt(row.totalPercent, 0)}%`}</td>
            </tr>
          ))}
          <tr className="base-row">
            <th scope="row">Base (n)</th>
            {sizes.map((s, c) => (
              <td key={s.segment} className="num muted">
                {int(table.base[c])}
              </td>
            ))}
            <td className="num muted">{int(table.base.reduce((a, b) => a + b, 0))}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
