// Writes a person made on purpose (glossary terms now; incidents and audit later) must survive
// a power cut, not only a crash of OpsDeck.

import type Database from 'better-sqlite3';

/**
 * Runs `fn` in one IMMEDIATE transaction with synchronous=FULL, then restores NORMAL.
 *
 * Why: the connection runs WAL with synchronous=NORMAL so metric batches stay cheap; in that
 * mode a commit reaches the WAL file but is not fsynced until the next checkpoint, so a power
 * cut can lose it. With FULL, SQLite fsyncs the WAL at this commit, so once `fn`'s changes are
 * reported saved they are on disk. The pragma is per connection, and better-sqlite3 is
 * synchronous on one thread, so no metric batch can interleave while it is raised. IMMEDIATE
 * takes the write lock before reading, so a check-then-write inside `fn` sees the same rows it
 * changes even if another OpsDeck process shares the file.
 */
export function durableWrite<T>(db: Database.Database, fn: () => T): T {
  const previous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}
