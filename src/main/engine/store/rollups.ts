// 1-minute rollups (avg/min/max/count of non-null samples per series and minute).
//
// Why recompute at flush time instead of merging incrementally or running a periodic
// rollup(now): after a batch is written, each (series, minute) it touched is recomputed from
// its raw samples in the same transaction. That is exact (no running-average drift), stays
// right when a sample is re-delivered or replaced, needs no watermark of "minutes done", and
// keeps the in-progress minute current so a 24 h chart reaches the present. The cost is one
// primary-key range read of at most one minute of samples per touched series per flush.

import type Database from 'better-sqlite3';

export const MINUTE_MS = 60_000;

export function minuteStart(ts: number): number {
  return Math.floor(ts / MINUTE_MS) * MINUTE_MS;
}

/** Returns a function that rewrites the rollup of one series-minute from the raw samples. */
export function prepareRollupRefresh(db: Database.Database): (seriesId: number, minuteTs: number) => void {
  // The WHERE clause also keeps SQLite from reading ON CONFLICT as a join constraint.
  const refresh = db.prepare<[{ id: number; minute: number; end: number }]>(`
    INSERT INTO rollups_1m (series_id, minute_ts, avg, min, max, count)
    SELECT @id, @minute, avg(value), min(value), max(value), count(value)
    FROM samples
    WHERE series_id = @id AND ts >= @minute AND ts < @end
    ON CONFLICT (series_id, minute_ts) DO UPDATE SET
      avg = excluded.avg, min = excluded.min, max = excluded.max, count = excluded.count
  `);
  return (id, minute) => {
    refresh.run({ id, minute, end: minute + MINUTE_MS });
  };
}
