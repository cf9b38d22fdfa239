import { describe, expect, it } from 'vitest';
import { incidentIdOf } from '../../../../src/renderer/src/routing/incident-routes';
import { parseRoute, routeToHash, type Route } from '../../../../src/renderer/src/routing/routes';

describe('incident routes', () => {
  it.each([
    ['#/incidents', { name: 'incidents' }],
    ['#/incidents/', { name: 'incidents' }],
    ['#/incidents/INC-0001', { name: 'incident', id: 'INC-0001' }],
    ['#/incidents/INC-0001/postmortem', { name: 'postmortem', id: 'INC-0001' }],
    ['#/print/postmortem/INC-0001', { name: 'postmortem-print', id: 'INC-0001' }],
    ['#/print/reports', { name: 'reports-print' }],
    ['#/print/other/INC-0001', { name: 'overview' }],
    ['#/incidents/%E0%A4%A', { name: 'incidents' }],
    ['#/reports', { name: 'reports' }],
    ['#/playbook', { name: 'playbook' }],
  ])('%s is %o', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trip every incident screen, ids with characters that need escaping included', () => {
    const routes: Route[] = [
      { name: 'incidents' },
      { name: 'incident', id: '장애 1/2' },
      { name: 'postmortem', id: 'INC-0001' },
      { name: 'postmortem-print', id: 'a#b?c' },
      { name: 'reports' },
      { name: 'playbook' },
    ];
    for (const route of routes) expect(parseRoute(routeToHash(route))).toEqual(route);
  });

  it('name the incident a screen shows', () => {
    expect(incidentIdOf({ name: 'postmortem', id: 'INC-0002' } as Route)).toBe('INC-0002');
    expect(incidentIdOf({ name: 'reports' })).toBeNull();
    expect(incidentIdOf({ name: 'host', targetId: 'x' } as Route)).toBeNull();
  });
});
