/**
 * The true structure of the bundled sample survey: six correlated consumer attitudes measured by
 * four Likert items each (one reverse-worded item per attitude), five latent segments with
 * distinct attitude profiles and unequal sizes, and how demographics, spend and purchase
 * frequency depend on the segment. generate-sample.ts draws respondents from this design;
 * README.md beside it documents the same numbers for researchers.
 */

export const SAMPLE_SEED = 20240611;
export const SAMPLE_SIZE = 1500;

export const ATTITUDES = ['price', 'quality', 'sustainability', 'innovation', 'convenience', 'social'] as const;
export type Attitude = (typeof ATTITUDES)[number];

export type ItemDesign = { name: string; statement: string; attitude: Attitude; reversed: boolean; loading: number; offset: number };

/** Statements per attitude, in questionnaire order within the attitude; the reverse-worded one is marked. */
const STATEMENTS: Record<Attitude, [string, boolean][]> = {
  price: [
    ['I always compare prices before I buy', false],
    ['I am willing to wait for a sale to get a better deal', false],
    ['I rarely pay attention to the price of everyday products', true],
    ['Price is the most important factor in my purchase decisions', false],
  ],
  quality: [
    ['I prefer well-known brands even if they cost more', false],
    ['Quality matters more to me than price', false],
    ['I am loyal to the brands I trust', false],
    ['Store brands are just as good as branded products', true],
  ],
  sustainability: [
    ['I try to buy environmentally friendly products', false],
    ['I am willing to pay more for sustainably produced goods', false],
    ['The environmental impact of products does not influence what I buy', true],
    ['I check whether packaging can be recycled', false],
  ],
  innovation: [
    ['I like to be among the first to try new products', false],
    ['I enjoy exploring the latest technology and gadgets', false],
    ['I often read about new product features online', false],
    ['I prefer to stick with products I know rather than try new ones', true],
  ],
  convenience: [
    ['I value products that save me time', false],
    ['I often order online to avoid going to the shops', false],
    ['I do not mind spending time looking for the right product', true],
    ['I am willing to pay extra for fast delivery', false],
  ],
  social: [
    ['I often buy products my friends recommend', false],
    ['Online reviews strongly influence what I buy', false],
    ['I like to buy products that are popular on social media', false],
    ['Other people’s opinions have little effect on my purchases', true],
  ],
};

/** Loadings (on the latent y* scale) and threshold offsets, per position within the attitude. */
const LOADINGS = [0.95, 0.85, 0.8, 0.75];
const OFFSETS = [0.35, 0.0, -0.2, 0.15];

/** Items are interleaved as in a real questionnaire: q01 price, q02 quality, ..., q07 price... */
export const ITEMS: ItemDesign[] = Array.from({ length: 24 }, (_, k) => {
  const attitude = ATTITUDES[k % 6]!;
  const position = Math.floor(k / 6);
  const [statement, reversed] = STATEMENTS[attitude][position]!;
  return { name: `q${String(k + 1).padStart(2, '0')}`, statement, attitude, reversed, loading: LOADINGS[position]!, offset: OFFSETS[position]! };
});

export const LIKERT_LABELS = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'] as const;
/** Cut points on the latent response scale y* between the five answers. */
export const THRESHOLDS = [-1.35, -0.5, 0.3, 1.15];
/** Within-segment attitude spread (SD) and correlation, and the item noise SD. */
export const WITHIN_SD = 0.5;
export const WITHIN_CORRELATION = 0.25;
export const ITEM_NOISE_SD = 0.55;

export type SegmentDesign = {
  code: number;
  name: string;
  share: number;
  /** Attitude means in the order of ATTITUDES. */
  means: number[];
  female: number;
  ageMean: number;
  ageSd: number;
  /** Probabilities of income bands 1..4 (band 9, "prefer not to say", is drawn separately). */
  income: number[];
  /** Probabilities of education 1..4. */
  education: number[];
  /** Median monthly spend (EUR) and lognormal sigma. */
  spendMedian: number;
  spendSigma: number;
  /** Probabilities of purchase frequency 1..5 (Never .. Weekly). */
  frequency: number[];
  /** Probabilities of regions 1..4. */
  region: number[];
};

