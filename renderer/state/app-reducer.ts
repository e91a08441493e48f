/**
 * State shape and reducer of the renderer store. Two halves:
 * - `doc`: the researcher's decisions (codebook edits, exclusions, every analysis setting and seed,
 *   factor names, the chosen K). It is what the project file saves, and what Undo/Redo step through.
 * - session fields: the current step, the opened file, job statuses (with revisions so stale worker
 *   replies are ignored) and messages. Never saved, never undone.
 * Pure and serializable: no functions, no typed arrays, no results (those live in result-cache.ts).
 */
import type { Progress } from '../../core/jobs/run-steps';
import { DEFAULT_THEME, type Codebook, type Exclusion, type PersonaText, type SegmentBasis, type SegmentModelChoice, type Theme } from '../../core/project/project';
import type { CorrelationType, ExtractionMethod, MissingPolicy, RotationName, ScoreMethod } from '../../core/factor/options';
import type { CovarianceModel } from '../../core/segment/lpa/covariance-models';
import type { TypingMethod } from '../../core/typing/typing-types';

export const STEPS = ['data', 'factors', 'segments', 'profiles', 'personas', 'deck', 'typing', 'waves'] as const;
export type Step = (typeof STEPS)[number];

export const JOBS = ['import', 'quality', 'efa', 'segment', 'profile', 'typing', 'waves'] as const;
export type JobName = (typeof JOBS)[number];

export type JobStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';
export type JobState = {
  status: JobStatus;
  revision: number;
  /** Live progress by lane (e.g. one lane per K in a segmentation run). */
  progress: Record<string, Progress>;
  error: string | null;
  /** Key of the result in the result cache once done. */
  resultKey: string | null;
};

export type FactorChoices = {
  nFactors: number | 'auto';
  method: ExtractionMethod;
  rotation: RotationName;
  correlation: CorrelationType;
  missing: MissingPolicy;
  scores: ScoreMethod;
  seed: number;
  names: string[];
};

export type SegmentChoices = {
  basis: SegmentBasis;
  model: SegmentModelChoice;
  /** For basis 'variables': the columns segmented on. */
  variables: string[];
  kMin: number;
  kMax: number;
  /** Covariance structure of a latent profile model (mclust's names). */
  covariance: CovarianceModel;
  /** Latent class items as unordered (nominal) or ordered (ordinal) categories. */
  indicators: 'nominal' | 'ordinal';
  starts: number;
  /** Bootstrap resamples for the stability ARI per K (0 = off). */
  stabilityReplicates: number;
  seed: number;
  chosenK: number | null;
};

/** Settings of the typing tool (core/typing); candidates are the battery items. */
export type TypingChoices = { targetAccuracy: number; maxItems: number; method: TypingMethod; seed: number };

export type Doc = {
  codebook: Codebook;
  exclusions: Exclusion[];
  factor: FactorChoices;
  segment: SegmentChoices;
  profileVariables: string[];
  /**
   * Persona texts of the chosen solution, one per segment once the researcher edits any of them
   * (until then the profile's drafts are shown); a list whose length is not the chosen K is stale.
   */
  personas: PersonaText[];
  /** Value or growth variable of the prioritisation view (e.g. spend), or null. */
  valueVariable: string | null;
  /** The deck's theme: title, client, logo, colours and font family. */
  theme: Theme;
  typing: TypingChoices;
};

export type OpenedSurvey = { name: string; rows: number; columns: number; format: string; sha256: string };

export type Message = { kind: 'error' | 'info'; title: string; text: string };

export type AppState = {
  step: Step;
  doc: Doc;
  past: Doc[];
  future: Doc[];
  survey: OpenedSurvey | null;
  datasetKey: string | null;
  jobs: Record<JobName, JobState>;
  project: { name: string; path: string | null; createdAt: string | null; dirty: boolean };
  message: Message | null;
};

export type Action =
  | { type: 'go'; step: Step }
  | { type: 'survey-opened'; survey: OpenedSurvey; datasetKey: string; doc: Doc }
  | { type: 'edit'; patch: Partial<Doc> }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'job-start'; job: JobName; revision: number }
  | { type: 'job-progress'; job: JobName; revision: number; lane: string; progress: Progress }
  | { type: 'job-done'; job: JobName; revision: number; resultKey: string }
  | { type: 'job-failed'; job: JobName; revision: number; error: string; cancelled: boolean }
  | { type: 'job-reset'; job: JobName }
  | { type: 'project-loaded'; name: string; path: string | null; createdAt: string }
  | { type: 'project-saved'; name: string; path: string | null }
  | { type: 'message'; message: Message | null };

