// Reads history for charts and sparklines. Only flushed rows are visible.

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import { TIME_RANGES, type Series, type SeriesKey, type SeriesQuery, type SeriesResult, type TargetId } from '../../../shared/model';
import type { Clock } from '../core/clock';
import { MINUTE_MS, minuteStart, type Rollups } from './rollups';
import type { SeriesIds } from './series-ids';

type Point = [number, number | null];

/** Windows up to this long are drawn from raw samples; longer ones from 1-minute averages. */
const RAW_MAX_SPAN_MS = TIME_RANGES['1h'];

/** Sparklines never need more than this; a bigger limit is a caller bug, not a request. */
const MAX_RECENT_VALUES = 10_000;

export class SeriesReader {
  private readonly rawPoints: Database.Statement<[number, number, number], Point>;
  private readonly rollupPoints: Database.Statement<[number, number, number], Point>;
  private readonly openMinutePoints: Database.Statement<[number, number, number], Point>;
  private readonly lastValues: Database.Statement<[number, number], number | null>;

  constructor(
    db: Database.Database,
    private readonly seriesIds: SeriesIds,
    private readonly rollups: Rollups,
    private readonly clock: Clock,
    private readonly rawMs: number,
  ) {
    this.rawPoints = db
      .prepare<[number, number, number], Point>('SELECT ts, value FROM samples WHERE series_id = ? AND ts >= ? AND ts <= ? ORDER BY ts')
      .raw();
    this.rollupPoints = db
      .prepare<[number, number, number], Point>(
        'SELECT minute_ts, avg FROM rollups_1m WHERE series_id = ? AND minute_ts >= ? AND minute_ts < ? ORDER BY minute_ts',
      )
      .raw();
    // Minutes still in progress are not rolled up yet: their averages come from the raw samples.
    this.openMinutePoints = db
      .prepare<[number, number, number], Point>(
        `SELECT (ts / ${MINUTE_MS}) * ${MINUTE_MS} AS minute, avg(value) FROM samples WHERE series_id = ? AND ts >= ? AND ts <= ? GROUP BY minute ORDER BY minute`,
      )
      .raw();
    this.lastValues = db
      .prepare<[number, number], number | null>('SELECT value FROM samples WHERE series_id = ? ORDER BY ts DESC LIMIT ?')
      .pluck();
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
    const resolution = span <= RAW_MAX_SPAN_MS && from >= now - this.rawMs ? 'raw' : '1m';

    const series: Series[] = q.keys.map((key) => {
      const id = this.seriesIds.find(q.targetId, key);
      if (id === undefined) return { key, points: [] };
      if (resolution === 'raw') return { key, points: this.rawPoints.all(id, from, until) };
      const exactBefore = this.rollups.exactBefore;
      const points = this.rollupPoints.all(id, minuteStart(from), Math.min(until + 1, exactBefore));
      if (until >= exactBefore) points.push(...this.openMinutePoints.all(id, Math.max(exactBefore, minuteStart(from)), until));
      return { key, points };
    });
    return { targetId: q.targetId, range: q.range, from, until, resolution, series };
  }

  recent(targetId: TargetId, keys: readonly SeriesKey[], limit: number): Partial<Record<SeriesKey, Array<number | null>>> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECENT_VALUES) {
      throw new OpsError('INVALID_ARGUMENT', `A sparkline holds 1 to ${MAX_RECENT_VALUES} values, not ${String(limit)}.`);
    }
    const out: Partial<Record<SeriesKey, Array<number | null>>> = {};
    for (const key of keys) {
      const id = this.seriesIds.find(targetId, key);
      out[key] = id === undefined ? [] : this.lastValues.all(id, limit).reverse();
    }
    return out;
  }
}
