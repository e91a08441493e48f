import { describe, expect, it } from 'vitest';
import { detectNewline, sniffDelimiter } from './sniff';

describe('sniffDelimiter(sample, newline, atEnd, fileName)', () => {
  it('picks the delimiter that gives every record the header\'s field count', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n', '\n', true, 'x.csv')).toBe(',');
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,5;6\n', '\n', true, 'x.csv')).toBe(';');
    expect(sniffDelimiter('a\tb\n"x, y"\t2\n', '\n', true, 'x.txt')).toBe('\t');
  });
  it('ignores delimiters inside quotes', () => {
    expect(sniffDelimiter('name;score\n"Smith, J";3\n"Doe, A";4\n', '\n', true, 'x.csv')).toBe(';');
  });
  it('falls back to the extension for a one-column file', () => {
    expect(sniffDelimiter('id\n1\n2\n', '\n', true, 'x.tsv')).toBe('\t');
    expect(sniffDelimiter('id\n1\n2\n', '\n', true, 'x.csv')).toBe(',');
  });
});

describe('detectNewline(text)', () => {
  it('finds the first line break outside quotes', () => {
    expect(detectNewline('a,b\r\n1,2')).toBe('\r\n');
    expect(detectNewline('"x\ny",b\r1,2')).toBe('\r');
    expect(detectNewline('a,b\n')).toBe('\n');
  });
});
