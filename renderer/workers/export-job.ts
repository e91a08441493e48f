/**
 * File exports built in the worker (the page never blocks on a large survey): respondent
 * assignments as CSV and as SPSS .sav (core/data/sav/write-sav.ts; segment names as value labels,
 * one case per row of the survey file so it merges back by row or id), and the profile tables
 * as an .xlsx workbook (write-excel-file's universal build, which runs in a Web Worker).
 *
 * The tables and sheets are built in core/report/exports.ts, shared with the CLI's exports
 * (core/node/report/exports.ts, which writes them with the Node build of write-excel-file), so a
 * workbook from the app and one from `segstudio run` read alike: assignment files carry each
 * respondent's posterior probabilities p_A … for latent class and profile models (k-means
 * assignments are hard, so none); the app's CSV adds a segment_letter column and its Attitudes
 * sheet the factor scores.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Column } from '../../core/data/dataset';
import { writeSav } from '../../core/data/sav/write-sav';
import type { PriorityRow, SegmentProfile } from '../../core/profile/profile-types';
import {
  assignmentsCsvText as coreAssignmentsCsvText,
  assignmentsSavDataset,
  profileSheets,
  type AssignmentInput,
} from '../../core/report/exports';

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
  /** Posterior probabilities, analysed respondents × k (row-major, aligned with assignments); null for k-means. */
  posteriors: Float64Array | null;
  names: string[];
  letters: string[];
  /** For 'profiles-xlsx'; the priority rows as shown (with the chosen value variable). */
  profile: SegmentProfile | null;
  priority: PriorityRow[] | null;
};

export type ExportResult = { kind: 'export-bytes'; format: ExportFormat; bytes: Uint8Array };

function input(spec: Pick<ExportSpec, 'rows' | 'idColumn' | 'keptRows' | 'assignments' | 'posteriors' | 'names'>): AssignmentInput {
  return { rows: spec.rows, idColumn: spec.idColumn, keptRows: spec.keptRows, assignments: spec.assignments, posteriors: spec.posteriors, k: spec.names.length };
}

/** CSV: row (1-based file row), id, status, segment (1-based), segment_letter, segment_name, then p_A … when known. */
export function assignmentsCsvText(spec: ExportSpec): string {
  return coreAssignmentsCsvText(input(spec), { names: spec.names, letters: spec.letters, letterColumn: true });
}

/** SPSS .sav: one case per survey row; `segment` 1..K labelled with the segment names. */
export function assignmentsSavBytes(spec: ExportSpec): Uint8Array {
  return writeSav(assignmentsSavDataset(input(spec), spec.names, spec.letters, { file: 'assignments.sav', format: 'sav', encoding: 'UTF-8', delimiter: null, sheet: null }));
}

export async function profilesXlsxBytes(profile: SegmentProfile, names: readonly string[], priority: readonly PriorityRow[]): Promise<Uint8Array> {
  const sheets = profileSheets(profile, names, { priority, includeFactors: true, firstHeader: 'Variable', firstWidth: 12 });
  const blob = await writeXlsxFile(sheets).toBlob();
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
