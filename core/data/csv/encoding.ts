/**
 * Text encoding of a delimited survey file, decided from its first bytes, and a chunk decoder
 * that never needs the whole file as one string.
 *
 * Detection order (deterministic; the first rule that matches wins):
 * 1. BOM: EF BB BF → 'utf-8-bom'; FF FE → 'utf-16le'; FE FF → 'utf-16be'.
 * 2. No BOM but a NUL pattern in the sample: ≥ 30 % of the odd-offset bytes are NUL and ≤ 5 % of
 *    the even ones → 'utf-16le' (ASCII text written as UTF-16 LE); the mirror image → 'utf-16be'.
 *    Any other NUL byte means the file is not text: InputError.
 * 3. The sample is valid UTF-8 → 'utf-8' (decoded with fatal errors, so a bad byte further on is
 *    noticed and the reader restarts: see EncodingFallback).
 * 4. Otherwise 'windows-1252' with an 'encoding-guessed' notice (Excel's "CSV" on Western
 *    Windows). Decoded by our own table: Node's TextDecoder maps 0x80–0x9F to C1 controls
 *    instead of €, ‘, ’… (ICU 'latin1'), so the table keeps browsers and Node identical.
 */
import { InputError } from '../../errors';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type EncodingGuess = { encoding: TextEncodingName; bomLength: number; guessed: boolean };

/**
 * How a read restarts when bytes after the sniffed start are not UTF-8: as Windows-1252 when the
 * start was plain ASCII (an Excel export with a late "é"), or as UTF-8 with the bad bytes shown
 * as U+FFFD when the start already held real UTF-8 text (a UTF-8 file with a damaged spot, where
 * Windows-1252 would garble every accent).
 */
export type EncodingFallback = 'windows-1252' | 'utf-8-lenient';

/** Thrown when a later chunk is not UTF-8; the driver restarts the read with `fallback`. */
export class EncodingRestart extends Error {
  override readonly name = 'EncodingRestart';
  constructor(readonly fallback: EncodingFallback) {
    super(`restart as ${fallback}`);
  }
}

export const SNIFF_BYTES = 64 * 1024;

export function detectEncoding(sample: Uint8Array, atEnd: boolean, file: string): EncodingGuess {
  const b0 = sample[0];
  const b1 = sample[1];
  if (b0 === 0xef && b1 === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3, guessed: false };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2, guessed: false };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2, guessed: false };
  const n = Math.min(sample.length, SNIFF_BYTES);
  let nulEven = 0;
  let nulOdd = 0;
  let firstNul = -1;
  // Counting starts at the first NUL (a native search; the usual text file has none).
  const start = sample.subarray(0, n).indexOf(0);
  for (let i = start < 0 ? n : start; i < n; i++) {
    if (sample[i] !== 0) continue;
    if (firstNul < 0) firstNul = i;
    if (i % 2 === 0) nulEven++;
    else nulOdd++;
  }
  if (firstNul >= 0) {
    const half = Math.max(1, Math.floor(n / 2));
    if (nulOdd / half >= 0.3 && nulEven / half <= 0.05) return { encoding: 'utf-16le', bomLength: 0, guessed: true };
    if (nulEven / half >= 0.3 && nulOdd / half <= 0.05) return { encoding: 'utf-16be', bomLength: 0, guessed: true };
    throw new InputError(
      'file-format',
      `'${file}' contains NUL bytes (the first at byte ${firstNul + 1}), so it is not a text CSV file: it may be binary, damaged or in another format. Open it in its program and export it as CSV (UTF-8), or choose the .sav/.xlsx file itself.`,
      { file },
    );
  }
  if (isValidUtf8(sample.subarray(0, n), atEnd || n < sample.length)) return { encoding: 'utf-8', bomLength: 0, guessed: false };
  return { encoding: 'windows-1252', bomLength: 0, guessed: true };
}

