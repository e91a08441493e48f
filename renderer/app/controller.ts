/**
 * The effects of the app, outside React and outside the reducer: opening files through the bridge,
 * running analyses in the worker pool, caching results by settings, cancelling, saving and
 * reopening projects, autosave to the recovery file. Screens call these functions; they dispatch
 * plain actions to the store. One controller per app (tests build their own with fakes).
 */
import type { BridgeApi, OpenedFile } from '../../electron/contract';
import type { Dataset } from '../../core/data/dataset';
import { CancellationError, toSerializedError } from '../../core/errors';
import { applyCodebook, applyExclusions } from '../../core/project/apply-project';
import { detectDurationColumn } from '../../core/data/quality';
import type { Progress } from '../../core/jobs/run-steps';
import type { SegmentProfile } from '../../core/profile/profile-types';
import { defaultDocFor } from './defaults';
import { docFromProject, projectFromState } from './project-io';
import type { AppState, Doc, JobName, Step } from '../state/app-reducer';
import { cacheKey, createResultCache, type ResultCache } from '../state/result-cache';
import type { Store } from '../state/store';
import type { JobClient } from '../workers/job-client';
import type { ImportResult, QualityResultView } from '../workers/data-jobs';
import type { EfaView } from '../workers/efa-job';
import type { SegmentFit } from '../workers/segment-job';
import { serializeProject, parseProject } from '../../core/project/parse-project';
import { decodeBase64 } from '../../core/project/base64';
import { segmentBasis, attitudeInputs } from './basis';

export type Controller = ReturnType<typeof createController>;

export type ControllerDeps = { store: Store; bridge: BridgeApi; jobs: JobClient; cache?: ResultCache; now?: () => Date };

const AUTOSAVE_DELAY_MS = 1500;

