/**
 * The analysis steps of the controller: each runs as a job in the worker pool, is keyed in the
 * result cache by everything it depends on (data version, codebook, exclusions, settings, seed),
 * and records its status in the store with a revision so stale replies are ignored. A step whose
 * key is already cached finishes at once without work.
 */
import type { Dataset } from '../../core/data/dataset';
import { detectDurationColumn } from '../../core/data/quality';
import { CancellationError, toSerializedError } from '../../core/errors';
import type { Progress } from '../../core/jobs/run-steps';
import type { SegmentProfile } from '../../core/profile/profile-types';
import { applyCodebook, applyExclusions } from '../../core/project/apply-project';
import type { AppState, JobName } from '../state/app-reducer';
import { cacheKey, type ResultCache } from '../state/result-cache';
import type { Store } from '../state/store';
import type { QualityResultView } from '../workers/data-jobs';
import type { EfaView } from '../workers/efa-job';
import type { JobClient } from '../workers/job-client';
import type { SegmentFit } from '../workers/segment-job';
import { profileInputs, segmentBasis } from './basis';

export type Analyses = ReturnType<typeof createAnalyses>;

export function createAnalyses(store: Store, jobs: JobClient, cache: ResultCache) {
  const running = new Map<JobName, AbortController>();
  const state = (): AppState => store.getState();
  const dispatch = store.dispatch;

  function beginJob(job: JobName): { revision: number; signal: AbortSignal } {
    running.get(job)?.abort();
    const controller = new AbortController();
    running.set(job, controller);
    const revision = state().jobs[job].revision + 1;
    dispatch({ type: 'job-start', job, revision });
    return { revision, signal: controller.signal };
  }

  function failJob(job: JobName, revision: number, error: unknown): void {
    const serialized = toSerializedError(error);
    dispatch({ type: 'job-failed', job, revision, error: serialized.message, cancelled: serialized.kind === 'cancelled' });
  }

  function progressTo(job: JobName, revision: number, lane: string) {
    return (progress: Progress) => dispatch({ type: 'job-progress', job, revision, lane, progress });
  }

  /** The raw dataset as read from the file. */
  function rawDataset(): Dataset | null {
    const key = state().datasetKey;
    return key === null ? null : (cache.get<Dataset>(key) ?? null);
  }

  /** The dataset every analysis uses: codebook edits applied, excluded respondents removed. */
  function analysisDataset(): { dataset: Dataset; key: string } | null {
    const raw = rawDataset();
    const { datasetKey, doc } = state();
    if (raw === null || datasetKey === null) return null;
    const key = cacheKey('analysis-data', datasetKey, doc.codebook, doc.exclusions);
    let dataset = cache.get<Dataset>(key);
    if (dataset === undefined) {
      dataset = applyExclusions(applyCodebook(raw, doc.codebook), doc.exclusions).dataset;
      cache.set(key, dataset);
    }
    return { dataset, key };
  }

  async function guarded<T>(job: JobName, work: (revision: number, signal: AbortSignal) => Promise<T>): Promise<T | null> {
    const { revision, signal } = beginJob(job);
    try {
      return await work(revision, signal);
    } catch (error) {
      failJob(job, revision, error);
      return null;
    } finally {
      if (running.get(job)?.signal === signal) running.delete(job);
    }
  }

  async function runQuality(): Promise<void> {
    const data = rawDataset();
    if (data === null) return;
    const { codebook } = state().doc;
    const dataset = applyCodebook(data, codebook);
    const key = cacheKey('quality', state().datasetKey, codebook);
    await guarded('quality', async (revision, signal) => {
      let result = cache.get<QualityResultView>(key);
      result ??= await jobs.run({ kind: 'quality', dataset, battery: codebook.batteryItems, durationColumn: detectDurationColumn(dataset), idColumn: dataset.id }, { signal, onProgress: progressTo('quality', revision, 'screen') });
      cache.set(key, result);
      dispatch({ type: 'job-done', job: 'quality', revision, resultKey: key });
    });
  }

  function efaKey(): string | null {
    const data = analysisDataset();
    if (data === null) return null;
    const { names: _names, ...choices } = state().doc.factor;
    return cacheKey('efa', data.key, state().doc.codebook.batteryItems, choices);
  }

  async function runFactors(): Promise<void> {
    const data = analysisDataset();
    const key = efaKey();
    if (data === null || key === null) return;
    const { names: _names, ...choices } = state().doc.factor;
    const items = state().doc.codebook.batteryItems;
    await guarded('efa', async (revision, signal) => {
      let view = cache.get<EfaView>(key);
      view ??= await jobs.run({ kind: 'efa', dataset: data.dataset, items, choices, dataKey: data.key }, { signal, onProgress: progressTo('efa', revision, 'efa') });
      cache.set(key, view);
      const names = state().doc.factor.names;
      if (names.length !== view.nFactors) {
        dispatch({ type: 'edit', patch: { factor: { ...state().doc.factor, names: Array.from({ length: view.nFactors }, (_, f) => names[f] ?? view.draftNames[f] ?? `Factor ${f + 1}`) } } });
      }
      dispatch({ type: 'job-done', job: 'efa', revision, resultKey: key });
    });
  }

  function segmentKey(k: number): string | null {
    const data = analysisDataset();
    if (data === null) return null;
    const s = state().doc.segment;
    const basis = s.basis === 'factor-scores' ? efaKey() : cacheKey('vars', s.basis === 'items' ? state().doc.codebook.batteryItems : s.variables);
    return cacheKey('segment', data.key, basis, s.model, s.model === 'lca' ? s.indicators : s.covariance, s.starts, s.stabilityReplicates, s.seed, k);
  }

  async function runSegments(): Promise<void> {
    const data = analysisDataset();
    if (data === null) return;
    const s = state().doc.segment;
    await guarded('segment', async (revision, signal) => {
      const efa = s.basis === 'factor-scores' ? cache.get<EfaView>(efaKey() ?? '') : undefined;
      const basis = segmentBasis(data.dataset, s, state().doc.codebook.batteryItems, efa ?? null, state().doc.factor.names);
      const ks: number[] = [];
      for (let k = s.kMin; k <= s.kMax; k++) ks.push(k);
      const fits = await Promise.all(
        ks.map(async (k) => {
          const key = segmentKey(k)!;
          const cached = cache.get<SegmentFit>(key);
          if (cached !== undefined) {
            dispatch({ type: 'job-progress', job: 'segment', revision, lane: `K=${k}`, progress: { stage: 'cached', current: 1, total: 1 } });
            return cached;
          }
          const fit = await jobs.run(
            { kind: 'segment', model: s.model, k, starts: s.starts, seed: s.seed, covariance: s.covariance, indicators: s.indicators, stabilityReplicates: s.stabilityReplicates, matrix: basis.matrix, dataset: basis.dataset, items: basis.items },
            { signal, onProgress: progressTo('segment', revision, `K=${k}`) },
          );
          cache.set(key, fit);
          dispatch({ type: 'job-progress', job: 'segment', revision, lane: `K=${k}`, progress: { stage: 'done', current: 1, total: 1 } });
          return fit;
        }),
      );
      const current = state().doc.segment.chosenK;
      if (current === null || !ks.includes(current)) {
        dispatch({ type: 'edit', patch: { segment: { ...state().doc.segment, chosenK: suggestK(fits) } } });
      }
      dispatch({ type: 'job-done', job: 'segment', revision, resultKey: cacheKey('segment-run', ks.map((k) => segmentKey(k))) });
    });
  }

  function segmentFits(): SegmentFit[] {
    const s = state().doc.segment;
    const out: SegmentFit[] = [];
    for (let k = s.kMin; k <= s.kMax; k++) {
      const key = segmentKey(k);
      const fit = key === null ? undefined : cache.get<SegmentFit>(key);
      if (fit !== undefined) out.push(fit);
    }
    return out;
  }

  function profileKey(): string | null {
    const s = state().doc.segment;
    if (s.chosenK === null) return null;
    return cacheKey('profile', segmentKey(s.chosenK), state().doc.profileVariables, state().doc.factor.names);
  }

  async function runProfiles(): Promise<void> {
    const data = analysisDataset();
    const s = state().doc.segment;
    const key = profileKey();
    if (data === null || s.chosenK === null || key === null) return;
    const fit = cache.get<SegmentFit>(segmentKey(s.chosenK) ?? '');
    if (fit === undefined || fit.failed !== null) return;
    const efa = cache.get<EfaView>(efaKey() ?? '') ?? null;
    await guarded('profile', async (revision, signal) => {
      let profile = cache.get<SegmentProfile>(key);
      profile ??= await jobs.run(
        {
          kind: 'profile',
          dataset: data.dataset,
          segments: fit.assignments,
          k: fit.k,
          ...profileInputs(data.dataset, s, state().doc.codebook.batteryItems, efa, state().doc.factor.names),
          profileVariables: state().doc.profileVariables,
          segmentNames: Array.from({ length: fit.k }, (_, c) => `Segment ${String.fromCharCode(65 + c)}`),
        },
        { signal },
      );
      cache.set(key, profile);
      dispatch({ type: 'job-done', job: 'profile', revision, resultKey: key });
    });
  }

  function cancel(job: JobName): void {
    running.get(job)?.abort(new CancellationError());
  }

  return { beginJob, failJob, progressTo, rawDataset, analysisDataset, runQuality, efaKey, runFactors, segmentKey, runSegments, segmentFits, profileKey, runProfiles, cancel };
}

/** The K a researcher would look at first: lowest BIC (LCA/LPA) or highest Calinski–Harabasz (k-means). */
export function suggestK(fits: readonly SegmentFit[]): number | null {
  let best: SegmentFit | null = null;
  for (const f of fits) {
    if (f.failed !== null) continue;
    if (best === null) best = f;
    else if (f.bic !== null && best.bic !== null ? f.bic < best.bic : (f.calinskiHarabasz ?? -Infinity) > (best.calinskiHarabasz ?? -Infinity)) best = f;
  }
  return best?.k ?? null;
}
