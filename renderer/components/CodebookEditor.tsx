/**
 * The codebook: one row per column with its label, measurement level, user-missing codes,
 * reverse-coding, whether it belongs to the attitude battery, and the weight column. Every change
 * is recorded as a codebook edit (core/project ColumnEdit), so the raw file is never modified and
 * Undo steps back through the edits.
 * Answers read as words (a Likert scale, or categories coded 1..k in name order) can be put in
 * another order (ColumnEdit.likertOrder: first = code 1): import guesses the order, the researcher
 * has the last word, as the import notice promises.
 */
import { useState } from 'react';
import type { Column, Dataset, Measurement } from '../../core/data/dataset';
import type { Codebook, ColumnEdit } from '../../core/project/project';

const MEASUREMENTS: readonly Measurement[] = ['nominal', 'ordinal', 'continuous', 'text', 'id'];

export type CodebookEditorProps = {
  dataset: Dataset;
  codebook: Codebook;
  onChange(codebook: Codebook): void;
};

function effective(column: Column, edit: ColumnEdit | undefined) {
  return {
    label: edit?.label ?? column.label,
    measurement: edit?.measurement ?? column.measurement,
    reversed: edit?.reversed ?? column.reversed,
    missing: edit?.missing ?? column.missing,
  };
}

/** The answers in their current order: the recorded order, else the file's codes 1..k. */
function labelsOf(column: Column, edit: ColumnEdit | undefined): string[] {
  return edit?.likertOrder ?? column.valueLabels.map((v) => v.label);
}

function parseCodes(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter((p) => p !== '');
  const codes = parts.map(Number);
  return codes.every((c) => Number.isFinite(c)) ? codes : null;
}

/** Text-derived categories: read from a text file (not an SPSS file's own codes) and coded 1..k. */
function reorderable(dataset: Dataset, column: Column): boolean {
  if (dataset.source.format === 'sav' || dataset.source.format === 'zsav') return false;
  const labels = column.valueLabels;
  return labels.length >= 2 && labels.every((v, i) => v.code === i + 1);
}

