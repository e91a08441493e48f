/// <reference path="./papaparse-parser.d.ts" />
/**
 * Line-ending and delimiter sniffing on the first decoded chunk (up to 64 K characters).
 * Deterministic, unlike papaparse's own guess, so the same file always reads the same way:
 *
 * - Newline: the first CR, LF or CRLF outside double quotes.
 * - Delimiter: each candidate (comma, semicolon, tab) parses the first 50 records with quotes
 *   respected. A candidate qualifies when its header has ≥ 2 fields; among those, the highest
 *   share of records with exactly the header's field count wins, then the most header fields,
 *   then the order tab (for .tsv/.tab names), comma, semicolon, tab. No candidate → a one-column
 *   file, read with the extension's delimiter.
 */
import Papa from 'papaparse/papaparse.min.js';

export type Newline = '\n' | '\r' | '\r\n';
export type Delimiter = ',' | ';' | '\t';

const SNIFF_RECORDS = 50;
/** Records parsed in a first, short pass: enough for SNIFF_RECORDS unless the sample has many blank lines. */
const SNIFF_PREVIEW = SNIFF_RECORDS + 14;

export function detectNewline(text: string): Newline {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && c === 10) return '\n';
    else if (!inQuotes && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : i + 1 < text.length ? '\r' : '\r\n';
  }
  return '\n';
}

export function sniffDelimiter(sample: string, newline: Newline, atEnd: boolean, fileName: string): Delimiter {
  const tabFirst = /\.(tsv|tab)$/i.test(fileName);
  const order: Delimiter[] = tabFirst ? ['\t', ',', ';'] : [',', ';', '\t'];
  let best: { delimiter: Delimiter; share: number; fields: number } | null = null;
  for (const delimiter of order) {
    const rows = sniffRecords(sample, delimiter, newline, atEnd);
    const header = rows[0];
    if (header === undefined || header.length < 2) continue;
    const body = rows.length > 1 ? rows.slice(1) : rows;
    const share = body.filter((r) => r.length === header.length).length / body.length;
    if (best === null || share > best.share || (share === best.share && header.length > best.fields)) {
      best = { delimiter, share, fields: header.length };
    }
  }
  return best?.delimiter ?? (tabFirst ? '\t' : ',');
}

/**
 * The first SNIFF_RECORDS non-blank records of the sample. papaparse parses records in order, so
 * stopping after SNIFF_PREVIEW records gives the same first records as parsing the whole sample
 * (64 K characters, three times per file); the whole sample is parsed only when the preview holds
 * too few non-blank records.
 */
function sniffRecords(sample: string, delimiter: Delimiter, newline: Newline, atEnd: boolean): string[][] {
  const nonBlank = (records: string[][]): string[][] => records.filter((r) => !(r.length === 1 && r[0]!.trim() === '')).slice(0, SNIFF_RECORDS);
  const preview = new Papa.Parser({ delimiter, newline, preview: SNIFF_PREVIEW }).parse(sample, 0, !atEnd).data;
  const rows = nonBlank(preview);
  if (rows.length >= SNIFF_RECORDS || preview.length < SNIFF_PREVIEW) return rows;
  return nonBlank(new Papa.Parser({ delimiter, newline }).parse(sample, 0, !atEnd).data);
}
