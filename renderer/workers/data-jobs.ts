/**
 * Reading a survey file and screening its quality, in the worker. The file's bytes arrive from the
 * bridge (dialog, drop or the bundled sample) and are parsed by core/data/read-survey; the quality
 * screen (straight-liners, speeders, missing answers, duplicate ids) is core/data/quality.
 */
import type { Dataset } from '../../core/data/dataset';
import { screenQuality } from '../../core/data/quality';
import { readSurveyBytes } from '../../core/data/read-survey';
import type { RunOptions } from '../../core/jobs/run-steps';
import type { Notice } from '../../core/notices';
import { sha256Hex } from '../../core/project/content-hash';

export type ImportSpec = { kind: 'import'; fileName: string; bytes: Uint8Array };
export type ImportResult = { kind: 'imported'; dataset: Dataset; sha256: string };

export type QualitySpec = { kind: 'quality'; dataset: Dataset; battery: string[]; durationColumn: string | null; idColumn: string | null };

/** One flagged respondent: row (0-based, file order), id if any, reasons and their details. */
export type QualityFlagView = { row: number; id: string | null; reasons: string[]; details: string[] };
export type QualityResultView = {
  kind: 'quality';
  rows: number;
  flagged: QualityFlagView[];
  /** Respondents per reason, plus `flagged` (with any reason). */
  counts: Record<string, number>;
  medianDuration: number | null;
  durationColumn: string | null;
  settings: { maxMissingShare: number; speederShare: number; straightLineMin: number };
  notices: Notice[];
};

export async function runImportJob(spec: ImportSpec, run: RunOptions): Promise<ImportResult> {
  const dataset = await readSurveyBytes(spec.bytes, spec.fileName, run);
  return { kind: 'imported', dataset, sha256: sha256Hex(spec.bytes) };
}

export async function runQualityJob(spec: QualitySpec, _run: RunOptions): Promise<QualityResultView> {
  const report = screenQuality(spec.dataset, { battery: spec.battery, durationColumn: spec.durationColumn, idColumn: spec.idColumn });
  return {
    kind: 'quality',
    rows: report.rows,
    // core/data/quality numbers respondents from 1; the project's exclusions are 0-based rows.
    flagged: report.flagged.map((f) => ({ row: f.row - 1, id: f.id, reasons: [...f.reasons], details: [...f.details] })),
    counts: { ...report.counts },
    medianDuration: report.medianDuration,
    durationColumn: report.params.durationColumn,
    settings: { maxMissingShare: report.params.maxMissingShare, speederShare: report.params.speederShare, straightLineMin: report.params.straightLineMin },
    notices: report.notices,
  };
}
