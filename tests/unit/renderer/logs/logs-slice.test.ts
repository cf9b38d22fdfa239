import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckRecord } from '../../../../src/shared/checks';
import type { LogBatch, LogItem } from '../../../../src/shared/logs';
import { createAppStore } from '../../../../src/renderer/src/store';
import { MAX_VIEW_ITEMS } from '../../../../src/renderer/src/store/logs-slice';
import { createFakeApi } from '../support/fake-api';

const SOURCE: CheckRecord = { id: 'c-logs', kind: 'log-file', name: 'orders', enabled: true, intervalMs: 60_000, parentId: 'h-1', config: { via: 'h-1', path: '/var/log/orders.log' }, hasSecret: false, createdAt: 0, updatedAt: 0 };
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const api = createFakeApi();
  api.handlers.listChecks = () => [SOURCE];
  api.handlers.openLogView = ({ checkId }) => ({ subscriptionId: 'lv-000000000001', checkId, leaseMs: 3_000, file: '/var/log/orders.log' });
  const store = createAppStore(api);
  store.getState().start();
  return { api, store };
}

const batch = (n: number, items: LogItem[], state: LogBatch['state'] = 'following'): LogBatch => ({ subscriptionId: 'lv-000000000001', batch: n, state, items });
const line = (seq: number): Extract<LogItem, { type: 'event' }> => ({ type: 'event', seq, ts: seq, level: 'info', text: `line ${seq}`, lines: 1, cut: false });

afterEach(() => vi.useRealTimers());

describe('the logs slice', () => {
  it('opens the host\'s first log source when none is named, and shows its batches', async () => {
    const { api, store } = setup();
    await store.getState().openLogs('h-1', null, null);
    expect(store.getState().logs).toMatchObject({ sourceId: 'c-logs', subscriptionId: 'lv-000000000001', file: '/var/log/orders.log' });
    expect(api.calls.find((c) => c.method === 'openLogView')?.arg).toEqual({ checkId: 'c-logs', lines: 200 });
    api.emitLogBatch(batch(1, [line(1), line(2)]));
    api.emitLogBatch({ ...batch(2, [line(99)]), subscriptionId: 'lv-someone-else' });
    expect(store.getState().logs.items.map((i) => i.seq)).toEqual([1, 2]);
    expect(store.getState().logs.viewState).toBe('following');
  });

  it('keeps the newest 10,000 items, and marks a batch it never received', async () => {
    const { api, store } = setup();
    await store.getState().openLogs('h-1', 'c-logs', null);
    api.emitLogBatch(batch(1, Array.from({ length: MAX_VIEW_ITEMS }, (_, i) => line(i + 1))));
    api.emitLogBatch(batch(3, [line(MAX_VIEW_ITEMS + 1)]));
    const items = store.getState().logs.items;
    expect(items).toHaveLength(MAX_VIEW_ITEMS);
    expect(items.at(-2)).toMatchObject({ type: 'mark', kind: 'gap', data: { reason: 'missed' } });
    expect(items.at(-1)!.seq).toBe(MAX_VIEW_ITEMS + 1);
  });

  it('renews the lease while open and closes the view when the page is left', async () => {
    vi.useFakeTimers();
    const { api, store } = setup();
    store.getState().navigate({ name: 'logs', hostId: 'h-1', sourceId: 'c-logs', at: null });
    await vi.advanceTimersByTimeAsync(2_100);
    expect(api.calls.filter((c) => c.method === 'renewLogView')).toHaveLength(2);
    store.getState().navigate({ name: 'overview' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.calls.filter((c) => c.method === 'closeLogView').map((c) => c.arg)).toEqual([{ subscriptionId: 'lv-000000000001' }]);
    expect(api.calls.filter((c) => c.method === 'renewLogView')).toHaveLength(2);
  });

  it('attaches the selected lines to an incident with the revision it has now', async () => {
    const { api, store } = setup();
    api.handlers.getIncident = () => ({ incident: { id: 'INC-0007', revision: 4 } }) as never;
    api.handlers.applyIncidentCommand = () => ({}) as never;
    await store.getState().openLogs('h-1', 'c-logs', null);
    api.emitLogBatch(batch(1, [line(1), { ...line(2), level: 'error', text: 'boom' }]));
    store.getState().toggleLogSelection(2);
    expect(await store.getState().attachLogLines('INC-0007')).toBe('INC-0007');
    const sent = api.calls.find((c) => c.method === 'applyIncidentCommand')!.arg as { revision: number; command: { evidence: { lines: unknown[]; source: string } } };
    expect(sent.revision).toBe(4);
    expect(sent.command.evidence).toMatchObject({ checkId: 'c-logs', source: 'orders', hostId: 'h-1', lines: [{ ts: 2, level: 'error', text: 'boom' }] });
    expect(store.getState().logs.selected).toEqual([]);
    await flush();
  });
});
