/**
 * File exports built in the worker (the page never blocks on a large survey): respondent
 * assignments as CSV and as SPSS .sav (core/data/sav/write-sav.ts; segment names as value labels,
 * one case per row of the survey file so it merges back by row or id), and the profile tables
 * as an .xlsx workbook (write-excel-file's universal build, which runs in a Web Worker).
 *
 * The CLI's exports (core/node/report/exports.ts) use the Node build of write-excel-file, so they
 * cannot load here; the sheets below follow the same layout (Sizes, Attitudes, Crosstabs,
 * Priority) so a workbook from the app and one from `segstudio run` read alike. The app keeps
 * modal assignments only, so the files carry no posterior probabilities.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Row, SheetData } from 'write-excel-file/universal';
import { EMPTY_MISSING, type Column, type Dataset } from '../../core/data/dataset';
import { writeSav } from '../../core/data/sav/write-sav';
import type { PriorityRow, SegmentProfile } from '../../core/profile/profile-types';

export type ExportFormat = 'assignments-csv' | 'assignments-sav' | 'profiles-xlsx';

export type ExportSpec = {
  kind: 'export';
  format: ExportFormat;
  /** Survey rows and the id column as read (for ids and the row count). */
  rows: number;
  idColumn: Column | null;
  /** 0-based survey-file row of each analysed respondent. */
  keptRows: Int32Array;
  /** Segment 0..k−1 per analysed respondent, −1 unassigned. */
  assignments: Int32Array;
  names: string[];
  letters: string[];
  /** For 'profiles-xlsx'; the priority rows as shown (with the chosen value variable). */
  profile: SegmentProfile | null;
  priority: PriorityRow[] | null;
};

export type ExportResult = { kind: 'export-bytes'; format: ExportFormat; bytes: Uint8Array };

type Line = { row: number; id: string; status: 'assigned' | 'excluded' | 'unassigned'; segment: number };

function idText(column: Column | null, row: number): string {
  if (column === null) return String(row + 1);
  if (column.text !== null) return column.text[row] ?? '';
  const v = column.values?.[row];
  return v === undefined || Number.isNaN(v) ? '' : String(v);
}

