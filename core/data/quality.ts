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
import { findColumn, isMissingValue, numericValues, type Column, type Dataset } from './dataset';

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
  const reasons: QualityReason[][] = Array.from({ length: rows }, () => []);
  const details: string[][] = Array.from({ length: rows }, () => []);
  const flag = (i: number, reason: QualityReason, detail: string) => {
    reasons[i]!.push(reason);
    details[i]!.push(detail);
  };
  const items = params.battery.map((name) => {
    const column = requireColumn(dataset, name);
    return numericValues({ ...column, reversed: false }, rows);
  });
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
  const ids = params.idColumn === null ? null : idStrings(requireColumn(dataset, params.idColumn), rows);
  if (ids !== null) screenDuplicates(ids, flag);

  const flagged: RespondentFlag[] = [];
  const counts = { 'straight-line': 0, missing: 0, speeder: 0, 'duplicate-id': 0, flagged: 0 };
  for (let i = 0; i < rows; i++) {
    if (reasons[i]!.length === 0) continue;
    flagged.push({ row: i + 1, id: ids?.[i] ?? null, reasons: reasons[i]!, details: details[i]! });
    for (const r of reasons[i]!) counts[r]++;
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
  for (const name of options.battery) requireColumn(dataset, name);
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
  const valid = Array.from(durations).filter((d) => d > 0).sort((a, b) => a - b);
  if (valid.length === 0) return null;
  const mid = valid.length >> 1;
  const median = valid.length % 2 === 1 ? valid[mid]! : (valid[mid - 1]! + valid[mid]!) / 2;
  const limit = params.speederShare * median;
  durations.forEach((d, i) => {
    if (d > 0 && d < limit) flag(i, 'speeder', `duration ${d} is below ${params.speederShare} × the median ${median}`);
  });
  return median;
}

function screenDuplicates(ids: (string | null)[], flag: (i: number, r: QualityReason, d: string) => void): void {
  const rowsOf = new Map<string, number[]>();
  ids.forEach((id, i) => {
    if (id === null) return;
    const list = rowsOf.get(id);
    if (list === undefined) rowsOf.set(id, [i]);
    else list.push(i);
  });
  for (const [id, list] of rowsOf) {
    if (list.length < 2) continue;
    for (const i of list) flag(i, 'duplicate-id', `id ${id} is shared by rows ${list.map((r) => r + 1).join(', ')}`);
  }
}

function idStrings(column: Column, rows: number): (string | null)[] {
  const labels = new Map(column.valueLabels.map((v) => [v.code, v.label]));
  return Array.from({ length: rows }, (_, i) => {
    if (isMissingValue(column, i)) return null;
    if (column.values !== null) return labels.get(column.values[i]!) ?? String(column.values[i]);
    return column.text![i]!;
  });
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
 * order; ties go to the group that starts first. The scale of a labelled column is its labels'
 * code range; an unlabelled column (whose items rarely all use every code) takes the standard
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
  let low = Infinity;
  let high = -Infinity;
  const labelled = column.valueLabels.length > 0;
  const codes = labelled ? column.valueLabels.map((v) => v.code) : Array.from(column.values!);
  for (const v of codes) {
    if (Number.isNaN(v) || column.missing.codes.includes(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (labelled) return `labels ${low}..${high}`;
  // Unlabelled items rarely all use every code: group them by the standard scale they fit.
  const top = high <= 5 ? 5 : high <= 7 ? 7 : high <= 10 ? 10 : high;
  return `codes ${low <= 0 ? low : 1}..${top}`;
}

/** The duration column by name (duration, interview_time, loi, time_taken, seconds…), or null. */
export function detectDurationColumn(dataset: Dataset): string | null {
  const pattern = /^(duration|interview[_\s-]?(duration|time|length|secs?|seconds)|loi|length[_\s-]?of[_\s-]?interview|time[_\s-]?taken|completion[_\s-]?time|duration[_\s-]?(s|sec|secs|seconds|min|mins|minutes|in[_\s-]?seconds))$/i;
  return dataset.columns.find((c) => c.values !== null && pattern.test(c.name.trim()))?.name ?? null;
}
