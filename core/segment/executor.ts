/**
 * Where the units of a segmentation job run: in this thread (tests, the renderer's fallback) or in
 * a worker pool (the CLI's worker_threads). Both take the same units and return outcomes in unit
 * order; units are pure functions of (data, unit), so the two give identical results.
 */
import type { RunOptions } from '../jobs/run-steps';
import { runSteps, throwIfAborted } from '../jobs/run-steps';
import { runBootstrapUnit, type BootstrapOutcome, type BootstrapUnit } from './bootstrap-units';
import { resolveModel, type ModelRef } from './model-registry';
import { runStartUnit, type StartUnit, type UnitExecutor, type UnitOutcome } from './multistart';

export type SegmentExecutor = {
  runUnits<P>(model: ModelRef, units: StartUnit<P>[], onUnitDone: () => void, run: RunOptions): Promise<UnitOutcome<P>[]>;
  runBootstrap(model: ModelRef, units: BootstrapUnit[], onUnitDone: () => void, run: RunOptions): Promise<BootstrapOutcome[]>;
};

/** Runs every unit here, one after another, through runSteps (cancellable, yields to the event loop). */
export function inProcessExecutor(data: unknown): SegmentExecutor {
  return {
    async runUnits<P>(ref: ModelRef, units: StartUnit<P>[], onUnitDone: () => void, run: RunOptions): Promise<UnitOutcome<P>[]> {
      const model = resolveModel(ref);
      const outcomes: UnitOutcome<P>[] = [];
      for (const unit of units) {
        throwIfAborted(run.signal);
        const outcome = await runSteps(runStartUnit(model, data, unit as StartUnit<unknown>), run.signal === undefined ? {} : { signal: run.signal });
        outcomes.push(outcome as UnitOutcome<P>);
        onUnitDone();
      }
      return outcomes;
    },
    async runBootstrap(ref: ModelRef, units: BootstrapUnit[], onUnitDone: () => void, run: RunOptions): Promise<BootstrapOutcome[]> {
      const model = resolveModel(ref);
      const outcomes: BootstrapOutcome[] = [];
      for (const unit of units) {
        throwIfAborted(run.signal);
        outcomes.push(await runSteps(runBootstrapUnit(model, data, unit), run.signal === undefined ? {} : { signal: run.signal }));
        onUnitDone();
      }
      return outcomes;
    },
  };
}

/** The multistart driver's executor for one model. */
export function unitExecutorFor<P>(executor: SegmentExecutor, model: ModelRef): UnitExecutor<P> {
  return (units, onUnitDone, run) => executor.runUnits(model, units, onUnitDone, run);
}
