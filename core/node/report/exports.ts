/**
 * File exports of a pipeline run: respondent assignments with posterior probabilities as CSV and
 * as SPSS .sav (segment names as value labels, one row per row of the survey file, so it merges
 * back by row or id), profile tables as .xlsx, and the typing tool's weights as .xlsx.
 *
 * The tables themselves are built in core/report/exports.ts (shared with the app's export worker);
 * this file only adapts the CLI's AssignmentTable and writes the workbooks with the Node build of
 * write-excel-file.
 */
import writeXlsxFile from 'write-excel-file/node';
import { findColumn, type Dataset } from '../../data/dataset';
import { writeSav } from '../../data/sav/write-sav';
import type { SegmentProfile } from '../../profile/profile-types';
import { assignmentsCsvText, assignmentsSavDataset, profileSheets, typingSheets, type AssignmentInput, type SheetSpec } from '../../report/exports';
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

function input(t: AssignmentTable): AssignmentInput {
  const idColumn = t.source.id === null ? undefined : findColumn(t.source, t.source.id);
  return { rows: t.source.rows, idColumn: idColumn ?? null, keptRows: t.keptRows, assignments: t.assignments, posteriors: t.posteriors, k: t.k };
}

/** CSV: row, id, status, segment (1-based), segment_name, p_A … (posterior probabilities). */
export function assignmentsCsv(t: AssignmentTable): string {
  return assignmentsCsvText(input(t), { names: t.names, letters: t.letters, letterColumn: false });
}

/** SPSS .sav: one case per survey row; segment 1..K with the segment names as value labels. */
export function assignmentsSav(t: AssignmentTable, createdAt?: Date): Uint8Array {
  const dataset = assignmentsSavDataset(input(t), t.names, t.letters, { ...t.source.source, file: 'assignments.sav', format: 'sav' });
  return writeSav(dataset, createdAt === undefined ? {} : { createdAt });
}

async function workbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  return new Uint8Array(await writeXlsxFile(sheets).toBuffer());
}

/** Profile tables as an .xlsx workbook: sizes, attitudes (means, index), crosstabs, priority. */
export async function profileXlsx(profile: SegmentProfile, names: readonly string[]): Promise<Uint8Array> {
  return workbook(profileSheets(profile, names, { priority: profile.priority.rows, includeFactors: false, firstHeader: 'Item', firstWidth: 10 }));
}

/** Typing-tool weights for CRM and survey platforms: one row per question, one column per segment. */
export async function typingXlsx(tool: TypingTool): Promise<Uint8Array> {
  return workbook(typingSheets(tool));
}
