// Deletes history past its retention window. Work is cut into small batches with a turn of
// the event loop between them, so a first run after weeks offline never stalls polling.

import type Database from 'better-sqlite3';
import type { Logger } from '../core/logger';
import { CHUNK_MS, decodeChunk, encodeChunk } from './chunk-codec';
import type { RetentionResult } from './store-types';

export interface RetentionSettings {
  rawMs: number;
  rollupMs: number;
  /** Rows deleted (or statements run) between two yields to the event loop. */
  batchRows: number;
}

type DeleteBatch = Database.Statement<[{ id: number; cutoff: number; limit: number }]>;

/** Chunk rows per raw delete statement: a chunk holds 24 readings at 5 s, 120 at 1 s. */
const CHUNKS_PER_DELETE = 20;

export class Retention {
  private running: Promise<RetentionResult> | null = null;
  private readonly listSeries: Database.Statement<[], number>;
  private readonly deleteChunks: Database.Statement<[{ before: number; limit: number }], number>;
  private readonly straddling: Database.Statement<[{ start: number; after: number; limit: number }], { rowid: number; data: Buffer }>;
  private readonly trimChunk: Database.Statement<[{ rowid: number; count: number; data: Buffer }]>;
  private readonly deleteChunk: Database.Statement<[number]>;
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
    // Chunks are clustered by time, so the oldest are one range at the front of the index;
    // SQLite's DELETE has no LIMIT in default builds, hence the subquery.
    this.deleteChunks = db
      .prepare<[{ before: number; limit: number }], number>(`
        DELETE FROM sample_chunks WHERE rowid IN (
          SELECT rowid FROM sample_chunks WHERE start_ts < @before ORDER BY start_ts LIMIT @limit)
        RETURNING count`)
      .pluck();
    // The chunk the cutoff falls into keeps only its newer readings, so retention is exact.
    this.straddling = db.prepare(
      'SELECT rowid, data FROM sample_chunks WHERE start_ts = @start AND rowid > @after ORDER BY rowid LIMIT @limit',
    );
    this.trimChunk = db.prepare('UPDATE sample_chunks SET count = @count, data = @data WHERE rowid = @rowid');
    this.deleteChunk = db.prepare('DELETE FROM sample_chunks WHERE rowid = ?');
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
    result.rawDeleted += await this.deleteRawBefore(rawCutoff);
    for (const id of this.isOpen() ? this.listSeries.all() : []) {
      result.rollupsDeleted += await this.deleteOlder(this.deleteRollups, id, rollupCutoff);
    }
    this.logger.log('info', 'store-retention', { ...result, rawCutoff, rollupCutoff, complete: this.isOpen() });
    return result;
  }

  /** Deletes raw readings older than `cutoff`: whole chunks before its chunk, then trims that chunk. */
  private async deleteRawBefore(cutoff: number): Promise<number> {
    const start = Math.floor(cutoff / CHUNK_MS) * CHUNK_MS;
    let total = 0;
    for (;;) {
      if (!this.isOpen()) return total;
      const counts = this.deleteChunks.all({ before: start, limit: CHUNKS_PER_DELETE });
      const deleted = counts.reduce((n, c) => n + c, 0);
      total += deleted;
      await this.spend(deleted + 1);
      if (counts.length < CHUNKS_PER_DELETE) break;
    }
    if (start === cutoff) return total;
    let after = 0;
    for (;;) {
      if (!this.isOpen()) return total;
      const rows = this.straddling.all({ start, after, limit: CHUNKS_PER_DELETE });
      let deleted = 0;
      for (const row of rows) {
        after = row.rowid;
        const { ts, values } = decodeChunk(start, row.data);
        const keep = ts.findIndex((t) => t >= cutoff);
        if (keep === 0) continue;
        if (keep < 0) this.deleteChunk.run(row.rowid);
        else this.trimChunk.run({ rowid: row.rowid, count: ts.length - keep, data: encodeChunk(start, { ts: ts.slice(keep), values: values.slice(keep) }) });
        deleted += keep < 0 ? ts.length : keep;
      }
      total += deleted;
      await this.spend(deleted + 1);
      if (rows.length < CHUNKS_PER_DELETE) return total;
    }
  }

  /** Counts work done and yields to the event loop once a batch's worth is done. */
  private async spend(work: number): Promise<void> {
    this.budget -= work;
    if (this.budget <= 0) {
      this.budget = this.settings.batchRows;
      await yieldToEventLoop();
    }
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
