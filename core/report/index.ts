/** Public API of the profile deck: model, HTML rendering, charts, formatting. */
export * from './deck-types';
export { buildDeck, personaTexts, type DeckInput, CROSSTAB_ROWS_PER_PAGE } from './build-deck';
export { renderDeckHtml, textOn } from './render-html';
export { deckChartSvgs } from './deck-charts';
export { shareBars, indexHeatmap, lineChart, indexBars, indexColour, wrapTwoLines, type BarDatum, type Heatmap, type LineSeries, type IndexBar } from './svg-charts';
export { PERSONA_ICONS, suggestIcon, personaIconHtml, type PersonaIconId } from './persona-icons';
export { formatShare, formatCount, formatIndex, formatNumber, formatP, escapeHtml } from './format';
