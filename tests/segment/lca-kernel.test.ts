import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random/rng';
import { MAX_SPECIALISED_K, selectEmPass } from '../../core/segment/lca/lca-kernels.generated';

/** The fused pass written plainly (probabilities, no unrolling) as the reference. */
function naivePass(codes: Uint8Array, n: number, J: number, offsets: Int32Array, logTheta: Float64Array, logPrior: Float64Array, stride: number, weights: Float64Array, K: number) {
  const counts = new Float64Array(logTheta.length), totals = new Float64Array(K), post = new Float64Array(n * K);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const joint = Array.from({ length: K }, (_, k) => {
      let p = Math.exp(logPrior[i * stride + k]!);
      for (let j = 0; j < J; j++) {
        const c = codes[i * J + j]!;
        if (c !== 255) p *= Math.exp(logTheta[(offsets[j]! + c) * K + k]!);
      }
      return p;
    });
    const total = joint.reduce((a, b) => a + b, 0);
    ll += weights[i]! * Math.log(total);
    for (let k = 0; k < K; k++) {
      const tau = joint[k]! / total;
      post[i * K + k] = tau;
      totals[k]! += weights[i]! * tau;
      for (let j = 0; j < J; j++) {
        const c = codes[i * J + j]!;
        if (c !== 255) counts[(offsets[j]! + c) * K + k]! += weights[i]! * tau;
      }
    }
  }
  return { ll, counts, totals, post };
}

describe('selectEmPass(K): the generated fused E+M kernels', () => {
  for (let K = 1; K <= MAX_SPECIALISED_K + 2; K++) {
    it(`K=${K}${K > MAX_SPECIALISED_K ? ' (generic loop)' : ''}: ℓ, posteriors, counts and class totals equal a plain evaluation`, () => {
      const rng = createRng(100 + K);
      const n = 60, J = 5, C = [2, 3, 4, 5, 3];
      const offsets = Int32Array.from([0, 2, 5, 9, 14]);
      const T = 17;
      const codes = Uint8Array.from({ length: n * J }, (_, q) => (rng.uniform() < 0.1 ? 255 : rng.int(C[q % J]!)));
      const logTheta = Float64Array.from({ length: T * K }, () => Math.log(0.05 + rng.uniform()));
      const weights = Float64Array.from({ length: n }, () => 0.5 + rng.uniform());
      for (const stride of [0, K]) {
        const logPrior = Float64Array.from({ length: stride === 0 ? K : n * K }, () => Math.log(0.1 + rng.uniform()) - 1);
        const counts = new Float64Array(T * K), totals = new Float64Array(K), post = new Float64Array(n * K);
        const ll = selectEmPass(K)(codes, n, J, offsets, logTheta, logPrior, stride, weights, counts, totals, post);
        const ref = naivePass(codes, n, J, offsets, logTheta, logPrior, stride, weights, K);
        expect(ll).toBeCloseTo(ref.ll, 9);
        ref.post.forEach((v, q) => expect(post[q]).toBeCloseTo(v, 12));
        ref.counts.forEach((v, q) => expect(counts[q]).toBeCloseTo(v, 11));
        ref.totals.forEach((v, k) => expect(totals[k]).toBeCloseTo(v, 11));
      }
    });
  }

  it('never produces NaN when every class has a floored (impossible) answer', () => {
    const K = 3;
    const logTheta = new Float64Array(2 * K).fill(-700);
    const post = new Float64Array(K);
    const ll = selectEmPass(K)(Uint8Array.from([0]), 1, 1, Int32Array.from([0]), logTheta, new Float64Array(K).fill(-Math.log(K)), 0, Float64Array.from([1]), new Float64Array(2 * K), new Float64Array(K), post);
    expect(ll).toBeCloseTo(-700, 9);
    post.forEach((p) => expect(p).toBeCloseTo(1 / 3, 12));
  });
});

describe('lca-kernels.generated.ts', () => {
  it('is what generate-kernels.mjs produces (regenerate after changing the generator)', () => {
    const dir = fileURLToPath(new URL('../../core/segment/lca/', import.meta.url));
    const generated = spawnSync(process.execPath, [`${dir}generate-kernels.mjs`, '-'], { encoding: 'utf8' });
    expect(generated.status).toBe(0);
    expect(generated.stdout).toBe(readFileSync(`${dir}lca-kernels.generated.ts`, 'utf8'));
  });
});
