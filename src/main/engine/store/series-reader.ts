// Reads history for charts and sparklines: stored chunks merged with the readings still in
// memory, so a chart shows every reading the engine took, written or not.

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import { TIME_RANGES, type Series, type SeriesKey, type SeriesQuery, type SeriesResult, type TargetId } from '../../../shared/model';
import type { Clock } from '../core/clock';
import { CHUNK_MS, chunkStart, decodeChunk, mergeReadings, minuteRollups, type Readings } from './chunk-codec';
import { MINUTE_MS, minuteStart } from './rollups';
import type { SampleBuffer } from './sample-buffer';
import type { SeriesIds } from './series-ids';

type Point = [number, number | null];
type Resolution = SeriesResult['resolution'];

/** Windows up to this long are drawn from raw samples; longer ones from 1-minute averages. */
const RAW_MAX_SPAN_MS = TIME_RANGES['1h'];
/** Windows longer than this are drawn from 10-minute averages: a 7-day chart gets 1,008 points per series, not 10,080. */
const ONE_MINUTE_MAX_SPAN_MS = TIME_RANGES['24h'];
const BUCKET_10M_MS = 10 * MINUTE_MS;

/** Sparklines never need more than this; a bigger limit is a caller bug, not a request. */
const MAX_RECENT_VALUES = 10_000;
/** Sparklines look back this far at most: a chunk lookup per 2 minutes, and older values are no "recent" trend. */
const RECENT_LOOKBACK_MS = 60 * MINUTE_MS;

export class SeriesReader {
  private readonly chunk: Database.Statement<[number, number], Buffer>;
  private readonly rollupPoints: Database.Statement<[number, number, number], Point>;
  private readonly rollupMinutes: Database.Statement<[number, number, number], [number, number | null, number]>;
  private readonly bucketPoints: Database.Statement<[number, number, number], Point>;

  constructor(
    db: Database.Database,
    private readonly seriesIds: SeriesIds,
    private readonly buffer: SampleBuffer,
    private readonly clock: Clock,
    private readonly rawMs: number,
  ) {
    // One lookup per chunk: chunks are clustered by time (so writes append), not by series.
    this.chunk = db.prepare<[number, number], Buffer>('SELECT data FROM sample_chunks WHERE start_ts = ? AND series_id = ?').pluck();
    this.rollupPoints = db
      .prepare<[number, number, number], Point>('SELECT minute_ts, avg FROM rollups_1m WHERE series_id = ? AND minute_ts >= ? AND minute_ts < ? ORDER BY minute_ts')
      .raw();
    this.rollupMinutes = db
      .prepare<[number, number, number], [number, number | null, number]>(
        'SELECT minute_ts, avg, count FROM rollups_1m WHERE series_id = ? AND minute_ts >= ? AND minute_ts < ? ORDER BY minute_ts',
      )
      .raw();
    // Averages of the minutes' averages weighted by their readings; NULL for a bucket of gaps.
    this.bucketPoints = db
      .prepare<[number, number, number], Point>(
        `SELECT (minute_ts / ${BUCKET_10M_MS}) * ${BUCKET_10M_MS} AS bucket, sum(avg * count) / sum(count)
         FROM rollups_1m WHERE series_id = ? AND minute_ts >= ? AND minute_ts < ? GROUP BY bucket ORDER BY bucket`,
      )
      .raw();
  }

  query(q: SeriesQuery): SeriesResult {
    const span = Object.hasOwn(TIME_RANGES, q.range) ? TIME_RANGES[q.range] : undefined;
    if (span === undefined) throw new OpsError('INVALID_ARGUMENT', `Unknown time range "${String(q.range)}"; use one of ${Object.keys(TIME_RANGES).join(', ')}.`);
    if (q.until !== undefined && !Number.isFinite(q.until)) throw new OpsError('INVALID_ARGUMENT', 'The end of a chart window must be a time in milliseconds.');

    const now = this.clock.now();
    const until = q.until ?? now;
    const from = until - span;
    // Raw samples answer short windows that retention has not started to eat; anything longer
    // or older reads the rollups, which are kept far longer than raw samples.
    const resolution: Resolution = span <= RAW_MAX_SPAN_MS && from >= now - this.rawMs ? 'raw' : span <= ONE_MINUTE_MAX_SPAN_MS ? '1m' : '10m';

    const series: Series[] = q.keys.map((key) => {
      const id = this.seriesIds.find(q.targetId, key);
      if (resolution === 'raw') return { key, points: this.rawPoints(q.targetId, key, id, from, until) };
      return { key, points: this.averagePoints(q.targetId, key, id, from, until, resolution === '10m' ? BUCKET_10M_MS : MINUTE_MS) };
    });
    return { targetId: q.targetId, range: q.range, from, until, resolution, series };
  }

