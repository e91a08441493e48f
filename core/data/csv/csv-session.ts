/// <reference path="./papaparse-parser.d.ts" />
/**
 * Chunked CSV/TSV reading, the same code in a Web Worker and in Node (delimiter: an Excel
 * "sep=X" first line if there is one, else sniff.ts on the first 64 K characters): bytes go in piece by piece
 * (`push`), are decoded with a streaming decoder, parsed by papaparse's Parser (the incomplete
 * last record of each piece is carried to the next, as papaparse's own streamers do) and land
 * in column builders. The file is never one string: peak memory is the columns plus one piece.
 *
 * Speed: quote-free stretches are split here instead, and runs of plain numeric records go from
 * character codes straight into the columns (RecordSink.pushPlainRecords; for an all-ASCII UTF-8
 * piece the codes are the piece's own bytes). Past the first piece, the plain records a piece
 * starts with are read from its bytes before it is decoded (readPlainBytes): only what follows
 * the first other record, and the incomplete last one, become strings. Every result, notice and
 * error is the one papaparse alone gives (`fastPath: false`; csv-fast-path.test.ts).
 *
 * Refusals (InputError): NUL bytes or binary content, a quote that never closes (reported at
 * the data row where it opens), a malformed closing quote, a record wider or narrower than the
 * header (record-sink.ts), a single record longer than MAX_RECORD_CHARS (32 M characters; a
 * 5 MB answer is fine), an empty or header-only file.
 * If a later piece turns out not to be UTF-8, `push` throws EncodingRestart and the driver
 * starts again with its fallback (encoding.ts EncodingFallback; read-csv.ts, load-dataset.ts).
 */
import Papa from 'papaparse/papaparse.min.js';
import { InputError } from '../../errors';
import { notice, type Notice } from '../../notices';
import { concatBytes } from '../../util/bytes';
import type { Dataset } from '../dataset';
import { RecordSink } from '../table/record-sink';
import { createChunkDecoder, detectEncoding, EncodingRestart, SNIFF_BYTES, type ChunkDecoder, type EncodingFallback, type TextEncodingName } from './encoding';
import { detectNewline, sniffDelimiter, type Delimiter, type Newline } from './sniff';

export const MAX_RECORD_CHARS = 32 * 1024 * 1024;
/** The characters checkBinary counts: C0 controls other than tab, LF, form feed and CR. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000e-\u001f]/;
const SNIFF_CHARS = 64 * 1024;

type Parser = InstanceType<typeof Papa.Parser>;

export type CsvSession = {
  push(bytes: Uint8Array): void;
  finish(): Dataset;
  readonly bytesRead: number;
  /** Records read by the numeric fast path (RecordSink.pushPlainRecords), for tests and benchmarks. */
  readonly fastRecords: number;
};

/** `fastPath: false` sends every record through papaparse (the reference the fast path is tested against). */
export type CsvSessionOptions = {
  fastPath?: boolean;
  /** The file's size in bytes, when known: numeric columns are then sized once rather than grown and joined. */
  expectedBytes?: number;
};

