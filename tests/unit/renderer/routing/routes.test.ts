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
    ['#/glossary', '', { name: 'glossary', entryId: null }],
    ['#/glossary/', '', { name: 'glossary', entryId: null }],
    ['#/glossary/cpu-usage', '', { name: 'glossary', entryId: 'cpu-usage' }],
    ['#/glossary/%E0%A4%A', '', { name: 'glossary', entryId: null }],
  ])('%s%s is %o', (hash, search, route) => {
    expect(parseRoute(hash, search)).toEqual(route);
  });

  it('round-trips target ids with characters that need escaping', () => {
    for (const targetId of ['db/primary', '서버 1', 'a#b?c']) {
      expect(parseRoute(routeToHash({ name: 'host', targetId }))).toEqual({ name: 'host', targetId });
    }
  });

  it('round-trips glossary deep links, including ids an organisation might type', () => {
    for (const entryId of ['latency', 'pay-gateway', '결제 게이트웨이', 'a/b']) {
      expect(parseRoute(routeToHash({ name: 'glossary', entryId }))).toEqual({ name: 'glossary', entryId });
    }
  });
});
