// Hash routes without a router library: #/ (overview), #/host/<id>, #/wall; ?mode=wall also
// selects the wall so a NOC screen's bookmark survives someone clicking around. Pure.
import type { TargetId } from '../../../shared/model';

export type Route = { name: 'overview' } | { name: 'host'; targetId: TargetId } | { name: 'wall' };

export const OVERVIEW: Route = { name: 'overview' };

export function parseRoute(hash: string, search = ''): Route {
  if (new URLSearchParams(search).get('mode') === 'wall') return { name: 'wall' };
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'wall') return { name: 'wall' };
  if (head === 'host' && rest.length > 0 && rest.join('/') !== '') {
    try {
      return { name: 'host', targetId: decodeURIComponent(rest.join('/')) };
    } catch {
      return OVERVIEW; // a malformed %-escape in a hand-typed address
    }
  }
  return OVERVIEW;
}

export function routeToHash(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/';
    case 'host':
      return `#/host/${encodeURIComponent(route.targetId)}`;
    case 'wall':
      return '#/wall';
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  if (a.name !== b.name) return false;
  return a.name !== 'host' || a.targetId === (b as { targetId: TargetId }).targetId;
}
