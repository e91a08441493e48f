import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './output';

const dir = mkdtempSync(join(tmpdir(), 'segstudio-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic(target, pieces)', () => {
  it('writes the pieces as UTF-8, exactly their concatenation, across buffer refills and oversized pieces', () => {
    const pieces = ['{"note": "Ünïcödé — ≤ 😀",\n', ...Array.from({ length: 5000 }, (_, i) => `    [${i / 7},${-i * Math.PI}],\n`), 'é'.repeat(600_000), 'x'.repeat(2_000_000), '"end"}\n'];
    const target = join(dir, 'sub', 'result.json');
    writeFileAtomic(target, pieces);
    expect(readFileSync(target, 'utf8')).toBe(pieces.join(''));
    expect(readdirSync(join(dir, 'sub'))).toEqual(['result.json']);
  });

  it('writes nothing but an empty file for no pieces', () => {
    const target = join(dir, 'empty.json');
    writeFileAtomic(target, []);
    expect(readFileSync(target, 'utf8')).toBe('');
  });
});
