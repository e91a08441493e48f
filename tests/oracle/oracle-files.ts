/**
 * Access to the R reference results in ../shared/oracle (beside the repository, in CI too).
 * SEGSTUDIO_ORACLE overrides the location. A missing oracle is a test failure, never a skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ORACLE_DIR = process.env['SEGSTUDIO_ORACLE'] ?? resolve(repoRoot, '..', 'shared', 'oracle');

export function oraclePath(...parts: string[]): string {
  const path = join(ORACLE_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`Oracle file ${path} is missing: the R reference results must sit in ../shared/oracle beside the repository (or set SEGSTUDIO_ORACLE).`);
  return path;
}

export function readOracleJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(oraclePath('results', name), 'utf8')) as T;
}

/** An R matrix as stored by the oracle: {rows, cols, values: [[row 1], ...]}. */
export type OracleMatrix = { rows: string[]; cols: string[]; values: (number | null)[][] };
/** An R named vector: {names, values}. */
export type OracleVector = { names: string[]; values: (number | null)[] };

export const REPO_ROOT = repoRoot;
