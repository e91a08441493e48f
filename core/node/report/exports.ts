/**
 * File exports of a pipeline run: respondent assignments with posterior probabilities as CSV and
 * as SPSS .sav (segment names as value labels, one row per row of the survey file, so it merges
 * back by row or id), profile tables as .xlsx, and the typing tool's weights as .xlsx.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { Row, SheetData } from 'write-excel-file/node';
import { EMPTY_MISSING, findColumn, type Column, type Dataset } from '../../data/dataset';
import { writeSav } from '../../data/sav/write-sav';
import type { SegmentProfile } from '../../profile/profile-types';
import type { TypingTool } from '../../typing/typing-types';

export type AssignmentTable = {
  /** The survey as read (all rows), for ids and the row count. */
  source: Dataset;
  /** File row of each analysed respondent. */
  keptRows: Int32Array;
  /** Segment 0..k−1 per analysed respondent, −1 unassigned. */
  assignments: Int32Array;
  /** Analysed respondents × k posteriors. */
  posteriors: Float64Array;
  k: number;
  names: readonly string[];
  letters: readonly string[];
};

type Line = { row: number; id: string; status: 'assigned' | 'excluded' | 'unassigned'; segment: number; posteriors: number[] | null };

function lines(t: AssignmentTable): Line[] {
  const idColumn = t.source.id === null ? undefined : findColumn(t.source, t.source.id);
  const idOf = (row: number): string => {
    if (idColumn === undefined) return String(row + 1);
    if (idColumn.text !== null) return idColumn.text[row] ?? '';
    const v = idColumn.values?.[row];
    return v === undefined || Number.isNaN(v) ? '' : String(v);
  };
  const out: Line[] = Array.from({ length: t.source.rows }, (_, row) => ({ row, id: idOf(row), status: 'excluded' as const, segment: -1, posteriors: null }));
  t.keptRows.forEach((row, i) => {
    const s = t.assignments[i]!;
    out[row] = { row, id: idOf(row), status: s >= 0 ? 'assigned' : 'unassigned', segment: s, posteriors: s >= 0 ? Array.from(t.posteriors.subarray(i * t.k, (i + 1) * t.k)) : null };
  });
  return out;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV: row, id, status, segment (1-based), segment_name, p_A … (posterior probabilities). */
export function assignmentsCsv(t: AssignmentTable): string {
  const header = ['row', 'id', 'status', 'segment', 'segment_name', ...t.letters.map((l) => `p_${l}`)];
  const body = lines(t).map((l) =>
    [String(l.row + 1), csvField(l.id), l.status, l.segment >= 0 ? String(l.segment + 1) : '', l.segment >= 0 ? csvField(t.names[l.segment]!) : '', ...(l.posteriors ?? new Array<number>(t.k).fill(NaN)).map((p) => (Number.isFinite(p) ? p.toFixed(6) : ''))].join(','),
  );
  return [header.join(','), ...body].join('\n') + '\n';
}

function numericColumn(name: string, label: string, values: Float64Array, measurement: Column['measurement'], valueLabels: Column['valueLabels'] = []): Column {
  return { name, label, measurement, valueLabels, missing: EMPTY_MISSING, values, text: null, reversed: false };
}

/** SPSS .sav: one case per survey row; segment 1..K with the segment names as value labels. */
export function assignmentsSav(t: AssignmentTable, createdAt?: Date): Uint8Array {
  const rows = lines(t);
  const n = rows.length;
  const idColumn = t.source.id === null ? undefined : findColumn(t.source, t.source.id);
  const id: Column =
    idColumn !== undefined
      ? { ...idColumn, name: idColumn.name, missing: EMPTY_MISSING, reversed: false }
      : numericColumn('row', 'Row in the survey file', Float64Array.from(rows, (l) => l.row + 1), 'id');
  const columns: Column[] = [
    id,
    numericColumn('segment', 'Segment (Segment Studio)', Float64Array.from(rows, (l) => (l.segment >= 0 ? l.segment + 1 : NaN)), 'nominal', t.names.map((name, s) => ({ code: s + 1, label: name }))),
    ...t.letters.map((letter, s) => numericColumn(`p_${letter}`, `Posterior probability of ${t.names[s]}`, Float64Array.from(rows, (l) => l.posteriors?.[s] ?? NaN), 'continuous')),
    numericColumn('excluded', 'Excluded by the quality screen', Float64Array.from(rows, (l) => (l.status === 'excluded' ? 1 : 0)), 'nominal', [{ code: 0, label: 'No' }, { code: 1, label: 'Yes' }]),
  ];
  const dataset: Dataset = { source: { ...t.source.source, file: 'assignments.sav', format: 'sav' }, rows: n, columns, weight: null, id: id.name, notices: [] };
  return writeSav(dataset, createdAt === undefined ? {} : { createdAt });
}

const HEAD = { fontWeight: 'bold', backgroundColor: '#1f3a5f', textColor: '#ffffff' } as const;
const head = (labels: string[]): Row => labels.map((value) => ({ value, ...HEAD }));
const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** Profile tables as an .xlsx workbook: sizes, attitudes (means, index), crosstabs, priority. */
export async function profileXlsx(profile: SegmentProfile, names: readonly string[]): Promise<Uint8Array> {
  const seg = profile.sizes.map((s, i) => `${s.letter}: ${names[i] ?? s.name}`);
  const sizes: SheetData = [head(['Segment', 'Respondents', 'Share', 'Weighted size', 'Weighted share']), ...profile.sizes.map((s, i) => [seg[i]!, s.count, s.share, s.weightedSize, s.weightedShare] as Row)];
  const a = profile.attitudes;
  const attitudes: SheetData = [
    head(['Item', 'Label', 'Total mean', ...seg.map((s) => `Mean ${s}`), ...seg.map((s) => `Index ${s}`), ...seg.map((s) => `Sig. ${s}`)]),
    ...a.variables.map((v, j) => [v.name, v.label, num(a.totalMean[j]), ...profile.sizes.map((_, s) => num(a.means[s]![j])), ...profile.sizes.map((_, s) => num(a.index[s]![j])), ...profile.sizes.map((_, s) => a.letters[s]![j]!)] as Row),
  ];
  const crosstabs: SheetData = [];
  for (const t of profile.crosstabs) {
    crosstabs.push([{ value: `${t.label} (${t.variable})`, fontWeight: 'bold' }, `${t.test.name} = ${t.test.statistic.toFixed(2)}, df = ${t.test.df}, p = ${t.test.p.toPrecision(3)}`]);
    crosstabs.push(head([t.kind === 'mean' ? 'Mean' : 'Category (column %)', ...seg, 'Total', ...seg.map((s) => `Sig. ${s}`)]));
    for (const r of t.rows) crosstabs.push([r.category, ...r.percent.map(num), num(r.totalPercent), ...r.letters] as Row);
    crosstabs.push(['Base (n)', ...t.base, t.base.reduce((x, y) => x + y, 0)] as Row);
    crosstabs.push([]);
  }
  const priority: SheetData = [
    head(['Segment', 'Share', 'Distinctiveness', 'Value mean', 'Value index', 'Value share', 'Score', 'Rank']),
    ...profile.priority.rows.map((r, i) => [seg[i]!, r.share, r.distinctiveness, num(r.valueMean), num(r.valueIndex), num(r.valueShare), r.score, r.rank] as Row),
    [],
    [profile.priority.method],
  ];
  const buffer = await writeXlsxFile([
    { sheet: 'Sizes', data: sizes, columns: [{ width: 36 }] },
    { sheet: 'Attitudes', data: attitudes, columns: [{ width: 10 }, { width: 60 }] },
    { sheet: 'Crosstabs', data: crosstabs, columns: [{ width: 36 }] },
    { sheet: 'Priority', data: priority, columns: [{ width: 36 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}

/** Typing-tool weights for CRM and survey platforms: one row per question, one column per segment. */
export async function typingXlsx(tool: TypingTool): Promise<Uint8Array> {
  const names = tool.segments.map((s) => s.name);
  const weights: SheetData = [
    head(['Question', 'Label', 'Value if unanswered', ...names]),
    ['(intercept)', '', null, ...tool.intercepts] as Row,
    ...tool.items.map((item, j) => [item.name, item.label, item.impute, ...tool.weights.map((w) => w[j]!)] as Row),
    [],
    ['Score for each segment = intercept + Σ weight × answer; the segment with the highest score wins (probabilities: softmax of the scores).'],
  ];
  const curve: SheetData = [head(['Questions', 'Items', 'CV accuracy', 'Holdout accuracy (MLR)', 'Holdout accuracy (LDA)']), ...tool.curve.map((c) => [c.size, c.items.join(', '), c.cvAccuracy, c.holdout.mlr, c.holdout.lda] as Row)];
  const confusion: SheetData = [head(['True \\ assigned', ...names]), ...tool.holdout.counts.map((row, s) => [names[s]!, ...row] as Row), [], ['Accuracy', tool.holdout.accuracy], ["Cohen's kappa", num(tool.holdout.kappa)]];
  const buffer = await writeXlsxFile([
    { sheet: 'Weights', data: weights, columns: [{ width: 14 }, { width: 60 }] },
    { sheet: 'Accuracy curve', data: curve, columns: [{ width: 10 }, { width: 60 }] },
    { sheet: 'Holdout confusion', data: confusion, columns: [{ width: 30 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}
