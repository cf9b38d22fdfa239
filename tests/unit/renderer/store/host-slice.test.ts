import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SeriesQuery } from '../../../../src/shared/model';
import { createAppStore } from '../../../../src/renderer/src/store';
import { createFakeApi, deferred, flush } from '../support/fake-api';
import { makeSnapshot, makeTile } from '../support/snapshots';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

const seriesCalls = (api: ReturnType<typeof createFakeApi>) => api.calls.filter((c) => c.method === 'getSeries').map((c) => c.arg as SeriesQuery);

function hostApi() {
  const api = createFakeApi();
  api.handlers.getSnapshot = ({ targetId }) => makeSnapshot(targetId);
  return api;
}

describe('host page', () => {
  it('loads the snapshot, then series for every chart including one per filesystem', async () => {
    const api = hostApi();
    const store = createAppStore(api);
    await store.getState().openHost('web-1');
    const host = store.getState().host;
    expect(host).toMatchObject({ targetId: 'web-1', snapshotStatus: 'ready', seriesStatus: 'ready', range: '1h' });
    const [query] = seriesCalls(api);
    expect(query!.range).toBe('1h');
    expect(query!.keys).toEqual([
      'cpu.usage',
      'cpu.iowait',
      'cpu.steal',
      'mem.used',
      'swap.used',
      'load.1',
      'load.5',
      'load.15',
      'cpu.cores',
      'fs.used:/',
      'fs.used:/boot/efi',
      'disk.readBps',
      'disk.writeBps',
      'net.rxBps',
      'net.txBps',
    ]);
  });

  it('shows what the overview already knows while the snapshot loads', async () => {
    const api = hostApi();
    api.handlers.getOverview = () => [makeTile('web-1', 'warn')];
    const pending = deferred<ReturnType<typeof makeSnapshot>>();
    api.handlers.getSnapshot = () => pending.promise;
    const store = createAppStore(api);
    await store.getState().loadOverview();
    void store.getState().openHost('web-1');
    expect(store.getState().host.snapshot?.status).toBe('warn');
    expect(store.getState().host.snapshotStatus).toBe('loading');
    pending.resolve(makeSnapshot('web-1'));
    await flush();
    expect(store.getState().host.snapshotStatus).toBe('ready');
  });

  it('reports an unknown target as an error and does not ask for series', async () => {
    const api = hostApi();
    api.handlers.getSnapshot = () => Promise.reject({ code: 'UNKNOWN_TARGET', message: 'No target "ghost".' });
    const store = createAppStore(api);
    await store.getState().openHost('ghost');
    expect(store.getState().host).toMatchObject({ snapshotStatus: 'error', snapshotError: { code: 'UNKNOWN_TARGET' } });
    expect(seriesCalls(api)).toHaveLength(0);
  });

  it('re-queries the series when the range changes, and drops answers for the old range', async () => {
    const api = hostApi();
    const store = createAppStore(api);
    await store.getState().openHost('web-1');
    const slow = deferred<never>();
    api.handlers.getSeries = (q) => (q.range === '24h' ? slow.promise : { targetId: q.targetId, range: q.range, from: 0, until: 1, resolution: 'raw', series: [] });
    const toDay = store.getState().setRange('24h');
    expect(store.getState().host).toMatchObject({ range: '24h', series: null, seriesStatus: 'loading' });
    await store.getState().setRange('7d');
    slow.resolve(undefined as never);
    await toDay;
    expect(store.getState().host.series?.range).toBe('7d');
    expect(seriesCalls(api).map((q) => q.range)).toEqual(['1h', '24h', '7d']);
  });

  it('keeps the chosen range when another host is opened', async () => {
    const api = hostApi();
    const store = createAppStore(api);
    await store.getState().openHost('web-1');
    await store.getState().setRange('15m');
    await store.getState().openHost('web-2');
    expect(store.getState().host.range).toBe('15m');
  });

  it('updates current values on every sample but refreshes short-range charts at most every few seconds', async () => {
    let now = 0;
    const api = hostApi();
    const store = createAppStore(api, { now: () => now, seriesRefreshMs: 5_000 });
    await store.getState().openHost('web-1');
    expect(seriesCalls(api)).toHaveLength(1);

    now = 1_000;
    store.getState().applyHostSample(makeSnapshot('web-1', { ts: 1 }));
    now = 2_000;
    store.getState().applyHostSample(makeSnapshot('web-1', { ts: 2 }));
    expect(store.getState().host.snapshot?.ts).toBe(2);
    expect(seriesCalls(api)).toHaveLength(1);

    now = 5_000;
    await vi.advanceTimersByTimeAsync(4_000); // one trailing refresh for the burst
    expect(seriesCalls(api)).toHaveLength(2);
    now = 10_000;
    store.getState().applyHostSample(makeSnapshot('web-1', { ts: 3 }));
    await flush();
    expect(seriesCalls(api)).toHaveLength(3);
  });

  it('does not refresh 24 h or 7 d charts on every sample', async () => {
    let now = 0;
    const api = hostApi();
    const store = createAppStore(api, { now: () => now });
    await store.getState().openHost('web-1');
    await store.getState().setRange('24h');
    now = 60_000;
    store.getState().applyHostSample(makeSnapshot('web-1'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seriesCalls(api).map((q) => q.range)).toEqual(['1h', '24h']);
  });

  it('ignores samples of other hosts', async () => {
    const api = hostApi();
    const store = createAppStore(api);
    await store.getState().openHost('web-1');
    const before = store.getState().host;
    store.getState().applyHostSample(makeSnapshot('db-1'));
    expect(store.getState().host).toBe(before);
  });

  it('keeps the last chart when a refresh fails, with the error beside it', async () => {
    const api = hostApi();
    const store = createAppStore(api);
    await store.getState().openHost('web-1');
    api.handlers.getSeries = () => Promise.reject({ code: 'TIMEOUT', message: 'slow' });
    await store.getState().refreshSeries();
    expect(store.getState().host.series).not.toBeNull();
    expect(store.getState().host).toMatchObject({ seriesStatus: 'ready', seriesError: { code: 'TIMEOUT' } });
  });

  it('forgets the host and cancels a pending refresh when closed', async () => {
    let now = 0;
    const api = hostApi();
    const store = createAppStore(api, { now: () => now });
    await store.getState().openHost('web-1');
    now = 1_000;
    store.getState().applyHostSample(makeSnapshot('web-1'));
    store.getState().closeHost();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.getState().host.targetId).toBeNull();
    expect(seriesCalls(api)).toHaveLength(1);
  });
});
