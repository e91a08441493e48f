/**
 * Reading a survey file and screening its quality, in the worker. The file's bytes arrive from the
 * bridge (dialog, drop or the bundled sample) and are parsed by core/data/read-survey; the quality
 * screen (straight-liners, speeders, missing answers, duplicate ids) is core/data/quality.
 */
import { findColumn, isMissingValue, type Dataset } from '../../core/data/dataset';
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
  /** Missing-answer patterns over the battery: unanswered count per item, and respondents by how many items they left out. */
  missing: { perItem: { item: string; count: number }[]; respondentsByCount: number[] };
  notices: Notice[];
};

function missingPatterns(dataset: Dataset, battery: readonly string[]): QualityResultView['missing'] {
  const columns = battery.map((name) => findColumn(dataset, name)).filter((c) => c !== undefined);
  const perRespondent = new Int32Array(dataset.rows);
  const perItem = columns.map((column) => {
    let count = 0;
    for (let i = 0; i < dataset.rows; i++) {
      if (isMissingValue(column, i)) {
        count++;
        perRespondent[i]!++;
      }
    }
    return { item: column.name, count };
  });
  const respondentsByCount = new Array<number>(columns.length + 1).fill(0);
  for (const c of perRespondent) respondentsByCount[c]!++;
  return { perItem, respondentsByCount };
}

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
    missing: missingPatterns(spec.dataset, spec.battery),
    notices: report.notices,
  };
}