export function createCsvSession(file: string, fallback: EncodingFallback | null = null, options: CsvSessionOptions = {}): CsvSession {
  const fastPath = options.fastPath ?? true;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let bytesRead = 0;
  let encoding: TextEncodingName | null = fallback === null ? null : fallback === 'windows-1252' ? 'windows-1252' : 'utf-8';
  let decoder: ChunkDecoder | null = encoding === null ? null : createChunkDecoder(encoding, fallback === 'utf-8-lenient');
  let sampleHadUtf8 = false;
  const notices: Notice[] = fallback === null ? [] : [restartNotice(file, fallback)];
  let parser: Parser | null = null;
  let newline: Newline = '\n';
  /** The sniffed line end was CRLF (newline itself is then LF: see feedText). */
  let crlfLines = false;
  let delimiter: Delimiter = ',';
  let sink: RecordSink | null = null;
  let carry = '';
  let line = 1;
  let started = false;
  let waiting: string[] = [];
  let waitingLength = 0;
  let fastRecords = 0;
  /** Scratch for the character codes of an ASCII stretch parsePlain encodes (reused). */
  let codes: Uint8Array = new Uint8Array(0);

  function start(sample: Uint8Array, atEnd: boolean): void {
    if (encoding === null) {
      const guess = detectEncoding(sample, atEnd, file);
      encoding = guess.encoding;
      if (guess.encoding === 'windows-1252') {
        notices.push(notice('encoding-guessed', 'warning', `'${file}' is not valid UTF-8; it was read as Windows-1252 (Western European). If accents look wrong, save the file as CSV UTF-8 and import it again.`));
      } else if (guess.guessed) {
        notices.push(notice('encoding-guessed', 'info', `'${file}' has no byte-order mark; its NUL-byte pattern says ${guess.encoding.toUpperCase()}.`));
      }
      decoder = createChunkDecoder(guess.encoding);
      sampleHadUtf8 = guess.encoding === 'utf-8' && hasNonAscii(sample.subarray(0, SNIFF_BYTES));
    }
  }

  /** `ascii`: the character codes of `text` (all ASCII), or null when not known. */
  function feedText(text: string, last: boolean, ascii: Uint8Array | null): void {
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      const lineOfNul = line + countNewlines(carry) + countNewlines(text.slice(0, nul));
      throw new InputError('file-format', `'${file}' contains a NUL byte on line ${lineOfNul}, so it is not a clean text file (damaged, binary, or a different encoding). Re-export it as CSV (UTF-8) and import again.`, { file });
    }
    if (parser === null) {
      checkBinary(text);
      const sample = text.slice(0, SNIFF_CHARS);
      newline = detectNewline(sample);
      // Excel's "sep=;" first line names the delimiter; it is not part of the data.
      const hint = /^sep=([,;\t])(\r\n|\n|\r)/.exec(sample);
      if (hint !== null) {
        delimiter = hint[1] as Delimiter;
        text = text.slice(hint[0].length);
        ascii = ascii === null ? null : ascii.subarray(hint[0].length);
        line = 2;
      } else delimiter = sniffDelimiter(sample, newline, last && sample.length === text.length, file);
      // Records end at LF whether or not a CR precedes it (the CR is trailing space, trimmed like
      // any; papaparse also accepts it after a closing quote), so a file mixing CRLF and LF lines
      // — an export edited in another tool, files pasted together — reads line by line.
      crlfLines = newline === '\r\n';
      if (crlfLines) newline = '\n';
      parser = new Papa.Parser({ delimiter, newline });
      sink = new RecordSink(file, delimiter !== ',', 'delimited', options.expectedBytes ?? null);
    }
    // A record still open after a long stretch (a huge field, or an unclosed quote) is parsed
    // again only once the new text is as long as the carried part: linear, not quadratic, work.
    if (!last && carry.length > 1024 * 1024 && waitingLength + text.length < carry.length) {
      waiting.push(text);
      waitingLength += text.length;
      return;
    }
    // The carried incomplete record is completed on its own (carry + the text up to the first LF,
    // no quotes in either), so the long decoded text is scanned as it came from the decoder: a
    // flat string, which reads several times faster than the concatenation carry + text. This is
    // only one more boundary between pieces, which the reading handles anywhere.
    if (fastPath && carry.length > 0 && waiting.length === 0 && newline !== '\r') {
      const lf = text.indexOf('\n');
      if (lf >= 0 && carry.indexOf('"') < 0 && text.lastIndexOf('"', lf) < 0) {
        parseInput(carry + text.slice(0, lf + 1), 0, false, null);
        if (carry.length === 0) parseInput(text, lf + 1, last, ascii);
        else parseInput(carry + text.slice(lf + 1), 0, last, null);
        return;
      }
    }
    const joined = carry.length > 0 || waiting.length > 0;
    const input = joined ? carry + waiting.join('') + text : text;
    waiting = [];
    waitingLength = 0;
    parseInput(input, 0, last, joined ? null : ascii);
  }

  /**
   * Parses input[base..] (the carry already included), leaving the incomplete last record in
   * `carry`. `ascii`: the character codes of the whole input when known (else null).
   */
  function parseInput(input: string, base: number, last: boolean, ascii: Uint8Array | null): void {
    // Quotes (usually only in the header) stay with papaparse, up to the end of the line of the
    // last quote, when papaparse closes every record there; the quote-free rest is split here.
    const lineEnd = fastPath ? plainLineEnd(input, base) : null;
    let from = lineEnd !== null ? base : -1;
    // The usual piece has no quote: a forward search (native, fast) says so, where lastIndexOf
    // would step back through the whole piece character by character (several times slower).
    const q = from >= 0 && input.indexOf('"', base) >= 0 ? input.lastIndexOf('"') : -1;
    if (q >= base) {
      const end = input.indexOf(newline, q);
      const prefix = end < 0 ? '' : input.slice(base, end + newline.length);
      const head = end < 0 ? null : parser!.parse(prefix, 0, true);
      if (head === null || head.errors.length > 0 || head.meta.cursor !== prefix.length) from = -1;
      else {
        pushRecords(head.data, line);
        line += countChar(prefix, '\n', 0, prefix.length);
        from = base + prefix.length;
      }
    }
    if (from >= 0) carry = parsePlain(input, from, last, ascii, lineEnd === 'crlf');
    else parseGeneric(base === 0 ? input : input.slice(base), last);
    if (carry.length > MAX_RECORD_CHARS) {
      throw new InputError(
        'csv-structure',
        `Data row ${sink!.respondents + 1} of '${file}' (from line ${line}) runs past ${MAX_RECORD_CHARS / (1024 * 1024)} M characters: most likely a quote (") that is never closed. Fix the quotes around that line and import again.`,
        { file, row: sink!.respondents + 1 },
      );
    }
  }

  /**
   * Text without quotes parses as papaparse would by splitting: records at each LF, fields at
   * each delimiter. Allowed when every line ends in LF, or every line in CRLF, and no other CR
   * appears (a stray one would be cell content spanning physical lines, which the line numbers in
   * messages must count): then record k starts on physical line start + k. Returns the line end
   * ('lf' or 'crlf'), or null for the general parser.
   */
  function plainLineEnd(input: string, base: number): 'lf' | 'crlf' | null {
    if (newline === '\r') return null;
    const cr = countChar(input, '\r', base, input.length);
    if (cr === 0) return 'lf';
    const lf = countChar(input, '\n', base, input.length);
    return cr === lf && countChar(input, '\r\n', base, input.length) === lf ? 'crlf' : null;
  }

  /** The character that ends a physical line: CR in old Mac files, else LF (a CR before it is part of the line end). */
  function lineBreak(): '\n' | '\r' {
    return newline === '\r' ? '\r' : '\n';
  }

  function pushRecords(records: readonly string[][], startLine: number): void {
    sink!.locate = (index) => lineOfRecord(records, index, startLine, lineBreak());
    for (let r = 0; r < records.length; r++) sink!.push(records[r]!, r);
  }

  /**
   * Records of the quote-free input[from..]: runs of plain numeric records go straight into the
   * columns (RecordSink.pushPlainRecords, on the character codes of the ASCII stretch ahead, up to
   * its last newline); any other record is split into cells and pushed. Each ASCII stretch is
   * encoded once, so a text with scattered non-ASCII answers costs linear time too.
   * Returns the incomplete last line (the carry).
   */
  function parsePlain(input: string, from: number, last: boolean, ascii: Uint8Array | null, crlf: boolean): string {
    const startLine = line;
    sink!.locate = (index) => startLine + index;
    if (input.length === 0) return '';
    const delimiterCode = delimiter.charCodeAt(0);
    let pos = from;
    let index = 0; // records so far; all but a final one without newline end a physical line
    // stretch[k] is the code of input[stretchFrom + k], for k < stretchEnd - stretchFrom. `ascii`
    // may be the caller's read buffer, so it is only read, never kept in `codes` (our scratch).
    let stretch = codes;
    let stretchFrom = from;
    let stretchEnd = from;
    for (;;) {
      if (pos >= stretchEnd) {
        if (ascii !== null) {
          stretch = ascii;
          stretchFrom = 0;
          stretchEnd = input.lastIndexOf('\n') + 1;
        } else {
          stretchFrom = pos;
          stretchEnd = asciiStretchEnd(input, pos);
          if (stretchEnd > pos) stretch = codes = encodeAscii(input, pos, stretchEnd, codes);
        }
      }
      if (stretchEnd > pos) {
        pos = stretchFrom + sink!.pushPlainRecords(stretch, pos - stretchFrom, stretchEnd - stretchFrom, delimiterCode, crlf);
        index += sink!.plainRecords;
        fastRecords += sink!.plainRecords;
      }
      const end = input.indexOf(newline, pos);
      if (end < 0 && !last) break;
      const stop = end < 0 ? input.length : end;
      sink!.push(input.slice(pos, stop).split(delimiter), index);
      index++;
      if (end < 0) {
        pos = input.length;
        line = startLine + index - 1;
        return '';
      }
      pos = end + newline.length;
    }
    line = startLine + index;
    return pos < input.length ? input.slice(pos) : '';
  }

  function parseGeneric(input: string, last: boolean): void {
    const result = parser!.parse(input, 0, !last);
    const records = result.data;
    for (const error of result.errors) {
      if (error.row >= records.length && !last) continue;
      const dataRow = sink!.respondents + error.row + (sink!.hasHeader ? 1 : 0);
      const where = dataRow < 1 ? 'the header row' : `data row ${dataRow} (line ${lineOfRecord(records, error.row, line, lineBreak())})`;
      const location = dataRow < 1 ? { file } : { file, row: dataRow };
      if (error.code === 'MissingQuotes') {
        throw new InputError('csv-structure', `A quoted field in '${file}' opens in ${where} and is never closed. Add the closing quote (") or remove the stray one, and import again.`, location);
      }
      throw new InputError('csv-structure', `A quoted field in '${file}' in ${where} has text after its closing quote. Double the quotes inside quoted text ("") or remove them, and import again.`, location);
    }
    pushRecords(records, line);
    const consumed = last ? input.length : result.meta.cursor;
    line += countChar(input, newline === '\r' ? '\r' : '\n', 0, consumed);
    carry = last ? '' : input.slice(consumed);
  }

  function decodeAndFeed(bytes: Uint8Array, last: boolean): void {
    if (!started) {
      started = true;
      // A UTF-8 BOM in a file restarted as Windows-1252 (bad bytes further on) is not text.
      if (encoding === 'windows-1252' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (fastPath && !last && sink !== null && newline !== '\r' && waiting.length === 0 && decoder!.asciiAsIs) {
      bytes = readPlainBytes(bytes);
      if (bytes.length === 0) return;
    }
    const text = decode(bytes, last);
    // When the text is all ASCII and exactly this piece, the piece's bytes are its character
    // codes: the fast path reads them (see parsePlain) instead of encoding the text again.
    if (text.length > 0 || last) feedText(text, last, decoder!.exact && text.length === bytes.length ? bytes : null);
  }

  function decode(bytes: Uint8Array, last: boolean): string {
    try {
      return decoder!.decode(bytes, last);
    } catch {
      throw new EncodingRestart(sampleHadUtf8 ? 'utf-8-lenient' : 'windows-1252');
    }
  }

  /**
   * Reads the plain numeric records at the start of a piece straight from its bytes, before any
   * decoding (most pieces of a survey export are nothing else, and a decoded piece is a 1 MB
   * string to make and collect): the carried incomplete record is completed with the piece's
   * first line, then RecordSink.pushPlainRecords takes records up to the piece's last LF while
   * they are plain. It stops at any byte outside its syntax — every non-ASCII one — so what it
   * takes is ASCII, character k being byte k, which the decoder (asciiAsIs) would give as is.
   * Returns the rest of the piece, from the first record not taken, to be decoded and read as text.
   */
  function readPlainBytes(bytes: Uint8Array): Uint8Array {
    let from = 0;
    if (carry.length > 0) {
      const lf = bytes.indexOf(10);
      if (lf < 0 || carry.indexOf('"') >= 0 || bytes.subarray(0, lf).indexOf(34) >= 0) return bytes;
      parseInput(carry + decode(bytes.subarray(0, lf + 1), false), 0, false, null);
      from = lf + 1;
      if (carry.length > 0) return bytes.subarray(from);
    }
    const limit = bytes.lastIndexOf(10) + 1;
    if (limit <= from) return bytes.subarray(from);
    const pos = sink!.pushPlainRecords(bytes, from, limit, delimiter.charCodeAt(0), crlfLines);
    line += sink!.plainRecords;
    fastRecords += sink!.plainRecords;
    return bytes.subarray(pos);
  }

  function checkBinary(text: string): void {
    // The usual text has no control character at all: a native search settles that.
    if (text.search(CONTROL_CHARACTER) < 0) return;
    let controls = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) controls++;
    }
    if (controls > Math.max(4, text.length / 1000)) {
      throw new InputError('file-format', `'${file}' looks binary (${controls} control characters near its start), not like CSV text. Choose the CSV export, or open the file in its program and export it as CSV, .sav or .xlsx.`, { file });
    }
  }

  return {
    get bytesRead() {
      return bytesRead;
    },
    get fastRecords() {
      return fastRecords;
    },
    push(bytes: Uint8Array): void {
      bytesRead += bytes.length;
      if (decoder === null) {
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes < SNIFF_BYTES) return;
        const sample = concatBytes(pending, pendingBytes);
        pending = [];
        start(sample, false);
        decodeAndFeed(sample, false);
        return;
      }
      decodeAndFeed(bytes, false);
    },
    finish(): Dataset {
      if (decoder === null) {
        const sample = concatBytes(pending, pendingBytes);
        pending = [];
        if (sample.length === 0) {
          throw new InputError('file-empty', `'${file}' is empty (0 bytes). Choose the exported data file, or export it again.`, { file });
        }
        start(sample, true);
        decodeAndFeed(sample, true);
      } else decodeAndFeed(new Uint8Array(0), true);
      if (sink === null) throw new InputError('file-empty', `'${file}' holds no text. Choose the exported data file, or export it again.`, { file });
      const dataset = sink.finish({ file, format: delimiter === '\t' ? 'tsv' : 'csv', encoding: encoding!, delimiter, sheet: null });
      return { ...dataset, notices: [...notices, ...dataset.notices] };
    },
  };
}

