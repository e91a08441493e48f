/**
 * Data-quality screen of a survey: flags respondents, never drops anyone (exclusion is the
 * researcher's recorded decision). Four checks, each with its reason on the respondent:
 *
 * - 'straight-line' (longstring, as careful::longstring): the longest run of identical answers
 *   over the battery in its order, missing answers skipped (they neither break nor extend a run;
 *   answers are the raw codes, before reverse-coding, since a straight-liner ticks one box).
 *   Flagged when the run reaches min(straightLineMin, answered items) and at least half the
 *   battery (and 3 items) is answered. Default straightLineMin = battery length: every answered
 *   item has the same answer.
 * - 'missing': share of battery items unanswered > maxMissingShare (default 0.25: more than a
 *   quarter of the battery missing leaves too little to classify the respondent reliably).
 * - 'speeder': duration < speederShare × median duration (default 0.5). Relative to the median so
 *   it adapts to the questionnaire's length; half the median is the common rule of thumb (faster
 *   than anyone reading the items could answer) and spares merely quick readers. Missing or
 *   non-positive durations are not flagged; the median is over respondents with a duration.
 * - 'duplicate-id': every respondent whose id occurs more than once.
 *
 * Respondents are numbered by `row`, 1-based in file order (data rows after the header).
 */
import { InputError } from '../errors';
import { notice, type Notice } from '../notices';
import { findColumn, isMissingValue, isUserMissing, numericValues, type Column, type Dataset } from './dataset';
import { chooseScales, normalizeAnswer } from './likert';

export type QualityReason = 'straight-line' | 'missing' | 'speeder' | 'duplicate-id';

export type QualityOptions = {
  battery: string[];
  durationColumn?: string | null;
  idColumn?: string | null;
  maxMissingShare?: number;
  speederShare?: number;
  straightLineMin?: number;
};

export type QualityParams = {
  battery: string[];
  durationColumn: string | null;
  idColumn: string | null;
  maxMissingShare: number;
  speederShare: number;
  straightLineMin: number;
};

export type RespondentFlag = { row: number; id: string | null; reasons: QualityReason[]; details: string[] };

export type QualityReport = {
  kind: 'quality';
  schemaVersion: 1;
  params: QualityParams;
  rows: number;
  /** Flagged respondents only, in row order. */
  flagged: RespondentFlag[];
  counts: Record<QualityReason, number> & { flagged: number };
  medianDuration: number | null;
  /** Per respondent (row order): longest run of identical answers, share of battery missing. */
  longestRun: Int32Array;
  missingShare: Float64Array;
  notices: Notice[];
};

export const QUALITY_DEFAULTS = { maxMissingShare: 0.25, speederShare: 0.5 } as const;

