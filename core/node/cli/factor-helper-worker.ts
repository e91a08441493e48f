/**
 * The helper thread of `segstudio factor` (factor-helper.ts; bundled to out/cli/factor-helper-worker.cjs):
 * answers each request on the port it was given and raises the shared flag, so the command can
 * wait for the answer synchronously. Loads the WebAssembly kernels at once, before any request,
 * and writes one score row: the formatter builds its tables then, not while the command waits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fitPairRange } from '../../factor/correlation-polychoric';
import { parallelReferenceSteps } from '../../factor/parallel-analysis';
import { drainSteps } from '../../jobs/run-steps';
import { kernels } from '../../kernels/instance';
import type { HelperAnswer, HelperRequest, HelperStart } from './factor-helper';
import { scoreRowBytes } from './score-text';

const { answers, flag } = workerData as HelperStart;
kernels();
scoreRowBytes(Float64Array.of(0.5, -1.25), 2, 0, 1);

function answer(request: HelperRequest): { answer: HelperAnswer; transfer: ArrayBuffer[] } {
  switch (request.type) {
    case 'parallel-reference': {
      const reference = drainSteps(parallelReferenceSteps(request.n, request.p, { seed: request.seed, iterations: request.iterations }));
      return { answer: { id: request.id, type: 'parallel-reference', reference }, transfer: [] };
    }
    case 'pair-fits': {
      const fits = fitPairRange(request.job);
      return { answer: { id: request.id, type: 'pair-fits', fits }, transfer: [fits.buffer as ArrayBuffer] };
    }
    case 'score-text': {
      const bytes = scoreRowBytes(request.scores, request.m, request.start, request.stop, request.start);
      return { answer: { id: request.id, type: 'score-text', bytes }, transfer: [bytes.buffer as ArrayBuffer] };
    }
  }
}

parentPort?.on('message', (request: HelperRequest) => {
  let reply: { answer: HelperAnswer; transfer: ArrayBuffer[] };
  try {
    reply = answer(request);
  } catch (error) {
    reply = { answer: { id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
  answers.postMessage(reply.answer, reply.transfer);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
});
