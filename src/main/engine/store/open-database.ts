// Opens the SQLite file, refuses schemas from a newer OpsDeck before touching anything, then
// sets the connection pragmas and migrates.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import type { Logger } from '../core/logger';
import { applyMigrations, MIGRATIONS, schemaVersion, type Migration } from './migrations';

export const DB_FILE_NAME = 'opsdeck.db';

const BUSY_TIMEOUT_MS = 5_000;
const WAL_SIZE_LIMIT_BYTES = 16 * 2 ** 20;

export function openDatabase(dataDir: string, logger: Logger, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  const file = join(dataDir, DB_FILE_NAME);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new OpsError('STORE_FAILED', `OpsDeck cannot create its data folder ${dataDir} (${errorText(err)}). Check that the folder is writable, or choose another data folder.`);
  }

  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new OpsError('STORE_FAILED', `OpsDeck cannot open its history database ${file} (${errorText(err)}). Check that the file and its folder are writable.`);
  }

  try {
    const latest = migrations.at(-1)?.version ?? 0;
    // Read-only check first: switching the journal mode or migrating would modify a file that a
    // newer OpsDeck may not be able to read afterwards.
    const found = readVersion(db, file);
    if (found > latest) {
      throw new OpsError(
        'STORE_FAILED',
        `The history database ${file} was written by a newer version of OpsDeck (schema ${found}; this version knows up to ${latest}). ` +
          'Update OpsDeck, or move the file aside to start with an empty history.',
      );
    }

    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') logger.log('warn', 'store-wal-unavailable', { file, mode });
    // NORMAL is safe with WAL against process crashes; only a power cut can lose the last
    // commits, which is acceptable for metric batches. Durable writes (incidents, audit) will
    // raise it to FULL around their own transactions.
    db.pragma('synchronous = NORMAL');
    // After a checkpoint the WAL file is cut back to this size instead of keeping its peak.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    // Checkpoint every 200 pages, not 1,000: each one then blocks the writing commit for less.
    // Write path alone at 5,000 hosts: max 32 ms with 1,000, 20 ms with 200 (docs/performance.md).
    db.pragma('wal_autocheckpoint = 200');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);

    migrate(db, file, found, migrations, logger);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function readVersion(db: Database.Database, file: string): number {
  try {
    return schemaVersion(db);
  } catch (err) {
    throw new OpsError(
      'STORE_FAILED',
      `The history database ${file} cannot be read (${errorText(err)}). It is damaged or not an OpsDeck database: move it aside and restart to begin an empty history.`,
    );
  }
}

function migrate(db: Database.Database, file: string, from: number, migrations: readonly Migration[], logger: Logger): void {
  try {
    for (const m of applyMigrations(db, migrations)) logger.log('info', 'store-migrated', { file, version: m.version, name: m.name });
  } catch (err) {
    if (err instanceof OpsError) throw err;
    const at = schemaVersion(db);
    throw new OpsError(
      'STORE_FAILED',
      `OpsDeck could not upgrade the history database ${file} past schema ${at} (${errorText(err)}). ` +
        `The file was left at schema ${at} (it was ${from}); free disk space or check file permissions, then restart.`,
    );
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