/** Moves labels up and down (or reverses them) and applies the order as the codes 1..k. */
function OrderEditor({ column, order, onApply, onClose }: { column: string; order: readonly string[]; onApply(order: string[]): void; onClose(): void }) {
  const [draft, setDraft] = useState<string[]>([...order]);
  const move = (from: number, to: number): void => {
    if (to < 0 || to >= draft.length) return;
    const next = [...draft];
    [next[from], next[to]] = [next[to]!, next[from]!];
    setDraft(next);
  };
  return (
    <div className="order-editor" role="group" aria-label={`Order of ${column}'s answers`}>
      <ol>
        {draft.map((label, i) => (
          <li key={label}>
            <span className="mono">{i + 1}</span> {label}{' '}
            <button type="button" className="btn btn-small" aria-label={`Move ${label} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
              ↑
            </button>
            <button type="button" className="btn btn-small" aria-label={`Move ${label} down`} disabled={i === draft.length - 1} onClick={() => move(i, i + 1)}>
              ↓
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-small" onClick={() => setDraft([...draft].reverse())}>
        Reverse
      </button>{' '}
      <button type="button" className="btn btn-small btn-primary" onClick={() => onApply(draft)}>
        Apply order
      </button>{' '}
      <button type="button" className="btn btn-small" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}

export function CodebookEditor({ dataset, codebook, onChange }: CodebookEditorProps) {
  const [ordering, setOrdering] = useState<string | null>(null);
  const edits = new Map(codebook.columns.map((e) => [e.name, e]));
  const battery = new Set(codebook.batteryItems);

  function editColumn(name: string, patch: Omit<ColumnEdit, 'name'>): void {
    const current = edits.get(name) ?? { name };
    const next = { ...current, ...patch };
    const columns = codebook.columns.some((e) => e.name === name) ? codebook.columns.map((e) => (e.name === name ? next : e)) : [...codebook.columns, next];
    onChange({ ...codebook, columns });
  }

  function toggleBattery(name: string, on: boolean): void {
    const order = dataset.columns.map((c) => c.name);
    const set = new Set(codebook.batteryItems);
    if (on) set.add(name);
    else set.delete(name);
    onChange({ ...codebook, batteryItems: order.filter((n) => set.has(n)) });
  }

  return (
    <div className="table-scroll">
      <table className="table codebook">
        <thead>
          <tr>
            <th>Column</th>
            <th>Label</th>
            <th>Measurement</th>
            <th>Value labels</th>
            <th>Missing codes</th>
            <th className="center">Reverse</th>
            <th className="center">Battery</th>
            <th className="center">Weight</th>
          </tr>
        </thead>
        <tbody>
          {dataset.columns.map((column) => {
            const e = effective(column, edits.get(column.name));
            return (
              <tr key={column.name}>
                <th scope="row" className="mono">
                  {column.name}
                </th>
                <td>
                  <input className="input" aria-label={`Label of ${column.name}`} value={e.label} onChange={(ev) => editColumn(column.name, { label: ev.target.value })} />
                </td>
                <td>
                  <select className="select" aria-label={`Measurement of ${column.name}`} value={e.measurement} onChange={(ev) => editColumn(column.name, { measurement: ev.target.value as Measurement })}>
                    {MEASUREMENTS.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="value-labels" title={labelsOf(column, edits.get(column.name)).map((label, i) => `${i + 1} = ${label}`).join('\n')}>
                  {reorderable(dataset, column) && ordering !== column.name ? (
                    <>
                      <button type="button" className="btn btn-small" aria-label={`Change the order of ${column.name}'s answers`} onClick={() => setOrdering(column.name)}>
                        Order…
                      </button>{' '}
                    </>
                  ) : null}
                  {column.valueLabels.length === 0 ? (
                    <span className="muted">none</span>
                  ) : reorderable(dataset, column) && edits.get(column.name)?.likertOrder !== undefined ? (
                    labelsOf(column, edits.get(column.name)).map((label, i) => `${i + 1} ${label}`).join(' · ')
                  ) : (
                    column.valueLabels.map((v) => `${v.code} ${v.label}`).join(' · ')
                  )}
                  {reorderable(dataset, column) && ordering === column.name ? (
                    <OrderEditor
                      column={column.name}
                      order={labelsOf(column, edits.get(column.name))}
                      onClose={() => setOrdering(null)}
                      onApply={(order) => {
                        setOrdering(null);
                        editColumn(column.name, { likertOrder: order, measurement: e.measurement === 'nominal' ? 'nominal' : 'ordinal' });
                      }}
                    />
                  ) : null}
                </td>
                <td>
                  <input
                    className="input input-narrow"
                    aria-label={`Missing codes of ${column.name}`}
                    defaultValue={e.missing.codes.join(', ')}
                    placeholder="e.g. 8, 9"
                    onBlur={(ev) => {
                      const codes = parseCodes(ev.target.value);
                      if (codes !== null && codes.join(',') !== e.missing.codes.join(',')) editColumn(column.name, { missing: { ...e.missing, codes } });
                    }}
                  />
                </td>
                <td className="center">
                  <input type="checkbox" aria-label={`Reverse-code ${column.name}`} checked={e.reversed} disabled={column.values === null} onChange={(ev) => editColumn(column.name, { reversed: ev.target.checked })} />
                </td>
                <td className="center">
                  <input type="checkbox" aria-label={`${column.name} in the attitude battery`} checked={battery.has(column.name)} disabled={column.values === null} onChange={(ev) => toggleBattery(column.name, ev.target.checked)} />
                </td>
                <td className="center">
                  <input type="radio" name="weight-column" aria-label={`Use ${column.name} as the weight`} checked={codebook.weight === column.name} disabled={column.values === null} onChange={() => onChange({ ...codebook, weight: column.name })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="btn btn-small" disabled={codebook.weight === null} onClick={() => onChange({ ...codebook, weight: null })}>
        No weight
      </button>
    </div>
  );
}
