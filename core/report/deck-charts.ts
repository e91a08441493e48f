/**
 * The deck's charts as standalone SVG documents (segment sizes, attitude index heatmap, factor
 * heatmap, BIC by K), for pasting into other reports: the same chart functions as the deck.
 */
import type { Deck } from './deck-types';
import { indexHeatmap, lineChart, shareBars } from './svg-charts';

export function deckChartSvgs(deck: Deck): [string, string][] {
  const out: [string, string][] = [];
  for (const page of deck.pages) {
    if (page.kind === 'overview') {
      out.push(['segment-sizes', shareBars(page.segments.map((s) => ({ label: `${s.letter}: ${s.name}`, value: s.share, colour: s.colour })), 640, 56 * page.segments.length)]);
      out.push(['attitude-index', indexHeatmap(page.heatmap, 1000, 60 + 30 * page.heatmap.rowLabels.length)]);
    } else if (page.kind === 'factors') {
      out.push(['factor-index', indexHeatmap(page.heatmap, 1000, 60 + 56 * page.heatmap.rowLabels.length, 56)]);
    } else if (page.kind === 'method') {
      out.push(['bic-by-k', lineChart([{ label: 'BIC', colour: '#0072B2', points: page.summary.model.fit.map((f) => ({ x: f.k, y: f.bic })) }], 640, 300, page.summary.model.chosenK, 'BIC')]);
    }
  }
  return out;
}
