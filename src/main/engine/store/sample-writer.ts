// Buffers ingested readings in memory per series and 2-minute chunk, and writes each chunk once
// it is over as ONE row (a blob of readings) plus its minute rollups. bench:store measured a row
// per reading at 5,000 hosts: every row of a batch landed on its own B-tree leaf, and a 2,000-row
// write took 40-600 ms. Now a write touches about one leaf per series and chunk.
//
// A crash loses the chunks still in memory (at most CHUNK_MS + CHUNK_GRACE_MS of readings); the
// latest snapshot table is written separately and is unaffected. close() writes them all.

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import type { TargetId } from '../../../shared/model';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { decodeChunk, encodeChunk, mergeReadings, minuteRollups } from './chunk-codec';
import type { RollupsTable } from './rollups';
import { SampleBuffer, type TakenChunk } from './sample-buffer';
import type { SeriesIds } from './series-ids';
import type { SampleValue } from './store-types';

export interface SampleWriterOptions {
  clock: Clock;
  logger: Logger;
  rawMs: number;
  /** About this many readings per write transaction. */
  flushRows: number;
}

/** A drain within this long means a drain job runs (the engine's every 2 s): ingest leaves the due chunks to it. */
const DRAIN_GAP_MS = 10_000;
/** While writes fail, due readings are kept for a retry up to this many transactions' worth, then the oldest go. */
const RETAINED_BATCHES_ON_FAILURE = 10;

export class SampleWriter {
  readonly buffer = new SampleBuffer();
  /** Set while writes fail: ingest then stops retrying on every poll and leaves it to flush(). */
  private writeFailing = false;
  /** Readings given up because writes kept failing and the buffer was full. */
  private droppedTotal = 0;
  /** Set by the store while its drain job works through the due chunks (with turns of the loop). */
  private draining = false;
  private lastDrainEnd = -Infinity;
  /** The longest write transaction since the last longestWrite() call, in ms (how long it held the loop). */
  private longestWriteMs = 0;
  private readonly selectChunk: Database.Statement<[number, number], Buffer>;
  /** Start of the newest chunk in the file when it was opened (-Infinity when empty). */
  private readonly newestAtOpen: number;
  private readonly writeChunks: (taken: readonly TakenChunk[]) => number;

  constructor(
    db: Database.Database,
    private readonly seriesIds: SeriesIds,
    rollups: RollupsTable,
    private readonly opts: SampleWriterOptions,
  ) {
    this.newestAtOpen = db.prepare<[], number | null>('SELECT MAX(start_ts) FROM sample_chunks').pluck().get() ?? -Infinity;
    this.selectChunk = db.prepare<[number, number], Buffer>('SELECT data FROM sample_chunks WHERE start_ts = ? AND series_id = ?').pluck();
    const upsert = db.prepare<[number, number, number, Buffer]>(
      'INSERT INTO sample_chunks (start_ts, series_id, count, data) VALUES (?, ?, ?, ?) ON CONFLICT (start_ts, series_id) DO UPDATE SET count = excluded.count, data = excluded.data',
    );
    this.writeChunks = db.transaction((taken: readonly TakenChunk[]) => {
      let written = 0;
      for (const { series, start, readings, count } of taken) {
        const id = this.seriesIds.findOrCreate(series.targetId, series.key);
        // A chunk written before (close(), late readings): the new readings join it and win on the
        // same time. Only a chunk no later than the newest in the file when it opened, or one this
        // process wrote already, can be there; every other chunk skips the lookup.
        const stored = start <= this.newestAtOpen || start <= series.writtenUpTo ? this.selectChunk.get(start, id) : undefined;
        series.writtenUpTo = Math.max(series.writtenUpTo, start);
        const merged = stored ? mergeReadings(decodeChunk(start, stored), readings) : readings;
        upsert.run(start, id, merged.ts.length, encodeChunk(start, merged));
        rollups.write(id, minuteRollups(merged));
        written += count;
      }
      return written;
    });
  }

