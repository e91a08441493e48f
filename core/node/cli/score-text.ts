/**
 * The score matrix of `segstudio factor`'s JSON as text: one respondent per line, "    [v0,v1,…]"
 * (numbers as String(v), exactly what JSON.stringify writes; a non-finite value as null) or
 * "    null" for an unscored respondent, each line but the very first of the matrix preceded by
 * ",\n". Rows go out in pieces — UTF-8 bytes from the WebAssembly formatter where the kernels run,
 * strings otherwise — so 10⁵ rows never become one 10 MB string. Shared by the command and its
 * helper thread (factor-helper.ts), which writes the same bytes for the rows it is given.
 */
import { wasmScoreRowsText } from '../../kernels/scores';
import { concatBytes } from '../../util/bytes';

/**
 * Rows per piece written as bytes by the WebAssembly formatter (the same text, several times
 * faster than String(v) per number); many calls rather than one, so that the kernel runs in its
 * optimised build for most of them.
 */
const ROWS_PER_BYTE_PIECE = 2048;
/** Rows per string piece (about 25 KB: below V8's large-object size, made in recycled young memory). */
const ROWS_PER_STRING_PIECE = 256;

/**
 * Score rows start..stop − 1 in consecutive pieces; `scores` holds m values per row for the rows
 * from `firstRow` on (0: the whole matrix). A byte piece is a view of the kernels' memory, valid
 * only until the next piece is asked for: copy or write it before then.
 */
export function* scoreRowPieces(scores: Float64Array, m: number, start: number, stop: number, firstRow = 0): Generator<string | Uint8Array, void, void> {
  let at = start;
  for (; at < stop; at += ROWS_PER_BYTE_PIECE) {
    const bytes = wasmScoreRowsText(scores, m, at, Math.min(stop, at + ROWS_PER_BYTE_PIECE), firstRow);
    if (bytes === null) break; // no kernels here: the JavaScript rows below
    yield bytes;
  }
  for (; at < stop; at += ROWS_PER_STRING_PIECE) yield scorePiece(scores, m, at, Math.min(stop, at + ROWS_PER_STRING_PIECE), firstRow);
}

/** Score rows start..stop − 1 as one UTF-8 buffer (what scoreRowPieces yields, joined). */
export function scoreRowBytes(scores: Float64Array, m: number, start: number, stop: number, firstRow = 0): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const piece of scoreRowPieces(scores, m, start, stop, firstRow)) {
    const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece.slice();
    parts.push(bytes);
    length += bytes.length;
  }
  return concatBytes(parts, length);
}

/** Score rows start..stop − 1 as one string (plain concatenation, no per-row arrays or closures). */
function scorePiece(scores: Float64Array, m: number, start: number, stop: number, firstRow: number): string {
  let piece = '';
  for (let r = start; r < stop; r++) piece += (r === 0 ? '' : ',\n') + scoreLine(scores, (r - firstRow) * m, m);
  return piece;
}

function scoreLine(scores: Float64Array, offset: number, m: number): string {
  if (m === 0) return '    []';
  const first = scores[offset]!;
  if (Number.isNaN(first)) return '    null';
  let line = Number.isFinite(first) ? '    [' + String(first) : '    [null';
  for (let k = 1; k < m; k++) {
    const v = scores[offset + k]!;
    line += Number.isFinite(v) ? ',' + String(v) : ',null';
  }
  return line + ']';
}
