/**
 * The effects of the app, outside React and outside the reducer: opening files through the bridge,
 * the analysis steps (analyses.ts: worker jobs cached by settings, cancellable), saving and
 * reopening projects, autosave to the recovery file, exports. Screens call these functions; they dispatch
 * plain actions to the store. One controller per app (tests build their own with fakes).
 */
import type { BridgeApi, OpenedFile } from '../../electron/contract';
import { toSerializedError } from '../../core/errors';
import { decodeBase64 } from '../../core/project/base64';
import { parseProject, serializeProject } from '../../core/project/parse-project';
import type { SegmentProfile } from '../../core/profile/profile-types';
import type { AppState, Doc, Step } from '../state/app-reducer';
import { createResultCache, type ResultCache } from '../state/result-cache';
import type { Store } from '../state/store';
import type { ImportResult } from '../workers/data-jobs';
import type { EfaView } from '../workers/efa-job';
import type { JobClient } from '../workers/job-client';
import type { SegmentFit } from '../workers/segment-job';
import { createAnalyses } from './analyses';
import { createDeliverables, personasFor } from './deliverables';
import { defaultDocFor } from './defaults';
import { assignmentsCsv } from './exports';
import { docFromProject, projectFromState } from './project-io';

export type Controller = ReturnType<typeof createController>;

export type ControllerDeps = {
  store: Store;
  bridge: BridgeApi;
  jobs: JobClient;
  cache?: ResultCache;
  now?: () => Date;
  /** Asked before unsaved work would be replaced by another file; true = go ahead. */
  confirmDiscard?: (message: string) => boolean;
};

const DISCARD_QUESTION = 'This project has unsaved changes. Open another file anyway? (Unsaved work stays in the recovery file until the next autosave.)';

const AUTOSAVE_DELAY_MS = 1500;