/** TextEncoder.encodeInto: in every runtime core runs in, not in core's minimal declarations. */
type EncodeInto = { encodeInto(source: string, destination: Uint8Array): { read: number; written: number } };
const ENCODER = new TextEncoder() as TextEncoder & EncodeInto;
const NON_ASCII = /[^\u0000-\u007f]/g;

/** End of the ASCII stretch of text from `from`: just after its last newline (from itself when there is none). */
function asciiStretchEnd(text: string, from: number): number {
  NON_ASCII.lastIndex = from;
  const hit = NON_ASCII.exec(text);
  const stop = hit === null ? text.length : hit.index;
  return stop > from ? Math.max(from, text.lastIndexOf('\n', stop - 1) + 1) : from;
}

/** The codes of text[from..to) (all ASCII: one byte per character) in `into`, or in a larger array. */
function encodeAscii(text: string, from: number, to: number, into: Uint8Array): Uint8Array {
  const out = into.length >= to - from ? into : new Uint8Array(to - from + ((to - from) >> 3));
  ENCODER.encodeInto(from === 0 && to === text.length ? text : text.slice(from, to), out);
  return out;
}

/**
 * Whether any byte is ≥ 0x80, with native code: decoded leniently (BOM kept), every such byte
 * becomes a non-ASCII character or U+FFFD, every other byte an ASCII one.
 */
