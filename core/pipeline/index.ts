/** Public API of the end-to-end pipeline (pure core; file IO lives in core/node). */
export * from './pipeline-types';
export { runPipeline, type PipelineInput, type PipelineOutput } from './run-pipeline';
export { autoProject, type AutoProjectOptions } from './auto-project';
export { runFactorStep, scoreFactors, draftFactorNames, type FactorStep, type FactorScoring } from './factors-step';
export { runSegmentStep, inProcessRunner, executorRunner, type RangeRunner, type SegmentStep } from './segments-step';
export { freezeLca, freezeLpa, scoreWave, type WaveScores } from './frozen-model';
export { scoreProjectWave, compareShares, type WaveScoreResult, type WaveShares, type ShareChange } from './score-waves';
