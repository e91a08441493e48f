/**
 * The opt-in bootstrap of a model-comparison run: for every fitted K ≥ 2, B stability replicates
 * (ARI between refits on resamples and the full solution) and, where K−1 was fitted too, B
 * parametric-bootstrap LRT replicates of K−1 vs K (bootstrap-units.ts states both procedures).
 * All replicates go to the executor at once, so a worker pool runs them in parallel; the job's
 * signal cancels them.
 */
import type { RunOptions } from '../jobs/run-steps';
import { REFIT_DEFAULTS, summariseBlrt, summariseStability, type BlrtSummary, type BootstrapUnit, type StabilitySummary } from './bootstrap-units';
import type { SegmentExecutor } from './executor';
import type { MixtureModel } from './mixture-model';
import type { ModelRef } from './model-registry';
import type { MixtureFit } from './multistart';

export type BootstrapReport = { replicates: number; stability: StabilitySummary[]; blrt: BlrtSummary[]; method: string };

export async function runBootstrapSuite<D, P>(model: MixtureModel<D, P>, ref: ModelRef, data: D, fits: readonly (MixtureFit<P> | null)[], replicates: number, seed: number, executor: SegmentExecutor, run: RunOptions = {}): Promise<BootstrapReport> {
  const units: BootstrapUnit[] = [];
  const byK = new Map<number, MixtureFit<P>>();
  for (const fit of fits) if (fit !== null) byK.set(fit.k, fit);
  for (const fit of byK.values()) {
    if (fit.k < 2) continue;
    for (let b = 0; b < replicates; b++) {
      if (model.resample !== undefined) units.push({ type: 'stability', k: fit.k, replicate: b, seed, reference: fit.params, refit: REFIT_DEFAULTS });
      const smaller = byK.get(fit.k - 1);
      if (smaller !== undefined && model.simulate !== undefined) {
        units.push({ type: 'blrt', k: fit.k, replicate: b, seed, nullParams: smaller.params, alternativeParams: fit.params, refit: REFIT_DEFAULTS });
      }
    }
  }
  let done = 0;
  const outcomes = await executor.runBootstrap(ref, units, () => {
    done++;
    run.onProgress?.({ stage: 'bootstrap', current: done, total: units.length });
  }, run);
  const stability: StabilitySummary[] = [];
  const blrt: BlrtSummary[] = [];
  for (const fit of byK.values()) {
    const aris = outcomes.filter((o) => o.type === 'stability' && o.k === fit.k).map((o) => (o.type === 'stability' ? o.ari : NaN));
    if (aris.length > 0) stability.push(summariseStability(fit.k, aris));
    const lrts = outcomes.filter((o) => o.type === 'blrt' && o.k === fit.k).map((o) => (o.type === 'blrt' ? o.lrt : NaN));
    const smaller = byK.get(fit.k - 1);
    if (lrts.length > 0 && smaller !== undefined) blrt.push(summariseBlrt(fit.k, 2 * (fit.logLik - smaller.logLik), lrts));
  }
  return {
    replicates,
    stability,
    blrt,
    method: `Stability: ${replicates} resamples of the respondents with replacement, refit with ${REFIT_DEFAULTS.starts} random starts + a k-means start, ARI against the full solution. BLRT: ${replicates} data sets simulated from the K−1 model, both models refit (warm start + random starts), p = (1 + #{LRT_b ≥ LRT_obs}) / (B + 1).`,
  };
}
