/**
 * Entry point of a Node worker thread (bundled to out/cli/worker-entry.cjs): connects the pure
 * worker host (core/jobs/worker-host.ts) to worker_threads' parentPort.
 */
import { parentPort } from 'node:worker_threads';
import type { JobRequest } from '../../jobs/protocol';
import { createWorkerHost } from '../../jobs/worker-host';

const port = parentPort;
if (port === null) throw new Error('worker-entry must run inside a worker thread.');
const host = createWorkerHost((event, transfer) => port.postMessage(event, transfer));
port.on('message', (request: JobRequest) => host.handle(request));