  recent(targetId: TargetId, keys: readonly SeriesKey[], limit: number): Partial<Record<SeriesKey, Array<number | null>>> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECENT_VALUES) {
      throw new OpsError('INVALID_ARGUMENT', `A sparkline holds 1 to ${MAX_RECENT_VALUES} values, not ${String(limit)}.`);
    }
    const now = this.clock.now();
    const out: Partial<Record<SeriesKey, Array<number | null>>> = {};
    for (const key of keys) {
      const id = this.seriesIds.find(targetId, key);
      const starts = this.buffer.chunkStarts(targetId, key);
      const newest = Math.max(chunkStart(now), starts.at(-1) ?? -Infinity);
      const values: Array<number | null> = [];
      for (let start = newest; start >= chunkStart(now - RECENT_LOOKBACK_MS) && values.length < limit; start -= CHUNK_MS) {
        const readings = this.merged(targetId, key, id, start);
        values.unshift(...readings.values);
      }
      out[key] = values.slice(-limit);
    }
    return out;
  }

  /** Stored and buffered readings of one chunk, buffered ones winning on the same time. */
  private merged(targetId: TargetId, key: SeriesKey, id: number | undefined, start: number): Readings {
    const blob = id === undefined ? undefined : this.chunk.get(start, id);
    const stored = blob ? decodeChunk(start, blob) : EMPTY;
    const buffered = this.buffer.readings(targetId, key, start);
    return buffered ? mergeReadings(stored, buffered) : stored;
  }

  private rawPoints(targetId: TargetId, key: SeriesKey, id: number | undefined, from: number, until: number): Point[] {
    const points: Point[] = [];
    for (let start = chunkStart(from); start <= until; start += CHUNK_MS) {
      const { ts, values } = this.merged(targetId, key, id, start);
      for (let i = 0; i < ts.length; i++) if (ts[i]! >= from && ts[i]! <= until) points.push([ts[i]!, values[i]!]);
    }
    return points;
  }

  /**
   * Averages per `step` (1 or 10 minutes) from the rollups, except for the chunks that still have
   * readings in memory: their minutes are recomputed from the stored and buffered readings.
   */
  private averagePoints(targetId: TargetId, key: SeriesKey, id: number | undefined, from: number, until: number, step: number): Point[] {
    const lower = minuteStart(from);
    const buffered = this.buffer.chunkStarts(targetId, key).filter((s) => s + CHUNK_MS > lower && s <= until);
    // Everything before the first buffered chunk's step comes straight from SQL.
    const tailFrom = buffered.length > 0 ? Math.max(lower, Math.floor(buffered[0]! / step) * step) : Infinity;
    const headEnd = Math.min(until + 1, tailFrom);
    const points: Point[] = [];
    if (id !== undefined && headEnd > lower) points.push(...(step === MINUTE_MS ? this.rollupPoints : this.bucketPoints).all(id, lower, headEnd));
    if (tailFrom > until) return points;

    const minutes = new Map<number, [avg: number | null, count: number]>();
    if (id !== undefined) for (const [minute, avg, count] of this.rollupMinutes.all(id, tailFrom, until + 1)) minutes.set(minute, [avg, count]);
    for (const start of buffered) {
      for (let m = start; m < start + CHUNK_MS; m += MINUTE_MS) minutes.delete(m);
      for (const r of minuteRollups(this.merged(targetId, key, id, start))) if (r.minute >= tailFrom && r.minute <= until) minutes.set(r.minute, [r.avg, r.count]);
    }
    const sorted = [...minutes.keys()].sort((a, b) => a - b);
    if (step === MINUTE_MS) return points.concat(sorted.map((minute): Point => [minute, minutes.get(minute)![0]]));
    const byStep = new Map<number, [sum: number, count: number]>();
    for (const minute of sorted) {
      const [avg, count] = minutes.get(minute)!;
      const bucket = Math.floor(minute / step) * step;
      const acc = byStep.get(bucket) ?? [0, 0];
      if (avg !== null && count > 0) {
        acc[0] += avg * count;
        acc[1] += count;
      }
      byStep.set(bucket, acc);
    }
    for (const [bucket, [sum, count]] of byStep) points.push([bucket, count > 0 ? sum / count : null]);
    return points;
  }
}

const EMPTY: Readings = { ts: [], values: [] };