/**
 * UTF-8 validity of a byte run. When `allowTruncatedEnd`, a multi-byte sequence cut by the end
 * of the sample is accepted (the rest is in the next chunk).
 */
export function isValidUtf8(bytes: Uint8Array, allowTruncatedEnd: boolean): boolean {
  // What the (native) WHATWG decoder accepts is valid here too: the same sequences are refused
  // (overlong forms, surrogates, beyond U+10FFFF), and a cut end it keeps for the next chunk is
  // lead + continuation bytes. It refuses a few cut ends this check accepts (E0 80 at the very
  // end...), so only its "valid" is taken as the answer; otherwise the loop below decides.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: allowTruncatedEnd });
    return true;
  } catch {
    // decided below
  }
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return false;
    if (i + need >= n) return allowTruncatedEnd && continuationOk(bytes, i + 1, n);
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

function continuationOk(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if ((bytes[k]! & 0xc0) !== 0x80) return false;
  return true;
}

/** Windows-1252 code points for bytes 0x80–0x9F (undefined positions decode as the C1 control). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * `exact`: the text of the last decode is exactly that piece's bytes decoded on their own (nothing
 * carried in or out, no BOM removed) by a decoder that refuses bad bytes — so it is all ASCII,
 * character k being byte k, exactly when it has as many characters as the piece has bytes.
 */
export type ChunkDecoder = {
  decode(bytes: Uint8Array, last: boolean): string;
  readonly exact: boolean;
  /**
   * True when ASCII bytes given next would decode to themselves with nothing carried in: a strict
   * UTF-8 decoder past the stream's first piece (where a BOM goes) that holds no partial
   * character. Its reader may then take a run of ASCII bytes as text without decoding them.
   */
  readonly asciiAsIs: boolean;
};

export function createChunkDecoder(encoding: TextEncodingName, lenient = false): ChunkDecoder {
  if (encoding === 'windows-1252') {
    return {
      exact: false,
      asciiAsIs: false,
      decode(bytes) {
        const parts: string[] = [];
        const step = 8192;
        for (let start = 0; start < bytes.length; start += step) {
          const end = Math.min(bytes.length, start + step);
          const codes = new Array<number>(end - start);
          for (let i = start; i < end; i++) {
            const b = bytes[i]!;
            codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
          }
          parts.push(String.fromCharCode(...codes));
        }
        return parts.join('');
      },
    };
  }
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  // The BOM is stripped by the decoder itself (ignoreBOM: false); fatal only for UTF-8, where a
  // bad byte means the guess was wrong rather than that the file is damaged.
  const fatal = label === 'utf-8' && !lenient;
  const decoder = new TextDecoder(label, { fatal });
  if (label !== 'utf-8') {
    return {
      exact: false,
      asciiAsIs: false,
      decode(bytes, last) {
        return decoder.decode(bytes, { stream: !last });
      },
    };
  }
  // A UTF-8 piece that starts and ends between characters decodes the same on its own, and a
  // one-shot decode is about twice as fast as a streaming one in V8/ICU. The one-shot decoder
  // keeps a BOM-like U+FEFF (ignoreBOM: true): only the stream's first piece may lose a BOM, and
  // that piece always goes through the streaming decoder.
  const whole = new TextDecoder(label, { fatal, ignoreBOM: true });
  let started = false;
  let between = true; // the streaming decoder holds no partial character
  let exact = false;
  return {
    get exact() {
      return exact;
    },
    get asciiAsIs() {
      return fatal && started && between;
    },
    decode(bytes, last) {
      const n = bytes.length;
      const endsBetween = n === 0 || bytes[n - 1]! < 0x80;
      const bom = !started && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      exact = fatal && between && endsBetween && !bom;
      if (started && between && endsBetween && !last) return whole.decode(bytes);
      started = started || n > 0;
      between = endsBetween;
      return decoder.decode(bytes, { stream: !last });
    },
  };
}
