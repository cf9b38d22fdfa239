// Schema history. `PRAGMA user_version` holds the version of the last applied migration.
// Append only: a shipped migration is never edited, because databases in the field already
// ran it. Later features (incidents, inventory, audit) add their tables as new entries.

import type Database from 'better-sqlite3';
import { INCIDENTS_MIGRATION } from './incidents-migration';
import { CHECKS_MIGRATION } from './checks-migration';
import { INVENTORY_MIGRATION } from './inventory-migration';
import { ALERTS_MIGRATION } from './alerts-migration';
import { CHANNELS_MIGRATION } from './channels-migration';
import { LOG_EVENTS_MIGRATION } from './log-events-migration';
import { SAMPLE_CHUNKS_MIGRATION } from './sample-chunks-migration';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'history-targets-settings',
    up(db) {
      db.exec(`
        -- Series keys are interned: a sample row then costs an integer id, a timestamp and a value.
        -- No foreign key to targets: the embedded local target reports before inventory saves it,
        -- and a failed constraint would throw away a whole batch of samples.
        CREATE TABLE series (
          id INTEGER PRIMARY KEY,
          target_id TEXT NOT NULL,
          key TEXT NOT NULL,
          UNIQUE (target_id, key)
        );

        -- value is NULL for a reading that could not be taken: a gap, never a fabricated 0.
        CREATE TABLE samples (
          series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
          ts INTEGER NOT NULL,
          value REAL,
          PRIMARY KEY (series_id, ts)
        ) WITHOUT ROWID;

        -- One row per series and minute; count is the number of non-null samples, so a minute
        -- of nothing but gaps keeps avg/min/max NULL.
        CREATE TABLE rollups_1m (
          series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
          minute_ts INTEGER NOT NULL,
          avg REAL,
          min REAL,
          max REAL,
          count INTEGER NOT NULL,
          PRIMARY KEY (series_id, minute_ts)
        ) WITHOUT ROWID;

        -- A rowid table on purpose: listTargets() returns targets in the order they were added.
        CREATE TABLE targets (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          kind TEXT NOT NULL,
          interval_ms INTEGER NOT NULL,
          enabled INTEGER NOT NULL
        );

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE latest_snapshot (
          target_id TEXT PRIMARY KEY,
          ts INTEGER NOT NULL,
          snapshot TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    name: 'glossary-entries',
    up(db) {
      db.exec(`
        -- The organisation's own glossary terms ('org') and its local versions of built-in terms
        -- ('override'). Built-in entries are never stored: they ship in the app bundle, so a new
        -- OpsDeck brings new built-in texts while local overrides stay as they were.
        -- entry is the whole entry as JSON, validated by the engine on every write and read.
        CREATE TABLE glossary_entries (
          id TEXT PRIMARY KEY,
          entry TEXT NOT NULL,
          origin TEXT NOT NULL CHECK (origin IN ('org', 'override')),
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  INCIDENTS_MIGRATION,
  INVENTORY_MIGRATION,
  CHECKS_MIGRATION,
  ALERTS_MIGRATION,
  CHANNELS_MIGRATION,
  LOG_EVENTS_MIGRATION,
  SAMPLE_CHUNKS_MIGRATION,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database, each in its own IMMEDIATE transaction
 * together with its user_version bump, so a crash leaves the schema at a whole version.
 * Returns the migrations that ran. The caller has already refused databases from the future.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const applied: Migration[] = [];
  for (const migration of migrations) {
    const step = db.transaction(() => {
      // Re-read inside the write lock: another OpsDeck process may have migrated meanwhile.
      if (schemaVersion(db) >= migration.version) return false;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (step.immediate()) applied.push(migration);
  }
  return applied;
}
