// The incident half of the scriptable fake OpsApi: handlers a test replaces, calls recorded
// through the caller, and the change event fired by hand.
import type { MethodArg, MethodName, MethodResult, OpsApi } from '../../../../src/shared/api';
import { OpsError } from '../../../../src/shared/errors';
import type { IncidentChangedEvent } from '../../../../src/shared/incidents-contract';

export const INCIDENT_METHODS = [
  'listIncidents',
  'getIncident',
  'draftIncident',
  'createIncident',
  'applyIncidentCommand',
  'composeIncidentMessage',
  'getPlaybook',
  'importPlaybook',
  'exportPlaybook',
  'getPostmortem',
  'savePostmortem',
  'exportPostmortem',
  'getIncidentReport',
  'exportIncidentReport',
  'listPeople',
  'savePerson',
  'deletePerson',
  'exportPeople',
  'importPeople',
] as const satisfies readonly MethodName[];
export type IncidentMethod = (typeof INCIDENT_METHODS)[number];

export type IncidentHandlers = { [K in IncidentMethod]: (arg: MethodArg<K>) => Promise<MethodResult<K>> | MethodResult<K> };

export function createIncidentFake(call: <K extends IncidentMethod>(method: K, arg: MethodArg<K>) => Promise<MethodResult<K>>) {
  const listeners = new Set<(e: IncidentChangedEvent) => void>();
  const notScripted = (method: string) => () => {
    throw new OpsError('UNAVAILABLE', `The test did not script ${method}.`);
  };
  const handlers = Object.fromEntries(INCIDENT_METHODS.map((m) => [m, m === 'listIncidents' ? () => [] : m === 'listPeople' ? () => ({ people: [], osUser: 'tester', problem: null }) : notScripted(m)])) as unknown as IncidentHandlers;
  const methods = Object.fromEntries(INCIDENT_METHODS.map((m) => [m, (arg: never) => call(m, arg)])) as unknown as Pick<OpsApi, IncidentMethod>;
  return {
    handlers,
    methods,
    onDidChangeIncident(listener: (e: IncidentChangedEvent) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emitIncidentChanged: (event: IncidentChangedEvent) => listeners.forEach((l) => l(event)),
    listenerCount: () => listeners.size,
  };
}
