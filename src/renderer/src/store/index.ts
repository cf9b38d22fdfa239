// createAppStore(api): one zustand store from slices, with every outside dependency injected,
// so each test builds a fresh store around a fake OpsApi.
import { createStore } from 'zustand/vanilla';
import type { OpsApi } from '../../../shared/api';
import type { BootData } from '../../../shared/boot-data';
import { constantValue } from '../api/observable';
import { OVERVIEW } from '../routing/routes';
import { browserNextFrame, hasAnimationFrames, immediateFrame } from './frame-batch';
import { createGlossarySlice } from './glossary-slice';
import { createHostSlice } from './host-slice';
import { createIncidentFeatureSlices } from './incident-slices';
import { createChecksSlice } from './checks-slice';
import { createAlertsSlice } from './alerts-slice';
import { createChannelsSlice } from './channels-slice';
import { createInventorySlice } from './inventory-slice';
import { createLogsSlice } from './logs-slice';
import { createOverviewSlice } from './overview-slice';
import { createSessionSlice } from './session-slice';
import { createStorageSlice } from './storage-slice';
import { memoryStorage } from './storage';
import type { AppState, AppStore, StoreDeps } from './types';
import { createUiSlice } from './ui-slice';

export type { AppState, AppStore, GlossaryState, HostState, LoadStatus, PopoverAnchor, StoreDeps } from './types';
export type { TileState } from './tiles';

export type AppStoreOptions = Partial<Omit<StoreDeps, 'api'>> & {
  /** The first data sent inside the page (opsdeck serve): shown before the socket answers. */
  boot?: BootData | null;
};

export function createAppStore(api: OpsApi, options: AppStoreOptions = {}): AppStore {
  const deps: StoreDeps = {
    api,
    hostKind: options.hostKind ?? 'browser',
    connection: options.connection ?? constantValue('connected'),
    engineRestart: options.engineRestart ?? constantValue(null),
    reconnectNow: options.reconnectNow ?? (() => undefined),
    storage: options.storage ?? memoryStorage(),
    now: options.now ?? Date.now,
    navigatorLanguage: options.navigatorLanguage ?? null,
    systemTheme: options.systemTheme ?? constantValue('dark'),
    initialRoute: options.initialRoute ?? OVERVIEW,
    onNavigate: options.onNavigate ?? (() => undefined),
    overviewRefreshMs: options.overviewRefreshMs ?? 15_000,
    seriesRefreshMs: options.seriesRefreshMs ?? 5_000,
    nextFrame: options.nextFrame ?? (hasAnimationFrames() ? browserNextFrame : immediateFrame),
  };
  const store = createStore<AppState>()((set, get) => ({
    ...createOverviewSlice(set, get, deps),
    ...createHostSlice(set, get, deps),
    ...createUiSlice(set, get, deps),
    ...createSessionSlice(set, get, deps),
    ...createGlossarySlice(set, get, deps),
    ...createIncidentFeatureSlices(set, get, deps),
    ...createInventorySlice(set, get, deps),
    ...createChecksSlice(set, get, deps),
    ...createLogsSlice(set, get, deps),
    ...createStorageSlice(set, get, deps),
    ...createAlertsSlice(set, get, deps),
    ...createChannelsSlice(set, get, deps),
  }));
  if (options.boot) {
    store.getState().applyAppInfo(options.boot.appInfo);
    store.getState().applyOverview(options.boot.overview);
  }
  return store;
}
