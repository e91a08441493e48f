/**
 * Scoring a later survey wave in the worker (core/pipeline/score-waves.ts): the wave file is read
 * (core/data/read-survey.ts), its code frame is checked against the reference wave, every
 * respondent is assigned with the frozen model of the chosen solution (and typed by the typing
 * tool when one is built), and the segment shares are compared wave by wave with a two-sample
 * z-test per segment (Bonferroni over the K segments).
 *
 * The app's own fits keep summaries only, so the frozen model is made here by core/pipeline's
 * runPipeline on the project with the K range narrowed to the chosen K: the same data, settings
 * and seeds as in the app, which also records the reference wave's shares in the project.
 */
import type { Dataset } from '../../core/data/dataset';
import { readSurveyBytes } from '../../core/data/read-survey';
import type { RunOptions } from '../../core/jobs/run-steps';
import { runPipeline } from '../../core/pipeline/run-pipeline';
import { scoreProjectWave, type WaveScoreResult } from '../../core/pipeline/score-waves';
import type { Project } from '../../core/project/project';

export type WavesSpec = {
  kind: 'waves';
  project: Project;
  /** The reference survey as read from its file (codebook not yet applied). */
  reference: Dataset;
  waveName: string;
  waveBytes: Uint8Array;
};

export type WavesResult = WaveScoreResult & { waveRows: number };

export async function runWavesJob(spec: WavesSpec, run: RunOptions): Promise<WavesResult> {
  const seg = spec.project.segmentation;
  let project = spec.project;
  if (seg !== null && seg.frozenModel === null && seg.chosenK !== null) {
    const narrowed: Project = { ...project, segmentation: { ...seg, kMin: seg.chosenK, kMax: seg.chosenK } };
    const out = await runPipeline({ dataset: spec.reference, project: narrowed, date: '' }, run);
    project = { ...out.project, personas: spec.project.personas };
  }
  const wave = await readSurveyBytes(spec.waveBytes, spec.waveName);
  const label = spec.waveName.replace(/\.[^.]+$/, '');
  return { ...scoreProjectWave(project, spec.reference, wave, label), waveRows: wave.rows };
}
