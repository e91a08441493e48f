import { describe, expect, it } from 'vitest';
import { EMPTY_MISSING, type Column, type Dataset } from '../data/dataset';
import { createRng } from '../random/rng';
import { buildSegmentProfile } from '../profile/build-profile';
import { DEFAULT_THEME } from '../project/project';
import { buildDeck, CROSSTAB_ROWS_PER_PAGE } from './build-deck';
import type { MethodSummary } from './deck-types';
import { formatCount, formatShare } from './format';
import { renderDeckHtml } from './render-html';
import { indexColour, wrapTwoLines } from './svg-charts';

function fixture() {
  const rng = createRng(4);
  const n = 400;
  const k = 3;
  const segments = Int32Array.from({ length: n }, (_, i) => (i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2));
  const col = (name: string, label: string, values: number[], m: Column['measurement'], labels: [number, string][] = []): Column => ({
    name, label, measurement: m, valueLabels: labels.map(([code, l]) => ({ code, label: l })), missing: EMPTY_MISSING, values: Float64Array.from(values), text: null, reversed: false,
  });
  const items = ['I always compare prices before I buy', 'Quality <b>matters</b> more to me than price', 'Ich kaufe gern Bio-Produkte – “öko”'];
  const columns = items.map((label, j) => col(`q${j + 1}`, label, Array.from(segments, (s) => Math.min(5, Math.max(1, Math.round(3 + (s === j ? 1.3 : 0) + rng.normal())))), 'ordinal'));
  columns.push(col('region', 'Région', Array.from(segments, (s) => 1 + ((s + Math.floor(rng.uniform() * 2)) % 4)), 'nominal', [[1, 'Nord'], [2, 'Süd'], [3, 'Île'], [4, 'Ost']]));
  const dataset: Dataset = { source: { file: 's.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows: n, columns, weight: null, id: null, notices: [] };
  const profile = buildSegmentProfile({ dataset, segments, k, attitudes: columns.slice(0, 3).map((c) => ({ name: c.name, label: c.label, values: c.values! })), profileVariables: ['region'] });
  const method: MethodSummary = {
    dataFile: 's.csv', respondents: 420, excluded: 20, exclusionReasons: [{ reason: 'speeding', count: 20 }], analysed: 400, weighted: false, factors: null,
    model: { name: 'Latent class analysis', basis: 'items', kMin: 2, kMax: 4, chosenK: 3, why: 'the lowest BIC', seed: 1, starts: 10, stability: null, fit: [2, 3, 4].map((kk) => ({ k: kk, logLik: -1000 + kk, parameters: 10 * kk, bic: 2100 - (kk === 3 ? 50 : 0), aic: 2000, entropy: 0.9, smallestShare: 0.2 })) },
    notices: [],
  };
  return { profile, method };
}

describe('buildDeck / renderDeckHtml', () => {
  const { profile, method } = fixture();
  const personas = [{ segment: 1, name: 'Quality <script>alert(1)</script> seekers', tagline: 'Only the best', description: 'Edited by the analyst.', icon: null, draft: false }];
  const deck = buildDeck({ title: 'Segmentation — Ü', subtitle: 'Test', date: '2026-01-01', theme: DEFAULT_THEME, profile, personas, method });
  const html = renderDeckHtml(deck);

  it('orders the pages and gives one persona page per segment, with the analyst’s texts over the drafts', () => {
    const kinds = deck.pages.map((p) => p.kind);
    expect(kinds.slice(0, 4)).toEqual(['cover', 'summary', 'method', 'overview']);
    expect(kinds.filter((k) => k === 'persona').length).toBe(3);
    expect(kinds.at(-1)).toBe('technical');
    const pages = deck.pages.filter((p) => p.kind === 'persona');
    expect(pages[1]!.name).toBe(personas[0]!.name);
    expect(pages[1]!.draft).toBe(false);
    expect(pages[0]!.draft).toBe(true);
    expect(pages[0]!.size).toBe(profile.sizes[0]!.count);
  });

  it('renders 16:9 pages with no trailing break, escaped text and inline vector charts only', () => {
    expect(html).toContain('@page { size: 13.333in 7.5in; margin: 0; }');
    expect(html).toContain('.page:last-child { break-after: auto;');
    expect((html.match(/<section class="page/g) ?? []).length).toBe(deck.pages.length);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Quality &lt;script&gt;');
    expect(html).toContain('Quality &lt;b&gt;matters&lt;/b&gt;');
    expect(html).toContain('“öko”');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html).toContain(`n = ${formatCount(profile.sizes[0]!.count)}`);
    expect(html).toContain(formatShare(profile.sizes[0]!.share));
  });

  it('paginates crosstabs within the page budget', () => {
    for (const p of deck.pages) if (p.kind === 'crosstabs') expect(p.tables.reduce((a, t) => a + t.rows.length + 3, 0)).toBeLessThanOrEqual(CROSSTAB_ROWS_PER_PAGE);
  });

  it('chart helpers: diverging index colours and two-line label wrapping', () => {
    expect(indexColour(100)).toBe('rgb(255,255,255)');
    expect(indexColour(200)).toBe('rgb(230,120,20)');
    expect(indexColour(0)).toBe('rgb(40,110,190)');
    expect(wrapTwoLines('I always compare prices before I buy', 16)).toEqual(['I always compare', 'prices before I…']);
  });
});
