/**
 * Likert answers written as text ("Strongly agree") become ordered codes 1..k with the text kept
 * as value labels. The codes are fixed by the scale, not by what a column happens to use: a column
 * whose answers all belong to one known scale is coded on the FULL scale (an unused category keeps
 * its code and gets the scale's own spelling as label), so two files or two waves with the same
 * scale get the same codes. Matching ignores case, repeated spaces, curly apostrophes and a final
 * full stop; labels are kept exactly as the file writes them (the most frequent spelling wins).
 *
 * Which scale, when a column fits several (a column answered only "Agree"/"Disagree" fits the 3-,
 * 4-, 5- and 7-point agreement scales): every column votes for the most specific scale it fits
 * (the shortest), and a column takes the fitting scale with the most votes in the file, then the
 * shortest, then the earliest in LIKERT_SCALES. A 5-point battery thus keeps its sparse items on
 * the 5-point scale, and a 7-point item beside it stays on the 7-point scale.
 *
 * The user overrides an order with recodeTextOrder (also for nominal text columns).
 */
import { InputError } from '../errors';
import type { Column, ValueLabel } from './dataset';

export type LikertScale = { id: string; title: string; categories: readonly (readonly string[])[] };

const NEUTRAL_AGREE = ['Neither agree nor disagree', 'Neither agree or disagree', 'Neither disagree nor agree', 'Neutral', 'Neither'];

/** Each category: its canonical label first, then accepted spellings. Order = code order 1..k. */
export const LIKERT_SCALES: readonly LikertScale[] = [
  { id: 'agree-5', title: '5-point agreement', categories: [['Strongly disagree'], ['Disagree'], NEUTRAL_AGREE, ['Agree'], ['Strongly agree']] },
  {
    id: 'agree-7',
    title: '7-point agreement',
    categories: [['Strongly disagree'], ['Disagree'], ['Somewhat disagree', 'Slightly disagree'], NEUTRAL_AGREE, ['Somewhat agree', 'Slightly agree'], ['Agree'], ['Strongly agree']],
  },
  { id: 'agree-3', title: '3-point agreement', categories: [['Disagree'], NEUTRAL_AGREE, ['Agree']] },
  { id: 'agree-4', title: '4-point agreement', categories: [['Strongly disagree'], ['Disagree'], ['Agree'], ['Strongly agree']] },
  {
    id: 'satisfied-5',
    title: '5-point satisfaction',
    categories: [['Very dissatisfied'], ['Dissatisfied'], ['Neither satisfied nor dissatisfied', 'Neither dissatisfied nor satisfied', 'Neutral'], ['Satisfied'], ['Very satisfied']],
  },
  {
    id: 'satisfied-7',
    title: '7-point satisfaction',
    categories: [['Very dissatisfied'], ['Dissatisfied'], ['Somewhat dissatisfied', 'Slightly dissatisfied'], ['Neither satisfied nor dissatisfied', 'Neutral'], ['Somewhat satisfied', 'Slightly satisfied'], ['Satisfied'], ['Very satisfied']],
  },
  { id: 'frequency-5', title: '5-point frequency', categories: [['Never'], ['Rarely'], ['Sometimes'], ['Often'], ['Always']] },
  {
    id: 'likely-5',
    title: '5-point likelihood',
    categories: [['Very unlikely'], ['Unlikely'], ['Neither likely nor unlikely', 'Neither unlikely nor likely', 'Neutral'], ['Likely'], ['Very likely']],
  },
  {
    id: 'important-5',
    title: '5-point importance',
    categories: [['Not at all important'], ['Slightly important'], ['Moderately important'], ['Very important'], ['Extremely important']],
  },
];

export function normalizeAnswer(text: string): string {
  return text.trim().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
}

const SCALE_CODES: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(
  LIKERT_SCALES.map((scale) => {
    const codes = new Map<string, number>();
    scale.categories.forEach((spellings, index) => spellings.forEach((s) => codes.set(normalizeAnswer(s), index + 1)));
    return [scale.id, codes];
  }),
);

/** The scales (ids) that contain every one of these answers; none for an empty set. */
export function fittingScales(answers: readonly string[]): string[] {
  if (answers.length === 0) return [];
  const normalized = answers.map(normalizeAnswer);
  return LIKERT_SCALES.filter((s) => normalized.every((a) => SCALE_CODES.get(s.id)!.has(a))).map((s) => s.id);
}

