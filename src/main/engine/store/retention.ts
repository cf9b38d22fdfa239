// Deletes history past its retention window. Work is cut into small batches with a turn of
// the event loop between them, so a first run after weeks offline never stalls polling.

import type Database from 'better-sqlite3';
import type { Logger } from '../core/logger';
import type { RetentionResult } from './store-types';

export interface RetentionSettings {
  rawMs: number;
  rollupMs: number;
  /** Rows deleted (or statements run) between two yields to the event loop. */
  batchRows: number;
}

type DeleteBatch = Database.Statement<[{ id: number; cutoff: number; limit: number }]>;

export class Retention {
  private running: Promise<RetentionResult> | null = null;
  private readonly listSeries: Database.Statement<[], number>;
  private readonly deleteRaw: DeleteBatch;
  private readonly deleteRollups: DeleteBatch;
  private budget: number;

  constructor(
    db: Database.Database,
    private readonly settings: RetentionSettings,
    private readonly logger: Logger,
    private readonly isOpen: () => boolean,
  ) {
    this.budget = settings.batchRows;
    this.listSeries = db.prepare<[], number>('SELECT id FROM series ORDER BY id').pluck();
    // Per series, so every delete walks the (series_id, ts) primary key instead of scanning
    // the table; SQLite's DELETE has no LIMIT in default builds, hence the subquery.
    this.deleteRaw = db.prepare(`
      DELETE FROM samples WHERE series_id = @id AND ts IN (
        SELECT ts FROM samples WHERE series_id = @id AND ts < @cutoff ORDER BY ts LIMIT @limit)
    `);
    this.deleteRollups = db.prepare(`
      DELETE FROM rollups_1m WHERE series_id = @id AND minute_ts IN (
        SELECT minute_ts FROM rollups_1m WHERE series_id = @id AND minute_ts < @cutoff ORDER BY minute_ts LIMIT @limit)
    `);
  }

  /** Concurrent calls share the run already in progress (and its `now`). */
  run(now: number): Promise<RetentionResult> {
    this.running ??= this.sweep(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweep(now: number): Promise<RetentionResult> {
    const result: RetentionResult = { rawDeleted: 0, rollupsDeleted: 0 };
    const rawCutoff = now - this.settings.rawMs;
    const rollupCutoff = now - this.settings.rollupMs;
    for (const id of this.listSeries.all()) {
      result.rawDeleted += await this.deleteOlder(this.deleteRaw, id, rawCutoff);
      result.rollupsDeleted += await this.deleteOlder(this.deleteRollups, id, rollupCutoff);
    }
    this.logger.log('info', 'store-retention', { ...result, rawCutoff, rollupCutoff, complete: this.isOpen() });
    return result;
  }

  private async deleteOlder(statement: DeleteBatch, id: number, cutoff: number): Promise<number> {
    const limit = this.settings.batchRows;
    let total = 0;
    for (;;) {
      // The store may have been closed while this run waited for its turn.
      if (!this.isOpen()) return total;
      const deleted = statement.run({ id, cutoff, limit }).changes;
      total += deleted;
      this.budget -= deleted + 1;
      if (this.budget <= 0) {
        this.budget = limit;
        await yieldToEventLoop();
      }
      if (deleted < limit) return total;
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  // setImmediate, not the injected clock: this is about letting I/O run, not about time.
  return new Promise((resolve) => setImmediate(resolve));
}
