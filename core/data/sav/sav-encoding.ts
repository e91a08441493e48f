/**
 * Text encoding of a system file. The character encoding record (7.20) names it ("UTF-8",
 * "windows-1252"); older files only give a Windows code page number in the machine integer
 * record (7.3). Text is always decoded once per whole value (after segments and chunks are
 * reassembled as bytes), so a multi-byte character is never split.
 */
import { notice, type Notice } from '../../notices';

const CODE_PAGES: Record<number, string> = {
  2: 'windows-1252', // "7-bit ASCII" in old files; 1252 is a superset that never fails
  874: 'windows-874', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5',
  1250: 'windows-1250', 1251: 'windows-1251', 1252: 'windows-1252', 1253: 'windows-1253',
  1254: 'windows-1254', 1255: 'windows-1255', 1256: 'windows-1256', 1257: 'windows-1257',
  1258: 'windows-1258', 20127: 'windows-1252', 20866: 'koi8-r', 20932: 'euc-jp', 21866: 'koi8-u',
  28591: 'iso-8859-1', 28592: 'iso-8859-2', 28593: 'iso-8859-3', 28594: 'iso-8859-4',
  28595: 'iso-8859-5', 28596: 'iso-8859-6', 28597: 'iso-8859-7', 28598: 'iso-8859-8',
  28599: 'iso-8859-9', 28605: 'iso-8859-15', 51932: 'euc-jp', 54936: 'gb18030', 65001: 'utf-8',
};

export type SavTextDecoder = { encoding: string; decode(bytes: Uint8Array): string; notices: Notice[] };

/**
 * Chooses the decoder: the 7.20 name if present and known, else the 7.3 code page, else
 * windows-1252 with an 'encoding-guessed' notice.
 */
export function createSavDecoder(fileName: string, encodingName: string | null, codePage: number | null): SavTextDecoder {
  const notices: Notice[] = [];
  const tryLabel = (label: string): TextDecoder | null => {
    try {
      return new TextDecoder(label);
    } catch {
      return null;
    }
  };
  let decoder: TextDecoder | null = null;
  if (encodingName !== null) {
    decoder = tryLabel(encodingName.trim());
    if (decoder === null) {
      notices.push(notice('encoding-guessed', 'warning', `'${fileName}' declares the unknown text encoding '${encodingName}'; text was read as windows-1252. Check labels for wrong characters.`));
    }
  }
  if (decoder === null && encodingName === null && codePage !== null) {
    const label = CODE_PAGES[codePage];
    if (label !== undefined) decoder = tryLabel(label);
    if (decoder === null) {
      notices.push(notice('encoding-guessed', 'warning', `'${fileName}' uses code page ${codePage}, which is not supported; text was read as windows-1252. Check labels for wrong characters.`));
    }
  }
  if (decoder === null && encodingName === null && codePage === null) {
    notices.push(notice('encoding-guessed', 'info', `'${fileName}' does not state its text encoding; text was read as windows-1252.`));
  }
  decoder ??= new TextDecoder('windows-1252');
  const chosen = decoder;
  // Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80 → U+0080 instead of €).
  if (chosen.encoding === 'windows-1252') return { encoding: 'windows-1252', decode: decodeWindows1252, notices };
  return { encoding: chosen.encoding, decode: (bytes) => chosen.decode(bytes), notices };
}

/** Bytes 0x80..0x9F of windows-1252 (WHATWG index); the other bytes equal their code point. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** windows-1252 decoding that does not depend on the runtime's TextDecoder tables. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b);
  }
  return out;
}

/** Trailing spaces (SPSS pads strings with 0x20) and NULs removed, on bytes, before decoding. */
export function trimPadding(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return bytes.subarray(0, end);
}
