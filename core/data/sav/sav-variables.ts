/**
 * Builds the logical variables of a system file from its raw records: merges the segments of
 * very long strings (7.14: a string of width w > 255 is stored as ceil(w / 252) string variables,
 * each but the last 255 bytes wide), applies long names (7.13), measurement levels (7.11),
 * variable labels, missing values (variable record and 7.22), value labels (type 3/4 and 7.21).
 */
import { InputError } from '../../errors';
import { notice, type Notice } from '../../notices';
import type { MissingSpec, ValueLabel } from '../dataset';
import { parseLongStringLabels, parseLongStringMissing, parsePairs, type SavExtensions } from './read-extensions';
import type { RawDictionary, RawVariable } from './read-dictionary';
import { decodeFormat, SEGMENT_USED, SEGMENT_WIDTH } from './sav-formats';
import { trimPadding, type SavTextDecoder } from './sav-encoding';

export type SavVariable = {
  name: string;
  label: string;
  /** 0 numeric, else string width in bytes. */
  width: number;
  /** Storage: for each segment, its first slot and the bytes of the value it carries. */
  segments: { slot: number; bytes: number }[];
  measureCode: number;
  format: string | undefined;
  missing: MissingSpec;
  valueLabels: ValueLabel[];
  textLabels: { value: string; label: string }[];
};

export function buildVariables(dict: RawDictionary, ext: SavExtensions, text: SavTextDecoder, fileName: string, notices: Notice[]): SavVariable[] {
  const decode = text.decode;
  const shortName = (v: RawVariable): string => decode(trimPadding(v.shortName)).trim().toUpperCase();
  const widths = parsePairs(ext.veryLongStrings === null ? '' : decode(ext.veryLongStrings));
  const longNames = parsePairs(ext.longNames === null ? '' : decode(ext.longNames));

  // Group raw variables into logical ones (very long strings span several raw variables).
  const groups: { raw: RawVariable[]; width: number }[] = [];
  for (let i = 0; i < dict.variables.length; ) {
    const first = dict.variables[i]!;
    const declared = widths.get(shortName(first));
    const width = declared === undefined ? first.width : Number(declared);
    if (declared !== undefined && width > 255) {
      const n = Math.ceil(width / SEGMENT_USED);
      const raw = dict.variables.slice(i, i + n);
      if (raw.length < n || raw.some((r, k) => r.width === 0 || (k < n - 1 && r.width !== SEGMENT_WIDTH))) {
        throw new InputError('sav-structure', `'${fileName}' declares variable ${shortName(first)} as a ${width}-byte string, but its ${n} string segments are missing or have wrong widths. Re-save the file from SPSS or PSPP.`, { file: fileName, column: shortName(first) });
      }
      groups.push({ raw, width });
      i += n;
    } else {
      groups.push({ raw: [first], width: first.width });
      i++;
    }
  }

  const measures = displayMeasures(ext.display, dict.variables.length, groups);
  const variables = groups.map((g, gi): SavVariable => {
    const first = g.raw[0]!;
    const short = shortName(first);
    const name = longNames.get(short) ?? short;
    const label = first.label === null ? '' : decode(trimPadding(first.label));
    // Data is packed 255 bytes per segment, so the last segment may carry little or nothing.
    let remaining = g.width;
    const segments = g.raw.map((r) => {
      const bytes = Math.max(0, Math.min(g.raw.length === 1 ? g.width : Math.min(SEGMENT_WIDTH, r.width), remaining));
      remaining -= bytes;
      return { slot: r.slot, bytes };
    });
    return {
      name, label: label === '' ? name : label, width: g.width, segments, measureCode: measures[gi] ?? 0,
      format: g.width > 255 ? `A${g.width}` : decodeFormat(first.printFormat),
      missing: recordMissing(first, dict.littleEndian, decode), valueLabels: [], textLabels: [],
    };
  });
  if (ext.display !== null && measures.length === 0) {
    notices.push(notice('info', 'info', `'${fileName}' has a variable display record that does not match its variables; measurement levels were guessed.`));
  }

  applyValueLabels(dict, variables, groups, decode, fileName);
  const byName = new Map(variables.map((v) => [v.name.toUpperCase(), v]));
  if (ext.longStringLabels !== null) {
    for (const entry of parseLongStringLabels(ext.longStringLabels, fileName, dict.littleEndian, decode)) {
      const target = byName.get(entry.name.toUpperCase());
      if (target === undefined || target.width === 0) continue;
      for (const l of entry.labels) target.textLabels.push({ value: decode(trimPadding(l.value)), label: decode(l.label) });
    }
  }
  if (ext.longStringMissing !== null) {
    for (const entry of parseLongStringMissing(ext.longStringMissing, fileName, dict.littleEndian, decode)) {
      const target = byName.get(entry.name.toUpperCase());
      if (target === undefined || target.width === 0) continue;
      target.missing.strings.push(...entry.values.map((b) => decode(trimPadding(b))));
    }
  }
  for (const v of variables) {
    v.valueLabels.sort((a, b) => a.code - b.code);
    v.textLabels.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return variables;
}

/** Measure code per logical variable; the record has 2 or 3 entries per raw or per logical variable. */
function displayMeasures(display: Int32Array | null, rawCount: number, groups: { raw: RawVariable[] }[]): number[] {
  if (display === null) return [];
  for (const stride of [3, 2]) {
    if (display.length === stride * rawCount) return groups.map((g) => display[g.raw[0]!.index * stride] ?? 0);
    if (display.length === stride * groups.length) return groups.map((_, i) => display[i * stride] ?? 0);
  }
  return [];
}

function recordMissing(v: RawVariable, le: boolean, decode: (b: Uint8Array) => string): MissingSpec {
  const spec: MissingSpec = { codes: [], range: null, strings: [] };
  if (v.width > 0) {
    spec.strings = v.missingValues.map((b) => decode(trimPadding(b)));
    return spec;
  }
  const nums = v.missingValues.map((b) => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, le));
  if (v.missingCode < 0) {
    spec.range = { low: nums[0]!, high: nums[1]! };
    if (v.missingCode === -3) spec.codes.push(nums[2]!);
  } else {
    spec.codes.push(...nums);
  }
  return spec;
}

function applyValueLabels(dict: RawDictionary, variables: SavVariable[], groups: { raw: RawVariable[] }[], decode: (b: Uint8Array) => string, fileName: string): void {
  const bySlot = new Map<number, SavVariable>();
  groups.forEach((g, i) => bySlot.set(g.raw[0]!.slot, variables[i]!));
  for (const set of dict.valueLabelSets) {
    for (const slot1 of set.slots) {
      const target = bySlot.get(slot1 - 1);
      if (target === undefined) {
        throw new InputError('sav-structure', `'${fileName}' has a value label record (byte offset ${set.offset}) that points to variable position ${slot1}, which is not the start of a variable. Re-save the file from SPSS or PSPP.`, { file: fileName });
      }
      set.values.forEach((value, k) => {
        const label = decode(set.labels[k]!);
        if (target.width === 0) {
          const code = new DataView(value.buffer, value.byteOffset, 8).getFloat64(0, dict.littleEndian);
          if (!target.valueLabels.some((l) => l.code === code)) target.valueLabels.push({ code, label });
        } else {
          const text = decode(trimPadding(value));
          if (!target.textLabels.some((l) => l.value === text)) target.textLabels.push({ value: text, label });
        }
      });
    }
  }
}
