// 1-minute rollups (avg/min/max/count of non-null readings per series and minute).
//
// They are computed from a chunk's readings in the transaction that writes the chunk, so they are
// exact (no running-average drift), agree with the stored chunks even after a crash, and a
// re-delivered reading is rolled up once. A chunk's minutes are adjacent rows of one series, so
// writing them touches one B-tree leaf per series and chunk, not one per series and minute.

import type Database from 'better-sqlite3';
import type { MinuteRollup } from './chunk-codec';

export const MINUTE_MS = 60_000;

export function minuteStart(ts: number): number {
  return Math.floor(ts / MINUTE_MS) * MINUTE_MS;
}

export class RollupsTable {
  private readonly upsert: Database.Statement<[number, number, number | null, number | null, number | null, number]>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO rollups_1m (series_id, minute_ts, avg, min, max, count) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (series_id, minute_ts) DO UPDATE SET
        avg = excluded.avg, min = excluded.min, max = excluded.max, count = excluded.count
    `);
  }

  /** Inside the write transaction of the chunk the minutes come from. */
  write(seriesId: number, minutes: readonly MinuteRollup[]): void {
    for (const m of minutes) this.upsert.run(seriesId, m.minute, m.avg, m.min, m.max, m.count);
  }
}
