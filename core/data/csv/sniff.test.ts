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
  it('judges the first 50 non-blank records even when blank lines crowd the start', () => {
    // After 60 blank lines the first 3 records fit ',' and the next 60 fit ';': only a look past
    // the first 64 physical records sees that ';' fits most of the first 50 non-blank ones.
    const body = Array.from({ length: 63 }, (_, i) => (i < 3 ? '1,2' : '1;2'));
    const sample = 'a;b,c\n' + '\n'.repeat(60) + body.join('\n') + '\n';
    expect(sniffDelimiter(sample, '\n', true, 'x.csv')).toBe(';');
    expect(sniffDelimiter(sample.slice(0, 70), '\n', true, 'x.csv')).toBe(',');
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
