/**
 * Every analysis the renderer runs off the UI thread, as one discriminated union of plain specs
 * (they cross postMessage by structured clone) and one dispatcher that the Web Worker calls.
 * The heavy lifting is all in core/; this file only maps a spec to the core function and shapes
 * the result for the screens.
 */
import type { RunOptions } from '../../core/jobs/run-steps';
import { runProfileJob, type ProfileSpec } from './profile-job';
import { runSegmentJob, type SegmentFit, type SegmentSpec } from './segment-job';
import { runImportJob, runQualityJob, type ImportSpec, type ImportResult, type QualitySpec, type QualityResultView } from './data-jobs';
import { runEfaJob, type EfaSpec, type EfaView } from './efa-job';
import { runExportJob, type ExportResult, type ExportSpec } from './export-job';
import { runTypingJob, type TypingSpec } from './typing-job';
import { runWavesJob, type WavesResult, type WavesSpec } from './waves-job';
import type { TypingTool } from '../../core/typing/typing-types';
import type { SegmentProfile } from '../../core/profile/profile-types';

export type AnalysisSpec = ImportSpec | QualitySpec | EfaSpec | SegmentSpec | ProfileSpec | ExportSpec | TypingSpec | WavesSpec;
export type AnalysisResult = ImportResult | QualityResultView | EfaView | SegmentFit | SegmentProfile | ExportResult | TypingTool | WavesResult;

export type ResultOf<S extends AnalysisSpec> = S extends ImportSpec
  ? ImportResult
  : S extends QualitySpec
    ? QualityResultView
    : S extends EfaSpec
      ? EfaView
      : S extends SegmentSpec
        ? SegmentFit
        : S extends ExportSpec
          ? ExportResult
          : S extends TypingSpec
            ? TypingTool
            : S extends WavesSpec
              ? WavesResult
              : SegmentProfile;

export async function runAnalysis(spec: AnalysisSpec, run: RunOptions): Promise<AnalysisResult> {
  switch (spec.kind) {
    case 'import':
      return runImportJob(spec, run);
    case 'quality':
      return runQualityJob(spec, run);
    case 'efa':
      return runEfaJob(spec, run);
    case 'segment':
      return runSegmentJob(spec, run);
    case 'profile':
      return runProfileJob(spec);
    case 'export':
      return runExportJob(spec);
    case 'typing':
      return runTypingJob(spec, run);
    case 'waves':
      return runWavesJob(spec, run);
  }
}
