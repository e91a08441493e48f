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

  it('writes byte pieces among text pieces as they are, including one reused view and one larger than the buffer', () => {
    const encoder = new TextEncoder();
    const reused = new Uint8Array(64);
    function* pieces(): Generator<string | Uint8Array, void, void> {
      yield '[\n';
      for (let i = 0; i < 3000; i++) {
        const bytes = encoder.encode(`    [${i / 3},"é"],\n`);
        reused.set(bytes); // the producer overwrites its view for the next piece
        yield reused.subarray(0, bytes.length);
      }
      yield encoder.encode('y'.repeat(1_500_000));
      yield '"end"]\n';
    }
    const expected = ['[\n', ...Array.from({ length: 3000 }, (_, i) => `    [${i / 3},"é"],\n`), 'y'.repeat(1_500_000), '"end"]\n'].join('');
    const target = join(dir, 'bytes.json');
    writeFileAtomic(target, pieces());
    expect(readFileSync(target, 'utf8')).toBe(expected);
  });

  it('writes nothing but an empty file for no pieces', () => {
    const target = join(dir, 'empty.json');
    writeFileAtomic(target, []);
    expect(readFileSync(target, 'utf8')).toBe('');
  });
});
