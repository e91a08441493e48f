/**
 * The one path from an IPC message to a handler: validate the raw arguments for the method, call
 * the handler, and wrap the outcome in a BridgeEnvelope (errors serialized with core/errors).
 * electron/main.ts registers `dispatch` for every channel; tests call it with hostile arguments.
 */
import { toSerializedError } from '../core/errors';
import type { BridgeEnvelope, InvokeMethod } from './contract';
import type { Handlers } from './handlers';
import { validators } from './validate';

export async function dispatch(handlers: Handlers, method: InvokeMethod, args: readonly unknown[]): Promise<BridgeEnvelope<unknown>> {
  try {
    const validated = validators[method](args) as never[];
    const handler = handlers[method] as (...a: never[]) => Promise<unknown>;
    return { ok: true, value: await handler(...validated) };
  } catch (error) {
    return { ok: false, error: toSerializedError(error) };
  }
}