export function createController(deps: ControllerDeps) {
  const { store, bridge, jobs } = deps;
  const cache = deps.cache ?? createResultCache();
  const now = deps.now ?? (() => new Date());
  const running = new Map<JobName, AbortController>();
  let surveyBytes: { name: string; bytes: Uint8Array } | null = null;
  let autosaveTimer: ReturnType<typeof setTimeout> | null = null;

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

  async function openSurvey(file: OpenedFile, docOverride?: Doc): Promise<boolean> {
    const { revision, signal } = beginJob('import');
    try {
      const result: ImportResult = await jobs.run({ kind: 'import', fileName: file.name, bytes: file.bytes }, { signal, onProgress: progressTo('import', revision, 'read') });
      const datasetKey = `dataset:${result.sha256}`;
      cache.set(datasetKey, result.dataset);
      surveyBytes = { name: file.name, bytes: file.bytes };
      const survey = { name: file.name, rows: result.dataset.rows, columns: result.dataset.columns.length, format: result.dataset.source.format, sha256: result.sha256 };
      dispatch({ type: 'survey-opened', survey, datasetKey, doc: docOverride ?? defaultDocFor(result.dataset) });
      dispatch({ type: 'job-done', job: 'import', revision: state().jobs.import.revision, resultKey: datasetKey });
      return true;
    } catch (error) {
      failJob('import', revision, error);
      const serialized = toSerializedError(error);
      if (serialized.kind !== 'cancelled') dispatch({ type: 'message', message: { kind: 'error', title: `Cannot open ${file.name}`, text: serialized.message } });
      return false;
    }
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
        dispatch({ type: 'edit', patch: { factor: { ...state().doc.factor, names: Array.from({ length: view.nFactors }, (_, f) => names[f] ?? `Factor ${f + 1}`) } } });
      }
      dispatch({ type: 'job-done', job: 'efa', revision, resultKey: key });
    });
  }

  function segmentKey(k: number): string | null {
    const data = analysisDataset();
    if (data === null) return null;
    const s = state().doc.segment;
    const basis = s.basis === 'factor-scores' ? efaKey() : cacheKey('vars', s.basis === 'items' ? state().doc.codebook.batteryItems : s.variables);
    return cacheKey('segment', data.key, basis, s.model, s.covariance, s.starts, s.stabilityReplicates, s.seed, k);
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
            { kind: 'segment', model: s.model, k, starts: s.starts, seed: s.seed, covariance: s.covariance, stabilityReplicates: s.stabilityReplicates, matrix: basis.matrix, dataset: basis.dataset, items: basis.items },
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
          attitudes: attitudeInputs(data.dataset, s, state().doc.codebook.batteryItems, efa, state().doc.factor.names),
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

  function edit(patch: Partial<Doc>): void {
    dispatch({ type: 'edit', patch });
    scheduleAutosave();
  }

  function go(step: Step): void {
    dispatch({ type: 'go', step });
  }

  function currentProjectText(): string | null {
    if (surveyBytes === null || state().survey === null) return null;
    return serializeProject(projectFromState(state(), surveyBytes, now().toISOString(), cache, segmentKey, efaKey));
  }

  async function saveProject(saveAs: boolean): Promise<void> {
    const text = currentProjectText();
    if (text === null) return;
    try {
      const saved = await bridge.saveProject({ text, suggestedName: `${state().project.name}.segstudio`, path: state().project.path, saveAs });
      if (saved !== null) {
        dispatch({ type: 'project-saved', name: saved.name, path: saved.path });
        await bridge.setDirty(false);
      }
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'The project was not saved', text: toSerializedError(error).message } });
    }
  }

  /** Opens project text: re-reads the embedded data and re-runs the recorded analyses with their seeds. */
  async function openProjectText(text: string, fileName: string, path: string | null): Promise<void> {
    let project;
    try {
      project = parseProject(text, fileName);
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: `Cannot open ${fileName}`, text: toSerializedError(error).message } });
      return;
    }
    if (project.data.kind !== 'embedded') {
      dispatch({ type: 'message', message: { kind: 'error', title: `Cannot open ${fileName}`, text: `The project refers to the data file '${project.data.path}' instead of embedding it; open that survey first, then the project.` } });
      return;
    }
    const bytes = decodeBase64(project.data.base64);
    const doc = docFromProject(project);
    if (!(await openSurvey({ name: project.data.fileName, bytes, path: null }, doc))) return;
    dispatch({ type: 'project-loaded', name: project.name, path, createdAt: project.createdAt });
    await rerunRecorded(project.factors !== null, project.segmentation !== null);
  }

  async function rerunRecorded(factors: boolean, segmentation: boolean): Promise<void> {
    if (factors) await runFactors();
    if (segmentation) {
      await runSegments();
      await runProfiles();
    }
  }

  async function openProjectDialog(): Promise<void> {
    try {
      const opened = await bridge.openProject();
      if (opened !== null) await openProjectText(opened.text, opened.name, opened.path);
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'Cannot open the project', text: toSerializedError(error).message } });
    }
  }

  async function openSurveyDialog(): Promise<void> {
    try {
      const opened = await bridge.openSurveyFile();
      if (opened !== null) await openSurvey(opened);
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'Cannot open the survey', text: toSerializedError(error).message } });
    }
  }

  async function openSample(): Promise<void> {
    try {
      await openSurvey(await bridge.openSampleSurvey());
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'The sample survey is not available', text: toSerializedError(error).message } });
    }
  }

  function scheduleAutosave(): void {
    if (autosaveTimer !== null) clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(() => {
      autosaveTimer = null;
      const text = currentProjectText();
      if (text !== null && state().project.dirty) {
        void bridge.writeRecovery(text);
        void bridge.setDirty(true);
      }
    }, AUTOSAVE_DELAY_MS);
  }

  return {
    cache,
    openSurvey,
    openSurveyDialog,
    openSample,
    openProjectDialog,
    openProjectText,
    runQuality,
    runFactors,
    runSegments,
    runProfiles,
    segmentFits,
    efaKey,
    segmentKey,
    profileKey,
    analysisDataset,
    rawDataset,
    cancel,
    edit,
    dismissMessage: () => dispatch({ type: 'message', message: null }),
    openRecent: async (path: string) => {
      try {
        const opened = await bridge.openRecent(path);
        if ('text' in opened) await openProjectText(opened.text, opened.name, opened.path);
        else await openSurvey(opened);
      } catch (error) {
        dispatch({ type: 'message', message: { kind: 'error', title: 'Cannot reopen the file', text: toSerializedError(error).message } });
      }
    },
    go,
    saveProject,
    scheduleAutosave,
    undo: () => {
      dispatch({ type: 'undo' });
      scheduleAutosave();
    },
    redo: () => {
      dispatch({ type: 'redo' });
      scheduleAutosave();
    },
  };
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