  /** Readings in memory, not yet written (open chunks too), and those dropped so far while writes failed. */
  counts(): { pending: number; dropped: number } {
    return { pending: this.buffer.size, dropped: this.droppedTotal };
  }

  /** The store's drain job starts or ends a pass over the due chunks. */
  setDraining(on: boolean): void {
    this.draining = on;
    if (!on) this.lastDrainEnd = this.opts.clock.now();
  }

  /** The longest write since the last call, and starts over (benchmarks, storage health). */
  longestWrite(): number {
    const ms = this.longestWriteMs;
    this.longestWriteMs = 0;
    return ms;
  }

  ingest(targetId: TargetId, ts: number, values: readonly SampleValue[]): void {
    if (!Number.isFinite(ts)) throw new OpsError('INVALID_ARGUMENT', `A sample time must be milliseconds since the epoch, not ${String(ts)}.`);
    const at = Math.round(ts);
    const now = this.opts.clock.now();
    // Raw samples that old are already gone, so their minute's rollup could not be recomputed
    // whole: refusing them keeps existing rollups intact.
    if (at < now - this.opts.rawMs) {
      this.opts.logger.log('debug', 'store-sample-too-old', { targetId, ts: at, rows: values.length });
      return;
    }
    // NaN or Infinity is a broken reading, stored as a gap rather than a made-up number.
    this.buffer.addPoll(targetId, at, values);
    // Due chunks are the drain job's work; this only bounds memory if nobody drains. While writes
    // fail, retrying on every poll would stall the engine; the periodic flush() retries.
    // A drain job that ran lately is that bound already: at 5,000 hosts each chunk boundary leaves
    // 85,000 due readings, and every poll until the next drain wrote a whole transaction in its path.
    const drained = this.draining || now - this.lastDrainEnd < DRAIN_GAP_MS;
    if (!this.writeFailing && !drained && this.buffer.dueCount(now) >= this.opts.flushRows * RETAINED_BATCHES_ON_FAILURE) {
      try {
        this.write(this.opts.flushRows);
      } catch {
        // Already logged by write(); the readings stay buffered and the next flush retries.
      }
    }
  }

  /** True while a chunk that is over waits for its write. */
  hasWork(): boolean {
    return this.buffer.dueCount(this.opts.clock.now()) > 0;
  }

  /**
   * Writes whole chunks, oldest first, in one transaction of about `maxReadings` readings: the due
   * ones, or every buffered one when `all` (closing). Returns the readings written.
   */
  write(maxReadings = Infinity, all = false): number {
    const now = this.opts.clock.now();
    const taken = this.buffer.take(maxReadings, now, all);
    if (taken.length === 0) return 0;
    try {
      const started = performance.now();
      const written = this.writeChunks(taken);
      this.longestWriteMs = Math.max(this.longestWriteMs, performance.now() - started);
      this.writeFailing = false;
      this.opts.logger.log('debug', 'store-flushed', { rows: written, chunks: taken.length });
      return written;
    } catch (err) {
      this.writeFailing = true;
      // Series created inside the rolled-back transaction no longer exist.
      this.seriesIds.forget();
      this.buffer.restore(taken);
      const dropped = this.buffer.dropOldestDue(this.opts.flushRows * RETAINED_BATCHES_ON_FAILURE, now);
      this.droppedTotal += dropped;
      const rows = taken.reduce((n, t) => n + t.count, 0);
      const message = err instanceof Error ? err.message : String(err);
      this.opts.logger.log('error', 'store-write-failed', { rows, dropped, message });
      throw Object.assign(
        new OpsError(
          'STORE_FAILED',
          `OpsDeck could not write ${rows} samples to its history database (${message}). ` +
            'They are kept in memory and retried on the next write; check free disk space and file permissions.',
        ),
        { cause: err }, // storage health reads SQLite's code from it
      );
    }
  }
}
