/**
 * Excel .xlsx through read-excel-file's `universal` entry (ArrayBuffer in, no Node or DOM API,
 * so the same code runs in a Web Worker and in Node). The first sheet, or the one named; its
 * first non-blank row is the header and the rows go through the same RecordSink as CSV, so
 * header repair, measurement inference, Likert mapping and the refusals are identical.
 * Numbers stay exact; dates become ISO text (YYYY-MM-DD, or with the time when there is one);
 * TRUE/FALSE become text.
 */
import readXlsxFile from 'read-excel-file/universal';
import { InputError } from '../../errors';
import type { Dataset } from '../dataset';
import { RecordSink, type Cell } from '../table/record-sink';

export async function readXlsxBytes(bytes: Uint8Array, file: string, sheet: string | undefined): Promise<Dataset> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(buffer)) as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('xlsx-structure', `'${file}' could not be read as an Excel workbook (${reason}). Open it in Excel and save it again as .xlsx, or export the sheet as CSV.`, { file });
  }
  const names = sheets.map((s) => s.sheet);
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheet);
  if (chosen === undefined) {
    const list = names.map((n) => `'${n}'`).join(', ');
    throw new InputError('xlsx-structure', sheet === undefined ? `'${file}' has no sheets.` : `'${file}' has no sheet named '${sheet}'. Its sheets are: ${list}. Choose one with --sheet.`, { file });
  }
  const sink = new RecordSink(file, false, 'sheet');
  chosen.data.forEach((row, index) => sink.push(row.map(toCell), index));
  return sink.finish({ file, format: 'xlsx', encoding: 'utf-8', delimiter: null, sheet: chosen.sheet });
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return String(value);
}
