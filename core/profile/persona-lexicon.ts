/**
 * A small marketing vocabulary for drafting factor names and persona names from question wording.
 * Each theme lists word stems that consumer-attitude statements about it tend to use, the name a
 * researcher would give the factor, and persona names for a segment that scores high on it (first
 * choice, then alternatives when another segment already took the first) or low on it.
 *
 * Matching is plain text: a stem counts when a word of the label starts with it (multi-word stems
 * match the phrase). A label set's score for a theme is the sum of the weights of the labels that
 * contain at least one of its stems; no theme scoring at least half of the total weight wins, so
 * wording outside the vocabulary falls back to the label's own key words (see personas.ts). The
 * vocabulary is about the wording of any battery, never about one data set.
 */

export type Theme = {
  id: string;
  stems: readonly string[];
  /** Draft factor name ("Price sensitivity"). */
  factor: string;
  /** Persona names for a segment high on the theme, in order of preference. */
  high: readonly string[];
  /** Persona names for a segment defined by being low on it. */
  low: readonly string[];
};

export const THEMES: readonly Theme[] = [
  { id: 'price', stems: ['price', 'cheap', 'sale', 'deal', 'discount', 'bargain', 'offer', 'afford', 'promotion', 'coupon', 'voucher', 'expensive', 'spend less', 'save money'], factor: 'Price sensitivity', high: ['Bargain Hunters', 'Deal Seekers', 'Price Watchers'], low: ['Carefree Spenders', 'Price Indifferent'] },
  { id: 'brand', stems: ['brand', 'quality', 'loyal', 'premium', 'reputation', 'well-known', 'craftsmanship'], factor: 'Quality and brands', high: ['Brand Loyalists', 'Quality Seekers', 'Premium Buyers'], low: ['Brand Agnostics', 'Brand Switchers'] },
  { id: 'green', stems: ['environment', 'sustainab', 'recycl', 'green', 'eco', 'organic', 'planet', 'climate', 'ethical', 'fair trade', 'carbon', 'plastic'], factor: 'Sustainability', high: ['Green Idealists', 'Eco Champions', 'Conscious Consumers'], low: ['Eco Sceptics', 'Green Indifferent'] },
  { id: 'tech', stems: ['technolog', 'gadget', 'innovat', 'feature', 'latest', 'first to try', 'new ones', 'new products', 'digital', 'smart', 'cutting-edge'], factor: 'Innovation and technology', high: ['Tech Enthusiasts', 'Early Adopters', 'Innovation Seekers'], low: ['Tech Sceptics', 'Creatures of Habit'] },
  { id: 'convenience', stems: ['convenien', 'time', 'fast', 'quick', 'delivery', 'order online', 'shops', 'effort', 'hassle', 'easy', 'easily'], factor: 'Convenience', high: ['Convenience Seekers', 'Time Savers', 'Busy Shoppers'], low: ['Leisurely Shoppers', 'Patient Browsers'] },
  { id: 'social', stems: ['friend', 'recommend', 'review', 'social media', 'popular', 'opinion', 'influenc', 'others', 'trend', 'famil'], factor: 'Social influence', high: ['Social Followers', 'Trend Followers', 'Peer Influenced'], low: ['Independent Minds', 'Own Judges'] },
  { id: 'health', stems: ['health', 'fitness', 'nutrition', 'diet', 'wellbeing', 'well-being', 'calorie', 'natural ingredients'], factor: 'Health', high: ['Health Seekers', 'Wellness Devotees'], low: ['Health Indifferent'] },
  { id: 'local', stems: ['local', 'regional', 'home-grown', 'made in'], factor: 'Local origin', high: ['Local Patriots', 'Local Supporters'], low: ['Origin Indifferent'] },
  { id: 'security', stems: ['safe', 'secur', 'risk', 'privacy', 'guarantee', 'warranty'], factor: 'Security', high: ['Cautious Planners', 'Safety Seekers'], low: ['Risk Takers'] },
  { id: 'enjoyment', stems: ['enjoy shopping', 'fun', 'exciting', 'browse', 'browsing', 'experience'], factor: 'Shopping enjoyment', high: ['Shopping Enthusiasts', 'Experience Seekers'], low: ['Reluctant Shoppers'] },
];

const STEM_CACHE = new Map<string, RegExp>();

function stemPattern(stem: string): RegExp {
  let re = STEM_CACHE.get(stem);
  if (re === undefined) {
    re = new RegExp(`(^|[^a-z])${stem.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`, 'i');
    STEM_CACHE.set(stem, re);
  }
  return re;
}

export function themeMatches(theme: Theme, label: string): boolean {
  return theme.stems.some((stem) => stemPattern(stem).test(label));
}

export type WeightedLabel = { label: string; weight: number };

/** Score of every theme for a weighted set of labels: the summed weight of the labels it matches. */
export function themeScores(labels: readonly WeightedLabel[]): { theme: Theme; score: number }[] {
  return THEMES.map((theme) => ({ theme, score: labels.reduce((a, l) => a + (themeMatches(theme, l.label) ? l.weight : 0), 0) }));
}

/**
 * The theme of a weighted label set: the highest-scoring theme when it covers at least half of
 * the total weight (ties: vocabulary order), else null.
 */
export function bestTheme(labels: readonly WeightedLabel[], exclude: ReadonlySet<string> = new Set()): Theme | null {
  const total = labels.reduce((a, l) => a + l.weight, 0);
  let best: { theme: Theme; score: number } | null = null;
  for (const t of themeScores(labels)) if (!exclude.has(t.theme.id) && (best === null || t.score > best.score)) best = t;
  return best !== null && total > 0 && best.score >= 0.5 * total ? best.theme : null;
}

/** The theme whose draft factor name is exactly `name` (case-insensitive), if any. */
export function themeOfFactorName(name: string): Theme | null {
  return THEMES.find((t) => t.factor.toLowerCase() === name.trim().toLowerCase()) ?? null;
}
