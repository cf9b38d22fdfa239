// A real SQLite store in a temp folder with the incident module attached, a fake clock, and a
// host whose latest reading the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createIncidentsModule, type IncidentsModule } from '../../../src/main/engine/incidents/incidents-api';
import type { WatchedHost } from '../../../src/main/engine/incidents/service';
import { openStore, type IncidentStore, type Store } from '../../../src/main/engine/store';
import type { IncidentChangedEvent } from '../../../src/shared/incidents-contract';
import { emptyHostMetrics, type HostSnapshot } from '../../../src/shared/model';
import { T0 } from './helpers';

export interface Fixture {
  dir: string;
  clock: FakeClock;
  logger: MemoryLogger;
  store: Store;
  /** The store's incident tables (as attached to the module). */
  incidentStore: IncidentStore;
  module: IncidentsModule;
  api: IncidentsModule['methods'];
  events: IncidentChangedEvent[];
  hosts: Map<string, WatchedHost>;
  /** Closes the store and opens the same folder again, as a restarted engine would. */
  reopen(): Promise<void>;
  close(): void;
}

export async function openFixture(opts: { wrapStore?: (s: IncidentStore) => IncidentStore } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-incidents-'));
  const clock = new FakeClock(T0);
  const logger = new MemoryLogger();
  const hosts = new Map<string, WatchedHost>();
  const events: IncidentChangedEvent[] = [];
  const module = createIncidentsModule({ clock, logger, user: 'kim' });
  module.methods.onDidChangeIncident((e) => events.push(e));
  const fixture: Fixture = {
    dir,
    clock,
    logger,
    store: null as unknown as Store,
    incidentStore: null as unknown as IncidentStore,
    module,
    api: module.methods,
    events,
    hosts,
    async reopen() {
      fixture.store.close();
      await attach();
    },
    close() {
      fixture.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const attach = async () => {
    fixture.store = openStore({ dataDir: dir, clock, logger });
    fixture.incidentStore = await fixture.store.openIncidents();
    const incidents = opts.wrapStore ? opts.wrapStore(fixture.incidentStore) : fixture.incidentStore;
    module.attach(incidents, (id) => hosts.get(id) ?? null);
  };
  await attach();
  return fixture;
}

/** A host reading with a critical disk and a warning CPU, taken a minute before T0. */
export function breachedSnapshot(targetId = 'db-01', ts = T0 - 60_000): HostSnapshot {
  return {
    targetId,
    ts,
    metrics: { ...emptyHostMetrics(), 'cpu.usage': 88, 'disk.used': 97.25 },
    filesystems: [{ mount: '/var', device: '/dev/sda2', fsType: 'ext4', sizeBytes: 100, usedBytes: 97, usedPercent: 97.25 }],
    health: {},
    status: 'crit',
    reasons: [
      { code: 'THRESHOLD', metric: 'cpu.usage', value: 88, threshold: 85, status: 'warn' },
      { code: 'THRESHOLD', metric: 'fs.used:/var', value: 97.25, threshold: 95, status: 'crit' },
    ],
    facts: { hostname: targetId, os: null, kernel: null, arch: null },
  };
}

/** The { code, message } a refused call rejects with; fails the test when the call succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to be refused');
}
