// Lifecycle and engine subscriptions. Components never subscribe to the engine themselves:
// they call start() once and read state.
import type { HostSnapshot } from '../../../shared/model';
import { createFrameBatch } from './frame-batch';
import { resyncIncidents } from './incident-slices';
import { STORAGE_KEYS } from './storage';
import { defaultLanguage, followRoute } from './ui-slice';
import type { SessionSlice, SliceCreator } from './types';

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, deps) => {
  let stop: (() => void) | null = null;

  const loadAppInfo = async () => {
    try {
      get().applyAppInfo(await deps.api.getAppInfo());
    } catch {
      // AppInfo only refines defaults; the overview's own error state tells the user what is wrong.
    }
  };

  /** After a reconnect we may have missed samples and target changes: fetch current state. */
  const resync = () => {
    void get().loadOverview();
    resyncIncidents(get);
    if (get().appInfo === null) void loadAppInfo();
    if (get().glossary.status !== 'idle') void get().loadGlossary();
    if (get().inventoryStatus !== 'idle') void get().loadInventory();
    if (get().checksStatus !== 'idle') void get().loadChecks();
    if (get().channelsStatus !== 'idle') void get().loadChannels();
    void get().loadStorageHealth();
    void get().loadAlerts();
    const { targetId, snapshotStatus } = get().host;
    if (targetId === null) return;
    if (snapshotStatus === 'error') void get().openHost(targetId);
    else void get().refreshSeries();
  };

  return {
    hostKind: deps.hostKind,
    connection: deps.connection.get(),
    engineRestart: deps.engineRestart.get(),
    openedFile: null,

    showOpenedFile(file) {
      set({ openedFile: file });
    },

    dismissOpenedFile() {
      set({ openedFile: null });
    },

    start() {
      if (stop) return stop;
      // One store update per frame for all samples that arrived since the last one.
      const samples = createFrameBatch<HostSnapshot>((batch) => {
        get().applySamples(batch);
        for (const snapshot of batch) get().applyHostSample(snapshot);
      }, deps.nextFrame);
      const unsubscribes = [
        deps.api.onDidSample(({ snapshot }) => samples.push(snapshot)),
        () => samples.cancel(),
        deps.api.onDidChangeTargets(() => void get().loadOverview()),
        deps.api.onDidChangeIncident((event) => get().applyIncidentChange(event)),
        // Another window, a browser on the same engine, or an import changed the glossary.
        deps.api.onDidChangeGlossary(() => {
          if (get().glossary.status !== 'idle') void get().loadGlossary();
        }),
        deps.api.onDidChangeInventory(() => {
          if (get().inventoryStatus !== 'idle') void get().loadInventory();
        }),
        deps.api.onDidChangeChecks(() => {
          if (get().checksStatus !== 'idle') void get().loadChecks();
        }),
        deps.api.onDidChangeStorageHealth((health) => get().applyStorageHealth(health)),
        get().startAlerts(),
        deps.api.onDidChangeChannels((event) => get().applyChannelsChange(event)),
        deps.api.onDidRequestDesktopNotification((event) => get().showDesktopNotification(event)),
        deps.api.onDidLogLines((batch) => get().applyLogBatch(batch)),
      ];
      let previous = deps.connection.get();
      set({ connection: previous, engineRestart: deps.engineRestart.get() });
      unsubscribes.push(deps.engineRestart.subscribe((engineRestart) => set({ engineRestart })));
      unsubscribes.push(
        deps.connection.subscribe((state) => {
          const wasDown = previous === 'reconnecting' || previous === 'offline';
          previous = state;
          set({ connection: state });
          if (state === 'connected' && wasDown) resync();
        }),
      );
      // The engine marks a silent host stale only when asked, so ask now and then.
      const refresh = setInterval(() => {
        if (get().connection === 'connected') void get().loadOverview();
      }, deps.overviewRefreshMs);

      void loadAppInfo();
      void get().loadOverview();
      void get().loadStorageHealth();
      void get().loadIncidents();
      followRoute(get, get().route);

      stop = () => {
        clearInterval(refresh);
        for (const unsubscribe of unsubscribes) unsubscribe();
        get().closeHost();
        stop = null;
      };
      return stop;
    },

    applyAppInfo(appInfo) {
      const language = defaultLanguage({
        stored: deps.storage.getItem(STORAGE_KEYS.language),
        navigatorLanguage: deps.navigatorLanguage,
        osLocale: appInfo.osLocale,
        hostKind: deps.hostKind,
      });
      set({ appInfo });
      if (language !== get().language) set({ language });
    },

    retryConnection() {
      deps.reconnectNow();
      resync();
    },
  };
};
