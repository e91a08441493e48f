/**
 * Measurement inference for columns read from a table (CSV/TSV/XLSX), where the file says nothing
 * about levels. The rules, in order (a researcher changes any of them in the codebook):
 *
 * - id: the name looks like an identifier (id, resp_id, respondent, serial, uuid, …_id), the values
 *   are integers or text, and at least 90 % of the answered values are distinct (a few duplicates
 *   are a data problem the quality screen flags, not a reason to treat ids as measurements).
 * - Text answers on a known Likert scale → ordinal, codes from the scale (see likert.ts).
 * - Numbers, all integers, at most 30 codes, named like a category without order (gender, sex,
 *   region, country, city, occupation, party, religion, marital, brand, segment…) → nominal.
 * - Numbers, all integers, 3–11 distinct codes spanning at most 10 → ordinal (1–5, 1–7, 0–10).
 * - Numbers, all integers, ≤ 2 distinct codes → nominal (yes/no, two groups).
 * - Other numbers → continuous.
 * - Other text with at most 30 distinct answers of at most 100 characters, and no more than half
 *   as many distinct answers as answers (at least 2 allowed) → nominal, coded 1..k in natural order of the labels (numbers inside
 *   labels compare as numbers: "18-24" < "25-34" < "65+"); the text becomes value labels.
 * - Other text → text (free answers), kept as strings.
 */
import { notice, type Notice } from '../../notices';
import { EMPTY_MISSING, type Column, type Measurement, type ValueLabel } from '../dataset';
import { chooseScales, scaleById, scaleCode, scaleValueLabels } from '../likert';
import type { RawColumn } from './column-builder';
import { addNumericStats, emptyNumericStats, numericSummary, type NumericStats } from './numeric-stats';

export const ID_NAME = /^(id|uid|uuid|guid|serial|record|respondent|respid|caseid|case|panelist)$|(^|[_.\s-])(id|uuid|serial|respid)$|^(resp|respondent|case|record|panel|panelist|participant|user|interview)[_.\s-]?(id|no|nr|number|num)$/i;

const ID_DISTINCT_SHARE = 0.9;

/** Categories without an order, whatever their codes: gender 1/2/3 is not a scale. */
export const NOMINAL_NAME = /(^|[_.\s-])(gender|sex|region|country|state|province|city|town|occupation|job|industry|party|ethnicity|race|religion|marital|brand|channel|store|segment|cluster)($|[_.\s-])/i;

/**
 * Whether `name` contains one of `hints` (lower-case ASCII words) in either case. The name
 * patterns here and in roles.ts are case-insensitive alternations that V8 takes about 1 ms each to
 * compile on first use; every name a pattern matches contains one of its hints, so testing them
 * first spares that cost to a file whose names have none (A1…O5, q1_3).
 */
export function hasNameHint(name: string, hints: readonly string[]): boolean {
  const lower = name.toLowerCase();
  for (const hint of hints) if (lower.includes(hint)) return true;
  return false;
}

/** One of these is in every name ID_NAME matches. */
export const ID_HINTS = ['id', 'no', 'nr', 'num', 'serial', 'record', 'respondent', 'case', 'panelist'];
/** The words NOMINAL_NAME looks for. */
export const NOMINAL_HINTS = ['gender', 'sex', 'region', 'country', 'state', 'province', 'city', 'town', 'occupation', 'job', 'industry', 'party', 'ethnicity', 'race', 'religion', 'marital', 'brand', 'channel', 'store', 'segment', 'cluster'];

export function looksLikeIdName(name: string): boolean {
  return hasNameHint(name, ID_HINTS) && ID_NAME.test(name.trim());
}

function looksLikeNominalName(name: string): boolean {
  return hasNameHint(name, NOMINAL_HINTS) && NOMINAL_NAME.test(name.trim());
}

