/**
 * The deck model: the profile deck as pure data (pages with their numbers and texts already
 * chosen), built by build-deck.ts from a profile, persona texts and a method summary, and
 * rendered by render-html.ts. Testable without a browser: a test can assert that the persona
 * page of segment B says "n = 312" before anything is printed.
 */
import type { Notice } from '../notices';
import type { Theme } from '../project/project';
import type { Crosstab, DistinctiveItem, PriorityRow, Standout } from '../profile/profile-types';
import type { Heatmap } from './svg-charts';

export const DECK_SCHEMA_VERSION = 1;

export type FitRow = { k: number; logLik: number; parameters: number; bic: number; aic: number; entropy: number; smallestShare: number };

/** What the method page says; filled by the pipeline from the factor and segment results. */
export type MethodSummary = {
  dataFile: string;
  respondents: number;
  excluded: number;
  exclusionReasons: { reason: string; count: number }[];
  analysed: number;
  weighted: boolean;
  factors: { count: number; method: string; rotation: string; names: string[]; items: number; varianceExplained: number | null } | null;
  model: {
    name: string;
    basis: string;
    kMin: number;
    kMax: number;
    chosenK: number;
    why: string;
    seed: number;
    starts: number;
    fit: FitRow[];
    stability: string | null;
  };
  notices: Notice[];
};

export type PersonaPage = {
  kind: 'persona';
  segment: number;
  letter: string;
  colour: string;
  name: string;
  /** Bundled icon id (persona-icons.ts) or a data: URL; null = the default figure. */
  icon: string | null;
  tagline: string;
  description: string;
  draft: boolean;
  size: number;
  share: number;
  weightedSize: number;
  /** Weighted share, or null when the data are unweighted. */
  weightedShare: number | null;
  distinctive: DistinctiveItem[];
  standouts: Standout[];
};

export type DeckPage =
  | { kind: 'cover'; title: string; subtitle: string; client: string; date: string; segments: { name: string; share: number; colour: string }[] }
  | { kind: 'summary'; headline: string; bullets: string[]; segments: { name: string; share: number; colour: string; tagline: string }[] }
  | { kind: 'method'; summary: MethodSummary }
  | { kind: 'factors'; heatmap: Heatmap; letters: string[][]; note: string }
  | { kind: 'overview'; segments: { name: string; letter: string; size: number; share: number; colour: string }[]; heatmap: Heatmap; indexNote: string }
  | PersonaPage
  | { kind: 'comparison'; columns: { name: string; letter: string; colour: string }[]; /** `letters`: significance letters per cell (numeric rows only). */ rows: { label: string; cells: string[]; letters?: string[] }[] }
  | { kind: 'typing'; questions: { name: string; label: string }[]; method: string; accuracy: number; holdoutN: number; targetAccuracy: number; reachedTarget: boolean; curve: { size: number; mlr: number; lda: number; cv: number }[] }
  | { kind: 'priority'; valueVariable: string | null; weighted: boolean; rows: PriorityRow[]; method: string }
  | { kind: 'crosstabs'; title: string; columns: { name: string; letter: string }[]; tables: Crosstab[] }
  | { kind: 'technical'; summary: MethodSummary; lines: string[] };

/** What the deck shows about the typing tool (from a TypingTool). */
export type TypingSummary = Extract<DeckPage, { kind: 'typing' }>;

export type Deck = {
  kind: 'deck';
  schemaVersion: typeof DECK_SCHEMA_VERSION;
  title: string;
  theme: Theme;
  pages: DeckPage[];
};
