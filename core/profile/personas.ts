/**
 * Draft persona texts from a profile: a name, a one-line tagline and a short description, built
 * from templates driven by the segment's most distinctive attitudes (factor names when segments
 * were built on factor scores, item labels otherwise) and its standout demographics. Always
 * marked `draft: true`: they are a starting point for the researcher, never a finished text.
 *
 * Templates: name = "<Key> First" from the strongest high attitude ("Prices First"), or
 * "Low on <Key>" when the segment is high on nothing; a clash with an earlier segment's name adds
 * the next attitude. Key = keyPhrase(label). Tagline: see taglineFor.
 */
import type { DistinctiveItem, PersonaDraft, SegmentSize, Standout } from './profile-types';

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

function nameFrom(item: DistinctiveItem): string {
  const key = keyPhrase(item.label);
  return item.direction === 'high' ? `${key} First` : `Low on ${key}`;
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

export function draftPersonas(sizes: readonly SegmentSize[], distinctive: readonly DistinctiveItem[][], standouts: readonly Standout[][]): PersonaDraft[] {
  const used = new Set<string>();
  return sizes.map((size, s) => {
    const items = distinctive[s] ?? [];
    // Name after what the segment is high on (a persona is defined by what it cares about).
    const ranked = [...items].sort((a, b) => (a.direction === b.direction ? Math.abs(b.d) - Math.abs(a.d) : a.direction === 'high' ? -1 : 1));
    let name = ranked.length > 0 ? nameFrom(ranked[0]!) : `Segment ${size.letter}`;
    if (used.has(name) && ranked.length > 1) name = `${name}, ${nameFrom(ranked[1]!).replace(/ First$/, '')}`;
    if (used.has(name)) name = `${name} (${size.letter})`;
    used.add(name);
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
    return { segment: s, name, tagline, description: sentences.join(' '), draft: true };
  });
}
