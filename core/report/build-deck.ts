/**
 * buildDeck: the profile deck's pages from a segment profile, the persona texts (the user's or
 * the drafts) and the method summary. Pure data; rendering is render-html.ts.
 * Page order: cover, executive summary, method, segment overview, factor profile (when there is a
 * factor step), one persona page per segment,
 * side-by-side comparison, typing tool (when built), prioritisation, appendix crosstabs (paginated), technical detail.
 */
import type { PersonaText, Theme } from '../project/project';
import type { TypingTool } from '../typing/typing-types';
import type { SegmentProfile } from '../profile/profile-types';
import { formatCount, formatIndex, formatShare, labelWithCategory } from './format';
import { suggestIcon } from './persona-icons';

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
import { DECK_SCHEMA_VERSION, type Deck, type DeckPage, type MethodSummary, type PersonaPage } from './deck-types';

export type DeckInput = {
  title: string;
  subtitle: string;
  date: string;
  theme: Theme;
  profile: SegmentProfile;
  /** Persona texts by segment; missing segments fall back to the profile's drafts. */
  personas: readonly PersonaText[];
  method: MethodSummary;
  /** The typing tool, when one was built. */
  typing?: TypingTool | null;
};

/** Rows of crosstab per appendix page, so no table overflows the 16:9 page. */
/** Crosstab rows per appendix page (two columns of tables); a longer table is cut at MAX_TABLE_ROWS. */
export const CROSSTAB_ROWS_PER_PAGE = 40;
export const MAX_TABLE_ROWS = 18;

export function personaTexts(profile: SegmentProfile, personas: readonly PersonaText[]): PersonaText[] {
  return profile.sizes.map((_, s) => {
    const own = personas.find((p) => p.segment === s);
    if (own !== undefined) return own;
    const d = profile.personas[s]!;
    const labels = [...(profile.distinctive[s] ?? [])].filter((x) => x.direction === 'high').map((x) => x.label);
    return { segment: s, name: d.name, tagline: d.tagline, description: d.description, icon: suggestIcon(labels), draft: true };
  });
}

export function buildDeck(input: DeckInput): Deck {
  const { profile, theme } = input;
  const texts = personaTexts(profile, input.personas);
  const colour = (s: number): string => theme.palette[s % theme.palette.length]!;
  const segments = profile.sizes.map((size, s) => ({ name: texts[s]!.name, letter: size.letter, size: size.count, share: size.share, colour: colour(s) }));
  const pages: DeckPage[] = [{ kind: 'cover', title: input.title, subtitle: input.subtitle, client: theme.client, date: input.date, segments: segments.map((s) => ({ name: s.name, share: s.share, colour: s.colour })) }];
  pages.push(summaryPage(input, segments, texts));
  pages.push({ kind: 'method', summary: input.method });
  pages.push({
    kind: 'overview',
    segments,
    heatmap: {
      rowLabels: profile.attitudes.variables.map((v) => v.label),
      columnLabels: segments.map((s) => `${s.letter}: ${s.name}`),
      values: profile.attitudes.variables.map((_, j) => profile.sizes.map((_, s) => profile.attitudes.index[s]![j]!)),
    },
    indexNote: indexNote(profile),
  });
  if (profile.factors !== null) {
    const f = profile.factors;
    pages.push({
      kind: 'factors',
      heatmap: { rowLabels: f.variables.map((v) => v.label), columnLabels: segments.map((s) => `${s.letter}: ${s.name}`), values: f.variables.map((_, j) => profile.sizes.map((_, s) => f.index[s]![j]!)) },
      letters: f.variables.map((_, j) => profile.sizes.map((_, s) => f.letters[s]![j]!)),
      note: 'Factor scores by segment. Index = 100 + 100 × (segment mean − total mean) / total SD: 150 is half a standard deviation above the average respondent.',
    });
  }
  profile.sizes.forEach((size, s) => {
    const t = texts[s]!;
    const page: PersonaPage = {
      kind: 'persona',
      segment: s,
      letter: size.letter,
      colour: colour(s),
      name: t.name,
      icon: t.icon,
      tagline: t.tagline,
      description: t.description,
      draft: t.draft,
      size: size.count,
      share: size.share,
      weightedSize: size.weightedSize,
      weightedShare: profile.weighted ? size.weightedShare : null,
      distinctive: profile.distinctive[s] ?? [],
      standouts: (profile.standouts[s] ?? []).slice(0, 5),
    };
    pages.push(page);
  });
  pages.push(comparisonPage(profile, segments));
  if (input.typing !== undefined && input.typing !== null) pages.push(typingPage(input.typing));
  pages.push({ kind: 'priority', valueVariable: profile.priority.valueLabel, weighted: profile.weighted, rows: profile.priority.rows.map((r, s) => ({ ...r, name: texts[s]!.name })), method: profile.priority.method });
  pages.push(...crosstabPages(profile, segments));
  pages.push({ kind: 'technical', summary: input.method, lines: technicalLines(profile) });
  return { kind: 'deck', schemaVersion: DECK_SCHEMA_VERSION, title: input.title, theme, pages };
}

