// Wires the SQLite history store together: one connection, shared series ids, and one small
// object per responsibility (writing, reading, retention, snapshots, targets, settings,
// glossary).

import { OpsError } from '../../../shared/errors';
import { GlossaryTable } from './glossary-table';
import { createChecksStore } from './checks-table';
import { createAlertsTables } from './alerts-tables';
import { createChannelsStore } from './channels-tables';
import { createInventoryTables } from './inventory-tables';
import { createLogEventsStore } from './log-events-table';
import { LatestSnapshots } from './latest-snapshots';
import { openDatabase } from './open-database';
import { Retention } from './retention';
import { RollupsTable } from './rollups';
import { SampleWriter } from './sample-writer';
import { SeriesIds } from './series-ids';
import { SeriesReader } from './series-reader';
import { SettingsTable } from './settings-table';
import type { IncidentStore } from './incidents-store-types';
import type { Store, StoreOptions } from './store-types';
import { TargetsTable } from './targets-table';

const HOUR_MS = 60 * 60_000;
export const DEFAULT_RAW_RETENTION_MS = 48 * HOUR_MS;
export const DEFAULT_ROLLUP_RETENTION_MS = 30 * 24 * HOUR_MS;
/** Readings per write transaction (whole chunks, about 80 series at 5 s polls). */
export const DEFAULT_FLUSH_ROWS = 2_000;
const RETENTION_BATCH_ROWS = 2_000;

export function openStore(opts: StoreOptions): Store {
  const rawMs = positive('retention.rawMs', opts.retention?.rawMs ?? DEFAULT_RAW_RETENTION_MS);
  const rollupMs = positive('retention.rollupMs', opts.retention?.rollupMs ?? DEFAULT_ROLLUP_RETENTION_MS);
  const flushRows = positive('flushRows', opts.flushRows ?? DEFAULT_FLUSH_ROWS);
  const { clock, logger } = opts;

  const db = openDatabase(opts.dataDir, logger);
  const seriesIds = new SeriesIds(db);
  const writer = new SampleWriter(db, seriesIds, new RollupsTable(db), { clock, logger, rawMs, flushRows });
  const reader = new SeriesReader(db, seriesIds, writer.buffer, clock, rawMs);
  const retention = new Retention(db, { rawMs, rollupMs, batchRows: RETENTION_BATCH_ROWS }, logger, () => db.open);
  const snapshots = new LatestSnapshots(db, logger);
  const targets = new TargetsTable(db);
  const settings = new SettingsTable(db);
  const glossary = new GlossaryTable(db, logger);
  let incidents: Promise<IncidentStore> | null = null;
  const inventory = createInventoryTables(db, logger);
  const checks = createChecksStore(db);
  const alerts = createAlertsTables(db, logger);
  const channels = createChannelsStore(db);
  const logEvents = createLogEventsStore(db);
  logger.log('info', 'store-opened', { file: db.name, rawMs, rollupMs });

  let draining: Promise<number> | null = null;
  const open = () => {
    if (!db.open) throw new OpsError('STORE_FAILED', 'The history store is already closed because OpsDeck is shutting down; restart OpsDeck to use it again.');
  };

  return {
    path: db.name,
    ingest: (targetId, ts, values) => (open(), writer.ingest(targetId, ts, values)),
    // While a drain runs, the due chunks are its work: flush() (called before reads, which merge
    // memory anyway) must not write them all in one go behind the drain's back.
    flush: () => (open(), draining ? 0 : writeDue(writer, flushRows)),
    drain: () => {
      open();
      draining ??= drainWriter(writer, flushRows, () => db.open).finally(() => (draining = null));
      return draining;
    },
    sampleCounts: () => writer.counts(),
    longestSampleWrite: () => writer.longestWrite(),
    querySeries: (q) => (open(), reader.query(q)),
    recentValues: (targetId, keys, limit) => (open(), reader.recent(targetId, keys, limit)),
    saveLatestSnapshot: (snapshot) => (open(), snapshots.save(snapshot)),
    saveLatestSnapshots: (list) => (open(), snapshots.saveAll(list)),
    loadLatestSnapshots: () => (open(), snapshots.loadAll()),
    upsertTarget: (t) => (open(), targets.save(t)),
    listTargets: () => (open(), targets.list()),
    getSetting: (key) => (open(), settings.get(key)),
    setSetting: (key, value) => (open(), settings.set(key, value)),
    listGlossaryRows: () => (open(), glossary.list()),
    writeGlossary: (fn) => (open(), glossary.write(fn)),
    openIncidents: () => {
      open();
      incidents ??= import('./incidents-tables').then(({ IncidentTables }) => new IncidentTables(db, logger));
      return incidents;
    },
    inventory,
    checks,
    alerts,
    channels,
    logEvents,
    runRetention: async (now) => {
      open();
      const at = now ?? clock.now();
      const result = await retention.run(at);
      // Log events live as long as raw samples; a few thousand rows per source at most.
      let logEventsDeleted = 0;
      while (db.open) {
        const n = logEvents.deleteOlder(at - rawMs, RETENTION_BATCH_ROWS);
        logEventsDeleted += n;
        if (n < RETENTION_BATCH_ROWS) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (logEventsDeleted > 0) logger.log('info', 'store-retention-log-events', { deleted: logEventsDeleted });
      return result;
    },
    close() {
      if (!db.open) return;
      try {
        // Every chunk, including those still open: nothing is lost at a clean close.
        while (writer.buffer.size > 0) writer.write(flushRows, true);
      } catch {
        // Logged by write(); closing must still release the file (what was not written is lost).
      }
      try {
        // Lets SQLite refresh its planner statistics cheaply, as its docs advise before closing.
        db.pragma('optimize');
      } finally {
        db.close();
      }
      logger.log('info', 'store-closed', { file: db.name });
    },
  };
}

/** Writes everything buffered in short transactions with a turn of the event loop between them. */
async function drainWriter(writer: SampleWriter, rowsPerWrite: number, isOpen: () => boolean): Promise<number> {
  let total = 0;
  writer.setDraining(true);
  try {
    while (isOpen() && writer.hasWork()) {
      total += writer.write(rowsPerWrite);
      // setImmediate, not the clock: this lets polls and sockets run between two writes.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    writer.setDraining(false);
  }
  return total;
}

/** Every due chunk, in transactions of about `rowsPerWrite` readings, without yielding. */
function writeDue(writer: SampleWriter, rowsPerWrite: number): number {
  let total = 0;
  while (writer.hasWork()) total += writer.write(rowsPerWrite);
  return total;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new OpsError('INVALID_ARGUMENT', `Store option ${name} must be a positive number, not ${String(value)}.`);
  return value;
}
