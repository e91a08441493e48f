/**
 * Segment prioritisation: size, distinctiveness and a value variable the researcher picks (e.g.
 * monthly spend), combined by core/profile's documented score, with a one-line recommendation.
 */
import type { PriorityRow } from '../../core/profile/profile-types';
import { PRIORITY_METHOD } from '../../core/profile/prioritise';
import { fmt, pct } from './format';

export type PriorityPanelProps = {
  rows: readonly PriorityRow[];
  names: readonly string[];
  letters: readonly string[];
  colours: readonly string[];
  valueVariable: string | null;
  valueLabel: string | null;
  /** Shares are weighted (the dataset has a weight column). */
  weighted: boolean;
  candidates: readonly { name: string; label: string }[];
  onValueVariable(name: string | null): void;
};

export function recommendation(rows: readonly PriorityRow[], names: readonly string[], valueLabel: string | null): string {
  const top = rows.find((r) => r.rank === 1);
  if (top === undefined) return '';
  const name = names[top.segment] ?? top.name;
  const parts = [`share ${pct(top.share, 0)}`, `distinctiveness ${fmt(top.distinctiveness, 2)}`];
  if (valueLabel !== null && top.valueIndex !== null) parts.push(`${valueLabel} index ${fmt(top.valueIndex, 0)}`);
  const second = rows.find((r) => r.rank === 2);
  const next = second === undefined ? '' : ` Next: ${names[second.segment] ?? second.name}.`;
  return `Focus first on ${name} (${parts.join(', ')}).${next}`;
}

export function PriorityPanel({ rows, names, letters, colours, valueVariable, valueLabel, weighted, candidates, onValueVariable }: PriorityPanelProps) {
  const sorted = [...rows].sort((a, b) => a.rank - b.rank);
  const hasValue = valueVariable !== null;
  return (
    <section className="panel" aria-labelledby="priority-title">
      <div className="panel-head">
        <h3 id="priority-title">Where to focus</h3>
        <label className="field-inline">
          Value variable
          <select className="select" value={valueVariable ?? ''} onChange={(e) => onValueVariable(e.target.value === '' ? null : e.target.value)}>
            <option value="">None (size and distinctiveness only)</option>
            {candidates.map((c) => (
              <option key={c.name} value={c.name}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="recommendation" role="status">
        {recommendation(rows, names, hasValue ? valueLabel : null)}
      </p>
      <table className="table priority-table" aria-label="Segment prioritisation">
        <thead>
          <tr>
            <th className="num">Rank</th>
            <th>Segment</th>
            <th className="num">{weighted ? 'Weighted share' : 'Share'}</th>
            <th className="num">Distinctiveness</th>
            {hasValue ? <th className="num">Mean {valueLabel}</th> : null}
            {hasValue ? <th className="num">Value index</th> : null}
            {hasValue ? <th className="num">Share of value</th> : null}
            <th className="num">Score</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.segment} className={r.rank === 1 ? 'row-chosen' : undefined}>
              <td className="num">{r.rank}</td>
              <th scope="row">
                <span className="swatch" style={{ background: colours[r.segment] }} aria-hidden="true" />
                {letters[r.segment]}: {names[r.segment] ?? r.name}
              </th>
              <td className="num">{pct(r.share)}</td>
              <td className="num">{fmt(r.distinctiveness, 2)}</td>
              {hasValue ? <td className="num">{fmt(r.valueMean, 1)}</td> : null}
              {hasValue ? <td className="num">{fmt(r.valueIndex, 0)}</td> : null}
              {hasValue ? <td className="num">{pct(r.valueShare)}</td> : null}
              <td className="num strong">{fmt(r.score, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{PRIORITY_METHOD}</p>
    </section>
  );
}
