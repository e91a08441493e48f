import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors';
import { createChunkDecoder, detectEncoding, isValidUtf8 } from './encoding';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('detectEncoding(sample)', () => {
  it('reads byte-order marks for UTF-8, UTF-16 LE and BE', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61), true, 'f').encoding).toBe('utf-8-bom');
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0), true, 'f').encoding).toBe('utf-16le');
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61), true, 'f').encoding).toBe('utf-16be');
  });

  it('recognises BOM-less UTF-16 by its NUL pattern', () => {
    const le = new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    const be = new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [0, c.charCodeAt(0)]));
    expect(detectEncoding(le, true, 'f')).toEqual({ encoding: 'utf-16le', bomLength: 0, guessed: true });
    expect(detectEncoding(be, true, 'f')).toEqual({ encoding: 'utf-16be', bomLength: 0, guessed: true });
  });

  it('refuses stray NUL bytes as not text, naming the byte', () => {
    expect(() => detectEncoding(utf8('a,b\n1,\u00002\n'), true, 'x.csv')).toThrow(/NUL bytes \(the first at byte 7\)/);
    try {
      detectEncoding(utf8('a\u0000'), true, 'x.csv');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('file-format');
    }
  });

  it('takes valid UTF-8 as UTF-8 and anything else as Windows-1252', () => {
    expect(detectEncoding(utf8('città,€\n'), true, 'f').encoding).toBe('utf-8');
    expect(detectEncoding(bytes(0x63, 0x61, 0x66, 0xe9, 0x0a), true, 'f')).toEqual({ encoding: 'windows-1252', bomLength: 0, guessed: true });
  });
});

describe('isValidUtf8(bytes, allowTruncatedEnd)', () => {
  it('accepts a multi-byte character cut by the end of a sample only when allowed', () => {
    const euro = utf8('€'); // E2 82 AC
    expect(isValidUtf8(euro.subarray(0, 2), true)).toBe(true);
    expect(isValidUtf8(euro.subarray(0, 2), false)).toBe(false);
    expect(isValidUtf8(euro, false)).toBe(true);
  });
  it('rejects overlong forms and surrogates', () => {
    expect(isValidUtf8(bytes(0xc0, 0xaf), false)).toBe(false);
    expect(isValidUtf8(bytes(0xed, 0xa0, 0x80), false)).toBe(false);
  });
});

describe('createChunkDecoder(encoding)', () => {
  it('decodes Windows-1252 with €, curly quotes and accents (not Latin-1 C1 controls)', () => {
    const text = createChunkDecoder('windows-1252').decode(bytes(0x80, 0x20, 0x92, 0xe9, 0xfc, 0x96), true);
    expect(text).toBe('€ ’éü–');
  });
  it('keeps a UTF-8 character split across two pieces intact', () => {
    const decoder = createChunkDecoder('utf-8');
    const euro = utf8('a€b');
    expect(decoder.decode(euro.subarray(0, 2), false) + decoder.decode(euro.subarray(2), true)).toBe('a€b');
  });
});