export function inferColumns(names: readonly string[], raws: readonly RawColumn[]): { columns: Column[]; notices: Notice[] } {
  const answerSets = raws.map((raw) => (raw.kind === 'text' ? usedAnswers(raw) : []));
  const scales = chooseScales(answerSets);
  const columns: Column[] = [];
  const mapped = new Map<string, string[]>();
  const empty: string[] = [];
  const codedColumns: string[] = [];
  raws.forEach((raw, j) => {
    const name = names[j]!;
    const scale = scales[j] ?? null;
    if (raw.kind === 'numeric') {
      const { column, answered } = numericColumn(name, raw.values, raw.stats);
      if (answered === 0) empty.push(name);
      columns.push(column);
      return;
    }
    const coded = codedLabelColumn(name, raw);
    if (coded !== null) {
      columns.push(coded);
      codedColumns.push(name);
    } else if (scale !== null) {
      columns.push(likertColumn(name, raw, scale));
      mapped.set(scale, [...(mapped.get(scale) ?? []), name]);
    } else columns.push(textColumn(name, raw));
  });
  const notices: Notice[] = [];
  for (const [scaleId, subjects] of mapped) {
    const scale = scaleById(scaleId);
    const labels = columns.find((c) => c.name === subjects[0])!.valueLabels;
    notices.push(
      notice(
        'likert-text-mapped',
        'info',
        `${subjects.length} column${subjects.length === 1 ? '' : 's'} answered as text on the ${scale.title} scale ${subjects.length === 1 ? 'was' : 'were'} coded ${labels.map((l) => `${l.label}=${l.code}`).join(', ')}; change the order in the codebook if it is wrong.`,
        subjects,
      ),
    );
  }
  if (codedColumns.length > 0) {
    notices.push(
      notice('info', 'info', `${codedColumns.length === 1 ? 'Column' : 'Columns'} ${codedColumns.join(', ')} ${codedColumns.length === 1 ? 'was' : 'were'} answered as codes with labels ("1 = Strongly disagree"); the codes are the values and the labels became value labels.`, codedColumns),
    );
  }
  if (empty.length > 0) notices.push(notice('empty-item', 'warning', `Column${empty.length === 1 ? '' : 's'} ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no answers at all.`, empty));
  return { columns, notices };
}

function baseColumn(name: string, measurement: Measurement): Column {
  return { name, label: name, measurement, valueLabels: [], missing: { ...EMPTY_MISSING, codes: [], strings: [] }, values: null, text: null, reversed: false };
}

/** Measurement of a numeric column from its stats (numeric-stats.ts; gathered now if not given). */
function numericColumn(name: string, values: Float64Array, known: NumericStats | undefined): { column: Column; answered: number } {
  let stats = known;
  if (stats === undefined) {
    stats = emptyNumericStats();
    addNumericStats(stats, values, 0, values.length);
  }
  const { answered: n, integers, min, max, distinct: distinctSize } = numericSummary(stats, values.length);
  let seen: Set<number> | null = null;
  if (looksLikeIdName(name)) {
    seen = new Set<number>();
    for (let i = 0; i < values.length; i++) if (values[i] === values[i]) seen.add(values[i]!);
  }
  let measurement: Measurement = 'continuous';
  if (seen !== null && integers && n > 0 && seen.size >= ID_DISTINCT_SHARE * n) measurement = 'id';
  else if (n > 0 && integers && distinctSize <= 30 && looksLikeNominalName(name)) measurement = 'nominal';
  else if (n > 0 && integers && distinctSize >= 3 && distinctSize <= 11 && max - min <= 10) measurement = 'ordinal';
  else if (n > 0 && integers && distinctSize <= 2) measurement = 'nominal';
  return { column: { ...baseColumn(name, measurement), values }, answered: n };
}

function usedAnswers(raw: Extract<RawColumn, { kind: 'text' }>): string[] {
  const used = new Uint8Array(raw.dictionary.length);
  for (const c of raw.codes) if (c >= 0) used[c] = 1;
  return raw.dictionary.filter((_, k) => used[k] === 1);
}

function answerCounts(raw: Extract<RawColumn, { kind: 'text' }>): number[] {
  const counts = new Array<number>(raw.dictionary.length).fill(0);
  for (const c of raw.codes) if (c >= 0) counts[c]!++;
  return counts;
}

/** "5", "5 = Strongly agree", "5: Agree", "5 - Agree", "5. Agree", "5) Agree"; a label has a letter ("18-24" is not one). */
const CODED_ANSWER = /^([+-]?\d{1,6})(?:\s*(?:=|:|-|–|\.|\))\s*(\S*\p{L}.*))?$/u;

