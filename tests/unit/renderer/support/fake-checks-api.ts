// The checks part of the scriptable fake OpsApi: every method of the part (read from its channel
// table, so a new method needs no line here) answers from a handler a test replaces.
import type { MethodArg, MethodResult, OpsApi } from '../../../../src/shared/api';
import type { ChecksChangedEvent } from '../../../../src/shared/checks';
import { CHECKS_API } from '../../../../src/shared/contract/checks-api';
import { OpsError } from '../../../../src/shared/errors';

export const CHECKS_METHODS = Object.keys(CHECKS_API.methods) as Array<keyof typeof CHECKS_API.methods>;
export type ChecksMethod = (typeof CHECKS_METHODS)[number];

export type ChecksHandlers = { [K in ChecksMethod]: (arg: MethodArg<K>) => Promise<MethodResult<K>> | MethodResult<K> };

/** What a fresh engine answers before a test scripts more: no checks, no kinds. */
const DEFAULTS: Partial<Record<ChecksMethod, () => unknown>> = { listKinds: () => [], listChecks: () => [] };

export function createChecksFake(call: <K extends ChecksMethod>(method: K, arg: MethodArg<K>) => Promise<MethodResult<K>>) {
  const listeners = new Set<(e: ChecksChangedEvent) => void>();
  const notScripted = (method: string) => () => {
    throw new OpsError('UNAVAILABLE', `The test did not script ${method}.`);
  };
  const handlers = Object.fromEntries(CHECKS_METHODS.map((m) => [m, DEFAULTS[m] ?? notScripted(m)])) as unknown as ChecksHandlers;
  const methods = Object.fromEntries(CHECKS_METHODS.map((m) => [m, (arg: never) => call(m, arg)])) as unknown as Pick<OpsApi, ChecksMethod>;
  return {
    handlers,
    methods,
    onDidChangeChecks(listener: (e: ChecksChangedEvent) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emitChecksChanged: (event: ChecksChangedEvent) => listeners.forEach((l) => l(event)),
    listenerCount: () => listeners.size,
  };
}
