import { describe, expect, it } from 'vitest';
import { parseRoute, routeToHash } from '../../../../src/renderer/src/routing/routes';

describe('hash routes', () => {
  it.each([
    ['', '', { name: 'overview' }],
    ['#/', '', { name: 'overview' }],
    ['#/host/web-1', '', { name: 'host', targetId: 'web-1' }],
    ['#/host/', '', { name: 'overview' }],
    ['#/wall', '', { name: 'wall' }],
    ['#/host/web-1', '?mode=wall', { name: 'wall' }],
    ['#/nowhere', '', { name: 'overview' }],
    ['#/host/%E0%A4%A', '', { name: 'overview' }],
  ])('%s%s is %o', (hash, search, route) => {
    expect(parseRoute(hash, search)).toEqual(route);
  });

  it('round-trips target ids with characters that need escaping', () => {
    for (const targetId of ['db/primary', '서버 1', 'a#b?c']) {
      expect(parseRoute(routeToHash({ name: 'host', targetId }))).toEqual({ name: 'host', targetId });
    }
  });
});
