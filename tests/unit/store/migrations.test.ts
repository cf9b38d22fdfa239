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
});
