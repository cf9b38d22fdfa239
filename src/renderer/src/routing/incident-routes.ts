// Hash routes of the incident screens: #/incidents, #/incidents/<id>,
// #/incidents/<id>/postmortem, #/print/postmortem/<id> and #/print/reports (print views, no app frame),
// #/reports and #/playbook. Pure; routes.ts delegates to these.

export type IncidentRoute =
  | { name: 'incidents' }
  | { name: 'incident'; id: string }
  | { name: 'postmortem'; id: string }
  | { name: 'postmortem-print'; id: string }
  | { name: 'reports-print' }
  | { name: 'reports' }
  | { name: 'playbook' };

export const INCIDENT_ROUTE_HEADS = ['incidents', 'print', 'reports', 'playbook'] as const;

function decode(part: string | undefined): string | null {
  if (!part) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null; // a malformed %-escape in a hand-typed address
  }
}

/** The route for a path's head and rest, or null when the path is not an incident screen. */
export function parseIncidentRoute(head: string | undefined, rest: readonly string[]): IncidentRoute | null {
  switch (head) {
    case 'reports':
      return { name: 'reports' };
    case 'playbook':
      return { name: 'playbook' };
    case 'incidents': {
      const id = decode(rest[0]);
      if (id === null) return { name: 'incidents' };
      return rest[1] === 'postmortem' ? { name: 'postmortem', id } : { name: 'incident', id };
    }
    case 'print': {
      if (rest[0] === 'reports') return { name: 'reports-print' };
      const id = decode(rest[1]);
      return rest[0] === 'postmortem' && id !== null ? { name: 'postmortem-print', id } : null;
    }
    default:
      return null;
  }
}

export function incidentRouteToHash(route: IncidentRoute): string {
  switch (route.name) {
    case 'incidents':
      return '#/incidents';
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.id)}`;
    case 'postmortem':
      return `#/incidents/${encodeURIComponent(route.id)}/postmortem`;
    case 'postmortem-print':
      return `#/print/postmortem/${encodeURIComponent(route.id)}`;
    case 'reports':
      return '#/reports';
    case 'reports-print':
      return '#/print/reports';
    case 'playbook':
      return '#/playbook';
  }
}

const NAMES: ReadonlySet<string> = new Set(['incidents', 'incident', 'postmortem', 'postmortem-print', 'reports', 'reports-print', 'playbook']);

export function isIncidentRoute(route: { name: string }): route is IncidentRoute {
  return NAMES.has(route.name);
}

/** The incident a route shows, if any. */
export function incidentIdOf(route: { name: string }): string | null {
  return isIncidentRoute(route) && 'id' in route ? route.id : null;
}
