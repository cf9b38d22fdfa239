// The incident features' slices as one piece for the store: the list and room, the
// post-mortem form, reports and the playbook. Also what the session and the router call.
import { incidentIdOf, isIncidentRoute } from '../routing/incident-routes';
import type { Route } from '../routing/routes';
import { createIncidentsSlice, type IncidentsSlice } from './incidents-slice';
import { createPeopleSlice, type PeopleSlice } from './people-slice';
import { createPlaybookSlice, type PlaybookSlice } from './playbook-slice';
import { createPostmortemSlice, type PostmortemSlice } from './postmortem-slice';
import { createReportsSlice, type ReportsSlice } from './reports-slice';
import type { GetState, SliceCreator } from './types';

export type IncidentFeatureSlices = IncidentsSlice & PostmortemSlice & ReportsSlice & PlaybookSlice & PeopleSlice;

export const createIncidentFeatureSlices: SliceCreator<IncidentFeatureSlices> = (set, get, deps) => ({
  ...createIncidentsSlice(set, get, deps),
  ...createPostmortemSlice(set, get, deps),
  ...createReportsSlice(set, get, deps),
  ...createPlaybookSlice(set, get, deps),
  ...createPeopleSlice(set, get, deps),
});

/** Opens or closes the incident room, the post-mortem and the pages' data to match a route. */
export function followIncidentRoute(get: GetState, route: Route): void {
  const id = incidentIdOf(route);
  if (id !== null) void get().openIncident(id);
  else if (get().room.id !== null) get().closeIncident();

  const pmId = route.name === 'postmortem' || route.name === 'postmortem-print' ? route.id : null;
  if (pmId !== null && get().postmortem.incidentId !== pmId) void get().openPostmortem(pmId);
  else if (pmId === null && get().postmortem.incidentId !== null) get().closePostmortem();

  if (route.name === 'reports' || (route.name === 'reports-print' && get().report === null)) void get().loadReport();
  if (isIncidentRoute(route) || route.name === 'host') get().ensurePlaybook();
  if (isIncidentRoute(route)) get().ensurePeople();
  if (route.name === 'playbook') void get().loadPlaybook();
}

/** After a reconnect: the list, and whatever incident screen is open, may have missed changes. */
export function resyncIncidents(get: GetState): void {
  void get().loadIncidents();
  if (get().room.id !== null) void get().refreshIncident();
  if (get().postmortem.incidentId !== null && get().postmortem.status === 'error') void get().openPostmortem(get().postmortem.incidentId!);
  if (get().route.name === 'reports') void get().loadReport();
}