export function assignmentLines(spec: Pick<ExportSpec, 'rows' | 'idColumn' | 'keptRows' | 'assignments'>): Line[] {
  const out: Line[] = Array.from({ length: spec.rows }, (_, row) => ({ row, id: idText(spec.idColumn, row), status: 'excluded' as const, segment: -1 }));
  spec.keptRows.forEach((row, i) => {
    const s = spec.assignments[i] ?? -1;
    out[row] = { row, id: idText(spec.idColumn, row), status: s >= 0 ? 'assigned' : 'unassigned', segment: s };
  });
  return out;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV: row (1-based file row), id, status, segment (1-based), segment_letter, segment_name. */
export function assignmentsCsvText(spec: ExportSpec): string {
  const lines = assignmentLines(spec).map((l) =>
    [String(l.row + 1), csvField(l.id), l.status, l.segment >= 0 ? String(l.segment + 1) : '', l.segment >= 0 ? (spec.letters[l.segment] ?? '') : '', l.segment >= 0 ? csvField(spec.names[l.segment] ?? '') : ''].join(','),
  );
  return ['row,id,status,segment,segment_letter,segment_name', ...lines].join('\n') + '\n';
}

function numeric(name: string, label: string, values: Float64Array, measurement: Column['measurement'], valueLabels: Column['valueLabels'] = []): Column {
  return { name, label, measurement, valueLabels, missing: EMPTY_MISSING, values, text: null, reversed: false };
}

/** SPSS .sav: one case per survey row; `segment` 1..K labelled with the segment names. */
export function assignmentsSavBytes(spec: ExportSpec): Uint8Array {
  const lines = assignmentLines(spec);
  const id: Column = spec.idColumn !== null ? { ...spec.idColumn, missing: EMPTY_MISSING, reversed: false } : numeric('row', 'Row in the survey file', Float64Array.from(lines, (l) => l.row + 1), 'id');
  const columns: Column[] = [
    id,
    numeric('segment', 'Segment (Segment Studio)', Float64Array.from(lines, (l) => (l.segment >= 0 ? l.segment + 1 : NaN)), 'nominal', spec.names.map((label, s) => ({ code: s + 1, label }))),
    numeric('excluded', 'Excluded by the quality screen', Float64Array.from(lines, (l) => (l.status === 'excluded' ? 1 : 0)), 'nominal', [
      { code: 0, label: 'No' },
      { code: 1, label: 'Yes' },
    ]),
  ];
  const dataset: Dataset = { source: { file: 'assignments.sav', format: 'sav', encoding: 'UTF-8', delimiter: null, sheet: null }, rows: lines.length, columns, weight: null, id: id.name, notices: [] };
  return writeSav(dataset);
}

const HEAD = { fontWeight: 'bold', backgroundColor: '#1f3a5f', textColor: '#ffffff' } as const;
const head = (labels: string[]): Row => labels.map((value) => ({ value, ...HEAD }));
const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

export async function profilesXlsxBytes(profile: SegmentProfile, names: readonly string[], priority: readonly PriorityRow[]): Promise<Uint8Array> {
  const seg = profile.sizes.map((s, i) => `${s.letter}: ${names[i] ?? s.name}`);
  const sizes: SheetData = [head(['Segment', 'Respondents', 'Share', 'Weighted size', 'Weighted share']), ...profile.sizes.map((s, i) => [seg[i]!, s.count, s.share, s.weightedSize, s.weightedShare] as Row)];
  const tables = profile.factors === null ? [profile.attitudes] : [profile.factors, profile.attitudes];
  const attitudes: SheetData = [head(['Variable', 'Label', 'Total mean', ...seg.map((s) => `Mean ${s}`), ...seg.map((s) => `Index ${s}`), ...seg.map((s) => `Sig. ${s}`)])];
  for (const a of tables) {
    attitudes.push(...a.variables.map((v, j) => [v.name, v.label, num(a.totalMean[j]), ...profile.sizes.map((_, s) => num(a.means[s]![j])), ...profile.sizes.map((_, s) => num(a.index[s]![j])), ...profile.sizes.map((_, s) => a.letters[s]![j]!)] as Row));
  }
  const crosstabs: SheetData = [];
  for (const t of profile.crosstabs) {
    crosstabs.push([{ value: `${t.label} (${t.variable})`, fontWeight: 'bold' }, `${t.test.name} = ${t.test.statistic.toFixed(2)}, df = ${t.test.df}, p = ${t.test.p.toPrecision(3)}`]);
    crosstabs.push(head([t.kind === 'mean' ? 'Mean' : 'Category (column %)', ...seg, 'Total', ...seg.map((s) => `Sig. ${s}`)]));
    for (const r of t.rows) crosstabs.push([r.category, ...r.percent.map(num), num(r.totalPercent), ...r.letters] as Row);
    crosstabs.push(['Base (n)', ...t.base, t.base.reduce((x, y) => x + y, 0)] as Row);
    crosstabs.push([]);
  }
  const priorityRows: SheetData = [
    head(['Segment', 'Share', 'Distinctiveness', 'Value mean', 'Value index', 'Value share', 'Score', 'Rank']),
    ...priority.map((r) => [seg[r.segment]!, r.share, r.distinctiveness, num(r.valueMean), num(r.valueIndex), num(r.valueShare), r.score, r.rank] as Row),
    [],
    [profile.priority.method],
  ];
  const blob = await writeXlsxFile([
    { sheet: 'Sizes', data: sizes, columns: [{ width: 36 }] },
    { sheet: 'Attitudes', data: attitudes, columns: [{ width: 12 }, { width: 60 }] },
    { sheet: 'Crosstabs', data: crosstabs, columns: [{ width: 36 }] },
    { sheet: 'Priority', data: priorityRows, columns: [{ width: 36 }] },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

export async function runExportJob(spec: ExportSpec): Promise<ExportResult> {
  switch (spec.format) {
    case 'assignments-csv':
      return { kind: 'export-bytes', format: spec.format, bytes: new TextEncoder().encode(assignmentsCsvText(spec)) };
    case 'assignments-sav':
      return { kind: 'export-bytes', format: spec.format, bytes: assignmentsSavBytes(spec) };
    case 'profiles-xlsx': {
      if (spec.profile === null) throw new Error('Build the profiles before exporting the profile tables.');
      return { kind: 'export-bytes', format: spec.format, bytes: await profilesXlsxBytes(spec.profile, spec.names, spec.priority ?? spec.profile.priority.rows) };
    }
  }
}
