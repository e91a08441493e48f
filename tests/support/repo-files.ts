/**
 * Reading the repository's own files from tests that live beside browser code (renderer/**), which
 * must not import Node built-ins themselves: the layering rule keeps renderer/ free of `node:*`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bytes of a file given by its path from the repository root, e.g. 'resources/sample/survey.csv'. */
export function readRepoBytes(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(repoRoot, relativePath)));
}
