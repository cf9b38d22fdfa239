// A scriptable OpsApi for store tests: each method answers from a handler the test sets, and
// events are fired by hand. Calls are recorded so tests can assert what the store asked for.
import type { OpsApi, SampleEvent, StorageHealth, TargetsChangedEvent } from '../../../../src/shared/api';
import type { GlossaryEntry } from '../../../../src/shared/glossary';
import type {
  GlossaryChangedEvent,
  GlossaryExportArgs,
  GlossaryExportFile,
  GlossaryImportArgs,
  GlossaryImportResult,
  GlossaryRecord,
} from '../../../../src/shared/glossary-contract';
import type { IncidentChangedEvent } from '../../../../src/shared/incidents-contract';
import type { AppInfo, HostSnapshot, OverviewTile, SeriesQuery, SeriesResult } from '../../../../src/shared/model';
import { createChannelsFake, type ChannelsHandlers } from './fake-channels-api';
import { createChecksFake, type ChecksHandlers } from './fake-checks-api';
import { createAlertsFake, type AlertsHandlers } from './fake-alerts-api';
import type { AlertsChangedEvent } from '../../../../src/shared/alerts';
import { createLogsFake, type LogsHandlers } from './fake-logs-api';
import type { LogBatch } from '../../../../src/shared/logs';
import { createIncidentFake, type IncidentHandlers } from './fake-incident-api';
import { createInventoryFake, type InventoryHandlers } from './fake-inventory-api';
import type { InventoryChangedEvent } from '../../../../src/shared/inventory-contract';
import type { ChecksChangedEvent } from '../../../../src/shared/checks';
import type { ChannelsChangedEvent, DesktopNotificationEvent } from '../../../../src/shared/channels';

type Handler<A, R> = (arg: A) => Promise<R> | R;

export interface FakeApi extends OpsApi {
  calls: Array<{ method: string; arg: unknown }>;
  handlers: {
    getAppInfo: Handler<void, AppInfo>;
    listTargets: Handler<void, never[]>;
    getOverview: Handler<void, OverviewTile[]>;
    getSnapshot: Handler<{ targetId: string }, HostSnapshot | null>;
    getSeries: Handler<SeriesQuery, SeriesResult>;
    listGlossary: Handler<void, GlossaryRecord[]>;
    saveGlossaryEntry: Handler<GlossaryEntry, GlossaryRecord>;
    deleteGlossaryEntry: Handler<{ id: string }, GlossaryRecord | null>;
    exportGlossary: Handler<GlossaryExportArgs, GlossaryExportFile>;
    importGlossary: Handler<GlossaryImportArgs, GlossaryImportResult>;
    getStorageHealth: Handler<void, StorageHealth>;
  } & IncidentHandlers &
    InventoryHandlers &
    ChecksHandlers &
    AlertsHandlers &
    ChannelsHandlers &
    LogsHandlers;
  emitSample(snapshot: HostSnapshot): void;
  emitTargetsChanged(event: TargetsChangedEvent): void;
  emitGlossaryChanged(event: GlossaryChangedEvent): void;
  emitIncidentChanged(event: IncidentChangedEvent): void;
  emitInventoryChanged(event: InventoryChangedEvent): void;
  emitChecksChanged(event: ChecksChangedEvent): void;
  emitAlertsChanged(event: AlertsChangedEvent): void;
  emitChannelsChanged(event: ChannelsChangedEvent): void;
  emitDesktopNotification(event: DesktopNotificationEvent): void;
  emitLogBatch(batch: LogBatch): void;
  emitStorageHealth(health: StorageHealth): void;
  listenerCount(): number;
}

export const APP_INFO: AppInfo = { version: '0.1.0', host: 'serve', platform: 'linux', osLocale: 'ko-KR', dataDir: '/tmp/opsdeck' };

