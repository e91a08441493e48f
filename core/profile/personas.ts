/**
 * Draft persona texts from a profile: a name, a one-line tagline and a short description, built
 * from templates driven by the segment's most distinctive attitudes (factor names when segments
 * were built on factor scores, item labels otherwise) and its standout demographics. Always
 * marked `draft: true`: they are a starting point for the researcher, never a finished text.
 *
 * Templates: name = "<Key> First" from the strongest high attitude ("Price First"), or
 * "<Key>-Indifferent" when the segment is defined by being low; a clash with an earlier
 * segment's name adds the next attitude. Key = the label without a leading "I / I'm / My",
 * at most three words, in title case.
 */
import type { DistinctiveItem, PersonaDraft, SegmentSize, Standout } from './profile-types';

export function keyPhrase(label: string): string {
  const words = label
    .replace(/[?.!:;]+$/g, '')
    .replace(/^(i am|i'm|i|my|we|it is|it's)\s+/i, '')
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, 3);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' ');
}

function nameFrom(item: DistinctiveItem): string {
  const key = keyPhrase(item.label);
  return item.direction === 'high' ? `${key} First` : `${key}-Indifferent`;
}

function lower(label: string): string {
  // Keep "I …" and acronyms ("NPS score") as written; lower-case an ordinary capitalised word.
  if (/^(I\b|I'|[A-Z]{2})/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function listPhrase(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function draftPersonas(sizes: readonly SegmentSize[], distinctive: readonly DistinctiveItem[][], standouts: readonly Standout[][]): PersonaDraft[] {
  const used = new Set<string>();
  return sizes.map((size, s) => {
    const items = distinctive[s] ?? [];
    const ranked = [...items].sort((a, b) => Math.abs(b.d) - Math.abs(a.d));
    let name = ranked.length > 0 ? nameFrom(ranked[0]!) : `Segment ${size.letter}`;
    if (used.has(name) && ranked.length > 1) name = `${name}, ${nameFrom(ranked[1]!).replace(/ First$/, '')}`;
    if (used.has(name)) name = `${name} (${size.letter})`;
    used.add(name);
    const highs = items.filter((i) => i.direction === 'high');
    const lows = items.filter((i) => i.direction === 'low');
    const tagline =
      highs.length > 0
        ? `More ${lower(highs[0]!.label)}${lows.length > 0 ? `, less ${lower(lows[lows.length - 1]!.label)}` : ''} than most.`
        : lows.length > 0
          ? `Below average on ${lower(lows[lows.length - 1]!.label)}.`
          : 'Close to the average respondent.';
    const fmt = (i: DistinctiveItem): string => `${lower(i.label)} (index ${Math.round(i.index)})`;
    const sentences = [`${name} make up ${(100 * size.share).toFixed(0)}% of respondents (n = ${size.count}).`];
    if (highs.length > 0) sentences.push(`Compared with the total they score higher on ${listPhrase(highs.map(fmt))}.`);
    if (lows.length > 0) sentences.push(`They score lower on ${listPhrase(lows.map(fmt))}.`);
    const top = (standouts[s] ?? []).filter((x) => x.index > 100).slice(0, 3);
    if (top.length > 0) {
      sentences.push(`Over-represented: ${listPhrase(top.map((x) => (x.kind === 'share' ? `${x.label} ${x.category} (${x.value.toFixed(0)}% vs ${x.totalValue.toFixed(0)}%)` : `${x.label} (mean ${x.value.toFixed(1)} vs ${x.totalValue.toFixed(1)})`)))}.`);
    }
    sentences.push('Draft generated from the profile: edit before sharing.');
    return { segment: s, name, tagline, description: sentences.join(' '), draft: true };
  });
}
