import type { OverviewSlice, SliceCreator } from './types';
import { errorPayloadOf } from './errors';
import { orderTiles, tileWithSample, type TileState } from './tiles';
import { LOCALE_TAGS } from '../i18n/catalogue';

export const createOverviewSlice: SliceCreator<OverviewSlice> = (set, get, deps) => {
  // Only the newest request may write, so a slow answer cannot overwrite a fresher one.
  let latestRequest = 0;

  return {
    tiles: {},
    tileOrder: [],
    overviewStatus: 'idle',
    overviewError: null,

    async loadOverview() {
      const request = ++latestRequest;
      set((s) => ({ overviewStatus: Object.keys(s.tiles).length > 0 && s.overviewStatus === 'ready' ? 'ready' : 'loading' }));
      try {
        const overview = await deps.api.getOverview();
        if (request !== latestRequest) return;
        get().applyOverview(overview);
      } catch (err) {
        if (request !== latestRequest) return;
        // Keep the tiles we have: a wall screen shows last-known data plus the banner.
        set((s) => ({ overviewStatus: Object.keys(s.tiles).length > 0 ? 'ready' : 'error', overviewError: errorPayloadOf(err) }));
      }
    },

    applyOverview(overview) {
      const receivedAt = deps.now();
      const tiles: Record<string, TileState> = {};
      for (const tile of overview) tiles[tile.target.id] = { ...tile, receivedAt };
      set((s) => ({
        tiles,
        tileOrder: orderTiles(tiles, LOCALE_TAGS[s.language], s.tileOrder),
        overviewStatus: 'ready',
        overviewError: null,
      }));
    },

    applySample(snapshot) {
      get().applySamples([snapshot]);
    },

    applySamples(snapshots) {
      const { tiles } = get();
      const receivedAt = deps.now();
      const next: Record<string, TileState> = { ...tiles };
      let unknownTarget = false;
      let statusChanged = false;
      for (const snapshot of snapshots) {
        const tile = next[snapshot.targetId];
        if (!tile) {
          unknownTarget = true;
          continue;
        }
        if (tile.status !== snapshot.status) statusChanged = true;
        next[snapshot.targetId] = tileWithSample(tile, snapshot, receivedAt);
      }
      if (unknownTarget) void get().loadOverview();
      if (next === tiles || snapshots.every((s) => !tiles[s.targetId])) return;
      // Order is by status then name: a sample that keeps the status cannot move its tile.
      set((s) => ({ tiles: next, tileOrder: statusChanged ? orderTiles(next, LOCALE_TAGS[s.language], s.tileOrder) : s.tileOrder }));
    },
  };
};