export function createController(deps: ControllerDeps) {
  const { store, bridge, jobs } = deps;
  const cache = deps.cache ?? createResultCache();
  const now = deps.now ?? (() => new Date());
  const confirmDiscard = deps.confirmDiscard ?? (() => true);
  /** False when the user keeps the unsaved project. */
  const mayReplace = (): boolean => !state().project.dirty || confirmDiscard(DISCARD_QUESTION);
  const analyses = createAnalyses(store, jobs, cache);
  const { beginJob, failJob, progressTo, rawDataset, analysisDataset, runFactors, runSegments, runProfiles, segmentFits, efaKey, segmentKey, profileKey } = analyses;
  const deliverables = createDeliverables({ store, bridge, jobs, cache, analyses, now });
  let surveyBytes: { name: string; bytes: Uint8Array } | null = null;
  let autosaveTimer: ReturnType<typeof setTimeout> | null = null;

  const state = (): AppState => store.getState();
  const dispatch = store.dispatch;

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

  async function exportAssignments(): Promise<void> {
    const data = analysisDataset();
    const k = state().doc.segment.chosenK;
    const fit = k === null ? undefined : cache.get<SegmentFit>(segmentKey(k) ?? '');
    const raw = rawDataset();
    if (data === null || fit === undefined || raw === null) return;
    const excluded = new Set(state().doc.exclusions.map((e) => e.row));
    const fileRows = Int32Array.from({ length: raw.rows }, (_, i) => i).filter((i) => !excluded.has(i));
    try {
      await bridge.exportFile({ suggestedName: `${state().project.name}-segments.csv`, content: assignmentsCsv(data.dataset, fit, fileRows), extensions: ['csv'] });
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'The assignments were not exported', text: toSerializedError(error).message } });
    }
  }

  function edit(patch: Partial<Doc>): void {
    dispatch({ type: 'edit', patch });
  }

  function go(step: Step): void {
    dispatch({ type: 'go', step });
  }

  function currentProjectText(): string | null {
    if (surveyBytes === null || state().survey === null) return null;
    return serializeProject(projectFromState(state(), surveyBytes, now().toISOString(), cache, segmentKey, efaKey, deliverables.typingKey));
  }

  /**
   * Opens a later wave and scores it in the worker with the frozen model of the chosen solution
   * (waves-job.ts); the result is cached under the job's key.
   */
  async function scoreWave(): Promise<void> {
    const raw = rawDataset();
    const profile = deliverables.currentProfile();
    if (surveyBytes === null || raw === null || profile === null) return;
    let opened: OpenedFile | null;
    try {
      opened = await bridge.openSurveyFile();
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'Cannot open the wave', text: toSerializedError(error).message } });
      return;
    }
    if (opened === null) return;
    const project = projectFromState(state(), surveyBytes, now().toISOString(), cache, segmentKey, efaKey, deliverables.typingKey);
    project.personas = personasFor(profile, state().doc.personas);
    const { revision, signal } = analyses.beginJob('waves');
    try {
      const result = await jobs.run({ kind: 'waves', project, reference: raw, waveName: opened.name, waveBytes: opened.bytes }, { signal, onProgress: analyses.progressTo('waves', revision, 'waves') });
      const key = `waves:${revision}:${opened.name}`;
      cache.set(key, result);
      dispatch({ type: 'job-done', job: 'waves', revision, resultKey: key });
    } catch (error) {
      analyses.failJob('waves', revision, error);
    }
  }

  async function saveProject(saveAs: boolean): Promise<void> {
    const text = currentProjectText();
    if (text === null) return;
    try {
      const saved = await bridge.saveProject({ text, suggestedName: `${state().project.name}.segstudio`, path: state().project.path, saveAs });
      if (saved !== null) dispatch({ type: 'project-saved', name: saved.name, path: saved.path });
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
    await rerunRecorded(project.factors !== null, project.segmentation !== null, project.typing !== null);
  }

  async function rerunRecorded(factors: boolean, segmentation: boolean, typing: boolean): Promise<void> {
    if (factors) await runFactors();
    if (segmentation) {
      await runSegments();
      await runProfiles();
      if (typing) await deliverables.runTyping();
    }
  }

  async function openProjectDialog(): Promise<void> {
    if (!mayReplace()) return;
    try {
      const opened = await bridge.openProject();
      if (opened !== null) await openProjectText(opened.text, opened.name, opened.path);
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'Cannot open the project', text: toSerializedError(error).message } });
    }
  }

  async function openSurveyDialog(): Promise<void> {
    if (!mayReplace()) return;
    try {
      const opened = await bridge.openSurveyFile();
      if (opened !== null) await openSurvey(opened);
    } catch (error) {
      dispatch({ type: 'message', message: { kind: 'error', title: 'Cannot open the survey', text: toSerializedError(error).message } });
    }
  }

  async function openSample(): Promise<void> {
    if (!mayReplace()) return;
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
      if (text !== null && state().project.dirty) void bridge.writeRecovery(text);
    }, AUTOSAVE_DELAY_MS);
  }

  // Every change of the researcher's decisions (edits, undo/redo, factor names after a run, the
  // suggested K) schedules the autosave; the shell learns at once when the project becomes dirty
  // or clean, so closing the window asks first.
  let lastDoc = state().doc;
  let lastDirty = state().project.dirty;
  store.subscribe(() => {
    const current = state();
    if (current.doc !== lastDoc) {
      lastDoc = current.doc;
      if (current.project.dirty) scheduleAutosave();
    }
    if (current.project.dirty !== lastDirty) {
      lastDirty = current.project.dirty;
      void bridge.setDirty(lastDirty);
    }
  });

  return {
    cache,
    openSurvey,
    openSurveyDialog,
    openSample,
    openProjectDialog,
    openProjectText,
    runQuality: analyses.runQuality,
    runFactors,
    runSegments,
    runProfiles,
    segmentFits,
    efaKey,
    segmentKey,
    profileKey,
    analysisDataset,
    rawDataset,
    cancel: analyses.cancel,
    ...deliverables,
    exportDeck: deliverables.exportDeckPdf,
    exportAssignments,
    edit,
    dismissMessage: () => dispatch({ type: 'message', message: null }),
    openRecent: async (path: string) => {
      if (!mayReplace()) return;
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
    scoreWave,
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
  };
}