const HISTORY_LIMIT = 100;

export const DEFAULT_SEED = 20260101;

export function defaultDoc(): Doc {
  return {
    codebook: { columns: [], batteryItems: [], weight: null, id: null },
    exclusions: [],
    factor: { nFactors: 'auto', method: 'minres', rotation: 'oblimin', correlation: 'pearson', missing: 'pairwise', scores: 'regression', seed: DEFAULT_SEED, names: [] },
    segment: { basis: 'factor-scores', model: 'lpa', variables: [], kMin: 2, kMax: 6, covariance: 'VVI', indicators: 'nominal', starts: 20, stabilityReplicates: 10, seed: DEFAULT_SEED, chosenK: null },
    profileVariables: [],
    personas: [],
    valueVariable: null,
    theme: { ...DEFAULT_THEME, palette: [...DEFAULT_THEME.palette] },
    typing: { targetAccuracy: 0.85, maxItems: 8, method: 'mlr', seed: DEFAULT_SEED },
  };
}

function idleJob(): JobState {
  return { status: 'idle', revision: 0, progress: {}, error: null, resultKey: null };
}

export function initialState(): AppState {
  return {
    step: 'data',
    doc: defaultDoc(),
    past: [],
    future: [],
    survey: null,
    datasetKey: null,
    jobs: { import: idleJob(), quality: idleJob(), efa: idleJob(), segment: idleJob(), profile: idleJob(), typing: idleJob(), waves: idleJob() },
    project: { name: 'Untitled', path: null, createdAt: null, dirty: false },
    message: null,
  };
}

function updateJob(state: AppState, job: JobName, revision: number, patch: Partial<JobState>): AppState {
  const current = state.jobs[job];
  if (revision !== current.revision) return state; // a stale reply from a superseded run
  return { ...state, jobs: { ...state.jobs, [job]: { ...current, ...patch } } };
}

export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'go':
      return state.step === action.step ? state : { ...state, step: action.step };
    case 'survey-opened':
      return {
        ...initialState(),
        step: state.step,
        survey: action.survey,
        datasetKey: action.datasetKey,
        doc: action.doc,
        project: { name: action.survey.name.replace(/\.[^.]+$/, ''), path: null, createdAt: null, dirty: false },
      };
    case 'edit':
      return {
        ...state,
        doc: { ...state.doc, ...action.patch },
        past: [...state.past, state.doc].slice(-HISTORY_LIMIT),
        future: [],
        project: { ...state.project, dirty: true },
      };
    case 'undo': {
      const previous = state.past.at(-1);
      if (previous === undefined) return state;
      return { ...state, doc: previous, past: state.past.slice(0, -1), future: [state.doc, ...state.future], project: { ...state.project, dirty: true } };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (next === undefined) return state;
      return { ...state, doc: next, past: [...state.past, state.doc], future: rest, project: { ...state.project, dirty: true } };
    }
    case 'job-start':
      return { ...state, jobs: { ...state.jobs, [action.job]: { status: 'running', revision: action.revision, progress: {}, error: null, resultKey: null } } };
    case 'job-progress': {
      const current = state.jobs[action.job];
      if (current.revision !== action.revision || current.status !== 'running') return state;
      return updateJob(state, action.job, action.revision, { progress: { ...current.progress, [action.lane]: action.progress } });
    }
    case 'job-done':
      return updateJob(state, action.job, action.revision, { status: 'done', resultKey: action.resultKey, error: null });
    case 'job-failed':
      return updateJob(state, action.job, action.revision, { status: action.cancelled ? 'cancelled' : 'error', error: action.error });
    case 'job-reset':
      return { ...state, jobs: { ...state.jobs, [action.job]: { ...idleJob(), revision: state.jobs[action.job].revision } } };
    case 'project-loaded':
      return { ...state, past: [], future: [], project: { name: action.name, path: action.path, createdAt: action.createdAt, dirty: false } };
    case 'project-saved':
      return { ...state, project: { ...state.project, name: action.name.replace(/\.segstudio$/, ''), path: action.path, dirty: false } };
    case 'message':
      return { ...state, message: action.message };
  }
}