export function screenQuality(dataset: Dataset, options: QualityOptions): QualityReport {
  const params = resolveQualityParams(dataset, options);
  const { rows } = dataset;
  // Sparse: most respondents are never flagged, so their entries stay undefined.
  const reasons: (QualityReason[] | undefined)[] = new Array(rows);
  const details: (string[] | undefined)[] = new Array(rows);
  const flag = (i: number, reason: QualityReason, detail: string) => {
    (reasons[i] ??= []).push(reason);
    (details[i] ??= []).push(detail);
  };
  const items = params.battery.map((name) => rawAnswers(requireColumn(dataset, name), rows));
  const p = items.length;
  const longestRun = new Int32Array(rows);
  const missingShare = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let answered = 0;
    let run = 0;
    let best = 0;
    let previous = NaN;
    let bestValue = NaN;
    for (let j = 0; j < p; j++) {
      const v = items[j]![i]!;
      if (Number.isNaN(v)) continue;
      answered++;
      run = v === previous ? run + 1 : 1;
      previous = v;
      if (run > best) {
        best = run;
        bestValue = v;
      }
    }
    longestRun[i] = best;
    missingShare[i] = p === 0 ? 0 : (p - answered) / p;
    if (p > 0 && answered >= Math.max(3, p / 2) && best >= Math.min(params.straightLineMin, answered)) {
      flag(i, 'straight-line', `same answer ${bestValue} on ${best} of ${answered} answered battery items in a row`);
    }
    if (missingShare[i]! > params.maxMissingShare) {
      flag(i, 'missing', `${p - answered} of ${p} battery items unanswered (${Math.round(missingShare[i]! * 100)}%)`);
    }
  }
  const medianDuration = params.durationColumn === null ? null : screenSpeeders(dataset, params, flag);
  const idColumn = params.idColumn === null ? null : requireColumn(dataset, params.idColumn);
  if (idColumn !== null) screenDuplicates(idColumn, rows, flag);
  const idOf = (i: number) => (idColumn === null ? null : idString(idColumn, i));

  const flagged: RespondentFlag[] = [];
  const counts = { 'straight-line': 0, missing: 0, speeder: 0, 'duplicate-id': 0, flagged: 0 };
  for (let i = 0; i < rows; i++) {
    const why = reasons[i];
    if (why === undefined) continue;
    flagged.push({ row: i + 1, id: idOf(i), reasons: why, details: details[i]! });
    for (const r of why) counts[r]++;
    counts.flagged++;
  }
  const notices: Notice[] = [];
  if (counts.flagged > 0) {
    notices.push(
      notice(
        'quality-flag',
        'info',
        `${counts.flagged} of ${rows} respondents flagged: ${counts['straight-line']} straight-lining, ${counts.missing} with many missing answers, ${counts.speeder} speeding, ${counts['duplicate-id']} with a duplicate id. Nobody is excluded unless you choose to.`,
      ),
    );
  }
  return { kind: 'quality', schemaVersion: 1, params, rows, flagged, counts, medianDuration, longestRun, missingShare, notices };
}

export function resolveQualityParams(dataset: Dataset, options: QualityOptions): QualityParams {
  const maxMissingShare = options.maxMissingShare ?? QUALITY_DEFAULTS.maxMissingShare;
  const speederShare = options.speederShare ?? QUALITY_DEFAULTS.speederShare;
  const straightLineMin = options.straightLineMin ?? Math.max(2, options.battery.length);
  if (!(maxMissingShare >= 0 && maxMissingShare <= 1)) throw new InputError('option-invalid', `The missing-answer threshold must be a share between 0 and 1; got ${maxMissingShare}.`);
  if (!(speederShare > 0 && speederShare <= 1)) throw new InputError('option-invalid', `The speeder threshold must be a share of the median between 0 and 1; got ${speederShare}.`);
  if (!Number.isInteger(straightLineMin) || straightLineMin < 2) throw new InputError('option-invalid', `The straight-lining run length must be a whole number of at least 2; got ${straightLineMin}.`);
  for (const name of options.battery) {
    if (requireColumn(dataset, name).values === null) {
      throw new InputError('column-type', `Battery item '${name}' holds free text, not answer codes; leave it out of the battery or recode it in the codebook.`, { file: dataset.source.file, column: name });
    }
  }
  const durationColumn = options.durationColumn ?? null;
  if (durationColumn !== null && requireColumn(dataset, durationColumn).values === null) {
    throw new InputError('column-type', `The duration column '${durationColumn}' holds text; choose a column of interview times in seconds or minutes.`, { file: dataset.source.file, column: durationColumn });
  }
  const idColumn = options.idColumn === undefined ? dataset.id : options.idColumn;
  if (idColumn !== null) requireColumn(dataset, idColumn);
  return { battery: [...options.battery], durationColumn, idColumn, maxMissingShare, speederShare, straightLineMin };
}

function screenSpeeders(dataset: Dataset, params: QualityParams, flag: (i: number, r: QualityReason, d: string) => void): number | null {
  const durations = numericValues(requireColumn(dataset, params.durationColumn!), dataset.rows);
  const valid = durations.filter((d) => d > 0).sort();
  if (valid.length === 0) return null;
  const mid = valid.length >> 1;
  const median = valid.length % 2 === 1 ? valid[mid]! : (valid[mid - 1]! + valid[mid]!) / 2;
  const limit = params.speederShare * median;
  for (let i = 0; i < durations.length; i++) {
    const d = durations[i]!;
    if (d > 0 && d < limit) flag(i, 'speeder', `duration ${d} is below ${params.speederShare} × the median ${median}`);
  }
  return median;
}