function hasNonAscii(bytes: Uint8Array): boolean {
  return /[^\u0000-\u007f]/.test(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
}

function countNewlines(text: string): number {
  return countChar(text, '\n', 0, text.length);
}

function countChar(text: string, char: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf(char, start); i >= 0 && i < end; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/** First physical line of records[index], given the line the piece starts on. */
function lineOfRecord(records: readonly string[][], index: number, startLine: number, lineBreak: '\n' | '\r'): number {
  let line = startLine;
  for (let r = 0; r < index && r < records.length; r++) {
    line++;
    for (const cell of records[r]!) if (cell.indexOf(lineBreak) >= 0) line += countChar(cell, lineBreak, 0, cell.length);
  }
  return line;
}

export function restartNotice(file: string, fallback: EncodingFallback): Notice {
  return fallback === 'windows-1252'
    ? notice(
        'encoding-guessed',
        'warning',
        `'${file}' starts as plain text but contains bytes further on that are not UTF-8; it was read as Windows-1252 (Western European). If accents look wrong, save the file as CSV UTF-8 and import it again.`,
      )
    : notice(
        'encoding-guessed',
        'strong-warning',
        `'${file}' is UTF-8 but contains bytes further on that are not; they were replaced by the character �. Find and fix them (they are damaged text), or export the file again as CSV UTF-8.`,
      );
}
