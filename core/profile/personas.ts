/**
 * Draft persona texts from a profile: a name, a one-line tagline and a short description, built
 * from templates driven by the segment's most distinctive factor (or attitude items, when there is
 * no factor step) and its standout demographics. Always marked `draft: true`: they are a starting
 * point for the researcher, never a finished text; the project stores the edited versions.
 *
 * Name template (deterministic, at most three words):
 * 1. Drivers: with factor scores, the factors ranked by the segment's standardised difference d
 *    to the total (highest first); a segment with no factor at d ≥ HIGH_D is named after its
 *    lowest factor instead. Without factors, the segment's distinctive items play that role.
 * 2. The driver's theme from the marketing vocabulary (persona-lexicon.ts): the factor name
 *    itself ("Price sensitivity"), else its wording, else the wording of the segment's high items.
 *    High → the theme's persona ("Bargain Hunters"); low → its low persona ("Eco Sceptics").
 * 3. Wording outside the vocabulary: "<Key> Seekers" / "<Key> Sceptics", Key = the first two key
 *    words of the driver's label (keyPhrase).
 * 4. A name another (larger) segment already has: the theme's next alternative, then the next
 *    driver, and finally the segment letter appended.
 */
import { bestTheme, themeOfFactorName, type Theme } from './persona-lexicon';
import type { AttitudeTable, DistinctiveItem, PersonaDraft, SegmentSize, Standout } from './profile-types';

const LEADING = new Set(['i', "i'm", 'my', 'we', 'am', 'is', 'are', 'it', "it's", 'always', 'often', 'usually', 'really', 'rarely', 'never', 'like', 'to', 'try', 'prefer', 'enjoy', 'value', 'check', 'willing', 'be', 'do', 'not', 'the', 'a', 'an', 'among',
  // Attitude verbs: the name keeps what the segment cares about, not the action.
  'pay', 'read', 'order', 'buy', 'wait', 'get', 'compare', 'explore', 'spend', 'look', 'choose', 'use', 'want', 'care', 'feel', 'think', 'find', 'love', 'mind', 'attention', 'first', 'new', 'products', 'product', 'goods']);
const STOP = new Set(['before', 'even', 'if', 'than', 'that', 'when', 'for', 'of', 'to', 'because', 'just', 'as', 'rather', 'my', 'me', 'what', 'so', 'more', 'less', 'with', 'from', 'on', 'in', 'by', 'about', 'and', 'or', 'i', 'a', 'the', 'whether', 'can', 'are', 'is', 'does', 'have', 'has', 'matters', 'matter', 'influence', 'influences', 'save', 'saves', 'avoid', 'try']);

/**
 * The label shortened to at most three content words, title case: a leading pronoun,
 * auxiliaries and attitude verbs ("I am willing to", "I often") are dropped, and the phrase stops
 * at the first function word ("before", "than", "for"…). "I always compare prices before I buy"
 * → "Prices"; "Quality matters more to me than price" → "Quality".
 */
