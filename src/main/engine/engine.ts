// The engine: plain Node, no Electron. Owns the store, the scheduler and one monitor per
// target, and exposes everything through the OpsApi contract.
import os from 'node:os';
import { METHOD_NAMES, type OpsApi, type SampleEvent, type TargetsChangedEvent } from '../../shared/api';
import { OpsError } from '../../shared/errors';
import type { GlossaryChangedEvent } from '../../shared/glossary-contract';
import type { ChecksChangedEvent } from '../../shared/checks';
import type { ChannelsChangedEvent, DesktopNotificationEvent } from '../../shared/channels';
import type { IncidentChangedEvent } from '../../shared/incidents-contract';
import type { AlertsChangedEvent } from '../../shared/alerts';
import type { Notifier } from './notify/notifier';
import type { ForecasterOptions } from './alerts/forecaster';
import {
  LOCAL_TARGET_ID,
  TIME_RANGES,
  type AppInfo,
  type HostSnapshot,
  type MetricKey,
  type OverviewTile,
  type SeriesQuery,
  type Target,
  type TargetId,
} from '../../shared/model';
import { createLocalCollector } from './collectors/local';
import { systemClock, type Clock } from './core/clock';
import { EventBus } from './core/event-bus';
import { nullLogger, type Logger } from './core/logger';
import type { InventoryChangedEvent } from '../../shared/inventory-contract';
import type { LogBatch } from '../../shared/logs';
import type { PolledTarget } from './alerts/alert-engine';
import type { Collector } from './collectors/types';
import type { CoreMethodName, EngineFeatures, FeatureDeps, FeatureMethods } from './engine-features';
import type { SealerBackend, SecretStore } from './secrets';
import { Scheduler } from './core/scheduler';
import { historyKeysOf, rulesForKind, tileKeysOf } from './collectors/registry';
import { DEFAULT_RULES } from './rules/default-rules';
import type { HealthRules } from './rules/health';
import { openStore, type Store } from './store';
import { FreeSpaceProbe } from './store/free-space';
import { storageError, StorageHealthTracker } from './store/storage-health';
import { snapshotSeriesValues, TargetMonitor, withStaleness } from './target-monitor';
import { ENGINE_VERSION } from './version';
import { createFedHosts } from './fed-hosts';

export interface EngineOptions {
  dataDir: string;
  host: 'electron' | 'serve';
  osLocale?: string;
  clock?: Clock;
  logger?: Logger;
  /** Fast-cadence interval for "This computer"; default 2 s. */
  intervalMs?: number;
  rules?: HealthRules;
  retention?: { rawMs?: number; rollupMs?: number };
  /** Where passwords and passphrases live; default: the OS keychain, else the sealer's file, else memory (see secrets/). */
  secrets?: SecretStore;
  /** Desktop app: Electron's safeStorage (through the main process), used where keytar is unavailable. */
  sealer?: SealerBackend;
  /** The person accepts a sealer that only obfuscates (Linux without a password manager). */
  allowUnprotectedSecrets?: boolean;
  /** OpenSSH known_hosts honoured for inventory hosts; default ~/.ssh/known_hosts, null to ignore. */
  knownHostsFile?: string | null;
  /** Where alert notifications go (the channels module); default: the engine log only. */
  notifier?: Notifier;
  /** The console's address, for links in notifications (serve knows it once it listens). */
  consoleUrl?: string | null | (() => string | null);
  /** Tests: a faster disk forecast (less history needed). */
  alertForecast?: Partial<ForecasterOptions>;
}

export interface Engine {
  api: OpsApi;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Resolves once this computer has been polled since start (or after `timeoutMs`), so a first
   * page can be sent with fresh numbers instead of waiting for them over the socket.
   */
  localPolled(timeoutMs: number): Promise<void>;
}

type EngineEvents = {
  sample: SampleEvent;
  targets: TargetsChangedEvent;
  glossary: GlossaryChangedEvent;
  incident: IncidentChangedEvent;
  inventory: InventoryChangedEvent;
  checks: ChecksChangedEvent;
  alerts: AlertsChangedEvent;
  channels: ChannelsChangedEvent;
  desktop: DesktopNotificationEvent;
  logs: LogBatch;
};

const SPARKLINE_POINTS = 30;
/** A chart's width when the screen does not say: the host page's charts are about this wide. */
const DEFAULT_CHART_WIDTH_PX = 600;
const FLUSH_EVERY_MS = 2_000;
/**
 * Latest snapshots only serve a restart (the last known state until the first new poll), so
 * they are saved every 30 s, and at once for a target saved never before. bench:fleet measured
 * saving all of them at every 2 s flush as a tenth of the engine's CPU at 1,000 hosts.
 */