export function createFakeApi(): FakeApi {
  const sampleListeners = new Set<(e: SampleEvent) => void>();
  const targetListeners = new Set<(e: TargetsChangedEvent) => void>();
  const glossaryListeners = new Set<(e: GlossaryChangedEvent) => void>();
  const storageListeners = new Set<(h: StorageHealth) => void>();
  const calls: FakeApi['calls'] = [];
  // Calls go through `call` (defined below), so a test's replacement handler is the one used.
  const incidents = createIncidentFake((method, arg) => call(method, arg));
  const inventory = createInventoryFake((method, arg) => call(method, arg));
  const checks = createChecksFake((method, arg) => call(method, arg));
  const alerts = createAlertsFake((method, arg) => call(method, arg));
  const channels = createChannelsFake((method, arg) => call(method, arg));
  const logs = createLogsFake((method, arg) => call(method, arg));
  const handlers: FakeApi['handlers'] = {
    ...incidents.handlers,
    ...inventory.handlers,
    ...checks.handlers,
    ...alerts.handlers,
    ...channels.handlers,
    ...logs.handlers,
    getAppInfo: () => APP_INFO,
    listTargets: () => [],
    getOverview: () => [],
    getSnapshot: () => null,
    getSeries: (q) => ({ targetId: q.targetId, range: q.range, from: 0, until: 1, resolution: 'raw', series: [] }),
    listGlossary: () => [],
    saveGlossaryEntry: (entry) => ({ entry, origin: 'org', updatedAt: 1 }),
    deleteGlossaryEntry: () => null,
    exportGlossary: (a) => ({ filename: `glossary.${a.format}`, mime: 'application/json', content: '{}' }),
    importGlossary: () => ({ added: 0, updated: 0, unchanged: 0, rejected: [] }),
    getStorageHealth: () => ({ status: 'ok', since: 0, pendingSamples: 0, droppedSamples: 0, dataDir: '/tmp/opsdeck' }),
  };
  const call = async <A, R>(method: keyof FakeApi['handlers'], arg: A): Promise<R> => {
    calls.push({ method, arg });
    return (await (handlers[method] as unknown as Handler<A, R>)(arg)) as R;
  };
  return {
    calls,
    handlers,
    getAppInfo: () => call('getAppInfo', undefined),
    listTargets: () => call('listTargets', undefined),
    getOverview: () => call('getOverview', undefined),
    getSnapshot: (arg) => call('getSnapshot', arg),
    getSeries: (arg) => call('getSeries', arg),
    listGlossary: () => call('listGlossary', undefined),
    saveGlossaryEntry: (arg) => call('saveGlossaryEntry', arg),
    deleteGlossaryEntry: (arg) => call('deleteGlossaryEntry', arg),
    exportGlossary: (arg) => call('exportGlossary', arg),
    importGlossary: (arg) => call('importGlossary', arg),
    getStorageHealth: () => call('getStorageHealth', undefined),
    onDidChangeStorageHealth(listener) {
      storageListeners.add(listener);
      return () => storageListeners.delete(listener);
    },
    emitStorageHealth: (health) => storageListeners.forEach((l) => l(health)),
    ...incidents.methods,
    ...inventory.methods,
    ...checks.methods,
    ...alerts.methods,
    onDidChangeAlerts: alerts.onDidChangeAlerts,
    emitAlertsChanged: alerts.emitAlertsChanged,
    ...channels.methods,
    onDidChangeChannels: channels.onDidChangeChannels,
    onDidRequestDesktopNotification: channels.onDidRequestDesktopNotification,
    emitChannelsChanged: channels.emitChannelsChanged,
    emitDesktopNotification: channels.emitDesktopNotification,
    ...logs.methods,
    onDidChangeChecks: checks.onDidChangeChecks,
    emitChecksChanged: checks.emitChecksChanged,
    onDidLogLines: logs.onDidLogLines,
    emitLogBatch: logs.emitLogBatch,
    onDidChangeInventory: inventory.onDidChangeInventory,
    emitInventoryChanged: inventory.emitInventoryChanged,
    onDidChangeIncident: incidents.onDidChangeIncident,
    emitIncidentChanged: incidents.emitIncidentChanged,
    onDidSample(listener) {
      sampleListeners.add(listener);
      return () => sampleListeners.delete(listener);
    },
    onDidChangeTargets(listener) {
      targetListeners.add(listener);
      return () => targetListeners.delete(listener);
    },
    onDidChangeGlossary(listener) {
      glossaryListeners.add(listener);
      return () => glossaryListeners.delete(listener);
    },
    emitGlossaryChanged: (event) => glossaryListeners.forEach((l) => l(event)),
    emitSample: (snapshot) => sampleListeners.forEach((l) => l({ snapshot })),
    emitTargetsChanged: (event) => targetListeners.forEach((l) => l(event)),
    listenerCount: () => sampleListeners.size + targetListeners.size + glossaryListeners.size + incidents.listenerCount() + inventory.listenerCount() + checks.listenerCount() + alerts.listenerCount() + channels.listenerCount() + logs.listenerCount() + storageListeners.size,
  };
}

/** A promise the test settles by hand, to hold an api call in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