function summaryPage(input: DeckInput, segments: { name: string; share: number; colour: string }[], texts: PersonaText[]): DeckPage {
  const { profile, method } = input;
  const largest = [...segments].sort((a, b) => b.share - a.share)[0]!;
  const top = profile.priority.rows.find((r) => r.rank === 1);
  const bullets = [
    `${formatCount(method.analysed)} respondents analysed${method.excluded > 0 ? ` after excluding ${method.excluded} low-quality interviews` : ''}.`,
    `${profile.k} segments, chosen by ${method.model.why}.`,
    `Largest segment: ${largest.name} (${formatShare(largest.share)}).`,
  ];
  if (method.factors !== null) bullets.push(`Attitudes summarised by ${method.factors.count} factors: ${method.factors.names.join(', ')}.`);
  if (top !== undefined) bullets.push(`Suggested focus: ${segments[top.segment]!.name}, the highest priority score${profile.priority.valueLabel !== null ? `; ${formatShare(top.valueShare ?? 0)} of all ${lowerFirst(profile.priority.valueLabel).replace(/^average /, '')}` : ''}.`);
  return { kind: 'summary', headline: `${profile.k} distinct segments`, bullets, segments: segments.map((s, i) => ({ ...s, tagline: texts[i]?.tagline ?? '' })) };
}

function typingPage(tool: TypingTool): DeckPage {
  return {
    kind: 'typing',
    questions: tool.items.map((i) => ({ name: i.name, label: i.label })),
    method: tool.method === 'mlr' ? 'multinomial logistic regression' : 'linear discriminant analysis',
    accuracy: tool.holdout.accuracy,
    holdoutN: tool.holdout.n,
    targetAccuracy: tool.targetAccuracy,
    reachedTarget: tool.reachedTarget,
    curve: tool.curve.map((c) => ({ size: c.size, mlr: c.holdout.mlr, lda: c.holdout.lda, cv: c.cvAccuracy })),
  };
}

function indexNote(profile: SegmentProfile): string {
  const kinds = new Set(profile.attitudes.variables.map((v) => v.indexKind));
  const ratio = 'Index = 100 × segment mean / total mean';
  const std = 'Index = 100 + 100 × (segment mean − total mean) / total SD';
  return `${kinds.has('ratio') && kinds.has('standardised') ? `${ratio} (scales); ${std} (scores)` : kinds.has('ratio') ? ratio : std}. 100 = total sample.`;
}

function comparisonPage(profile: SegmentProfile, segments: { name: string; letter: string; colour: string; size: number; share: number }[]): DeckPage {
  const rows: { label: string; cells: string[]; letters?: string[] }[] = [
    { label: 'Size (n)', cells: segments.map((s) => formatCount(s.size)), letters: segments.map(() => '') },
    { label: 'Share', cells: segments.map((s) => formatShare(s.share)), letters: segments.map(() => '') },
  ];
  const byD = profile.attitudes.variables
    .map((v, j) => ({ v, j, spread: Math.max(...profile.sizes.map((_, s) => Math.abs(profile.attitudes.d[s]![j]!))) }))
    .sort((a, b) => b.spread - a.spread)
    .slice(0, 10);
  for (const { v, j } of byD) rows.push({ label: v.label, cells: profile.sizes.map((_, s) => formatIndex(profile.attitudes.index[s]![j]!)), letters: profile.sizes.map((_, s) => profile.attitudes.letters[s]![j]!) });
  rows.push({ label: 'Standout', cells: profile.standouts.map((list) => { const x = list.find((o) => o.index > 100); return x === undefined ? '–' : x.category ? labelWithCategory(x.label, x.category) : `${x.label}: mean`; }) });
  return { kind: 'comparison', columns: segments.map((s) => ({ name: s.name, letter: s.letter, colour: s.colour })), rows };
}

function crosstabPages(profile: SegmentProfile, segments: { name: string; letter: string }[]): DeckPage[] {
  const pages: DeckPage[] = [];
  let current: typeof profile.crosstabs = [];
  let rows = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    pages.push({ kind: 'crosstabs', title: `Appendix: profile crosstabs${pages.length > 0 ? ` (${pages.length + 1})` : ''}`, columns: segments.map((s) => ({ name: s.name, letter: s.letter })), tables: current });
    current = [];
    rows = 0;
  };
  for (const table of profile.crosstabs) {
    const shown = table.rows.length > MAX_TABLE_ROWS ? { ...table, rows: table.rows.slice(0, MAX_TABLE_ROWS) } : table;
    const need = shown.rows.length + 3;
    if (rows + need > CROSSTAB_ROWS_PER_PAGE) flush();
    current.push(shown);
    rows += need;
  }
  flush();
  return pages;
}

function technicalLines(profile: SegmentProfile): string[] {
  return [
    `Profiles on ${formatCount(profile.n)} respondents${profile.weighted ? ' (weighted; significance on Kish effective bases)' : ''}.`,
    'Significance letters: column-proportion z-tests (means: Welch t-tests), two-sided α = 0.05, Bonferroni-adjusted over the segment pairs in each row. A letter means "significantly higher than the segment with that letter".',
    'Standout demographics: segment vs rest of sample z-test, Bonferroni over segments × categories, shown only when the chi-square test of independence is significant (α = 0.05).',
    'Distinctive attitudes: the five largest standardised differences from the total, |d| ≥ 0.05.',
    `Prioritisation: ${profile.priority.method}`,
  ];
}
