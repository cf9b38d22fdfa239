// The engine's storage health (disk full, I/O error, read-only data folder), for the banner on
// every screen. Loaded at start and after a reconnect; kept current by the engine's event.
import type { StorageHealth } from '../../../shared/api';
import type { SliceCreator } from './types';

export interface StorageSlice {
  storageHealth: StorageHealth | null;
  loadStorageHealth(): Promise<void>;
  applyStorageHealth(health: StorageHealth): void;
}

export const createStorageSlice: SliceCreator<StorageSlice> = (set, _get, deps) => ({
  storageHealth: null,
  async loadStorageHealth() {
    try {
      set({ storageHealth: await deps.api.getStorageHealth() });
    } catch {
      // Unreachable engine: the connection banner says so.
    }
  },
  applyStorageHealth(health) {
    set({ storageHealth: health });
  },
});