/**
 * Answers exported as "code = label" (often only the end points labelled, the middle codes bare):
 * the codes are the values, the labels value labels, and the measurement follows the numeric
 * rules. Null unless every answer has that form, at least one carries a label, and no code has
 * two different labels.
 */
function codedLabelColumn(name: string, raw: Extract<RawColumn, { kind: 'text' }>): Column | null {
  const counts = answerCounts(raw);
  const codeOfEntry: number[] = [];
  const labels = new Map<number, string>();
  for (let k = 0; k < raw.dictionary.length; k++) {
    const match = CODED_ANSWER.exec(raw.dictionary[k]!.trim());
    if (match === null) {
      if (counts[k]! > 0) return null;
      codeOfEntry.push(NaN);
      continue;
    }
    const code = Number(match[1]);
    codeOfEntry.push(code);
    const label = match[2]?.trim();
    if (label === undefined || counts[k] === 0) continue;
    const known = labels.get(code);
    if (known !== undefined && known !== label) return null;
    labels.set(code, label);
  }
  if (labels.size === 0) return null;
  const { column } = numericColumn(name, decode(raw.codes, codeOfEntry), undefined);
  const valueLabels: ValueLabel[] = [...labels].sort((a, b) => a[0] - b[0]).map(([code, label]) => ({ code, label }));
  return { ...column, valueLabels };
}

function likertColumn(name: string, raw: Extract<RawColumn, { kind: 'text' }>, scaleId: string): Column {
  const counts = answerCounts(raw);
  const byAnswer = new Map<string, number>();
  raw.dictionary.forEach((answer, k) => {
    if (counts[k]! > 0) byAnswer.set(answer, counts[k]!);
  });
  const codeOfEntry = raw.dictionary.map((answer) => scaleCode(scaleId, answer) ?? NaN);
  return { ...baseColumn(name, 'ordinal'), valueLabels: scaleValueLabels(scaleId, byAnswer), values: decode(raw.codes, codeOfEntry) };
}

function textColumn(name: string, raw: Extract<RawColumn, { kind: 'text' }>): Column {
  const counts = answerCounts(raw);
  const used = raw.dictionary.filter((_, k) => counts[k]! > 0);
  const answered = counts.reduce((a, b) => a + b, 0);
  if (looksLikeIdName(name) && answered > 0 && used.length >= ID_DISTINCT_SHARE * answered) {
    return { ...baseColumn(name, 'id'), text: texts(raw) };
  }
  if (used.length <= 30 && used.length <= Math.max(2, answered / 2) && used.every((a) => a.length <= 100)) {
    const order = [...used].sort(naturalCompare);
    const codeOf = new Map(order.map((label, index) => [label, index + 1]));
    const codeOfEntry = raw.dictionary.map((answer) => codeOf.get(answer) ?? NaN);
    const valueLabels: ValueLabel[] = order.map((label, index) => ({ code: index + 1, label }));
    return { ...baseColumn(name, 'nominal'), valueLabels, values: decode(raw.codes, codeOfEntry) };
  }
  return { ...baseColumn(name, 'text'), text: texts(raw) };
}

/** Dictionary codes → numeric codes (-1 → NaN). A plain loop: Float64Array.from(fn) is slow. */
function decode(codes: Int32Array, codeOfEntry: readonly number[]): Float64Array {
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    out[i] = c < 0 ? NaN : codeOfEntry[c]!;
  }
  return out;
}

function texts(raw: Extract<RawColumn, { kind: 'text' }>): (string | null)[] {
  const out = new Array<string | null>(raw.codes.length);
  for (let i = 0; i < raw.codes.length; i++) {
    const c = raw.codes[i]!;
    out[i] = c < 0 ? null : raw.dictionary[c]!;
  }
  return out;
}

/** Natural order: digit runs compare as numbers, the rest case-insensitively, then exactly. */
export function naturalCompare(a: string, b: string): number {
  const ta = a.toLowerCase().match(/\d+(?:\.\d+)?|\D+/g) ?? [];
  const tb = b.toLowerCase().match(/\d+(?:\.\d+)?|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    const nx = Number(x);
    const ny = Number(y);
    const bothNumbers = /^\d/.test(x) && /^\d/.test(y);
    if (bothNumbers && nx !== ny) return nx - ny;
    if (!bothNumbers && x !== y) return x < y ? -1 : 1;
  }
  if (ta.length !== tb.length) return ta.length - tb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
