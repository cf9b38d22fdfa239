import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createValue } from '../../../../src/renderer/src/api/observable';
import type { ConnectionState } from '../../../../src/renderer/src/api/connection';
import { createAppStore } from '../../../../src/renderer/src/store';
import { createFakeApi, flush } from '../support/fake-api';
import { makeSnapshot, makeTarget, makeTile } from '../support/snapshots';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('start()', () => {
  it('loads app info and the overview, and folds engine samples into tiles', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('web-1', 'ok')];
    const store = createAppStore(api);
    store.getState().start();
    await flush();
    expect(store.getState().appInfo?.version).toBe('0.1.0');
    api.emitSample(makeSnapshot('web-1', { status: 'warn' }));
    expect(store.getState().tiles['web-1']!.status).toBe('warn');
  });

  it('shows the first data sent inside the page at once, then asks the engine as usual', async () => {
    const api = createFakeApi();
    const now = 1_700_000_000_000;
    api.handlers.getOverview = () => [makeTile('web-1', 'warn'), makeTile('web-2', 'ok')];
    const appInfo = { version: '0.1.0', host: 'serve' as const, platform: 'linux', osLocale: 'ko-KR', dataDir: '/data' };
    const store = createAppStore(api, { now: () => now, boot: { appInfo, overview: [makeTile('web-1', 'crit')] } });
    expect(store.getState()).toMatchObject({ overviewStatus: 'ready', tileOrder: ['web-1'], appInfo, language: 'ko' });
    expect(store.getState().tiles['web-1']).toMatchObject({ status: 'crit', receivedAt: now });
    expect(api.calls).toEqual([]);
    store.getState().start();
    expect(store.getState().overviewStatus).toBe('ready'); // no loading state over tiles on screen
    await flush();
    expect(api.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['getAppInfo', 'getOverview']));
    expect(store.getState().tileOrder).toEqual(['web-1', 'web-2']);
  });

  it('is idempotent, and its stop removes every engine subscription', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    const stop = store.getState().start();
    expect(store.getState().start()).toBe(stop);
    // samples, targets, glossary, incident, inventory, checks, storage-health, alert changes, channel changes, desktop notifications and log lines
    expect(api.listenerCount()).toBe(11);
    stop();
    expect(api.listenerCount()).toBe(0);
  });

  it('reloads the overview when the engine says the targets changed', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.getState().start();
    await flush();
    api.handlers.getOverview = () => [makeTile('db-1', 'ok')];
    api.emitTargetsChanged({ targets: [makeTarget('db-1')] });
    await flush();
    expect(store.getState().tileOrder).toEqual(['db-1']);
  });

  it('re-fetches the overview periodically so engine-computed staleness shows', async () => {
    const api = createFakeApi();
    const store = createAppStore(api, { overviewRefreshMs: 10_000 });
    store.getState().start();
    await flush();
    const before = api.calls.filter((c) => c.method === 'getOverview').length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.calls.filter((c) => c.method === 'getOverview').length).toBe(before + 1);
  });

  it('opens the host page when the app starts on a host route', async () => {
    const api = createFakeApi();
    api.handlers.getSnapshot = ({ targetId }) => makeSnapshot(targetId);
    const store = createAppStore(api, { initialRoute: { name: 'host', targetId: 'web-1' } });
    store.getState().start();
    await flush();
    expect(store.getState().host.targetId).toBe('web-1');
    expect(store.getState().host.snapshotStatus).toBe('ready');
  });
});

describe('connection', () => {
  it('mirrors the transport state and resyncs after a reconnect', async () => {
    const api = createFakeApi();
    const connection = createValue<ConnectionState>('connecting');
    const store = createAppStore(api, { connection });
    store.getState().start();
    await flush();
    expect(store.getState().connection).toBe('connecting');
    connection.set('connected');
    const loads = () => api.calls.filter((c) => c.method === 'getOverview').length;
    const afterFirstConnect = loads();
    expect(afterFirstConnect).toBe(1); // the first connect does not duplicate the initial load

    connection.set('reconnecting');
    expect(store.getState().connection).toBe('reconnecting');
    connection.set('connected');
    await flush();
    expect(loads()).toBe(afterFirstConnect + 1);
  });

  it('retry asks the transport to reconnect now and reloads', async () => {
    const api = createFakeApi();
    const reconnectNow = vi.fn();
    const store = createAppStore(api, { reconnectNow });
    store.getState().retryConnection();
    await flush();
    expect(reconnectNow).toHaveBeenCalledOnce();
    expect(api.calls.some((c) => c.method === 'getOverview')).toBe(true);
  });
});