/** For each column's distinct answers: the chosen scale id (see header) or null. */
export function chooseScales(columns: readonly (readonly string[])[]): (string | null)[] {
  const fits = columns.map(fittingScales);
  const votes = new Map<string, number>();
  for (const list of fits) {
    const specific = mostSpecific(list);
    if (specific !== null) votes.set(specific, (votes.get(specific) ?? 0) + 1);
  }
  const rank = (id: string): [number, number, number] => {
    const index = LIKERT_SCALES.findIndex((s) => s.id === id);
    return [-(votes.get(id) ?? 0), LIKERT_SCALES[index]!.categories.length, index];
  };
  return fits.map((list) => {
    if (list.length === 0) return null;
    return [...list].sort((a, b) => compareTuples(rank(a), rank(b)))[0]!;
  });
}

/** The shortest scale of a list (earliest in LIKERT_SCALES on a tie), or null. */
function mostSpecific(ids: readonly string[]): string | null {
  let best: LikertScale | null = null;
  for (const id of ids) {
    const scale = LIKERT_SCALES.find((s) => s.id === id)!;
    if (best === null || scale.categories.length < best.categories.length) best = scale;
  }
  return best?.id ?? null;
}

function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export function scaleById(id: string): LikertScale {
  const scale = LIKERT_SCALES.find((s) => s.id === id);
  if (scale === undefined) throw new InputError('option-invalid', `Unknown answer scale '${id}'. Known scales: ${LIKERT_SCALES.map((s) => s.id).join(', ')}.`);
  return scale;
}

/** Code (1..k) of an answer on a scale, or undefined. */
export function scaleCode(scaleId: string, answer: string): number | undefined {
  return SCALE_CODES.get(scaleId)?.get(normalizeAnswer(answer));
}

/**
 * Value labels for a scale: each category labelled with the spelling the file uses most
 * (`counts` maps an answer as written to its frequency), or the canonical label if unused.
 */
export function scaleValueLabels(scaleId: string, counts: ReadonlyMap<string, number>): ValueLabel[] {
  const scale = scaleById(scaleId);
  const best = new Map<number, { label: string; count: number }>();
  for (const [answer, count] of counts) {
    const code = scaleCode(scaleId, answer)!;
    const current = best.get(code);
    if (current === undefined || count > current.count) best.set(code, { label: answer, count });
  }
  return scale.categories.map((spellings, index) => ({ code: index + 1, label: best.get(index + 1)?.label ?? spellings[0]! }));
}

/**
 * User override of a text column's category order: codes become 1..k in `orderedLabels` order and
 * the labels become exactly `orderedLabels`. Works on a text-coded column (value labels) and on a
 * text column. Matching is case/space-insensitive; every answer present in the column must be
 * listed (InputError names those missing); listed labels nobody chose keep their code.
 */
export function recodeTextOrder(column: Column, orderedLabels: readonly string[]): Column {
  const normalized = orderedLabels.map(normalizeAnswer);
  const seen = new Set<string>();
  for (const [i, key] of normalized.entries()) {
    if (seen.has(key)) throw new InputError('option-invalid', `The order for '${column.name}' lists '${orderedLabels[i]}' twice; give each category once.`, { column: column.name });
    seen.add(key);
  }
  const codeOf = (answer: string): number => {
    const index = normalized.indexOf(normalizeAnswer(answer));
    return index < 0 ? -1 : index + 1;
  };
  const answers = currentAnswers(column);
  const unknown = answers.filter((a) => codeOf(a) < 0);
  if (unknown.length > 0) {
    throw new InputError(
      'option-invalid',
      `The new order for column '${column.name}' leaves out ${unknown.map((u) => `'${u}'`).join(', ')}; list every answer that occurs (${answers.join(', ')}).`,
      { column: column.name },
    );
  }
  const rows = column.values?.length ?? column.text?.length ?? 0;
  const values = new Float64Array(rows);
  const labelOfCode = new Map(column.valueLabels.map((v) => [v.code, v.label]));
  for (let i = 0; i < rows; i++) {
    const answer = column.values !== null ? labelOfCode.get(column.values[i]!) : column.text?.[i] ?? undefined;
    values[i] = answer === undefined || answer === null ? (column.values?.[i] ?? NaN) : codeOf(answer);
  }
  return {
    ...column,
    measurement: 'ordinal',
    valueLabels: orderedLabels.map((label, index) => ({ code: index + 1, label })),
    values,
    text: null,
  };
}

/** Distinct answers a text-derived column actually holds. */
function currentAnswers(column: Column): string[] {
  const out = new Set<string>();
  if (column.values !== null) {
    const labelOfCode = new Map(column.valueLabels.map((v) => [v.code, v.label]));
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      const label = labelOfCode.get(v);
      if (label === undefined) {
        throw new InputError('column-type', `Column '${column.name}' holds the unlabelled code ${v}; only text answers (or labelled codes) can be reordered.`, { column: column.name });
      }
      out.add(label);
    }
  } else for (const t of column.text ?? []) if (t !== null && t !== '') out.add(t);
  return [...out];
}
