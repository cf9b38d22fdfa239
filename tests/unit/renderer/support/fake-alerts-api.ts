// The alerts part of the scriptable fake OpsApi: every method of the part (read from its channel
// table, so a new method needs no line here) answers from a handler a test replaces.
import type { MethodArg, MethodResult, OpsApi } from '../../../../src/shared/api';
import type { AlertsChangedEvent } from '../../../../src/shared/alerts';
import { ALERTS_API } from '../../../../src/shared/contract/alerts-api';
import { OpsError } from '../../../../src/shared/errors';

export const ALERTS_METHODS = Object.keys(ALERTS_API.methods) as Array<keyof typeof ALERTS_API.methods>;
export type AlertsMethod = (typeof ALERTS_METHODS)[number];

export type AlertsHandlers = { [K in AlertsMethod]: (arg: MethodArg<K>) => Promise<MethodResult<K>> | MethodResult<K> };

/** What a fresh engine answers before a test scripts more: no alerts, nothing configured. */
const DEFAULTS: Partial<Record<AlertsMethod, () => unknown>> = { listAlerts: () => [], listAlertRules: () => [], listSilences: () => [], listMaintenance: () => [], getDiskForecasts: () => [], getBaselineBand: () => null };

export function createAlertsFake(call: <K extends AlertsMethod>(method: K, arg: MethodArg<K>) => Promise<MethodResult<K>>) {
  const listeners = new Set<(e: AlertsChangedEvent) => void>();
  const notScripted = (method: string) => () => {
    throw new OpsError('UNAVAILABLE', `The test did not script ${method}.`);
  };
  const handlers = Object.fromEntries(ALERTS_METHODS.map((m) => [m, DEFAULTS[m] ?? notScripted(m)])) as unknown as AlertsHandlers;
  const methods = Object.fromEntries(ALERTS_METHODS.map((m) => [m, (arg: never) => call(m, arg)])) as unknown as Pick<OpsApi, AlertsMethod>;
  return {
    handlers,
    methods,
    onDidChangeAlerts(listener: (e: AlertsChangedEvent) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emitAlertsChanged: (event: AlertsChangedEvent) => listeners.forEach((l) => l(event)),
    listenerCount: () => listeners.size,
  };
}
