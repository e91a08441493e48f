/**
 * The `.segstudio` project file: everything needed to reproduce and re-open an analysis, as plain
 * versioned JSON. It stores a reference to the survey file (path, format and SHA-256 content hash)
 * or the file's bytes embedded as base64, the codebook edits made in the app, the quality
 * exclusions, every analysis setting with its seed, short result summaries, the frozen segment
 * model used to score later waves, the persona texts and the deck theme.
 *
 * Results are summaries, not caches: re-running the recorded settings and seeds on the referenced
 * data reproduces the full results. `parse-project.ts` validates and migrates; this file holds the
 * types and the constructor.
 */
import type { Measurement, SourceFormat, ValueLabel, MissingSpec } from '../data/dataset';
import type { JsonObject } from './json-reader';
import { APP_VERSION } from './app-version';

/** Bumped on every incompatible change; `MIGRATIONS` in parse-project.ts upgrades older files. */
export const PROJECT_SCHEMA_VERSION = 1;
export const PROJECT_KIND = 'segstudio-project';
export const PROJECT_EXTENSION = '.segstudio';

export type DataReference =
  | {
      kind: 'file';
      /** Path as chosen by the user; relative paths resolve against the project file's folder. */
      path: string;
      format: SourceFormat;
      sheet: string | null;
      /** Lowercase hex SHA-256 of the file's bytes when the project was made. */
      sha256: string;
      rows: number;
    }
  | {
      kind: 'embedded';
      /** Original file name (its extension tells the reader the format). */
      fileName: string;
      format: SourceFormat;
      sheet: string | null;
      sha256: string;
      rows: number;
      /** The file's bytes, base64. */
      base64: string;
    };

/** One column's codebook edits; absent fields keep what the file says. */
export type ColumnEdit = {
  name: string;
  label?: string;
  measurement?: Measurement;
  valueLabels?: ValueLabel[];
  missing?: MissingSpec;
  reversed?: boolean;
  /** Category order for an ordinal text column (Likert answers stored as words), first = lowest. */
  likertOrder?: string[];
};

export type Codebook = {
  columns: ColumnEdit[];
  /** The attitude battery used for factors and segments. */
  batteryItems: string[];
  weight: string | null;
  id: string | null;
};

export type Exclusion = { row: number; id: string | null; reason: string };

export type QualitySettings = {
  /** Respondents removed from every analysis; rows are 0-based positions in the data file. */
  exclusions: Exclusion[];
  /** Screen settings as used (straight-lining, speeding thresholds...). */
  settings: JsonObject;
};

export type FactorSettings = {
  items: string[];
  /** EfaParams as run (partial is allowed: defaults fill the rest). */
  settings: JsonObject;
  seed: number;
  factorNames: string[];
  /** Short result summary (factor count, variance explained, fit). */
  summary: JsonObject | null;
};

export const SEGMENT_BASES = ['factor-scores', 'items', 'variables'] as const;
export type SegmentBasis = (typeof SEGMENT_BASES)[number];
export const SEGMENT_MODELS = ['lca', 'lpa', 'kmeans'] as const;
export type SegmentModelChoice = (typeof SEGMENT_MODELS)[number];

export type SegmentationSettings = {
  basis: SegmentBasis;
  /** Items or variables segmented on (for factor scores: the factors' source items). */
  variables: string[];
  model: SegmentModelChoice;
  kMin: number;
  kMax: number;
  seed: number;
  /** Model options as run (starts, iterations, tolerance, covariance structure...). */
  settings: JsonObject;
  chosenK: number | null;
  chosenReason: string | null;
  /** Fit table and shares of the chosen solution. */
  summary: JsonObject | null;
  /** The chosen solution's parameters, frozen for scoring later waves. */
  frozenModel: JsonObject | null;
};

export type ProfileSettings = {
  /** Demographic and behaviour variables crosstabbed against the segments. */
  profileVariables: string[];
  /** A value or growth variable for the prioritisation table (e.g. spend), if any. */
  valueVariable: string | null;
};

export type PersonaText = {
  /** 0-based segment index in the chosen solution. */
  segment: number;
  name: string;
  tagline: string;
  description: string;
  /** Bundled icon id or a data: URL of the user's picture. */
  icon: string | null;
  /** True until the user edits the generated text. */
  draft: boolean;
};

export type TypingSettings = {
  targetAccuracy: number;
  maxItems: number;
  candidates: string[];
  method: 'mlr' | 'lda';
  seed: number;
  /** The exported typing tool (weights) once built. */
  tool: JsonObject | null;
};

export type Theme = {
  title: string;
  client: string;
  primary: string;
  accent: string;
  /** Segment colours, colour-blind safe by default (Okabe–Ito). */
  palette: string[];
  fontFamily: string;
  /** data: URL (PNG/JPEG/SVG) or null. */
  logo: string | null;
};

export type Project = {
  kind: typeof PROJECT_KIND;
  schemaVersion: typeof PROJECT_SCHEMA_VERSION;
  appVersion: string;
  name: string;
  createdAt: string;
  savedAt: string;
  data: DataReference;
  codebook: Codebook;
  quality: QualitySettings;
  factors: FactorSettings | null;
  segmentation: SegmentationSettings | null;
  profile: ProfileSettings;
  personas: PersonaText[];
  typing: TypingSettings | null;
  theme: Theme;
};

export const DEFAULT_THEME: Theme = {
  title: 'Customer segmentation',
  client: '',
  primary: '#1f3a5f',
  accent: '#e69f00',
  palette: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'],
  fontFamily: "'DejaVu Sans', 'Noto Sans', 'Liberation Sans', Arial, sans-serif",
  logo: null,
};

export type CreateProjectInput = {
  name: string;
  data: DataReference;
  /** ISO timestamp; passed in so the core stays free of clocks. */
  now: string;
  codebook?: Partial<Codebook>;
};

/** A new project with an empty analysis history. */
export function createProject(input: CreateProjectInput): Project {
  return {
    kind: PROJECT_KIND,
    schemaVersion: PROJECT_SCHEMA_VERSION,
    appVersion: APP_VERSION,
    name: input.name,
    createdAt: input.now,
    savedAt: input.now,
    data: input.data,
    codebook: {
      columns: input.codebook?.columns ?? [],
      batteryItems: input.codebook?.batteryItems ?? [],
      weight: input.codebook?.weight ?? null,
      id: input.codebook?.id ?? null,
    },
    quality: { exclusions: [], settings: {} },
    factors: null,
    segmentation: null,
    profile: { profileVariables: [], valueVariable: null },
    personas: [],
    typing: null,
    theme: { ...DEFAULT_THEME, palette: [...DEFAULT_THEME.palette] },
  };
}
