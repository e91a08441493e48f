/**
 * SPSS system file reader (.sav, bytecode-compressed .sav and ZLIB-compressed .zsav), written
 * from GNU PSPP's documentation of the format because no correct npm reader exists (see
 * shared/notes/ecosystem.md). Pure: bytes in, Dataset out.
 *
 * Mapping to the Dataset model: numeric SYSMIS → NaN; user-missing codes stay as values with
 * Column.missing set (numericValues applies them); variable labels → Column.label (the name when
 * empty); value labels sorted by code; string value labels → Column.textLabels; the 7.11
 * measurement → nominal/ordinal/continuous (strings: text, or nominal when labelled); the
 * print format ("F8.2", "DATE11") → Column.format, dates kept as SPSS seconds since
 * 14 Oct 1582; the header's weight variable → Dataset.weight. String values have their SPSS
 * space padding removed and are decoded once per whole value, after segments are joined.
 * Broken files are refused whole with an InputError naming the record or respondent.
 * Tests: core/data/sav/read-sav.test.ts (PSPP-written fixtures in tests/fixtures/sav/).
 */
import { InputError } from '../../errors';
import type { Notice } from '../../notices';
import type { Column, Dataset } from '../dataset';
import { openCaseSource } from './read-cases';
import { readDictionary } from './read-dictionary';
import { readExtensions } from './read-extensions';
import { SavCursor } from './sav-cursor';
import { createSavDecoder, trimPadding } from './sav-encoding';
import { measurementFromCode } from './sav-formats';
import { buildVariables, type SavVariable } from './sav-variables';

export function readSav(bytes: Uint8Array, fileName: string): Dataset {
  const cursor = new SavCursor(bytes, fileName);
  const dict = readDictionary(cursor);
  const ext = readExtensions(dict, fileName);
  const text = createSavDecoder(fileName, ext.encodingName, ext.codePage);
  const notices: Notice[] = [...text.notices];
  const variables = buildVariables(dict, ext, text, fileName, notices);

  const isString = dict.slotOwner.map((v) => v.width > 0);
  cursor.context = 'the data';
  const source = openCaseSource(cursor, dict, isString, ext.sysmis);
  const announced = ext.caseCount64 ?? dict.caseCount;
  const columns = readColumns(source, variables, dict.slotCount, dict.littleEndian, ext.sysmis, announced, text.decode, fileName);

  let weight: string | null = null;
  if (dict.weightSlot > 0) {
    const owner = variables.find((v) => v.width === 0 && v.segments[0]!.slot === dict.weightSlot - 1);
    if (owner === undefined) {
      throw new InputError('sav-structure', `'${fileName}' names variable position ${dict.weightSlot} as its weight, but no numeric variable starts there. Re-save the file from SPSS or PSPP.`, { file: fileName });
    }
    weight = owner.name;
  }
  return {
    source: { file: fileName, format: dict.compression === 2 ? 'zsav' : 'sav', encoding: text.encoding, delimiter: null, sheet: null },
    rows: columns.rows,
    columns: columns.columns,
    weight,
    id: null,
    notices,
  };
}

type Store = { numbers: Float64Array | null; strings: (string | null)[] | null };

function readColumns(
  source: ReturnType<typeof openCaseSource>, variables: SavVariable[], slotCount: number, le: boolean,
  sysmis: number, announced: number, decode: (b: Uint8Array) => string, fileName: string,
): { rows: number; columns: Column[] } {
  // Never allocate from the header's count alone: a corrupt count is bounded by the bytes present.
  let capacity = announced >= 0 ? Math.min(announced, source.maxCases) : Math.min(source.maxCases, 1024);
  const stores: Store[] = variables.map((v) => (v.width === 0 ? { numbers: new Float64Array(capacity), strings: null } : { numbers: null, strings: [] }));
  const buffer = new Uint8Array(slotCount * 8);
  const view = new DataView(buffer.buffer);
  const maxWidth = Math.max(0, ...variables.map((v) => v.width));
  const scratch = new Uint8Array(maxWidth);
  let rows = 0;
  while ((announced < 0 || rows < announced) && source.next(buffer)) {
    if (rows === capacity) {
      capacity = Math.min(Math.max(capacity * 2, 16), Math.max(source.maxCases, capacity + 1));
      for (const s of stores) if (s.numbers !== null) s.numbers = grow(s.numbers, capacity);
    }
    variables.forEach((v, j) => {
      const store = stores[j]!;
      if (store.numbers !== null) {
        const value = view.getFloat64(v.segments[0]!.slot * 8, le);
        store.numbers[rows] = value === sysmis ? NaN : value;
        return;
      }
      let length = 0;
      for (const seg of v.segments) {
        scratch.set(buffer.subarray(seg.slot * 8, seg.slot * 8 + seg.bytes), length);
        length += seg.bytes;
      }
      store.strings!.push(decode(trimPadding(scratch.subarray(0, length))));
    });
    rows++;
  }
  if (announced >= 0 && rows < announced) {
    throw new InputError('file-truncated', `'${fileName}' announces ${announced} respondents but its data ends after ${rows}. The file was cut off; copy it again or re-save it from SPSS.`, { file: fileName, row: rows + 1 });
  }
  const columns = variables.map((v, j): Column => {
    const store = stores[j]!;
    const labelled = v.valueLabels.length > 0 || v.textLabels.length > 0;
    const column: Column = {
      name: v.name,
      label: v.label,
      measurement: measurementFromCode(v.measureCode, v.width > 0, labelled),
      valueLabels: v.valueLabels,
      missing: v.missing,
      values: store.numbers === null ? null : store.numbers.slice(0, rows),
      text: store.strings,
      reversed: false,
    };
    if (v.format !== undefined) column.format = v.format;
    if (v.width > 0) column.textLabels = v.textLabels;
    return column;
  });
  return { rows, columns };
}

function grow(array: Float64Array, capacity: number): Float64Array {
  const out = new Float64Array(capacity);
  out.set(array.subarray(0, Math.min(array.length, capacity)));
  return out;
}
