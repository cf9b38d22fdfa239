// Stand-ins for the incident half of OpsApi in tests that exercise something else (the IPC
// host, the engine host): every method answers "not available", the event subscribes through
// the caller's own bus.
import type { OpsApi, Unsubscribe } from '../../src/shared/api';
import { OpsError } from '../../src/shared/errors';
import type { IncidentChangedEvent } from '../../src/shared/incidents-contract';

type IncidentKeys = Extract<
  keyof OpsApi,
  | 'listIncidents'
  | 'getIncident'
  | 'draftIncident'
  | 'createIncident'
  | 'applyIncidentCommand'
  | 'composeIncidentMessage'
  | 'getPlaybook'
  | 'importPlaybook'
  | 'exportPlaybook'
  | 'getPostmortem'
  | 'savePostmortem'
  | 'exportPostmortem'
  | 'getIncidentReport'
  | 'exportIncidentReport'
  | 'listPeople'
  | 'savePerson'
  | 'deletePerson'
  | 'exportPeople'
  | 'importPeople'
  | 'onDidChangeIncident'
>;

export function incidentApiStubs(subscribe: (listener: (event: IncidentChangedEvent) => void) => Unsubscribe): Pick<OpsApi, IncidentKeys> {
  const unavailable = async (): Promise<never> => {
    throw new OpsError('UNAVAILABLE', 'Incidents are not part of this test.');
  };
  return {
    listIncidents: async () => [],
    getIncident: unavailable,
    draftIncident: unavailable,
    createIncident: unavailable,
    applyIncidentCommand: unavailable,
    composeIncidentMessage: unavailable,
    getPlaybook: unavailable,
    importPlaybook: unavailable,
    exportPlaybook: unavailable,
    getPostmortem: unavailable,
    savePostmortem: unavailable,
    exportPostmortem: unavailable,
    getIncidentReport: unavailable,
    exportIncidentReport: unavailable,
    listPeople: unavailable,
    savePerson: unavailable,
    deletePerson: unavailable,
    exportPeople: unavailable,
    importPeople: unavailable,
    onDidChangeIncident: subscribe,
  };
}
