import { describe, expect, it } from 'vitest';
import { CancellationError } from '../errors';
import { generateSampleSurvey } from '../../resources/sample/generate-sample';
import { makeDataReference } from '../project/apply-project';
import { buildTypingTool, TYPING_DEFAULTS } from '../typing/build-typing-tool';
import { autoProject } from './auto-project';
import { runPipeline } from './run-pipeline';
import { compareShares, scoreProjectWave } from './score-waves';

describe('compareShares', () => {
  it('matches a hand-computed two-proportion z-test', () => {
    // 30% of 1000 → 35% of 1000: pooled 0.325, se = √(0.325·0.675·0.002) = 0.020947, z = 2.3870, p = 0.01699.
    const [change] = compareShares({ wave: 'a', n: 1000, counts: [300, 700], shares: [0.3, 0.7], weighted: false }, { wave: 'b', n: 1000, counts: [350, 650], shares: [0.35, 0.65], weighted: false }, ['X', 'Y']);
    expect(change!.z).toBeCloseTo(2.38704, 4);
    expect(change!.p).toBeCloseTo(0.016985, 5);
    expect(change!.pAdjusted).toBeCloseTo(2 * 0.016985, 5);
    expect(change!.significant).toBe(true);
  });
});

describe('runPipeline on the sample survey (in process, K = 2–4)', async () => {
  const dataset = generateSampleSurvey();
  const bytes = new TextEncoder().encode('stand-in bytes for the content hash');
  const project = autoProject(dataset, { name: 'test', now: '2026-01-01T00:00:00Z', seed: 7, kMin: 2, kMax: 4, starts: 3, data: makeDataReference(bytes, { path: 'survey.sav', fileName: 'survey.sav', format: 'sav', rows: dataset.rows }) });
  const output = await runPipeline({ dataset, project, date: '2026-01-01' });
  const result = () => output.result;

  it('sets up the battery, weight, exclusions and profile variables from the data', () => {
    expect(project.codebook.batteryItems).toEqual(Array.from({ length: 24 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`));
    expect(project.codebook.weight).toBe('weight');
    expect(project.quality.exclusions.length).toBeGreaterThan(0);
    expect(project.profile.valueVariable).toBe('monthly_spend');
    expect(project.profile.profileVariables).not.toContain('q01');
  });

  it('reports consistent segments and stores drafts, summary and the frozen model in the project', () => {
    const { result } = output;
    expect(result.segments.length).toBe(output.segments.k);
    expect(result.segments.reduce((a, s) => a + s.size, 0)).toBe(result.data.assigned);
    expect(result.data.analysed).toBe(dataset.rows - project.quality.exclusions.length);
    expect(output.project.personas.length).toBe(output.segments.k);
    expect(output.project.personas.every((p) => p.draft)).toBe(true);
    expect(output.project.segmentation!.frozenModel!['kind']).toBe('lca');
    expect(output.deck.pages.filter((p) => p.kind === 'persona').length).toBe(output.segments.k);
  });

  it('the frozen model scores the analysed respondents exactly as the fit assigned them', () => {
    const scored = scoreProjectWave(output.project, dataset, output.dataset, 'same wave');
    expect(Array.from(scored.assignments)).toEqual(Array.from(output.segments.assignments));
    for (const change of scored.changes) expect(Math.abs(change.difference)).toBeLessThan(1e-12);
    // The sample is weighted: weighted shares on Kish's effective n, the same in both waves.
    expect(scored.weighted).toBe(true);
    expect(scored.waves[1]!.shares).toEqual(output.profile.sizes.map((s) => expect.closeTo(s.weightedShare, 12)));
    expect(scored.waves[1]!.n).toBeLessThan(result().data.assigned);
    expect(scored.waves[1]!.n).toBeCloseTo(scored.waves[0]!.n, 9);
  });

  it('compares unweighted shares, and says so, when the later wave has no weight column', () => {
    const unweighted = { ...output.dataset, columns: output.dataset.columns.filter((c) => c.name !== 'weight'), weight: null };
    const scored = scoreProjectWave(output.project, dataset, unweighted, 'no weights');
    expect(scored.weighted).toBe(false);
    expect(scored.notices.map((n) => n.message).join(' ')).toMatch(/no weight column 'weight'/);
    expect(scored.waves[1]!.shares).toEqual(output.profile.sizes.map((s) => expect.closeTo(s.share, 12)));
    expect(scored.waves[1]!.n).toBe(result().data.assigned);
  });

  it('the typing tool honours a cancelled signal before any work', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      buildTypingTool({ dataset: output.dataset, segments: output.segments.assignments, k: output.segments.k, segmentNames: output.personas.map((p) => p.name) }, { ...TYPING_DEFAULTS, candidates: project.codebook.batteryItems, seed: 1 }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancellationError);
  });
});

describe('runPipeline with a latent profile model on factor scores', async () => {
  const dataset = generateSampleSurvey();
  const bytes = new TextEncoder().encode('x');
  const project = autoProject(dataset, { name: 'lpa', now: '2026-01-01T00:00:00Z', seed: 3, data: makeDataReference(bytes, { path: 's.sav', fileName: 's.sav', format: 'sav', rows: dataset.rows }) });
  project.segmentation = { ...project.segmentation!, basis: 'factor-scores', model: 'lpa', kMin: 2, kMax: 3, settings: { covariance: 'EEE', starts: 2 } };
  project.typing = null;
  const output = await runPipeline({ dataset, project, date: '2026-01-01' });

  it('segments every analysed respondent on the factor scores and profiles the factors', () => {
    expect(output.result.model.kind).toBe('lpa');
    expect(output.result.model.basis).toMatch(/factor scores/);
    expect(output.result.data.assigned).toBe(output.result.data.analysed);
    expect(output.profile.factors?.variables.length).toBe(output.factors!.summary.count);
    expect(output.deck.pages.some((p) => p.kind === 'factors')).toBe(true);
  });

  it('the frozen model (item means, SDs, score weights, Gaussian parameters) re-assigns the same respondents', () => {
    const scored = scoreProjectWave(output.project, dataset, output.dataset, 'same wave');
    expect(Array.from(scored.assignments)).toEqual(Array.from(output.segments.assignments));
  });
});
