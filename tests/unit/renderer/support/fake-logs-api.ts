// The logs part of the scriptable fake OpsApi: every method of the part (read from its channel
// table) answers from a handler a test replaces; batches are pushed by hand.
import type { MethodArg, MethodResult, OpsApi } from '../../../../src/shared/api';
import { LOGS_API } from '../../../../src/shared/contract/logs-api';
import { OpsError } from '../../../../src/shared/errors';
import type { LogBatch } from '../../../../src/shared/logs';

export const LOGS_METHODS = Object.keys(LOGS_API.methods) as Array<keyof typeof LOGS_API.methods>;
export type LogsMethod = (typeof LOGS_METHODS)[number];

export type LogsHandlers = { [K in LogsMethod]: (arg: MethodArg<K>) => Promise<MethodResult<K>> | MethodResult<K> };

const DEFAULTS: Partial<Record<LogsMethod, () => unknown>> = { listLogEvents: () => [], listLogFiles: () => [], renewLogView: () => undefined, closeLogView: () => undefined };

export function createLogsFake(call: <K extends LogsMethod>(method: K, arg: MethodArg<K>) => Promise<MethodResult<K>>) {
  const listeners = new Set<(b: LogBatch) => void>();
  const notScripted = (method: string) => () => {
    throw new OpsError('UNAVAILABLE', `The test did not script ${method}.`);
  };
  const handlers = Object.fromEntries(LOGS_METHODS.map((m) => [m, DEFAULTS[m] ?? notScripted(m)])) as unknown as LogsHandlers;
  const methods = Object.fromEntries(LOGS_METHODS.map((m) => [m, (arg: never) => call(m, arg)])) as unknown as Pick<OpsApi, LogsMethod>;
  return {
    handlers,
    methods,
    onDidLogLines(listener: (b: LogBatch) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emitLogBatch: (batch: LogBatch) => listeners.forEach((l) => l(batch)),
    listenerCount: () => listeners.size,
  };
}
