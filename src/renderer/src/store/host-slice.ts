import type { TimeRange } from '../../../shared/model';
import { hostSeriesKeys } from '../domain/host-charts';
import { chartKeys, isHostKind, kindOf } from '../domain/kinds';
import { errorPayloadOf } from './errors';
import type { HostSlice, HostState, SliceCreator } from './types';

/** Ranges short enough that a new sample visibly moves the chart. */
export const LIVE_RANGES: ReadonlySet<TimeRange> = new Set<TimeRange>(['15m', '1h']);

export const DEFAULT_RANGE: TimeRange = '1h';

export function emptyHostState(range: TimeRange = DEFAULT_RANGE): HostState {
  return {
    targetId: null,
    snapshot: null,
    snapshotReceivedAt: 0,
    snapshotStatus: 'idle',
    snapshotError: null,
    range,
    series: null,
    seriesStatus: 'idle',
    seriesError: null,
  };
}

export const createHostSlice: SliceCreator<HostSlice> = (set, get, deps) => {
  let snapshotRequest = 0;
  let seriesRequest = 0;
  let lastSeriesRequestAt = -Infinity;
  let trailingRefresh: ReturnType<typeof setTimeout> | null = null;

  const cancelTrailingRefresh = () => {
    if (trailingRefresh !== null) clearTimeout(trailingRefresh);
    trailingRefresh = null;
  };
  const patchHost = (patch: Partial<HostState>) => set((s) => ({ host: { ...s.host, ...patch } }));

  /** A host's charts are fixed; another kind's come from its descriptor (loaded on first need). */
  function seriesKeysNow(targetId: string, snapshot: HostState['snapshot']): string[] | null {
    const kind = kindOf(get(), targetId);
    if (isHostKind(kind) && get().route.name !== 'check') return hostSeriesKeys(snapshot);
    const descriptor = kind === undefined ? undefined : get().kinds[kind];
    return descriptor ? chartKeys(descriptor) : null;
  }
  async function seriesKeysAfterLoad(targetId: string): Promise<string[]> {
    await get().loadChecks();
    const kind = kindOf(get(), targetId);
    const descriptor = kind === undefined ? undefined : get().kinds[kind];
    return descriptor ? chartKeys(descriptor) : [];
  }

  return {
    host: emptyHostState(),

    async openHost(targetId) {
      cancelTrailingRefresh();
      const request = ++snapshotRequest;
      // Show what the overview already knows at once; the full snapshot follows.
      const known = get().tiles[targetId];
      set((s) => ({
        host: {
          ...emptyHostState(s.host.range),
          targetId,
          snapshot: known?.snapshot ?? null,
          snapshotReceivedAt: known?.receivedAt ?? 0,
          snapshotStatus: 'loading',
          seriesStatus: 'loading',
        },
      }));
      try {
        const snapshot = await deps.api.getSnapshot({ targetId });
        if (request !== snapshotRequest) return;
        patchHost({ snapshot, snapshotReceivedAt: deps.now(), snapshotStatus: 'ready', snapshotError: null });
      } catch (err) {
        if (request !== snapshotRequest) return;
        patchHost({ snapshotStatus: 'error', snapshotError: errorPayloadOf(err), seriesStatus: 'idle' });
        return;
      }
      await get().refreshSeries();
    },

    closeHost() {
      cancelTrailingRefresh();
      snapshotRequest++;
      seriesRequest++;
      set((s) => ({ host: emptyHostState(s.host.range) }));
    },

    async setRange(range) {
      if (get().host.range === range) return;
      patchHost({ range, series: null, seriesStatus: 'loading', seriesError: null });
      if (get().host.targetId !== null) await get().refreshSeries();
    },

    async refreshSeries() {
      cancelTrailingRefresh();
      const { targetId, range, snapshot } = get().host;
      if (targetId === null) return;
      const request = ++seriesRequest;
      lastSeriesRequestAt = deps.now();
      if (get().host.series === null) patchHost({ seriesStatus: 'loading' });
      try {
        const known = seriesKeysNow(targetId, snapshot);
        const keys = known ?? (await seriesKeysAfterLoad(targetId));
        if (request !== seriesRequest) return;
        if (keys.length === 0) {
          patchHost({ series: { targetId, range, from: 0, until: 0, resolution: 'raw', series: [] }, seriesStatus: 'ready', seriesError: null });
          return;
        }
        const series = await deps.api.getSeries({ targetId, range, keys });
        if (request !== seriesRequest) return;
        patchHost({ series, seriesStatus: 'ready', seriesError: null });
      } catch (err) {
        if (request !== seriesRequest) return;
        // Keep the last chart on a failed refresh; the error is shown beside it.
        patchHost({ seriesStatus: get().host.series ? 'ready' : 'error', seriesError: errorPayloadOf(err) });
      }
    },

    applyHostSample(snapshot) {
      const { host } = get();
      if (host.targetId !== snapshot.targetId) return;
      patchHost({ snapshot, snapshotReceivedAt: deps.now(), snapshotStatus: 'ready', snapshotError: null });
      if (!LIVE_RANGES.has(host.range) || host.seriesStatus === 'idle') return;
      const wait = lastSeriesRequestAt + deps.seriesRefreshMs - deps.now();
      if (wait <= 0) void get().refreshSeries();
      else if (trailingRefresh === null) {
        trailingRefresh = setTimeout(() => {
          trailingRefresh = null;
          void get().refreshSeries();
        }, wait);
      }
    },
  };
};
