// The alerts module on a real SQLite store in a temp folder, a fake clock driving the scheduler,
// the incident module attached, and targets whose polls the test feeds by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlertsModule, type AlertsModule } from '../../../src/main/engine/alerts/alerts-module';
import type { PolledTarget, WatchedTarget } from '../../../src/main/engine/alerts/alert-engine';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { Scheduler } from '../../../src/main/engine/core/scheduler';
import { createIncidentsModule, type IncidentsModule } from '../../../src/main/engine/incidents/incidents-api';
import { RecordingNotifier } from '../../../src/main/engine/notify/notifier';
import { memorySecretStore, type SecretStore } from '../../../src/main/engine/secrets';
import { openStore, type Store } from '../../../src/main/engine/store';
import type { StoredHost } from '../../../src/main/engine/store/inventory-tables';
import type { AlertsChangedEvent } from '../../../src/shared/alerts';
import { emptyHostMetrics, type Snapshot, type Target } from '../../../src/shared/model';

export const T0 = Date.UTC(2026, 0, 5, 1, 0);

export function host(id: string, patch: Partial<StoredHost> = {}): StoredHost {
  return { id, name: id, address: '127.0.0.1', port: 22, user: 'ops', authMethod: 'agent', keyPath: null, jumpHost: null, tags: [], enabled: true, hostKeyPolicy: 'ask', intervalMs: 1_000, createdAt: T0, updatedAt: T0, ...patch };
}

export function snapshot(targetId: string, ts: number, metrics: Record<string, number | null>, extra: Partial<Snapshot> = {}): Snapshot {
  return { targetId, ts, metrics: { ...emptyHostMetrics(), ...metrics }, facts: {}, health: {}, status: 'ok', reasons: [], filesystems: [], ...extra };
}

export interface Harness {
  dir: string;
  clock: FakeClock;
  logger: MemoryLogger;
  store: Store;
  notifier: RecordingNotifier;
  module: AlertsModule;
  api: AlertsModule['methods'];
  incidents: IncidentsModule;
  events: AlertsChangedEvent[];
  secrets: SecretStore;
  watched: Map<string, WatchedTarget>;
  /** One poll of a target: its snapshot becomes the latest and the alert engine hears it. */
  poll(target: Target, metrics: Record<string, number | null>, opts?: { fresh?: boolean; extra?: Partial<Snapshot> }): void;
  /** Moves the fake clock, running the module's jobs (group waits, repeats...). */
  advance(ms: number): Promise<void>;
  /** Closes everything and opens the same folder again, as a restarted engine does. */
  restart(): Promise<void>;
  close(): void;
}

export async function openHarness(opts: { dir?: string; notifier?: RecordingNotifier } = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'opsdeck-alerts-'));
  const clock = new FakeClock(T0);
  const logger = new MemoryLogger();
  const notifier = opts.notifier ?? new RecordingNotifier();
  const watched = new Map<string, WatchedTarget>();
  const events: AlertsChangedEvent[] = [];
  const secrets: SecretStore = memorySecretStore('test');
  let pollListener: ((polls: readonly PolledTarget[]) => void) | null = null;

  const build = async () => {
    const store = openStore({ dataDir: dir, clock, logger });
    const scheduler = new Scheduler(clock, logger);
    const incidents = createIncidentsModule({ clock, logger, user: 'kim' });
    incidents.attach(await store.openIncidents(), (id) => {
      const w = watched.get(id);
      return w ? { name: w.target.name, snapshot: w.latest } : null;
    });
    const module = createAlertsModule({
      store,
      clock,
      logger,
      scheduler,
      notifier,
      secrets,
      watched: () => [...watched.values()],
      onPoll: (l) => {
        pollListener = l;
        return () => void (pollListener = null);
      },
      incidents,
      glossaryLine: () => ({ ko: '설명', en: 'Explanation' }),
      consoleUrl: () => 'http://127.0.0.1:7420',
      user: 'kim',
      emit: (e) => events.push(e),
      flush: () => void store.flush(),
    });
    return { store, scheduler, incidents, module };
  };

  let parts = await build();
  const h: Harness = {
    dir,
    clock,
    logger,
    notifier,
    watched,
    events,
    secrets,
    get store() {
      return parts.store;
    },
    get module() {
      return parts.module;
    },
    get api() {
      return parts.module.methods;
    },
    get incidents() {
      return parts.incidents;
    },
    poll(target, metrics, o = {}) {
      const fresh = o.fresh ?? true;
      // Like failedSnapshot: a failed poll keeps the time of the last reading that worked.
      const ts = fresh ? clock.now() : (watched.get(target.id)?.latest?.ts ?? clock.now());
      const snap = snapshot(target.id, ts, fresh ? metrics : {}, o.extra);
      watched.set(target.id, { target, latest: snap });
      if (fresh) parts.store.ingest(target.id, snap.ts, Object.entries(metrics));
      pollListener?.([{ target, snapshot: snap, fresh }]);
    },
    async advance(ms) {
      const step = 1_000;
      for (let t = 0; t < ms; t += step) {
        clock.advance(Math.min(step, ms - t));
        for (let i = 0; i < 3; i++) await Promise.resolve();
      }
    },
    async restart() {
      parts.module.close();
      parts.scheduler.stopAll();
      parts.store.close();
      parts = await build();
    },
    close() {
      parts.module.close();
      parts.scheduler.stopAll();
      parts.store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

export const WEB: Target = { id: 'web-01', name: 'web-01', kind: 'ssh', intervalMs: 1_000, enabled: true };
export const BASTION: Target = { id: 'bastion', name: 'bastion', kind: 'ssh', intervalMs: 1_000, enabled: true };