function screenDuplicates(column: Column, rows: number, flag: (i: number, r: QualityReason, d: string) => void): void {
  // Group rows by id: sort row indices by id (numbers numerically, text as strings), then runs
  // of equal ids are the duplicates. O(n log n) and no per-row string for numeric ids.
  const key = (i: number): number | string => (column.values !== null ? column.values[i]! : column.text![i]!);
  const order: number[] = [];
  for (let i = 0; i < rows; i++) if (!isMissingValue(column, i)) order.push(i);
  order.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && key(order[end]!) === key(order[start]!)) end++;
    if (end - start > 1) {
      const group = order.slice(start, end);
      const detail = `id ${idString(column, group[0]!)} is shared by rows ${group.map((r) => r + 1).join(', ')}`;
      for (const i of group) flag(i, 'duplicate-id', detail);
    }
    start = end;
  }
}

/** Raw codes with missing as NaN, not reverse-coded; no copy when there are no user-missing codes. */
function rawAnswers(column: Column, rows: number): Float64Array {
  const { codes, range } = column.missing;
  if (column.values !== null && codes.length === 0 && range === null) return column.values;
  return numericValues({ ...column, reversed: false }, rows);
}

function idString(column: Column, i: number): string | null {
  if (isMissingValue(column, i)) return null;
  if (column.values === null) return column.text![i]!;
  const v = column.values[i]!;
  return column.valueLabels.find((l) => l.code === v)?.label ?? String(v);
}

function requireColumn(dataset: Dataset, name: string): Column {
  const column = findColumn(dataset, name);
  if (column === undefined) {
    throw new InputError('column-unknown', `Column '${name}' is not in ${dataset.source.file}; check the battery and column names.`, { file: dataset.source.file, column: name });
  }
  return column;
}

/**
 * The default battery: the largest group of ordinal columns that share one answer scale, in file
 * order; ties go to the group that starts first. The scale of a labelled column is the Likert
 * scale its labels belong to (likert.ts), else its exact label list; an unlabelled column (whose items rarely all use every code) takes the standard
 * scale its observed codes fit: 1–5, 1–7 or 1–10 (0–… when a 0 or negative code occurs). Fewer than 3 such columns → no battery ([]). The id and weight
 * columns never belong to it.
 */
export function detectBattery(dataset: Dataset): string[] {
  const groups = new Map<string, string[]>();
  for (const column of dataset.columns) {
    if (column.measurement !== 'ordinal' || column.values === null) continue;
    if (column.name === dataset.id || column.name === dataset.weight) continue;
    const key = scaleKey(column);
    groups.set(key, [...(groups.get(key) ?? []), column.name]);
  }
  let best: string[] = [];
  for (const names of groups.values()) if (names.length > best.length) best = names;
  return best.length >= 3 ? best : [];
}

function scaleKey(column: Column): string {
  if (column.valueLabels.length > 0) {
    const labels = column.valueLabels.filter((v) => !isUserMissing(column.missing, v.code)).map((v) => v.label);
    const scale = chooseScales([labels])[0];
    return scale !== null && scale !== undefined ? `scale ${scale}` : `labels ${labels.map(normalizeAnswer).join('|')}`;
  }
  let low = Infinity;
  let high = -Infinity;
  for (const v of column.values!) {
    if (Number.isNaN(v) || isUserMissing(column.missing, v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  // Unlabelled items rarely all use every code: group them by the standard scale they fit.
  const top = high <= 5 ? 5 : high <= 7 ? 7 : high <= 10 ? 10 : high;
  return `codes ${low <= 0 ? low : 1}..${top}`;
}

/** The duration column by name (duration, interview_time, loi, time_taken, seconds…), or null. */
export function detectDurationColumn(dataset: Dataset): string | null {
  const pattern = /^(duration|interview[_\s-]?(duration|time|length|secs?|seconds)|loi|length[_\s-]?of[_\s-]?interview|time[_\s-]?taken|completion[_\s-]?time|duration[_\s-]?(s|sec|secs|seconds|min|mins|minutes|in[_\s-]?seconds))$/i;
  return dataset.columns.find((c) => c.values !== null && pattern.test(c.name.trim()))?.name ?? null;
}
