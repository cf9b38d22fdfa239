// Hash routes without a router library: #/ (overview), #/host/<id>, #/logs/<host>?source&at, #/glossary,
// #/glossary/<entry id>, #/wall; ?mode=wall also selects the wall so a NOC screen's bookmark
// survives someone clicking around. Pure.
import type { TargetId } from '../../../shared/model';
import { incidentRouteToHash, isIncidentRoute, parseIncidentRoute, type IncidentRoute } from './incident-routes';

export type Route =
  | { name: 'overview' }
  | { name: 'host'; targetId: TargetId }
  /** A check of another kind (a database): the page its descriptor draws. */
  | { name: 'check'; targetId: TargetId }
  | { name: 'glossary'; entryId: string | null }
  | { name: 'wall' }
  | { name: 'inventory' }
  /** The Alerts screen, optionally with one alert opened. */
  | { name: 'alerts'; alertId: string | null }
  | { name: 'settings'; tab: SettingsTab }
  /** A server's logs: one source selected, optionally around a moment ("jump to this time"). */
  | { name: 'logs'; hostId: TargetId; sourceId: string | null; at: number | null }
  | IncidentRoute;

export type SettingsTab = 'rules' | 'channels' | 'maintenance' | 'silences';
export const SETTINGS_TABS: readonly SettingsTab[] = ['rules', 'channels', 'maintenance', 'silences'];

export const OVERVIEW: Route = { name: 'overview' };

function decodeRest(rest: string[]): string | null {
  const joined = rest.join('/');
  if (joined === '') return null;
  try {
    return decodeURIComponent(joined);
  } catch {
    return null; // a malformed %-escape in a hand-typed address
  }
}

/** #/logs/<host>?source=<check>&at=<ms>: the query is inside the hash, so links survive reloads. */
function parseLogsRoute(rest: string[], query: string): Route {
  const hostId = decodeRest(rest);
  if (hostId === null) return OVERVIEW;
  const params = new URLSearchParams(query);
  const at = Number(params.get('at'));
  const source = params.get('source');
  return { name: 'logs', hostId, sourceId: source && /^[A-Za-z0-9_-]{1,64}$/.test(source) ? source : null, at: Number.isSafeInteger(at) && at > 0 ? at : null };
}

export function parseRoute(hash: string, search = ''): Route {
  if (new URLSearchParams(search).get('mode') === 'wall') return { name: 'wall' };
  const [hashPath = '', hashQuery = ''] = hash.replace(/^#/, '').split('?', 2);
  if (/^\/*logs(\/|$)/.test(hashPath)) return parseLogsRoute(hashPath.replace(/^\/*logs\/?/, '').split('/'), hashQuery);
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'wall') return { name: 'wall' };
  if (head === 'inventory') return { name: 'inventory' };
  if (head === 'alerts') return { name: 'alerts', alertId: decodeRest(rest) };
  if (head === 'settings') {
    const tab = decodeRest(rest);
    return { name: 'settings', tab: SETTINGS_TABS.includes(tab as SettingsTab) ? (tab as SettingsTab) : 'rules' };
  }
  if (head === 'host') {
    const targetId = decodeRest(rest);
    return targetId === null ? OVERVIEW : { name: 'host', targetId };
  }
  if (head === 'check') {
    const targetId = decodeRest(rest);
    return targetId === null ? OVERVIEW : { name: 'check', targetId };
  }
  if (head === 'glossary') return { name: 'glossary', entryId: decodeRest(rest) };
  const incidentRoute = parseIncidentRoute(head, rest);
  if (incidentRoute) return incidentRoute;
  return OVERVIEW;
}

export function routeToHash(route: Route): string {
  if (isIncidentRoute(route)) return incidentRouteToHash(route);
  switch (route.name) {
    case 'overview':
      return '#/';
    case 'host':
      return `#/host/${encodeURIComponent(route.targetId)}`;
    case 'check':
      return `#/check/${encodeURIComponent(route.targetId)}`;
    case 'glossary':
      return route.entryId === null ? '#/glossary' : `#/glossary/${encodeURIComponent(route.entryId)}`;
    case 'wall':
      return '#/wall';
    case 'inventory':
      return '#/inventory';
    case 'alerts':
      return route.alertId === null ? '#/alerts' : `#/alerts/${encodeURIComponent(route.alertId)}`;
    case 'settings':
      return route.tab === 'rules' ? '#/settings' : `#/settings/${route.tab}`;
    case 'logs': {
      const params = new URLSearchParams();
      if (route.sourceId) params.set('source', route.sourceId);
      if (route.at) params.set('at', String(route.at));
      const query = params.toString();
      return `#/logs/${encodeURIComponent(route.hostId)}${query ? `?${query}` : ''}`;
    }
  }
}

/** The logs page of a server at a moment: what an alert or an incident timeline links to. */
export function logsHash(hostId: TargetId, sourceId: string | null, at: number | null = null): string {
  return routeToHash({ name: 'logs', hostId, sourceId, at });
}

/** The deep link to one glossary entry. */
export function glossaryHash(entryId: string): string {
  return routeToHash({ name: 'glossary', entryId });
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeToHash(a) === routeToHash(b);
}
