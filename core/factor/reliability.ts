/**
 * Reliability of the scales a factor solution implies: for each factor, the items whose largest
 * absolute loading is on it, reverse-keyed where that loading is negative; then
 *   alpha  = Cronbach's alpha of the keyed items: with `options.moments` (the answers' pairwise
 *            covariances, pairwise-moments.ts) the raw alpha of psych::alpha (use = "pairwise";
 *            reverse keys as (max + min) − x, which flips the signs of an item's covariances),
 *            k/(k − 1)·(1 − tr C/ΣC); without them the standardized alpha k/(k − 1)·(1 − k/ΣR_G),
 *            which is always reported as alphaStandardized (on a polychoric R: "ordinal alpha");
 *   omega  = McDonald's omega total of the keyed items, as psych::omega with one factor:
 *            a one-factor minres fit of R_G gives uniquenesses u²_i and ω = (ΣR_G − Σu²)/ΣR_G.
 * A factor with no items has neither; one item has no alpha; fewer than three items give no omega
 * (a one-factor model of two items is not identified). Each case is explained in a notice.
 * Entry points: reliabilityByFactor (here), cronbachAlpha (reliability-alpha.ts),
 * computeOmega (reliability-omega.ts, the hierarchical omega of a whole battery).
 */
import { InputError } from '../errors';
import type { Matrix } from '../math/matrix';
import { notice, type Notice } from '../notices';
import { extractFactors } from './extract';
import type { PairwiseMoments } from './pairwise-moments';

export { cronbachAlpha } from './reliability-alpha';
export type { AlphaResult, AlphaParams } from './reliability-alpha';
export { computeOmega } from './reliability-omega';
export type { OmegaResult } from './reliability-omega';

export type ScaleReliability = {
  /** Factor index (column of the loadings). */
  factor: number;
  /** Items assigned to the factor, in item order; reversed when their loading is negative. */
  items: { item: number; name: string; reversed: boolean }[];
  /** Raw alpha when data were given, else the standardized alpha. */
  alpha: number | null;
  alphaStandardized: number | null;
  omega: number | null;
};

export type ReliabilityOptions = {
  /** Pairwise covariances of the raw answers, items in the loadings' order, for raw alpha. */
  moments?: PairwiseMoments;
};

export function reliabilityByFactor(R: Matrix, loadings: Matrix, itemNames: readonly string[], options: ReliabilityOptions = {}): { factors: ScaleReliability[]; notices: Notice[] } {
  const { rows: p, cols: m } = loadings;
  const notices: Notice[] = [];
  const owner = Array.from({ length: p }, (_, i) => {
    let best = 0;
    for (let k = 1; k < m; k++) if (Math.abs(loadings.data[i * m + k]!) > Math.abs(loadings.data[i * m + best]!)) best = k;
    return best;
  });
  const factors: ScaleReliability[] = [];
  for (let k = 0; k < m; k++) {
    const items = owner.flatMap((o, i) => (o === k ? [{ item: i, name: itemNames[i] ?? `item${i + 1}`, reversed: loadings.data[i * m + k]! < 0 }] : []));
    const g = items.length;
    const keyed = new Float64Array(g * g);
    items.forEach((a, i) =>
      items.forEach((b, j) => {
        const sign = (a.reversed ? -1 : 1) * (b.reversed ? -1 : 1);
        keyed[i * g + j] = sign * R.data[a.item * p + b.item]!;
      }),
    );
    let total = 0;
    for (const v of keyed) total += v;
    const alphaStandardized = g >= 2 ? (1 - g / total) * (g / (g - 1)) : null;
    let alpha = alphaStandardized;
    if (g >= 2 && options.moments !== undefined) {
      try {
        alpha = rawAlpha(options.moments, items);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        notices.push(notice('info', 'warning', `Factor ${k + 1}: raw alpha is undefined (${error.message}); its alpha is the standardized alpha of the correlations.`, items.map((it) => it.name)));
      }
    }
    let omega: number | null = null;
    if (g >= 3) {
      const fit = extractFactors({ rows: g, cols: g, data: keyed }, 1, 'minres');
      let sumU2 = 0;
      for (let i = 0; i < g; i++) sumU2 += 1 - fit.communalities[i]!;
      omega = (total - sumU2) / total;
    }
    if (g < 3) {
      notices.push(notice('info', 'info', g === 0
        ? `Factor ${k + 1} is no item's strongest factor, so it has no scale to assess.`
        : `Factor ${k + 1} is the strongest factor of only ${g} item(s) (${items.map((it) => it.name).join(', ')}): ${g === 1 ? 'alpha and omega need more items' : 'omega needs at least three items'}.`, items.map((it) => it.name)));
    }
    factors.push({ factor: k, items, alpha, alphaStandardized, omega });
  }
  return { factors, notices };
}

/** psych::alpha's raw alpha of the keyed items from the pairwise covariances of all items. */
function rawAlpha(moments: PairwiseMoments, items: ScaleReliability['items']): number {
  const { p, cov } = moments;
  const g = items.length;
  let trace = 0;
  let sum = 0;
  for (const a of items) {
    const variance = cov[a.item * p + a.item]!;
    if (!(variance > 0)) throw new InputError('data-degenerate', `Item '${a.name}' has no variance (constant or unanswered); remove it from the scale.`, { column: a.name });
    trace += variance;
  }
  for (const a of items) {
    for (const b of items) {
      const c = cov[a.item * p + b.item]!;
      if (Number.isNaN(c)) {
        throw new InputError('data-insufficient', `Items '${a.name}' and '${b.name}' are answered together by fewer than two respondents, so the scale's alpha is undefined. Remove one of them from the scale.`, { column: a.name });
      }
      sum += a.reversed === b.reversed ? c : -c;
    }
  }
  return (1 - trace / sum) * (g / (g - 1));
}
