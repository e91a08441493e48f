/**
 * The helper thread of `segstudio factor` (factor-helper.ts over the built worker
 * out/cli/factor-helper-worker.cjs): what it returns is bit for bit what the command's own thread
 * computes, and without a worker script there is no helper (the command computes everything).
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPairRange } from '../../factor/correlation-polychoric';
import { parallelReferenceSteps } from '../../factor/parallel-analysis';
import { drainSteps } from '../../jobs/run-steps';
import { createRng } from '../../random/rng';
import { startFactorHelper, type FactorHelper } from './factor-helper';
import { scoreRowBytes } from './score-text';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'out', 'cli', 'factor-helper-worker.cjs');
const bits = (values: Float64Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');

describe('the factor helper thread', () => {
  let helper: FactorHelper | null = null;
  beforeAll(() => {
    const sources = [join(__dirname, 'factor-helper-worker.ts'), join(__dirname, 'score-text.ts'), join(ROOT, 'core', 'factor', 'parallel-analysis.ts'), join(ROOT, 'core', 'factor', 'correlation-polychoric.ts')];
    if (!existsSync(SCRIPT) || statSync(SCRIPT).mtimeMs < Math.max(...sources.map((f) => statSync(f).mtimeMs))) execSync('npm run build:cli', { cwd: ROOT, stdio: 'ignore' });
    helper = startFactorHelper(SCRIPT);
  }, 120_000);
  afterAll(() => helper?.close());

  it('draws the reference of parallel analysis bit for bit as this thread does', () => {
    expect(helper).not.toBeNull();
    for (const [n, p, seed] of [[112_000, 25, 1], [300, 7, 2024]] as const) {
      const theirs = helper!.parallelReference(n, p, seed, 20)();
      const ours = drainSteps(parallelReferenceSteps(n, p, { seed, iterations: 20 }));
      expect(theirs).toBeDefined();
      expect({ ...theirs!, faThreshold: bits(theirs!.faThreshold), pcThreshold: bits(theirs!.pcThreshold), faSimulatedMean: bits(theirs!.faSimulatedMean), pcSimulatedSd: bits(theirs!.pcSimulatedSd) }).toMatchObject({
        n, p, seed, iterations: 20, faThreshold: bits(ours.faThreshold), pcThreshold: bits(ours.pcThreshold), faSimulatedMean: bits(ours.faSimulatedMean), pcSimulatedSd: bits(ours.pcSimulatedSd),
      });
    }
  });

  it('writes the second half of the score rows as this thread would, with several answers in flight', () => {
    const rng = createRng(9);
    const n = 5001;
    const m = 3;
    const scores = Float64Array.from({ length: n * m }, (_, c) => (c % 37 === 0 ? Number.NaN : c % 101 === 0 ? Infinity : rng.normal()));
    const half = Math.ceil(n / 2);
    const first = helper!.scoreText(scores, m, half, n);
    const second = helper!.scoreText(scores, m, 10, 20);
    expect(Buffer.from(second()!).toString('utf8')).toBe(Buffer.from(scoreRowBytes(scores, m, 10, 20)).toString('utf8'));
    const bytes = first()!;
    expect(Buffer.from(bytes).equals(Buffer.from(scoreRowBytes(scores, m, half, n)))).toBe(true);
    const whole = Buffer.concat([Buffer.from(scoreRowBytes(scores, m, 0, half)), Buffer.from(bytes)]).toString('utf8');
    expect(JSON.parse(`[${whole}]`)).toHaveLength(n);
  });

  it('fits a share of the polychoric pairs as this thread would', () => {
    const rng = createRng(4);
    const p = 6;
    const k = 5;
    const pairs = (p * (p - 1)) / 2;
    const tables = Float64Array.from({ length: pairs * k * k }, () => rng.int(40));
    const thresholds = Array.from({ length: p }, () => Float64Array.of(-1.2, -0.3, 0.4, 1.1));
    const job = { tables, thresholds, p, k, global: true, tol: 1.220703e-4, from: 8, to: pairs };
    const theirs = helper!.pairFits(job)();
    expect(theirs).toBeDefined();
    expect(bits(theirs!)).toBe(bits(fitPairRange(job)));
    expect(theirs![3]).toBe(1); // the first delegated pair has a fitted ρ
  });

  it('is absent without its worker script', () => {
    expect(startFactorHelper(join(ROOT, 'out', 'cli', 'no-such-worker.cjs'))).toBeNull();
  });
});