export function keyPhrase(label: string): string {
  const words = label.replace(/[?.!:;,"“”]+/g, ' ').split(/\s+/).filter((w) => w !== '');
  let i = 0;
  while (i < words.length && LEADING.has(words[i]!.toLowerCase())) i++;
  const kept: string[] = [];
  for (; i < words.length && kept.length < 3; i++) {
    const w = words[i]!;
    if (STOP.has(w.toLowerCase()) || LEADING.has(w.toLowerCase())) {
      if (kept.length >= 1) break;
      continue;
    }
    kept.push(w);
  }
  if (kept.length === 0) kept.push(...words.filter((w) => !STOP.has(w.toLowerCase())).slice(-2));
  return kept.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' ');
}

/** A segment counts as "high" on a driver from this standardised difference to the total. */
export const HIGH_D = 0.25;

type Driver = { label: string; d: number; theme: Theme | null };

/** Candidate names for one driver, best first. */
function namesFor(driver: Driver): string[] {
  const high = driver.d >= 0;
  if (driver.theme !== null) return [...(high ? driver.theme.high : driver.theme.low)];
  const key = keyPhrase(driver.label).split(' ').slice(0, 2).join(' ') || 'Average';
  return [high ? `${key} Seekers` : `${key} Sceptics`];
}

/** Factors (or items) ordered as naming drivers for segment s: highest d first, or lowest first when nothing is high. */
function driversFor(s: number, items: readonly DistinctiveItem[], factors: AttitudeTable | null): Driver[] {
  const highItems = items.filter((i) => i.direction === 'high').map((i) => ({ label: i.label, weight: Math.abs(i.d) }));
  if (factors !== null && factors.variables.length > 0) {
    const ranked = factors.variables.map((v, f) => ({ label: v.label, d: factors.d[s]![f]! })).sort((a, b) => b.d - a.d);
    const ordered = ranked[0]!.d >= HIGH_D ? ranked.filter((r) => r.d >= HIGH_D) : [...ranked].reverse().filter((r) => r.d < 0);
    const list = ordered.length > 0 ? ordered : ranked;
    return list.map((r) => ({ ...r, theme: themeOfFactorName(r.label) ?? bestTheme([{ label: r.label, weight: 1 }]) ?? (r.d >= 0 ? bestTheme(highItems) : null) }));
  }
  const byStrength = [...items].sort((a, b) => (a.direction === b.direction ? Math.abs(b.d) - Math.abs(a.d) : a.direction === 'high' ? -1 : 1));
  return byStrength.map((i, n) => ({ label: i.label, d: i.d, theme: bestTheme(n === 0 && i.direction === 'high' ? highItems : [{ label: i.label, weight: 1 }]) }));
}

/** Distinct draft names, segments in size order (the largest chooses first). */
export function draftNames(sizes: readonly SegmentSize[], distinctive: readonly DistinctiveItem[][], factors: AttitudeTable | null): { name: string; drivers: string[] }[] {
  const used = new Set<string>();
  return sizes.map((size, s) => {
    const drivers = driversFor(s, distinctive[s] ?? [], factors);
    const candidates = drivers.flatMap(namesFor);
    let name = candidates.find((c) => !used.has(c)) ?? (candidates.length > 0 ? `${candidates[0]} ${size.letter}` : `Segment ${size.letter}`);
    if (used.has(name)) name = `Segment ${size.letter}`;
    used.add(name);
    return { name, drivers: drivers.map((d) => d.label) };
  });
}

function lower(label: string): string {
  // Keep "I …" and acronyms ("NPS score") as written; lower-case an ordinary capitalised word.
  if (/^(I\b|I'|[A-Z]{2})/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A statement in quotes; a short label (a factor name) as a lower-case phrase. */
function quoted(label: string): string {
  return label.split(/\s+/).length >= 4 ? `“${label.replace(/[.!]$/, '')}”` : lower(label);
}

function listPhrase(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * A statement the segment agrees with more than anyone is quoted in its own voice
 * (“I always compare prices before I buy.”); short labels such as factor names become
 * "High on A and B, low on C."
 */
function taglineFor(highs: readonly DistinctiveItem[], lows: readonly DistinctiveItem[]): string {
  const top = highs[0];
  if (top !== undefined && top.label.split(/\s+/).length >= 4) return `“${top.label.replace(/[.!]?$/, '.')}”`;
  const parts: string[] = [];
  if (highs.length > 0) parts.push(`High on ${listPhrase(highs.slice(0, 2).map((h) => lower(h.label)))}`);
  if (lows.length > 0) parts.push(`low on ${lower(lows[lows.length - 1]!.label)}`);
  return parts.length === 0 ? 'Close to the average respondent.' : `${parts.join(', ')}.`;
}

export function draftPersonas(sizes: readonly SegmentSize[], distinctive: readonly DistinctiveItem[][], standouts: readonly Standout[][], factors: AttitudeTable | null = null): PersonaDraft[] {
  const names = draftNames(sizes, distinctive, factors);
  return sizes.map((size, s) => {
    const items = distinctive[s] ?? [];
    const { name, drivers } = names[s]!;
    const highs = items.filter((i) => i.direction === 'high');
    const lows = items.filter((i) => i.direction === 'low');
    const tagline = taglineFor(highs, lows);
    const fmt = (i: DistinctiveItem): string => `${quoted(i.label)} (index ${Math.round(i.index)})`;
    const sentences = [`${name} make up ${(100 * size.share).toFixed(1)}% of respondents (n = ${size.count}).`];
    const statements = items.every((i) => i.label.split(/\s+/).length >= 4);
    // At most three highs, two lows and two standouts: the description must fit the persona card.
    if (highs.length > 0) sentences.push(`Compared with the total they ${statements ? 'agree more with' : 'score higher on'} ${listPhrase(highs.slice(0, 3).map(fmt))}.`);
    if (lows.length > 0) sentences.push(`They ${statements ? 'agree less with' : 'score lower on'} ${listPhrase(lows.slice(-2).reverse().map(fmt))}.`);
    const top = (standouts[s] ?? []).filter((x) => x.index > 100).slice(0, 2);
    if (top.length > 0) {
      sentences.push(`Over-represented: ${listPhrase(top.map((x) => (x.kind === 'share' ? `${x.label} ${x.category} (${x.value.toFixed(0)}% vs ${x.totalValue.toFixed(0)}%)` : `${x.label} (mean ${x.value.toFixed(1)} vs ${x.totalValue.toFixed(1)})`)))}.`);
    }
    sentences.push('Draft generated from the profile: edit before sharing.');
    return { segment: s, name, tagline, description: sentences.join(' '), draft: true, drivers };
  });
}
