// Buffers ingested samples in memory and writes them in transactions of at most `flushRows`
// rows: one commit per batch instead of one per reading keeps the WAL small, and a bounded batch
// keeps each write short (bench:store: one 34,000-row flush at 5,000 hosts blocked for >100 ms).

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import type { SeriesKey, TargetId } from '../../../shared/model';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { MAX_REFRESHES_PER_WRITE, minuteStart, type RollupPlan, type Rollups, type TouchedMinutes } from './rollups';
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
  private readonly writeBatch: (rows: readonly PendingRow[], now: number, refreshLimit: number) => { touched: TouchedMinutes; plan: RollupPlan };

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
    this.writeBatch = db.transaction((rows: readonly PendingRow[], now: number, refreshLimit: number) => {
      const touched: TouchedMinutes = new Map();
      for (const row of rows) {
        const id = this.seriesIds.findOrCreate(row.targetId, row.key);
        insert.run(id, row.ts, row.value);
        const minute = minuteStart(row.ts);
        let ids = touched.get(minute);
        if (!ids) touched.set(minute, (ids = new Set()));
        ids.add(id);
      }
      return { touched, plan: this.rollups.rollUpClosed(touched, now, refreshLimit) };
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
        this.flush(this.opts.flushRows);
      } catch {
        // Already logged by flush(); the rows stay buffered and the engine's next flush retries.
      }
    }
  }

  /** True while rows wait for a write, or a minute that is over waits for its rollup. */
  hasWork(): boolean {
    return this.buffer.length > 0 || this.rollups.hasClosedPending(this.opts.clock.now());
  }

  /**
   * Writes the oldest `maxRows` buffered rows (all by default) and up to `refreshLimit` rollups in
   * one transaction. Returns the rows written.
   */
  flush(maxRows = Infinity, refreshLimit = MAX_REFRESHES_PER_WRITE): number {
    if (!this.hasWork()) return 0;
    const all = this.buffer;
    const rows = maxRows >= all.length ? all : all.slice(0, maxRows);
    this.buffer = rows === all ? [] : all.slice(rows.length);
    try {
      const { touched, plan } = this.writeBatch(rows, this.opts.clock.now(), refreshLimit);
      this.rollups.commit(touched, plan);
      this.writeFailing = false;
      this.opts.logger.log('debug', 'store-flushed', { rows: rows.length, rollupMinutes: plan.refreshed.length });
      return rows.length;
    } catch (err) {
      this.writeFailing = true;
      // Series created inside the rolled-back transaction no longer exist.
      this.seriesIds.forget();
      // The failed rows go back in front of those that arrived after them, oldest first.
      const kept = rows === all ? all : rows.concat(this.buffer);
      const limit = this.opts.flushRows * RETAINED_BATCHES_ON_FAILURE;
      const dropped = Math.max(0, kept.length - limit);
      this.buffer = dropped > 0 ? kept.slice(dropped) : kept;
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
