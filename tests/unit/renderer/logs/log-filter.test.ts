import { describe, expect, it } from 'vitest';
import type { LogItem } from '../../../../src/shared/logs';
import { highlightParts, totalsOf, visibleItems, waitingCount } from '../../../../src/renderer/src/features/logs/log-filter';
import { logsHash, parseRoute, routeToHash } from '../../../../src/renderer/src/routing/routes';

const ev = (seq: number, level: 'error' | 'info' | 'warn', text: string): LogItem => ({ type: 'event', seq, ts: seq, level, text, lines: 1, cut: false });
const ITEMS: LogItem[] = [ev(1, 'info', 'GET /cart 200'), ev(2, 'error', 'payment FAILED for order 7'), { type: 'mark', seq: 3, ts: 3, kind: 'rotated' }, ev(4, 'warn', 'slow payment'), ev(5, 'info', 'done')];

describe('the live view filter', () => {
  it('filters by level and by text case-insensitively, and never hides a mark', () => {
    const shown = visibleItems(ITEMS, { levels: ['error', 'warn'], search: 'PAYMENT', pausedAtSeq: null });
    expect(shown.map((i) => i.seq)).toEqual([2, 3, 4]);
  });

  it('holds what came after a pause, and counts it', () => {
    expect(visibleItems(ITEMS, { levels: ['info', 'error', 'warn'], search: '', pausedAtSeq: 2 }).map((i) => i.seq)).toEqual([1, 2]);
    expect(waitingCount(ITEMS, 2)).toBe(3);
    expect(waitingCount(ITEMS, null)).toBe(0);
  });

  it('splits a line around every match for highlighting, with escapes removed and controls visible', () => {
    expect(highlightParts('\u001b[31mPay\u001b[0m then pay again', 'pay')).toEqual([
      { text: 'Pay', match: true },
      { text: ' then ', match: false },
      { text: 'pay', match: true },
      { text: ' again', match: false },
    ]);
    expect(highlightParts('a\u0007b', '')).toEqual([{ text: 'a\u2407b', match: false }]);
  });

  it('totals a per-minute series by each point\'s share of a minute', () => {
    expect(totalsOf([[0, 30], [2_000, null], [4_000, 60]], 2_000)).toBe(3);
    expect(totalsOf([[0, 4], [60_000, 1]], 60_000)).toBe(5);
  });
});

describe('the logs route', () => {
  it('round-trips the server, the source and the moment through the hash', () => {
    const hash = logsHash('h-1', 'c-logs', 1_765_000_000_000);
    expect(hash).toBe('#/logs/h-1?source=c-logs&at=1765000000000');
    expect(parseRoute(hash)).toEqual({ name: 'logs', hostId: 'h-1', sourceId: 'c-logs', at: 1_765_000_000_000 });
    expect(routeToHash(parseRoute('#/logs/web%2001'))).toBe('#/logs/web%2001');
    expect(parseRoute('#/logs/h-1?source=..%2Fx&at=-5')).toEqual({ name: 'logs', hostId: 'h-1', sourceId: null, at: null });
    expect(parseRoute('#/logs')).toEqual({ name: 'overview' });
  });
});
