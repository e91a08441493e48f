/**
 * The colour-blind-safe palette of every chart (Okabe & Ito 2008, as the deck's default theme),
 * and a diverging scale for index heatmaps (blue below the total, orange above; white at 100),
 * which reads for the common colour-vision deficiencies.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function seriesColour(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length]!;
}

/** Background for an index cell (100 = total): blue under, orange over, saturating at ±50. */
export function indexColour(index: number): string {
  if (!Number.isFinite(index)) return 'transparent';
  const t = Math.max(-1, Math.min(1, (index - 100) / 50));
  const [r, g, b] = t < 0 ? [0, 114, 178] : [230, 159, 0];
  return `rgba(${r}, ${g}, ${b}, ${(Math.abs(t) * 0.75).toFixed(3)})`;
}

/** Background for a loading: the same diverging hues by sign, opacity by |loading|. */
export function loadingColour(value: number): string {
  if (!Number.isFinite(value)) return 'transparent';
  const [r, g, b] = value < 0 ? [213, 94, 0] : [0, 114, 178];
  return `rgba(${r}, ${g}, ${b}, ${Math.min(0.85, Math.abs(value) * 0.9).toFixed(3)})`;
}
