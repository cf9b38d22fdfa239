import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../src/renderer/src/store';
import { createFakeApi, deferred, flush } from '../support/fake-api';
import { makeSnapshot, makeTile } from '../support/snapshots';

describe('overview', () => {
  it('loads tiles and orders them worst first, then by name', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [
      makeTile('b-ok', 'ok', 'beta'),
      makeTile('a-ok', 'ok', 'alpha'),
      makeTile('warn', 'warn'),
      makeTile('crit', 'crit'),
      makeTile('stale', 'unknown'),
    ];
    const store = createAppStore(api);
    expect(store.getState().overviewStatus).toBe('idle');
    const loading = store.getState().loadOverview();
    expect(store.getState().overviewStatus).toBe('loading');
    await loading;
    expect(store.getState().overviewStatus).toBe('ready');
    expect(store.getState().tileOrder).toEqual(['crit', 'stale', 'warn', 'a-ok', 'b-ok']);
  });

  it('reports an empty fleet as ready with no tiles', async () => {
    const store = createAppStore(createFakeApi());
    await store.getState().loadOverview();
    expect(store.getState()).toMatchObject({ overviewStatus: 'ready', tileOrder: [], overviewError: null });
  });

  it('turns a failed first load into an error state with the engine code', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => Promise.reject({ code: 'UNAVAILABLE', message: 'Cannot reach the engine.' });
    const store = createAppStore(api);
    await store.getState().loadOverview();
    expect(store.getState().overviewStatus).toBe('error');
    expect(store.getState().overviewError).toEqual({ code: 'UNAVAILABLE', message: 'Cannot reach the engine.' });
  });

  it('keeps the last tiles when a later refresh fails', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('web-1', 'ok')];
    const store = createAppStore(api);
    await store.getState().loadOverview();
    api.handlers.getOverview = () => Promise.reject(Object.assign(new Error('late'), { code: 'TIMEOUT' }));
    await store.getState().loadOverview();
    expect(store.getState().overviewStatus).toBe('ready');
    expect(store.getState().tileOrder).toEqual(['web-1']);
    expect(store.getState().overviewError?.code).toBe('TIMEOUT');
  });

  it('lets only the newest of two overlapping loads write', async () => {
    const api = createFakeApi();
    const slow = deferred<ReturnType<typeof makeTile>[]>();
    api.handlers.getOverview = () => slow.promise;
    const store = createAppStore(api);
    const first = store.getState().loadOverview();
    api.handlers.getOverview = () => [makeTile('new', 'ok')];
    await store.getState().loadOverview();
    slow.resolve([makeTile('old', 'ok')]);
    await first;
    expect(store.getState().tileOrder).toEqual(['new']);
  });
});

describe('live samples', () => {
  it('update a tile, append to its sparklines and move it when its status changes', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('a', 'ok'), makeTile('b', 'ok')];
    let now = 1_000;
    const store = createAppStore(api, { now: () => now });
    await store.getState().loadOverview();
    const orderBefore = store.getState().tileOrder;
    expect(orderBefore).toEqual(['a', 'b']);

    now = 2_000;
    store.getState().applySample(makeSnapshot('b', { status: 'crit', metrics: { ...makeSnapshot('b').metrics, 'cpu.usage': 97 } }));
    const tile = store.getState().tiles.b!;
    expect(tile.status).toBe('crit');
    expect(tile.receivedAt).toBe(2_000);
    expect(tile.sparklines['cpu.usage']).toEqual([10, 11, null, 12.5, 97]);
    expect(tile.sparklines['mem.used']).toEqual([41.2]);
    expect(store.getState().tileOrder).toEqual(['b', 'a']);
  });

  it('keep the same order array when nothing moved, so subscribers do not re-render', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('a', 'ok'), makeTile('b', 'ok')];
    const store = createAppStore(api);
    await store.getState().loadOverview();
    const order = store.getState().tileOrder;
    store.getState().applySample(makeSnapshot('a'));
    expect(store.getState().tileOrder).toBe(order);
  });

  it('record a missing reading as a gap in the sparkline, not as 0', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('a', 'ok')];
    const store = createAppStore(api);
    await store.getState().loadOverview();
    const snapshot = makeSnapshot('a');
    store.getState().applySample({ ...snapshot, metrics: { ...snapshot.metrics, 'cpu.usage': null } });
    expect(store.getState().tiles.a!.sparklines['cpu.usage']!.at(-1)).toBeNull();
  });

  it('reload the overview when a sample names a target we do not know yet', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    await store.getState().loadOverview();
    api.handlers.getOverview = () => [makeTile('new-host', 'ok')];
    store.getState().applySample(makeSnapshot('new-host'));
    await flush();
    expect(store.getState().tileOrder).toEqual(['new-host']);
  });
});
