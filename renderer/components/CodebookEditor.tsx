/**
 * The codebook: one row per column with its label, measurement level, user-missing codes,
 * reverse-coding, whether it belongs to the attitude battery, and the weight column. Every change
 * is recorded as a codebook edit (core/project ColumnEdit), so the raw file is never modified and
 * Undo steps back through the edits.
 */
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

function parseCodes(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter((p) => p !== '');
  const codes = parts.map(Number);
  return codes.every((c) => Number.isFinite(c)) ? codes : null;
}

export function CodebookEditor({ dataset, codebook, onChange }: CodebookEditorProps) {
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
                <td className="value-labels" title={column.valueLabels.map((v) => `${v.code} = ${v.label}`).join('\n')}>
                  {column.valueLabels.length === 0 ? <span className="muted">none</span> : column.valueLabels.map((v) => `${v.code} ${v.label}`).join(' · ')}
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
