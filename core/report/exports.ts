/**
 * The pure half of the deliverable exports, shared by the CLI (core/node/report/exports.ts, which
 * writes files) and the app (renderer/workers/export-job.ts, which returns bytes from a Web Worker):
 *
 *  - respondent assignments, one line per row of the survey file (so the file merges back by row
 *    or id): analysed rows are 'assigned' or 'unassigned', rows dropped before the analysis are
 *    'excluded';
 *  - the assignments as CSV text and as the Dataset handed to writeSav (segment names as value
 *    labels on `segment`, an `excluded` flag, and posterior probabilities p_A … when known);
 *  - the sheet definitions of the profile-tables and typing-tool .xlsx workbooks.
 *
 * The workbook bytes are not built here: write-excel-file has a Node build (CLI) and a universal
 * build (worker), and each caller passes these sheets to its own build. The two callers' outputs
 * differ on purpose in a few places (the app's CSV adds a letter column and its Attitudes sheet
 * factor scores): those are the explicit options below. Both carry posteriors when the model has
 * them (latent class and profile models; not k-means).
 */
import type { Row, SheetData } from 'write-excel-file/universal';
import { EMPTY_MISSING, type Column, type Dataset } from '../data/dataset';
import type { PriorityRow, SegmentProfile } from '../profile/profile-types';
import type { TypingTool } from '../typing/typing-types';

export type AssignmentInput = {
  /** Rows in the survey file as read. */
  rows: number;
  /** The survey's id column, or null (the 1-based file row is the id). */
  idColumn: Column | null;
  /** 0-based survey-file row of each analysed respondent. */
  keptRows: Int32Array;
  /** Segment 0..k−1 per analysed respondent, −1 unassigned. */
  assignments: Int32Array;
  /** Analysed respondents × k posterior probabilities (row-major), or null when only modal assignments are known. */
  posteriors: Float64Array | null;
  k: number;
};

export type AssignmentLine = { row: number; id: string; status: 'assigned' | 'excluded' | 'unassigned'; segment: number; posteriors: number[] | null };

function idText(column: Column | null, row: number): string {
  if (column === null) return String(row + 1);
  if (column.text !== null) return column.text[row] ?? '';
  const v = column.values?.[row];
  return v === undefined || Number.isNaN(v) ? '' : String(v);
}

