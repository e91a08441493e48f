/**
 * The pure entry point for reading a survey file the user chose (bytes + name): the browser's
 * Web Worker calls it directly, and the Node loader uses it for the non-streamed formats.
 *
 * Dispatch: the first bytes decide when they are a known signature, otherwise the extension.
 * - "$FL2" / "$FL3" → SPSS .sav / .zsav (readSav), whatever the name; the respondent id is then
 *   found as for CSV (roles.ts detectIdColumn), since SPSS files do not mark one.
 * - "PK\x03\x04" (a zip) → Excel .xlsx.
 * - D0 CF 11 E0 (an OLE file: Excel 97–2003 .xls, or a .sav saved by something else) → refused,
 *   with the way out (save as .xlsx or CSV).
 * - .csv/.tsv/.tab/.txt/.dat → delimited text (delimiter and encoding sniffed).
 * - a .sav/.zsav/.xlsx name whose bytes do not match, or any other name → InputError that lists
 *   the formats Segment Studio reads.
 */
import { InputError } from '../errors';
import { runSteps, type RunOptions } from '../jobs/run-steps';
import { readCsvSteps } from './csv/read-csv';
import { detectIdColumn } from './roles';
import type { Dataset } from './dataset';
import { readSav } from './sav/read-sav';
import { readXlsxBytes } from './xlsx/read-xlsx';

export type ReadSurveyOptions = { sheet?: string } & RunOptions;

export const READABLE_FORMATS = 'CSV or TSV text (.csv, .tsv, .txt), SPSS (.sav, .zsav) and Excel (.xlsx)';

export type DetectedKind = 'sav' | 'xlsx' | 'text';

export async function readSurveyBytes(bytes: Uint8Array, fileName: string, options: ReadSurveyOptions = {}): Promise<Dataset> {
  const kind = detectKind(bytes, fileName);
  const { sheet, ...run } = options;
  if (sheet !== undefined && kind !== 'xlsx') {
    throw new InputError('option-invalid', `--sheet only applies to Excel workbooks, and '${fileName}' is not one; leave the sheet out.`, { file: fileName });
  }
  switch (kind) {
    case 'sav':
      return detectIdColumn(readSav(bytes, fileName));
    case 'xlsx':
      return readXlsxBytes(bytes, fileName, sheet);
    case 'text':
      return runSteps(readCsvSteps(bytes, fileName), run);
  }
}

/** Which reader a file goes to (see header); InputError when none can read it. */
export function detectKind(bytes: Uint8Array, fileName: string): DetectedKind {
  const ext = extensionOf(fileName);
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  if (head === '$FL2' || head === '$FL3') return 'sav';
  if (head === 'PK\u0003\u0004') {
    if (ext === 'sav' || ext === 'zsav') throw notThat(fileName, 'an SPSS file', 'a zip archive (perhaps an Excel workbook): rename it to .xlsx if it is one');
    return 'xlsx';
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new InputError('file-format', `'${fileName}' is an old Excel 97–2003 (.xls) or other OLE file, which Segment Studio does not read. Open it in Excel and save it as .xlsx or CSV UTF-8. Readable formats: ${READABLE_FORMATS}.`, { file: fileName });
  }
  switch (ext) {
    case 'sav':
    case 'zsav':
      throw notThat(fileName, 'an SPSS system file', bytes.length === 0 ? 'empty (0 bytes)' : 'something else: SPSS files start with "$FL2" or "$FL3"');
    case 'xlsx':
    case 'xlsm':
      throw notThat(fileName, 'an Excel workbook', bytes.length === 0 ? 'empty (0 bytes)' : 'something else: .xlsx files are zip archives');
    case 'csv':
    case 'tsv':
    case 'tab':
    case 'txt':
    case 'dat':
      return 'text';
    default:
      throw new InputError('file-format', `'${fileName}' is not a survey format Segment Studio reads. Readable formats: ${READABLE_FORMATS}. Export the data in one of them.`, { file: fileName });
  }
}

function notThat(fileName: string, expected: string, actual: string): InputError {
  return new InputError('file-format', `'${fileName}' is named like ${expected} but is ${actual}. Choose the original file, or export the data again. Readable formats: ${READABLE_FORMATS}.`, { file: fileName });
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}