const SNAPSHOTS_EVERY_MS = 30_000;
const SNAPSHOTS_PER_WRITE = 64;
const RETENTION_EVERY_MS = 10 * 60_000;
/** CPU % and other rates need two readings: the second poll of this computer comes this soon. */
const SECOND_LOCAL_POLL_MS = 500;
/**
 * The glossary, incidents, the inventory and the keychain probe load on first use (a page asks
 * right after its first paint), or this long after start if nobody asked (see engine-features.ts).
 */
const FEATURES_AFTER_MS = 2_000;

const unavailable = () => new OpsError('UNAVAILABLE', 'The engine is not running yet. Wait a moment and try again.');

export function localTarget(intervalMs: number): Target {
  return { id: LOCAL_TARGET_ID, name: os.hostname() || 'This computer', kind: 'local', intervalMs, enabled: true };
}

export function createEngine(opts: EngineOptions): Engine {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? nullLogger;
  const rules = opts.rules ?? DEFAULT_RULES;
  const intervalMs = opts.intervalMs ?? 2_000;
  const bus = new EventBus<EngineEvents>(logger);
  const scheduler = new Scheduler(clock, logger);
  const monitors = new Map<TargetId, TargetMonitor>();
  const pendingSnapshots = new Map<TargetId, HostSnapshot>();
  // The alert engine hears every poll, fresh or failed, right after its snapshot is known.
  const pollListeners = new Set<(polls: readonly PolledTarget[]) => void>();
  let store: Store | null = null;
  // Disk full, I/O error, read-only folder: seen on every write, shown on every screen.
  const storage = new StorageHealthTracker(opts.dataDir, () => clock.now());
  const sampleCounts = () => store?.sampleCounts();
  // Readings wait in memory for their chunk's end, so writes are minutes apart: the probe tells
  // of a full disk at the next flush tick instead.
  const freeSpace = new FreeSpaceProbe(opts.dataDir, (low) => storage.spaceChecked(low, sampleCounts()));
  let started = false;
  /** One per start: the features opened for it, and whether this computer has been polled. */
  let run: { features: Promise<EngineFeatures> | null; opened: EngineFeatures | null; localPolled: Promise<void>; markPolled(): void } | null = null;

  const requireStore = (): Store => {
    if (!store) throw unavailable();
    return store;
  };

  /** The features of this run, loaded on first use. Rejects UNAVAILABLE when the engine is not running. */
  function features(): Promise<EngineFeatures> {
    const current = run;
    if (!current || !store) return Promise.reject(unavailable());
    current.features ??= (async () => {
      // A turn of the event loop first, so answers already on their way (the first overview) go out.
      await new Promise((resolve) => setImmediate(resolve));
      const [{ openFeatures }, incidentStore] = await Promise.all([import('./engine-features'), requireStore().openIncidents()]);
      // Stopped meanwhile: open nothing (the inventory would start watching hosts).
      if (run !== current || !store) throw unavailable();
      const deps: FeatureDeps = {
        store,
        clock,
        logger,
        scheduler,
        dataDir: opts.dataDir,
        secrets: opts.secrets,
        sealer: opts.sealer,
        allowUnprotectedSecrets: opts.allowUnprotectedSecrets,
        knownHostsFile: opts.knownHostsFile,
        emitGlossary: (event) => bus.emit('glossary', event),
        emitIncident: (event) => bus.emit('incident', event),
        emitInventory: (event) => bus.emit('inventory', event),
        emitChecks: (event) => bus.emit('checks', event),
        emitAlerts: (event) => bus.emit('alerts', event),
        watched: () => [...monitors.values()].map((m) => ({ target: m.target, latest: m.latest })),
        onPoll: (listener) => {
          pollListeners.add(listener);
          return () => void pollListeners.delete(listener);
        },
        notifier: opts.notifier,
        consoleUrl: typeof opts.consoleUrl === 'function' ? opts.consoleUrl : () => (opts.consoleUrl as string | null | undefined) ?? null,
        alertForecast: opts.alertForecast,
        flush: () => flush(),
        emitChannels: (event) => bus.emit('channels', event),
        emitDesktop: (event) => {
          bus.emit('desktop', event);
          return bus.listenerCount('desktop');
        },
        emitLogs: (batch) => bus.emit('logs', batch),
        watch: watchTarget,
        unwatch: unwatchTarget,
        hostOf: (targetId) => {
          const m = monitors.get(targetId);
          return m ? { name: m.target.name, snapshot: m.latest } : null;
        },
      };
      current.opened = openFeatures(deps, incidentStore);
      logger.log('info', 'engine-features-opened');
      return current.opened;
    })();
    current.features.catch((err: unknown) => {
      if (run === current) logger.log('error', 'engine-features-failed', { error: String(err) });
    });
    return current.features;
  }

  /** Polls that landed together (one host, or every host of a data source) go to the listeners as one batch. */
  function publish(polls: readonly PolledTarget[]): void {
    for (const { snapshot } of polls) bus.emit('sample', { snapshot });
    for (const listener of pollListeners) {
      try {
        listener(polls);
      } catch (err) {
        logger.log('error', 'poll-listener-failed', { targetIds: polls.slice(0, 3).map((p) => p.target.id), error: String(err) });
      }
    }
  }

  const fedHosts = createFedHosts({ clock, rules, monitors, published: publish, targetsChanged: () => emitTargets() });

  /** A source's table of hosts says which are shown as another tile (known to two sources). */
  function stateShownAs(snapshot: HostSnapshot, shownAs: Map<string, Target>): void {
    if (shownAs.size === 0) return;
    // Prometheus's targets table is keyed by instance, Zabbix's hosts table by hostid.
    for (const [table, column] of [['targets', 'instance'], ['hosts', 'id']] as const) {
      for (const row of snapshot.tables?.[table]?.rows ?? []) {
        const own = shownAs.get(String(row[column]));
        if (own) row.shownAs = own.name;
      }
    }
  }

  const requireMonitor = (targetId: TargetId): TargetMonitor => {
    const monitor = monitors.get(targetId);
    if (!monitor) throw new OpsError('UNKNOWN_TARGET', `No target "${targetId}" is being watched. Pick one from the overview.`);
    return monitor;
  };

  function addMonitor(target: Target, monitor: TargetMonitor, initialDelayMs = 0, secondRunAfterMs?: number): void {
    monitors.set(target.id, monitor);
    scheduler.add({
      id: `poll:${target.id}`,
      initialDelayMs,
      secondRunAfterMs,
      intervalMs: target.intervalMs,
      // The monitor enforces its own poll deadline; this one is a backstop.
      timeoutMs: target.intervalMs * 3,
      run: async () => {
        const { snapshot, fresh, members, error } = await monitor.poll(Math.max(1_000, target.intervalMs * 2));
        // Removed while this poll ran: its hosts must not come back.
        if (monitors.get(target.id) !== monitor) return;
        if (fresh) requireStore().ingest(target.id, snapshot.ts, snapshotSeriesValues(snapshot, historyKeysOf(target.kind)));
        if (members !== undefined || (!fresh && fedHosts.hasMembers(target.id))) stateShownAs(snapshot, fedHosts.feed(target, members, error));
        pendingSnapshots.set(target.id, snapshot);
        publish([{ target, snapshot, fresh }]);
        if (target.id === LOCAL_TARGET_ID) run?.markPolled();
      },
    });
  }

  /** A target as the screens see it: with the other sources that know the same machine (one fleet). */
  const shownTarget = (target: Target): Target => {
    const alsoFrom = fedHosts.alsoFrom(target.id);
    return alsoFrom.length > 0 ? { ...target, alsoFrom } : target;
  };
  const emitTargets = () => bus.emit('targets', { targets: [...monitors.values()].map((m) => shownTarget(m.target)) });

  function watchTarget(target: Target, collector: Collector, latest: HostSnapshot | null, initialDelayMs = 0): void {
    const monitor = new TargetMonitor(target, collector, rulesForKind(rules, target.kind), clock);
    monitor.latest = latest;
    addMonitor(target, monitor, initialDelayMs);
    emitTargets();
  }

  async function unwatchTarget(targetId: TargetId): Promise<HostSnapshot | null> {
    const monitor = monitors.get(targetId);
    if (!monitor) return null;
    scheduler.remove(`poll:${targetId}`);
    monitors.delete(targetId);
    fedHosts.drop(targetId);
    pendingSnapshots.delete(targetId);
    savedOnce.delete(targetId);
    await monitor.close();
    emitTargets();
    return monitor.latest;
  }

  const savedOnce = new Set<TargetId>();
  /** Writes the readings that are due; on stop, every pending snapshot too. */
  function flush(opts: { allSnapshots?: boolean } = {}): void {
    if (!store) return;
    try {
      store.flush();
      if (opts.allSnapshots) saveSnapshots([...pendingSnapshots.values()]);
      storage.succeeded(sampleCounts());
    } catch (err) {
      storage.failed(err, sampleCounts());
      logger.log('error', 'store-flush-failed', { error: String(err) });
    }
  }

  /**
   * Latest snapshots, a share per flush tick so that each target's is written within
   * SNAPSHOTS_EVERY_MS and a target's first one at the next tick; in writes of at most
   * SNAPSHOTS_PER_WRITE with turns of the loop between them. Saving all 1,000 at once every
   * 30 s blocked the loop for about 100 ms (bench:fleet).
   */
  async function saveSnapshotsInTurns(): Promise<void> {
    const share = Math.ceil((pendingSnapshots.size * FLUSH_EVERY_MS) / SNAPSHOTS_EVERY_MS);
    const due: HostSnapshot[] = [];
    // Oldest first: a target's entry keeps its place in the Map until it is saved.
    for (const snapshot of pendingSnapshots.values()) if (due.length < share || !savedOnce.has(snapshot.targetId)) due.push(snapshot);
    for (let i = 0; i < due.length && store; i += SNAPSHOTS_PER_WRITE) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        if (store) saveSnapshots(due.slice(i, i + SNAPSHOTS_PER_WRITE));
      } catch (err) {
        storage.failed(err, sampleCounts());
        logger.log('error', 'store-flush-failed', { error: String(err) });
        return;
      }
    }
  }

  function saveSnapshots(list: HostSnapshot[]): void {
    store?.saveLatestSnapshots(list);
    for (const snapshot of list) {
      savedOnce.add(snapshot.targetId);
      // A poll that landed meanwhile stays pending.
      if (pendingSnapshots.get(snapshot.targetId) === snapshot) pendingSnapshots.delete(snapshot.targetId);
    }
  }

  const core: Pick<OpsApi, CoreMethodName> = {
    async getAppInfo(): Promise<AppInfo> {
      return {
        version: ENGINE_VERSION,
        host: opts.host,
        platform: process.platform,
        osLocale: opts.osLocale ?? Intl.DateTimeFormat().resolvedOptions().locale,
        dataDir: opts.dataDir,
      };
    },
    async listTargets() {
      return [...monitors.values()].map((m) => shownTarget(m.target));
    },
    async getOverview(): Promise<OverviewTile[]> {
      const s = requireStore();
      const now = clock.now();
      return [...monitors.values()].map((m) => {
        const snapshot = m.latest ? withStaleness(m.latest, m.target, now, m.rules) : null;
        // A fed host has no history here (its source keeps it): 5,000 store lookups that find nothing, skipped.
        const recent = m.target.source ? {} : s.recentValues(m.target.id, tileKeysOf(m.target.kind), SPARKLINE_POINTS);
        return { target: shownTarget(m.target), snapshot, status: snapshot?.status ?? 'unknown', sparklines: recent as OverviewTile['sparklines'] };
      });
    },
    async getSnapshot({ targetId }) {
      const m = requireMonitor(targetId);
      return m.latest ? withStaleness(m.latest, m.target, clock.now(), m.rules) : null;
    },
    async getStorageHealth() {
      const counts = sampleCounts();
      return counts ? { ...storage.current, pendingSamples: counts.pending, droppedSamples: counts.dropped } : storage.current;
    },
    async getSeries(q: SeriesQuery) {
      const monitor = requireMonitor(q.targetId);
      if (!(q.range in TIME_RANGES)) throw new OpsError('INVALID_ARGUMENT', `Unknown range "${q.range}". Use 15m, 1h, 24h or 7d.`);
      // A host a source feeds has no history here: the source answers, at the chart's width.
      const source = monitor.target.source;
      if (source) {
        const key = monitor.target.id.slice(source.checkId.length + 1);
        const answer = monitors.get(source.checkId)?.querySeries(key, q, q.widthPx ?? DEFAULT_CHART_WIDTH_PX);
        if (!answer) throw new OpsError('UNAVAILABLE', `The data source of ${monitor.target.name} is not running. Enable it and try again.`);
        return answer;
      }
      if (!(q.range in TIME_RANGES)) throw new OpsError('INVALID_ARGUMENT', `Unknown range "${q.range}". Use 15m, 1h, 24h or 7d.`);
      flush();
      return requireStore().querySeries(q);
    },
  };

  /** The fallback job: opens the features if nobody has asked yet, then removes itself. */
  async function openFeaturesOnce(): Promise<void> {
    scheduler.remove('engine:features');
    await features();
  }

  // Every contract method the core does not answer is a feature's (FeatureMethods is exhaustive).
  const featureMethods = Object.fromEntries(
    METHOD_NAMES.filter((name) => !(name in core)).map((name) => [
      name,
      async (arg?: unknown) => {
        const method = (await features()).methods[name as keyof FeatureMethods] as (arg?: unknown) => Promise<unknown>;
        try {
          return await method(arg);
        } catch (err) {
          // A write the disk refused is one stable code (nothing was half-written: one transaction each).
          const status = storage.failed(err, sampleCounts());
          throw status ? storageError(status) : err;
        }
      },
    ]),
  ) as unknown as FeatureMethods;

  const api: OpsApi = {
    ...core,
    ...featureMethods,
    onDidSample: (listener) => bus.on('sample', listener),
    onDidChangeTargets: (listener) => bus.on('targets', listener),
    onDidChangeIncident: (listener) => bus.on('incident', listener),
    onDidChangeInventory: (listener) => bus.on('inventory', listener),
    onDidChangeGlossary: (listener) => bus.on('glossary', listener),
    onDidChangeChecks: (listener) => bus.on('checks', listener),
    onDidChangeAlerts: (listener) => bus.on('alerts', listener),
    onDidChangeChannels: (listener) => bus.on('channels', listener),
    onDidRequestDesktopNotification: (listener) => bus.on('desktop', listener),
    onDidLogLines: (listener) => bus.on('logs', listener),
    onDidChangeStorageHealth: (listener) => storage.onChange(listener),
  };

  return {
    api,
    async start() {
      if (started) return;
      started = true;
      let markPolled = () => {};
      const localPolled = new Promise<void>((resolve) => (markPolled = resolve));
      run = { features: null, opened: null, localPolled, markPolled };
      store = openStore({ dataDir: opts.dataDir, clock, logger, retention: opts.retention });
      const local = localTarget(intervalMs);
      store.upsertTarget(local);
      const monitor = new TargetMonitor(local, createLocalCollector({ clock }), rules, clock);
      // Show the last known state at once after a restart; staleness marks it until a new poll lands.
      monitor.latest = store.loadLatestSnapshots().find((s) => s.targetId === local.id) ?? null;
      addMonitor(local, monitor, 0, intervalMs > 2 * SECOND_LOCAL_POLL_MS ? SECOND_LOCAL_POLL_MS : undefined);
      // Short writes with turns of the loop between them first; a failure is retried and reported
      // by flush(), which then writes what arrived meanwhile and the snapshots.
      scheduler.add({ id: 'store:flush', intervalMs: FLUSH_EVERY_MS, run: async () => (freeSpace.check(), await store?.drain().catch(() => 0), flush(), await saveSnapshotsInTurns()) });
      scheduler.add({
        id: 'store:retention',
        intervalMs: RETENTION_EVERY_MS,
        initialDelayMs: 30_000,
        timeoutMs: 60_000,
        run: async () => {
          const r = await requireStore().runRetention(clock.now());
          logger.log('info', 'retention-done', { ...r });
        },
      });
      // Inventory hosts are tiles of the first overview, so with any enabled the features open
      // now; otherwise on first use, or a little later (the overdue check, the keychain probe).
      if (store.inventory.listHosts().some((h) => h.enabled)) await features();
      else scheduler.add({ id: 'engine:features', intervalMs: FEATURES_AFTER_MS, initialDelayMs: FEATURES_AFTER_MS, run: openFeaturesOnce });
      bus.emit('targets', { targets: [...monitors.values()].map((m) => m.target) });
      logger.log('info', 'engine-started', { dataDir: opts.dataDir, intervalMs });
    },
    async stop() {
      if (!started) return;
      started = false;
      scheduler.stopAll();
      flush({ allSnapshots: true });
      await Promise.all([...monitors.values()].map((m) => m.close()));
      monitors.clear();
      await run?.opened?.close();
      run = null;
      store?.close();
      store = null;
      logger.log('info', 'engine-stopped');
    },
    localPolled(timeoutMs) {
      if (!run) return Promise.resolve();
      let timer: ReturnType<Clock['setTimeout']> | null = null;
      const timeout = new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, timeoutMs)));
      return Promise.race([run.localPolled, timeout]).finally(() => timer && clock.clearTimeout(timer));
    },
  };
}