export const SEGMENTS: SegmentDesign[] = [
  { code: 1, name: 'Bargain hunters', share: 0.3, means: [1.3, -0.8, -0.4, -0.3, 0.0, -0.4], female: 0.55, ageMean: 47, ageSd: 14, income: [0.38, 0.34, 0.2, 0.08], education: [0.25, 0.35, 0.25, 0.15], spendMedian: 210, spendSigma: 0.45, frequency: [0.04, 0.16, 0.35, 0.3, 0.15], region: [0.22, 0.32, 0.24, 0.22] },
  { code: 2, name: 'Brand loyalists', share: 0.25, means: [-0.8, 1.3, 0.1, 0.1, 0.4, 0.0], female: 0.5, ageMean: 52, ageSd: 13, income: [0.1, 0.25, 0.35, 0.3], education: [0.12, 0.28, 0.25, 0.35], spendMedian: 340, spendSigma: 0.5, frequency: [0.02, 0.1, 0.3, 0.33, 0.25], region: [0.25, 0.2, 0.3, 0.25] },
  { code: 3, name: 'Green idealists', share: 0.2, means: [-0.3, 0.4, 1.5, -0.4, -0.6, 0.2], female: 0.64, ageMean: 38, ageSd: 12, income: [0.15, 0.3, 0.33, 0.22], education: [0.06, 0.2, 0.24, 0.5], spendMedian: 290, spendSigma: 0.45, frequency: [0.03, 0.15, 0.37, 0.3, 0.15], region: [0.34, 0.18, 0.24, 0.24] },
  { code: 4, name: 'Tech enthusiasts', share: 0.15, means: [-0.4, 0.2, -0.4, 1.6, 0.7, 0.6], female: 0.34, ageMean: 32, ageSd: 10, income: [0.12, 0.26, 0.32, 0.3], education: [0.08, 0.25, 0.22, 0.45], spendMedian: 380, spendSigma: 0.55, frequency: [0.02, 0.08, 0.25, 0.35, 0.3], region: [0.2, 0.22, 0.3, 0.28] },
  { code: 5, name: 'Convenience seekers', share: 0.1, means: [0.3, -0.4, -0.8, 0.2, 1.5, 1.1], female: 0.47, ageMean: 34, ageSd: 11, income: [0.22, 0.36, 0.27, 0.15], education: [0.15, 0.35, 0.3, 0.2], spendMedian: 260, spendSigma: 0.5, frequency: [0.01, 0.05, 0.2, 0.34, 0.4], region: [0.2, 0.25, 0.25, 0.3] },
];

export const GENDER_LABELS = ['Female', 'Male', 'Diverse'];
export const AGE_GROUP_LABELS = ['18-29', '30-44', '45-59', '60+'];
export const REGION_LABELS = ['North', 'East', 'South', 'West'];
export const INCOME_LABELS = ['Under 1,500 EUR', '1,500-2,999 EUR', '3,000-4,499 EUR', '4,500 EUR or more'];
export const EDUCATION_LABELS = ['Lower secondary', 'Upper secondary', 'Vocational training', 'University degree'];
export const FREQUENCY_LABELS = ['Never', 'Less than monthly', 'Monthly', 'Several times a month', 'Weekly'];

/** Population margins the survey weight is raked to (age group × gender). */
export const POPULATION_AGE = [0.2, 0.26, 0.27, 0.27];
export const POPULATION_GENDER = [0.505, 0.485, 0.01];

/** Data-quality problems planted in the sample (counts). */
export const STRAIGHT_LINERS = 30;
export const SPEEDERS = 45;
export const HEAVY_MISSING = 8;
export const ITEM_MISSING_RATE = 0.015;
export const MEDIAN_DURATION = 720;