/** One line per survey-file row; posteriors only for assigned rows and only when the input has them. */
export function assignmentLines(input: AssignmentInput): AssignmentLine[] {
  const out: AssignmentLine[] = Array.from({ length: input.rows }, (_, row) => ({ row, id: idText(input.idColumn, row), status: 'excluded' as const, segment: -1, posteriors: null }));
  input.keptRows.forEach((row, i) => {
    const s = input.assignments[i] ?? -1;
    const posteriors = s >= 0 && input.posteriors !== null ? Array.from(input.posteriors.subarray(i * input.k, (i + 1) * input.k)) : null;
    out[row] = { row, id: idText(input.idColumn, row), status: s >= 0 ? 'assigned' : 'unassigned', segment: s, posteriors };
  });
  return out;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export type AssignmentsCsvOptions = {
  names: readonly string[];
  letters: readonly string[];
  /** Add `segment_letter` after `segment`. */
  letterColumn: boolean;
};

/**
 * CSV: row (1-based file row), id, status, segment (1-based), [segment_letter], segment_name,
 * then p_A … (6 decimals, empty when not assigned) when the input carries posteriors.
 */
export function assignmentsCsvText(input: AssignmentInput, options: AssignmentsCsvOptions): string {
  const withPosteriors = input.posteriors !== null;
  const header = ['row', 'id', 'status', 'segment', ...(options.letterColumn ? ['segment_letter'] : []), 'segment_name', ...(withPosteriors ? options.letters.map((l) => `p_${l}`) : [])];
  const body = assignmentLines(input).map((l) => {
    const assigned = l.segment >= 0;
    const fields = [String(l.row + 1), csvField(l.id), l.status, assigned ? String(l.segment + 1) : ''];
    if (options.letterColumn) fields.push(assigned ? (options.letters[l.segment] ?? '') : '');
    fields.push(assigned ? csvField(options.names[l.segment] ?? '') : '');
    if (withPosteriors) fields.push(...(l.posteriors ?? new Array<number>(input.k).fill(NaN)).map((p) => (Number.isFinite(p) ? p.toFixed(6) : '')));
    return fields.join(',');
  });
  return [header.join(','), ...body].join('\n') + '\n';
}

function numericColumn(name: string, label: string, values: Float64Array, measurement: Column['measurement'], valueLabels: Column['valueLabels'] = []): Column {
  return { name, label, measurement, valueLabels, missing: EMPTY_MISSING, values, text: null, reversed: false };
}

/**
 * The Dataset for writeSav: one case per survey row; the id (or `row`), `segment` 1..K labelled
 * with the segment names, p_A … when the input carries posteriors, and `excluded` (0/1, labelled).
 */
export function assignmentsSavDataset(input: AssignmentInput, names: readonly string[], letters: readonly string[], source: Dataset['source']): Dataset {
  const lines = assignmentLines(input);
  const id: Column = input.idColumn !== null ? { ...input.idColumn, missing: EMPTY_MISSING, reversed: false } : numericColumn('row', 'Row in the survey file', Float64Array.from(lines, (l) => l.row + 1), 'id');
  const columns: Column[] = [
    id,
    numericColumn('segment', 'Segment (Segment Studio)', Float64Array.from(lines, (l) => (l.segment >= 0 ? l.segment + 1 : NaN)), 'nominal', names.map((label, s) => ({ code: s + 1, label }))),
    ...(input.posteriors === null ? [] : letters.map((letter, s) => numericColumn(`p_${letter}`, `Posterior probability of ${names[s]}`, Float64Array.from(lines, (l) => l.posteriors?.[s] ?? NaN), 'continuous'))),
    numericColumn('excluded', 'Excluded by the quality screen', Float64Array.from(lines, (l) => (l.status === 'excluded' ? 1 : 0)), 'nominal', [
      { code: 0, label: 'No' },
      { code: 1, label: 'Yes' },
    ]),
  ];
  return { source, rows: lines.length, columns, weight: null, id: id.name, notices: [] };
}

/** One sheet of a workbook, in the shape both write-excel-file builds accept. */
export type SheetSpec = { sheet: string; data: SheetData; columns: { width: number }[] };

const HEAD = { fontWeight: 'bold', backgroundColor: '#1f3a5f', textColor: '#ffffff' } as const;
const head = (labels: string[]): Row => labels.map((value) => ({ value, ...HEAD }));
const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

export type ProfileSheetsOptions = {
  /** Priority rows as shown (e.g. with the chosen value variable); segment = index into the sizes. */
  priority: readonly PriorityRow[];
  /** Add the factor-score table (when the profile has one) above the attitude items. */
  includeFactors: boolean;
  /** Header of the first Attitudes column and that column's width. */
  firstHeader: string;
  firstWidth: number;
};

/** Profile tables: Sizes, Attitudes (means, index, significance letters), Crosstabs, Priority. */
export function profileSheets(profile: SegmentProfile, names: readonly string[], options: ProfileSheetsOptions): SheetSpec[] {
  const seg = profile.sizes.map((s, i) => `${s.letter}: ${names[i] ?? s.name}`);
  const sizes: SheetData = [head(['Segment', 'Respondents', 'Share', 'Weighted size', 'Weighted share']), ...profile.sizes.map((s, i) => [seg[i]!, s.count, s.share, s.weightedSize, s.weightedShare] as Row)];
  const tables = options.includeFactors && profile.factors !== null ? [profile.factors, profile.attitudes] : [profile.attitudes];
  const attitudes: SheetData = [head([options.firstHeader, 'Label', 'Total mean', ...seg.map((s) => `Mean ${s}`), ...seg.map((s) => `Index ${s}`), ...seg.map((s) => `Sig. ${s}`)])];
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
  const priority: SheetData = [
    head(['Segment', 'Share', 'Distinctiveness', 'Value mean', 'Value index', 'Value share', 'Score', 'Rank']),
    ...options.priority.map((r) => [seg[r.segment]!, r.share, r.distinctiveness, num(r.valueMean), num(r.valueIndex), num(r.valueShare), r.score, r.rank] as Row),
    [],
    [profile.priority.method],
  ];
  return [
    { sheet: 'Sizes', data: sizes, columns: [{ width: 36 }] },
    { sheet: 'Attitudes', data: attitudes, columns: [{ width: options.firstWidth }, { width: 60 }] },
    { sheet: 'Crosstabs', data: crosstabs, columns: [{ width: 36 }] },
    { sheet: 'Priority', data: priority, columns: [{ width: 36 }] },
  ];
}

/** Typing-tool weights for CRM and survey platforms: Weights, Accuracy curve, Holdout confusion. */
export function typingSheets(tool: TypingTool): SheetSpec[] {
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
  return [
    { sheet: 'Weights', data: weights, columns: [{ width: 14 }, { width: 60 }] },
    { sheet: 'Accuracy curve', data: curve, columns: [{ width: 10 }, { width: 60 }] },
    { sheet: 'Holdout confusion', data: confusion, columns: [{ width: 30 }] },
  ];
}
