import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { DB_FILE_NAME, LATEST_SCHEMA_VERSION, openStore } from '../../../src/main/engine/store';
import { MIGRATIONS } from '../../../src/main/engine/store/migrations';
import { openDatabase } from '../../../src/main/engine/store/open-database';

let dir: string;
let logger: MemoryLogger;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  logger = new MemoryLogger();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openStore({ dataDir: dir, clock: new FakeClock(), logger });
const inspect = <T>(read: (db: Database.Database) => T): T => {
  const db = new Database(join(dir, DB_FILE_NAME), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
};
const tables = (db: Database.Database) =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
const migratedEvents = () => logger.records.filter((r) => r.event === 'store-migrated');

describe('store migrations', () => {
  it('are numbered 1, 2, 3 ... in the order they are listed', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('create the schema in a WAL database inside a data folder that did not exist', () => {
    dir = join(dir, 'nested', 'data');
    open().close();
    inspect((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(tables(db)).toEqual(['alert_channel_imports', 'alert_rules', 'alert_silences', 'alert_timeline', 'alerts', 'audit_log', 'checks', 'glossary_entries', 'incident_timeline', 'incidents', 'inventory_hosts', 'inventory_service_hosts', 'inventory_services', 'latest_snapshot', 'log_events', 'maintenance_windows', 'notify_channels', 'notify_deliveries', 'notify_outbox', 'playbook_versions', 'postmortems', 'rollups_1m', 'sample_chunks', 'series', 'settings', 'targets', 'trusted_host_keys']);
    });
    expect(migratedEvents()).toHaveLength(MIGRATIONS.length);
  });

  it('run only once: reopening an up-to-date database applies nothing and keeps its data', () => {
    const first = open();
    first.setSetting('theme', 'dark');
    first.close();
    const second = open();
    expect(second.getSetting('theme')).toBe('dark');
    second.close();
    expect(migratedEvents()).toHaveLength(MIGRATIONS.length);
    inspect((db) => expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION));
  });

  it('refuse a database from a newer OpsDeck with STORE_FAILED and leave the file untouched', () => {
    const file = join(dir, DB_FILE_NAME);
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (42);');
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.close();

    let thrown: unknown;
    try {
      open();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'STORE_FAILED', message: expect.stringMatching(/newer version of OpsDeck.*Update OpsDeck/) });

    inspect((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(tables(db)).toEqual(['from_the_future']);
    });
  });

  it('refuse a file that is not a database with STORE_FAILED', () => {
    writeFileSync(join(dir, DB_FILE_NAME), 'this is not sqlite '.repeat(200));
    expect(open).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('move it aside') }));
  });

  it('roll a failing migration back whole and leave the database at the previous version', () => {
    openDatabase(dir, logger).close();
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        up(db: Database.Database) {
          db.exec('CREATE TABLE half_done (x)');
          throw new Error('disk on fire');
        },
      },
    ];
    expect(() => openDatabase(dir, logger, broken)).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('disk on fire') }));
    inspect((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(tables(db)).not.toContain('half_done');
    });
  });

  it('convert the raw samples of a schema-8 database into chunks, rolling up the minutes a crash left pending', () => {
    const t0 = new FakeClock().now();
    const old = openDatabase(dir, logger, MIGRATIONS.slice(0, 8));
    old.prepare("INSERT INTO series (id, target_id, key) VALUES (1, 'web-1', 'cpu.usage'), (2, 'web-1', 'mem.used')").run();
    const insert = old.prepare('INSERT INTO samples (series_id, ts, value) VALUES (?, ?, ?)');
    // 5 minutes of cpu every 10 s with a gap, 2 chunks of mem; minute 0 was rolled up before the crash, the rest pending.
    for (let s = 0; s < 300; s += 10) insert.run(1, t0 - 5 * 60_000 + s * 1_000, s === 50 ? null : s);
    insert.run(2, t0 - 4 * 60_000, 7);
    insert.run(2, t0 - 60_000, 8);
    old.prepare('INSERT INTO rollups_1m (series_id, minute_ts, avg, min, max, count) VALUES (1, ?, 25, 0, 50, 5)').run(t0 - 5 * 60_000);
    old.prepare("INSERT INTO settings (key, value) VALUES ('store.rollups.pendingFrom', ?)").run(String(t0 - 4 * 60_000));
    old.pragma('user_version = 8');
    old.close();

    const store = open();
    const hour = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage', 'mem.used'], range: '1h' });
    const day = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '24h' });
    store.close();
    expect(hour.series[0]?.points).toEqual(Array.from({ length: 30 }, (_, i) => [t0 - 5 * 60_000 + i * 10_000, i === 5 ? null : i * 10]));
    expect(hour.series[1]?.points).toEqual([[t0 - 4 * 60_000, 7], [t0 - 60_000, 8]]);
    // Minute 0 kept its stored rollup; minutes 1-4 were pending and are recomputed from the samples.
    expect(day.series[0]?.points).toEqual([0, 1, 2, 3, 4].map((m) => [t0 - (5 - m) * 60_000, m === 0 ? 25 : m * 60 + 25]));
    inspect((db) => {
      expect(tables(db)).not.toContain('samples');
      expect(db.prepare('SELECT count(*) AS chunks, sum(count) AS readings FROM sample_chunks').get()).toEqual({ chunks: 5, readings: 32 });
      expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'store.rollups.pendingFrom'").get()).toEqual({ n: 0 });
    });
  });
});
