// Buffers ingested samples in memory and writes them in one transaction per batch: one commit
// per couple of seconds instead of one per reading keeps the WAL small and the thread free.

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import type { SeriesKey, TargetId } from '../../../shared/model';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { minuteStart, type RollupPlan, type Rollups, type TouchedMinutes } from './rollups';
import type { SeriesIds } from './series-ids';
import type { SampleValue } from './store-types';

interface PendingRow {
  targetId: TargetId;
  key: SeriesKey;
  ts: number;
  value: number | null;
}

export interface SampleWriterOptions {
  clock: Clock;
  logger: Logger;
  rawMs: number;
  flushRows: number;
}

/** After failed writes, rows are kept for a retry up to this many batches, then the oldest go. */
const RETAINED_BATCHES_ON_FAILURE = 10;

export class SampleWriter {
  private buffer: PendingRow[] = [];
  /** Set while writes fail: ingest then stops retrying on every poll and leaves it to flush(). */
  private writeFailing = false;
  /** Readings given up because writes kept failing and the buffer was full. */
  private droppedTotal = 0;
  private readonly writeBatch: (rows: readonly PendingRow[], now: number) => { touched: TouchedMinutes; plan: RollupPlan };

  constructor(
    db: Database.Database,
    private readonly seriesIds: SeriesIds,
    private readonly rollups: Rollups,
    private readonly opts: SampleWriterOptions,
  ) {
    // A repeated (series, ts) is a re-delivered reading: the latest value wins.
    const insert = db.prepare<[number, number, number | null]>(
      'INSERT INTO samples (series_id, ts, value) VALUES (?, ?, ?) ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value',
    );
    this.writeBatch = db.transaction((rows: readonly PendingRow[], now: number) => {
      const touched: TouchedMinutes = new Map();
      for (const row of rows) {
        const id = this.seriesIds.findOrCreate(row.targetId, row.key);
        insert.run(id, row.ts, row.value);
        const minute = minuteStart(row.ts);
        let ids = touched.get(minute);
        if (!ids) touched.set(minute, (ids = new Set()));
        ids.add(id);
      }
      return { touched, plan: this.rollups.rollUpClosed(touched, now) };
    });
  }

  /** Readings waiting for a write, and those dropped so far while writes failed. */
  counts(): { pending: number; dropped: number } {
    return { pending: this.buffer.length, dropped: this.droppedTotal };
  }

  ingest(targetId: TargetId, ts: number, values: readonly SampleValue[]): void {
    if (!Number.isFinite(ts)) throw new OpsError('INVALID_ARGUMENT', `A sample time must be milliseconds since the epoch, not ${String(ts)}.`);
    const at = Math.round(ts);
    // Raw samples that old are already gone, so their minute's rollup could not be recomputed
    // whole: refusing them keeps existing rollups intact.
    if (at < this.opts.clock.now() - this.opts.rawMs) {
      this.opts.logger.log('debug', 'store-sample-too-old', { targetId, ts: at, rows: values.length });
      return;
    }
    for (const [key, value] of values) {
      // NaN or Infinity is a broken reading, stored as a gap rather than a made-up number.
      this.buffer.push({ targetId, key, ts: at, value: typeof value === 'number' && Number.isFinite(value) ? value : null });
    }
    // While writes fail (a full disk, a lock held by another process for up to busy_timeout),
    // retrying on every poll would stall the engine; the engine's periodic flush() retries.
    if (this.buffer.length >= this.opts.flushRows && !this.writeFailing) {
      try {
        this.flush();
      } catch {
        // Already logged by flush(); the rows stay buffered and the engine's next flush retries.
      }
    }
  }

  flush(): number {
    if (this.buffer.length === 0 && !this.rollups.hasClosedPending(this.opts.clock.now())) return 0;
    const rows = this.buffer;
    this.buffer = [];
    try {
      const { touched, plan } = this.writeBatch(rows, this.opts.clock.now());
      this.rollups.commit(touched, plan);
      this.writeFailing = false;
      this.opts.logger.log('debug', 'store-flushed', { rows: rows.length, rollupMinutes: plan.refreshed.length });
      return rows.length;
    } catch (err) {
      this.writeFailing = true;
      // Series created inside the rolled-back transaction no longer exist.
      this.seriesIds.forget();
      const limit = this.opts.flushRows * RETAINED_BATCHES_ON_FAILURE;
      const dropped = Math.max(0, rows.length - limit);
      this.buffer = dropped > 0 ? rows.slice(dropped) : rows;
      this.droppedTotal += dropped;
      const message = err instanceof Error ? err.message : String(err);
      this.opts.logger.log('error', 'store-write-failed', { rows: rows.length, dropped, message });
      throw Object.assign(
        new OpsError(
          'STORE_FAILED',
          `OpsDeck could not write ${rows.length} samples to its history database (${message}). ` +
            'They are kept in memory and retried on the next write; check free disk space and file permissions.',
        ),
        { cause: err }, // storage health reads SQLite's code from it
      );
    }
  }
}
