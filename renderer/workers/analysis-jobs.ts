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
import type { SegmentProfile } from '../../core/profile/profile-types';

export type AnalysisSpec = ImportSpec | QualitySpec | EfaSpec | SegmentSpec | ProfileSpec;
export type AnalysisResult = ImportResult | QualityResultView | EfaView | SegmentFit | SegmentProfile;

export type ResultOf<S extends AnalysisSpec> = S extends ImportSpec
  ? ImportResult
  : S extends QualitySpec
    ? QualityResultView
    : S extends EfaSpec
      ? EfaView
      : S extends SegmentSpec
        ? SegmentFit
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
  }
}
